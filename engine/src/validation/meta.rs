//! ObjectMeta, labels and annotations (`apimachinery/pkg/api/validation/objectmeta.go`,
//! `apis/meta/v1/validation`), and label selectors.

use super::field::{child, index, FieldError};
use super::names::{
    label_value_errors, name_is_dns_label, name_is_dns_subdomain, qualified_name_errors,
};
use super::render::quote;
use crate::api::{LabelSelector, LabelSelectorRequirement, ObjectMeta};
use std::collections::BTreeMap;

/// `TotalAnnotationSizeLimitB`.
pub const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

/// Which name rule an object's `metadata.name` follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRule {
    /// `NameIsDNSSubdomain` (DaemonSet, Pod, Node, ...).
    DnsSubdomain,
    /// `NameIsDNSLabel` (Namespace).
    DnsLabel,
}

fn name_errors(rule: NameRule, name: &str, prefix: bool) -> Vec<String> {
    match rule {
        NameRule::DnsSubdomain => name_is_dns_subdomain(name, prefix),
        NameRule::DnsLabel => name_is_dns_label(name, prefix),
    }
}

/// `ValidateObjectMeta` for the fields a user sets: generateName, name, namespace (format
/// only: the API server fills it from the request before validating, so an empty one is not
/// reported), labels, annotations and finalizer names.
pub fn validate_object_meta(
    meta: &ObjectMeta,
    path: &str,
    rule: NameRule,
    namespaced: bool,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if !meta.generate_name.is_empty() {
        for m in name_errors(rule, &meta.generate_name, true) {
            errs.push(FieldError::invalid_str(
                child(path, "generateName"),
                &meta.generate_name,
                m,
            ));
        }
    }
    if meta.name.is_empty() {
        errs.push(FieldError::required(
            child(path, "name"),
            "name or generateName is required",
        ));
    } else {
        for m in name_errors(rule, &meta.name, false) {
            errs.push(FieldError::invalid_str(child(path, "name"), &meta.name, m));
        }
    }
    if namespaced && !meta.namespace.is_empty() {
        for m in name_is_dns_label(&meta.namespace, false) {
            errs.push(FieldError::invalid_str(
                child(path, "namespace"),
                &meta.namespace,
                m,
            ));
        }
    }
    if meta.generation < 0 {
        errs.push(FieldError::invalid_int(
            child(path, "generation"),
            meta.generation,
            "must be greater than or equal to 0",
        ));
    }
    errs.extend(validate_labels(&meta.labels, &child(path, "labels")));
    errs.extend(validate_annotations(
        &meta.annotations,
        &child(path, "annotations"),
    ));
    for f in &meta.finalizers {
        for m in qualified_name_errors(f) {
            errs.push(FieldError::invalid_str(child(path, "finalizers"), f, m));
        }
    }
    errs
}

/// `ValidateLabels`: every key a qualified name, every value a label value; the errors are
/// all at `path` (no key in the path), with the key or the value as the bad value.
pub fn validate_labels(labels: &BTreeMap<String, String>, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, v) in labels {
        for m in qualified_name_errors(k) {
            errs.push(FieldError::invalid_str(path, k, m));
        }
        for m in label_value_errors(v) {
            errs.push(FieldError::invalid_str(path, v, m));
        }
    }
    errs
}

/// `ValidateAnnotations`: keys are qualified names (checked lower-cased), and the total
/// size of keys and values is at most 256 KiB.
pub fn validate_annotations(annotations: &BTreeMap<String, String>, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for k in annotations.keys() {
        for m in qualified_name_errors(&crate::case::to_lowercase(k)) {
            errs.push(FieldError::invalid_str(path, k, m));
        }
    }
    let total: usize = annotations.iter().map(|(k, v)| k.len() + v.len()).sum();
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.push(FieldError::too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    errs
}

/// `ValidateLabelSelector` (metav1): matchLabels as labels, each requirement's operator and
/// value count, its key, and its values as label values.
pub fn validate_label_selector(sel: Option<&LabelSelector>, path: &str) -> Vec<FieldError> {
    let Some(sel) = sel else { return Vec::new() };
    let mut errs = validate_labels(&sel.match_labels, &child(path, "matchLabels"));
    for (i, r) in sel.match_expressions.iter().enumerate() {
        errs.extend(validate_label_selector_requirement(
            r,
            &index(&child(path, "matchExpressions"), i),
        ));
    }
    errs
}

/// `ValidateLabelSelectorRequirement`.
pub fn validate_label_selector_requirement(
    r: &LabelSelectorRequirement,
    path: &str,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match r.operator.as_str() {
        "In" | "NotIn" => {
            if r.values.is_empty() {
                errs.push(FieldError::required(
                    child(path, "values"),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                ));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !r.values.is_empty() {
                errs.push(FieldError::forbidden(
                    child(path, "values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                ));
            }
        }
        op => errs.push(FieldError::invalid(
            child(path, "operator"),
            quote(op),
            "not a valid selector operator",
        )),
    }
    for m in qualified_name_errors(&r.key) {
        errs.push(FieldError::invalid_str(child(path, "key"), &r.key, m));
    }
    for (i, v) in r.values.iter().enumerate() {
        for m in label_value_errors(v) {
            errs.push(FieldError::invalid_str(
                index(&child(path, "values"), i),
                v,
                m,
            ));
        }
    }
    errs
}

/// Whether `metav1.LabelSelectorAsSelector` accepts the selector (a nil selector is the
/// "nothing" selector and converts fine).
pub fn selector_converts(sel: Option<&LabelSelector>) -> bool {
    let Some(sel) = sel else { return true };
    let key_ok = |k: &str| qualified_name_errors(k).is_empty();
    let value_ok = |v: &str| label_value_errors(v).is_empty();
    sel.match_labels
        .iter()
        .all(|(k, v)| key_ok(k) && value_ok(v))
        && sel.match_expressions.iter().all(|r| {
            key_ok(&r.key)
                && match r.operator.as_str() {
                    "In" | "NotIn" => !r.values.is_empty() && r.values.iter().all(|v| value_ok(v)),
                    "Exists" | "DoesNotExist" => r.values.is_empty(),
                    _ => false,
                }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msgs(errs: &[FieldError]) -> Vec<String> {
        errs.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn object_meta() {
        let mut m = ObjectMeta {
            name: "My_DS".into(),
            namespace: "Prod".into(),
            ..Default::default()
        };
        m.labels.insert("app".into(), "x y".into());
        m.annotations.insert("Example.COM/Note".into(), "ok".into());
        m.annotations.insert("bad key".into(), "ok".into());
        assert_eq!(
            msgs(&validate_object_meta(&m, "metadata", NameRule::DnsSubdomain, true)),
            vec![
                "metadata.name: Invalid value: \"My_DS\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string(),
                "metadata.namespace: Invalid value: \"Prod\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".into(),
                "metadata.labels: Invalid value: \"x y\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')".into(),
                "metadata.annotations: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')".into(),
            ]
        );
        let m = ObjectMeta::default();
        assert_eq!(
            msgs(&validate_object_meta(
                &m,
                "metadata",
                NameRule::DnsSubdomain,
                true
            )),
            vec!["metadata.name: Required value: name or generateName is required"]
        );
        let m = ObjectMeta {
            generate_name: "web-".into(),
            ..Default::default()
        };
        assert_eq!(
            msgs(&validate_object_meta(
                &m,
                "metadata",
                NameRule::DnsSubdomain,
                true
            )),
            vec!["metadata.name: Required value: name or generateName is required"]
        );
    }

    #[test]
    fn annotation_size() {
        let mut a = BTreeMap::new();
        a.insert("big".to_string(), "x".repeat(TOTAL_ANNOTATION_SIZE_LIMIT));
        assert_eq!(
            msgs(&validate_annotations(&a, "metadata.annotations")),
            vec!["metadata.annotations: Too long: must have at most 262144 bytes"]
        );
    }

    #[test]
    fn selectors() {
        let req = |k: &str, op: &str, vals: &[&str]| LabelSelectorRequirement {
            key: k.into(),
            operator: op.into(),
            values: vals.iter().map(|s| s.to_string()).collect(),
        };
        let sel = LabelSelector {
            match_labels: BTreeMap::new(),
            match_expressions: vec![
                req("a", "In", &[]),
                req("a", "Exists", &["x"]),
                req("a", "Equals", &["x"]),
                req("", "DoesNotExist", &[]),
            ],
        };
        assert_eq!(
            msgs(&validate_label_selector(Some(&sel), "spec.selector")),
            vec![
                "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'".to_string(),
                "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'".into(),
                "spec.selector.matchExpressions[2].operator: Invalid value: \"Equals\": not a valid selector operator".into(),
                "spec.selector.matchExpressions[3].key: Invalid value: \"\": name part must be non-empty".into(),
                "spec.selector.matchExpressions[3].key: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')".into(),
            ]
        );
        assert!(!selector_converts(Some(&sel)));
        assert!(selector_converts(None));
    }
}
