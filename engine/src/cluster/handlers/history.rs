//! `addHistory`, `updateHistory`, `deleteHistory`: the ControllerRevision handlers.

use crate::api::ControllerRevision;
use crate::cluster::Cluster;

impl Cluster {
    /// `addHistory`: a controlled revision queues nothing (its owner made it); an orphan
    /// queues every DaemonSet whose selector matches it, to adopt it.
    pub fn history_added(&mut self, cr: &ControllerRevision) {
        if cr.metadata.deletion_timestamp.is_some() {
            self.history_deleted(cr);
        } else if cr.metadata.controller_ref().is_none() {
            let keys = self.daemonsets_selecting(&cr.metadata.namespace, &cr.metadata.labels);
            self.dirty.extend(keys);
        }
    }

    /// `updateHistory`: as `updatePod`, without the deletion and readiness cases.
    pub fn history_updated(&mut self, old: &ControllerRevision, cur: &ControllerRevision) {
        if cur.metadata.resource_version == old.metadata.resource_version {
            return;
        }
        let cur_ref = cur.metadata.controller_ref();
        let ref_changed = cur_ref != old.metadata.controller_ref();
        if ref_changed {
            self.enqueue_controller_of(&old.metadata);
        }
        if cur_ref.is_some() {
            self.enqueue_controller_of(&cur.metadata);
        } else if ref_changed || cur.metadata.labels != old.metadata.labels {
            let keys = self.daemonsets_selecting(&cur.metadata.namespace, &cur.metadata.labels);
            self.dirty.extend(keys);
        }
    }

    /// `deleteHistory`: the owner is queued; a deleted orphan concerns nobody.
    pub fn history_deleted(&mut self, cr: &ControllerRevision) {
        self.enqueue_controller_of(&cr.metadata);
    }
}
