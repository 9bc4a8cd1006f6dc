//! The DaemonSet controller's informer event handlers (`daemon_controller.go`): what an
//! added, updated or deleted DaemonSet, pod, node or ControllerRevision puts on the
//! workqueue (`Cluster::dirty`). Each write to the store calls its handler with the
//! object as it was and as it is.
//!
//! Not modelled: expectations (`CreationObserved`, `DeletionObserved`,
//! `DeleteExpectations`), because the controller's writes are visible at once and a sync
//! never waits for the events of its own writes; tombstones (`DeletedFinalStateUnknown`),
//! because without watches no delete is ever missed.

mod history;
mod nodes;
mod pods;

pub use nodes::should_ignore_node_update;

use super::{Cluster, Key};
use crate::api::{LabelSelector, Labels, ObjectMeta, OwnerReference};

impl Cluster {
    /// `addDaemonset` and `updateDaemonset` (a new UID under the same name is first a
    /// delete of the old object, which queues the same key).
    pub fn daemonset_changed(&mut self, key: &Key) {
        self.dirty.insert(key.clone());
    }

    /// `deleteDaemonset`: the key is queued; its sync finds the DaemonSet gone.
    pub fn daemonset_deleted(&mut self, key: &Key) {
        self.dirty.insert(key.clone());
    }

    /// Queues the DaemonSet `resolveControllerRef` finds for `meta`'s controllerRef.
    fn enqueue_controller_of(&mut self, meta: &ObjectMeta) {
        if let Some(r) = meta.controller_ref() {
            if let Some(k) = self.resolve_controller_ref(&meta.namespace, r) {
                self.dirty.insert(k);
            }
        }
    }

    /// `resolveControllerRef`: the DaemonSet a controllerRef names, if one exists with
    /// that UID.
    fn resolve_controller_ref(&self, namespace: &str, r: &OwnerReference) -> Option<Key> {
        if r.kind != "DaemonSet" {
            return None;
        }
        // Found by walking the DaemonSets (a cluster has a few) rather than by a key made
        // for the look-up: every pod written asks, and a key costs two allocations.
        let (key, ds) = self
            .store
            .daemonsets
            .iter()
            .find(|(k, _)| *k.name == *r.name && *k.namespace == *namespace)?;
        (ds.metadata.uid == r.uid).then(|| key.clone())
    }

    /// `GetPodDaemonSets` / `GetHistoryDaemonSets`: the DaemonSets in the namespace whose
    /// (non-empty) selector matches the labels.
    fn daemonsets_selecting(&self, namespace: &str, labels: &Labels) -> Vec<Key> {
        let selects = |s: &LabelSelector| !s.is_empty() && s.matches(labels);
        self.store
            .daemonsets_in(namespace)
            .filter(|d| d.spec.selector.as_ref().is_some_and(selects))
            .map(|d| Key::of(&d.metadata))
            .collect()
    }
}
