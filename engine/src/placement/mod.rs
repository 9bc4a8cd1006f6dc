//! Where daemon pods go: `NodeShouldRunDaemonPod`, with an explanation kept as data.
//!
//! Only the template's nodeName, nodeSelector, required node affinity and the
//! NoSchedule/NoExecute taints decide. Resources, host ports, conditions and
//! `spec.unschedulable` are left to the scheduler, as in Kubernetes since v1.12.

pub mod affinity;
mod explain;
pub mod tolerations;

use crate::api::{DaemonSet, Node, PodSpec, Taint};
pub use affinity::Mismatch;
pub use explain::explain_text;

/// The rule that decided, with what it named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Eligible; lists the taints that were tolerated and by which toleration.
    Fits { tolerated: Vec<Tolerated> },
    /// `spec.template.spec.nodeName` names another node.
    NodeNameMismatch { node_name: String },
    /// nodeSelector or required node affinity does not match the node's labels.
    Selector(Mismatch),
    /// A taint no toleration tolerates. NoExecute: no pod, and a running one is deleted.
    /// NoSchedule: no new pod, but a running one may stay.
    UntoleratedTaint {
        taint: Taint,
        tolerated: Vec<Tolerated>,
    },
}

/// A taint and the toleration that tolerates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tolerated {
    pub taint: Taint,
    /// Index into the template's `tolerations`, or None for a default daemon toleration.
    pub toleration: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    /// A daemon pod should be created on this node if it has none.
    pub should_run: bool,
    /// An existing daemon pod may stay on this node.
    pub should_continue_running: bool,
    pub reason: Reason,
}

impl Placement {
    /// The manifest field the deciding rule came from, as a path into the DaemonSet
    /// (resolved to a line and column through the object's source map).
    pub fn field_path(&self) -> Option<String> {
        explain::field_path(&self.reason)
    }
}

/// The pod spec the checks run against: the template plus the default daemon tolerations
/// (user tolerations keep their indices; defaults follow).
pub fn daemon_pod_spec(ds: &DaemonSet) -> PodSpec {
    let mut spec = ds.spec.template.spec.clone();
    tolerations::add_daemon_tolerations(&mut spec);
    spec
}

/// `NodeShouldRunDaemonPod(node, ds)`.
pub fn node_should_run_daemon_pod(node: &Node, ds: &DaemonSet) -> Placement {
    let spec = &ds.spec.template.spec;
    let user = &spec.tolerations;
    let defaults = tolerations::default_daemon_tolerations(spec.host_network);
    node_should_run_with(node, spec, user, &defaults)
}

/// The same decision with the default tolerations computed once by the caller (hot path).
pub fn node_should_run_with(
    node: &Node,
    spec: &PodSpec,
    user: &[crate::api::Toleration],
    defaults: &[crate::api::Toleration],
) -> Placement {
    let no = |reason| Placement {
        should_run: false,
        should_continue_running: false,
        reason,
    };
    if !spec.node_name.is_empty() && spec.node_name != node.metadata.name {
        return no(Reason::NodeNameMismatch {
            node_name: spec.node_name.clone(),
        });
    }
    if let Err(m) = affinity::match_node(spec, node) {
        return no(Reason::Selector(m));
    }
    // A user toleration equal to a default one is replaced by it; matching either is the same.
    let which = |taint: &Taint| -> Option<Option<usize>> {
        if let Some(i) = user.iter().position(|t| tolerations::tolerates(t, taint)) {
            return Some(Some(i));
        }
        defaults
            .iter()
            .any(|t| tolerations::tolerates(t, taint))
            .then_some(None)
    };
    let mut tolerated = Vec::new();
    let mut untolerated_no_schedule: Option<&Taint> = None;
    for taint in &node.spec.taints {
        if taint.effect != "NoSchedule" && taint.effect != "NoExecute" {
            continue;
        }
        match which(taint) {
            Some(toleration) => tolerated.push(Tolerated {
                taint: taint.clone(),
                toleration,
            }),
            None if taint.effect == "NoExecute" => {
                return no(Reason::UntoleratedTaint {
                    taint: taint.clone(),
                    tolerated,
                });
            }
            None => {
                untolerated_no_schedule.get_or_insert(taint);
            }
        }
    }
    if let Some(taint) = untolerated_no_schedule {
        return Placement {
            should_run: false,
            should_continue_running: true,
            reason: Reason::UntoleratedTaint {
                taint: taint.clone(),
                tolerated,
            },
        };
    }
    Placement {
        should_run: true,
        should_continue_running: true,
        reason: Reason::Fits { tolerated },
    }
}
