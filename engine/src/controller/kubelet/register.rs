//! Node registration: what a kubelet writes when its node joins.

use crate::api::*;
use crate::cluster::Cluster;
use serde_json::json;

/// A stable fake address for a node.
pub fn node_ip(node: &str) -> String {
    let h = node
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    let mut ip = String::with_capacity(15);
    ip.push_str("10.0.");
    crate::cluster::push_decimal(&mut ip, u64::from((h >> 8) % 250 + 1));
    ip.push('.');
    crate::cluster::push_decimal(&mut ip, u64::from(h % 250 + 2));
    ip
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
        cond(
            "MemoryPressure",
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        cond(
            "DiskPressure",
            "False",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
        ),
        cond(
            "PIDPressure",
            "False",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
        ),
        cond(
            "Ready",
            "True",
            "KubeletReady",
            "kubelet is posting ready status",
        ),
    ];
    let res = [
        ("cpu", "4"),
        ("ephemeral-storage", "100Gi"),
        ("memory", "16Gi"),
        ("pods", "110"),
    ];
    for (k, v) in res {
        node.status
            .capacity
            .entry(k.into())
            .or_insert_with(|| json!(v));
        node.status
            .allocatable
            .entry(k.into())
            .or_insert_with(|| json!(v));
    }
    let ip = node_ip(&name);
    node.status.rest.entry("addresses".into()).or_insert_with(
        || json!([{"address": ip, "type": "InternalIP"}, {"address": name, "type": "Hostname"}]),
    );
    node.status
        .rest
        .entry("nodeInfo".into())
        .or_insert_with(|| {
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
