//! `rollingUpdate` (update.go): one step of the maxSurge = 0 or maxSurge > 0 path.
//!
//! Upstream walks a Go map, so which of several equally good candidates is replaced is
//! random there; here candidates are taken in a seeded shuffle of node order, so runs are
//! reproducible while no node is systematically favoured.

use super::manage::sync_nodes;
use super::pods::{get_nodes_to_daemon_pods, is_pod_updated};
use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key};
use crate::placement::{node_should_run_with, tolerations::default_daemon_tolerations};
use std::collections::BTreeMap;

pub struct Counts {
    pub max_surge: i64,
    pub max_unavailable: i64,
    pub desired: i64,
}

/// `updatedDesiredNodeCounts`: adds an empty entry for each eligible node without pods.
pub fn updated_desired_node_counts(
    c: &Cluster,
    ds: &DaemonSet,
    by_node: &mut BTreeMap<String, Vec<Key>>,
) -> Result<Counts, String> {
    let spec = &ds.spec.template.spec;
    let defaults = default_daemon_tolerations(spec.host_network);
    let mut desired = 0i64;
    for (name, node) in &c.store.nodes {
        if node_should_run_with(node, spec, &spec.tolerations, &defaults).should_run {
            desired += 1;
            by_node.entry(name.clone()).or_default();
        }
    }
    let ru = ds.spec.update_strategy.rolling_update.as_ref();
    let mut max_unavailable = match (ds.is_rolling_update(), ru) {
        (true, Some(r)) => match &r.max_unavailable {
            Some(v) => v
                .scaled_value(desired, true)
                .map_err(|e| format!("invalid value for MaxUnavailable: {e}"))?,
            None => {
                return Err("invalid value for MaxUnavailable: nil value for IntOrString".into())
            }
        },
        _ => 0,
    };
    let max_surge = match (
        ds.is_rolling_update(),
        ru.and_then(|r| r.max_surge.as_ref()),
    ) {
        (true, Some(v)) => v
            .scaled_value(desired, true)
            .map_err(|e| format!("invalid value for MaxSurge: {e}"))?,
        _ => 0,
    };
    if desired > 0 && max_unavailable == 0 && max_surge == 0 {
        max_unavailable = 1;
    }
    Ok(Counts {
        max_surge,
        max_unavailable,
        desired,
    })
}

/// `findUpdatedPodsOnNode`: (new, old, ok), ignoring terminating pods.
fn find_updated_pods_on_node(
    c: &Cluster,
    ds: &DaemonSet,
    pods: &[Key],
    hash: &str,
) -> (Option<Key>, Option<Key>, bool) {
    let (mut new, mut old) = (None, None);
    let gen = ds.template_generation();
    for k in pods {
        let p = &c.store.pods[k];
        if p.metadata.deletion_timestamp.is_some() {
            continue;
        }
        if is_pod_updated(p, hash, gen) {
            if new.is_some() {
                return (None, None, false);
            }
            new = Some(k.clone());
        } else {
            if old.is_some() {
                return (None, None, false);
            }
            old = Some(k.clone());
        }
    }
    (new, old, true)
}

/// A seeded shuffle of the nodes: stands in for Go's random map order.
fn walk_order(c: &mut Cluster, by_node: &BTreeMap<String, Vec<Key>>) -> Vec<String> {
    let mut names: Vec<String> = by_node.keys().cloned().collect();
    for i in (1..names.len()).rev() {
        let j = (c.random() % (i as u64 + 1)) as usize;
        names.swap(i, j);
    }
    names
}

/// Returns false when the step failed (the rest of the sync is skipped).
pub fn rolling_update(c: &mut Cluster, ds: &DaemonSet, hash: &str) -> bool {
    let mut by_node = get_nodes_to_daemon_pods(c, ds, false);
    let counts = match updated_desired_node_counts(c, ds, &mut by_node) {
        Ok(v) => v,
        Err(e) => {
            c.record_event(
                object_ref("DaemonSet", "apps/v1", &ds.metadata),
                "Warning",
                "FailedRollingUpdate",
                format!("couldn't get unavailable numbers: {e}"),
                "daemonset-controller",
            );
            return false;
        }
    };
    let order = walk_order(c, &by_node);
    let min_ready = ds.spec.min_ready_seconds;
    let now = c.now;
    let available = |c: &Cluster, k: &Key| c.store.pods[k].is_available(min_ready, now);

    if counts.max_surge == 0 {
        let mut num_unavailable = 0i64;
        let mut must_replace = Vec::new();
        let mut candidates = Vec::new();
        for node in &order {
            let (new, old, ok) = find_updated_pods_on_node(c, ds, &by_node[node], hash);
            if !ok {
                num_unavailable += 1;
                continue;
            }
            match (new, old) {
                (None, None) | (Some(_), Some(_)) => num_unavailable += 1,
                (Some(n), None) => {
                    if !available(c, &n) {
                        num_unavailable += 1;
                    }
                }
                (None, Some(o)) => {
                    if !available(c, &o) {
                        must_replace.push(o);
                        num_unavailable += 1;
                    } else if num_unavailable >= counts.max_unavailable {
                        continue;
                    } else {
                        candidates.push(o);
                    }
                }
            }
        }
        let budget =
            (counts.max_unavailable - num_unavailable).clamp(0, candidates.len() as i64) as usize;
        let mut del = must_replace;
        del.extend(candidates.into_iter().take(budget));
        return sync_nodes(c, ds, &del, &[], hash);
    }

    let spec = &ds.spec.template.spec;
    let defaults = default_daemon_tolerations(spec.host_network);
    let mut num_surge = 0i64;
    let mut num_available = 0i64;
    let (mut del, mut not_run_del, mut must_create, mut candidates) =
        (vec![], vec![], vec![], vec![]);
    for node in &order {
        let (new, old, ok) = find_updated_pods_on_node(c, ds, &by_node[node], hash);
        if !ok {
            num_surge += 1;
            continue;
        }
        if let Some(o) = &old {
            num_available += available(c, o) as i64;
        } else if let Some(n) = &new {
            num_available += available(c, n) as i64;
        }
        let Some(old) = old else { continue };
        match new {
            None => {
                let Some(n) = c.store.nodes.get(node) else {
                    // The node is gone: upstream's lister Get fails and the step errors out.
                    return false;
                };
                let should_run =
                    node_should_run_with(n, spec, &spec.tolerations, &defaults).should_run;
                if !available(c, &old) {
                    if !should_run {
                        del.push(old);
                    } else {
                        must_create.push(node.clone());
                    }
                } else {
                    if !should_run {
                        not_run_del.push(old);
                        continue;
                    }
                    if num_surge >= counts.max_surge {
                        continue;
                    }
                    candidates.push(node.clone());
                }
            }
            Some(new) => {
                if !available(c, &new) {
                    num_surge += 1;
                } else {
                    del.push(old);
                }
            }
        }
    }
    let extra = num_available - counts.desired;
    if extra > 0 {
        del.extend(not_run_del.into_iter().take(extra as usize));
    }
    let budget = (counts.max_surge - num_surge).clamp(0, candidates.len() as i64) as usize;
    must_create.extend(candidates.into_iter().take(budget));
    sync_nodes(c, ds, &del, &must_create, hash)
}
