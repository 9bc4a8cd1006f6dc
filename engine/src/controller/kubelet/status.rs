//! Writing the pod status from the kubelet's runtime state: phase, conditions with
//! their transition times, and container statuses as the kubelet reports them.

use super::runtime::{PodRuntime, State};
use crate::api::meta::Rest;
use crate::api::*;
use crate::cluster::{Cluster, Key};
use crate::controller::scheduler::set_condition;
use crate::hash::fnv64;
use serde_json::json;

pub fn write(c: &mut Cluster, key: &Key) {
    let now = c.now;
    let Some((rv, rt, Some(p))) = c.runtime_and_pod(key) else {
        return;
    };
    if let Some(owner) = write_pod(rt, p, rv, now) {
        became_ready(c, key, &owner);
    }
}

/// Writes `p`'s status from its runtime state `rt`, with resourceVersion `rv` if anything
/// changed. Returns the name of the DaemonSet that owns the pod if it just became Ready.
pub(super) fn write_pod(rt: &PodRuntime, p: &mut Pod, rv: String, now: Time) -> Option<String> {
    let before = p.status.clone();
    let mut statuses = Vec::new();
    let mut all_ready = !rt.containers.is_empty();
    let mut any_started = false;
    for (i, ctr) in rt.containers.iter().enumerate() {
        let spec = &p.spec.containers[i];
        let (state, ready, started) = match &ctr.state {
            State::Creating { .. } if ctr.restarts == 0 && ctr.last.is_none() => (
                json!({"waiting": {"reason": "ContainerCreating"}}),
                false,
                false,
            ),
            State::Creating { .. } => (
                json!({"waiting": {"reason": "ContainerCreating"}}),
                false,
                false,
            ),
            State::PullBackOff { .. } => (
                json!({"waiting": {"reason": "ImagePullBackOff", "message": format!("Back-off pulling image \"{}\"", spec.image)}}),
                false,
                false,
            ),
            State::CrashBackOff { .. } => (
                json!({"waiting": {"reason": "CrashLoopBackOff", "message": format!(
                    "back-off {}s restarting failed container={} pod={}_{}({})",
                    ctr.backoff, spec.name, p.metadata.name, p.metadata.namespace, p.metadata.uid
                )}}),
                false,
                false,
            ),
            State::Running { since, .. } => {
                (json!({"running": {"startedAt": since}}), ctr.ready(), true)
            }
        };
        let running = started;
        let started = running && ctr.started();
        any_started |= running || ctr.last.is_some();
        all_ready &= ready;
        let last_state = ctr.last.map(|(code, started, finished)| {
            json!({"terminated": {
                "exitCode": code,
                "reason": if code == 0 { "Completed" } else { "Error" },
                "startedAt": started,
                "finishedAt": finished,
            }})
        });
        statuses.push(ContainerStatus {
            name: spec.name.clone(),
            image: spec.image.clone(),
            image_id: if running {
                format!("{}@sha256:{:064x}", spec.image, fnv64(&spec.image))
            } else {
                String::new()
            },
            ready,
            restart_count: ctr.restarts,
            started: Some(started),
            state,
            last_state: last_state.or_else(|| Some(json!({}))),
            ..Default::default()
        });
    }
    p.status.container_statuses = statuses;
    if any_started {
        p.status.phase = "Running".into();
        if p.spec.host_network {
            p.status.pod_ip = p.status.host_ip.clone();
        } else if p.status.pod_ip.is_empty() {
            let h = fnv64(&p.metadata.name);
            p.status.pod_ip = format!("10.244.{}.{}", (h >> 8) % 250, h % 250 + 2);
        }
    } else {
        p.status.phase = "Pending".into();
    }
    let status = &mut p.status;
    set_ips(&mut status.rest, "podIPs", &status.pod_ip);
    set_ips(&mut status.rest, "hostIPs", &status.host_ip);
    let mut msg = String::from("containers with unready status: [");
    for (i, s) in p
        .status
        .container_statuses
        .iter()
        .filter(|s| !s.ready)
        .enumerate()
    {
        if i > 0 {
            msg.push(' ');
        }
        msg.push_str(&s.name);
    }
    msg.push(']');
    set_condition(
        p,
        "PodReadyToStartContainers",
        if any_started || p.status.pod_ip.is_empty() {
            "True"
        } else {
            "False"
        },
        "",
        "",
        now,
    );
    set_condition(p, "Initialized", "True", "", "", now);
    if all_ready {
        set_condition(p, "Ready", "True", "", "", now);
        set_condition(p, "ContainersReady", "True", "", "", now);
    } else {
        set_condition(p, "Ready", "False", "ContainersNotReady", &msg, now);
        set_condition(
            p,
            "ContainersReady",
            "False",
            "ContainersNotReady",
            &msg,
            now,
        );
    }
    order_conditions(p);
    if p.status == before {
        return None;
    }
    p.metadata.resource_version = rv;
    let was_ready = before
        .conditions
        .iter()
        .any(|c| c.type_ == "Ready" && c.status == "True");
    if !all_ready || was_ready {
        return None;
    }
    p.metadata
        .controller_ref()
        .filter(|r| r.kind == "DaemonSet")
        .map(|r| r.name.clone())
}

/// The DaemonSet controller's pod-update handler for a pod that just became Ready: its
/// DaemonSet `owner` is looked at again once the pod can be available
/// (`minReadySeconds` + 1 s).
pub(super) fn became_ready(c: &mut Cluster, key: &Key, owner: &str) {
    let owner = Key::new(&key.namespace, owner);
    if let Some(ds) = c.store.daemonsets.get(&owner) {
        let m = ds.spec.min_ready_seconds as i64;
        if m > 0 {
            let at = c.now.plus_secs(m + 1);
            c.schedule(at, crate::cluster::Timer::SyncDaemonSet(owner));
        }
    }
}

/// `podIPs` or `hostIPs` (`field`): the one address `ip`, if any. Most writes find it
/// there already, and leave it (a new one is four allocations, and one more to drop).
fn set_ips(rest: &mut Rest, field: &str, ip: &str) {
    let kept = rest.get(field).and_then(|v| v.get(0)?.get("ip")?.as_str());
    if !ip.is_empty() && kept != Some(ip) {
        rest.insert(field.into(), json!([{ "ip": ip }]));
    }
}

/// The kubelet's condition order.
fn order_conditions(p: &mut Pod) {
    const ORDER: [&str; 5] = [
        "PodReadyToStartContainers",
        "Initialized",
        "Ready",
        "ContainersReady",
        "PodScheduled",
    ];
    let rank = |c: &PodCondition| {
        ORDER
            .iter()
            .position(|o| *o == c.type_)
            .unwrap_or(ORDER.len())
    };
    // A stable insertion sort: five conditions, usually in order already.
    let v = &mut p.status.conditions;
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && rank(&v[j - 1]) > rank(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}
