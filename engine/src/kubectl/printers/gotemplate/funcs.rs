//! The template functions (Go's `text/template/funcs.go`, and kubectl's `exists` and
//! `base64decode`).

use super::escape::{base64_decode, html_escape, js_escape, url_query_escape};
use super::exec::Param;
use super::fmt::{print_arg, sprint, sprintf, sprintln, Spec};
use super::value::{is_true, Val};
use serde_json::Value as Json;
use std::borrow::Cow;

/// The zero value of `interface{}`, which `index` returns for a missing map key.
static NULL: Json = Json::Null;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Func {
    And,
    Or,
    Call,
    Html,
    Index,
    Slice,
    Js,
    Len,
    Not,
    Print,
    Printf,
    Println,
    UrlQuery,
    Eq,
    Ge,
    Gt,
    Le,
    Lt,
    Ne,
    Exists,
    Base64Decode,
}

impl Func {
    pub(super) fn lookup(name: &str) -> Option<Func> {
        Some(match name {
            "and" => Func::And,
            "or" => Func::Or,
            "call" => Func::Call,
            "html" => Func::Html,
            "index" => Func::Index,
            "slice" => Func::Slice,
            "js" => Func::Js,
            "len" => Func::Len,
            "not" => Func::Not,
            "print" => Func::Print,
            "printf" => Func::Printf,
            "println" => Func::Println,
            "urlquery" => Func::UrlQuery,
            "eq" => Func::Eq,
            "ge" => Func::Ge,
            "gt" => Func::Gt,
            "le" => Func::Le,
            "lt" => Func::Lt,
            "ne" => Func::Ne,
            "exists" => Func::Exists,
            "base64decode" => Func::Base64Decode,
            _ => return None,
        })
    }

    /// The fixed parameters and, for a variadic function, the type of the rest.
    pub(super) fn signature(self) -> (&'static [Param], Option<Param>) {
        use Param::{Any, Str, Value};
        match self {
            Func::And | Func::Or | Func::Call | Func::Index | Func::Slice | Func::Eq => {
                (&[Value], Some(Value))
            }
            Func::Html | Func::Js | Func::UrlQuery | Func::Print | Func::Println => {
                (&[], Some(Any))
            }
            Func::Len | Func::Not => (&[Value], None),
            Func::Printf => (&[Str], Some(Any)),
            Func::Ge | Func::Gt | Func::Le | Func::Lt | Func::Ne => (&[Value, Value], None),
            Func::Exists => (&[Any], Some(Any)),
            Func::Base64Decode => (&[Str], None),
        }
    }
}

pub(super) fn call_builtin<'a>(
    f: Func,
    argv: Vec<Val<'a>>,
    callee: &str,
) -> Result<Val<'a>, String> {
    let arg = |i: usize| argv.get(i).cloned().unwrap_or(Val::Invalid);
    let rest = argv.get(1..).unwrap_or_default();
    let any = |vals: &[Val<'a>]| vals.iter().map(Val::to_any).collect::<Vec<_>>();
    let string = |s: String| -> Result<Val<'a>, String> { Ok(Val::Str(Cow::Owned(s))) };
    match f {
        Func::And | Func::Or => Ok(arg(argv.len().saturating_sub(1))),
        Func::Call => match arg(0).unbox() {
            Val::Invalid => Err("call of nil".into()),
            v => Err(format!("non-function {callee} of type {}", v.type_name())),
        },
        Func::Index => index(arg(0), rest),
        Func::Slice => slice(arg(0), rest),
        Func::Len => length(&arg(0)),
        Func::Not => Ok(Val::Bool(!is_true(&arg(0)))),
        Func::Print => string(sprint(&any(&argv))),
        Func::Println => string(sprintln(&any(&argv))),
        Func::Printf => match arg(0) {
            Val::Str(format) => string(sprintf(&format, &any(rest))),
            _ => Err("printf needs a format".into()),
        },
        Func::Html => string(html_escape(&eval_args(&argv))),
        Func::Js => string(js_escape(&eval_args(&argv))),
        Func::UrlQuery => string(url_query_escape(&eval_args(&argv))),
        Func::Eq => eq(&arg(0), rest).map(Val::Bool),
        Func::Ne => eq(&arg(0), rest).map(|b| Val::Bool(!b)),
        Func::Lt => lt(&arg(0), &arg(1)).map(Val::Bool),
        Func::Le => le(&arg(0), &arg(1)).map(Val::Bool),
        Func::Gt => le(&arg(0), &arg(1)).map(|b| Val::Bool(!b)),
        Func::Ge => lt(&arg(0), &arg(1)).map(|b| Val::Bool(!b)),
        Func::Exists => Ok(Val::Bool(exists(&arg(0), rest))),
        Func::Base64Decode => match arg(0) {
            Val::Str(s) => match base64_decode(&s) {
                Ok(bytes) => string(String::from_utf8_lossy(&bytes).into_owned()),
                Err(at) => Err(format!(
                    "base64 decode failed: illegal base64 data at input byte {at}"
                )),
            },
            _ => Err("base64decode needs a string".into()),
        },
    }
}

/// The index of a slice or string; `len` itself passes, as in Go (reflect then fails).
fn index_arg(ix: &Val, len: usize) -> Result<usize, String> {
    let x = match ix {
        Val::Int(i) | Val::I64(i) => *i,
        Val::U8(u) => i64::from(*u),
        Val::Invalid => return Err("cannot index slice/array with nil".into()),
        other => {
            return Err(format!(
                "cannot index slice/array with type {}",
                other.type_name()
            ))
        }
    };
    if x < 0 || x as u64 > len as u64 {
        return Err(format!("index out of range: {x}"));
    }
    Ok(x as usize)
}

fn index<'a>(item: Val<'a>, indexes: &[Val<'a>]) -> Result<Val<'a>, String> {
    let mut item = item.unbox();
    if !item.is_valid() {
        return Err("index of untyped nil".into());
    }
    for ix in indexes {
        let ix = ix.clone().unbox();
        if item.is_nil_iface() {
            return Err("index of nil pointer".into());
        }
        item = match item.unbox() {
            Val::Slice(s) => match s.get(index_arg(&ix, s.len())?) {
                Some(e) => Val::Iface(e),
                None => return Err("reflect: slice index out of range".into()),
            },
            Val::Str(s) => match s.as_bytes().get(index_arg(&ix, s.len())?) {
                Some(b) => Val::U8(*b),
                None => return Err("reflect: string index out of range".into()),
            },
            Val::Map(m) => match &ix {
                Val::Str(k) => Val::Iface(m.get(k.as_ref()).unwrap_or(&NULL)),
                Val::Invalid => return Err("value is nil; should be of type string".into()),
                other => {
                    return Err(format!(
                        "value has type {}; should be string",
                        other.type_name()
                    ))
                }
            },
            other => return Err(format!("can't index item of type {}", other.type_name())),
        };
    }
    Ok(item)
}

fn slice<'a>(item: Val<'a>, indexes: &[Val<'a>]) -> Result<Val<'a>, String> {
    let item = item.unbox();
    if !item.is_valid() {
        return Err("slice of untyped nil".into());
    }
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match &item {
        Val::Str(_) if indexes.len() == 3 => return Err("cannot 3-index slice a string".into()),
        Val::Str(s) => s.len(),
        Val::Slice(s) => s.len(),
        other => return Err(format!("can't slice item of type {}", other.type_name())),
    };
    let mut idx = [0, len, len];
    for (i, ix) in indexes.iter().enumerate() {
        idx[i] = index_arg(ix, len)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    let (from, to) = (idx[0], idx[1]);
    Ok(match item {
        Val::Slice(s) => Val::Slice(&s[from..to]),
        Val::Str(Cow::Borrowed(s)) if s.is_char_boundary(from) && s.is_char_boundary(to) => {
            Val::Str(Cow::Borrowed(&s[from..to]))
        }
        Val::Str(s) => Val::Str(Cow::Owned(
            String::from_utf8_lossy(&s.as_bytes()[from..to]).into_owned(),
        )),
        _ => Val::Invalid,
    })
}

fn length<'a>(item: &Val<'a>) -> Result<Val<'a>, String> {
    if item.is_nil_iface() {
        return Err("len of nil pointer".into());
    }
    let n = match item.clone().unbox() {
        // Go asks the zero reflect.Value for its type, which panics.
        Val::Invalid => return Err("reflect: call of reflect.Value.Type on zero Value".into()),
        Val::Map(m) => m.len(),
        Val::Slice(s) => s.len(),
        Val::Str(s) => s.len(),
        other => return Err(format!("len of type {}", other.type_name())),
    };
    Ok(Val::Int(n as i64))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Invalid,
    Bool,
    Int,
    Uint,
    Float,
    Str,
}

fn basic_kind(v: &Val) -> Kind {
    match v {
        Val::Bool(_) => Kind::Bool,
        Val::Int(_) | Val::I64(_) => Kind::Int,
        Val::U8(_) => Kind::Uint,
        Val::F64(_) => Kind::Float,
        Val::Str(_) => Kind::Str,
        _ => Kind::Invalid,
    }
}

fn int_of(v: &Val) -> i64 {
    match v {
        Val::Int(i) | Val::I64(i) => *i,
        _ => 0,
    }
}

fn uint_of(v: &Val) -> u64 {
    match v {
        Val::U8(u) => u64::from(*u),
        _ => 0,
    }
}

fn float_of(v: &Val) -> f64 {
    match v {
        Val::F64(f) => *f,
        _ => 0.0,
    }
}

fn str_of<'v>(v: &'v Val) -> &'v str {
    match v {
        Val::Str(s) => s,
        _ => "",
    }
}

fn incompatible(a: &Val, b: &Val) -> String {
    format!(
        "incompatible types for comparison: {} and {}",
        a.type_name(),
        b.type_name()
    )
}

/// `eq a b c…`: whether `a` equals any of the others.
fn eq(a: &Val, others: &[Val]) -> Result<bool, String> {
    let a = a.clone().unbox();
    if others.is_empty() {
        return Err("missing argument for comparison".into());
    }
    let k1 = basic_kind(&a);
    for b in others {
        let b = b.clone().unbox();
        let k2 = basic_kind(&b);
        let truth = match (k1, k2) {
            (Kind::Int, Kind::Uint) => int_of(&a) >= 0 && int_of(&a) as u64 == uint_of(&b),
            (Kind::Uint, Kind::Int) => int_of(&b) >= 0 && uint_of(&a) == int_of(&b) as u64,
            _ if k1 != k2 => {
                if a.is_valid() && b.is_valid() {
                    return Err(incompatible(&a, &b));
                }
                false
            }
            (Kind::Bool, _) => matches!((&a, &b), (Val::Bool(x), Val::Bool(y)) if x == y),
            (Kind::Int, _) => int_of(&a) == int_of(&b),
            (Kind::Uint, _) => uint_of(&a) == uint_of(&b),
            (Kind::Float, _) => float_of(&a) == float_of(&b),
            (Kind::Str, _) => str_of(&a) == str_of(&b),
            (Kind::Invalid, _) => eq_other(&a, &b)?,
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `eq` of values that are not basic: nil equals nil; maps and slices don't compare.
fn eq_other(a: &Val, b: &Val) -> Result<bool, String> {
    if !a.is_valid() || !b.is_valid() {
        return Ok(a.is_valid() == b.is_valid());
    }
    let s = |v: &Val| {
        let mut out = String::new();
        print_arg(&mut out, Some(v), 's', &Spec::default());
        out
    };
    if std::mem::discriminant(a) != std::mem::discriminant(b) {
        return Err(format!(
            "non-comparable types {}: {}, {}: {}",
            s(a),
            a.type_name(),
            b.type_name(),
            sprint(&[Some(b.clone())])
        ));
    }
    Err(format!("non-comparable type {}: {}", s(b), b.type_name()))
}

fn lt(a: &Val, b: &Val) -> Result<bool, String> {
    const BAD: &str = "invalid type for comparison";
    let (a, b) = (a.clone().unbox(), b.clone().unbox());
    let (k1, k2) = (basic_kind(&a), basic_kind(&b));
    if k1 == Kind::Invalid || k2 == Kind::Invalid {
        return Err(BAD.into());
    }
    match (k1, k2) {
        (Kind::Int, Kind::Uint) => Ok(int_of(&a) < 0 || (int_of(&a) as u64) < uint_of(&b)),
        (Kind::Uint, Kind::Int) => Ok(int_of(&b) >= 0 && uint_of(&a) < int_of(&b) as u64),
        _ if k1 != k2 => Err(incompatible(&a, &b)),
        (Kind::Float, _) => Ok(float_of(&a) < float_of(&b)),
        (Kind::Int, _) => Ok(int_of(&a) < int_of(&b)),
        (Kind::Uint, _) => Ok(uint_of(&a) < uint_of(&b)),
        (Kind::Str, _) => Ok(str_of(&a) < str_of(&b)),
        _ => Err(BAD.into()),
    }
}

fn le(a: &Val, b: &Val) -> Result<bool, String> {
    if lt(a, b)? {
        return Ok(true);
    }
    eq(a, std::slice::from_ref(b))
}

/// kubectl's `exists`: whether `index item indexes…` would find a non-nil value.
fn exists(item: &Val, indexes: &[Val]) -> bool {
    let mut v = item.clone().unbox();
    for ix in indexes {
        let ix = ix.clone().unbox();
        if v.is_nil_iface() {
            return false;
        }
        let i = match &ix {
            Val::Int(i) | Val::I64(i) => Some(*i),
            Val::U8(u) => Some(i64::from(*u)),
            _ => None,
        };
        let i = i.filter(|&i| i >= 0).map(|i| i as usize);
        v = match v.unbox() {
            Val::Slice(s) => match i.and_then(|i| s.get(i)) {
                Some(e) => Val::Iface(e),
                None => return false,
            },
            Val::Str(s) => match i.and_then(|i| s.as_bytes().get(i)) {
                Some(b) => Val::U8(*b),
                None => return false,
            },
            Val::Map(m) => match &ix {
                Val::Invalid => Val::Iface(m.get("").unwrap_or(&NULL)),
                Val::Str(k) => Val::Iface(m.get(k.as_ref()).unwrap_or(&NULL)),
                _ => return false,
            },
            _ => return false,
        };
    }
    !v.is_nil_iface()
}

/// `evalArgs` of html, js and urlquery: `fmt.Sprint` with nil shown as `<no value>`.
fn eval_args(args: &[Val]) -> String {
    if let [one] = args {
        if let Some(Val::Str(s)) = one.to_any() {
            return s.into_owned();
        }
    }
    let shown: Vec<_> = args
        .iter()
        .map(|a| a.to_any().or(Some(Val::Str(Cow::Borrowed("<no value>")))))
        .collect();
    sprint(&shown)
}
