//! What one sync of a DaemonSet keeps for the next, so that a sync costs about what
//! changed since the last one rather than the size of the cluster: the placement of
//! every node (worked out again when the nodes or the pod template change) and the map
//! of daemon pods (brought up to date from the pods written or removed since).
//!
//! Changes are found by the node handlers' count of node events, by resourceVersion
//! (which every write to the store raises) for pods, and from the store's log of pod
//! removals. Debug builds compare both with a fresh
//! computation on every sync (`DaemonPods::check`, `check_nodes`).

use super::pods::{DaemonPods, PodView, Touched, ViewOf};
use super::{node_runs, NodeRun};
use crate::api::*;
use crate::cluster::{Cluster, Key};
use serde_json::Value as Json;
use std::collections::{BTreeMap, HashMap};

#[derive(Default)]
pub struct SyncCache {
    entries: HashMap<Key, Entry>,
}

/// A copy of the cluster (the timeline's snapshots) starts without the memo: the first
/// sync after it reads everything, and snapshots stay as cheap as the objects.
impl Clone for SyncCache {
    fn clone(&self) -> Self {
        SyncCache::default()
    }
}

/// A memo, not part of the cluster's state: two clusters that went different ways to the
/// same objects print the same.
impl std::fmt::Debug for SyncCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SyncCache")
    }
}

#[derive(Debug)]
struct Entry {
    uid: String,
    template: PodSpec,
    nodes_fingerprint: u64,
    nodes: Option<Vec<NodeRun>>,
    pods: Option<Pods>,
    /// `getPatch` of the template it was made from.
    patch: Option<(PodTemplateSpec, Json)>,
}

#[derive(Debug)]
struct Pods {
    selector: Option<LabelSelector>,
    by_node: BTreeMap<String, Vec<PodView>>,
    /// What the views were read against.
    view: ViewOf,
    /// `Cluster::write_counter` when the pods were last read: every pod written since
    /// has a higher resourceVersion.
    seen: u64,
}

/// Changes when any node is added, removed or written (each runs a node handler).
fn nodes_fingerprint(c: &Cluster) -> u64 {
    c.node_events ^ ((c.store.nodes.len() as u64) << 40)
}

/// The entry for this DaemonSet, started afresh if it was kept for another one of the
/// same name.
fn entry<'a>(c: &'a mut Cluster, key: &Key, ds: &DaemonSet) -> &'a mut Entry {
    let e = c
        .sync_cache
        .entries
        .entry(key.clone())
        .or_insert_with(|| Entry {
            uid: ds.metadata.uid.clone(),
            template: PodSpec::default(),
            nodes_fingerprint: 0,
            nodes: None,
            pods: None,
            patch: None,
        });
    if e.uid != ds.metadata.uid {
        e.uid = ds.metadata.uid.clone();
        e.nodes = None;
        e.pods = None;
    }
    e
}

/// `NodeShouldRunDaemonPod` for every node, kept from the last sync when neither the
/// nodes nor the pod template changed since. Give it back with `put_nodes`.
pub(crate) fn take_nodes(c: &mut Cluster, key: &Key, ds: &DaemonSet) -> Vec<NodeRun> {
    let fingerprint = nodes_fingerprint(c);
    let e = entry(c, key, ds);
    if e.nodes_fingerprint == fingerprint && e.template == ds.spec.template.spec {
        if let Some(nodes) = e.nodes.take() {
            #[cfg(debug_assertions)]
            check_nodes(c, ds, &nodes);
            return nodes;
        }
    } else {
        e.nodes_fingerprint = fingerprint;
        e.template = ds.spec.template.spec.clone();
        e.nodes = None;
    }
    node_runs(c, ds)
}

pub(crate) fn put_nodes(c: &mut Cluster, key: &Key, nodes: Vec<NodeRun>) {
    if let Some(e) = c.sync_cache.entries.get_mut(key) {
        e.nodes = Some(nodes);
    }
}

#[cfg(debug_assertions)]
fn check_nodes(c: &Cluster, ds: &DaemonSet, cached: &[NodeRun]) {
    assert_eq!(
        cached,
        node_runs(c, ds).as_slice(),
        "the cached placement went stale: a node was written without a new resourceVersion"
    );
}

/// The DaemonSet's pods for a sync (`getNodesToDaemonPods`), from the last sync's map
/// and the pods written or removed since. Give it back with `put_pods`.
pub(crate) fn take_pods(c: &mut Cluster, key: &Key, ds: &DaemonSet, view: ViewOf) -> DaemonPods {
    let seen_now = c.write_counter();
    let cached = c
        .sync_cache
        .entries
        .get_mut(key)
        .filter(|e| e.uid == ds.metadata.uid)
        .and_then(|e| e.pods.take())
        .filter(|p| p.selector == ds.spec.selector && c.store.pod_removals.complete_since(p.seen));
    let Some(cached) = cached else {
        return DaemonPods::list(c, ds, false, view);
    };
    let ns = &ds.metadata.namespace;
    let mut touched: Vec<Touched> = c
        .store
        .pods_written_since(cached.seen)
        .into_iter()
        .filter(|(k, _)| *k.namespace == *ns)
        .map(|(k, _)| (k.clone(), None))
        .collect();
    touched.extend(
        c.store
            .pod_removals
            .since(cached.seen)
            .filter(|(k, _)| *k.namespace == *ns)
            .cloned(),
    );
    let mut pods = DaemonPods::from_map(cached.by_node, &cached.view, view);
    pods.refresh(c, ds, touched);
    #[cfg(debug_assertions)]
    pods.check(c, ds);
    pods.seen = seen_now;
    pods
}

pub(crate) fn put_pods(c: &mut Cluster, key: &Key, ds: &DaemonSet, mut pods: DaemonPods) {
    let Some(e) = c.sync_cache.entries.get_mut(key) else {
        return;
    };
    // `updatedDesiredNodeCounts` leaves empty lists for nodes without pods; the next
    // sync must see those nodes as having none.
    pods.by_node.retain(|_, v| !v.is_empty());
    e.pods = Some(Pods {
        selector: ds.spec.selector.clone(),
        by_node: pods.by_node,
        view: pods.view,
        seen: pods.seen,
    });
}

/// `getPatch` of the DaemonSet's template (`history::revision_patch`), kept from the last
/// sync while the template is the same: every sync compares it with each revision, and
/// making it serializes the whole template. Give it back with `put_patch`.
pub(crate) fn take_patch(c: &mut Cluster, key: &Key, ds: &DaemonSet) -> Json {
    let e = entry(c, key, ds);
    match &mut e.patch {
        Some((template, patch)) if *template == ds.spec.template => {
            let patch = std::mem::take(patch);
            #[cfg(debug_assertions)]
            assert_eq!(
                patch,
                super::revision_patch(ds),
                "the cached patch went stale"
            );
            patch
        }
        _ => {
            e.patch = None;
            super::revision_patch(ds)
        }
    }
}

/// Gives back the patch `take_patch` gave for this DaemonSet's template.
pub(crate) fn put_patch(c: &mut Cluster, key: &Key, ds: &DaemonSet, patch: Json) {
    if let Some(e) = c.sync_cache.entries.get_mut(key) {
        match &mut e.patch {
            // Kept: the template is the one it was made from.
            Some((_, kept)) => *kept = patch,
            None => e.patch = Some((ds.spec.template.clone(), patch)),
        }
    }
}

/// Forgets a DaemonSet that no longer exists.
pub(crate) fn forget(c: &mut Cluster, key: &Key) {
    c.sync_cache.entries.remove(key);
}
