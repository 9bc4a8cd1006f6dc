//! `addPod`, `updatePod`, `deletePod`.

use crate::api::Pod;
use crate::cluster::{Cluster, Key, Timer};

impl Cluster {
    /// `addPod`: the owner, or for an orphan every DaemonSet whose selector matches it.
    pub fn pod_added(&mut self, key: &Key, pod: &Pod) {
        let at = self.write_counter();
        self.store.pod_writes.note(at, key.clone());
        self.quiet.kubelet_queue.insert(key.clone());
        if pod.metadata.deletion_timestamp.is_some() {
            self.pod_deleted(pod);
        } else if pod.metadata.controller_ref().is_some() {
            self.enqueue_controller_of(&pod.metadata);
        } else {
            let keys = self.daemonsets_selecting(&pod.metadata.namespace, &pod.metadata.labels);
            self.dirty.extend(keys);
        }
    }

    /// `updatePod`: nothing without a new resourceVersion; a deletionTimestamp makes it a
    /// delete. A changed controllerRef queues the old owner; then the current owner is
    /// queued (and again `minReadySeconds + 1s` later if the pod just became Ready), or,
    /// for an orphan whose labels or controllerRef changed, every DaemonSet selecting it.
    pub fn pod_updated(&mut self, old: &Pod, cur: &Pod) {
        if cur.metadata.resource_version == old.metadata.resource_version {
            return;
        }
        let at = self.write_counter();
        self.store.pod_writes.note(at, Key::of(&cur.metadata));
        if !cur.spec.node_name.is_empty() {
            self.quiet.kubelet_queue.insert(Key::of(&cur.metadata));
        }
        if cur.metadata.deletion_timestamp.is_some() {
            self.pod_deleted(cur);
            return;
        }
        let cur_ref = cur.metadata.controller_ref();
        let ref_changed = cur_ref != old.metadata.controller_ref();
        if ref_changed {
            self.enqueue_controller_of(&old.metadata);
        }
        if let Some(r) = cur_ref {
            let Some(k) = self.resolve_controller_ref(&cur.metadata.namespace, r) else {
                return;
            };
            let min_ready = self.store.daemonsets[&k].spec.min_ready_seconds;
            if min_ready > 0 && !old.is_ready() && cur.is_ready() {
                let at = self.now.plus_secs(i64::from(min_ready) + 1);
                self.schedule(at, Timer::SyncDaemonSet(k.clone()));
            }
            self.dirty.insert(k);
        } else if ref_changed || cur.metadata.labels != old.metadata.labels {
            let keys = self.daemonsets_selecting(&cur.metadata.namespace, &cur.metadata.labels);
            self.dirty.extend(keys);
        }
    }

    /// `updatePod` for the stored pod `key`, given the pod as it was before the write.
    pub fn pod_updated_at(&mut self, old: &Pod, key: &Key) {
        // The handlers read DaemonSets, not pods: lend them the pod instead of a copy.
        if let Some(cur) = self.store.pods.remove(key) {
            self.pod_updated(old, &cur);
            self.store.pods.insert(key.clone(), cur);
        }
    }

    /// `updatePod` for the stored pod `key` that has just been given a deletionTimestamp
    /// (with a new resourceVersion): that is `deletePod`.
    pub fn pod_deletion_started(&mut self, key: &Key) {
        debug_assert!(self
            .store
            .pods
            .get(key)
            .is_none_or(|p| p.metadata.deletion_timestamp.is_some()));
        self.pod_written_owner_kept(key);
    }

    /// `updatePod` after the kubelet wrote the pod's status: the labels and the
    /// controllerRef are as they were, so the owner is queued. (The kubelet also queues
    /// the `minReadySeconds + 1s` look itself when it makes the pod Ready.)
    pub fn pod_status_written(&mut self, key: &Key) {
        self.pod_written_owner_kept(key);
    }

    /// Notes a write of the stored pod `key` whose controllerRef did not change, and
    /// queues its owner.
    fn pod_written_owner_kept(&mut self, key: &Key) {
        let at = self.write_counter();
        self.store.pod_writes.note(at, key.clone());
        let owner = self.store.pods.get(key).and_then(|p| {
            let r = p.metadata.controller_ref()?;
            self.resolve_controller_ref(&p.metadata.namespace, r)
        });
        self.dirty.extend(owner);
    }

    /// `updatePod` after the scheduler bound the stored pod `key` (its nodeName, its
    /// PodScheduled condition and a new resourceVersion): labels, controllerRef and
    /// readiness are as they were, so this is [`Cluster::pod_updated`] without a copy of
    /// the pod as it was; the kubelet now has the pod to start.
    pub fn pod_bound(&mut self, key: &Key) {
        self.quiet.kubelet_queue.insert(key.clone());
        // The owner is queued, as updatePod (or, for a deleting pod, deletePod) does.
        self.pod_written_owner_kept(key);
    }

    /// `deletePod`: the owner is queued; no controller cares about a deleted orphan.
    pub fn pod_deleted(&mut self, pod: &Pod) {
        self.enqueue_controller_of(&pod.metadata);
    }
}
