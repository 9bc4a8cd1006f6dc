//! The node lifecycle controller: a node whose kubelet stops posting status becomes
//! `Ready=Unknown` after the grace period and gets the `unreachable` taints; a node that
//! reports `Ready=False` gets the `not-ready` taints; pods on an unhealthy node are marked
//! not ready. When the node is healthy again the taints go.

use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key, Timer};
use crate::controller::scheduler::set_condition;
use crate::placement::tolerations::{TAINT_NOT_READY, TAINT_UNREACHABLE};

/// `--node-monitor-grace-period` (50 s since Kubernetes 1.32).
pub const NODE_MONITOR_GRACE_SECONDS: i64 = 50;

fn set_node_condition(
    n: &mut Node,
    type_: &str,
    status: &str,
    reason: &str,
    message: &str,
    now: Time,
) {
    match n.status.conditions.iter_mut().find(|c| c.type_ == type_) {
        Some(c) => {
            if c.status != status {
                c.last_transition_time = Some(now);
            }
            c.status = status.into();
            c.reason = reason.into();
            c.message = message.into();
        }
        None => n.status.conditions.push(NodeCondition {
            type_: type_.into(),
            status: status.into(),
            last_heartbeat_time: Some(now),
            last_transition_time: Some(now),
            reason: reason.into(),
            message: message.into(),
        }),
    }
}

fn set_taints(n: &mut Node, key: Option<&str>, now: Time) {
    n.spec
        .taints
        .retain(|t| t.key != TAINT_NOT_READY && t.key != TAINT_UNREACHABLE);
    if let Some(k) = key {
        n.spec.taints.push(Taint {
            key: k.into(),
            value: String::new(),
            effect: "NoSchedule".into(),
            time_added: None,
        });
        n.spec.taints.push(Taint {
            key: k.into(),
            value: String::new(),
            effect: "NoExecute".into(),
            time_added: Some(now),
        });
    }
}

/// The kubelet stopped posting status (stopped, or cut off): Unknown after the grace period.
pub fn kubelet_silent(c: &mut Cluster, node: &str) {
    let at = c.now.plus_secs(NODE_MONITOR_GRACE_SECONDS);
    c.schedule(at, Timer::NodeMonitor(node.to_string()));
}

/// Fired `NODE_MONITOR_GRACE_SECONDS` after the kubelet went silent.
pub fn on_timer(c: &mut Cluster, node: &str) {
    if !c.stopped_kubelets.contains(node) {
        return;
    }
    let now = c.now;
    let Some(n) = c.store.nodes.get_mut(node) else {
        return;
    };
    let old = n.clone();
    for t in ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"] {
        set_node_condition(
            n,
            t,
            "Unknown",
            "NodeStatusUnknown",
            "Kubelet stopped posting node status.",
            now,
        );
    }
    set_taints(n, Some(TAINT_UNREACHABLE), now);
    let meta = n.metadata.clone();
    c.record_event(
        object_ref("Node", "v1", &meta),
        "Normal",
        "NodeNotReady",
        format!("Node {node} status is now: NodeNotReady"),
        "node-controller",
    );
    mark_pods_not_ready(c, node);
    bump(c, node);
    node_updated(c, &old);
}

/// The kubelet reports `Ready=False` (e.g. its network plugin is not ready).
pub fn node_not_ready(c: &mut Cluster, node: &str) {
    let now = c.now;
    let Some(n) = c.store.nodes.get_mut(node) else {
        return;
    };
    let old = n.clone();
    set_node_condition(n, "Ready", "False", "KubeletNotReady", "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized", now);
    set_taints(n, Some(TAINT_NOT_READY), now);
    mark_pods_not_ready(c, node);
    bump(c, node);
    node_updated(c, &old);
}

/// The kubelet posts `Ready=True` again.
pub fn node_ready(c: &mut Cluster, node: &str) {
    let now = c.now;
    let Some(n) = c.store.nodes.get_mut(node) else {
        return;
    };
    let old = n.clone();
    set_node_condition(
        n,
        "Ready",
        "True",
        "KubeletReady",
        "kubelet is posting ready status",
        now,
    );
    for (t, r, m) in [
        (
            "MemoryPressure",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        (
            "DiskPressure",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
        ),
        (
            "PIDPressure",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
        ),
    ] {
        set_node_condition(n, t, "False", r, m, now);
    }
    set_taints(n, None, now);
    let meta = n.metadata.clone();
    c.record_event(
        object_ref("Node", "v1", &meta),
        "Normal",
        "NodeReady",
        format!("Node {node} status is now: NodeReady"),
        "kubelet",
    );
    bump(c, node);
    node_updated(c, &old);
    // The kubelet reports its pods' real state again.
    let keys: Vec<Key> = c
        .store
        .pods
        .iter()
        .filter(|(_, p)| p.spec.node_name == node)
        .map(|(k, _)| k.clone())
        .collect();
    for k in keys {
        c.schedule(now, Timer::Kubelet(k));
    }
}

/// Tells the handlers that `old.metadata.name` is now as stored.
fn node_updated(c: &mut Cluster, old: &Node) {
    let cur = c.store.nodes[&old.metadata.name].clone();
    c.node_updated(old, &cur);
}

/// `MarkPodsNotReady`.
fn mark_pods_not_ready(c: &mut Cluster, node: &str) {
    let now = c.now;
    let keys: Vec<Key> = c
        .store
        .pods
        .iter()
        .filter(|(_, p)| p.spec.node_name == node)
        .map(|(k, _)| k.clone())
        .collect();
    for k in keys {
        let rv = c.new_resource_version();
        let p = c.store.pods.get_mut(&k).expect("listed");
        let old = p.clone();
        set_condition(p, "Ready", "False", "", "", now);
        p.metadata.resource_version = rv;
        c.pod_updated_at(&old, &k);
    }
}

/// A new resourceVersion for a node its controllers wrote.
fn bump(c: &mut Cluster, node: &str) {
    let rv = c.new_resource_version();
    if let Some(n) = c.store.nodes.get_mut(node) {
        n.metadata.resource_version = rv;
    }
}
