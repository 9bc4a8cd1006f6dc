//! Node and Namespace validation (`pkg/apis/core/validation/validation.go`: `ValidateNode`,
//! `validateNodeTaints`, `ValidateNodeResources`, `ValidateNamespace`).

use super::field::{child, index, FieldError};
use super::meta::{validate_object_meta, NameRule};
use super::names::{label_value_errors, qualified_name_errors};
use super::pod::validate_taint_effect;
use super::render::{quote, taint};
use crate::api::{Namespace, Node, Taint};
use std::collections::{BTreeMap, BTreeSet};

/// `ValidateNode` for the modelled fields: the name (a DNS subdomain), labels, annotations,
/// taints, and non-negative capacity and allocatable quantities.
///
/// The taints are reported at `metadata.taints[i]`, not `spec.taints[i]`: upstream passes
/// the `metadata` path to `validateNodeTaints`, and that is what users see.
pub fn validate_node(node: &Node) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&node.metadata, "metadata", NameRule::DnsSubdomain, false);
    if !node.spec.taints.is_empty() {
        errs.extend(validate_node_taints(&node.spec.taints, "metadata.taints"));
    }
    errs.extend(validate_node_resources(
        &node.status.capacity,
        "status.capacity",
    ));
    errs.extend(validate_node_resources(
        &node.status.allocatable,
        "status.allocatable",
    ));
    errs
}

/// `ValidateNodeUpdate`, for the parts that apply: the same checks on the new node.
pub fn validate_node_update(_old: &Node, new: &Node) -> Vec<FieldError> {
    validate_node(new)
}

/// `validateNodeTaints`: key a qualified name, value a label value, effect required and
/// supported, and no two taints with the same key and effect.
pub fn validate_node_taints(taints: &[Taint], path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut unique: BTreeSet<(String, String)> = BTreeSet::new();
    for (i, t) in taints.iter().enumerate() {
        let idx = index(path, i);
        for m in qualified_name_errors(&t.key) {
            errs.push(FieldError::invalid_str(child(&idx, "key"), &t.key, m));
        }
        let msgs = label_value_errors(&t.value);
        if !msgs.is_empty() {
            errs.push(FieldError::invalid_str(
                child(&idx, "value"),
                &t.value,
                msgs.join(";"),
            ));
        }
        errs.extend(validate_taint_effect(
            &t.effect,
            false,
            &child(&idx, "effect"),
        ));
        if !unique.insert((t.effect.clone(), t.key.clone())) {
            let mut e = FieldError::duplicate(&idx, taint(t));
            e.detail = "taints must be unique by key and effect pair".into();
            errs.push(e);
        }
    }
    errs
}

/// `ValidateResourceQuantityValue` on a node's capacity or allocatable: not negative, and a
/// whole number for `pods` and extended resources (names with a `/` outside `kubernetes.io`).
fn validate_node_resources(
    list: &BTreeMap<String, serde_json::Value>,
    path: &str,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, v) in list {
        let at = child(path, k);
        let Some(milli) = crate::api::quantity::parse_json_milli(v) else {
            continue;
        };
        let text = match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if milli < 0 {
            // The API server prints the quantity in canonical form; the text as written is
            // shown here.
            errs.push(FieldError::invalid(
                &at,
                quote(&text),
                "must be greater than or equal to 0",
            ));
        }
        let integer = k == "pods"
            || (k.contains('/') && !k.contains("kubernetes.io/") && !k.starts_with("requests."));
        if integer && milli % 1000 != 0 {
            // message verified upstream (`isNotIntegerErrorMsg`); the bad value is a
            // resource.Quantity struct upstream, rendered here as its text (not verified)
            errs.push(FieldError::invalid(&at, quote(&text), "must be an integer"));
        }
    }
    errs
}

/// `ValidateNamespace`: the name is a DNS label; labels and annotations.
pub fn validate_namespace(ns: &Namespace) -> Vec<FieldError> {
    validate_object_meta(&ns.metadata, "metadata", NameRule::DnsLabel, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ObjectMeta;

    fn node(name: &str, taints: Vec<Taint>) -> Node {
        let mut n = Node {
            metadata: ObjectMeta {
                name: name.into(),
                ..Default::default()
            },
            ..Default::default()
        };
        n.spec.taints = taints;
        n
    }

    fn t(k: &str, v: &str, e: &str) -> Taint {
        Taint {
            key: k.into(),
            value: v.into(),
            effect: e.into(),
            time_added: None,
        }
    }

    fn msgs(errs: &[FieldError]) -> Vec<String> {
        errs.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn taints() {
        let cases: Vec<(Vec<Taint>, Vec<&str>)> = vec![
            (vec![t("dedicated", "gpu", "NoSchedule"), t("dedicated", "gpu", "NoExecute")], vec![]),
            (
                vec![t("k", "", "Sometimes")],
                vec!["metadata.taints[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""],
            ),
            (vec![t("k", "", "")], vec!["metadata.taints[0].effect: Required value"]),
            (
                vec![t("k", "a", "NoSchedule"), t("k", "b", "NoSchedule")],
                vec!["metadata.taints[1]: Duplicate value: core.Taint{Key:\"k\", Value:\"b\", Effect:\"NoSchedule\", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair"],
            ),
            (
                vec![t("", "", "NoSchedule")],
                vec![
                    "metadata.taints[0].key: Invalid value: \"\": name part must be non-empty",
                    "metadata.taints[0].key: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                ],
            ),
            (
                vec![t("k", "a b", "NoSchedule")],
                vec!["metadata.taints[0].value: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
            ),
        ];
        for (taints, want) in cases {
            assert_eq!(
                msgs(&validate_node(&node("node-1", taints.clone()))),
                want,
                "{taints:?}"
            );
        }
    }

    #[test]
    fn node_names_and_labels() {
        let mut n = node("Node_1", vec![]);
        n.metadata
            .labels
            .insert("kubernetes.io/hostname".into(), "node-1".into());
        n.metadata.labels.insert("-bad".into(), "x".into());
        assert_eq!(
            msgs(&validate_node(&n)),
            vec![
                "metadata.name: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "metadata.labels: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ]
        );
        assert!(validate_node(&node("ip-10-0-0-1.ec2.internal", vec![])).is_empty());
    }

    #[test]
    fn resources() {
        let mut n = node("n", vec![]);
        n.status
            .capacity
            .insert("cpu".into(), serde_json::json!("-1"));
        n.status
            .capacity
            .insert("pods".into(), serde_json::json!("1500m"));
        n.status
            .allocatable
            .insert("memory".into(), serde_json::json!("1Gi"));
        assert_eq!(
            msgs(&validate_node(&n)),
            vec![
                "status.capacity.cpu: Invalid value: \"-1\": must be greater than or equal to 0",
                "status.capacity.pods: Invalid value: \"1500m\": must be an integer",
            ]
        );
    }

    #[test]
    fn namespaces() {
        let ns = |name: &str| Namespace {
            metadata: ObjectMeta {
                name: name.into(),
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(validate_namespace(&ns("kube-system")).is_empty());
        assert_eq!(
            msgs(&validate_namespace(&ns("team.a"))),
            vec!["metadata.name: Invalid value: \"team.a\": must not contain dots"]
        );
        assert_eq!(
            msgs(&validate_namespace(&ns("Team"))),
            vec!["metadata.name: Invalid value: \"Team\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
        );
    }
}
