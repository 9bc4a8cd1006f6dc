//! `addNode`, `updateNode` and the node queue's worker `syncNodeUpdate` (v1.33+,
//! kubernetes#130514; the misscheduled clause is kubernetes#132477, in v1.34).
//! Node events also give pending pods another scheduling attempt (the scheduler's
//! handlers, not the DaemonSet controller's).

use crate::api::Node;
use crate::cluster::{Cluster, Key};
use std::collections::BTreeSet;

impl Cluster {
    /// `addNode`: the node goes on the node queue.
    pub fn node_added(&mut self, name: &str) {
        self.node_events += 1;
        // Its kubelet starts the pods already bound to it.
        self.quiet.kubelet_looked = None;
        self.sync_node_update(name);
        self.retry_pending_pods();
    }

    /// `updateNode`: unless `shouldIgnoreNodeUpdate`, the node goes on the node queue.
    pub fn node_updated(&mut self, old: &Node, cur: &Node) {
        self.node_events += 1;
        if !should_ignore_node_update(old, cur) {
            self.sync_node_update(&cur.metadata.name);
        }
        self.retry_pending_pods();
    }

    /// The DaemonSet controller has no handler for a deleted node: a DaemonSet hears of it
    /// when PodGC deletes the pods bound to the node.
    pub fn node_deleted(&mut self) {
        self.node_events += 1;
        self.retry_pending_pods();
    }

    /// `syncNodeUpdate`, run at once (the node queue has no lag here): queues each
    /// DaemonSet that should run on the node and has no pod bound to it, that has a pod
    /// there which may not stay, or that has a pod there and counts misscheduled pods
    /// (the node's change may have ended that).
    fn sync_node_update(&mut self, name: &str) {
        let Some(node) = self.store.nodes.get(name) else {
            return;
        };
        // The pods bound to the node (the `spec.nodeName` index), by controllerRef name.
        let scheduled: BTreeSet<Key> = self
            .store
            .pods
            .values()
            .filter(|p| p.spec.node_name == name)
            .filter_map(|p| {
                let r = p.metadata.controller_ref()?;
                (r.kind == "DaemonSet").then(|| Key::new(&p.metadata.namespace, &r.name))
            })
            .collect();
        let keys: Vec<Key> = self
            .store
            .daemonsets
            .iter()
            .filter(|(k, ds)| {
                let p = crate::placement::node_should_run_daemon_pod(node, ds);
                if scheduled.contains(*k) {
                    !p.should_continue_running || ds.status.number_misscheduled > 0
                } else {
                    p.should_run
                }
            })
            .map(|(k, _)| k.clone())
            .collect();
        self.dirty.extend(keys);
    }
}

/// `shouldIgnoreNodeUpdate`: true if the labels and taints are unchanged, the only parts
/// of a node where a DaemonSet runs depends on (besides its name). Conditions and
/// allocatable resources are not compared.
pub fn should_ignore_node_update(old: &Node, cur: &Node) -> bool {
    old.metadata.labels == cur.metadata.labels && old.spec.taints == cur.spec.taints
}
