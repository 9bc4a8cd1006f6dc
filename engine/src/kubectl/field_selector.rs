//! `--field-selector`: the fields each kind can be listed by, as the API server's field
//! label conversions accept them (`pkg/apis/core/v1/conversion.go`; other kinds only
//! `metadata.name` and `metadata.namespace`) and its registries fill them in
//! (`ToSelectableFields`; a field an object lacks is empty).

use super::resource::Resource;
use crate::api::ObjectMeta;
use crate::cluster::{Cluster, Key};
use serde_json::Value as Json;

/// One `field=value`, `field==value` or `field!=value` term.
pub struct Term {
    field: String,
    negated: bool,
    value: String,
}

/// The terms of a selector (`fields.ParseSelector`).
pub fn parse(selector: &str) -> Result<Vec<Term>, String> {
    let mut terms = Vec::new();
    for part in selector.split(',').filter(|p| !p.is_empty()) {
        let (field, negated, value) = if let Some((f, v)) = part.split_once("!=") {
            (f, true, v)
        } else if let Some((f, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
            (f, false, v)
        } else {
            return Err(format!(
                "invalid selector: '{part}'; can't understand '{part}'"
            ));
        };
        terms.push(Term {
            field: field.trim().to_string(),
            negated,
            value: value.trim().to_string(),
        });
    }
    Ok(terms)
}

/// The API server's refusal of a field the kind cannot be selected by, if any term names
/// one (the message of its BadRequest).
pub fn unsupported(r: Resource, terms: &[Term]) -> Option<String> {
    let t = terms.iter().find(|t| !supported(r, &t.field))?;
    Some(match r {
        Resource::Pods | Resource::Nodes | Resource::Namespaces | Resource::Events => {
            format!("field label not supported: {}", t.field)
        }
        _ => format!(
            "\"{}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
            t.field
        ),
    })
}

fn supported(r: Resource, field: &str) -> bool {
    match r {
        Resource::Pods => matches!(
            field,
            "metadata.name"
                | "metadata.namespace"
                | "spec.nodeName"
                | "spec.restartPolicy"
                | "spec.schedulerName"
                | "spec.serviceAccountName"
                | "spec.hostNetwork"
                | "status.phase"
                | "status.podIP"
                | "status.podIPs"
                | "status.nominatedNodeName"
                | "spec.host"
        ),
        Resource::Nodes => matches!(field, "metadata.name" | "spec.unschedulable"),
        Resource::Namespaces => matches!(field, "metadata.name" | "status.phase"),
        Resource::Events => matches!(
            field,
            "involvedObject.kind"
                | "involvedObject.namespace"
                | "involvedObject.name"
                | "involvedObject.uid"
                | "involvedObject.apiVersion"
                | "involvedObject.resourceVersion"
                | "involvedObject.fieldPath"
                | "reason"
                | "reportingComponent"
                | "source"
                | "type"
                | "metadata.namespace"
                | "metadata.name"
        ),
        _ => matches!(field, "metadata.name" | "metadata.namespace"),
    }
}

/// Whether the object with key `k` has every term's value.
pub fn matches(c: &Cluster, r: Resource, k: &Key, terms: &[Term]) -> bool {
    terms
        .iter()
        .all(|t| (field(c, r, k, &t.field).unwrap_or_default() == t.value) != t.negated)
}

/// A selectable field of the object (None: not set, which selects as empty).
fn field(c: &Cluster, r: Resource, k: &Key, name: &str) -> Option<String> {
    let meta = |m: &ObjectMeta| match name {
        "metadata.name" => Some(m.name.clone()),
        // Cluster-scoped kinds have no namespace field.
        "metadata.namespace" if r.namespaced() => Some(m.namespace.clone()),
        _ => None,
    };
    match r {
        Resource::Pods => {
            let p = c.store.pods.get(k)?;
            let rest = |key: &str| {
                p.spec
                    .rest
                    .get(key)
                    .and_then(Json::as_str)
                    .map(String::from)
            };
            Some(match name {
                "spec.nodeName" | "spec.host" => p.spec.node_name.clone(),
                "spec.restartPolicy" => p.spec.restart_policy.clone(),
                "spec.schedulerName" => p.spec.scheduler_name.clone(),
                "spec.serviceAccountName" => rest("serviceAccountName").unwrap_or_default(),
                "spec.hostNetwork" => p.spec.host_network.to_string(),
                "status.phase" => p.status.phase.to_string(),
                "status.podIP" => super::printers::util::pod_ip(p),
                "status.nominatedNodeName" => p
                    .status
                    .rest
                    .get("nominatedNodeName")
                    .and_then(Json::as_str)
                    .unwrap_or_default()
                    .to_string(),
                _ => return meta(&p.metadata),
            })
        }
        Resource::Nodes => {
            let n = c.store.nodes.get(&*k.name)?;
            match name {
                "spec.unschedulable" => Some(n.spec.unschedulable.to_string()),
                _ => meta(&n.metadata),
            }
        }
        Resource::Namespaces => {
            let n = c.store.namespaces.get(&*k.name)?;
            match name {
                "status.phase" => Some(n.status.phase.clone()),
                _ => meta(&n.metadata),
            }
        }
        Resource::Events => {
            let e = c.store.event(k)?;
            let io = &e.involved_object;
            Some(match name {
                "involvedObject.kind" => io.kind.to_string(),
                "involvedObject.namespace" => io.namespace.clone(),
                "involvedObject.name" => io.name.clone(),
                "involvedObject.uid" => io.uid.clone(),
                "involvedObject.apiVersion" => io.api_version.to_string(),
                "involvedObject.fieldPath" => io.field_path.clone(),
                "reason" => e.reason.to_string(),
                "source" => e.source.component.to_string(),
                "type" => e.type_.to_string(),
                // Not recorded: the simulated recorder writes core/v1 events.
                "involvedObject.resourceVersion" | "reportingComponent" => String::new(),
                _ => return meta(&e.metadata),
            })
        }
        _ => meta(r.meta(c, k)?),
    }
}
