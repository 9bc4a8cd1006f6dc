//! `kubectl -o json`: Go's `json.MarshalIndent(obj, "", "    ")` of an unstructured object,
//! so map keys sorted bytewise, HTML-safe escaping, Go's float formatting, and a final newline.

use serde_json::Value as Json;

/// Go's `json.Marshal` (no indentation), as kubectl's JSONPath prints maps and lists.
#[cfg(feature = "output-templates")]
pub(crate) fn write_compact(out: &mut String, v: &Json) {
    match v {
        Json::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(out, x);
            }
            out.push(']');
        }
        Json::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            crate::sort::sort(&mut keys);
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write_compact(out, &m[k.as_str()]);
            }
            out.push('}');
        }
        scalar => write_value(out, scalar, 0),
    }
}

pub fn to_json_pretty(v: &Json) -> String {
    let mut out = String::new();
    write_value(&mut out, v, 0);
    out.push('\n');
    out
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("    ");
    }
}

fn write_value(out: &mut String, v: &Json, depth: usize) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(&go_json_number(n)),
        Json::String(s) => write_string(out, s),
        Json::Array(a) => {
            if a.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                indent(out, depth + 1);
                write_value(out, x, depth + 1);
                if i + 1 < a.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(out, depth);
            out.push(']');
        }
        Json::Object(m) => {
            if m.is_empty() {
                out.push_str("{}");
                return;
            }
            let mut keys: Vec<&String> = m.keys().collect();
            crate::sort::sort(&mut keys);
            out.push_str("{\n");
            for (i, k) in keys.iter().enumerate() {
                indent(out, depth + 1);
                write_string(out, k);
                out.push_str(": ");
                write_value(out, &m[k.as_str()], depth + 1);
                if i + 1 < keys.len() {
                    out.push(',');
                }
                out.push('\n');
            }
            indent(out, depth);
            out.push('}');
        }
    }
}

/// Go's `encoding/json` string encoding (HTML escaping on, as `json.Marshal` does).
pub(crate) fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let v = c as u32;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[((v >> shift) & 0xf) as usize] as char);
                }
            }
            c if (c as u32) < 0x20 => {
                let v = c as u32;
                out.push_str("\\u00");
                out.push(HEX[(v >> 4) as usize] as char);
                out.push(HEX[(v & 0xf) as usize] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON number as Go's encoder writes it (unstructured ints as ints, floats via
/// `strconv.AppendFloat(f, 'f' or 'e', -1, 64)` with `e-07` cleaned to `e-7`).
pub(crate) fn go_json_number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    go_json_float(n.as_f64().unwrap_or(0.0))
}

pub(crate) fn go_json_float(f: f64) -> String {
    if !f.is_finite() {
        return "null".into();
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = fmt_e(f);
        // clean up e-09 to e-9
        let b = s.as_bytes();
        let n = b.len();
        if n >= 4 && b[n - 4] == b'e' && b[n - 3] == b'-' && b[n - 2] == b'0' {
            return format!("{}{}", &s[..n - 2], &s[n - 1..]);
        }
        return s;
    }
    fmt_f(f)
}

/// Shortest round-trip decimal digits and the decimal point position: `f = 0.d1d2... × 10^dp`.
fn shortest_digits(f: f64) -> (bool, String, i32) {
    let s = format!("{:e}", f.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.trim_end_matches('0').to_string();
    let digits = if digits.is_empty() {
        "0".to_string()
    } else {
        digits
    };
    (f.is_sign_negative(), digits, exp + 1)
}

/// `strconv.FormatFloat(f, 'e', -1, 64)`.
pub(crate) fn fmt_e(f: f64) -> String {
    let (neg, d, dp) = shortest_digits(f);
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    s.push_str(&d[..1]);
    if d.len() > 1 {
        s.push('.');
        s.push_str(&d[1..]);
    }
    let exp = if f == 0.0 { 0 } else { dp - 1 };
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    let e = exp.abs();
    if e < 10 {
        s.push('0');
    }
    s.push_str(&e.to_string());
    s
}

/// `strconv.FormatFloat(f, 'f', -1, 64)`.
pub(crate) fn fmt_f(f: f64) -> String {
    let (neg, d, dp) = shortest_digits(f);
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if f == 0.0 {
        s.push('0');
        return s;
    }
    if dp <= 0 {
        s.push_str("0.");
        for _ in 0..(-dp) {
            s.push('0');
        }
        s.push_str(&d);
    } else if (dp as usize) >= d.len() {
        s.push_str(&d);
        for _ in 0..(dp as usize - d.len()) {
            s.push('0');
        }
    } else {
        s.push_str(&d[..dp as usize]);
        s.push('.');
        s.push_str(&d[dp as usize..]);
    }
    s
}

/// `strconv.FormatFloat(f, 'g', -1, 64)`, as yaml.v2 writes floats.
pub(crate) fn fmt_g(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0".into()
        } else {
            "0".into()
        };
    }
    let (_, _, dp) = shortest_digits(f);
    let exp = dp - 1;
    if !(-4..6).contains(&exp) {
        fmt_e(f)
    } else {
        fmt_f(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_like_go() {
        assert_eq!(go_json_float(1234567.5), "1234567.5");
        assert_eq!(go_json_float(1e-7), "1e-7");
        assert_eq!(go_json_float(1e20), "100000000000000000000");
        assert_eq!(go_json_float(1e21), "1e+21");
        assert_eq!(go_json_float(1.5e300), "1.5e+300");
        assert_eq!(go_json_float(0.000001), "0.000001");
        assert_eq!(go_json_float(-0.0), "-0");
        assert_eq!(go_json_float(1.0), "1");
        assert_eq!(fmt_g(1234567.5), "1.2345675e+06");
        assert_eq!(fmt_g(1e-6), "1e-06");
        assert_eq!(fmt_g(123456789012.25), "1.2345678901225e+11");
        assert_eq!(fmt_g(0.1), "0.1");
        assert_eq!(fmt_g(1e20), "1e+20");
        assert_eq!(fmt_g(100000.0), "100000");
    }

    #[test]
    fn pretty() {
        let v =
            json!({"b": [], "a": {"x": [1, {"y": "<&>"}]}, "c": {}, "d": null, "e": "\u{1}\u{8}"});
        assert_eq!(
            to_json_pretty(&v),
            "{\n    \"a\": {\n        \"x\": [\n            1,\n            {\n                \"y\": \"\\u003c\\u0026\\u003e\"\n            }\n        ]\n    },\n    \"b\": [],\n    \"c\": {},\n    \"d\": null,\n    \"e\": \"\\u0001\\b\"\n}\n"
        );
    }
}
