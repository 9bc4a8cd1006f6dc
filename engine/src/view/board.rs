//! The node board's data: node cards with their daemon pods, and the DaemonSets' rows.

use super::pod_state::{pod_state_for, PodState};
use crate::api::{DaemonSet, Node, ObjectMeta, Pod, REVISION_HASH_LABEL};
use crate::cluster::store::Heads;
use crate::cluster::{push_decimal, Cluster, Key};
use crate::hash::{FastHashMap, Fnv64};
use crate::kubectl::printers::table::{columns, row};
use crate::kubectl::resource::Resource;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub struct Board {
    /// Simulated time, as `kubectl get` ages count it.
    pub now_ms: i64,
    /// By name. A card that did not change since the board passed to [`board_since`] is
    /// the same `Rc`, so a view can tell unchanged nodes apart without comparing them.
    pub nodes: Vec<Rc<NodeCard>>,
    pub daemonsets: Vec<DaemonSetRow>,
    /// Daemon pods whose node is gone or not named (Pending, unscheduled).
    pub unplaced: Vec<PodCell>,
    /// The cluster's write counter when the board was worked out.
    written: u64,
    /// A fingerprint of what each card shows (`None`: cannot tell, work it out again).
    fingerprints: Vec<Option<Fnv64>>,
    /// A fingerprint of each card's node part (`NodeInfo`), likewise.
    node_fingerprints: Vec<Option<Fnv64>>,
}

impl Board {
    /// The card of node `name`.
    pub fn card(&self, name: &str) -> Option<&NodeCard> {
        self.nodes
            .iter()
            .map(|c| &**c)
            .find(|c| c.node.name == name)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeCard {
    /// Shared with the previous board's card while the node is unchanged, when only its
    /// pods changed.
    pub node: Rc<NodeInfo>,
    pub pods: Vec<PodCell>,
    /// "Node worker-1: Ready, 1 daemon pod" — the card's accessible name.
    pub label: String,
}

/// What a card shows of its node.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeInfo {
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
        .revisions_controlled_by(ds)
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
    revisions: FastHashMap<String, i64>,
    revision_rows: Vec<RevisionRow>,
    current: Option<String>,
}

/// The board of the cluster as it is now.
pub fn board(c: &Cluster) -> Board {
    board_since(c, None)
}

/// The board of the cluster as it is now, keeping the cards of `prev` (a board of the same
/// cluster, earlier in the same history) whose node and daemon pods were not written
/// since. Working out 5,000 cards anew takes longer than a step of the simulation.
pub fn board_since(c: &Cluster, prev: Option<&Board>) -> Board {
    let prev = prev.filter(|p| p.written <= c.write_counter());
    let (daemonsets, owners) = daemonset_rows(c);
    let epoch = owners_fingerprint(&owners);
    let owner_of = |pod: &Pod| {
        pod.metadata
            .controller_ref()
            .filter(|o| o.kind == "DaemonSet")
            .and_then(|o| owners.get(o.uid.as_str()))
    };
    let timed = owners.values().any(|o| o.ds.spec.min_ready_seconds > 0);

    // The pods of each node, by the node's position among the store's (sorted) keys.
    let names: Vec<&str> = c.store.nodes.keys().map(String::as_str).collect();
    let heads = Heads::of(&names);
    // (No node has an empty name: an unbound pod is found on none.)
    let position = |pod: &Pod| heads.position(&pod.spec.node_name);
    let node_fingerprints: Vec<Option<Fnv64>> = c
        .store
        .nodes
        .values()
        .map(|n| {
            let stopped = c.stopped_kubelets.contains(&n.metadata.name);
            written(Fnv64::default(), &n.metadata).map(|f| f.u64(stopped as u64))
        })
        .collect();
    let mut fingerprints: Vec<Option<Fnv64>> = node_fingerprints
        .iter()
        .map(|f| f.map(|f| f.u64(epoch)))
        .collect();
    // The pods with their nodes' positions, in key order: walked twice below, and a
    // vector is cheaper to walk than the store's B-tree.
    let pods: Vec<(&Key, &Pod, Option<usize>)> = c
        .store
        .pods
        .iter()
        .map(|(k, p)| (k, &**p, position(p)))
        .collect();
    for &(_, pod, at) in &pods {
        if let Some(i) = at {
            // Whether a pod is available can change with time alone (minReadySeconds).
            let available = timed
                && owner_of(pod)
                    .is_some_and(|o| pod.is_available(o.ds.spec.min_ready_seconds, c.now));
            fingerprints[i] = fingerprints[i]
                .and_then(|f| written(f, &pod.metadata))
                .map(|f| f.u64(available as u64));
        }
    }
    // Both lists are sorted by name: one walk matches them.
    let mut earlier = prev
        .map_or(&[][..], |p| &p.nodes[..])
        .iter()
        .enumerate()
        .peekable();
    // Each node's card on the previous board: the card itself if nothing it shows
    // changed, else its node part if the node did not change.
    let mut kept: Vec<Option<Rc<NodeCard>>> = Vec::with_capacity(names.len());
    let mut kept_node: Vec<Option<Rc<NodeInfo>>> = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        while earlier
            .next_if(|(_, card)| card.node.name.as_str() < *name)
            .is_some()
        {}
        let found = prev.zip(earlier.next_if(|(_, card)| card.node.name == *name));
        let same = |now: &[Option<Fnv64>], then: &[Option<Fnv64>], j: usize| {
            now[i].is_some() && then[j] == now[i]
        };
        kept.push(
            found
                .filter(|(p, (j, _))| same(&fingerprints, &p.fingerprints, *j))
                .map(|(_, (_, card))| card.clone()),
        );
        kept_node.push(
            found
                .filter(|(p, (j, _))| same(&node_fingerprints, &p.node_fingerprints, *j))
                .map(|(_, (_, card))| card.node.clone()),
        );
    }

    let mut by_node: Vec<Vec<PodCell>> = names.iter().map(|_| Vec::new()).collect();
    let mut unplaced = Vec::new();
    for &(key, pod, at) in &pods {
        match at {
            Some(i) if kept[i].is_some() => {}
            Some(i) => by_node[i].push(pod_cell(c, key, pod, owner_of(pod))),
            None => unplaced.push(pod_cell(c, key, pod, owner_of(pod))),
        }
    }
    let nodes = c
        .store
        .nodes
        .values()
        .enumerate()
        .map(|(i, n)| {
            kept[i].take().unwrap_or_else(|| {
                let node = kept_node[i]
                    .take()
                    .unwrap_or_else(|| Rc::new(node_info(c, n)));
                Rc::new(node_card(node, std::mem::take(&mut by_node[i])))
            })
        })
        .collect();
    let b = Board {
        now_ms: c.now.0,
        nodes,
        daemonsets,
        unplaced,
        written: c.write_counter(),
        fingerprints,
        node_fingerprints,
    };
    #[cfg(debug_assertions)]
    if prev.is_some() {
        let fresh = board_since(c, None);
        if let Some((a, b)) = b.nodes.iter().zip(&fresh.nodes).find(|(a, b)| a != b) {
            panic!("board_since kept a changed card:\n{a:?}\nwhile it is now\n{b:?}");
        }
        assert!(b == fresh, "board_since differs from board");
    }
    b
}

/// Adds an object's resourceVersion to a card's fingerprint; `None` if it is not one the
/// store wrote, as an object stored some other way may change without a new one.
fn written(f: Fnv64, meta: &ObjectMeta) -> Option<Fnv64> {
    let rv = meta.written_at();
    (rv != u64::MAX).then(|| f.u64(rv))
}

/// What every card depends on besides its node and pods: the DaemonSets' names,
/// minReadySeconds and revisions.
fn owners_fingerprint(owners: &FastHashMap<&str, Owner>) -> u64 {
    let mut uids: Vec<&&str> = owners.keys().collect();
    crate::sort::sort_by(&mut uids, |a, b| a.cmp(b));
    let mut f = Fnv64::default();
    for uid in uids {
        let o = &owners[*uid];
        f = f
            .field(uid)
            .field(&o.ds.metadata.name)
            .u64(o.ds.spec.min_ready_seconds as u64)
            .field(o.current.as_deref().unwrap_or(""))
            .u64(o.revision_rows.len() as u64);
        for r in &o.revision_rows {
            f = f.field(&r.hash).u64(r.revision as u64);
        }
    }
    f.0
}

/// The DaemonSets' rows, and what a pod's cell needs to know of its DaemonSet, by uid.
fn daemonset_rows(c: &Cluster) -> (Vec<DaemonSetRow>, FastHashMap<&str, Owner<'_>>) {
    let mut owners: FastHashMap<&str, Owner> = FastHashMap::default();
    let mut daemonsets = Vec::new();
    let header: Vec<String> = columns(Resource::DaemonSets)
        .iter()
        .filter(|col| !col.wide)
        .map(|col| crate::case::to_uppercase(col.name))
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
                revision_rows: revs,
                current,
            },
        );
    }
    (daemonsets, owners)
}

fn pod_cell(c: &Cluster, key: &Key, pod: &Pod, owner: Option<&Owner>) -> PodCell {
    let hash = pod.metadata.labels.get(REVISION_HASH_LABEL);
    let revision = owner.and_then(|o| hash.and_then(|h| o.revisions.get(h).copied()));
    let updated = owner.is_some_and(|o| o.current.as_ref() == hash);
    let min_ready = owner.map_or(0, |o| o.ds.spec.min_ready_seconds);
    let status = crate::kubectl::printers::table::pod_summary(pod).2;
    let state = pod_state_for(pod, &status, min_ready, c.now);
    let ready = pod.is_ready();
    let node = pod.spec.node_name.clone();
    // Written in place, with room for all of it (a board of 5,000 new pods writes 5,000
    // of these).
    let mut label = String::with_capacity(pod.metadata.name.len() + node.len() + status.len() + 56);
    label.push_str("Pod ");
    label.push_str(&pod.metadata.name);
    if !node.is_empty() {
        label.push_str(" on ");
        label.push_str(&node);
    }
    label.push_str(": ");
    label.push_str(&status);
    if pod.metadata.deletion_timestamp.is_none() || status != "Terminating" {
        label.push_str(if ready { ", ready" } else { ", not ready" });
    }
    if state == PodState::Available {
        label.push_str(", available");
    }
    if let Some(r) = revision {
        label.push_str(", revision ");
        if r < 0 {
            label.push('-');
        }
        push_decimal(&mut label, r.unsigned_abs());
    }
    PodCell {
        key: key.clone(),
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

fn node_info(c: &Cluster, n: &Node) -> NodeInfo {
    NodeInfo {
        name: n.metadata.name.clone(),
        status: n.status_text(),
        ready: n
            .condition("Ready")
            .is_some_and(|cond| cond.status == "True"),
        unschedulable: n.spec.unschedulable,
        kubelet_stopped: c.stopped_kubelets.contains(&n.metadata.name),
        roles: crate::kubectl::printers::util::node_roles(&n.metadata.labels),
        labels: n
            .metadata
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        taints: n.spec.taints.iter().map(|t| t.to_string_k8s()).collect(),
    }
}

fn node_card(node: Rc<NodeInfo>, pods: Vec<PodCell>) -> NodeCard {
    // Written in place, without the formatting machinery: a rollout step at 5,000 nodes
    // names hundreds of nodes again.
    let mut label = String::with_capacity(node.name.len() + node.status.len() + 48);
    label.push_str("Node ");
    label.push_str(&node.name);
    label.push_str(": ");
    label.push_str(&node.status);
    if node.kubelet_stopped {
        label.push_str(", kubelet stopped");
    }
    match pods.len() {
        0 => label.push_str(", no daemon pods"),
        1 => label.push_str(", 1 daemon pod"),
        k => {
            label.push_str(", ");
            push_decimal(&mut label, k as u64);
            label.push_str(" daemon pods");
        }
    }
    NodeCard { node, pods, label }
}
