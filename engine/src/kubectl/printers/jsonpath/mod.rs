//! kubectl's JSONPath (`-o jsonpath=…`, and the columns of `-o custom-columns=…`), as
//! client-go's `util/jsonpath` parses and evaluates it: text outside `{…}` is copied;
//! inside, fields (`.a.b`, `.a\.b` for a key with a dot), `..` (recursive descent), `*`,
//! `[i]`, `[a:b:c]`, `['key']`, unions `[0,2]`, filters `[?(@.a == "x")]` and
//! `[?(@.a)]`, string literals `{"\n"}`, and `{range …}…{end}`. kubectl allows missing
//! keys: a field that is not there gives no value rather than an error.
//!
//! One difference: where a map is walked (`*`, `..`), Go's order is random; here it is
//! the keys' order.

mod parse;

pub use parse::parse;

use super::util::go_value;
use serde_json::Value as Json;

/// Deep templates and filters end in an error rather than a deep recursion.
const MAX_DEPTH: usize = 64;
/// Output past this ends in an error (a `range` inside a `range` over thousands of pods).
const MAX_OUTPUT: usize = 16 << 20;
/// Values visited past this end in an error: ranges over `..` nested a few deep would
/// otherwise take years.
const MAX_STEPS: u64 = 5_000_000;

/// What an evaluation has used so far.
struct Budget(std::cell::Cell<u64>);

impl Budget {
    fn spend(&self, n: usize) -> Result<(), String> {
        let used = self.0.get() + n as u64 + 1;
        self.0.set(used);
        if used > MAX_STEPS {
            return Err("template is too expensive to evaluate".into());
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    List(Vec<Node>),
    Field(String),
    Recursive,
    Wildcard,
    /// `[start:end:step]`; a single index `[i]` is `[i:i+1]`.
    Array {
        start: Option<i64>,
        end: Option<i64>,
        step: Option<i64>,
        single: bool,
    },
    Union(Vec<Vec<Node>>),
    Filter {
        left: Vec<Node>,
        op: String,
        right: Vec<Node>,
    },
    Int(i64),
    Float(f64),
    Bool(bool),
    Range,
    End,
}

/// A parsed template: its top-level nodes (text, and one list per action).
#[derive(Clone, Debug)]
pub struct JsonPath {
    nodes: Vec<Node>,
}

/// Evaluates the template over `data`: the text kubectl prints, or client-go's error.
pub fn execute(t: &JsonPath, data: &Json) -> Result<String, String> {
    let mut out = String::new();
    let mut i = 0;
    run(&Budget(0.into()), &t.nodes, &mut i, data, &mut out, 0)?;
    Ok(out)
}

/// Every value the template's actions find in `data` (the cells of custom-columns).
pub fn values(t: &JsonPath, data: &Json) -> Result<Vec<Json>, String> {
    let mut out = Vec::new();
    for n in &t.nodes {
        if let Node::List(l) = n {
            out.extend(action_values(&Budget(0.into()), data, l)?);
        }
    }
    Ok(out)
}

/// Runs `nodes` from `*i` over `data` until the end (or an `{end}`, left at `*i`).
fn run(
    b: &Budget,
    nodes: &[Node],
    i: &mut usize,
    data: &Json,
    out: &mut String,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err("range nested too deeply".into());
    }
    while *i < nodes.len() {
        let node = &nodes[*i];
        *i += 1;
        let list = match node {
            Node::Text(t) => {
                out.push_str(t);
                continue;
            }
            Node::List(l) => l,
            _ => continue,
        };
        if list.first() == Some(&Node::End) {
            if depth == 0 {
                return Err("not in range, nothing to end".into());
            }
            return Ok(());
        }
        if list.first() == Some(&Node::Range) {
            let items = walk(b, &[data], &list[1..], 0)?;
            let body = *i;
            let mut after = None;
            for item in &items {
                let mut j = body;
                b.spend(0)?;
                run(b, nodes, &mut j, item, out, depth + 1)?;
                after = Some(j);
            }
            *i = match after {
                Some(j) => j,
                None => skip_range(nodes, body)?,
            };
            continue;
        }
        print_results(&action_values(b, data, list)?, out);
        if out.len() > MAX_OUTPUT {
            return Err("output is too large".into());
        }
    }
    if depth > 0 {
        // client-go ends a range that has no `{end}` at the end of the template.
        return Ok(());
    }
    Ok(())
}

/// An action's values. A literal (`{"\n"}`) replaces what came before it, as in client-go.
fn action_values(b: &Budget, data: &Json, list: &[Node]) -> Result<Vec<Json>, String> {
    let literal = list.iter().enumerate().rev().find_map(|(p, n)| match n {
        Node::Text(t) => Some((p, t)),
        _ => None,
    });
    Ok(match literal {
        Some((p, t)) => {
            let lit = Json::String(t.clone());
            walk(b, &[&lit], &list[p + 1..], 0)?
                .into_iter()
                .cloned()
                .collect()
        }
        None => walk(b, &[data], list, 0)?.into_iter().cloned().collect(),
    })
}

/// The position after the `{end}` matching a `{range}` whose body starts at `body`.
fn skip_range(nodes: &[Node], body: usize) -> Result<usize, String> {
    let mut depth = 1;
    for (k, n) in nodes.iter().enumerate().skip(body) {
        if let Node::List(l) = n {
            match l.first() {
                Some(Node::Range) => depth += 1,
                Some(Node::End) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(k + 1);
                    }
                }
                _ => {}
            }
        }
    }
    Ok(nodes.len())
}

/// client-go's `PrintResults`: values separated by spaces; maps and lists as compact JSON.
fn print_results(values: &[Json], out: &mut String) {
    for (k, v) in values.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        match v {
            Json::Object(_) | Json::Array(_) => super::json::write_compact(out, v),
            other => out.push_str(&go_value(other)),
        }
    }
}

/// Evaluates one action's nodes over `input`, in turn.
fn walk<'a>(
    b: &Budget,
    input: &[&'a Json],
    nodes: &[Node],
    depth: usize,
) -> Result<Vec<&'a Json>, String> {
    if depth > MAX_DEPTH {
        return Err("template nested too deeply".into());
    }
    let mut cur: Vec<&'a Json> = input.to_vec();
    let mut k = 0;
    while k < nodes.len() {
        b.spend(cur.len())?;
        cur = match &nodes[k] {
            Node::Field(name) if name.is_empty() => cur,
            Node::Field(name) => cur
                .iter()
                .filter_map(|v| v.as_object().and_then(|m| m.get(name)))
                .filter(|v| !v.is_null())
                .collect(),
            Node::Recursive => {
                let mut all = Vec::new();
                for v in &cur {
                    descendants(v, &mut all, 0);
                }
                all
            }
            Node::Wildcard => cur
                .iter()
                .flat_map(|v| -> Vec<&'a Json> {
                    match v {
                        Json::Object(m) => m.values().collect(),
                        Json::Array(a) => a.iter().collect(),
                        _ => vec![],
                    }
                })
                .collect(),
            Node::Array {
                start,
                end,
                step,
                single,
            } => {
                let mut out = Vec::new();
                for v in &cur {
                    if v.is_null() {
                        continue;
                    }
                    let Json::Array(a) = v else {
                        return Err(format!("{} is not array or slice", go_type(v)));
                    };
                    slice(a, *start, *end, *step, *single, &mut out)?;
                }
                out
            }
            Node::Union(parts) => {
                let mut out = Vec::new();
                for p in parts {
                    out.extend(walk(b, &cur, p, depth + 1)?);
                }
                out
            }
            Node::Filter { left, op, right } => filter(b, &cur, left, op, right, depth)?,
            // A literal starts the action (see `action_values`).
            Node::Text(_) => cur,
            Node::Int(_) | Node::Float(_) | Node::Bool(_) | Node::List(_) => {
                return Err("unexpected literal in a path".into())
            }
            Node::Range | Node::End => cur,
        };
        k += 1;
    }
    Ok(cur)
}

fn descendants<'a>(v: &'a Json, out: &mut Vec<&'a Json>, depth: usize) {
    let children: Vec<&'a Json> = match v {
        Json::Object(m) => m.values().collect(),
        Json::Array(a) => a.iter().collect(),
        _ => return,
    };
    if children.is_empty() || depth > MAX_DEPTH {
        return;
    }
    out.push(v);
    for c in children {
        descendants(c, out, depth + 1);
    }
}

fn go_type(v: &Json) -> &'static str {
    match v {
        Json::Object(_) => "map[string]interface {}",
        Json::String(_) => "string",
        Json::Number(n) if n.is_f64() => "float64",
        Json::Number(_) => "int64",
        Json::Bool(_) => "bool",
        _ => "interface {}",
    }
}

/// client-go's `evalArray` for one list.
fn slice<'a>(
    a: &'a [Json],
    start: Option<i64>,
    end: Option<i64>,
    step: Option<i64>,
    single: bool,
    out: &mut Vec<&'a Json>,
) -> Result<(), String> {
    let len = a.len() as i64;
    let mut s = start.unwrap_or(0);
    if s < 0 {
        s += len;
    }
    let mut e = end.unwrap_or(len);
    if e < 0 || (single && e == 0) {
        e += len;
    }
    if s == e {
        return Ok(());
    }
    if s >= len || s < 0 {
        return Err(format!(
            "array index out of bounds: index {s}, length {len}"
        ));
    }
    if e > len || e < 0 {
        return Err(format!(
            "array index out of bounds: index {}, length {len}",
            e - 1
        ));
    }
    if s > e {
        return Err(format!(
            "starting index {s} is greater than ending index {e}"
        ));
    }
    let step = match step {
        Some(st) if st <= 0 => return Err("step must be > 0".into()),
        Some(st) => st as usize,
        None => 1,
    };
    out.extend(a[s as usize..e as usize].iter().step_by(step));
    Ok(())
}

fn filter<'a>(
    b: &Budget,
    cur: &[&'a Json],
    left: &[Node],
    op: &str,
    right: &[Node],
    depth: usize,
) -> Result<Vec<&'a Json>, String> {
    let mut out = Vec::new();
    for v in cur {
        if v.is_null() {
            continue;
        }
        let Json::Array(items) = v else {
            return Err(format!(
                "{} is not array or slice and cannot be filtered",
                go_type(v)
            ));
        };
        for item in items {
            let lefts = walk(b, &[item], left, depth + 1)?;
            if op == "exists" {
                if !lefts.is_empty() {
                    out.push(item);
                }
                continue;
            }
            let l = match lefts.as_slice() {
                [] => continue,
                [one] => Operand::Json(one),
                _ => return Err("can only compare one element at a time".into()),
            };
            let r = match right {
                [Node::Int(n)] => Operand::Int(*n),
                [Node::Float(f)] => Operand::Float(*f),
                [Node::Bool(b)] => Operand::Bool(*b),
                [Node::Text(t)] => Operand::Str(t),
                _ => match walk(b, &[item], right, depth + 1)?.as_slice() {
                    [] => continue,
                    [one] => Operand::Json(one),
                    _ => return Err("can only compare one element at a time".into()),
                },
            };
            if compare(&l, op, &r)? {
                out.push(item);
            }
        }
    }
    Ok(out)
}

enum Operand<'a> {
    Json(&'a Json),
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(&'a str),
}

#[derive(PartialEq, PartialOrd)]
enum Scalar<'a> {
    I(i64),
    F(f64),
    S(&'a str),
    B(bool),
}

fn scalar<'a>(o: &Operand<'a>) -> Result<Scalar<'a>, String> {
    Ok(match *o {
        Operand::Int(n) => Scalar::I(n),
        Operand::Float(f) => Scalar::F(f),
        Operand::Bool(b) => Scalar::B(b),
        Operand::Str(s) => Scalar::S(s),
        Operand::Json(Json::String(s)) => Scalar::S(s),
        Operand::Json(Json::Bool(b)) => Scalar::B(*b),
        Operand::Json(Json::Number(n)) => match n.as_i64() {
            Some(i) => Scalar::I(i),
            None => Scalar::F(n.as_f64().unwrap_or(0.0)),
        },
        Operand::Json(_) => return Err("invalid type for comparison".into()),
    })
}

/// Go template's comparison functions (`eq`, `lt`, …) as client-go's filters use them.
fn compare(l: &Operand, op: &str, r: &Operand) -> Result<bool, String> {
    let (a, b) = (scalar(l)?, scalar(r)?);
    if std::mem::discriminant(&a) != std::mem::discriminant(&b) {
        return Err("incompatible types for comparison".into());
    }
    if matches!(a, Scalar::B(_)) && !matches!(op, "==" | "!=") {
        return Err("invalid type for comparison".into());
    }
    Ok(match op {
        "==" => a == b,
        "!=" => a != b,
        "<" => a < b,
        ">" => a > b,
        "<=" => a <= b,
        ">=" => a >= b,
        other => return Err(format!("unrecognized filter operator {other}")),
    })
}

#[cfg(test)]
mod tests;
