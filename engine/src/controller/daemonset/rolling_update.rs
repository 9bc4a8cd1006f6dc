//! `rollingUpdate` (update.go): one step of the maxSurge = 0 or maxSurge > 0 path.
//!
//! Upstream walks a Go map, so which of several equally good candidates is replaced is
//! random there; here candidates are taken in a seeded shuffle of node order, so runs are
//! reproducible while no node is systematically favoured.

use super::manage::sync_nodes;
use super::pods::{DaemonPods, PodView, Touched};
use super::{with_node, with_pods, NodeRun};
use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key};
use std::collections::BTreeMap;

pub struct Counts {
    pub max_surge: i64,
    pub max_unavailable: i64,
    pub desired: i64,
}

/// `updatedDesiredNodeCounts`: adds an empty entry for each eligible node without pods.
pub(crate) fn updated_desired_node_counts(
    nodes: &[NodeRun],
    ds: &DaemonSet,
    by_node: &mut BTreeMap<String, Vec<PodView>>,
) -> Result<Counts, String> {
    let mut desired = 0i64;
    let mut missing = Vec::new();
    for (n, list) in with_pods(nodes, by_node) {
        if n.should_run {
            desired += 1;
            if list.is_none() {
                missing.push(n.name.clone());
            }
        }
    }
    for name in missing {
        by_node.insert(name, Vec::new());
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
fn find_updated_pods_on_node(pods: &[PodView]) -> (Option<&PodView>, Option<&PodView>, bool) {
    let (mut new, mut old) = (None, None);
    for p in pods {
        if p.deleting {
            continue;
        }
        if p.updated {
            if new.is_some() {
                return (None, None, false);
            }
            new = Some(p);
        } else {
            if old.is_some() {
                return (None, None, false);
            }
            old = Some(p);
        }
    }
    (new, old, true)
}

/// A seeded shuffle of the nodes: stands in for Go's random map order. Each entry comes
/// with its node, if it still exists (`with_node`).
fn walk_order<'a, T>(
    c: &mut Cluster,
    nodes: &'a [NodeRun],
    by_node: &'a BTreeMap<String, T>,
) -> Vec<(&'a String, &'a T, Option<&'a NodeRun>)> {
    let mut names: Vec<_> = with_node(nodes, by_node).collect();
    for i in (1..names.len()).rev() {
        let j = (c.random() % (i as u64 + 1)) as usize;
        names.swap(i, j);
    }
    names
}

/// Returns false when the step failed (the rest of the sync is skipped).
pub(crate) fn rolling_update(
    c: &mut Cluster,
    ds: &DaemonSet,
    hash: &str,
    nodes: &[NodeRun],
    pods: &mut DaemonPods,
) -> bool {
    let counts = match updated_desired_node_counts(nodes, ds, &mut pods.by_node) {
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
    let mut touched = Vec::new();
    let ok = step(c, ds, hash, nodes, &pods.by_node, &counts, &mut touched);
    pods.refresh(c, ds, touched);
    ok
}

/// The step itself, on the pods as listed; the pods it creates or deletes go to `touched`.
fn step(
    c: &mut Cluster,
    ds: &DaemonSet,
    hash: &str,
    nodes: &[NodeRun],
    by_node: &BTreeMap<String, Vec<PodView>>,
    counts: &Counts,
    touched: &mut Vec<Touched>,
) -> bool {
    let order = walk_order(c, nodes, by_node);

    if counts.max_surge == 0 {
        let mut num_unavailable = 0i64;
        let mut must_replace = Vec::new();
        let mut candidates = Vec::new();
        for (_, pods, _) in &order {
            let (new, old, ok) = find_updated_pods_on_node(pods);
            if !ok {
                num_unavailable += 1;
                continue;
            }
            match (new, old) {
                (None, None) | (Some(_), Some(_)) => num_unavailable += 1,
                (Some(n), None) => {
                    if !n.available {
                        num_unavailable += 1;
                    }
                }
                (None, Some(o)) => {
                    if !o.available {
                        must_replace.push(&o.key);
                        num_unavailable += 1;
                    } else if num_unavailable >= counts.max_unavailable {
                        continue;
                    } else {
                        candidates.push(&o.key);
                    }
                }
            }
        }
        let budget =
            (counts.max_unavailable - num_unavailable).clamp(0, candidates.len() as i64) as usize;
        // Only the keys deleted are copied: the candidates can be every pod.
        let del: Vec<Key> = must_replace
            .into_iter()
            .chain(candidates.into_iter().take(budget))
            .cloned()
            .collect();
        return sync_nodes(c, ds, &del, &[], hash, touched);
    }

    let mut num_surge = 0i64;
    let mut num_available = 0i64;
    let (mut del, mut not_run_del, mut must_create, mut candidates) =
        (vec![], vec![], vec![], vec![]);
    for (node, pods, run) in order {
        let (new, old, ok) = find_updated_pods_on_node(pods);
        if !ok {
            num_surge += 1;
            continue;
        }
        if let Some(o) = old {
            num_available += o.available as i64;
        } else if let Some(n) = new {
            num_available += n.available as i64;
        }
        let Some(old) = old else { continue };
        match new {
            None => {
                let Some(n) = run else {
                    // The node is gone: upstream's lister Get fails and the step errors out.
                    return false;
                };
                let should_run = n.should_run;
                if !old.available {
                    if !should_run {
                        del.push(old.key.clone());
                    } else {
                        must_create.push(node.clone());
                    }
                } else {
                    if !should_run {
                        not_run_del.push(old.key.clone());
                        continue;
                    }
                    if num_surge >= counts.max_surge {
                        continue;
                    }
                    candidates.push(node);
                }
            }
            Some(new) => {
                if !new.available {
                    num_surge += 1;
                } else {
                    del.push(old.key.clone());
                }
            }
        }
    }
    let extra = num_available - counts.desired;
    if extra > 0 {
        del.extend(not_run_del.into_iter().take(extra as usize));
    }
    let budget = (counts.max_surge - num_surge).clamp(0, candidates.len() as i64) as usize;
    must_create.extend(candidates.into_iter().take(budget).cloned());
    sync_nodes(c, ds, &del, &must_create, hash, touched)
}
