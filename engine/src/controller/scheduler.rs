//! The default scheduler's filters that matter for daemon pods: node affinity and
//! nodeSelector, taints, `spec.unschedulable`, resources (NodeResourcesFit) and host
//! ports (NodePorts). A pod that fits nowhere stays Pending with the scheduler's message.
//! Preemption is not simulated: a pod that does not fit reports no preemption victims.

use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key};
use crate::hash::{FastHashMap, FastHashSet};
use crate::placement::{affinity, tolerations};
use std::collections::BTreeMap;

pub fn run(c: &mut Cluster) -> bool {
    let keys: Vec<Key> = c.take_pods_to_schedule().into_iter().collect();
    if keys.is_empty() {
        return false;
    }
    // The nodes this pass can look at: each pod's single target node (as daemon pods
    // have), or every node if some pod has none.
    let mut wanted: Option<FastHashSet<String>> = Some(FastHashSet::default());
    for k in &keys {
        let Some(pod) = c.store.pods.get(k) else {
            continue;
        };
        if !tried(pod) {
            continue;
        }
        match (&mut wanted, single_target(pod)) {
            (Some(w), Some(t)) => {
                w.insert(t);
            }
            _ => wanted = None,
        }
    }
    // The pods on each of those nodes, kept up to date as pods are bound in this pass.
    let mut on_node: FastHashMap<String, Vec<Key>> = FastHashMap::default();
    for (k, p) in &c.store.pods {
        if !p.spec.node_name.is_empty()
            && !p.is_terminal()
            && wanted
                .as_ref()
                .is_none_or(|w| w.contains(&p.spec.node_name))
        {
            on_node
                .entry(p.spec.node_name.clone())
                .or_default()
                .push(k.clone());
        }
    }
    let mut changed = false;
    for k in keys {
        changed |= schedule_one(c, &k, &mut on_node);
    }
    changed
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fail {
    /// Preemption cannot help (affinity, taints, unschedulable).
    Unresolvable,
    /// Preemption could help if there were lower-priority victims.
    Resolvable,
}

fn requests(pod: &Pod) -> BTreeMap<String, i128> {
    let mut out: BTreeMap<String, i128> = BTreeMap::new();
    for ctr in &pod.spec.containers {
        if let Some(r) = &ctr.resources {
            let src = if r.requests.is_empty() {
                &r.limits
            } else {
                &r.requests
            };
            for (k, v) in src {
                if let Some(m) = quantity::parse_json_milli(v) {
                    *out.entry(k.clone()).or_default() += m;
                }
            }
        }
    }
    out
}

fn host_ports(pod: &Pod) -> Vec<(i32, String)> {
    pod.spec
        .containers
        .iter()
        .flat_map(|c| c.ports.iter())
        .filter_map(|p| {
            let hp = p
                .host_port
                .filter(|h| *h > 0)
                .or(if pod.spec.host_network {
                    Some(p.container_port)
                } else {
                    None
                })?;
            Some((
                hp,
                if p.protocol.is_empty() {
                    "TCP".into()
                } else {
                    p.protocol.clone()
                },
            ))
        })
        .collect()
}

fn filter(
    c: &Cluster,
    pod: &Pod,
    node: &Node,
    on_node: &FastHashMap<String, Vec<Key>>,
) -> Result<(), (String, Fail)> {
    if affinity::match_node(&pod.spec, node).is_err() {
        return Err((
            "node(s) didn't match Pod's node affinity/selector".into(),
            Fail::Unresolvable,
        ));
    }
    let untolerated =
        tolerations::find_untolerated(&node.spec.taints, &pod.spec.tolerations, |t| {
            t.effect == "NoSchedule" || t.effect == "NoExecute"
        });
    if node.spec.unschedulable {
        let tolerated = pod.spec.tolerations.iter().any(|t| {
            tolerations::tolerates(
                t,
                &Taint {
                    key: tolerations::TAINT_UNSCHEDULABLE.into(),
                    effect: "NoSchedule".into(),
                    ..Default::default()
                },
            )
        });
        if !tolerated {
            return Err(("node(s) were unschedulable".into(), Fail::Unresolvable));
        }
    }
    if let Some(t) = untolerated {
        return Err((
            format!("node(s) had untolerated taint {{{}: {}}}", t.key, t.value),
            Fail::Unresolvable,
        ));
    }
    let on_node: Vec<&Pod> = on_node
        .get(&node.metadata.name)
        .map(|keys| {
            keys.iter()
                .filter_map(|k| c.store.pods.get(k).map(|p| &**p))
                .collect()
        })
        .unwrap_or_default();
    let want_ports = host_ports(pod);
    if !want_ports.is_empty() {
        let used: Vec<(i32, String)> = on_node.iter().flat_map(|p| host_ports(p)).collect();
        if want_ports.iter().any(|p| used.contains(p)) {
            return Err((
                "node(s) didn't have free ports for the requested pod ports".into(),
                Fail::Resolvable,
            ));
        }
    }
    let want = requests(pod);
    let mut insufficient = Vec::new();
    if let Some(max_pods) = node.allocatable_milli("pods") {
        if (on_node.len() as i128 + 1) * 1000 > max_pods {
            insufficient.push("Too many pods".to_string());
        }
    }
    for (res, amount) in &want {
        if *amount == 0 {
            continue;
        }
        let Some(alloc) = node.allocatable_milli(res) else {
            insufficient.push(format!("Insufficient {res}"));
            continue;
        };
        let used: i128 = on_node
            .iter()
            .map(|p| requests(p).get(res).copied().unwrap_or(0))
            .sum();
        if used + amount > alloc {
            insufficient.push(format!("Insufficient {res}"));
        }
    }
    if let Some(first) = insufficient.into_iter().next() {
        return Err((first, Fail::Resolvable));
    }
    Ok(())
}

/// Whether the scheduler tries to place `pod` at all.
fn tried(pod: &Pod) -> bool {
    pod.spec.node_name.is_empty()
        && pod.metadata.deletion_timestamp.is_none()
        && (pod.spec.scheduler_name.is_empty() || pod.spec.scheduler_name == "default-scheduler")
}

/// NodeAffinity's PreFilter: a pod whose required affinity names one node (as every
/// daemon pod's does) is only tried there; the others don't match its affinity.
fn single_target(pod: &Pod) -> Option<String> {
    crate::controller::daemonset::target_node_name(pod)
        .filter(|_| pod.spec.node_name.is_empty())
        .filter(|_| {
            pod.spec
                .affinity
                .as_ref()
                .and_then(|a| a.node_affinity.as_ref())
                .and_then(|n| n.required.as_ref())
                .is_some_and(|r| r.node_selector_terms.len() == 1)
        })
}

fn schedule_one(c: &mut Cluster, key: &Key, on_node: &mut FastHashMap<String, Vec<Key>>) -> bool {
    let Some(pod) = c.store.pods.get(key) else {
        return false;
    };
    if !tried(pod) {
        return false;
    }
    let pod = pod.clone();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut preempt: BTreeMap<String, usize> = BTreeMap::new();
    let mut chosen = None;
    let target = single_target(&pod);
    let candidates: Vec<(&String, &Node)> = match &target {
        Some(t) => c
            .store
            .nodes
            .get_key_value(t)
            .map(|(k, n)| (k, &**n))
            .into_iter()
            .collect(),
        None => c.store.nodes.iter().map(|(k, n)| (k, &**n)).collect(),
    };
    let skipped = c.store.nodes.len() - candidates.len();
    for (name, node) in candidates {
        match filter(c, &pod, node, on_node) {
            Ok(()) => {
                chosen = Some(name.clone());
                break;
            }
            Err((r, f)) => {
                *reasons.entry(r).or_default() += 1;
                let p = match f {
                    Fail::Unresolvable => "Preemption is not helpful for scheduling",
                    Fail::Resolvable => "No preemption victims found for incoming pod",
                };
                *preempt.entry(p.into()).or_default() += 1;
            }
        }
    }
    let now = c.now;
    let pref = object_ref("Pod", "v1", &pod.metadata);
    // Let go of the pod before writing it, or the write would copy it.
    drop(pod);
    match chosen {
        Some(node) => {
            let rv = c.new_resource_version();
            let p = c.store.pods.get_mut(key).expect("exists");
            p.spec.node_name = node.clone();
            p.metadata.resource_version = rv;
            set_condition(p, "PodScheduled", "True", "", "", now);
            let msg = format!(
                "Successfully assigned {}/{} to {}",
                key.namespace, key.name, node
            );
            on_node.entry(node).or_default().push(key.clone());
            c.record_event(pref, "Normal", "Scheduled", msg, "default-scheduler");
            c.pod_bound(key);
            true
        }
        None => {
            // The nodes the pod's affinity ruled out before filtering count as not
            // matching it.
            if skipped > 0 {
                *reasons
                    .entry("node(s) didn't match Pod's node affinity/selector".into())
                    .or_default() += skipped;
                *preempt
                    .entry("Preemption is not helpful for scheduling".into())
                    .or_default() += skipped;
            }
            let total = c.store.nodes.len();
            let msg = fit_error(total, &reasons, &preempt);
            let p = c.store.pods.get_mut(key).expect("exists");
            let old = p.condition("PodScheduled").map(|c| c.message.clone());
            if old.as_deref() == Some(msg.as_str()) {
                return false;
            }
            set_condition(p, "PodScheduled", "False", "Unschedulable", &msg, now);
            let rv = c.new_resource_version();
            c.store
                .pods
                .get_mut(key)
                .expect("exists")
                .metadata
                .resource_version = rv;
            c.record_event(
                pref,
                "Warning",
                "FailedScheduling",
                msg,
                "default-scheduler",
            );
            true
        }
    }
}

/// `FitError.Error()`: reason histograms sorted as text.
fn fit_error(
    total: usize,
    reasons: &BTreeMap<String, usize>,
    preempt: &BTreeMap<String, usize>,
) -> String {
    let sorted = |m: Vec<String>| {
        let mut v = m;
        crate::sort::sort(&mut v);
        v.join(", ")
    };
    let r = sorted(reasons.iter().map(|(k, n)| format!("{n} {k}")).collect());
    let mut s = if total == 0 {
        "no nodes available to schedule pods".to_string()
    } else {
        format!("0/{total} nodes are available: {r}.")
    };
    if total > 0 {
        let p = sorted(preempt.iter().map(|(k, n)| format!("{n} {k}")).collect());
        s.push_str(&format!(" preemption: 0/{total} nodes are available: {p}."));
    }
    s
}

pub fn set_condition(
    p: &mut Pod,
    type_: &'static str,
    status: &'static str,
    reason: &'static str,
    message: &str,
    now: Time,
) {
    if let Some(c) = p.status.conditions.iter_mut().find(|c| c.type_ == type_) {
        if c.status != status {
            c.last_transition_time = Some(now);
            c.status = status.into();
        }
        // Most writes repeat what is there: keep the message rather than copy it.
        if c.reason != reason {
            c.reason = reason.into();
        }
        if c.message != message {
            message.clone_into(&mut c.message);
        }
    } else {
        p.status.conditions.push(PodCondition {
            type_: type_.into(),
            status: status.into(),
            last_probe_time: None,
            last_transition_time: Some(now),
            reason: reason.into(),
            message: message.into(),
        });
    }
}
