//! Multi-document parsing with budgets, and kubectl-style error text.

use super::tree::{Node, Pos, Value, MAX_DEPTH};
use serde_saphyr::{Budget, Options};

/// Largest manifest accepted, in bytes (a 5,000-node `kubectl get nodes -o yaml` is about 25 MB).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Most YAML nodes (scalars, mappings, sequences) one document may have.
pub const MAX_NODES: usize = 4_000_000;

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

fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_aliases = 10_000;
    budget.max_anchors = 10_000;
    budget.max_recorded_anchor_events = 200_000;
    budget.max_recorded_anchor_bytes = 8 * 1024 * 1024;
    budget.max_events = 20_000_000;
    budget.max_depth = MAX_DEPTH as usize;
    // A 5,000-node `kubectl get nodes -o yaml` has well over a million nodes.
    budget.max_nodes = MAX_NODES;
    budget.flow_nesting_limit = MAX_DEPTH as usize;
    let mut o = Options::default();
    o.budget = Some(budget);
    // kubectl converts YAML to JSON before anything checks it, so a repeated key
    // silently keeps its last value; keep every entry and let JSON conversion decide.
    o.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
    o
}

/// Parses every document of a YAML (or JSON) stream. Empty documents are dropped,
/// as kubectl drops them.
pub fn parse_documents(text: &str) -> Result<Vec<Node>, ParseError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ParseError {
            pos: Pos::UNKNOWN,
            message: format!(
                "input is {} bytes; the limit is {} bytes",
                text.len(),
                MAX_INPUT_BYTES
            ),
        });
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
        return Err(ParseError {
            pos: Pos::new(line, col),
            message: "control characters are not allowed".into(),
        });
    }
    match parse_with_stack(text) {
        Ok(docs) => Ok(docs
            .into_iter()
            .flatten()
            .filter(|n| n.value != Value::Null)
            .collect()),
        Err(e) => Err(convert(&e, text)),
    }
}

/// Each nesting level costs tens of kilobytes of stack in unoptimised native builds,
/// so natively the parse runs on a thread with room for `MAX_DEPTH` levels.
#[cfg(not(target_arch = "wasm32"))]
fn parse_with_stack(text: &str) -> Result<Vec<Option<Node>>, serde_saphyr::Error> {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn_scoped(s, || {
                serde_saphyr::from_multiple_with_options::<Option<Node>>(text, options())
            })
            .expect("spawn parser thread")
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    })
}

#[cfg(target_arch = "wasm32")]
fn parse_with_stack(text: &str) -> Result<Vec<Option<Node>>, serde_saphyr::Error> {
    serde_saphyr::from_multiple_with_options::<Option<Node>>(text, options())
}

fn convert(e: &serde_saphyr::Error, text: &str) -> ParseError {
    let pos = e
        .location()
        .map(|l| Pos::new(l.line() as u32, l.column() as u32))
        .unwrap_or(Pos::UNKNOWN);
    let raw = e.to_string();
    // serde-saphyr renders a snippet after the first line; keep the reason only.
    let first = raw.lines().next().unwrap_or("").trim();
    let reason = strip_location_prefix(first);
    let message = if reason.contains("Depth") || reason.contains("recursion limit") {
        format!("nesting deeper than {MAX_DEPTH} levels")
    } else if reason.starts_with("budget breached") {
        format!(
            "input too large or too repetitive ({})",
            reason.trim_start_matches("budget breached: ")
        )
    } else if reason.contains("tabs disallowed") || reason.contains("tab character") {
        // Go's yaml.v2, which kubectl uses, says this for a tab used as indentation.
        "found character that cannot start any token".to_string()
    } else {
        reason.to_string()
    };
    let pos = if message.contains("cannot start any token") {
        tab_pos(text, pos)
    } else {
        pos
    };
    ParseError { pos, message }
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

fn strip_location_prefix(s: &str) -> &str {
    let s = s.strip_prefix("error: ").unwrap_or(s);
    // "line 4 column 2: reason"
    if let Some(rest) = s.strip_prefix("line ") {
        if let Some(idx) = rest.find(": ") {
            return &rest[idx + 2..];
        }
    }
    s
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
    fn alias_bomb_is_refused() {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            s.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        assert!(parse_documents(&s).is_err());
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
