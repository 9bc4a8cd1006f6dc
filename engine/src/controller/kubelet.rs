//! A simulated kubelet per node: starts bound pods (ContainerCreating → Running, Ready)
//! and finishes graceful deletion. Container start takes `Settings::container_start_seconds`;
//! a readiness probe's `initialDelaySeconds` delays Ready.

use super::pods::{bump, remove_pod};
use super::scheduler::set_condition;
use crate::api::*;
use crate::cluster::{Cluster, Key, Timer};
use serde_json::json;

/// Starts every bound pod the kubelet has not seen yet.
pub fn run(c: &mut Cluster) -> bool {
    let fresh: Vec<Key> = c
        .store
        .pods
        .iter()
        .filter(|(_, p)| {
            !p.spec.node_name.is_empty()
                && p.status.phase == "Pending"
                && p.status.container_statuses.is_empty()
                && p.metadata.deletion_timestamp.is_none()
                && c.store.nodes.contains_key(&p.spec.node_name)
        })
        .map(|(k, _)| k.clone())
        .collect();
    let changed = !fresh.is_empty();
    for k in fresh {
        start(c, &k);
    }
    changed
}

fn start(c: &mut Cluster, key: &Key) {
    let now = c.now;
    let delay = c.settings.container_start_seconds;
    let Some(p) = c.store.pods.get_mut(key) else { return };
    p.status.host_ip = node_ip(&p.spec.node_name);
    p.status.start_time = Some(now);
    p.status.container_statuses = p
        .spec
        .containers
        .iter()
        .map(|ctr| ContainerStatus {
            name: ctr.name.clone(),
            image: ctr.image.clone(),
            state: json!({"waiting": {"reason": "ContainerCreating"}}),
            started: Some(false),
            ..Default::default()
        })
        .collect();
    for t in ["PodReadyToStartContainers", "Initialized"] {
        set_condition(p, t, if t == "Initialized" { "True" } else { "False" }, "", "", now);
    }
    set_condition(p, "Ready", "False", "ContainersNotReady", &not_ready_msg(p), now);
    set_condition(p, "ContainersReady", "False", "ContainersNotReady", &not_ready_msg(p), now);
    bump(c, key);
    c.schedule(now.plus_secs(delay), Timer::Kubelet(key.clone()));
    let snapshot = c.store.pods[key].clone();
    c.pod_changed(&snapshot);
}

fn not_ready_msg(p: &Pod) -> String {
    let names: Vec<&str> = p.spec.containers.iter().map(|c| c.name.as_str()).collect();
    format!("containers with unready status: [{}]", names.join(" "))
}

/// A stable fake address for a node.
pub fn node_ip(node: &str) -> String {
    let h = node.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    format!("10.0.{}.{}", (h >> 8) % 250 + 1, h % 250 + 2)
}

fn readiness_delay(p: &Pod) -> i64 {
    p.spec
        .containers
        .iter()
        .filter_map(|c| c.readiness_probe.as_ref())
        .map(|probe| probe.get("initialDelaySeconds").and_then(|v| v.as_i64()).unwrap_or(0))
        .max()
        .unwrap_or(0)
}

pub fn on_timer(c: &mut Cluster, key: &Key) {
    let now = c.now;
    let Some(p) = c.store.pods.get(key) else { return };
    if let Some(deadline) = p.metadata.deletion_timestamp {
        if now >= deadline {
            remove_pod(c, key);
        }
        return;
    }
    if !c.store.nodes.contains_key(&p.spec.node_name) {
        return;
    }
    let running = p.status.phase == "Running";
    let ready_at = p.status.start_time.unwrap_or(now).plus_secs(c.settings.container_start_seconds + readiness_delay(p));
    let p = c.store.pods.get_mut(key).expect("exists");
    if !running {
        p.status.phase = "Running".into();
        let ip = format!("10.244.{}.{}", (key.name.len() * 7) % 250, (now.0 / 1000 % 250) as u8);
        p.status.pod_ip = ip;
        for cs in &mut p.status.container_statuses {
            cs.state = json!({"running": {"startedAt": now}});
            cs.started = Some(true);
        }
        set_condition(p, "PodReadyToStartContainers", "True", "", "", now);
    }
    if now >= ready_at {
        for cs in &mut p.status.container_statuses {
            cs.ready = true;
        }
        set_condition(p, "ContainersReady", "True", "", "", now);
        set_condition(p, "Ready", "True", "", "", now);
    } else {
        c.schedule(ready_at, Timer::Kubelet(key.clone()));
    }
    bump(c, key);
    let snapshot = c.store.pods[key].clone();
    c.pod_changed(&snapshot);
}

/// What a kubelet does when it registers its node: the well-known labels, and a status
/// (Ready, capacity, node info) when the object has none, as for a Node written by hand.
pub fn register_node(c: &Cluster, node: &mut Node) {
    let name = node.metadata.name.clone();
    let labels = &mut node.metadata.labels;
    for (k, v) in [
        ("kubernetes.io/hostname", name.as_str()),
        ("kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
        ("beta.kubernetes.io/os", "linux"),
        ("beta.kubernetes.io/arch", "amd64"),
    ] {
        labels.entry(k.to_string()).or_insert_with(|| v.to_string());
    }
    if !node.status.conditions.is_empty() {
        return;
    }
    let now = c.now;
    let cond = |t: &str, s: &str, reason: &str, msg: &str| NodeCondition {
        type_: t.into(),
        status: s.into(),
        last_heartbeat_time: Some(now),
        last_transition_time: Some(now),
        reason: reason.into(),
        message: msg.into(),
    };
    node.status.conditions = vec![
        cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    ];
    let res = [("cpu", "4"), ("ephemeral-storage", "100Gi"), ("memory", "16Gi"), ("pods", "110")];
    for (k, v) in res {
        node.status.capacity.entry(k.into()).or_insert_with(|| json!(v));
        node.status.allocatable.entry(k.into()).or_insert_with(|| json!(v));
    }
    let ip = node_ip(&name);
    node.status.rest.entry("addresses".into()).or_insert_with(|| {
        json!([{"address": ip, "type": "InternalIP"}, {"address": name, "type": "Hostname"}])
    });
    node.status.rest.entry("nodeInfo".into()).or_insert_with(|| {
        json!({
            "architecture": "amd64",
            "bootID": "",
            "containerRuntimeVersion": "containerd://2.1.0",
            "kernelVersion": "6.8.0",
            "kubeProxyVersion": "",
            "kubeletVersion": "v1.34.0",
            "machineID": "",
            "operatingSystem": "linux",
            "osImage": "Debian GNU/Linux 12 (bookworm)",
            "systemUUID": ""
        })
    });
}
