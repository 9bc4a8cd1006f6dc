//! Writing pods as the API server does: create with generateName, graceful deletion.

use crate::api::*;
use crate::cluster::{Cluster, Key, Timer};

/// Stores a new pod (name already set or generated) and queues it for the scheduler.
pub fn create_pod(c: &mut Cluster, mut pod: Pod) -> Key {
    let key = if pod.metadata.name.is_empty() {
        loop {
            let name = format!("{}{}", pod.metadata.generate_name, c.random_suffix());
            let key = Key::new(&pod.metadata.namespace, &name);
            if !c.store.pods.contains_key(&key) {
                pod.metadata.name = name;
                break key;
            }
        }
    } else {
        Key::of(&pod.metadata)
    };
    c.stamp_new(&mut pod.metadata);
    pod.api_version = "v1".into();
    pod.kind = "Pod".into();
    if pod.status.phase.is_empty() {
        pod.status.phase = "Pending".into();
    }
    c.pods_to_schedule.insert(key.clone());
    c.pod_added(&key, &pod);
    c.store.pods.insert(key.clone(), pod.into());
    key
}

/// Deletes a pod the way the API server does: an unbound or terminal pod goes at once;
/// a running one gets a deletionTimestamp and is removed by its kubelet after the grace
/// period. Returns false if the pod does not exist.
pub fn delete_pod(c: &mut Cluster, key: &Key, grace: Option<i64>) -> bool {
    let now = c.now;
    let Some(pod) = c.store.pods.get_mut(key) else {
        return false;
    };
    let grace = grace
        .unwrap_or(pod.spec.termination_grace_period_seconds.unwrap_or(30))
        .max(0);
    let immediate = pod.spec.node_name.is_empty() || pod.is_terminal() || grace == 0;
    if immediate {
        remove_pod(c, key);
        return true;
    }
    if pod.metadata.deletion_timestamp.is_some() {
        // Already terminating: only a shorter grace period brings removal forward.
        let cur = pod.metadata.deletion_grace_period_seconds.unwrap_or(grace);
        if grace >= cur {
            return true;
        }
    }
    pod.metadata.deletion_timestamp = Some(now.plus_secs(grace));
    pod.metadata.deletion_grace_period_seconds = Some(grace);
    let started = pod
        .status
        .container_statuses
        .iter()
        .any(|s| s.started == Some(true));
    let at = now.plus_secs(super::kubelet::stop_seconds(&pod.spec, grace, started));
    bump(c, key);
    c.schedule(at, Timer::Kubelet(key.clone()));
    c.pod_deletion_started(key);
    true
}

/// Removes a pod object from the store (the end of graceful deletion).
pub fn remove_pod(c: &mut Cluster, key: &Key) {
    if let Some(p) = c.store.pods.remove(key) {
        let at = c.write_counter();
        let node = crate::controller::daemonset::target_node_name(&p);
        c.store.pod_removals.note(at, (key.clone(), node));
        c.pod_deleted(&p);
        // A pod that is gone changes the owner's next decision (a node may now get its
        // replacement), even when the owner's own sync removed it.
        if let Some(r) = p
            .metadata
            .controller_ref()
            .filter(|r| r.kind == "DaemonSet")
        {
            let owner = Key::new(&key.namespace, &r.name);
            if c.syncing.as_ref() == Some(&owner) {
                c.requeue.insert(owner);
            }
        }
        // Freed resources and ports may let pending pods schedule.
        c.retry_pending_pods();
    }
}

/// A new resourceVersion for a changed pod.
pub fn bump(c: &mut Cluster, key: &Key) {
    let rv = c.new_resource_version();
    if let Some(p) = c.store.pods.get_mut(key) {
        p.metadata.resource_version = rv;
    }
}
