//! Placement reasons as text and as manifest paths.

use super::affinity::Mismatch;
use super::{Placement, Reason, Tolerated};

pub(super) fn field_path(r: &Reason) -> Option<String> {
    const SPEC: &str = "spec.template.spec";
    match r {
        Reason::Fits { .. } => None,
        Reason::NodeNameMismatch { .. } => Some(format!("{SPEC}.nodeName")),
        Reason::Selector(Mismatch::SelectorLabel { key, .. }) => {
            let mut p = format!("{SPEC}.nodeSelector");
            crate::yaml::push_key(&mut p, key);
            Some(p)
        },
        Reason::Selector(Mismatch::AffinityTerms(f)) => Some(match f.first() {
            Some(t) if !t.requirement.is_empty() => format!(
                "{SPEC}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[{}].{}",
                t.term, t.requirement
            ),
            _ => format!("{SPEC}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"),
        }),
        Reason::UntoleratedTaint { .. } => Some(format!("{SPEC}.tolerations")),
    }
}

fn tolerated_text(t: &Tolerated) -> String {
    match t.toleration {
        Some(i) => format!(
            "taint {} tolerated by tolerations[{i}]",
            t.taint.to_string_k8s()
        ),
        None => format!(
            "taint {} tolerated by a default DaemonSet toleration",
            t.taint.to_string_k8s()
        ),
    }
}

/// One line for `kubectl describe ds` and the browser's inspector.
pub fn explain_text(p: &Placement) -> String {
    match &p.reason {
        Reason::Fits { tolerated } => {
            let mut s = "eligible".to_string();
            if !tolerated.is_empty() {
                let parts: Vec<String> = tolerated.iter().map(tolerated_text).collect();
                s.push_str(&format!(" ({})", parts.join("; ")));
            }
            s
        }
        Reason::NodeNameMismatch { node_name } => {
            format!("not eligible: the template's nodeName is {node_name}")
        }
        Reason::Selector(Mismatch::SelectorLabel { key, want, have }) => match have {
            Some(h) => format!(
                "not eligible: nodeSelector {key}={want} does not match the node's label {key}={h}"
            ),
            None => format!("not eligible: nodeSelector {key}={want}: the node has no label {key}"),
        },
        Reason::Selector(Mismatch::AffinityTerms(f)) => {
            let parts: Vec<String> = f
                .iter()
                .map(|t| format!("term {}: {}", t.term, t.text))
                .collect();
            if parts.is_empty() {
                "not eligible: required node affinity has no terms".into()
            } else {
                format!("not eligible: required node affinity: {}", parts.join("; "))
            }
        }
        Reason::UntoleratedTaint { taint, .. } if p.should_continue_running => format!(
            "not eligible for a new pod: taint {} is not tolerated (a running pod may stay)",
            taint.to_string_k8s()
        ),
        Reason::UntoleratedTaint { taint, .. } => {
            format!(
                "not eligible: taint {} is not tolerated",
                taint.to_string_k8s()
            )
        }
    }
}
