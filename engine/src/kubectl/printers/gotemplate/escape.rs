//! The encoders behind `html`, `js`, `urlquery` and `base64decode`.

use super::quote::is_print;
use std::fmt::Write as _;

pub(super) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0' => out.push('\u{FFFD}'),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u00{:02X}", c as u32);
            }
            c if c.is_ascii() || is_print(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
        }
    }
    out
}

/// `url.QueryEscape`.
pub(super) fn url_query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// `base64.StdEncoding.DecodeString`: the bytes, or the offset of the first bad byte.
pub(super) fn base64_decode(s: &str) -> Result<Vec<u8>, usize> {
    let src = s.as_bytes();
    let mut out = Vec::with_capacity(src.len() / 4 * 3);
    let mut si = 0;
    while si < src.len() {
        let (next, bytes, err) = decode_quantum(src, si);
        out.extend_from_slice(&bytes);
        si = next;
        if let Some(at) = err {
            return Err(at);
        }
    }
    Ok(out)
}

fn base64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Go's `decodeQuantum`: up to four symbols (newlines skipped) into up to three bytes.
fn decode_quantum(src: &[u8], mut si: usize) -> (usize, Vec<u8>, Option<usize>) {
    let skip_newlines = |mut si: usize| {
        while si < src.len() && matches!(src[si], b'\n' | b'\r') {
            si += 1;
        }
        si
    };
    let mut dbuf = [0u8; 4];
    let mut dlen = 4;
    let mut err = None;
    let mut j = 0;
    while j < 4 {
        let Some(&c) = src.get(si) else {
            return (si, Vec::new(), (j > 0).then(|| si - j));
        };
        si += 1;
        if let Some(v) = base64_value(c) {
            dbuf[j] = v;
            j += 1;
            continue;
        }
        if matches!(c, b'\n' | b'\r') {
            continue;
        }
        if c != b'=' || j < 2 {
            return (si, Vec::new(), Some(si - 1));
        }
        if j == 2 {
            // "==" is expected; the first "=" is consumed.
            si = skip_newlines(si);
            match src.get(si) {
                None => return (si, Vec::new(), Some(src.len())),
                Some(b'=') => si += 1,
                Some(_) => return (si, Vec::new(), Some(si - 1)),
            }
        }
        si = skip_newlines(si);
        if si < src.len() {
            err = Some(si); // Trailing garbage.
        }
        dlen = j;
        break;
    }
    let val = u32::from(dbuf[0]) << 18
        | u32::from(dbuf[1]) << 12
        | u32::from(dbuf[2]) << 6
        | u32::from(dbuf[3]);
    let bytes = [(val >> 16) as u8, (val >> 8) as u8, val as u8];
    (si, bytes[..dlen - 1].to_vec(), err)
}
