//! Floats under `%v`, `%e`, `%f` and `%g` (Go's `fmt` and `strconv.FormatFloat`).

use super::fmt::{pad, push_n, Spec};
use std::fmt::Write as _;

pub(super) fn fmt_float(out: &mut String, v: f64, verb: char, spec: &Spec) -> bool {
    let (ch, default_prec) = match verb {
        'v' => ('g', -1),
        'g' | 'G' => (verb, -1),
        'e' | 'E' | 'f' => (verb, 6),
        'F' => ('f', 6),
        _ => return false,
    };
    let prec = spec.prec.map_or(default_prec, |p| p.min(100_000) as i32);
    let num = format_float(v, ch, prec);
    let (mut sign, body) = match num.strip_prefix('-') {
        Some(rest) => ('-', rest),
        None => ('+', num.as_str()),
    };
    if spec.space && sign == '+' && !spec.plus {
        sign = ' ';
    }
    if spec.plus || sign != '+' {
        let len = 1 + body.chars().count();
        match spec.wid {
            Some(w) if spec.zero && !spec.minus && w > len => {
                // Zero padding goes after the sign.
                out.push(sign);
                push_n(out, '0', w - len);
                out.push_str(body);
            }
            _ => pad(out, &format!("{sign}{body}"), spec),
        }
    } else {
        pad(out, body, spec);
    }
    true
}

/// `strconv.FormatFloat(v, fmt, prec, 64)` for `e`, `E`, `f`, `g` and `G`; a negative
/// precision means the shortest representation that reads back as `v`.
fn format_float(v: f64, fmt: char, prec: i32) -> String {
    let neg = v.is_sign_negative();
    let a = v.abs();
    if a.is_nan() {
        return "NaN".into();
    }
    if a.is_infinite() {
        return if neg { "-Inf" } else { "+Inf" }.into();
    }
    let mut s = String::from(if neg { "-" } else { "" });
    let shortest = prec < 0;
    let prec = prec.max(0) as usize;
    match fmt {
        'f' if shortest => {
            let _ = write!(s, "{a}");
        }
        'f' => {
            let _ = write!(s, "{a:.prec$}");
        }
        'e' | 'E' => {
            let (d, dp) = if shortest {
                decimal_digits(a, None)
            } else {
                decimal_digits(a, Some(prec + 1))
            };
            let prec = if shortest { d.len().max(1) - 1 } else { prec };
            fmt_e(&mut s, &d, dp, prec, fmt);
        }
        _ => {
            let (d, dp, eprec) = if shortest {
                let (d, dp) = decimal_digits(a, None);
                (d, dp, 6)
            } else {
                let p = prec.max(1);
                let (mut d, dp) = decimal_digits(a, Some(p));
                while d.last() == Some(&b'0') {
                    d.pop();
                }
                let eprec = if p > d.len() && d.len() as i64 >= dp {
                    d.len()
                } else {
                    p
                };
                (d, dp, eprec)
            };
            let p = if shortest { d.len() } else { prec.max(1) };
            let exp = dp - 1;
            if exp < -4 || exp >= eprec as i64 {
                let e = if fmt == 'G' { 'E' } else { 'e' };
                fmt_e(&mut s, &d, dp, p.min(d.len()).saturating_sub(1), e);
            } else {
                let p = if p as i64 > dp { d.len() } else { p };
                fmt_f(&mut s, &d, dp, (p as i64 - dp).max(0) as usize);
            }
        }
    }
    s
}

/// The decimal digits of `a` (≥ 0) and the position of the decimal point: all the
/// digits of the shortest representation, or `n` significant digits correctly rounded.
/// Zero has no digits.
fn decimal_digits(a: f64, n: Option<usize>) -> (Vec<u8>, i64) {
    if a == 0.0 {
        return (Vec::new(), 0);
    }
    let text = match n {
        None => format!("{a:e}"),
        Some(n) => format!("{a:.*e}", n.saturating_sub(1)),
    };
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    (digits, exp.parse::<i64>().unwrap_or(0) + 1)
}

/// `%e`: `d.ddddde±dd`.
fn fmt_e(s: &mut String, d: &[u8], dp: i64, prec: usize, e: char) {
    s.push(d.first().map_or('0', |&c| c as char));
    if prec > 0 {
        s.push('.');
        for i in 1..=prec {
            s.push(d.get(i).map_or('0', |&c| c as char));
        }
    }
    s.push(e);
    let exp = if d.is_empty() { 0 } else { dp - 1 };
    s.push(if exp < 0 { '-' } else { '+' });
    let _ = write!(s, "{:02}", exp.abs());
}

/// `%f`: `ddd.ddd`.
fn fmt_f(s: &mut String, d: &[u8], dp: i64, prec: usize) {
    if dp > 0 {
        let whole = (dp as usize).min(d.len());
        d[..whole].iter().for_each(|&c| s.push(c as char));
        push_n(s, '0', dp as usize - whole);
    } else {
        s.push('0');
    }
    if prec > 0 {
        s.push('.');
        for i in 1..=prec as i64 {
            let j = dp + i - 1;
            let c = usize::try_from(j).ok().and_then(|j| d.get(j));
            s.push(c.map_or('0', |&c| c as char));
        }
    }
}
