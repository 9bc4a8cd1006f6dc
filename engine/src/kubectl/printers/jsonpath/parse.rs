//! The JSONPath template parser (client-go's `util/jsonpath/parser.go`).

use super::{JsonPath, Node, MAX_DEPTH};
use crate::kubectl::printers::gotemplate::unquote;

/// Parses a template; the error is client-go's (kubectl prints `error parsing jsonpath
/// TEMPLATE, ERROR`).
pub fn parse(template: &str) -> Result<JsonPath, String> {
    let mut nodes = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        let Some(open) = rest.find('{') else {
            nodes.push(Node::Text(rest.to_string()));
            break;
        };
        if open > 0 {
            nodes.push(Node::Text(rest[..open].to_string()));
        }
        let action = &rest[open + 1..];
        let close = action_end(action).ok_or("unclosed action")?;
        nodes.push(Node::List(parse_action(&action[..close], 0)?));
        rest = &action[close + 1..];
    }
    Ok(JsonPath { nodes })
}

/// Where the action's `}` is: outside quotes and brackets.
fn action_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let (mut i, mut depth, mut quote) = (0, 0usize, None::<u8>);
    while i < b.len() {
        match (quote, b[i]) {
            (_, b'\n' | b'\r') => return None,
            (Some(_), b'\\') => i += 1,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b[i]),
            (None, b'[') => depth += 1,
            (None, b']') => depth = depth.saturating_sub(1),
            (None, b'}') if depth == 0 => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

fn is_terminator(c: char) -> bool {
    matches!(c, ' ' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}')
}

fn parse_action(s: &str, depth: usize) -> Result<Vec<Node>, String> {
    if depth > MAX_DEPTH {
        return Err("template nested too deeply".into());
    }
    let mut out = Vec::new();
    let mut i = 0;
    let b = s.as_bytes();
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        match c {
            ' ' | '@' | '$' => i += 1,
            '.' => {
                i += 1;
                if s[i..].starts_with('.') {
                    out.push(Node::Recursive);
                    i += 1;
                }
                let start = i;
                while i < s.len() {
                    let ch = s[i..].chars().next().unwrap_or(' ');
                    if ch == '\\' {
                        i += 1 + s[i + 1..].chars().next().map_or(0, char::len_utf8);
                        continue;
                    }
                    if is_terminator(ch) {
                        break;
                    }
                    i += ch.len_utf8();
                }
                let name = s[start..i.min(s.len())].replace('\\', "");
                match name.as_str() {
                    "*" => out.push(Node::Wildcard),
                    "" if out.last() == Some(&Node::Recursive) => {}
                    "" => out.push(Node::Field(String::new())),
                    _ => out.push(Node::Field(name)),
                }
            }
            '[' => {
                let close = bracket_end(&s[i..]).ok_or("unclosed array expect ]")?;
                out.extend(parse_array(&s[i + 1..i + close], depth)?);
                i += close + 1;
            }
            '"' | '\'' => {
                let (text, len) = parse_quote(&s[i..])?;
                out.push(Node::Text(text));
                i += len;
            }
            '+' | '-' | '0'..='9' => {
                let start = i;
                i += 1;
                while i < b.len() && (b[i].is_ascii_digit() || matches!(b[i], b'.' | b'e' | b'E')) {
                    i += 1;
                }
                let t = &s[start..i];
                out.push(if let Ok(n) = t.parse::<i64>() {
                    Node::Int(n)
                } else if let Ok(f) = t.parse::<f64>() {
                    Node::Float(f)
                } else {
                    return Err(format!("cannot parse number {t}"));
                });
            }
            c if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while i < s.len() {
                    let ch = s[i..].chars().next().unwrap_or(' ');
                    if !(ch.is_alphanumeric() || ch == '_') {
                        break;
                    }
                    i += ch.len_utf8();
                }
                out.push(match &s[start..i] {
                    "range" => Node::Range,
                    "end" => Node::End,
                    "true" => Node::Bool(true),
                    "false" => Node::Bool(false),
                    other => return Err(format!("unrecognized identifier {other}")),
                });
            }
            other => {
                return Err(format!(
                    "unrecognized character in action: {}",
                    go_rune(other)
                ))
            }
        }
    }
    Ok(out)
}

/// Go's `%#U` of a character: `U+0023 '#'`.
fn go_rune(c: char) -> String {
    format!("U+{:04X} '{c}'", c as u32)
}

/// Where the `]` closing the bracket that starts `s` is (quotes and nested brackets
/// skipped).
fn bracket_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let (mut i, mut depth, mut quote) = (0, 0usize, None::<u8>);
    while i < b.len() {
        match (quote, b[i]) {
            (Some(_), b'\\') => i += 1,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b[i]),
            (None, b'[') => depth += 1,
            (None, b']') => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A quoted string at the start of `s`: its text (Go escapes for `"`) and length.
fn parse_quote(s: &str) -> Result<(String, usize), String> {
    let q = s.as_bytes()[0];
    let b = s.as_bytes();
    let mut i = 1;
    while i < b.len() && b[i] != q {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    if i >= b.len() {
        return Err("unterminated quoted string".into());
    }
    let text = if q == b'"' {
        unquote(&s[..=i]).map_err(|e| format!("unquote string {} error {e}", &s[..=i]))?
    } else {
        s[1..i].to_string()
    };
    Ok((text, i + 1))
}

fn parse_array(text: &str, depth: usize) -> Result<Vec<Node>, String> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("?(").and_then(|t| t.strip_suffix(')')) {
        return Ok(vec![parse_filter(inner, depth)?]);
    }
    if text == "*" {
        return Ok(vec![Node::Wildcard]);
    }
    if text.contains(',') {
        let parts = split_outside_quotes(text, ',');
        let mut union = Vec::new();
        for p in parts {
            union.push(parse_action(&format!("[{}]", p.trim()), depth + 1)?);
        }
        return Ok(vec![Node::Union(union)]);
    }
    if let Some(key) = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .filter(|k| !k.contains('\''))
    {
        // client-go reads a quoted key as the field path `.KEY`.
        return parse_action(&format!(".{key}"), depth + 1);
    }
    let parts: Vec<&str> = text.split(':').collect();
    let num = |p: &str| -> Result<Option<i64>, String> {
        let p = p.trim();
        if p.is_empty() {
            return Ok(None);
        }
        p.parse::<i64>()
            .map(Some)
            .map_err(|_| format!("invalid array index {text}"))
    };
    if parts.len() > 3 || text.is_empty() {
        return Err(format!("invalid array index {text}"));
    }
    let start = num(parts[0])?;
    if parts.len() == 1 {
        let start = start.ok_or_else(|| format!("invalid array index {text}"))?;
        return Ok(vec![Node::Array {
            start: Some(start),
            end: Some(start + 1),
            step: None,
            single: true,
        }]);
    }
    Ok(vec![Node::Array {
        start,
        end: num(parts[1])?,
        step: parts.get(2).map(|p| num(p)).transpose()?.flatten(),
        single: false,
    }])
}

fn split_outside_quotes(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut quote, mut start) = (None, 0);
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c == sep => {
                parts.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

fn parse_filter(inner: &str, depth: usize) -> Result<Node, String> {
    // client-go: `^([^!<>=]+)([!<>=]+)(.+?)$`, else the whole text is an existence test.
    let op_at = inner.find(['!', '<', '>', '=']);
    let (left, op, right) = match op_at {
        Some(i) if i > 0 => {
            let op_len = inner[i..]
                .find(|c: char| !matches!(c, '!' | '<' | '>' | '='))
                .unwrap_or(inner.len() - i);
            let right = &inner[i + op_len..];
            if right.is_empty() {
                (inner, "exists", "")
            } else {
                (&inner[..i], &inner[i..i + op_len], right)
            }
        }
        _ => (inner, "exists", ""),
    };
    Ok(Node::Filter {
        left: parse_action(left, depth + 1)?,
        op: op.to_string(),
        right: parse_action(right, depth + 1)?,
    })
}
