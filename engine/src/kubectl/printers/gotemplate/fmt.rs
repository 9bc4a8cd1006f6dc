//! `fmt.Sprint`, `Sprintln` and `Sprintf` over template values (Go's `fmt/print.go`
//! and `format.go`); floats are in `float.rs`.

use super::float::fmt_float;
use super::quote::{can_backquote, is_print, quote, quote_with};
use super::value::Val;
use serde_json::{Map, Value as Json};
use std::borrow::Cow;
use std::fmt::Write as _;

/// The flags, width and precision of one verb.
#[derive(Clone, Copy, Default)]
pub(super) struct Spec {
    pub(super) minus: bool,
    pub(super) plus: bool,
    sharp: bool,
    pub(super) space: bool,
    pub(super) zero: bool,
    /// `%#v`: Go syntax.
    sharp_v: bool,
    pub(super) wid: Option<usize>,
    pub(super) prec: Option<usize>,
}

/// `fmt.Sprint`: spaces between operands when neither is a string.
pub(super) fn sprint(args: &[Option<Val>]) -> String {
    let mut out = String::new();
    let mut prev_string = false;
    for (i, arg) in args.iter().enumerate() {
        let is_string = matches!(arg, Some(Val::Str(_)));
        if i > 0 && !is_string && !prev_string {
            out.push(' ');
        }
        print_arg(&mut out, arg.as_ref(), 'v', &Spec::default());
        prev_string = is_string;
    }
    out
}

pub(super) fn sprintln(args: &[Option<Val>]) -> String {
    let mut out = String::new();
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        print_arg(&mut out, arg.as_ref(), 'v', &Spec::default());
    }
    out.push('\n');
    out
}

/// `fmt.Sprintf`, with Go's `%!verb(…)` notes for bad verbs and missing or extra
/// operands.
pub(super) fn sprintf(format: &str, args: &[Option<Val>]) -> String {
    let b = format.as_bytes();
    let end = b.len();
    let mut out = String::new();
    let mut f = Fmt {
        arg_num: 0,
        reordered: false,
        good_arg_num: true,
    };
    let mut i = 0;
    while i < end {
        f.good_arg_num = true;
        let start = i;
        while i < end && b[i] != b'%' {
            i += 1;
        }
        out.push_str(&format[start..i]);
        if i >= end {
            break;
        }
        i += 1;
        let mut spec = Spec::default();
        while i < end {
            match b[i] {
                b'#' => spec.sharp = true,
                b'0' => spec.zero = true,
                b'+' => spec.plus = true,
                b'-' => spec.minus = true,
                b' ' => spec.space = true,
                _ => break,
            }
            i += 1;
        }
        let mut after_index;
        (i, after_index) = f.arg_number(b, i, args.len());
        if i < end && b[i] == b'*' {
            i += 1;
            match f.int_from_arg(args) {
                Some(w) if w < 0 => {
                    spec.wid = Some(w.unsigned_abs() as usize);
                    spec.minus = true;
                }
                Some(w) => spec.wid = Some(w as usize),
                None => out.push_str("%!(BADWIDTH)"),
            }
            after_index = false;
        } else {
            let (w, ok, next) = parse_num(b, i, end);
            i = next;
            if ok {
                spec.wid = Some(w);
                f.good_arg_num &= !after_index;
            }
        }
        if i + 1 < end && b[i] == b'.' {
            i += 1;
            f.good_arg_num &= !after_index;
            (i, after_index) = f.arg_number(b, i, args.len());
            if i < end && b[i] == b'*' {
                i += 1;
                match f.int_from_arg(args) {
                    Some(p) if p >= 0 => spec.prec = Some(p as usize),
                    _ => out.push_str("%!(BADPREC)"),
                }
                after_index = false;
            } else {
                let (p, ok, next) = parse_num(b, i, end);
                i = next;
                spec.prec = Some(if ok { p } else { 0 });
            }
        }
        if !after_index {
            (i, _) = f.arg_number(b, i, args.len());
        }
        let Some(verb) = format[i..].chars().next() else {
            out.push_str("%!(NOVERB)");
            break;
        };
        i += verb.len_utf8();
        match verb {
            '%' => out.push('%'),
            _ if !f.good_arg_num => {
                let _ = write!(out, "%!{verb}(BADINDEX)");
            }
            _ if f.arg_num >= args.len() => {
                let _ = write!(out, "%!{verb}(MISSING)");
            }
            _ => {
                if verb == 'v' {
                    // %#v is Go syntax, %+v only matters for structs.
                    spec.sharp_v = spec.sharp;
                    spec.sharp = false;
                    spec.plus = false;
                }
                print_arg(&mut out, args[f.arg_num].as_ref(), verb, &spec);
                f.arg_num += 1;
            }
        }
    }
    if !f.reordered && f.arg_num < args.len() {
        out.push_str("%!(EXTRA ");
        for (k, arg) in args[f.arg_num..].iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            match arg {
                Some(v) => {
                    out.push_str(v.type_name());
                    out.push('=');
                    print_arg(&mut out, Some(v), 'v', &Spec::default());
                }
                None => out.push_str("<nil>"),
            }
        }
        out.push(')');
    }
    out
}

/// The operand bookkeeping of one Sprintf.
struct Fmt {
    arg_num: usize,
    reordered: bool,
    good_arg_num: bool,
}

impl Fmt {
    /// An explicit operand index `[n]` at `i`: the position after it, and whether one
    /// was found.
    fn arg_number(&mut self, b: &[u8], i: usize, num_args: usize) -> (usize, bool) {
        if b.get(i) != Some(&b'[') {
            return (i, false);
        }
        self.reordered = true;
        let f = &b[i..];
        let close = f.iter().position(|&c| c == b']').filter(|_| f.len() >= 3);
        let Some(close) = close else {
            self.good_arg_num = false;
            return (i + 1, false);
        };
        let (n, ok, next) = parse_num(f, 1, close);
        if !ok || next != close {
            self.good_arg_num = false;
            return (i + close + 1, false);
        }
        if n >= 1 && n - 1 < num_args {
            self.arg_num = n - 1;
            return (i + close + 1, true);
        }
        self.good_arg_num = false;
        (i + close + 1, true)
    }

    /// A `*` width or precision from the next operand, if it is a small integer.
    fn int_from_arg(&mut self, args: &[Option<Val>]) -> Option<i64> {
        let arg = args.get(self.arg_num)?;
        self.arg_num += 1;
        let n = match arg {
            Some(Val::Int(n) | Val::I64(n)) => *n,
            Some(Val::U8(n)) => i64::from(*n),
            _ => return None,
        };
        (n.unsigned_abs() <= 1_000_000).then_some(n)
    }
}

/// `parsenum`: the number at `b[start..end]`; a huge one ends the format.
fn parse_num(b: &[u8], start: usize, end: usize) -> (usize, bool, usize) {
    if start >= end {
        return (0, false, end);
    }
    let (mut num, mut found, mut i) = (0usize, false, start);
    while i < end && b[i].is_ascii_digit() {
        if num > 1_000_000 {
            return (0, false, end);
        }
        num = num * 10 + usize::from(b[i] - b'0');
        found = true;
        i += 1;
    }
    (num, found, i)
}

/// `printArg`: one operand (`None` is nil) under one verb.
pub(super) fn print_arg(out: &mut String, arg: Option<&Val>, verb: char, spec: &Spec) {
    let Some(v) = arg else {
        match verb {
            'T' | 'v' => pad(out, "<nil>", spec),
            _ => bad_verb(out, verb, None, spec),
        }
        return;
    };
    match verb {
        'T' => fmt_s(out, v.type_name(), spec),
        'p' => bad_verb(out, verb, Some(v), spec),
        _ => print_value(out, v, verb, spec),
    }
}

fn print_value(out: &mut String, v: &Val, verb: char, spec: &Spec) {
    let done = match v {
        Val::Invalid => {
            out.push_str("<nil>");
            true
        }
        Val::Iface(j) => {
            print_json(out, j, verb, spec);
            true
        }
        Val::Bool(b) => fmt_bool(out, *b, verb, spec),
        Val::Int(i) | Val::I64(i) => fmt_int(out, i.unsigned_abs(), *i < 0, true, verb, spec),
        Val::U8(u) => fmt_int(out, u64::from(*u), false, false, verb, spec),
        Val::F64(f) => fmt_float(out, *f, verb, spec),
        Val::Str(s) => fmt_string(out, s, verb, spec),
        Val::Map(m) => {
            print_map(out, m, verb, spec);
            true
        }
        Val::Slice(items) => {
            print_slice(out, items, verb, spec);
            true
        }
    };
    if !done {
        bad_verb(out, verb, Some(v), spec);
    }
}

/// An element of a map or slice: an interface, printed as `<nil>` when nil.
fn print_json(out: &mut String, j: &Json, verb: char, spec: &Spec) {
    match j {
        Json::Null if spec.sharp_v => out.push_str("interface {}(nil)"),
        Json::Null => out.push_str("<nil>"),
        j => print_value(out, &Val::of_json(j), verb, spec),
    }
}

fn print_map(out: &mut String, m: &Map<String, Json>, verb: char, spec: &Spec) {
    out.push_str(if spec.sharp_v {
        "map[string]interface {}{"
    } else {
        "map["
    });
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 {
            out.push_str(if spec.sharp_v { ", " } else { " " });
        }
        if !fmt_string(out, k, verb, spec) {
            bad_verb(out, verb, Some(&Val::Str(Cow::Borrowed(k))), spec);
        }
        out.push(':');
        print_json(out, v, verb, spec);
    }
    out.push(if spec.sharp_v { '}' } else { ']' });
}

fn print_slice(out: &mut String, items: &[Json], verb: char, spec: &Spec) {
    out.push_str(if spec.sharp_v { "[]interface {}{" } else { "[" });
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if spec.sharp_v { ", " } else { " " });
        }
        print_json(out, v, verb, spec);
    }
    out.push(if spec.sharp_v { '}' } else { ']' });
}

/// `%!d(string=x)`: the operand printed with `%v` (and the verb's flags).
fn bad_verb(out: &mut String, verb: char, arg: Option<&Val>, spec: &Spec) {
    out.push_str("%!");
    out.push(verb);
    out.push('(');
    match arg {
        Some(v) => {
            out.push_str(v.type_name());
            out.push('=');
            print_arg(out, Some(v), 'v', spec);
        }
        None => out.push_str("<nil>"),
    }
    out.push(')');
}

pub(super) fn push_n(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

/// Pads to the width (in runes): zeros or spaces on the left, spaces on the right.
/// [`pad`] with spaces even under the `0` flag (text whose zeros are already in place).
fn pad_with_spaces(out: &mut String, s: &str, spec: &Spec) {
    pad(
        out,
        s,
        &Spec {
            zero: false,
            ..*spec
        },
    );
}

pub(super) fn pad(out: &mut String, s: &str, spec: &Spec) {
    let width = spec.wid.unwrap_or(0);
    let n = s.chars().count();
    if width <= n {
        out.push_str(s);
    } else if spec.minus {
        out.push_str(s);
        push_n(out, ' ', width - n);
    } else {
        push_n(out, if spec.zero { '0' } else { ' ' }, width - n);
        out.push_str(s);
    }
}

fn truncate<'s>(s: &'s str, spec: &Spec) -> &'s str {
    match spec.prec.and_then(|p| s.char_indices().nth(p)) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

fn fmt_s(out: &mut String, s: &str, spec: &Spec) {
    pad(out, truncate(s, spec), spec);
}

fn fmt_bool(out: &mut String, b: bool, verb: char, spec: &Spec) -> bool {
    if !matches!(verb, 't' | 'v') {
        return false;
    }
    pad(out, if b { "true" } else { "false" }, spec);
    true
}

fn fmt_string(out: &mut String, s: &str, verb: char, spec: &Spec) -> bool {
    match verb {
        'v' if spec.sharp_v => fmt_q(out, s, spec),
        'v' | 's' => fmt_s(out, s, spec),
        'q' => fmt_q(out, s, spec),
        'x' | 'X' => fmt_sx(out, s, verb == 'X', spec),
        _ => return false,
    }
    true
}

fn fmt_q(out: &mut String, s: &str, spec: &Spec) {
    let s = truncate(s, spec);
    if spec.sharp && can_backquote(s) {
        pad(out, &format!("`{s}`"), spec);
    } else {
        pad(out, &quote(s, spec.plus), spec);
    }
}

/// `%x` of a string: two hex digits a byte (`% x` spaces them, `%#x` adds 0x).
fn fmt_sx(out: &mut String, s: &str, upper: bool, spec: &Spec) {
    let bytes = &s.as_bytes()[..spec.prec.map_or(s.len(), |p| p.min(s.len()))];
    let mut hex = String::new();
    let prefix = if upper { "0X" } else { "0x" };
    for (i, b) in bytes.iter().enumerate() {
        if spec.space && i > 0 {
            hex.push(' ');
        }
        if spec.sharp && (i == 0 || spec.space) {
            hex.push_str(prefix);
        }
        let _ = if upper {
            write!(hex, "{b:02X}")
        } else {
            write!(hex, "{b:02x}")
        };
    }
    pad(out, &hex, spec);
}

fn fmt_int(
    out: &mut String,
    u: u64,
    negative: bool,
    signed: bool,
    verb: char,
    spec: &Spec,
) -> bool {
    let rune = || {
        Some(u)
            .filter(|_| !negative)
            .and_then(|u| u32::try_from(u).ok())
            .and_then(char::from_u32)
            .unwrap_or('\u{FFFD}')
    };
    match verb {
        'v' if spec.sharp_v && !signed => {
            let spec = Spec {
                sharp: true,
                ..*spec
            };
            fmt_integer(out, u, negative, 16, false, verb, &spec);
        }
        'v' | 'd' => fmt_integer(out, u, negative, 10, false, verb, spec),
        'b' => fmt_integer(out, u, negative, 2, false, verb, spec),
        'o' | 'O' => fmt_integer(out, u, negative, 8, false, verb, spec),
        'x' => fmt_integer(out, u, negative, 16, false, verb, spec),
        'X' => fmt_integer(out, u, negative, 16, true, verb, spec),
        'c' => pad(out, &rune().to_string(), spec),
        'q' => {
            let r = rune().to_string();
            if spec.sharp && can_backquote(&r) {
                pad(out, &format!("`{r}`"), spec);
            } else {
                pad(out, &quote_with(&r, '\'', spec.plus), spec);
            }
        }
        'U' => {
            let digits = spec.prec.unwrap_or(4).max(4);
            let mut s = format!("U+{u:0digits$X}");
            if spec.sharp && !negative && u <= 0x10FFFF && is_print(rune()) {
                let _ = write!(s, " '{}'", rune());
            }
            pad_with_spaces(out, &s, spec);
        }
        _ => return false,
    }
    true
}

/// `fmt.fmtInteger`: digits, precision or zero padding, prefixes and sign.
fn fmt_integer(
    out: &mut String,
    u: u64,
    negative: bool,
    base: u32,
    upper: bool,
    verb: char,
    spec: &Spec,
) {
    let mut min_digits = 0;
    if let Some(p) = spec.prec {
        if p == 0 && u == 0 {
            pad_with_spaces(out, "", spec);
            return;
        }
        min_digits = p;
    } else if let (true, false, Some(w)) = (spec.zero, spec.minus, spec.wid) {
        min_digits = w.saturating_sub(usize::from(negative || spec.plus || spec.space));
    }
    let mut digits = match (base, upper) {
        (2, _) => format!("{u:b}"),
        (8, _) => format!("{u:o}"),
        (16, false) => format!("{u:x}"),
        (16, true) => format!("{u:X}"),
        _ => u.to_string(),
    };
    if digits.len() < min_digits {
        digits.insert_str(0, &"0".repeat(min_digits - digits.len()));
    }
    let mut s = String::new();
    if negative {
        s.push('-');
    } else if spec.plus {
        s.push('+');
    } else if spec.space {
        s.push(' ');
    }
    if verb == 'O' {
        s.push_str("0o");
    }
    if spec.sharp {
        match base {
            2 => s.push_str("0b"),
            8 if !digits.starts_with('0') => s.push('0'),
            16 => s.push_str(if upper { "0X" } else { "0x" }),
            _ => {}
        }
    }
    s.push_str(&digits);
    pad_with_spaces(out, &s, spec);
}
