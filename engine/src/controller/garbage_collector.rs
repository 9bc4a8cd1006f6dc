//! The garbage collector: dependents whose owner is gone are deleted (background
//! cascade); a foreground-deleting owner waits for its blocking dependents.

use crate::cluster::{Cluster, Key};
use crate::controller::pods::delete_pod;
use std::collections::BTreeSet;

pub fn run(c: &mut Cluster) -> bool {
    let before = c.write_counter();
    let seen = c.change_counter();
    if c.quiet.garbage_collector == Some(seen) {
        return false;
    }
    let mut uids = BTreeSet::new();
    uids.extend(c.store.daemonsets.values().map(|d| d.metadata.uid.as_str()));
    let orphaned = |refs: &[crate::api::OwnerReference]| {
        !refs.is_empty()
            && refs
                .iter()
                .all(|r| r.kind == "DaemonSet" && !uids.contains(r.uid.as_str()))
    };
    // Dependents lose their owner only when a DaemonSet goes; a dependent naming an
    // owner that does not exist can only come from a command (the controllers write
    // owner references to DaemonSets that exist). Otherwise the last look still holds.
    let marker = (fingerprint(&uids), c.commands);
    let must_look = c.quiet.garbage_collector_looked != Some(marker);
    let (pods, revs): (Vec<Key>, Vec<Key>) = if must_look || cfg!(debug_assertions) {
        let pods = c
            .store
            .pods
            .iter()
            .filter(|(_, p)| {
                p.metadata.deletion_timestamp.is_none() && orphaned(&p.metadata.owner_references)
            })
            .map(|(k, _)| k.clone())
            .collect();
        let revs = c
            .store
            .revisions
            .iter()
            .filter(|(_, r)| orphaned(&r.metadata.owner_references))
            .map(|(k, _)| k.clone())
            .collect();
        (pods, revs)
    } else {
        (Vec::new(), Vec::new())
    };
    debug_assert!(
        must_look || (pods.is_empty() && revs.is_empty()),
        "dependents lost their owner without a command or a DaemonSet going: {pods:?} {revs:?}"
    );
    c.quiet.garbage_collector_looked = Some(marker);
    for k in pods {
        delete_pod(c, &k, None);
    }
    for k in revs {
        c.store.revisions.remove(&k);
        c.new_resource_version();
    }
    // Foreground deletion: the owner goes once no dependent is left.
    let waiting: Vec<(Key, String)> = c
        .store
        .daemonsets
        .iter()
        .filter(|(_, d)| {
            d.metadata.deletion_timestamp.is_some()
                && d.metadata
                    .finalizers
                    .iter()
                    .any(|f| f == "foregroundDeletion")
        })
        .map(|(k, d)| (k.clone(), d.metadata.uid.clone()))
        .collect();
    for (k, uid) in waiting {
        let has = |refs: &[crate::api::OwnerReference]| refs.iter().any(|r| r.uid == uid);
        let pods = c.store.pods_owned_by(&uid);
        for pk in &pods {
            delete_pod(c, pk, None);
        }
        c.store
            .revisions
            .retain(|_, r| !has(&r.metadata.owner_references));
        if pods.iter().all(|pk| !c.store.pods.contains_key(pk)) {
            c.store.daemonsets.remove(&k);
            c.store.sources.remove(&k);
            c.new_resource_version();
            c.daemonset_deleted(&k);
        }
    }
    // The namespace controller: a terminating namespace goes once its pods are gone.
    let done: Vec<String> = c
        .store
        .namespaces
        .iter()
        .filter(|(n, ns)| {
            ns.status.phase == "Terminating" && !c.store.pods.keys().any(|k| &*k.namespace == *n)
        })
        .map(|(n, _)| n.clone())
        .collect();
    for n in done {
        c.store.namespaces.remove(&n);
        c.new_resource_version();
    }
    let changed = c.write_counter() != before;
    c.quiet.garbage_collector = (!changed && c.change_counter() == seen).then_some(seen);
    changed
}

/// Changes when the set of DaemonSet UIDs changes (FNV-1a over them, in order).
fn fingerprint(uids: &BTreeSet<&str>) -> u64 {
    uids.iter()
        .fold(crate::hash::Fnv64::default(), |h, u| h.field(u))
        .0
}
