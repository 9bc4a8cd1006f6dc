//! The strict checker: walks a positioned tree against the schema table, and
//! renders its findings as kube-apiserver words them.

use super::{go_type, schema, table, FieldError, FieldErrorKind, StructDef, Ty};
use crate::yaml::{Node, Value};
use std::collections::BTreeSet;

/// Whether `check` knows the kind (`DaemonSet`, `Node`, `Pod`, `Namespace`,
/// `ControllerRevision`, `PriorityClass`).
pub fn known_root(kind: &str) -> bool {
    table::ROOTS.iter().any(|(k, _)| *k == kind)
}

/// Every unknown field, duplicate field and mistyped value of `root`, an object
/// of kind `root_type`, in document order. An unknown `root_type` gives no errors.
pub fn check(root_type: &str, root: &Node) -> Vec<FieldError> {
    let Some(&(_, index)) = table::ROOTS.iter().find(|(k, _)| *k == root_type) else {
        return Vec::new();
    };
    let mut c = Checker {
        structs: schema(),
        errors: Vec::new(),
        strict: String::new(),
        go: String::new(),
        go_struct: "",
    };
    c.value(&Ty::Obj(index), root);
    c.errors
}

/// The error kube-apiserver's decoder returns, if any: the first fatal error,
/// else the first type error. When there is one the server reports it alone,
/// without the strict errors.
pub fn decode_error(errors: &[FieldError]) -> Option<&FieldError> {
    let decoding = |e: &&FieldError| {
        matches!(
            e.kind,
            FieldErrorKind::Type { .. } | FieldErrorKind::Invalid { .. }
        )
    };
    errors
        .iter()
        .filter(decoding)
        .find(|e| e.fatal)
        .or_else(|| errors.iter().find(decoding))
}

/// The server's message for the unknown and duplicate fields among `errors`:
/// `strict decoding error: unknown field "spec.foo", duplicate field "metadata.name"`.
/// Like the server it drops repeated messages and keeps at most 100.
/// `None` when there are none.
pub fn render_strict(errors: &[FieldError]) -> Option<String> {
    let mut seen = BTreeSet::new();
    let mut parts = Vec::new();
    for e in errors {
        if parts.len() >= 100 {
            break;
        }
        let word = match e.kind {
            FieldErrorKind::Unknown => "unknown",
            FieldErrorKind::Duplicate => "duplicate",
            _ => continue,
        };
        let msg = format!("{word} field {}", go_quote(&e.path));
        if seen.insert(msg.clone()) {
            parts.push(msg);
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(format!("strict decoding error: {}", parts.join(", ")))
    }
}

/// One error as Go words it: `json: cannot unmarshal string into Go struct field
/// PodSpec.spec.template.spec.hostNetwork of type bool` for a type error, the
/// server's message for an invalid value, `unknown field "x"` / `duplicate field "x"`
/// for strict errors.
pub fn render_type(e: &FieldError) -> String {
    match &e.kind {
        FieldErrorKind::Type {
            go_struct,
            go_type,
            got,
        } => {
            if go_struct.is_empty() && e.path.is_empty() {
                format!("json: cannot unmarshal {got} into Go value of type {go_type}")
            } else {
                format!("json: cannot unmarshal {got} into Go struct field {go_struct}.{} of type {go_type}", e.path)
            }
        }
        FieldErrorKind::Invalid { message } => message.clone(),
        FieldErrorKind::Unknown => format!("unknown field {}", go_quote(&e.path)),
        FieldErrorKind::Duplicate => format!("duplicate field {}", go_quote(&e.path)),
    }
}

/// Go's `strconv.Quote` for the text that occurs in field paths.
fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(crate) const QUANTITY_FORMAT: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_NUMERIC: &str = "unable to parse numeric part of quantity";
const QUANTITY_SUFFIX: &str = "unable to parse quantity's suffix";

/// Checks a quantity string as `resource.ParseQuantity` does (after Quantity's
/// UnmarshalJSON trimmed it), returning the Go error message.
pub(crate) fn parse_quantity(s: &str) -> Result<(), &'static str> {
    let s = s.trim().as_bytes();
    let len = s.len();
    if len == 0 {
        return Err(QUANTITY_FORMAT);
    }
    let digits = |from: usize| (from..len).find(|&i| !s[i].is_ascii_digit()).unwrap_or(len);
    let mut pos = usize::from(matches!(s[0], b'+' | b'-'));
    // Leading zeros; nothing but zeros (or a lone sign) reads as 0.
    while pos < len && s[pos] == b'0' {
        pos += 1;
    }
    if pos == len {
        return Ok(());
    }
    // The number: digits, then an optional fraction. inf.Dec wants a digit in it.
    let number_ok = |end: usize| s[..end].iter().any(u8::is_ascii_digit);
    pos = digits(pos);
    if pos < len && s[pos] == b'.' {
        pos = digits(pos + 1);
    }
    if pos == len {
        return if number_ok(len) {
            Ok(())
        } else {
            Err(QUANTITY_NUMERIC)
        };
    }
    let number_end = pos;
    // The suffix: letters from the suffix alphabet, then an optional signed exponent.
    while pos < len && b"eEinumkKMGTP".contains(&s[pos]) {
        pos += 1;
    }
    if pos < len {
        if matches!(s[pos], b'+' | b'-') {
            pos += 1;
        }
        if digits(pos) != len {
            return Err(QUANTITY_FORMAT);
        }
    }
    let suffix = &s[number_end..];
    let known = matches!(
        suffix,
        b"" | b"n"
            | b"u"
            | b"m"
            | b"k"
            | b"M"
            | b"G"
            | b"T"
            | b"P"
            | b"E"
            | b"Ki"
            | b"Mi"
            | b"Gi"
            | b"Ti"
            | b"Pi"
            | b"Ei"
    ) || (suffix.len() > 1
        && matches!(suffix[0], b'e' | b'E')
        && std::str::from_utf8(&suffix[1..])
            .ok()
            .and_then(|x| x.parse::<i64>().ok())
            .is_some());
    if !known {
        return Err(QUANTITY_SUFFIX);
    }
    if !number_ok(number_end) {
        return Err(QUANTITY_NUMERIC);
    }
    Ok(())
}

struct Checker<'s> {
    structs: &'s [StructDef],
    errors: Vec<FieldError>,
    /// The strict path of the value being checked.
    strict: String,
    /// Go's field path of the value being checked.
    go: String,
    /// The Go struct holding the field being checked.
    go_struct: &'static str,
}

fn join(path: &mut String, name: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(name);
}

fn joined(path: &str, name: &str) -> String {
    let mut p = path.to_string();
    join(&mut p, name);
    p
}

/// A whole number within `min..=max` (a YAML `3.0` counts: kubectl sends it as `3`).
fn whole_in(node: &Node, min: i64, max: i64) -> bool {
    match node.value {
        Value::Int(i) => (min..=max).contains(&i),
        Value::Float(f) => f.fract() == 0.0 && f >= min as f64 && f <= max as f64,
        _ => false,
    }
}

impl Checker<'_> {
    fn type_error(&mut self, node: &Node, go_type: String, fatal: bool) {
        self.errors.push(FieldError {
            pos: node.pos,
            path: self.go.clone(),
            kind: FieldErrorKind::Type {
                go_struct: self.go_struct.to_string(),
                go_type,
                got: node.json_kind(),
            },
            fatal,
        });
    }

    fn value(&mut self, ty: &Ty, node: &Node) {
        let ok = match (&node.value, ty) {
            (Value::Null, _) | (_, Ty::Any) => true,
            (Value::Str(_), Ty::Str(_) | Ty::Time) => true,
            (Value::Bool(_), Ty::Bool) => true,
            (_, Ty::Int32) => whole_in(node, i32::MIN as i64, i32::MAX as i64),
            (_, Ty::Int64) => whole_in(node, i64::MIN, i64::MAX),
            (Value::Int(_) | Value::Float(_), Ty::Float64) => true,
            (Value::Str(_), Ty::IntOrString) => true,
            (_, Ty::IntOrString) => {
                // IntOrString's UnmarshalJSON decodes anything but a string into an int32.
                if !whole_in(node, i32::MIN as i64, i32::MAX as i64) {
                    self.type_error(node, "int32".into(), true);
                }
                return;
            }
            (_, Ty::Time) => {
                // Time's UnmarshalJSON decodes into a string first.
                self.type_error(node, "string".into(), true);
                return;
            }
            (_, Ty::Quantity) => {
                self.quantity(node);
                return;
            }
            (Value::Map(entries), Ty::Obj(i)) => {
                self.object(*i as usize, entries);
                return;
            }
            (Value::Seq(items), Ty::List(elem)) => {
                for (i, item) in items.iter().enumerate() {
                    let len = self.strict.len();
                    self.strict.push_str(&format!("[{i}]"));
                    self.value(elem, item);
                    self.strict.truncate(len);
                }
                return;
            }
            (Value::Map(entries), Ty::Map(_) | Ty::ResourceList) => {
                let elem = match ty {
                    Ty::Map(elem) => elem,
                    _ => &Ty::Quantity,
                };
                self.map(elem, entries);
                return;
            }
            _ => false,
        };
        if !ok {
            self.type_error(node, go_type(ty), false);
        }
    }

    fn quantity(&mut self, node: &Node) {
        let result = match &node.value {
            Value::Null | Value::Int(_) | Value::Float(_) => Ok(()),
            Value::Str(s) => parse_quantity(s),
            _ => Err(QUANTITY_FORMAT),
        };
        if let Err(message) = result {
            self.errors.push(FieldError {
                pos: node.pos,
                path: self.strict.clone(),
                kind: FieldErrorKind::Invalid {
                    message: message.to_string(),
                },
                fatal: true,
            });
        }
    }

    fn object(&mut self, index: usize, entries: &[(Node, Node)]) {
        let def = &self.structs[index];
        let outer = self.go_struct;
        let mut seen = vec![false; def.fields.len()];
        for (k, v) in entries {
            let key = k.key_text();
            let Some(fi) = def.field(&key) else {
                self.errors.push(FieldError {
                    pos: k.pos,
                    path: joined(&self.strict, &key),
                    kind: FieldErrorKind::Unknown,
                    fatal: false,
                });
                continue;
            };
            let f = &def.fields[fi];
            if std::mem::replace(&mut seen[fi], true) {
                self.errors.push(FieldError {
                    pos: k.pos,
                    path: joined(&self.strict, f.name),
                    kind: FieldErrorKind::Duplicate,
                    fatal: false,
                });
            }
            let (strict_len, go_len) = (self.strict.len(), self.go.len());
            join(&mut self.strict, f.name);
            if let Some(embedded) = f.embedded {
                join(&mut self.go, embedded);
            }
            join(&mut self.go, f.name);
            self.go_struct = def.name;
            self.value(&f.ty, v);
            self.strict.truncate(strict_len);
            self.go.truncate(go_len);
            self.go_struct = outer;
        }
    }

    fn map(&mut self, elem: &Ty, entries: &[(Node, Node)]) {
        let mut seen = BTreeSet::new();
        for (k, v) in entries {
            let key = k.key_text();
            if !seen.insert(key.clone()) {
                self.errors.push(FieldError {
                    pos: k.pos,
                    path: joined(&self.strict, &key),
                    kind: FieldErrorKind::Duplicate,
                    fatal: false,
                });
            }
            let len = self.strict.len();
            join(&mut self.strict, &key);
            self.value(elem, v);
            self.strict.truncate(len);
        }
    }
}
