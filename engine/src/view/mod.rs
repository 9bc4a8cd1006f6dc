//! What the browser draws, computed from a cluster: node cards with their daemon pods,
//! the DaemonSets' `kubectl get ds` columns and rollout status line, and for a selected
//! node or pod the explanation the inspector shows. Pure data, no DOM; the app renders it.

mod diff;
mod inspect;
mod pod_state;

pub use diff::{diff_lines, revision_template, DiffLine};
pub use inspect::{inspect_node, inspect_pod, NodeDetail, PlacementLine, PodDetail};
pub use pod_state::{pod_state, PodState};

use crate::api::{DaemonSet, Node, Pod, REVISION_HASH_LABEL};
use crate::cluster::{Cluster, Key};
use crate::kubectl::printers::table::{columns, row};
use crate::kubectl::resource::Resource;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq)]
pub struct Board {
    /// Simulated time, as `kubectl get` ages count it.
    pub now_ms: i64,
    pub nodes: Vec<NodeCard>,
    pub daemonsets: Vec<DaemonSetRow>,
    /// Daemon pods whose node is gone or not named (Pending, unscheduled).
    pub unplaced: Vec<PodCell>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeCard {
    pub name: String,
    /// `kubectl get nodes` STATUS: `Ready`, `NotReady`, `Ready,SchedulingDisabled`, …
    pub status: String,
    pub ready: bool,
    pub unschedulable: bool,
    pub kubelet_stopped: bool,
    pub roles: Vec<String>,
    pub labels: Vec<(String, String)>,
    /// `key=value:Effect` as kubectl writes taints.
    pub taints: Vec<String>,
    pub pods: Vec<PodCell>,
    /// "Node worker-1: Ready, 1 daemon pod" — the card's accessible name.
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PodCell {
    pub key: Key,
    pub node: String,
    /// The owning DaemonSet's name (empty for pods no DaemonSet controls).
    pub owner: String,
    pub state: PodState,
    /// `kubectl get pods` STATUS.
    pub status: String,
    pub ready: bool,
    /// The ControllerRevision number of the pod's template, when known.
    pub revision: Option<i64>,
    /// The pod runs its DaemonSet's current template.
    pub updated: bool,
    /// "Pod fluentd-x2x9k on worker-1: Running, ready, revision 2".
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DaemonSetRow {
    pub key: Key,
    /// Header and cells of `kubectl get ds` (NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE).
    pub header: Vec<String>,
    pub cells: Vec<String>,
    /// The line `kubectl rollout status` prints now, or why it cannot (OnDelete).
    pub rollout: String,
    pub rolled_out: bool,
    pub current_revision: Option<i64>,
    pub revisions: Vec<RevisionRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RevisionRow {
    pub name: String,
    pub revision: i64,
    pub hash: String,
}

/// Revision numbers of a DaemonSet's ControllerRevisions, by template hash.
fn revisions_of(c: &Cluster, ds: &DaemonSet) -> Vec<RevisionRow> {
    let mut out: Vec<RevisionRow> = c
        .store
        .revisions_in(&ds.metadata.namespace)
        .filter(|r| {
            r.metadata
                .controller_ref()
                .is_some_and(|o| o.uid == ds.metadata.uid)
        })
        .map(|r| RevisionRow {
            name: r.metadata.name.clone(),
            revision: r.revision,
            hash: r
                .metadata
                .labels
                .get(REVISION_HASH_LABEL)
                .cloned()
                .unwrap_or_default(),
        })
        .collect();
    crate::sort::sort_by_key(&mut out, |r| r.revision);
    out
}

/// The hash the DaemonSet's current template has: the newest revision's.
fn current_hash(revs: &[RevisionRow]) -> Option<&str> {
    revs.last().map(|r| r.hash.as_str())
}

struct Owner<'a> {
    ds: &'a DaemonSet,
    revisions: HashMap<String, i64>,
    current: Option<String>,
}

pub fn board(c: &Cluster) -> Board {
    let mut owners: HashMap<&str, Owner> = HashMap::new();
    let mut daemonsets = Vec::new();
    let header: Vec<String> = columns(Resource::DaemonSets)
        .iter()
        .filter(|col| !col.wide)
        .map(|col| crate::case::to_uppercase(&col.name))
        .collect();
    for (key, ds) in &c.store.daemonsets {
        let revs = revisions_of(c, ds);
        let current = current_hash(&revs).map(str::to_string);
        let cells = row(c, Resource::DaemonSets, key)
            .map(|r| r.cells.into_iter().take(header.len()).collect())
            .unwrap_or_default();
        let (rollout, rolled_out) = match crate::kubectl::rollout::status_message(ds) {
            Ok((m, done)) => (m, done),
            Err(e) => (e, false),
        };
        daemonsets.push(DaemonSetRow {
            key: key.clone(),
            header: header.clone(),
            cells,
            rollout,
            rolled_out,
            current_revision: revs.last().map(|r| r.revision),
            revisions: revs.clone(),
        });
        owners.insert(
            ds.metadata.uid.as_str(),
            Owner {
                ds,
                revisions: revs.iter().map(|r| (r.hash.clone(), r.revision)).collect(),
                current,
            },
        );
    }

    // The pods of each node, by the node's position among the store's (sorted) keys.
    let names: Vec<&str> = c.store.nodes.keys().map(String::as_str).collect();
    let mut by_node: Vec<Vec<PodCell>> = names.iter().map(|_| Vec::new()).collect();
    let mut unplaced = Vec::new();
    for pod in c.store.pods.values() {
        let owner = pod
            .metadata
            .controller_ref()
            .filter(|o| o.kind == "DaemonSet")
            .and_then(|o| owners.get(o.uid.as_str()));
        let cell = pod_cell(c, pod, owner);
        match names.binary_search(&pod.spec.node_name.as_str()) {
            Ok(i) if !pod.spec.node_name.is_empty() => by_node[i].push(cell),
            _ => unplaced.push(cell),
        }
    }

    let nodes = c
        .store
        .nodes
        .values()
        .map(|n| {
            let pods = match names.binary_search(&n.metadata.name.as_str()) {
                Ok(i) => std::mem::take(&mut by_node[i]),
                Err(_) => Vec::new(),
            };
            node_card(c, n, pods)
        })
        .collect();
    Board {
        now_ms: c.now.0,
        nodes,
        daemonsets,
        unplaced,
    }
}

fn pod_cell(c: &Cluster, pod: &Pod, owner: Option<&Owner>) -> PodCell {
    let hash = pod.metadata.labels.get(REVISION_HASH_LABEL);
    let revision = owner.and_then(|o| hash.and_then(|h| o.revisions.get(h).copied()));
    let updated = owner.is_some_and(|o| o.current.as_ref() == hash);
    let min_ready = owner.map_or(0, |o| o.ds.spec.min_ready_seconds);
    let state = pod_state(pod, min_ready, c.now);
    let status = crate::kubectl::printers::table::pod_summary(pod).2;
    let ready = pod.is_ready();
    let node = pod.spec.node_name.clone();
    let mut label = format!("Pod {}", pod.metadata.name);
    if !node.is_empty() {
        label.push_str(&format!(" on {node}"));
    }
    label.push_str(&format!(": {status}"));
    if pod.metadata.deletion_timestamp.is_none() || status != "Terminating" {
        label.push_str(if ready { ", ready" } else { ", not ready" });
    }
    if state == PodState::Available {
        label.push_str(", available");
    }
    if let Some(r) = revision {
        label.push_str(&format!(", revision {r}"));
    }
    PodCell {
        key: Key::of(&pod.metadata),
        node,
        owner: owner
            .map(|o| o.ds.metadata.name.clone())
            .unwrap_or_default(),
        state,
        status,
        ready,
        revision,
        updated,
        label,
    }
}

fn node_card(c: &Cluster, n: &Node, pods: Vec<PodCell>) -> NodeCard {
    let status = n.status_text();
    let ready = n
        .condition("Ready")
        .is_some_and(|cond| cond.status == "True");
    let kubelet_stopped = c.stopped_kubelets.contains(&n.metadata.name);
    let count = match pods.len() {
        0 => "no daemon pods".to_string(),
        1 => "1 daemon pod".to_string(),
        k => format!("{k} daemon pods"),
    };
    let mut label = format!("Node {}: {status}", n.metadata.name);
    if kubelet_stopped {
        label.push_str(", kubelet stopped");
    }
    label.push_str(&format!(", {count}"));
    NodeCard {
        name: n.metadata.name.clone(),
        status,
        ready,
        unschedulable: n.spec.unschedulable,
        kubelet_stopped,
        roles: crate::kubectl::printers::util::node_roles(&n.metadata.labels),
        labels: n
            .metadata
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        taints: n.spec.taints.iter().map(|t| t.to_string_k8s()).collect(),
        pods,
        label,
    }
}

#[cfg(test)]
mod tests;
