//! Multi-document parsing into positioned trees, with budgets, and kubectl-style error
//! text. The parser is granit-parser (serde-saphyr's own); the tree is built from its
//! events without recursion, aliases are expanded under a budget, and plain scalars are
//! resolved as Go's YAML reader (which kubectl uses) resolves them.

use super::tree::{Node, Pos, Value, MAX_DEPTH};
use granit_parser::{Event, Options, Parser, ScalarStyle, ScanError};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Largest manifest accepted, in bytes (a 5,000-node `kubectl get nodes -o yaml` is about 25 MB).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Most YAML nodes (scalars, mappings, sequences, counting alias expansions) per input.
pub const MAX_NODES: usize = 4_000_000;

/// Most aliases (`*name`) per input.
pub const MAX_ALIASES: usize = 10_000;

/// Most bytes of scalar text that alias expansions may copy, per input: a 100 KB string
/// aliased 10,000 times would otherwise take a gigabyte from a 140 KB input.
pub const MAX_ALIAS_BYTES: usize = 64 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub pos: Pos,
    /// The reason, phrased as Go's YAML reader phrases it where we know the phrase.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.pos.is_known() {
            write!(
                f,
                "yaml: line {}, column {}: {}",
                self.pos.line, self.pos.col, self.message
            )
        } else {
            write!(f, "yaml: {}", self.message)
        }
    }
}

fn err(pos: Pos, message: impl Into<String>) -> ParseError {
    ParseError {
        pos,
        message: message.into(),
    }
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
    },
}

/// A finished node, how many nodes it holds and how many bytes of scalar text
/// (for alias budgets).
struct Anchored {
    node: Node,
    size: usize,
    bytes: usize,
}

fn size_of(n: &Node) -> (usize, usize) {
    // Iterative: the tree may be as deep as MAX_DEPTH, which is small, but stay cheap.
    let mut total = 0;
    let mut bytes = 0;
    let mut stack = vec![n];
    while let Some(n) = stack.pop() {
        total += 1;
        match &n.value {
            Value::Str(s) => bytes += s.len(),
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => {
                for (k, v) in entries {
                    stack.push(k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    (total, bytes)
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchored>,
    docs: Vec<Node>,
    nodes: usize,
    aliases: usize,
    alias_bytes: usize,
}

impl Builder {
    fn push_value(&mut self, node: Node, anchor: usize) -> Result<(), ParseError> {
        if anchor != 0 {
            let (size, bytes) = size_of(&node);
            self.anchors.insert(
                anchor,
                Anchored {
                    node: node.clone(),
                    size,
                    bytes,
                },
            );
        }
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
        Ok(())
    }

    fn count(&mut self, n: usize, pos: Pos) -> Result<(), ParseError> {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            return Err(err(
                pos,
                format!("input too large: more than {MAX_NODES} YAML nodes (an alias bomb?)"),
            ));
        }
        Ok(())
    }
}

fn pos_of(span: &granit_parser::Span) -> Pos {
    Pos::new(span.start.line() as u32, span.start.col() as u32 + 1)
}

/// Parses every document of a YAML (or JSON) stream. Empty documents are dropped,
/// as kubectl drops them.
pub fn parse_documents(text: &str) -> Result<Vec<Node>, ParseError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(err(
            Pos::UNKNOWN,
            format!(
                "input is {} bytes; the limit is {} bytes",
                text.len(),
                MAX_INPUT_BYTES
            ),
        ));
    }
    if let Some(p) = text.find('\0') {
        let before = &text[..p];
        let line = before.matches('\n').count() as u32 + 1;
        let col = before
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0) as u32
            + 1;
        return Err(err(
            Pos::new(line, col),
            "control characters are not allowed",
        ));
    }
    let mut options = Options::default();
    options.flow_nesting_limit = MAX_DEPTH as usize;
    options.block_nesting_limit = MAX_DEPTH as usize;
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut b = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        docs: Vec::new(),
        nodes: 0,
        aliases: 0,
        alias_bytes: 0,
    };
    while let Some(ev) = parser.next_event() {
        let (ev, span) = ev.map_err(|e| convert(&e, text))?;
        let pos = pos_of(&span);
        match ev {
            Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(..) => b.anchors.clear(),
            Event::DocumentEnd => {}
            Event::Scalar(v, style, anchor, tag) => {
                b.count(1, pos)?;
                let tag = tag.map(|t| format!("{}{}", t.handle(), t.suffix()));
                let value = resolve(v, style, tag.as_deref());
                b.push_value(Node::new(pos, value), anchor)?;
            }
            Event::SequenceStart(_, anchor, _) => {
                b.count(1, pos)?;
                if b.stack.len() >= MAX_DEPTH as usize {
                    return Err(err(pos, format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                b.stack.push(Frame::Seq {
                    pos,
                    anchor,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(_, anchor, _) => {
                b.count(1, pos)?;
                if b.stack.len() >= MAX_DEPTH as usize {
                    return Err(err(pos, format!("nesting deeper than {MAX_DEPTH} levels")));
                }
                b.stack.push(Frame::Map {
                    pos,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                });
            }
            Event::SequenceEnd => {
                let Some(Frame::Seq { pos, anchor, items }) = b.stack.pop() else {
                    return Err(err(pos, "unbalanced sequence"));
                };
                b.push_value(Node::new(pos, Value::Seq(items)), anchor)?;
            }
            Event::MappingEnd => {
                let Some(Frame::Map {
                    pos,
                    anchor,
                    entries,
                    ..
                }) = b.stack.pop()
                else {
                    return Err(err(pos, "unbalanced mapping"));
                };
                b.push_value(Node::new(pos, Value::Map(merge_keys(entries))), anchor)?;
            }
            Event::Alias(id) => {
                b.aliases += 1;
                if b.aliases > MAX_ALIASES {
                    return Err(err(pos, format!("more than {MAX_ALIASES} aliases")));
                }
                let Some((size, bytes)) = b.anchors.get(&id).map(|a| (a.size, a.bytes)) else {
                    return Err(err(pos, "unknown anchor"));
                };
                b.count(size, pos)?;
                b.alias_bytes += bytes;
                if b.alias_bytes > MAX_ALIAS_BYTES {
                    return Err(err(
                        pos,
                        format!("input too large: aliases copy more than {MAX_ALIAS_BYTES} bytes of text (an alias bomb?)"),
                    ));
                }
                let mut node = b.anchors[&id].node.clone();
                node.pos = pos;
                b.push_value(node, 0)?;
            }
            _ => {}
        }
    }
    Ok(b.docs
        .into_iter()
        .filter(|n| n.value != Value::Null)
        .collect())
}

/// `<<` merge keys (YAML 1.1, which Go's YAML reader supports): the merged mapping's
/// entries come first, and keys written in the mapping itself win.
fn merge_keys(entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
    if !entries.iter().any(|(k, _)| k.as_str() == Some("<<")) {
        return entries;
    }
    let mut own = Vec::new();
    let mut merged: Vec<(Node, Node)> = Vec::new();
    // Sets, not scans of `merged`: a merged mapping may have a million keys.
    let mut seen = KeySet::default();
    for (k, v) in entries {
        if k.as_str() == Some("<<") {
            let sources: Vec<Node> = match v.value {
                Value::Map(_) => vec![v],
                Value::Seq(items) => items,
                _ => vec![],
            };
            for s in sources {
                if let Value::Map(es) = s.value {
                    for (mk, mv) in es {
                        if seen.insert(&mk.value) {
                            merged.push((mk, mv));
                        }
                    }
                }
            }
        } else {
            own.push((k, v));
        }
    }
    let mut own_keys = KeySet::default();
    for (k, _) in &own {
        own_keys.insert(&k.value);
    }
    merged.retain(|(k, _)| !own_keys.contains(&k.value));
    merged.extend(own);
    merged
}

/// Mapping keys, compared as `Value`s are (`==`), in constant time.
#[derive(Default)]
struct KeySet {
    ids: HashSet<KeyId>,
}

/// What makes two keys equal: scalars by variant and value; sequences and mappings by
/// an encoding of every value and position that `==` compares. `None` for a key holding
/// a NaN, which equals nothing, itself included.
#[derive(PartialEq, Eq, Hash)]
enum KeyId {
    Null,
    Bool(bool),
    Int(i64),
    /// The bits of the float, with -0.0 as 0.0 (they are `==`).
    Float(u64),
    Str(String),
    Complex(String),
}

fn key_id(v: &Value) -> Option<KeyId> {
    Some(match v {
        Value::Null => KeyId::Null,
        Value::Bool(b) => KeyId::Bool(*b),
        Value::Int(i) => KeyId::Int(*i),
        Value::Float(f) if f.is_nan() => return None,
        Value::Float(f) => KeyId::Float(if *f == 0.0 { 0 } else { f.to_bits() }),
        Value::Str(s) => KeyId::Str(s.clone()),
        Value::Seq(_) | Value::Map(_) if has_nan(v) => return None,
        Value::Seq(_) | Value::Map(_) => {
            let mut text = String::new();
            encode(v, &mut text);
            KeyId::Complex(text)
        }
    })
}

/// An unambiguous text for a value, equal for values that are `==` (no NaN inside).
/// Recursive: trees are at most MAX_DEPTH deep.
fn encode(v: &Value, out: &mut String) {
    use std::fmt::Write;
    let _ = match v {
        Value::Null => write!(out, "~"),
        Value::Bool(b) => write!(out, "b{}", u8::from(*b)),
        Value::Int(i) => write!(out, "i{i};"),
        Value::Float(f) => write!(out, "f{};", if *f == 0.0 { 0 } else { f.to_bits() }),
        Value::Str(s) => write!(out, "s{}:{s}", s.len()),
        Value::Seq(items) => {
            let _ = write!(out, "[{};", items.len());
            for n in items {
                encode_node(n, out);
            }
            Ok(())
        }
        Value::Map(entries) => {
            let _ = write!(out, "{{{};", entries.len());
            for (k, v) in entries {
                encode_node(k, out);
                encode_node(v, out);
            }
            Ok(())
        }
    };
}

fn encode_node(n: &Node, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(out, "@{},{};", n.pos.line, n.pos.col);
    encode(&n.value, out);
}

fn has_nan(v: &Value) -> bool {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Float(f) if f.is_nan() => return true,
            Value::Seq(items) => stack.extend(items.iter().map(|n| &n.value)),
            Value::Map(entries) => {
                for (k, v) in entries {
                    stack.push(&k.value);
                    stack.push(&v.value);
                }
            }
            _ => {}
        }
    }
    false
}

impl KeySet {
    /// Adds `v`; false if an equal key was there already.
    fn insert(&mut self, v: &Value) -> bool {
        match key_id(v) {
            Some(id) => self.ids.insert(id),
            None => true,
        }
    }
    fn contains(&self, v: &Value) -> bool {
        key_id(v).is_some_and(|id| self.ids.contains(&id))
    }
}

/// Resolves a scalar as Go's yaml.v2 does for an untyped value: quoted and block
/// scalars are strings; plain ones may be null, bool (including `yes`/`no`/`on`/`off`),
/// integers (decimal, `0x`, `0o`, `0b`, leading-zero octal, `_` separators) or floats.
fn resolve(v: Cow<'_, str>, style: ScalarStyle, tag: Option<&str>) -> Value {
    match tag {
        Some("tag:yaml.org,2002:str") | Some("!!str") => return Value::Str(v.into_owned()),
        Some("tag:yaml.org,2002:null") | Some("!!null") => return Value::Null,
        _ => {}
    }
    if style != ScalarStyle::Plain {
        return Value::Str(v.into_owned());
    }
    let s: &str = &v;
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false)
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let first = s.as_bytes()[0];
    if first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.') {
        if let Some(n) = parse_int(s) {
            return n;
        }
        let plain = s.replace('_', "");
        if plain
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.' | b'e' | b'E'))
        {
            if let Ok(f) = plain.parse::<f64>() {
                return Value::Float(f);
            }
        }
    }
    Value::Str(v.into_owned())
}

/// Go's `strconv.ParseInt(s, 0, 64)` after removing `_`, then ParseUint, then `0b`.
fn parse_int(s: &str) -> Option<Value> {
    let plain = s.replace('_', "");
    let (neg, body) = match plain.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, plain.strip_prefix('+').unwrap_or(&plain)),
    };
    if body.is_empty() {
        return None;
    }
    let (radix, digits) =
        if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, h)
        } else if let Some(o) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, o)
        } else if let Some(b) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, b)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..])
        } else {
            (10, body)
        };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let u = u128::from_str_radix(digits, radix).ok()?;
    let v = if neg { -(u as i128) } else { u as i128 };
    Some(match i64::try_from(v) {
        Ok(i) => Value::Int(i),
        Err(_) if v >= 0 && v <= u64::MAX as i128 => Value::Float(v as f64),
        Err(_) => return None,
    })
}

fn convert(e: &ScanError, text: &str) -> ParseError {
    let m = e.marker();
    let pos = Pos::new(m.line() as u32, m.col() as u32 + 1);
    let reason = e.info();
    if reason.contains("tab") {
        // Go's yaml.v2, which kubectl uses, says this for a tab used as indentation.
        return ParseError {
            pos: tab_pos(text, pos),
            message: "found character that cannot start any token".into(),
        };
    }
    if reason.contains("nesting") || reason.contains("recursion") {
        return err(pos, format!("nesting deeper than {MAX_DEPTH} levels"));
    }
    err(pos, reason)
}

/// The first tab in the indentation of the reported line, or of the first line that has one.
fn tab_pos(text: &str, reported: Pos) -> Pos {
    let lines: Vec<&str> = text.lines().collect();
    let find = |i: usize| -> Option<Pos> {
        let l = lines.get(i)?;
        let indent: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        indent
            .find('\t')
            .map(|c| Pos::new(i as u32 + 1, c as u32 + 1))
    };
    if reported.line > 0 {
        if let Some(p) = find(reported.line as usize - 1) {
            return p;
        }
    }
    (0..lines.len()).find_map(find).unwrap_or(reported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_keys_and_values() {
        let docs = parse_documents("a: 1\nb:\n  c: [x, 'y']\n---\n---\nd: true\n").unwrap();
        assert_eq!(docs.len(), 2);
        let b = docs[0].get("b").unwrap();
        assert_eq!(b.pos.line, 3);
        let c = b.get("c").unwrap();
        assert_eq!(c.pos, Pos::new(3, 6));
        if let Value::Map(e) = &docs[0].value {
            assert_eq!(e[1].0.pos, Pos::new(2, 1));
        } else {
            panic!("not a map")
        }
        assert_eq!(docs[1].get("d").unwrap().value, Value::Bool(true));
    }

    #[test]
    fn tab_indentation_is_reported_at_its_line_and_column() {
        let e = parse_documents("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n\tname: x\n")
            .unwrap_err();
        assert_eq!(e.pos, Pos::new(4, 1));
        assert_eq!(e.message, "found character that cannot start any token");
    }

    #[test]
    fn json_is_yaml() {
        let docs = parse_documents("{\"kind\": \"List\", \"items\": [{\"a\": 1}]}").unwrap();
        assert_eq!(docs[0].get("kind").unwrap().as_str(), Some("List"));
    }

    #[test]
    fn scalars_resolve_as_go_yaml_v2() {
        let d = &parse_documents("a: yes\nb: 'yes'\nc: 0755\nd: 1_000\ne: 1.5\nf: ~\ng: 0x1F\nh: 1e3\ni: v1.2\nj: \"3\"\nk: -7\nl: .5\n").unwrap()[0];
        let v = |k: &str| d.get(k).unwrap().value.clone();
        assert_eq!(v("a"), Value::Bool(true));
        assert_eq!(v("b"), Value::Str("yes".into()));
        assert_eq!(v("c"), Value::Int(0o755));
        assert_eq!(v("d"), Value::Int(1000));
        assert_eq!(v("e"), Value::Float(1.5));
        assert_eq!(v("f"), Value::Null);
        assert_eq!(v("g"), Value::Int(31));
        assert_eq!(v("h"), Value::Float(1000.0));
        assert_eq!(v("i"), Value::Str("v1.2".into()));
        assert_eq!(v("j"), Value::Str("3".into()));
        assert_eq!(v("k"), Value::Int(-7));
        assert_eq!(v("l"), Value::Float(0.5));
    }

    #[test]
    fn anchors_aliases_and_merge_keys() {
        // (`y` would be a bool key in YAML 1.1, as Go reads it; hence p and q.)
        let d = &parse_documents("base: &b {p: 1, q: 2}\nuse:\n  <<: *b\n  q: 3\nlist: [*b]\n")
            .unwrap()[0];
        let u = d.get("use").unwrap();
        assert_eq!(u.get("p").unwrap().value, Value::Int(1));
        assert_eq!(u.get("q").unwrap().value, Value::Int(3));
        assert_eq!(
            d.get("list").unwrap().to_json(),
            serde_json::json!([{"p": 1, "q": 2}])
        );
    }

    #[test]
    fn merge_keys_from_several_sources() {
        // The first source that has a key wins; the mapping's own keys win over all;
        // keys are compared as values (1 is not "1"); a NaN key equals nothing.
        let text = "a: &a {p: 1, 1: int, .nan: x}\nb: &b {p: 2, r: 3, '1': str, .nan: y}\n\
                    m:\n  <<: [*a, *b]\n  r: 4\n";
        let d = &parse_documents(text).unwrap()[0];
        let Value::Map(m) = &d.get("m").unwrap().value else {
            panic!("not a map")
        };
        let keys: Vec<String> = m.iter().map(|(k, _)| format!("{:?}", k.value)).collect();
        assert_eq!(
            keys,
            [
                "Str(\"p\")",
                "Int(1)",
                "Float(NaN)",
                "Str(\"1\")",
                "Float(NaN)",
                "Str(\"r\")"
            ]
        );
        let m = d.get("m").unwrap();
        assert_eq!(m.get("p").unwrap().value, Value::Int(1));
        assert_eq!(m.get("r").unwrap().value, Value::Int(4));
        // Complex keys: equal when equal as values, positions included (an alias copies
        // the anchored key's inner nodes).
        let text = "k: &k [x]\na: &a {*k : 1, [x]: 2}\nm: {<<: [*a, *a]}\n";
        let d = &parse_documents(text).unwrap()[0];
        let Value::Map(m) = &d.get("m").unwrap().value else {
            panic!("not a map")
        };
        assert_eq!(m.len(), 2);
    }

    #[test]
    fn merging_a_huge_mapping_is_linear() {
        let keys: Vec<String> = (0..100_000).map(|i| format!("k{i}")).collect();
        let text = format!("big: &b {{{}}}\nm: {{<<: *b, k1: own}}\n", keys.join(", "));
        let started = std::time::Instant::now();
        let d = &parse_documents(&text).unwrap()[0];
        let Value::Map(m) = &d.get("m").unwrap().value else {
            panic!("not a map")
        };
        assert_eq!(m.len(), 100_000);
        assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    }

    #[test]
    fn aliases_copying_too_much_text_are_refused() {
        let text = format!(
            "a: &a \"{}\"\nb: [{}]\n",
            "x".repeat(100_000),
            ["*a"; 1000].join(", ")
        );
        let e = parse_documents(&text).unwrap_err();
        assert!(e.message.contains("aliases copy more than"), "{e}");
        let ok = format!(
            "a: &a \"{}\"\nb: [{}]\n",
            "x".repeat(1000),
            ["*a"; 1000].join(", ")
        );
        assert!(parse_documents(&ok).is_ok());
    }

    #[test]
    fn duplicate_keys_keep_every_entry() {
        let d = &parse_documents("a: 1\na: 2\n").unwrap()[0];
        assert_eq!(d.to_json(), serde_json::json!({"a": 2}));
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            s.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let e = parse_documents(&s).unwrap_err();
        assert!(e.message.contains("too large"), "{}", e.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let s = "[".repeat(10_000);
        assert!(parse_documents(&s).is_err());
        let mut s = String::new();
        for i in 0..200 {
            s.push_str(&" ".repeat(i));
            s.push_str("a:\n");
        }
        assert!(parse_documents(&s).is_err());
    }
}
