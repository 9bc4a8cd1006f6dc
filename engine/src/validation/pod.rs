//! Pod template and pod spec checks (`pkg/apis/core/validation/validation.go`:
//! `ValidatePodTemplateSpec`, `ValidatePodSpec`, containers, ports, tolerations, node
//! affinity), for the fields this engine models. Fields kept only in `rest` maps are
//! checked where they matter to users (imagePullPolicy, terminationMessagePolicy,
//! dnsPolicy, ...); volumes, env, probes' contents, resources and security contexts are not.

use super::field::{child, index, FieldError};
use super::meta::{validate_annotations, validate_labels, validate_object_meta, NameRule};
use super::names::{
    dns1123_label_errors, inclusive_range_error, label_value_errors, name_is_dns_subdomain,
    port_name_errors, port_num_errors, qualified_name_errors,
};
use super::render::quote;
use crate::api::decode::{from_json, FromJson};
use crate::api::{
    Container, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodSpec,
    PodTemplateSpec, Toleration,
};
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};

/// `PodValidationOptions`, reduced to what matters here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PodValidationOptions {
    /// The spec is a Pod's (not a template's): with hostNetwork every hostPort must equal
    /// its containerPort, and images must not have surrounding whitespace.
    pub resource_is_pod: bool,
    /// The alpha `TaintTolerationComparisonOperators` gate (v1.35+, off by default):
    /// accept the `Lt` and `Gt` toleration operators.
    pub allow_toleration_comparison_operators: bool,
}

const MAX_INT32: i64 = i32::MAX as i64;

fn rest_str<'a>(rest: &'a BTreeMap<String, Json>, k: &str) -> Option<&'a str> {
    rest.get(k).and_then(|v| v.as_str())
}

fn rest_present(rest: &BTreeMap<String, Json>, k: &str) -> bool {
    rest.get(k).is_some_and(|v| !v.is_null())
}

/// `ValidatePodTemplateSpec` at `path` (e.g. `spec.template`). Note the upstream paths for
/// the template's labels and annotations: `spec.template.labels`, not `...metadata.labels`.
pub fn validate_pod_template_spec(
    t: &PodTemplateSpec,
    path: &str,
    opts: PodValidationOptions,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    errs.extend(validate_labels(&t.metadata.labels, &child(path, "labels")));
    errs.extend(validate_annotations(
        &t.metadata.annotations,
        &child(path, "annotations"),
    ));
    errs.extend(validate_pod_spec(&t.spec, &child(path, "spec"), opts));
    if t.spec
        .rest
        .get("ephemeralContainers")
        .and_then(|v| v.as_array())
        .is_some_and(|a| !a.is_empty())
    {
        errs.push(FieldError::forbidden(
            child(&child(path, "spec"), "ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        ));
    }
    errs
}

/// A Pod created directly (`validatePodMetadataAndSpec` for the modelled fields).
pub fn validate_pod(pod: &Pod) -> Vec<FieldError> {
    let opts = PodValidationOptions {
        resource_is_pod: true,
        ..Default::default()
    };
    let mut errs = validate_object_meta(&pod.metadata, "metadata", NameRule::DnsSubdomain, true);
    errs.extend(validate_pod_spec(&pod.spec, "spec", opts));
    for (list, name) in [
        (pod.spec.containers.as_slice(), "containers"),
        (pod.spec.init_containers.as_slice(), "initContainers"),
    ] {
        for (i, c) in list.iter().enumerate() {
            if c.image.len() != c.image.trim().len() {
                errs.push(FieldError::invalid_str(
                    child(&index(&child("spec", name), i), "image"),
                    &c.image,
                    "must not have leading or trailing whitespace",
                ));
            }
        }
    }
    errs
}

/// `ValidatePodSpec` at `path` (e.g. `spec.template.spec`), in upstream order.
pub fn validate_pod_spec(
    spec: &PodSpec,
    path: &str,
    opts: PodValidationOptions,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.termination_grace_period_seconds.is_none() {
        errs.push(FieldError::required(
            child(path, "terminationGracePeriodSeconds"),
            "",
        ));
    }
    errs.extend(validate_containers(
        &spec.containers,
        &child(path, "containers"),
    ));
    errs.extend(validate_init_containers(
        &spec.init_containers,
        &spec.containers,
        &child(path, "initContainers"),
    ));
    errs.extend(validate_host_network_deps(spec, path, opts));
    errs.extend(validate_restart_policy(
        &spec.restart_policy,
        &child(path, "restartPolicy"),
    ));
    errs.extend(validate_dns_policy(
        rest_str(&spec.rest, "dnsPolicy").unwrap_or(""),
        &child(path, "dnsPolicy"),
    ));
    errs.extend(validate_labels(
        &spec.node_selector,
        &child(path, "nodeSelector"),
    ));
    if let Some(na) = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
    {
        errs.extend(validate_node_affinity(
            na,
            &child(&child(path, "affinity"), "nodeAffinity"),
        ));
    }
    if let Some(sa) = rest_str(&spec.rest, "serviceAccountName").filter(|s| !s.is_empty()) {
        for m in name_is_dns_subdomain(sa, false) {
            errs.push(FieldError::invalid_str(
                child(path, "serviceAccountName"),
                sa,
                m,
            ));
        }
    }
    if !spec.node_name.is_empty() {
        for m in name_is_dns_subdomain(&spec.node_name, false) {
            errs.push(FieldError::invalid_str(
                child(path, "nodeName"),
                &spec.node_name,
                m,
            ));
        }
    }
    if let Some(v) = spec.active_deadline_seconds {
        if !(1..=MAX_INT32).contains(&v) {
            errs.push(FieldError::invalid_int(
                child(path, "activeDeadlineSeconds"),
                v,
                inclusive_range_error(1, MAX_INT32),
            ));
        }
    }
    for field in ["hostname", "subdomain"] {
        if let Some(v) = rest_str(&spec.rest, field).filter(|s| !s.is_empty()) {
            for m in dns1123_label_errors(v) {
                errs.push(FieldError::invalid_str(child(path, field), v, m));
            }
        }
    }
    if !spec.tolerations.is_empty() {
        errs.extend(validate_tolerations(
            &spec.tolerations,
            &child(path, "tolerations"),
            opts.allow_toleration_comparison_operators,
        ));
    }
    if !spec.priority_class_name.is_empty() {
        for m in name_is_dns_subdomain(&spec.priority_class_name, false) {
            errs.push(FieldError::invalid_str(
                child(path, "priorityClassName"),
                &spec.priority_class_name,
                m,
            ));
        }
    }
    if let Some(p) = rest_str(&spec.rest, "preemptionPolicy") {
        match p {
            "PreemptLowerPriority" | "Never" => {}
            "" => errs.push(FieldError::required(child(path, "preemptionPolicy"), "")),
            _ => errs.push(FieldError::not_supported_str(
                child(path, "preemptionPolicy"),
                p,
                &["PreemptLowerPriority", "Never"],
            )),
        }
    }
    errs
}

/// `validateContainerCommon` for the modelled fields.
fn validate_container_common(c: &Container, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name_path = child(path, "name");
    if c.name.is_empty() {
        errs.push(FieldError::required(name_path, ""));
    } else {
        for m in dns1123_label_errors(&c.name) {
            errs.push(FieldError::invalid_str(&name_path, &c.name, m));
        }
    }
    if c.image.is_empty() {
        errs.push(FieldError::required(child(path, "image"), ""));
    }
    match rest_str(&c.rest, "terminationMessagePolicy").unwrap_or("") {
        "File" | "FallbackToLogsOnError" => {}
        "" => errs.push(FieldError::required(
            child(path, "terminationMessagePolicy"),
            "",
        )),
        p => errs.push(FieldError::not_supported_str(
            child(path, "terminationMessagePolicy"),
            p,
            &["File", "FallbackToLogsOnError"],
        )),
    }
    errs.extend(validate_container_ports(c, &child(path, "ports")));
    match rest_str(&c.rest, "imagePullPolicy").unwrap_or("") {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => errs.push(FieldError::required(child(path, "imagePullPolicy"), "")),
        p => errs.push(FieldError::not_supported_str(
            child(path, "imagePullPolicy"),
            p,
            &["Always", "IfNotPresent", "Never"],
        )),
    }
    errs
}

/// `validateContainerPorts`.
fn validate_container_ports(c: &Container, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut names = BTreeSet::new();
    for (i, p) in c.ports.iter().enumerate() {
        let idx = index(path, i);
        if !p.name.is_empty() {
            let msgs = port_name_errors(&p.name);
            if !msgs.is_empty() {
                for m in msgs {
                    errs.push(FieldError::invalid_str(child(&idx, "name"), &p.name, m));
                }
            } else if !names.insert(p.name.clone()) {
                errs.push(FieldError::duplicate(child(&idx, "name"), quote(&p.name)));
            }
        }
        if p.container_port == 0 {
            errs.push(FieldError::required(child(&idx, "containerPort"), ""));
        } else {
            for m in port_num_errors(p.container_port as i64) {
                errs.push(FieldError::invalid_int(
                    child(&idx, "containerPort"),
                    p.container_port as i64,
                    m,
                ));
            }
        }
        let host_port = p.host_port.unwrap_or(0);
        if host_port != 0 {
            for m in port_num_errors(host_port as i64) {
                errs.push(FieldError::invalid_int(
                    child(&idx, "hostPort"),
                    host_port as i64,
                    m,
                ));
            }
        }
        if p.protocol.is_empty() {
            errs.push(FieldError::required(child(&idx, "protocol"), ""));
        } else if !matches!(p.protocol.as_str(), "TCP" | "UDP" | "SCTP") {
            errs.push(FieldError::not_supported_str(
                child(&idx, "protocol"),
                &p.protocol,
                &["SCTP", "TCP", "UDP"],
            ));
        }
    }
    errs
}

/// `validateContainers`: at least one, common checks, unique names, host port conflicts.
fn validate_containers(containers: &[Container], path: &str) -> Vec<FieldError> {
    if containers.is_empty() {
        return vec![FieldError::required(path, "")];
    }
    let mut errs = Vec::new();
    let mut names = BTreeSet::new();
    for (i, c) in containers.iter().enumerate() {
        let p = index(path, i);
        errs.extend(validate_container_common(c, &p));
        if !names.insert(c.name.clone()) {
            errs.push(FieldError::duplicate(child(&p, "name"), quote(&c.name)));
        }
        if rest_present(&c.rest, "restartPolicy") {
            errs.push(FieldError::forbidden(
                child(&p, "restartPolicy"),
                "may not be set for non-init containers",
            ));
        }
    }
    errs.extend(check_host_port_conflicts(containers, path));
    errs
}

/// `validateInitContainers` for the modelled fields.
fn validate_init_containers(
    inits: &[Container],
    regular: &[Container],
    path: &str,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut names = BTreeSet::new();
    names.extend(regular.iter().map(|c| c.name.clone()));
    for (i, c) in inits.iter().enumerate() {
        let p = index(path, i);
        errs.extend(validate_container_common(c, &p));
        let mut restart_always = false;
        if let Some(rp) = c.rest.get("restartPolicy").filter(|v| !v.is_null()) {
            let rp = rp.as_str().unwrap_or("");
            if rp == "Always" {
                restart_always = true;
            } else {
                errs.push(FieldError::not_supported_str(
                    child(&p, "restartPolicy"),
                    rp,
                    &["Always"],
                ));
            }
        }
        if names.contains(&c.name) {
            errs.push(FieldError::duplicate(child(&p, "name"), quote(&c.name)));
        } else if !c.name.is_empty() {
            names.insert(c.name.clone());
        }
        // Upstream checks each init container alone, so the index in the path is always 0.
        errs.extend(check_host_port_conflicts(std::slice::from_ref(c), path));
        if !restart_always {
            let forbidden = "may not be set for init containers without restartPolicy=Always";
            if rest_present(&c.rest, "lifecycle") {
                errs.push(FieldError::forbidden(child(&p, "lifecycle"), forbidden));
            }
            if c.liveness_probe.as_ref().is_some_and(|v| !v.is_null()) {
                errs.push(FieldError::forbidden(child(&p, "livenessProbe"), forbidden));
            }
            if c.readiness_probe.as_ref().is_some_and(|v| !v.is_null()) {
                errs.push(FieldError::forbidden(
                    child(&p, "readinessProbe"),
                    forbidden,
                ));
            }
            if c.startup_probe.as_ref().is_some_and(|v| !v.is_null()) {
                errs.push(FieldError::forbidden(child(&p, "startupProbe"), forbidden));
            }
        }
    }
    errs
}

/// `AccumulateUniqueHostPorts`: the same `protocol/hostIP/hostPort` twice is a duplicate.
fn check_host_port_conflicts(containers: &[Container], path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen = BTreeSet::new();
    for (ci, c) in containers.iter().enumerate() {
        for (pi, p) in c.ports.iter().enumerate() {
            let hp = p.host_port.unwrap_or(0);
            if hp == 0 {
                continue;
            }
            let key = format!("{}/{}/{}", p.protocol, p.host_ip, hp);
            if !seen.insert(key.clone()) {
                let at = child(&index(&child(&index(path, ci), "ports"), pi), "hostPort");
                errs.push(FieldError::duplicate(at, quote(&key)));
            }
        }
    }
    errs
}

/// `validatePodHostNetworkDeps`: with hostNetwork, a hostPort must equal its containerPort
/// (0 is allowed in templates, where it is defaulted later).
fn validate_host_network_deps(
    spec: &PodSpec,
    path: &str,
    opts: PodValidationOptions,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if !spec.host_network {
        return errs;
    }
    for (i, c) in spec.containers.iter().enumerate() {
        for (j, p) in c.ports.iter().enumerate() {
            let hp = p.host_port.unwrap_or(0);
            if (opts.resource_is_pod || hp != 0) && hp != p.container_port {
                let at = child(
                    &index(&child(&index(&child(path, "containers"), i), "ports"), j),
                    "hostPort",
                );
                errs.push(FieldError::invalid_int(
                    at,
                    hp as i64,
                    "must match `containerPort` when `hostNetwork` is true",
                ));
            }
        }
    }
    errs
}

/// `validateRestartPolicy`.
pub fn validate_restart_policy(policy: &str, path: &str) -> Vec<FieldError> {
    match policy {
        "Always" | "OnFailure" | "Never" => vec![],
        "" => vec![FieldError::required(path, "")],
        p => vec![FieldError::not_supported_str(
            path,
            p,
            &["Always", "OnFailure", "Never"],
        )],
    }
}

/// `validateDNSPolicy`.
fn validate_dns_policy(policy: &str, path: &str) -> Vec<FieldError> {
    match policy {
        "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None" => vec![],
        "" => vec![FieldError::required(path, "")],
        p => vec![FieldError::not_supported_str(
            path,
            p,
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        )],
    }
}

/// The canonical decimal form of an int64 (no sign on zero, no leading zeros, no `+`).
fn is_canonical_int64(s: &str) -> bool {
    s.parse::<i64>().is_ok_and(|v| v.to_string() == s)
}

/// `ValidateTolerations`, as of v1.32 (after kubernetes#128119: the bad value of the
/// `Exists`-with-a-value error is the value). With `allow_comparison`, the v1.35 alpha `Lt`
/// and `Gt` operators are accepted.
pub fn validate_tolerations(
    tolerations: &[Toleration],
    path: &str,
    allow_comparison: bool,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, t) in tolerations.iter().enumerate() {
        let idx = index(path, i);
        if !t.key.is_empty() {
            for m in qualified_name_errors(&t.key) {
                errs.push(FieldError::invalid_str(child(&idx, "key"), &t.key, m));
            }
        }
        if t.key.is_empty() && t.operator != "Exists" {
            errs.push(FieldError::invalid_str(
                child(&idx, "operator"),
                &t.operator,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ));
        }
        if t.toleration_seconds.is_some() && t.effect != "NoExecute" {
            errs.push(FieldError::invalid_str(
                child(&idx, "effect"),
                &t.effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        match t.operator.as_str() {
            "Equal" | "" => {
                let msgs = label_value_errors(&t.value);
                if !msgs.is_empty() {
                    errs.push(FieldError::invalid_str(
                        child(&idx, "operator"),
                        &t.value,
                        msgs.join(";"),
                    ));
                }
            }
            "Exists" => {
                if !t.value.is_empty() {
                    errs.push(FieldError::invalid_str(
                        child(&idx, "operator"),
                        &t.value,
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            "Lt" | "Gt" if allow_comparison => {
                if !is_canonical_int64(&t.value) {
                    // message not verified upstream
                    errs.push(FieldError::invalid_str(
                        child(&idx, "value"),
                        &t.value,
                        "value must be a valid integer when `operator` is 'Lt' or 'Gt'",
                    ));
                }
            }
            op => {
                let valid: &[&str] = if allow_comparison {
                    &["Equal", "Exists", "Lt", "Gt"]
                } else {
                    &["Equal", "Exists"]
                };
                errs.push(FieldError::not_supported_str(
                    child(&idx, "operator"),
                    op,
                    valid,
                ));
            }
        }
        if !t.effect.is_empty() {
            errs.extend(validate_taint_effect(
                &t.effect,
                true,
                &child(&idx, "effect"),
            ));
        }
    }
    errs
}

/// `validateTaintEffect`.
pub fn validate_taint_effect(effect: &str, allow_empty: bool, path: &str) -> Vec<FieldError> {
    if !allow_empty && effect.is_empty() {
        return vec![FieldError::required(path, "")];
    }
    match effect {
        "NoSchedule" | "PreferNoSchedule" | "NoExecute" => vec![],
        e => vec![FieldError::not_supported_str(
            path,
            e,
            &["NoSchedule", "PreferNoSchedule", "NoExecute"],
        )],
    }
}

/// `validateNodeAffinity`: required terms, and the preferred terms kept in `rest`.
fn validate_node_affinity(na: &NodeAffinity, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(req) = &na.required {
        errs.extend(validate_node_selector(
            req,
            false,
            &child(path, "requiredDuringSchedulingIgnoredDuringExecution"),
        ));
    }
    #[derive(Default)]
    struct Preferred {
        weight: i64,
        preference: NodeSelectorTerm,
    }
    from_json!(Preferred {
        def weight: "weight",
        def preference: "preference",
    });
    if let Some(v) = na
        .rest
        .get("preferredDuringSchedulingIgnoredDuringExecution")
    {
        if let Ok(terms) = Vec::<Preferred>::from_json(v.clone()) {
            let p = child(path, "preferredDuringSchedulingIgnoredDuringExecution");
            for (i, t) in terms.iter().enumerate() {
                if t.weight <= 0 || t.weight > 100 {
                    errs.push(FieldError::invalid_int(
                        child(&index(&p, i), "weight"),
                        t.weight,
                        "must be in the range 1-100",
                    ));
                }
                errs.extend(validate_node_selector_term(
                    &t.preference,
                    true,
                    &child(&index(&p, i), "preference"),
                ));
            }
        }
    }
    errs
}

/// `ValidateNodeSelector`.
pub fn validate_node_selector(
    sel: &NodeSelector,
    allow_invalid_values: bool,
    path: &str,
) -> Vec<FieldError> {
    let terms = child(path, "nodeSelectorTerms");
    if sel.node_selector_terms.is_empty() {
        return vec![FieldError::required(
            terms,
            "must have at least one node selector term",
        )];
    }
    let mut errs = Vec::new();
    for (i, t) in sel.node_selector_terms.iter().enumerate() {
        errs.extend(validate_node_selector_term(
            t,
            allow_invalid_values,
            &index(&terms, i),
        ));
    }
    errs
}

/// `ValidateNodeSelectorTerm`.
pub fn validate_node_selector_term(
    term: &NodeSelectorTerm,
    allow_invalid_values: bool,
    path: &str,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (j, r) in term.match_expressions.iter().enumerate() {
        errs.extend(validate_node_selector_requirement(
            r,
            allow_invalid_values,
            &index(&child(path, "matchExpressions"), j),
        ));
    }
    for (j, r) in term.match_fields.iter().enumerate() {
        errs.extend(validate_node_field_selector_requirement(
            r,
            &index(&child(path, "matchFields"), j),
        ));
    }
    errs
}

/// `ValidateNodeSelectorRequirement`.
pub fn validate_node_selector_requirement(
    r: &NodeSelectorRequirement,
    allow_invalid_values: bool,
    path: &str,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let values = child(path, "values");
    match r.operator.as_str() {
        "In" | "NotIn" => {
            if r.values.is_empty() {
                errs.push(FieldError::required(
                    &values,
                    "must be specified when `operator` is 'In' or 'NotIn'",
                ));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !r.values.is_empty() {
                errs.push(FieldError::forbidden(
                    &values,
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                ));
            }
        }
        "Gt" | "Lt" => {
            if r.values.len() != 1 {
                errs.push(FieldError::required(
                    &values,
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                ));
            }
        }
        op => errs.push(FieldError::invalid_str(
            child(path, "operator"),
            op,
            "not a valid selector operator",
        )),
    }
    for m in qualified_name_errors(&r.key) {
        errs.push(FieldError::invalid_str(child(path, "key"), &r.key, m));
    }
    if !allow_invalid_values {
        for (i, v) in r.values.iter().enumerate() {
            for m in label_value_errors(v) {
                errs.push(FieldError::invalid_str(index(&values, i), v, m));
            }
        }
    }
    errs
}

/// `ValidateNodeFieldSelectorRequirement`: only `metadata.name` with In/NotIn and one value.
pub fn validate_node_field_selector_requirement(
    r: &NodeSelectorRequirement,
    path: &str,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match r.operator.as_str() {
        "In" | "NotIn" => {
            if r.values.len() != 1 {
                errs.push(FieldError::required(
                    child(path, "values"),
                    "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                ));
            }
        }
        op => errs.push(FieldError::invalid_str(
            child(path, "operator"),
            op,
            "not a valid selector operator",
        )),
    }
    if r.key != "metadata.name" {
        errs.push(FieldError::invalid_str(
            child(path, "key"),
            &r.key,
            "not a valid field selector key",
        ));
    } else {
        for (i, v) in r.values.iter().enumerate() {
            for m in name_is_dns_subdomain(v, false) {
                errs.push(FieldError::invalid_str(
                    index(&child(path, "values"), i),
                    v,
                    m,
                ));
            }
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ContainerPort;

    fn container(name: &str, image: &str) -> Container {
        let mut c = Container {
            name: name.into(),
            image: image.into(),
            ..Default::default()
        };
        c.rest
            .insert("imagePullPolicy".into(), Json::from("IfNotPresent"));
        c.rest
            .insert("terminationMessagePolicy".into(), Json::from("File"));
        c
    }

    fn spec() -> PodSpec {
        let mut s = PodSpec {
            containers: vec![container("c", "nginx")].into(),
            restart_policy: "Always".into(),
            termination_grace_period_seconds: Some(30),
            ..Default::default()
        };
        s.rest
            .insert("dnsPolicy".into(), Json::from("ClusterFirst"));
        s
    }

    fn msgs(errs: &[FieldError]) -> Vec<String> {
        errs.iter().map(|e| e.to_string()).collect()
    }

    const P: &str = "spec.template.spec";

    #[test]
    fn valid_spec() {
        assert_eq!(
            msgs(&validate_pod_spec(&spec(), P, Default::default())),
            Vec::<String>::new()
        );
    }

    #[test]
    fn containers() {
        let mut s = spec();
        s.containers.clear();
        assert_eq!(
            msgs(&validate_pod_spec(&s, P, Default::default())),
            vec!["spec.template.spec.containers: Required value"]
        );

        let mut s = spec();
        *s.containers = vec![
            container("", ""),
            container("Bad_Name", "x"),
            container("dup", "x"),
            container("dup", "x"),
        ];
        assert_eq!(
            msgs(&validate_pod_spec(&s, P, Default::default())),
            vec![
                "spec.template.spec.containers[0].name: Required value".to_string(),
                "spec.template.spec.containers[0].image: Required value".into(),
                "spec.template.spec.containers[1].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".into(),
                "spec.template.spec.containers[3].name: Duplicate value: \"dup\"".into(),
            ]
        );
    }

    #[test]
    fn ports() {
        let mut s = spec();
        let port = |cp: i32, hp: Option<i32>, proto: &str| ContainerPort {
            container_port: cp,
            host_port: hp,
            protocol: proto.into(),
            ..Default::default()
        };
        s.containers[0].ports = vec![
            port(0, None, "TCP"),
            port(70000, Some(-1), "TCP"),
            port(80, Some(8080), "HTTP"),
            port(81, Some(8080), "TCP"),
            port(82, Some(8080), "TCP"),
            port(83, None, ""),
        ];
        assert_eq!(
            msgs(&validate_pod_spec(&s, P, Default::default())),
            vec![
                "spec.template.spec.containers[0].ports[0].containerPort: Required value".to_string(),
                "spec.template.spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive".into(),
                "spec.template.spec.containers[0].ports[1].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive".into(),
                "spec.template.spec.containers[0].ports[2].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"".into(),
                "spec.template.spec.containers[0].ports[5].protocol: Required value".into(),
                "spec.template.spec.containers[0].ports[4].hostPort: Duplicate value: \"TCP//8080\"".into(),
            ]
        );
    }

    #[test]
    fn host_network_ports() {
        let mut s = spec();
        s.host_network = true;
        s.containers[0].ports = vec![ContainerPort {
            container_port: 80,
            host_port: Some(81),
            protocol: "TCP".into(),
            ..Default::default()
        }];
        assert_eq!(
            msgs(&validate_pod_spec(&s, P, Default::default())),
            vec!["spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true"]
        );
    }

    #[test]
    fn policies() {
        let mut s = spec();
        s.restart_policy = "Sometimes".into();
        s.rest.insert("dnsPolicy".into(), Json::from("Google"));
        s.containers[0]
            .rest
            .insert("imagePullPolicy".into(), Json::from("Maybe"));
        s.active_deadline_seconds = Some(0);
        assert_eq!(
            msgs(&validate_pod_spec(&s, P, Default::default())),
            vec![
                "spec.template.spec.containers[0].imagePullPolicy: Unsupported value: \"Maybe\": supported values: \"Always\", \"IfNotPresent\", \"Never\"".to_string(),
                "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"".into(),
                "spec.template.spec.dnsPolicy: Unsupported value: \"Google\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"".into(),
                "spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive".into(),
            ]
        );
    }

    #[test]
    fn tolerations() {
        let tol = |k: &str, op: &str, v: &str, e: &str, secs: Option<i64>| Toleration {
            key: k.into(),
            operator: op.into(),
            value: v.into(),
            effect: e.into(),
            toleration_seconds: secs,
        };
        let cases: Vec<(Toleration, Vec<&str>)> = vec![
            (tol("k", "Exists", "", "NoSchedule", None), vec![]),
            (tol("", "Exists", "", "", None), vec![]),
            (tol("k", "", "v", "NoExecute", Some(30)), vec![]),
            (
                tol("k", "Exists", "v", "NoSchedule", None),
                vec!["spec.template.spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"],
            ),
            (
                tol("", "Equal", "v", "NoSchedule", None),
                vec!["spec.template.spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""],
            ),
            (
                tol("", "", "", "", None),
                vec!["spec.template.spec.tolerations[0].operator: Invalid value: \"\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""],
            ),
            (
                tol("k", "Exists", "", "NoSchedule", Some(10)),
                vec!["spec.template.spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
            ),
            (
                tol("k", "In", "v", "", None),
                vec!["spec.template.spec.tolerations[0].operator: Unsupported value: \"In\": supported values: \"Equal\", \"Exists\""],
            ),
            (
                tol("k", "Gt", "5", "", None),
                vec!["spec.template.spec.tolerations[0].operator: Unsupported value: \"Gt\": supported values: \"Equal\", \"Exists\""],
            ),
            (
                tol("k", "Exists", "", "Sometimes", None),
                vec!["spec.template.spec.tolerations[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""],
            ),
            (
                tol("k k", "Exists", "", "", None),
                vec!["spec.template.spec.tolerations[0].key: Invalid value: \"k k\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
            ),
            (
                tol("k", "Equal", "-v", "", None),
                vec!["spec.template.spec.tolerations[0].operator: Invalid value: \"-v\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
            ),
        ];
        for (t, want) in cases {
            let mut s = spec();
            *s.tolerations = vec![t.clone()];
            assert_eq!(
                msgs(&validate_pod_spec(&s, P, Default::default())),
                want,
                "{t:?}"
            );
        }
        let gt = vec![
            tol("k", "Gt", "5", "", None),
            tol("k", "Lt", "05", "", None),
        ];
        assert_eq!(
            msgs(&validate_tolerations(&gt, "t", true)),
            vec!["t[1].value: Invalid value: \"05\": value must be a valid integer when `operator` is 'Lt' or 'Gt'"]
        );
    }

    #[test]
    fn node_affinity() {
        use crate::api::Affinity;
        let req = |k: &str, op: &str, vals: &[&str]| NodeSelectorRequirement {
            key: k.into(),
            operator: op.into(),
            values: vals.iter().map(|s| s.to_string()).collect(),
        };
        let with = |terms: Vec<NodeSelectorTerm>| {
            let mut s = spec();
            s.affinity = Some(Affinity {
                node_affinity: Some(NodeAffinity {
                    required: Some(NodeSelector {
                        node_selector_terms: terms,
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            });
            msgs(&validate_pod_spec(&s, P, Default::default()))
        };
        const NA: &str = "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution";
        assert_eq!(
            with(vec![]),
            vec![format!(
                "{NA}.nodeSelectorTerms: Required value: must have at least one node selector term"
            )]
        );
        let term = |exprs| NodeSelectorTerm {
            match_expressions: exprs,
            match_fields: vec![],
        };
        assert_eq!(
            with(vec![term(vec![req("zone", "In", &["a"])])]),
            Vec::<String>::new()
        );
        assert_eq!(
            with(vec![term(vec![
                req("zone", "In", &[]),
                req("zone", "Exists", &["a"]),
                req("zone", "Gt", &["1", "2"]),
                req("zone", "Like", &[]),
                req("zone", "In", &["-a"]),
            ])]),
            vec![
                format!("{NA}.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"),
                format!("{NA}.nodeSelectorTerms[0].matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
                format!("{NA}.nodeSelectorTerms[0].matchExpressions[2].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"),
                format!("{NA}.nodeSelectorTerms[0].matchExpressions[3].operator: Invalid value: \"Like\": not a valid selector operator"),
                format!("{NA}.nodeSelectorTerms[0].matchExpressions[4].values[0]: Invalid value: \"-a\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
            ]
        );
        let fields = NodeSelectorTerm {
            match_expressions: vec![],
            match_fields: vec![
                req("metadata.name", "In", &["a", "b"]),
                req("spec.x", "In", &["a"]),
            ],
        };
        assert_eq!(
            with(vec![fields]),
            vec![
                format!("{NA}.nodeSelectorTerms[0].matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector"),
                format!("{NA}.nodeSelectorTerms[0].matchFields[1].key: Invalid value: \"spec.x\": not a valid field selector key"),
            ]
        );
    }

    #[test]
    fn init_containers() {
        let mut s = spec();
        let mut i = container("c", "busybox");
        i.readiness_probe = Some(serde_json::json!({"exec": {"command": ["true"]}}));
        s.init_containers = vec![i];
        assert_eq!(
            msgs(&validate_pod_spec(&s, P, Default::default())),
            vec![
                "spec.template.spec.initContainers[0].name: Duplicate value: \"c\"",
                "spec.template.spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always",
            ]
        );
    }

    #[test]
    fn node_selector_labels() {
        let mut s = spec();
        s.node_selector.insert("disk".into(), "ssd drive".into());
        assert_eq!(
            msgs(&validate_pod_spec(&s, P, Default::default())),
            vec!["spec.template.spec.nodeSelector: Invalid value: \"ssd drive\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"]
        );
    }
}
