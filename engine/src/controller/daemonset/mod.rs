//! The DaemonSet controller (`pkg/controller/daemon`): `sync_daemon_set`, `manage`,
//! `rolling_update`, history and status, with writes visible at once (the upstream
//! unit tests' model: manage and the rollout step may both act in one sync).

mod backoff;
mod cache;
mod history;
mod manage;
mod pods;
mod rolling_update;
mod status;

pub use backoff::Backoff;
pub use cache::SyncCache;
pub use history::{compute_hash, revision_patch};
pub use pods::{get_nodes_to_daemon_pods, is_pod_updated, target_node_name};

use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key};

/// The most creates, and separately the most deletes, issued per sync.
pub const BURST_REPLICAS: usize = 250;

/// Syncs every DaemonSet marked dirty; true if anything changed.
pub fn run(c: &mut Cluster) -> bool {
    c.drain_node_queue();
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
        cache::forget(c, key);
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
    let (hash, old) = history::construct_history(c, key, &ds);
    // History may have changed the DaemonSet (collision count); read it again.
    let Some(ds) = c.store.daemonsets.get(key).cloned() else {
        return false;
    };
    // Placement and the DaemonSet's pods, worked out once for manage, the rollout step
    // and the status (the map follows the sync's own writes).
    let nodes = cache::take_nodes(c, key, &ds);
    let view = pods::ViewOf::new(&ds, &hash, c.now);
    let mut pods = cache::take_pods(c, key, &ds, view);
    let ok = manage::manage(c, &ds, &hash, &nodes, &mut pods)
        && (!ds.is_rolling_update()
            || rolling_update::rolling_update(c, &ds, &hash, &nodes, &mut pods));
    if ok {
        history::cleanup_history(c, &ds, &old);
    }
    status::update_status(c, key, &nodes, &pods.by_node);
    cache::put_pods(c, key, &ds, pods);
    cache::put_nodes(c, key, nodes);
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

/// A node, in the order the controller walks them, and whether the DaemonSet should run
/// there (`NodeShouldRunDaemonPod`).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NodeRun {
    pub name: String,
    pub should_run: bool,
    pub should_continue_running: bool,
}

/// `NodeShouldRunDaemonPod` for every node, by name.
pub(crate) fn node_runs(c: &Cluster, ds: &DaemonSet) -> Vec<NodeRun> {
    let spec = &ds.spec.template.spec;
    let defaults = crate::placement::tolerations::default_daemon_tolerations(spec.host_network);
    c.store
        .nodes
        .iter()
        .map(|(name, node)| {
            let p =
                crate::placement::node_should_run_with(node, spec, &spec.tolerations, &defaults);
            NodeRun {
                name: name.clone(),
                should_run: p.should_run,
                should_continue_running: p.should_continue_running,
            }
        })
        .collect()
}

/// Walks `nodes` and the map of daemon pods together (both are in name order): each
/// node with its pods, if it has an entry.
pub(crate) fn with_pods<'a, T>(
    nodes: &'a [NodeRun],
    by_node: &'a std::collections::BTreeMap<String, Vec<T>>,
) -> impl Iterator<Item = (&'a NodeRun, Option<&'a Vec<T>>)> + 'a {
    let mut entries = by_node.iter().peekable();
    nodes.iter().map(move |n| {
        // One comparison per step of the walk: the names are long and alike.
        while let Some((k, v)) = entries.peek() {
            match k.as_str().cmp(n.name.as_str()) {
                std::cmp::Ordering::Less => {
                    entries.next();
                }
                std::cmp::Ordering::Equal => {
                    let v = *v;
                    entries.next();
                    return (n, Some(v));
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        (n, None)
    })
}

/// Walks the map of daemon pods and `nodes` together (both are in name order): each
/// entry with its node, if the node exists.
pub(crate) fn with_node<'a, T>(
    nodes: &'a [NodeRun],
    by_node: &'a std::collections::BTreeMap<String, T>,
) -> impl Iterator<Item = (&'a String, &'a T, Option<&'a NodeRun>)> + 'a {
    let mut rest = nodes;
    by_node.iter().map(move |(name, v)| {
        // One comparison per step of the walk, as in `with_pods`.
        while let Some((n, tail)) = rest.split_first() {
            match n.name.as_str().cmp(name) {
                std::cmp::Ordering::Less => rest = tail,
                std::cmp::Ordering::Equal => {
                    rest = tail;
                    return (name, v, Some(n));
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        (name, v, None)
    })
}

/// The lists of `by_node` whose node is not in `nodes`.
pub(crate) fn without_node<'a, T>(
    nodes: &'a [NodeRun],
    by_node: &'a std::collections::BTreeMap<String, Vec<T>>,
) -> impl Iterator<Item = &'a Vec<T>> + 'a {
    with_node(nodes, by_node).filter_map(|(_, list, node)| node.is_none().then_some(list))
}
