//! `kubectl -o yaml`: `sigs.k8s.io/yaml.Marshal`, i.e. Go's `json.Marshal`, then the JSON
//! text decoded by go-yaml v2 (numbers become ints or floats, raw U+0085 line breaks inside
//! the double-quoted JSON strings are folded) and encoded again by go-yaml v2: map keys in
//! its "natural" order, 2-space indent, sequences in a mapping not indented, strings quoted
//! when YAML 1.1 would read them as something else (`"yes"`, `"0755"`, `"1.0"`, `""`),
//! literal blocks for multi-line strings, plain scalars folded past column 80.

use super::json::{fmt_g, go_json_number};
use serde_json::Value as Json;
use std::cmp::Ordering;

const BEST_INDENT: i32 = 2;
const BEST_WIDTH: usize = 80;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

enum Node {
    Scalar(String, Style),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// `sigs.k8s.io/yaml.Marshal(v)`.
pub fn to_yaml(v: &Json) -> String {
    let node = convert(v);
    let mut e = Emitter {
        out: String::new(),
        column: 0,
        whitespace: true,
        indention: true,
        indent: -1,
        indents: Vec::new(),
        mapping_context: false,
        simple_key_context: false,
    };
    e.emit_node(&node, false, false, false);
    e.write_indent();
    e.out
}

fn convert(v: &Json) -> Node {
    match v {
        Json::Null => Node::Scalar("null".into(), Style::Plain),
        Json::Bool(b) => Node::Scalar(if *b { "true" } else { "false" }.into(), Style::Plain),
        Json::Number(n) => Node::Scalar(yaml_number(n), Style::Plain),
        Json::String(s) => string_node(&fold_nel(s)),
        Json::Array(a) => Node::Seq(a.iter().map(convert).collect()),
        Json::Object(m) => {
            let mut entries: Vec<(String, Node)> =
                m.iter().map(|(k, v)| (fold_nel(k), convert(v))).collect();
            crate::sort::sort_by(&mut entries, |a, b| key_order(&a.0, &b.0));
            Node::Map(entries)
        }
    }
}

fn string_node(s: &str) -> Node {
    Node::Scalar(s.to_string(), string_style(s))
}

/// go-yaml v2 `encoder.stringv`: the style it asks the emitter for.
fn string_style(s: &str) -> Style {
    if s.contains('\n') {
        Style::Literal
    } else if resolves_non_str(s) || is_base60_float(s) {
        Style::DoubleQuoted
    } else {
        Style::Plain
    }
}

/// A JSON number after Go's encoder and go-yaml's decoder: ints stay ints, anything else
/// is a float written with `strconv.FormatFloat(f, 'g', -1, 64)`.
fn yaml_number(n: &serde_json::Number) -> String {
    let text = go_json_number(n);
    if let Ok(i) = text.parse::<i64>() {
        return i.to_string();
    }
    if let Ok(u) = text.parse::<u64>() {
        return u.to_string();
    }
    let f: f64 = text.parse().unwrap_or(0.0);
    match fmt_g(f).as_str() {
        "+Inf" => ".inf".into(),
        "-Inf" => "-.inf".into(),
        "NaN" => ".nan".into(),
        s => s.to_string(),
    }
}

/// go-yaml's scanner folds raw line breaks inside double-quoted scalars; of YAML's breaks only
/// U+0085 reaches it raw (Go's JSON encoder escapes `\n`, `\r`, U+2028 and U+2029). Spaces
/// around the break go; one break becomes a space, n > 1 breaks become n-1 newlines.
fn fold_nel(s: &str) -> String {
    if !s.contains('\u{85}') {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' || chars[i] == '\u{85}' {
            let mut j = i;
            let mut breaks = 0;
            while j < chars.len() && (chars[j] == ' ' || chars[j] == '\u{85}') {
                if chars[j] == '\u{85}' {
                    breaks += 1;
                }
                j += 1;
            }
            if breaks == 0 {
                out.extend(&chars[i..j]);
            } else if breaks == 1 {
                out.push(' ');
            } else {
                for _ in 1..breaks {
                    out.push('\n');
                }
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// go-yaml v2 resolve.go: would this plain scalar be read as something other than a string?

fn resolve_hint(b: u8) -> u8 {
    match b {
        b'+' | b'-' => b'S',
        b'0'..=b'9' => b'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' => b'M',
        b'.' => b'.',
        _ => 0,
    }
}

const RESOLVE_MAP: &[&str] = &[
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No",
    "NO", "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null", "NULL", ".nan",
    ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
];

fn resolves_non_str(s: &str) -> bool {
    let hint = if s.is_empty() {
        b'N'
    } else {
        resolve_hint(s.as_bytes()[0])
    };
    if hint == 0 {
        return false;
    }
    if RESOLVE_MAP.contains(&s) {
        return true;
    }
    match hint {
        b'.' => go_parse_float(s),
        b'D' | b'S' => {
            if parse_timestamp(s) {
                return true;
            }
            let plain = s.replace('_', "");
            if go_parse_int(&plain, true) || go_parse_int(&plain, false) {
                return true;
            }
            if yaml_style_float(&plain) && go_parse_float(&plain) {
                return true;
            }
            if let Some(rest) = plain.strip_prefix("0b") {
                return parse_radix(rest, 2);
            }
            if let Some(rest) = plain.strip_prefix("-0b") {
                return parse_radix(rest, 2);
            }
            false
        }
        _ => false,
    }
}

fn parse_radix(digits: &str, radix: u32) -> bool {
    !digits.is_empty()
        && digits.chars().all(|c| c.is_digit(radix))
        && u64::from_str_radix(digits, radix).is_ok()
}

/// `strconv.ParseInt(s, 0, 64)` (signed) or `ParseUint(s, 0, 64)` succeeds.
fn go_parse_int(s: &str, signed: bool) -> bool {
    let (neg, body) = if signed {
        match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        }
    } else {
        (false, s)
    };
    if body.is_empty() {
        return false;
    }
    let b = body.as_bytes();
    let (radix, digits) = if b[0] == b'0' {
        if b.len() >= 3 && (b[1] | 0x20) == b'x' {
            (16, &body[2..])
        } else if b.len() >= 3 && (b[1] | 0x20) == b'o' {
            (8, &body[2..])
        } else if b.len() >= 3 && (b[1] | 0x20) == b'b' {
            (2, &body[2..])
        } else {
            (8, &body[1..])
        }
    } else {
        (10, body)
    };
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return false;
    }
    let v = if digits.is_empty() {
        Some(0u128)
    } else {
        u128::from_str_radix(digits, radix).ok()
    };
    match v {
        None => false,
        Some(v) if signed => {
            if neg {
                v <= (i64::MAX as u128) + 1
            } else {
                v <= i64::MAX as u128
            }
        }
        Some(v) => v <= u64::MAX as u128,
    }
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let st = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - st
    };
    if i < b.len() && b[i] == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// `strconv.ParseFloat(s, 64)` succeeds, for the decimal forms go-yaml can hand it.
fn go_parse_float(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") {
        return s.len() - body.len() <= 1;
    }
    if !yaml_style_float(s) {
        return false;
    }
    s.parse::<f64>().is_ok_and(|f| f.is_finite())
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`, go-yaml's `isBase60Float`.
fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || !(b[0] == b'+' || b[0] == b'-' || b[0].is_ascii_digit()) || !s.contains(':')
    {
        return false;
    }
    let mut i = 0;
    if b[0] == b'+' || b[0] == b'-' {
        i += 1;
    }
    if i >= b.len() || !b[i].is_ascii_digit() {
        return false;
    }
    i += 1;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while i < b.len() && b[i] == b':' {
        i += 1;
        // [0-5]?[0-9]
        let st = i;
        while i < b.len() && b[i].is_ascii_digit() && i - st < 2 {
            i += 1;
        }
        match i - st {
            1 => {}
            2 if b[st] <= b'5' => {}
            2 => {
                // backtrack: a single digit may still match if followed by a valid tail
                i = st + 1;
            }
            _ => return false,
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml v2 `parseTimestamp`: `2006-1-2T15:4:5.999999999Z07:00` (or `t`),
/// `2006-1-2 15:4:5.999999999` and `2006-1-2`, as Go's `time.Parse` reads them.
fn parse_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i != 4 || i == b.len() || b[i] != b'-' {
        return false;
    }
    let year: i64 = s[..4].parse().unwrap_or(0);
    let mut p = 5;
    let num = |p: &mut usize| -> Option<u32> {
        if *p >= b.len() || !b[*p].is_ascii_digit() {
            return None;
        }
        let mut v = (b[*p] - b'0') as u32;
        *p += 1;
        if *p < b.len() && b[*p].is_ascii_digit() {
            v = v * 10 + (b[*p] - b'0') as u32;
            *p += 1;
        }
        Some(v)
    };
    let lit = |p: &mut usize, c: u8| -> bool {
        if *p < b.len() && b[*p] == c {
            *p += 1;
            true
        } else {
            false
        }
    };
    let Some(month) = num(&mut p) else {
        return false;
    };
    if !lit(&mut p, b'-') {
        return false;
    }
    let Some(day) = num(&mut p) else { return false };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let dim = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day < 1 || day > dim {
        return false;
    }
    if p == b.len() {
        return true;
    }
    let zoned = match b[p] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    p += 1;
    let Some(h) = num(&mut p) else { return false };
    if !lit(&mut p, b':') {
        return false;
    }
    let Some(mi) = num(&mut p) else { return false };
    if !lit(&mut p, b':') {
        return false;
    }
    let Some(se) = num(&mut p) else { return false };
    if h > 23 || mi > 59 || se > 59 {
        return false;
    }
    if p + 1 < b.len() && (b[p] == b'.' || b[p] == b',') && b[p + 1].is_ascii_digit() {
        p += 1;
        while p < b.len() && b[p].is_ascii_digit() {
            p += 1;
        }
    }
    if !zoned {
        return p == b.len();
    }
    if p < b.len() && b[p] == b'Z' {
        return p + 1 == b.len();
    }
    // ±hh:mm
    if b.len() - p != 6 || !(b[p] == b'+' || b[p] == b'-') || b[p + 3] != b':' {
        return false;
    }
    let d = |x: u8| x.is_ascii_digit();
    if !(d(b[p + 1]) && d(b[p + 2]) && d(b[p + 4]) && d(b[p + 5])) {
        return false;
    }
    let hh = (b[p + 1] - b'0') * 10 + (b[p + 2] - b'0');
    let mm = (b[p + 4] - b'0') * 10 + (b[p + 5] - b'0');
    hh <= 24 && mm <= 60
}

// ---------------------------------------------------------------------------------------
// go-yaml v2 sorter.go: the order of map keys (all strings here).

fn key_order(a: &str, b: &str) -> Ordering {
    if key_less(a, b) {
        Ordering::Less
    } else if key_less(b, a) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

fn key_less(a: &str, b: &str) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let al = crate::case::is_alphabetic(ar[i]);
        let bl = crate::case::is_alphabetic(br[i]);
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                if ar[j - 1] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
                j -= 1;
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an.wrapping_mul(10).wrapping_add(ar[ai] as i64 - '0' as i64);
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn.wrapping_mul(10).wrapping_add(br[bi] as i64 - '0' as i64);
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

// ---------------------------------------------------------------------------------------
// go-yaml v2 emitterc.go: scalar analysis and the block emitter.

struct Analysis {
    multiline: bool,
    flow_plain_allowed: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// go-yaml's `is_printable` (byte ranges of the UTF-8 encoding, restated for chars).
fn is_printable(c: char) -> bool {
    c == '\n'
        || (' '..='~').contains(&c)
        || ('\u{A0}'..='\u{D7FF}').contains(&c)
        || (('\u{E000}'..='\u{FFFD}').contains(&c) && c != '\u{FEFF}')
}

fn analyze(value: &str) -> Analysis {
    let chars: Vec<char> = value.chars().collect();
    if chars.is_empty() {
        return Analysis {
            multiline: false,
            flow_plain_allowed: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let (mut block_indicators, mut flow_indicators, mut line_breaks, mut special_characters) =
        (false, false, false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    if value.starts_with("---") || value.starts_with("...") {
        block_indicators = true;
        flow_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    let n = chars.len();
    for i in 0..n {
        let c = chars[i];
        let followed_by_whitespace = i + 1 >= n || is_blank(chars[i + 1]);
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                '?' | ':' => {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                '-' if followed_by_whitespace => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                _ => {}
            }
        } else {
            match c {
                ',' | '?' | '[' | ']' | '{' | '}' => flow_indicators = true,
                ':' => {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                '#' if preceded_by_whitespace => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                _ => {}
            }
        }
        if !is_printable(c) {
            special_characters = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == n {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == n {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank(c) || is_break(c) || c == '\0';
    }
    let mut a = Analysis {
        multiline: line_breaks,
        flow_plain_allowed: true,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if flow_indicators {
        a.flow_plain_allowed = false;
    }
    if block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

struct Emitter {
    out: String,
    column: usize,
    whitespace: bool,
    indention: bool,
    indent: i32,
    indents: Vec<i32>,
    mapping_context: bool,
    simple_key_context: bool,
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
        }
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        ind: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in ind.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn emit_node(&mut self, node: &Node, _sequence: bool, mapping: bool, simple_key: bool) {
        self.mapping_context = mapping;
        self.simple_key_context = simple_key;
        match node {
            Node::Scalar(v, style) => self.emit_scalar(v, *style),
            Node::Seq(items) if items.is_empty() => {
                self.write_indicator("[", true, true, false);
                self.write_indicator("]", false, false, false);
            }
            Node::Map(entries) if entries.is_empty() => {
                self.write_indicator("{", true, true, false);
                self.write_indicator("}", false, false, false);
            }
            Node::Seq(items) => {
                let indentless = self.mapping_context && !self.indention;
                self.increase_indent(false, indentless);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.emit_node(item, true, false, false);
                }
                self.pop_indent();
            }
            Node::Map(entries) => {
                self.increase_indent(false, false);
                for (k, v) in entries {
                    self.write_indent();
                    let key = string_node(k);
                    let a = analyze(k);
                    if !a.multiline && k.len() <= 128 {
                        self.emit_node(&key, false, true, true);
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.emit_node(&key, false, true, false);
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.emit_node(v, false, true, false);
                }
                self.pop_indent();
            }
        }
    }

    fn emit_scalar(&mut self, value: &str, requested: Style) {
        let a = analyze(value);
        let mut style = requested;
        if self.simple_key_context && a.multiline {
            style = Style::DoubleQuoted;
        }
        if style == Style::Plain {
            if !a.block_plain_allowed {
                style = Style::SingleQuoted;
            }
            if value.is_empty() && self.simple_key_context {
                style = Style::SingleQuoted;
            }
        }
        if style == Style::SingleQuoted && !a.single_quoted_allowed {
            style = Style::DoubleQuoted;
        }
        if style == Style::Literal && (!a.block_allowed || self.simple_key_context) {
            style = Style::DoubleQuoted;
        }
        self.increase_indent(true, false);
        let allow_breaks = !self.simple_key_context;
        match style {
            Style::Plain => self.write_plain(value, allow_breaks),
            Style::SingleQuoted => self.write_single_quoted(value, allow_breaks),
            Style::DoubleQuoted => self.write_double_quoted(value, allow_breaks),
            Style::Literal => self.write_literal(value),
        }
        self.pop_indent();
    }

    fn write_plain(&mut self, value: &str, allow_breaks: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        let chars: Vec<char> = value.chars().collect();
        let (mut spaces, mut breaks) = (false, false);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks && !spaces && self.column > BEST_WIDTH && !next_space {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single_quoted(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let n = chars.len();
        let (mut spaces, mut breaks) = (false, false);
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                let next_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < n
                    && !next_space
                {
                    self.write_indent();
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator("\"", true, false, false);
        // go-yaml's is_bom looks at the start of the value whatever the position.
        let bom = value.starts_with('\u{FEFF}');
        let chars: Vec<char> = value.chars().collect();
        let n = chars.len();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || bom || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let v = c as u32;
                match v {
                    0x00 => self.put('0'),
                    0x07 => self.put('a'),
                    0x08 => self.put('b'),
                    0x09 => self.put('t'),
                    0x0A => self.put('n'),
                    0x0B => self.put('v'),
                    0x0C => self.put('f'),
                    0x0D => self.put('r'),
                    0x1B => self.put('e'),
                    0x22 => self.put('"'),
                    0x5C => self.put('\\'),
                    0x85 => self.put('N'),
                    0xA0 => self.put('_'),
                    0x2028 => self.put('L'),
                    0x2029 => self.put('P'),
                    _ => {
                        let (letter, width) = if v <= 0xFF {
                            ('x', 2)
                        } else if v <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(letter);
                        for k in (0..width).rev() {
                            let d = (v >> (k * 4)) & 0xF;
                            self.put(char::from_digit(d, 16).unwrap_or('0').to_ascii_uppercase());
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i > 0 && i + 1 < n {
                    self.write_indent();
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, value: &str) {
        self.write_indicator("|", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.write_indicator("2", false, false, false);
        }
        let chomp = match chars.len() {
            0 => Some('-'),
            n if !is_break(chars[n - 1]) => Some('-'),
            1 => Some('+'),
            n if is_break(chars[n - 2]) => Some('+'),
            _ => None,
        };
        if let Some(c) = chomp {
            self.write_indicator(&c.to_string(), false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for &c in &chars {
            if is_break(c) {
                self.write_break(c);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}
