//! `updateDaemonSetStatus` (§13): counters over every node, from the oldest pod on each.

use super::pods::{get_nodes_to_daemon_pods, is_pod_updated};
use crate::api::*;
use crate::cluster::{Cluster, Key, Timer};
use crate::placement::{node_should_run_with, tolerations::default_daemon_tolerations};

pub fn compute_status(c: &mut Cluster, ds: &DaemonSet, hash: &str) -> DaemonSetStatus {
    let by_node = get_nodes_to_daemon_pods(c, ds, false);
    let spec = &ds.spec.template.spec;
    let defaults = default_daemon_tolerations(spec.host_network);
    let gen = ds.template_generation();
    let mut s = DaemonSetStatus {
        collision_count: ds.status.collision_count,
        ..Default::default()
    };
    for (name, node) in &c.store.nodes {
        let should_run = node_should_run_with(node, spec, &spec.tolerations, &defaults).should_run;
        let pods = by_node.get(name).filter(|p| !p.is_empty());
        if should_run {
            s.desired_number_scheduled += 1;
            if let Some(pods) = pods {
                s.current_number_scheduled += 1;
                let p = &c.store.pods[&pods[0]];
                if p.is_ready() {
                    s.number_ready += 1;
                    if p.is_available(ds.spec.min_ready_seconds, c.now) {
                        s.number_available += 1;
                    }
                }
                if is_pod_updated(p, hash, gen) {
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

pub fn update_status(c: &mut Cluster, key: &Key, hash: &str) {
    let Some(ds) = c.store.daemonsets.get(key).cloned() else {
        return;
    };
    let mut s = compute_status(c, &ds, hash);
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
