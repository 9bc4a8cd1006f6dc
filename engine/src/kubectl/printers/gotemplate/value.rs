//! The values a template works on: Go `reflect.Value`s over the decoded JSON.

use serde_json::{Map, Value as Json};
use std::borrow::Cow;

/// A Go value as the template engine sees it (a `reflect.Value`).
#[derive(Clone, Debug)]
pub(super) enum Val<'a> {
    /// The zero `reflect.Value`: a missing key, or a nil interface taken apart.
    Invalid,
    /// An `interface{}` value read out of a map or a slice (possibly nil).
    Iface(&'a Json),
    Bool(bool),
    /// Go's `int`: literals, lengths, range indexes.
    Int(i64),
    I64(i64),
    /// A byte of a string (`index "abc" 0`).
    U8(u8),
    F64(f64),
    Str(Cow<'a, str>),
    Map(&'a Map<String, Json>),
    Slice(&'a [Json]),
}

impl<'a> Val<'a> {
    /// The concrete value of decoded JSON; `null` is the nil interface, which has none.
    pub(super) fn of_json(j: &'a Json) -> Val<'a> {
        match j {
            Json::Null => Val::Invalid,
            Json::Bool(b) => Val::Bool(*b),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Val::I64(i),
                None => Val::F64(n.as_f64().unwrap_or_default()),
            },
            Json::String(s) => Val::Str(Cow::Borrowed(s)),
            Json::Array(a) => Val::Slice(a),
            Json::Object(m) => Val::Map(m),
        }
    }

    /// `indirectInterface`: the value inside an interface.
    pub(super) fn unbox(self) -> Val<'a> {
        match self {
            Val::Iface(j) => Val::of_json(j),
            v => v,
        }
    }

    pub(super) fn is_valid(&self) -> bool {
        !matches!(self, Val::Invalid)
    }

    pub(super) fn is_nil_iface(&self) -> bool {
        matches!(self, Val::Iface(Json::Null))
    }

    /// `reflect.Type.String()`.
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            Val::Invalid => "<nil>",
            Val::Iface(_) => "interface {}",
            Val::Bool(_) => "bool",
            Val::Int(_) => "int",
            Val::I64(_) => "int64",
            Val::U8(_) => "uint8",
            Val::F64(_) => "float64",
            Val::Str(_) => "string",
            Val::Map(_) => "map[string]interface {}",
            Val::Slice(_) => "[]interface {}",
        }
    }

    /// The value passed as an `interface{}` argument: `None` for nil.
    pub(super) fn to_any(&self) -> Option<Val<'a>> {
        Some(self.clone().unbox()).filter(Val::is_valid)
    }
}

/// `truth`: non-zero, non-empty, non-nil.
pub(super) fn is_true(v: &Val) -> bool {
    match v {
        Val::Invalid => false,
        Val::Iface(j) => is_true(&Val::of_json(j)),
        Val::Bool(b) => *b,
        Val::Int(i) | Val::I64(i) => *i != 0,
        Val::U8(u) => *u != 0,
        Val::F64(f) => *f != 0.0,
        Val::Str(s) => !s.is_empty(),
        Val::Map(m) => !m.is_empty(),
        Val::Slice(s) => !s.is_empty(),
    }
}
