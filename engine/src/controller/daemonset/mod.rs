//! The DaemonSet controller (`pkg/controller/daemon`): `sync_daemon_set`, `manage`,
//! `rolling_update`, history and status, with writes visible at once (the upstream
//! unit tests' model: manage and the rollout step may both act in one sync).

mod backoff;
mod history;
mod manage;
mod pods;
mod rolling_update;
mod status;

pub use backoff::Backoff;
pub use history::{compute_hash, revision_patch};
pub use pods::{get_nodes_to_daemon_pods, is_pod_updated, target_node_name};

use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key};

/// The most creates, and separately the most deletes, issued per sync.
pub const BURST_REPLICAS: usize = 250;

/// Syncs every DaemonSet marked dirty; true if anything changed.
pub fn run(c: &mut Cluster) -> bool {
    let mut changed = false;
    let keys: Vec<Key> = std::mem::take(&mut c.dirty).into_iter().collect();
    for key in keys {
        c.syncing = Some(key.clone());
        changed |= sync_daemon_set(c, &key);
        c.syncing = None;
    }
    changed
}

/// `syncDaemonSet`. Returns true if it wrote anything.
pub fn sync_daemon_set(c: &mut Cluster, key: &Key) -> bool {
    let Some(ds) = c.store.daemonsets.get(key).cloned() else {
        return false;
    };
    if ds.spec.selector.as_ref().is_some_and(|s| s.is_empty()) {
        c.record_event(
            object_ref("DaemonSet", "apps/v1", &ds.metadata),
            "Warning",
            "SelectingAll",
            "This daemon set is selecting all pods. A non-empty selector is required.".into(),
            "daemonset-controller",
        );
        return false;
    }
    if ds.metadata.deletion_timestamp.is_some() {
        return false;
    }
    let before = c.write_counter();
    let (cur, old) = history::construct_history(c, &ds);
    let hash = cur
        .metadata
        .labels
        .get(REVISION_HASH_LABEL)
        .cloned()
        .unwrap_or_default();
    // History may have changed the DaemonSet (collision count); read it again.
    let Some(ds) = c.store.daemonsets.get(key).cloned() else {
        return false;
    };
    let ok = manage::manage(c, &ds, &hash)
        && (!ds.is_rolling_update() || rolling_update::rolling_update(c, &ds, &hash));
    if ok {
        history::cleanup_history(c, &ds, &old);
    }
    status::update_status(c, key, &hash);
    // Writes are visible at once, so the events of this sync's own writes would only
    // bring a sync that finds nothing to do: drop them, unless the burst limit left
    // work for another round or a pod went away at once (a terminal or unbound pod).
    c.dirty.remove(key);
    if c.requeue.remove(key) {
        c.dirty.insert(key.clone());
    }
    // A failed sync is retried by the workqueue's rate limiter; a good one resets it.
    let k = key.to_string();
    if ok {
        c.backoff.forget_requeues(&k);
    } else {
        let at = c.now.plus_ms(c.backoff.requeue_delay(&k));
        c.schedule(at, crate::cluster::Timer::SyncDaemonSet(key.clone()));
    }
    c.write_counter() != before
}

/// The node names of the cluster, in the order the controller walks them.
pub(crate) fn node_names(c: &Cluster) -> Vec<String> {
    c.store.nodes.keys().cloned().collect()
}
