//! A small YAML tokenizer for the editor's highlighting, one line at a time: keys,
//! strings, numbers, booleans and null (as Go's yaml.v2, which kubectl uses, resolves
//! plain scalars: `yes`, `on`, `y` are booleans), comments, document markers (`---`,
//! `...`, `%` directives), anchors and aliases, tags, block scalars and flow punctuation.
//! It colours text and never judges it: the engine's diagnostics do that.

use crate::diagnostics::Severity;

/// What a piece of a line is. Each kind has a CSS class (`static/style.css`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Key,
    Str,
    Num,
    /// Booleans and null.
    Lit,
    Comment,
    /// `---`, `...` and `%` directives.
    Doc,
    /// `&anchor` and `*alias`.
    Anchor,
    /// `!tag`.
    Tag,
    /// `-`, `:`, `?`, `[`, `]`, `{`, `}`, `,`, `|`, `>`.
    Punct,
}

impl Kind {
    pub fn class(self) -> &'static str {
        match self {
            Kind::Key => "y-key",
            Kind::Str => "y-str",
            Kind::Num => "y-num",
            Kind::Lit => "y-lit",
            Kind::Comment => "y-com",
            Kind::Doc => "y-doc",
            Kind::Anchor => "y-anchor",
            Kind::Tag => "y-tag",
            Kind::Punct => "y-punct",
        }
    }
}

/// What one line leaves for the next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct State {
    /// Inside a block scalar (`|`, `>`): the indentation of the line that opened it.
    block: Option<usize>,
    /// Depth of `[` and `{`.
    flow: u32,
}

/// A token: a byte range of the line and its kind.
pub type Token = (usize, usize, Kind);

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_flow(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// Whether `rest` starts with optional blanks, `:`, then a blank or the end.
fn key_follows(rest: &str) -> bool {
    let r = rest.trim_start_matches([' ', '\t']).as_bytes();
    r.first() == Some(&b':') && r.get(1).is_none_or(|&b| is_blank(b))
}

/// The tokens of `line` (no line break in it); `state` carries over to the next line.
pub fn tokens(line: &str, state: &mut State) -> Vec<Token> {
    let bytes = line.as_bytes();
    let len = bytes.len();
    let indent = bytes.iter().take_while(|&&b| is_blank(b)).count();
    let mut out = Vec::new();
    if let Some(opener) = state.block {
        if indent == len || indent > opener {
            if indent < len {
                out.push((indent, len, Kind::Str));
            }
            return out;
        }
        state.block = None;
    }
    let mut i = 0;
    if line.starts_with('%') {
        out.push((0, len, Kind::Doc));
        return out;
    }
    if (line.starts_with("---") || line.starts_with("..."))
        && bytes.get(3).is_none_or(|&b| is_blank(b))
    {
        out.push((0, 3, Kind::Doc));
        state.flow = 0;
        i = 3;
    }
    while i < len {
        if is_blank(bytes[i]) {
            i += 1;
            continue;
        }
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        let after_blank = i == 0 || is_blank(bytes[i - 1]);
        let start = i;
        match c {
            b'#' if after_blank => {
                out.push((i, len, Kind::Comment));
                break;
            }
            b'"' | b'\'' => {
                i += 1;
                while i < len {
                    if c == b'"' && bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if bytes[i] == c {
                        if c == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        i += 1;
                        break;
                    }
                    i += 1;
                }
                i = i.min(len);
                let kind = if key_follows(&line[i..]) {
                    Kind::Key
                } else {
                    Kind::Str
                };
                out.push((start, i, kind));
            }
            b'[' | b'{' => {
                state.flow += 1;
                i += 1;
                out.push((start, i, Kind::Punct));
            }
            b']' | b'}' => {
                state.flow = state.flow.saturating_sub(1);
                i += 1;
                out.push((start, i, Kind::Punct));
            }
            b',' if state.flow > 0 => {
                i += 1;
                out.push((start, i, Kind::Punct));
            }
            b'-' | b'?' | b':' if next.is_none_or(is_blank) => {
                i += 1;
                out.push((start, i, Kind::Punct));
            }
            b'&' | b'*' | b'!' => {
                i += 1;
                while i < len && !is_blank(bytes[i]) && !is_flow(bytes[i]) {
                    i += 1;
                }
                let kind = if c == b'!' { Kind::Tag } else { Kind::Anchor };
                out.push((start, i, kind));
            }
            b'|' | b'>' if block_header(&line[i..]) => {
                state.block = Some(indent);
                let header = line[i..]
                    .bytes()
                    .take_while(|b| matches!(b, b'|' | b'>' | b'-' | b'+' | b'0'..=b'9'))
                    .count();
                i += header;
                out.push((start, i, Kind::Punct));
            }
            _ => {
                // A plain scalar: up to `: `, ` #`, the end, or (in flow) an indicator.
                let flow = state.flow > 0;
                while i < len {
                    let b = bytes[i];
                    let n = bytes.get(i + 1).copied();
                    if b == b':' && n.is_none_or(|n| is_blank(n) || (flow && is_flow(n))) {
                        break;
                    }
                    if b == b'#' && i > start && is_blank(bytes[i - 1]) {
                        break;
                    }
                    if flow && is_flow(b) {
                        break;
                    }
                    i += 1;
                }
                if i == start {
                    // `:` right before a flow indicator.
                    i += 1;
                    out.push((start, i, Kind::Punct));
                    continue;
                }
                let word = line[start..i].trim_end_matches([' ', '\t']);
                let end = start + word.len();
                let kind = if key_follows(&line[end..]) {
                    Kind::Key
                } else {
                    scalar_kind(word)
                };
                out.push((start, end, kind));
            }
        }
    }
    out
}

/// `|`, `>`, with optional indicators, then only blanks or a comment.
fn block_header(rest: &str) -> bool {
    let after = rest.trim_start_matches([
        '|', '>', '-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
    ]);
    let after = after.trim_start_matches([' ', '\t']);
    after.is_empty() || (after.starts_with('#') && after.len() < rest.len())
}

/// How yaml.v2 resolves a plain scalar.
fn scalar_kind(word: &str) -> Kind {
    const BOOL: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ];
    const NULL: &[&str] = &["~", "null", "Null", "NULL"];
    if BOOL.contains(&word) || NULL.contains(&word) {
        Kind::Lit
    } else if is_number(word) {
        Kind::Num
    } else {
        Kind::Str
    }
}

fn is_number(word: &str) -> bool {
    if matches!(
        word,
        ".nan" | ".NaN" | ".NAN" | ".inf" | ".Inf" | ".INF" | "-.inf" | "-.Inf" | "-.INF" | "+.inf"
    ) {
        return true;
    }
    let w = word.strip_prefix(['-', '+']).unwrap_or(word);
    let radix = |digits: &str, ok: fn(char) -> bool| {
        !digits.is_empty() && digits.chars().all(|c| c == '_' || ok(c))
    };
    if let Some(h) = w.strip_prefix("0x") {
        return radix(h, |c| c.is_ascii_hexdigit());
    }
    if let Some(o) = w.strip_prefix("0o") {
        return radix(o, |c| ('0'..='7').contains(&c));
    }
    if let Some(b) = w.strip_prefix("0b") {
        return radix(b, |c| c == '0' || c == '1');
    }
    // Decimal: digits, an optional fraction, an optional exponent.
    let (mantissa, exponent) = match w.find(['e', 'E']) {
        Some(i) => (&w[..i], Some(&w[i + 1..])),
        None => (w, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c == '_');
    let has_digit = int.chars().any(|c| c.is_ascii_digit())
        || frac.is_some_and(|f| f.chars().any(|c| c.is_ascii_digit()));
    let exp_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    has_digit && digits(int) && frac.is_none_or(digits) && exp_ok && !int.starts_with('_')
}

/// The byte range to underline for a problem at the 1-based character `column` of
/// `line`: the word there (a key, a value), else one character; `None` on an empty line.
pub fn mark_range(line: &str, column: u32) -> Option<(usize, usize)> {
    let col = column.max(1) as usize - 1;
    let from = line
        .char_indices()
        .nth(col)
        .map(|(b, _)| b)
        .unwrap_or(line.len());
    let word: usize = line[from..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !":,[]{}#".contains(*c))
        .map(char::len_utf8)
        .sum();
    if word > 0 {
        return Some((from, from + word));
    }
    if let Some(c) = line[from..].chars().next() {
        return Some((from, from + c.len_utf8()));
    }
    // At the end of the line: the last character before it.
    line[..from]
        .chars()
        .next_back()
        .map(|c| (from - c.len_utf8(), from))
}

/// A piece of a line to draw: a byte range, its token kind, and whether a problem is
/// underlined there (the worst one, if several overlap).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub kind: Option<Kind>,
    pub mark: Option<Severity>,
}

/// Cuts a line of `len` bytes into segments at every token and mark boundary; the gaps
/// between tokens are segments without a kind.
pub fn segments(len: usize, tokens: &[Token], marks: &[(usize, usize, Severity)]) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![0, len];
    for &(a, b, _) in tokens {
        cuts.extend([a, b]);
    }
    for &(a, b, _) in marks {
        cuts.extend([a.min(len), b.min(len)]);
    }
    engine::sort::sort(&mut cuts);
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let (start, end) = (w[0], w[1]);
            let kind = tokens
                .iter()
                .find(|&&(a, b, _)| a <= start && end <= b)
                .map(|&(_, _, k)| k);
            let covering = marks.iter().filter(|&&(a, b, _)| a <= start && end <= b);
            let mark = covering.map(|&(_, _, s)| s).min_by_key(|s| match s {
                Severity::Error => 0,
                Severity::Warning => 1,
            });
            Segment {
                start,
                end,
                kind,
                mark,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `line` as `(text, kind)` pairs, tokens only.
    fn show(line: &str, state: &mut State) -> Vec<(String, Kind)> {
        tokens(line, state)
            .into_iter()
            .map(|(a, b, k)| (line[a..b].to_string(), k))
            .collect()
    }

    fn one(line: &str) -> Vec<(String, Kind)> {
        show(line, &mut State::default())
    }

    fn t(s: &str, k: Kind) -> (String, Kind) {
        (s.to_string(), k)
    }

    #[test]
    fn keys_values_and_punctuation() {
        use Kind::*;
        assert_eq!(
            one("  name: fluentd # the name"),
            [
                t("name", Key),
                t(":", Punct),
                t("fluentd", Str),
                t("# the name", Comment)
            ]
        );
        assert_eq!(
            one("- image: fluent/fluentd:v1.16-1"),
            [
                t("-", Punct),
                t("image", Key),
                t(":", Punct),
                t("fluent/fluentd:v1.16-1", Str)
            ]
        );
        assert_eq!(
            one("url: http://x/#a"),
            [t("url", Key), t(":", Punct), t("http://x/#a", Str)]
        );
        assert_eq!(one("empty:"), [t("empty", Key), t(":", Punct)]);
        assert_eq!(
            one("\"quoted key\" : 'it''s'"),
            [t("\"quoted key\"", Key), t(":", Punct), t("'it''s'", Str)]
        );
    }

    #[test]
    fn scalars_resolve_as_yaml_v2_does() {
        use Kind::*;
        for (v, k) in [
            ("3", Num),
            ("-1.5e3", Num),
            ("0x1F", Num),
            ("0755", Num),
            (".inf", Num),
            ("1_000", Num),
            ("yes", Lit),
            ("y", Lit),
            ("Off", Lit),
            ("null", Lit),
            ("~", Lit),
            ("100m", Str),
            ("1.2.3", Str),
            ("e5", Str),
            ("\"3\"", Str),
        ] {
            assert_eq!(one(&format!("k: {v}"))[2], t(v, k), "{v}");
        }
    }

    #[test]
    fn documents_anchors_aliases_and_tags() {
        use Kind::*;
        assert_eq!(one("---"), [t("---", Doc)]);
        assert_eq!(one("--- # next"), [t("---", Doc), t("# next", Comment)]);
        assert_eq!(one("----"), [t("----", Str)]);
        assert_eq!(one("%YAML 1.1"), [t("%YAML 1.1", Doc)]);
        assert_eq!(
            one("base: &defaults !!map"),
            [
                t("base", Key),
                t(":", Punct),
                t("&defaults", Anchor),
                t("!!map", Tag)
            ]
        );
        assert_eq!(
            one("<<: *defaults"),
            [t("<<", Key), t(":", Punct), t("*defaults", Anchor)]
        );
    }

    #[test]
    fn flow_collections() {
        use Kind::*;
        assert_eq!(
            one("args: [a, \"b\", 3]"),
            [
                t("args", Key),
                t(":", Punct),
                t("[", Punct),
                t("a", Str),
                t(",", Punct),
                t("\"b\"", Str),
                t(",", Punct),
                t("3", Num),
                t("]", Punct),
            ]
        );
        assert_eq!(
            one("m: {app: x}"),
            [
                t("m", Key),
                t(":", Punct),
                t("{", Punct),
                t("app", Key),
                t(":", Punct),
                t("x", Str),
                t("}", Punct)
            ]
        );
    }

    #[test]
    fn block_scalars_span_the_lines_indented_under_them() {
        use Kind::*;
        let mut s = State::default();
        assert_eq!(
            show("  script: |", &mut s),
            [t("script", Key), t(":", Punct), t("|", Punct)]
        );
        assert_eq!(
            show("    echo a: b # no comment", &mut s),
            [t("echo a: b # no comment", Str)]
        );
        assert_eq!(show("", &mut s), []);
        assert_eq!(show("    - still text", &mut s), [t("- still text", Str)]);
        assert_eq!(
            show("  next: 1", &mut s),
            [t("next", Key), t(":", Punct), t("1", Num)]
        );
        // `>-` with a comment, in a list.
        let mut s = State::default();
        show("- >- # folded", &mut s);
        assert_eq!(show("  text", &mut s), [t("text", Str)]);
    }

    #[test]
    fn marks_cover_the_word_at_the_column() {
        assert_eq!(mark_range("      containres:", 7), Some((6, 16)));
        assert_eq!(mark_range("  image: y", 10), Some((9, 10)));
        assert_eq!(mark_range("a: x", 2), Some((1, 2)), "the colon itself");
        assert_eq!(
            mark_range("abc", 9),
            Some((2, 3)),
            "past the end: the last character"
        );
        assert_eq!(mark_range("", 1), None);
        assert_eq!(
            mark_range("é: ü", 4),
            Some((4, 6)),
            "columns count characters"
        );
    }

    #[test]
    fn segments_split_tokens_at_marks() {
        let toks = [(0, 4, Kind::Key), (4, 5, Kind::Punct), (6, 9, Kind::Str)];
        let segs = segments(9, &toks, &[(2, 7, Severity::Error)]);
        let got: Vec<(usize, usize, Option<Kind>, bool)> = segs
            .iter()
            .map(|s| (s.start, s.end, s.kind, s.mark.is_some()))
            .collect();
        assert_eq!(
            got,
            [
                (0, 2, Some(Kind::Key), false),
                (2, 4, Some(Kind::Key), true),
                (4, 5, Some(Kind::Punct), true),
                (5, 6, None, true),
                (6, 7, Some(Kind::Str), true),
                (7, 9, Some(Kind::Str), false),
            ]
        );
    }
}
