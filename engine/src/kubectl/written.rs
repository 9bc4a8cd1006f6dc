//! After kubectl changed an object in place (`label`, `taint`, `cordon`): a new
//! resourceVersion, and the handlers of the controllers that watch it, which compare
//! the object as it was with the object as it is.

use super::resource::Resource;
use crate::api::{ControllerRevision, Node, Pod};
use crate::cluster::{Cluster, Key, Shared};

/// An object as it was before the write.
pub enum Before {
    Node(Shared<Node>),
    Pod(Shared<Pod>),
    Revision(Shared<ControllerRevision>),
    DaemonSet,
    /// No DaemonSet handler watches it.
    Other,
}

impl Before {
    pub fn take(c: &Cluster, r: Resource, k: &Key) -> Before {
        let found = match r {
            Resource::Nodes => c.store.nodes.get(&*k.name).map(|n| Before::Node(n.clone())),
            Resource::Pods => c.store.pods.get(k).map(|p| Before::Pod(p.clone())),
            Resource::ControllerRevisions => {
                let cr = c.store.revisions.get(k);
                cr.map(|r| Before::Revision(r.clone()))
            }
            Resource::DaemonSets => Some(Before::DaemonSet),
            _ => None,
        };
        found.unwrap_or(Before::Other)
    }
}

/// `k` was written: it gets a new resourceVersion and its handlers run.
pub fn touched(c: &mut Cluster, k: &Key, before: Before) {
    let rv = c.new_resource_version();
    match before {
        Before::Node(old) => {
            if let Some(n) = c.store.nodes.get_mut(&*k.name) {
                n.metadata.resource_version = rv;
                let cur = n.clone();
                c.node_updated(&old, &cur);
            }
        }
        Before::Pod(old) => {
            if let Some(p) = c.store.pods.get_mut(k) {
                p.metadata.resource_version = rv;
                c.pod_updated_at(&old, k);
            }
        }
        Before::Revision(old) => {
            if let Some(cr) = c.store.revisions.get_mut(k) {
                cr.metadata.resource_version = rv;
                let cur = cr.clone();
                c.history_updated(&old, &cur);
            }
        }
        Before::DaemonSet => {
            if let Some(d) = c.store.daemonsets.get_mut(k) {
                d.metadata.resource_version = rv;
                c.daemonset_changed(k);
            }
        }
        Before::Other => {}
    }
}
