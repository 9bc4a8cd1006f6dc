//! Decoding the object model from JSON ([`FromJson`]): one decoder per field type and one
//! function per struct, written by [`from_json!`]. serde's derived `Deserialize` compiled a
//! visitor per struct and, for each `#[serde(flatten)]` rest, every field type a second
//! time; this decodes the same way with a fraction of the code.
//!
//! The results are those serde gave, errors included (same messages; the first error in
//! key order, then the first missing field in field order): a field that is missing takes
//! its default, `null` is an error for a string, number, boolean or struct and `None` for
//! an `Option`; `nullable` fields take their default for `null` too, as Go does. A struct
//! must be a JSON object (serde also took an array of the fields in order, which neither
//! Kubernetes nor the schema check lets through).

use serde_json::Value as Json;
use std::collections::BTreeMap;

pub trait FromJson: Sized {
    fn from_json(v: Json) -> Result<Self, String>;
}

/// `invalid type: null, expected a string`, as serde_json words it.
pub fn invalid_type(v: &Json, expected: &str) -> String {
    format!("invalid type: {}, expected {expected}", unexpected(v))
}

fn unexpected(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => format!("boolean `{b}`"),
        Json::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Json::Number(n) => format!("integer `{n}`"),
        Json::String(s) => format!("string {s:?}"),
        Json::Array(_) => "sequence".into(),
        Json::Object(_) => "map".into(),
    }
}

/// The entries of a JSON object; `expected` names the struct for the error.
pub fn object(v: Json, expected: &str) -> Result<serde_json::Map<String, Json>, String> {
    match v {
        Json::Object(m) => Ok(m),
        v => Err(invalid_type(&v, expected)),
    }
}

/// The first of the required fields (JSON names, `None` for the others) that `m` lacks,
/// as serde reports it.
pub fn missing(m: &serde_json::Map<String, Json>, fields: &[Option<&str>]) -> Option<String> {
    fields
        .iter()
        .flatten()
        .find(|f| !m.contains_key(**f))
        .map(|f| format!("missing field `{f}`"))
}

/// A field that takes its default for `null`, as Go's decoder does.
pub fn nullable<T: FromJson + Default>(v: Json) -> Result<T, String> {
    if v.is_null() {
        Ok(T::default())
    } else {
        T::from_json(v)
    }
}

impl FromJson for Json {
    fn from_json(v: Json) -> Result<Self, String> {
        Ok(v)
    }
}

impl FromJson for String {
    fn from_json(v: Json) -> Result<Self, String> {
        match v {
            Json::String(s) => Ok(s),
            v => Err(invalid_type(&v, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: Json) -> Result<Self, String> {
        v.as_bool().ok_or_else(|| invalid_type(&v, "a boolean"))
    }
}

/// A whole number within `min..=max`; `expected` is the Rust type's name.
fn int(v: &Json, min: i64, max: i64, expected: &str) -> Result<i64, String> {
    if let Json::Number(n) = v {
        if !n.is_f64() {
            return n
                .as_i64()
                .filter(|i| (min..=max).contains(i))
                .ok_or_else(|| format!("invalid value: integer `{n}`, expected {expected}"));
        }
    }
    Err(invalid_type(v, expected))
}

impl FromJson for i32 {
    fn from_json(v: Json) -> Result<Self, String> {
        int(&v, i32::MIN as i64, i32::MAX as i64, "i32").map(|i| i as i32)
    }
}

impl FromJson for i64 {
    fn from_json(v: Json) -> Result<Self, String> {
        int(&v, i64::MIN, i64::MAX, "i64")
    }
}

impl FromJson for std::borrow::Cow<'static, str> {
    fn from_json(v: Json) -> Result<Self, String> {
        String::from_json(v).map(Self::Owned)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: Json) -> Result<Self, String> {
        if v.is_null() {
            Ok(None)
        } else {
            T::from_json(v).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for crate::cluster::Shared<T> {
    fn from_json(v: Json) -> Result<Self, String> {
        T::from_json(v).map(Self::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: Json) -> Result<Self, String> {
        let Json::Array(items) = v else {
            return Err(invalid_type(&v, "a sequence"));
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(T::from_json(item)?);
        }
        Ok(out)
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(v: Json) -> Result<Self, String> {
        let Json::Object(m) = v else {
            return Err(invalid_type(&v, "a map"));
        };
        let mut out = BTreeMap::new();
        for (k, v) in m {
            out.insert(k, T::from_json(v)?);
        }
        Ok(out)
    }
}

/// `impl FromJson` for a struct of the object model (which must implement `Default`):
/// each field with its JSON name and how it decodes: `req` (required), `def` (the
/// default when missing) or `nul` (the default when missing or `null`); then `rest` if
/// the struct keeps every other key in its `rest` field.
///
/// ```ignore
/// from_json!(Taint { req key: "key", def value: "value", req effect: "effect" });
/// ```
macro_rules! from_json {
    ($ty:ident { $($kind:ident $field:ident: $json:literal),* $(,)? } $($rest:ident)?) => {
        impl $crate::api::decode::FromJson for $ty {
            fn from_json(v: serde_json::Value) -> Result<Self, String> {
                use $crate::api::decode as d;
                let m = d::object(v, concat!("struct ", stringify!($ty)))?;
                let missing = d::missing(&m, &[$($crate::api::decode::from_json!(@req $kind $json)),*]);
                let mut out = Self::default();
                for (k, v) in m {
                    match k.as_str() {
                        $($json => out.$field = $crate::api::decode::from_json!(@value $kind v)?,)*
                        _ => $crate::api::decode::from_json!(@other out k v $($rest)?),
                    }
                }
                match missing {
                    Some(e) => Err(e),
                    None => Ok(out),
                }
            }
        }
    };
    (@req req $json:literal) => { Some($json) };
    (@req $kind:ident $json:literal) => { None };
    (@value nul $v:ident) => { d::nullable($v) };
    (@value $kind:ident $v:ident) => { d::FromJson::from_json($v) };
    (@other $out:ident $k:ident $v:ident rest) => {{ $out.rest.insert($k, $v); }};
    (@other $out:ident $k:ident $v:ident) => {{}};
}
pub(crate) use from_json;

#[cfg(test)]
mod tests {
    use crate::api::*;
    use serde_json::json;

    fn err<T: FromJson + std::fmt::Debug>(v: serde_json::Value) -> String {
        T::from_json(v).unwrap_err()
    }

    #[test]
    fn messages_as_serde_json_gives_them() {
        let e = err::<Pod>(json!({"metadata": {"name": null}}));
        assert_eq!(e, "invalid type: null, expected a string");
        let e = err::<Pod>(json!({"spec": null}));
        assert_eq!(e, "invalid type: null, expected struct PodSpec");
        let e = err::<DaemonSet>(json!({"spec": {"minReadySeconds": 3.0}}));
        assert_eq!(e, "invalid type: floating point `3.0`, expected i32");
        let e = err::<DaemonSet>(json!({"spec": {"minReadySeconds": 4294967296u64}}));
        assert_eq!(e, "invalid value: integer `4294967296`, expected i32");
        let e = err::<Node>(json!({"spec": {"taints": [{"key": "k"}]}}));
        assert_eq!(e, "missing field `effect`");
        let e = err::<Pod>(json!({"metadata": {"creationTimestamp": "today"}}));
        assert_eq!(e, "invalid time \"today\"");
        let e = err::<DaemonSet>(
            json!({"spec": {"updateStrategy": {"rollingUpdate": {"maxSurge": true}}}}),
        );
        assert_eq!(
            e,
            "data did not match any variant of untagged enum IntOrString"
        );
    }

    #[test]
    fn nulls_defaults_and_rest() {
        let p = Pod::from_json(json!({
            "metadata": {"labels": null, "generation": 2, "zz": 1},
            "spec": {"containers": null, "hostNetwork": null, "dnsPolicy": "None",
                     "affinity": {"podAffinity": {}}},
            "status": {"startTime": null, "conditions": [{"type": "Ready", "status": "True"}]}
        }))
        .unwrap();
        assert!(p.metadata.labels.is_empty() && p.spec.containers.is_empty());
        assert_eq!(p.metadata.generation, 2);
        assert_eq!(p.metadata.rest["zz"], json!(1));
        assert_eq!(p.spec.rest["dnsPolicy"], json!("None"));
        assert_eq!(
            p.spec.affinity.as_ref().unwrap().rest["podAffinity"],
            json!({})
        );
        assert_eq!(p.status.start_time, None);
        assert!(p.is_ready());
        let s = IntOrString::from_json(json!("10%")).unwrap();
        assert_eq!(s, IntOrString::Str("10%".into()));
    }
}
