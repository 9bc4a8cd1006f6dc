//! §17 F: event handling and enqueue, the pod handlers (S58–S60, S62, S64): `Cluster::
//! pod_added` and `pod_updated`, given the pod as it was and as it is; the workqueue is
//! `Cluster::queued_syncs`.
//!
//! Not here yet: S52–S57, S61, S63 and S65.

use crate::harness::*;
use engine::api::*;
use engine::cluster::{Cluster, Key};

/// Three DaemonSets as the upstream tests make them: foo1 and foo2 select L1, foo3
/// selects L2. The queue starts empty.
fn three(c: &mut Cluster) -> (Key, Key, Key) {
    let ds1 = store_ds(c, new_ds("foo1"));
    let ds2 = store_ds(c, new_ds("foo2"));
    let mut d3 = new_ds("foo3");
    d3.spec.selector = Some(LabelSelector {
        match_labels: l2(),
        match_expressions: vec![],
    });
    d3.spec.template.metadata.labels = l2();
    let ds3 = store_ds(c, d3);
    assert!(c.queued_syncs().is_empty());
    (ds1, ds2, ds3)
}

fn pod(c: &mut Cluster, labels: Labels, owner: Option<&Key>) -> Pod {
    let p = new_pod(c, "pod1-", "node-0", labels, owner);
    let k = add_pod(c, p);
    c.store.pods[&k].clone()
}

#[test]
fn s58_add_pod_enqueues_only_its_owner() {
    let mut c = Cluster::new();
    let (ds1, ds2, _) = three(&mut c);
    let p1 = pod(&mut c, l1(), Some(&ds1));
    c.pod_added(&p1);
    assert_eq!(c.queued_syncs(), vec![ds1.clone()]);
    let mut c = Cluster::new();
    let (_, ds2b, _) = three(&mut c);
    assert_eq!(ds2b, ds2);
    let p2 = pod(&mut c, l1(), Some(&ds2));
    c.pod_added(&p2);
    assert_eq!(c.queued_syncs(), vec![ds2]);
}

#[test]
fn s59_add_orphan_enqueues_every_selecting_daemonset() {
    let mut c = Cluster::new();
    let (ds1, ds2, _) = three(&mut c);
    let p = pod(&mut c, l1(), None);
    c.pod_added(&p);
    assert_eq!(c.queued_syncs(), vec![ds1, ds2]);
}

#[test]
fn s60_update_owned_pod_enqueues_its_owner() {
    let mut c = Cluster::new();
    let (ds1, _, _) = three(&mut c);
    let old = pod(&mut c, l1(), Some(&ds1));
    let mut p = old.clone();
    p.metadata.resource_version = c.new_resource_version();
    c.store.pods.insert(Key::of(&p.metadata), p.clone());
    c.pod_updated(&old, &p);
    assert_eq!(c.queued_syncs(), vec![ds1]);
}

#[test]
fn s62_orphan_with_new_labels_enqueues_the_daemonsets_that_now_select_it() {
    let mut c = Cluster::new();
    let (ds1, ds2, _) = three(&mut c);
    let mut p = pod(&mut c, labels(&[("app", "other")]), None);
    c.pod_added(&p);
    assert!(c.queued_syncs().is_empty(), "no DaemonSet selects it yet");
    let old = p.clone();
    p.metadata.labels = l1();
    p.metadata.resource_version = c.new_resource_version();
    c.store.pods.insert(Key::of(&p.metadata), p.clone());
    c.pod_updated(&old, &p);
    assert_eq!(c.queued_syncs(), vec![ds1, ds2]);
}

#[test]
fn s64_controller_ref_removed_enqueues_both_selecting_daemonsets() {
    let mut c = Cluster::new();
    let (ds1, ds2, _) = three(&mut c);
    let old = pod(&mut c, l1(), Some(&ds1));
    let mut p = old.clone();
    p.metadata.owner_references.clear();
    p.metadata.resource_version = c.new_resource_version();
    c.store.pods.insert(Key::of(&p.metadata), p.clone());
    c.pod_updated(&old, &p);
    assert_eq!(c.queued_syncs().len(), 2);
    assert_eq!(c.queued_syncs(), vec![ds1, ds2]);
}

/// The handler also runs on the engine's own writes: a created daemon pod queues its owner.
#[test]
fn s58_created_daemon_pod_enqueues_its_owner() {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 1, Labels::new());
    let (ds1, _, _) = three(&mut c);
    let p = new_pod(&c, "foo1-", "", l1(), Some(&ds1));
    engine::controller::pods::create_pod(&mut c, p);
    assert_eq!(c.queued_syncs(), vec![ds1.clone()]);
}
