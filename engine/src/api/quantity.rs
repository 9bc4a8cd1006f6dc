//! resource.Quantity, as far as the scheduler's fit check needs it.

/// Parses `100m`, `1`, `1.5`, `64Mi`, `2G`, `1e3` into milli-units. None if malformed.
pub fn parse_milli(s: &str) -> Option<i128> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    let (mant, exp10): (&str, i32) = match suffix {
        "" => (num, 0),
        "m" => (num, -3),
        "k" => (num, 3),
        "M" => (num, 6),
        "G" => (num, 9),
        "T" => (num, 12),
        "P" => (num, 15),
        "E" => (num, 18),
        "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei" => {
            let p = match suffix {
                "Ki" => 1,
                "Mi" => 2,
                "Gi" => 3,
                "Ti" => 4,
                "Pi" => 5,
                _ => 6,
            };
            let base = parse_decimal_milli(num, 0)?;
            return base.checked_mul(1024i128.pow(p));
        }
        e if e.starts_with('e') || e.starts_with('E') => (num, e[1..].parse().ok()?),
        _ => return None,
    };
    parse_decimal_milli(mant, exp10)
}

fn parse_decimal_milli(num: &str, exp10: i32) -> Option<i128> {
    let (neg, num) = match num.strip_prefix('-') {
        Some(n) => (true, n),
        None => (false, num.strip_prefix('+').unwrap_or(num)),
    };
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // The digits of int and frac as one integer (the scheduler parses a node's
    // allocatable for every pod it places: no string is built).
    let mut v: i128 = 0;
    for d in int.bytes().chain(frac.bytes()) {
        v = v.checked_mul(10)?.checked_add(i128::from(d - b'0'))?;
    }
    // value = digits * 10^(exp10 - frac.len()) * 1000
    let mut e = exp10 + 3 - frac.len() as i32;
    while e > 0 {
        v = v.checked_mul(10)?;
        e -= 1;
    }
    while e < 0 {
        // round up, as Quantity.MilliValue does
        v = (v + 9) / 10;
        e += 1;
    }
    Some(if neg { -v } else { v })
}

pub fn parse_json_milli(v: &serde_json::Value) -> Option<i128> {
    match v {
        serde_json::Value::String(s) => parse_milli(s),
        serde_json::Value::Number(n) => parse_milli(&n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn quantities() {
        assert_eq!(parse_milli("100m"), Some(100));
        assert_eq!(parse_milli("1"), Some(1000));
        assert_eq!(parse_milli("1.5"), Some(1500));
        assert_eq!(parse_milli("64Mi"), Some(64 * 1024 * 1024 * 1000));
        assert_eq!(parse_milli("2G"), Some(2_000_000_000_000));
        assert_eq!(parse_milli("1e3"), Some(1_000_000));
        assert_eq!(parse_milli("abc"), None);
        assert_eq!(parse_milli("1Zi"), None);
    }
}
