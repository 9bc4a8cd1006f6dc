//! Small helpers shared by the printers and `describe`: ages, label and selector formats,
//! and reads of the JSON fields the object model carries in `rest`.

use crate::api::time::human_duration;
use crate::api::{LabelSelector, Time};
#[cfg(feature = "output-templates")]
use crate::validation::render::quote;
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// `translateTimestampSince`: kubectl's AGE, or `<unknown>` for a missing (zero) time.
pub fn since(now: Time, t: Option<Time>) -> String {
    match t {
        Some(t) if t.0 != 0 => {
            // duration.HumanDuration tolerates a second of clock skew, no more.
            let secs = (now.0 - t.0) / 1000;
            if secs < -1 {
                "<invalid>".into()
            } else {
                human_duration((now.0 - t.0).max(0))
            }
        }
        _ => "<unknown>".into(),
    }
}

/// `labels.FormatLabels`: `k=v,k2=v2` sorted by key, or `<none>`.
pub fn format_labels(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        return "<none>".into();
    }
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key, values
/// sorted; empty for a nil or empty selector. None when an operator is invalid.
pub fn selector_string(sel: Option<&LabelSelector>) -> Option<String> {
    let Some(sel) = sel else {
        return Some(String::new());
    };
    let mut reqs: Vec<(String, String)> = Vec::new();
    for (k, v) in &sel.match_labels {
        reqs.push((k.clone(), format!("{k}={v}")));
    }
    for r in &sel.match_expressions {
        let mut vals = r.values.clone();
        crate::sort::sort(&mut vals);
        let s = match r.operator.as_str() {
            "In" => format!("{} in ({})", r.key, vals.join(",")),
            "NotIn" => format!("{} notin ({})", r.key, vals.join(",")),
            "Exists" => r.key.clone(),
            "DoesNotExist" => format!("!{}", r.key),
            _ => return None,
        };
        reqs.push((r.key.clone(), s));
    }
    crate::sort::sort_by(&mut reqs, |a, b| a.0.cmp(&b.0));
    Some(
        reqs.into_iter()
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(","),
    )
}

/// `metav1.FormatLabelSelector`: the selector string, `<none>` when empty.
pub fn format_label_selector(sel: Option<&LabelSelector>) -> String {
    match selector_string(sel) {
        None => "<error>".into(),
        Some(s) if s.is_empty() => "<none>".into(),
        Some(s) => s,
    }
}

/// A string field of a JSON object, or "".
pub fn jstr<'a>(v: Option<&'a Json>, key: &str) -> &'a str {
    v.and_then(|v| v.get(key))
        .and_then(Json::as_str)
        .unwrap_or("")
}

pub fn jint(v: Option<&Json>, key: &str) -> i64 {
    v.and_then(|v| v.get(key))
        .and_then(Json::as_i64)
        .unwrap_or(0)
}

pub fn jarr(v: Option<&Json>) -> &[Json] {
    v.and_then(Json::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// A time field written as RFC 3339.
pub fn jtime(v: Option<&Json>, key: &str) -> Option<Time> {
    v.and_then(|v| v.get(key))
        .and_then(Json::as_str)
        .and_then(Time::parse_rfc3339)
}

/// Go's `%v` of an unstructured JSON value.
pub fn go_value(v: &Json) -> String {
    match v {
        Json::Null => "<nil>".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                super::json::fmt_g(n.as_f64().unwrap_or(0.0))
            }
        }
        Json::String(s) => s.clone(),
        Json::Array(a) => format!("[{}]", a.iter().map(go_value).collect::<Vec<_>>().join(" ")),
        Json::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            crate::sort::sort(&mut keys);
            format!(
                "map[{}]",
                keys.iter()
                    .map(|k| format!("{k}:{}", go_value(&m[k.as_str()])))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        }
    }
}

#[cfg(feature = "output-templates")]
/// Go's `%#v` of an unstructured JSON value, as kubectl shows the object a JSONPath
/// failed on: `map[string]interface {}{"a":1, "b":[]interface {}{"x"}}`.
pub fn go_syntax(v: &Json) -> String {
    match v {
        Json::Null => "interface {}(nil)".into(),
        Json::String(s) => quote(s),
        Json::Array(a) => format!(
            "[]interface {{}}{{{}}}",
            a.iter().map(go_syntax).collect::<Vec<_>>().join(", ")
        ),
        Json::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            crate::sort::sort(&mut keys);
            format!(
                "map[string]interface {{}}{{{}}}",
                keys.iter()
                    .map(|k| format!("{}:{}", quote(k), go_syntax(&m[k.as_str()])))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
        other => go_value(other),
    }
}

/// printers.WriteEscaped: terminal escape characters made visible.
pub fn escape_terminal(s: &str) -> String {
    if !s.contains(['\x1b', '\r']) {
        return s.to_string();
    }
    s.replace('\x1b', "^[").replace('\r', "\\r")
}

/// The roles of a node: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`.
pub fn node_roles(labels: &BTreeMap<String, String>) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    for (k, v) in labels {
        if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
            if !role.is_empty() {
                roles.push(role.to_string());
            }
        } else if k == "kubernetes.io/role" && !v.is_empty() {
            roles.push(v.clone());
        }
    }
    crate::sort::sort(&mut roles);
    roles.dedup();
    roles
}

/// `status.hostIP`, `status.podIP` and a container status's `imageID`: the typed field, or
/// the Kubernetes spelling kept in `rest` (the object model serialises these as `hostIp`,
/// `podIp` and `imageId`).
pub fn host_ip(p: &crate::api::Pod) -> String {
    typed_or_rest(&p.status.host_ip, &p.status.rest, "hostIP")
}

pub fn pod_ip(p: &crate::api::Pod) -> String {
    typed_or_rest(&p.status.pod_ip, &p.status.rest, "podIP")
}

pub fn image_id(s: &crate::api::ContainerStatus) -> String {
    typed_or_rest(&s.image_id, &s.rest, "imageID")
}

fn typed_or_rest(
    typed: &str,
    rest: &std::collections::BTreeMap<String, Json>,
    key: &str,
) -> String {
    if typed.is_empty() {
        rest.get(key)
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string()
    } else {
        typed.to_string()
    }
}
