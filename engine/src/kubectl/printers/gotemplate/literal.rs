//! Number, character and string literals, read as Go's `strconv` reads them for the
//! parser.

use super::ast::Number;
use super::lex::Tok;
use super::quote::quote;

/// `newNumber`: the constant under every Go type that can hold it.
pub(super) fn parse_number(text: &str, kind: Tok) -> Result<Number, String> {
    let mut n = Number::default();
    if kind == Tok::CharConstant {
        let (value, _, tail) = unquote_char(&text[1..], '\'')?;
        if tail != "'" {
            return Err(format!("malformed character constant: {text}"));
        }
        return Ok(Number {
            is_int: true,
            is_uint: true,
            is_float: true,
            int: i64::from(value),
            float: f64::from(value),
        });
    }
    if kind == Tok::Complex || text.ends_with('i') {
        return Err(format!("complex constants are not supported: {text}"));
    }
    if let Some(u) = parse_uint(text) {
        n.is_uint = true;
        n.float = u as f64;
    }
    if let Some(i) = parse_int(text) {
        n.is_int = true;
        n.int = i;
        n.is_uint = i == 0 || n.is_uint;
    }
    if n.is_int {
        n.is_float = true;
        n.float = n.int as f64;
    } else if n.is_uint {
        n.is_float = true;
    } else if let Some(f) = parse_float(text) {
        if !text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Err(format!("integer overflow: {}", quote(text, false)));
        }
        n.is_float = true;
        n.float = f;
        if f as i64 as f64 == f {
            n.is_int = true;
            n.int = f as i64;
        }
        n.is_uint = n.is_uint || f as u64 as f64 == f;
    }
    if !n.is_int && !n.is_uint && !n.is_float {
        return Err(format!("illegal number syntax: {}", quote(text, false)));
    }
    Ok(n)
}

/// `strconv.ParseUint(s, 0, 64)`.
fn parse_uint(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.is_empty() {
        return None;
    }
    let (base, digits) = match (b[0], b.get(1).map(|c| c | 0x20)) {
        (b'0', Some(b'b')) if b.len() >= 3 => (2, &s[2..]),
        (b'0', Some(b'o')) if b.len() >= 3 => (8, &s[2..]),
        (b'0', Some(b'x')) if b.len() >= 3 => (16, &s[2..]),
        (b'0', _) => (8, &s[1..]),
        _ => (10, s),
    };
    let mut n: u64 = 0;
    let mut underscores = false;
    for c in digits.chars() {
        if c == '_' {
            underscores = true;
            continue;
        }
        let d = c.to_digit(36).filter(|&d| d < base)?;
        n = n.checked_mul(u64::from(base))?.checked_add(u64::from(d))?;
    }
    if underscores && !underscore_ok(s) {
        return None;
    }
    Some(n)
}

/// `strconv.ParseInt(s, 0, 64)`.
fn parse_int(s: &str) -> Option<i64> {
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let u = parse_uint(rest)?;
    match (neg, u) {
        (true, u) if u <= 1 << 63 => Some((u as i64).wrapping_neg()),
        (false, u) if u <= i64::MAX as u64 => Some(u as i64),
        _ => None,
    }
}

/// `strconv.ParseFloat(s, 64)` for decimal syntax.
fn parse_float(s: &str) -> Option<f64> {
    let body = s.trim_start_matches(['+', '-']);
    let decimal = body
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-' | b'_'));
    if !decimal || body.starts_with("0x") || body.starts_with("0X") {
        return None;
    }
    if s.contains('_') && !underscore_ok(s) {
        return None;
    }
    let f: f64 = s.replace('_', "").parse().ok()?;
    f.is_finite().then_some(f)
}

/// Whether the underscores of a number literal only separate digits.
fn underscore_ok(s: &str) -> bool {
    let b = s.trim_start_matches(['+', '-']).as_bytes();
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1] | 0x20, b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1] | 0x20 == b'x';
    }
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c.is_ascii_digit() || hex && c.is_ascii_hexdigit() {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else if saw == b'_' {
            return false;
        } else {
            saw = b'!';
        }
    }
    saw != b'_'
}

/// `strconv.Unquote` for a `"…"` or `` `…` `` literal.
pub(in crate::kubectl::printers) fn unquote(s: &str) -> Result<String, String> {
    let syntax = || "invalid syntax".to_string();
    let q = s.chars().next().filter(|q| matches!(q, '"' | '`'));
    let Some(q) = q.filter(|&q| s.len() >= 2 && s.ends_with(q)) else {
        return Err(syntax());
    };
    let body = &s[1..s.len() - 1];
    match q {
        '`' if !body.contains('`') => Ok(body.replace('\r', "")),
        '"' if !body.contains('\n') => {
            let mut bytes = Vec::with_capacity(body.len());
            let mut rest = body;
            while !rest.is_empty() {
                let (value, multibyte, tail) = unquote_char(rest, '"')?;
                match char::from_u32(value) {
                    Some(c) if multibyte || value < 0x80 => {
                        let mut buf = [0; 4];
                        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    }
                    _ => bytes.push(value as u8),
                }
                rest = tail;
            }
            Ok(String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
        }
        _ => Err(syntax()),
    }
}

/// `strconv.UnquoteChar`: the first character or escape of `s`, whether it names a code
/// point (rather than a byte), and the rest.
fn unquote_char(s: &str, quote: char) -> Result<(u32, bool, &str), String> {
    let syntax = || "invalid syntax".to_string();
    let mut chars = s.chars();
    let c = chars.next().ok_or_else(syntax)?;
    if c == quote {
        return Err(syntax());
    }
    if c != '\\' {
        return Ok((c as u32, !c.is_ascii(), chars.as_str()));
    }
    let e = chars.next().ok_or_else(syntax)?;
    let rest = chars.as_str();
    let simple = match e {
        'a' => Some(7),
        'b' => Some(8),
        'f' => Some(12),
        'n' => Some(10),
        'r' => Some(13),
        't' => Some(9),
        'v' => Some(11),
        '\\' => Some(92),
        '\'' | '"' if e == quote => Some(e as u32),
        _ => None,
    };
    if let Some(v) = simple {
        return Ok((v, false, rest));
    }
    let (len, radix) = match e {
        'x' => (2, 16),
        'u' => (4, 16),
        'U' => (8, 16),
        '0'..='7' => (2, 8),
        _ => return Err(syntax()),
    };
    let digits = rest.get(..len).ok_or_else(syntax)?;
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(syntax());
    }
    let v = u32::from_str_radix(digits, radix).map_err(|_| syntax())?;
    let tail = &rest[len..];
    match e {
        'x' => Ok((v, false, tail)),
        'u' | 'U' if char::from_u32(v).is_some() => Ok((v, true, tail)),
        '0'..='7' => {
            let v = (e as u32 - '0' as u32) << 6 | v;
            if v > 255 {
                return Err(syntax());
            }
            Ok((v, false, tail))
        }
        _ => Err(syntax()),
    }
}
