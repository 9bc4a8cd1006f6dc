//! Taint-based eviction (`pkg/controller/tainteviction`): pods that do not tolerate a
//! NoExecute taint of their node are deleted at once; pods that tolerate it for
//! `tolerationSeconds` are deleted when that time is up.

use super::pods::delete_pod;
use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key, Timer};
use crate::placement::tolerations::tolerates;

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
    let tainted: Vec<String> = c
        .store
        .nodes
        .values()
        .filter(|n| n.spec.taints.iter().any(|t| t.effect == "NoExecute"))
        .map(|n| n.metadata.name.clone())
        .collect();
    let mut changed = false;
    for n in tainted {
        changed |= node_tainted(c, &n);
    }
    c.quiet.taint_eviction = (!changed && c.change_counter() == seen.0).then_some(seen);
    changed
}

/// Evicts or schedules the eviction of the pods on `node`.
pub fn node_tainted(c: &mut Cluster, node: &str) -> bool {
    let Some(n) = c.store.nodes.get(node).cloned() else {
        return false;
    };
    let now = c.now;
    let pods: Vec<(Key, Option<Time>)> = c
        .store
        .pods
        .iter()
        .filter(|(_, p)| p.spec.node_name == node && p.metadata.deletion_timestamp.is_none())
        .map(|(k, p)| (k.clone(), eviction_time(p, &n)))
        .collect();
    let mut changed = false;
    for (k, at) in pods {
        match at {
            Some(t) if t <= now => {
                let p = c.store.pods[&k].clone();
                c.record_event(
                    object_ref("Pod", "v1", &p.metadata),
                    "Normal",
                    "TaintManagerEviction",
                    format!("Marking for deletion Pod {}/{}", k.namespace, k.name),
                    "taint-eviction-controller",
                );
                delete_pod(c, &k, None);
                changed = true;
            }
            Some(t) => {
                if c.eviction_scheduled.insert((t, k.clone())) {
                    c.schedule(t, Timer::TaintEviction(k));
                }
            }
            None => {}
        }
    }
    changed
}

pub fn on_timer(c: &mut Cluster, k: &Key) {
    let Some(p) = c.store.pods.get(k) else { return };
    let node = p.spec.node_name.clone();
    node_tainted(c, &node);
}
