//! `updateDaemonSetStatus` (§13): counters over every node, from the oldest pod on each.

use super::pods::PodView;
use super::{with_pods, NodeRun};
use crate::api::*;
use crate::cluster::{Cluster, Key, Timer};
use std::collections::BTreeMap;

fn compute_status(
    ds: &DaemonSet,
    nodes: &[NodeRun],
    by_node: &BTreeMap<String, Vec<PodView>>,
) -> DaemonSetStatus {
    let mut s = DaemonSetStatus {
        collision_count: ds.status.collision_count,
        ..Default::default()
    };
    for (n, pods) in with_pods(nodes, by_node) {
        let pods = pods.filter(|p| !p.is_empty());
        if n.should_run {
            s.desired_number_scheduled += 1;
            if let Some(pods) = pods {
                s.current_number_scheduled += 1;
                let p = &pods[0];
                if p.ready {
                    s.number_ready += 1;
                    if p.available {
                        s.number_available += 1;
                    }
                }
                if p.updated {
                    s.updated_number_scheduled += 1;
                }
            }
        } else if pods.is_some() {
            s.number_misscheduled += 1;
        }
    }
    s.number_unavailable = s.desired_number_scheduled - s.number_available;
    s
}

/// `by_node` is the DaemonSet's pods as `getNodesToDaemonPods` lists them now.
pub(crate) fn update_status(
    c: &mut Cluster,
    key: &Key,
    nodes: &[NodeRun],
    by_node: &BTreeMap<String, Vec<PodView>>,
) {
    let Some(ds) = c.store.daemonsets.get(key).cloned() else {
        return;
    };
    let mut s = compute_status(&ds, nodes, by_node);
    s.observed_generation = ds.metadata.generation;
    if s != ds.status {
        let rv = c.new_resource_version();
        let d = c.store.daemonsets.get_mut(key).expect("exists");
        d.status = s.clone();
        d.metadata.resource_version = rv;
    }
    if ds.spec.min_ready_seconds > 0 && s.number_ready != s.number_available {
        let at = c.now.plus_secs(ds.spec.min_ready_seconds as i64);
        c.schedule(at, Timer::SyncDaemonSet(key.clone()));
    }
}
