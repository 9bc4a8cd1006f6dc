//! `addNode`, `updateNode` and the node queue's worker `syncNodeUpdate` (v1.33+,
//! kubernetes#130514; the misscheduled clause is kubernetes#132477, in v1.34). The
//! handlers put the node's name on the queue; the worker runs before the DaemonSet
//! controller's next syncs.
//! Node events also give pending pods another scheduling attempt (the scheduler's
//! handlers, not the DaemonSet controller's).

use crate::api::Node;
use crate::cluster::{Cluster, Key};
use std::collections::BTreeSet;

impl Cluster {
    /// `addNode`: the node goes on the node queue.
    pub fn node_added(&mut self, name: &str) {
        self.node_events += 1;
        self.node_no_execute_changed(name);
        // Its kubelet starts the pods already bound to it.
        self.quiet.kubelet_must_look = true;
        self.node_queue.insert(name.to_string());
        self.retry_pending_pods();
    }

    /// `updateNode`: unless `shouldIgnoreNodeUpdate`, the node goes on the node queue.
    pub fn node_updated(&mut self, old: &Node, cur: &Node) {
        self.node_events += 1;
        if old.spec.taints != cur.spec.taints {
            self.node_no_execute_changed(&cur.metadata.name);
        }
        if !should_ignore_node_update(old, cur) {
            self.node_queue.insert(cur.metadata.name.clone());
        }
        self.retry_pending_pods();
    }

    /// The DaemonSet controller has no handler for a deleted node: a DaemonSet hears of it
    /// when PodGC deletes the pods bound to the node.
    pub fn node_deleted(&mut self) {
        self.node_events += 1;
        self.quiet.no_execute_nodes = None;
        self.retry_pending_pods();
    }

    /// Taint eviction's set of NoExecute-tainted nodes follows the node `name`.
    fn node_no_execute_changed(&mut self, name: &str) {
        let tainted = self
            .store
            .nodes
            .get(name)
            .is_some_and(|n| crate::controller::taint_eviction::has_no_execute(n));
        if let Some(set) = &mut self.quiet.no_execute_nodes {
            if tainted {
                set.insert(name.to_string());
            } else {
                set.remove(name);
            }
        }
    }

    /// The node queue's worker: `syncNodeUpdate` for each queued node, as the node is
    /// now (a node gone since is skipped). The DaemonSet controller runs it before its
    /// syncs, so the nodes of one command (`kubectl label nodes --all`) are worked through
    /// with one look at the pods.
    pub(crate) fn drain_node_queue(&mut self) {
        if self.node_queue.is_empty() {
            return;
        }
        let keys = self.node_update_targets();
        self.node_queue.clear();
        self.dirty.extend(keys);
    }

    /// `syncNodeUpdate` for every queued node: each DaemonSet that should run on the node
    /// and has no pod bound to it, that has a pod there which may not stay, or that has a
    /// pod there and counts misscheduled pods (the node's change may have ended that).
    pub(crate) fn node_update_targets(&self) -> BTreeSet<Key> {
        let mut out = BTreeSet::new();
        if self.node_queue.is_empty() {
            return out;
        }
        // The pods bound to the queued nodes (the `spec.nodeName` index): (node, owner).
        let mut scheduled: Vec<(&str, Key)> = Vec::new();
        for p in self.store.pods.values() {
            if !self.node_queue.contains(&p.spec.node_name) {
                continue;
            }
            if let Some(r) = p
                .metadata
                .controller_ref()
                .filter(|r| r.kind == "DaemonSet")
            {
                scheduled.push((
                    p.spec.node_name.as_str(),
                    Key::new(&p.metadata.namespace, &r.name),
                ));
            }
        }
        crate::sort::sort(&mut scheduled);
        for name in &self.node_queue {
            let Some(node) = self.store.nodes.get(name) else {
                continue;
            };
            for (k, ds) in &self.store.daemonsets {
                let p = crate::placement::node_should_run_daemon_pod(node, ds);
                let on_node = scheduled
                    .binary_search_by(|(n, o)| (*n, o).cmp(&(name.as_str(), k)))
                    .is_ok();
                let queue = if on_node {
                    !p.should_continue_running || ds.status.number_misscheduled > 0
                } else {
                    p.should_run
                };
                if queue {
                    out.insert(k.clone());
                }
            }
        }
        out
    }
}

/// `shouldIgnoreNodeUpdate`: true if the labels and taints are unchanged, the only parts
/// of a node where a DaemonSet runs depends on (besides its name). Conditions and
/// allocatable resources are not compared.
pub fn should_ignore_node_update(old: &Node, cur: &Node) -> bool {
    old.metadata.labels == cur.metadata.labels && old.spec.taints == cur.spec.taints
}
