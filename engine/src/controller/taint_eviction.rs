//! Taint-based eviction (`pkg/controller/tainteviction`): pods that do not tolerate a
//! NoExecute taint of their node are deleted at once; pods that tolerate it for
//! `tolerationSeconds` are deleted when that time is up.

use super::pods::delete_pod;
use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key, Timer};
use crate::placement::tolerations::tolerates;
use std::collections::BTreeSet;

/// When the pod must go: None = may stay, Some(t) = at t (t <= now: now).
fn eviction_time(pod: &Pod, node: &Node) -> Option<Time> {
    let mut earliest: Option<Time> = None;
    for taint in node.spec.taints.iter().filter(|t| t.effect == "NoExecute") {
        let used: Vec<&Toleration> = pod
            .spec
            .tolerations
            .iter()
            .filter(|t| tolerates(t, taint))
            .collect();
        if used.is_empty() {
            return Some(Time(i64::MIN));
        }
        // The minimum tolerationSeconds over the tolerations used; none means forever.
        let secs = used.iter().filter_map(|t| t.toleration_seconds).min();
        if used.iter().any(|t| t.toleration_seconds.is_none()) && secs.is_none() {
            continue;
        }
        if let Some(s) = secs {
            // The taint manager counts from when it saw the pod on the tainted node: the
            // taint's time, or the pod's start on a node already tainted.
            let since_pod = pod
                .status
                .start_time
                .or(pod.metadata.creation_timestamp)
                .unwrap_or_default();
            let start = taint.time_added.unwrap_or(since_pod).max(since_pod);
            let at = start.plus_secs(s.max(0));
            earliest = Some(earliest.map_or(at, |e| e.min(at)));
        }
    }
    earliest
}

pub fn run(c: &mut Cluster) -> bool {
    let seen = (c.change_counter(), c.now);
    if c.quiet.taint_eviction == Some(seen) {
        return false;
    }
    // The node handlers keep the NoExecute-tainted nodes (`node_no_execute_changed`).
    if c.quiet.no_execute_nodes.is_none() {
        c.quiet.no_execute_nodes = Some(no_execute_nodes(c));
    }
    let tainted = c.quiet.no_execute_nodes.as_ref().expect("just set");
    debug_assert_eq!(
        *tainted,
        no_execute_nodes(c),
        "a node's taints changed without a node event"
    );
    let due = if tainted.is_empty() {
        Vec::new()
    } else {
        due_evictions(c, |node| tainted.contains(node))
    };
    let changed = act(c, due);
    c.quiet.taint_eviction = (!changed && c.change_counter() == seen.0).then_some(seen);
    changed
}

/// Every node with a NoExecute taint, looked up afresh.
fn no_execute_nodes(c: &Cluster) -> BTreeSet<String> {
    let mut nodes = BTreeSet::new();
    nodes.extend(
        c.store
            .nodes
            .values()
            .filter(|n| has_no_execute(n))
            .map(|n| n.metadata.name.clone()),
    );
    nodes
}

pub(crate) fn has_no_execute(n: &Node) -> bool {
    n.spec.taints.iter().any(|t| t.effect == "NoExecute")
}

/// Evicts or schedules the eviction of the pods on `node`.
pub fn node_tainted(c: &mut Cluster, node: &str) -> bool {
    if !c.store.nodes.get(node).is_some_and(|n| has_no_execute(n)) {
        return false;
    }
    let due = due_evictions(c, |n| n == node);
    act(c, due)
}

/// The pods on the nodes `on` picks that a NoExecute taint of their node concerns, with
/// when each must go, node by node in name order (one look at the pods for every node).
fn due_evictions(c: &Cluster, on: impl Fn(&str) -> bool) -> Vec<(Key, Time)> {
    let mut due: Vec<(&str, Key, Time)> = c
        .store
        .pods
        .iter()
        .filter(|(_, p)| p.metadata.deletion_timestamp.is_none() && on(&p.spec.node_name))
        .filter_map(|(k, p)| {
            let node = c.store.nodes.get(&p.spec.node_name)?;
            Some((
                node.metadata.name.as_str(),
                k.clone(),
                eviction_time(p, node)?,
            ))
        })
        .collect();
    crate::sort::sort_by(&mut due, |a, b| a.0.cmp(b.0));
    due.into_iter().map(|(_, k, t)| (k, t)).collect()
}

fn act(c: &mut Cluster, due: Vec<(Key, Time)>) -> bool {
    let now = c.now;
    let mut changed = false;
    for (k, at) in due {
        if at <= now {
            let pref = object_ref("Pod", "v1", &c.store.pods[&k].metadata);
            c.record_event(
                pref,
                "Normal",
                "TaintManagerEviction",
                format!("Marking for deletion Pod {}/{}", k.namespace, k.name),
                "taint-eviction-controller",
            );
            delete_pod(c, &k, None);
            changed = true;
        } else if c.eviction_scheduled.insert((at, k.clone())) {
            c.schedule(at, Timer::TaintEviction(k));
        }
    }
    changed
}

pub fn on_timer(c: &mut Cluster, k: &Key) {
    let Some(p) = c.store.pods.get(k) else { return };
    let node = p.spec.node_name.clone();
    node_tainted(c, &node);
}
