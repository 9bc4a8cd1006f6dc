//! §17 F: event handling and enqueue. The handlers are `Cluster::pod_added`,
//! `pod_updated`, `pod_deleted`, `daemonset_changed`, `daemonset_deleted` (here) and
//! `node_added`, `node_updated`, `should_ignore_node_update` (`f_node_events`); the
//! workqueue is `Cluster::queued_syncs`, and `controller::daemonset::run` works it off.
//!
//! Covered: S52–S65, every scenario of F. S52 and S53 only in part, because the engine
//! has no tombstones (without watches no delete is missed, so the handler always gets
//! the deleted object) and no expectations (writes are visible at once): what is left of
//! them is tested, as each test says.

use crate::harness::*;
use engine::api::*;
use engine::cluster::{Cluster, Key};
use engine::controller::daemonset::run as work_off_queue;

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
    *d3.spec.template.metadata.labels = l2();
    let ds3 = store_ds(c, d3);
    assert!(c.queued_syncs().is_empty());
    (ds1, ds2, ds3)
}

/// A pod on node-0, stored without running any handler.
fn pod(c: &mut Cluster, labels: Labels, owner: Option<&Key>) -> Key {
    let p = new_pod(c, "pod1-", "node-0", labels, owner);
    add_pod(c, p)
}

/// Changes the stored pod as an accepted update (a new resourceVersion); returns the pod
/// as it was and as it is.
fn update_pod(c: &mut Cluster, k: &Key, f: impl FnOnce(&mut Pod)) -> (Pod, Pod) {
    let old = (*c.store.pods[k]).clone();
    let mut cur = old.clone();
    f(&mut cur);
    cur.metadata.resource_version = c.new_resource_version();
    c.store.pods.insert(k.clone(), cur.clone().into());
    (old, cur)
}

/// S52 (TestDeleteFinalStateUnknown): deleting a DaemonSet queues its key, for both
/// strategies. Upstream the deleted object arrives in a tombstone; here there are no
/// tombstones, so the handler gets the object itself. The sync of the key finds the
/// DaemonSet gone and does nothing.
#[test]
fn s52_deleted_daemonset_enqueues_its_key() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 1, Labels::new());
        let key = ds_with(&mut c, |d| d.spec.update_strategy = strategy);
        c.store.daemonsets.remove(&key);
        assert!(c.queued_syncs().is_empty(), "{name}");
        c.daemonset_deleted(&key);
        assert_eq!(c.queued_syncs(), vec![Key::new("default", "foo")], "{name}");
        expect_sync(&mut c, &key, (0, 0, 0));
        assert!(c.store.pods.is_empty(), "{name}");
    }
}

/// S53 (TestExpectationsOnRecreate), what the engine can say: create a DaemonSet (one
/// node) and sync (1 create); delete it (its key is queued; the sync of the key does
/// nothing); recreate it under the same name with a new UID: its sync creates 1 pod,
/// because the old DaemonSet's pod (left in place: no garbage collector runs here) names
/// the old UID and is not the new one's. Upstream's point, that the deleted DaemonSet's
/// expectations are dropped so the new one starts clean, has no counterpart: the engine
/// keeps no expectations.
#[test]
fn s53_recreated_daemonset_syncs_as_new() {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 1, Labels::new());
    let key = store_ds(&mut c, new_ds("test"));
    c.daemonset_changed(&key);
    assert_eq!(c.queued_syncs(), vec![key.clone()]);
    expect_sync(&mut c, &key, (1, 0, 0));
    assert!(c.queued_syncs().is_empty());
    let old_uid = ds(&c, &key).metadata.uid;

    c.store.daemonsets.remove(&key);
    c.daemonset_deleted(&key);
    assert_eq!(c.queued_syncs(), vec![key.clone()]);
    let before = c.write_counter();
    work_off_queue(&mut c);
    assert_eq!(
        c.write_counter(),
        before,
        "the sync of a deleted key writes nothing"
    );
    assert!(c.queued_syncs().is_empty());

    let key2 = store_ds(&mut c, new_ds("test"));
    assert_eq!(key2, key);
    let new_uid = ds(&c, &key).metadata.uid;
    assert_ne!(new_uid, old_uid);
    c.daemonset_changed(&key);
    assert_eq!(c.queued_syncs(), vec![key.clone()]);
    expect_sync(&mut c, &key, (1, 0, 0));
    let owners: Vec<String> = c
        .store
        .pods
        .values()
        .map(|p| p.metadata.controller_ref().unwrap().uid.clone())
        .collect();
    assert_eq!(owners.len(), 2);
    assert!(owners.contains(&old_uid) && owners.contains(&new_uid));
}

/// S57 (TestDeleteNoDaemonPod): a DaemonSet whose pod requests 50M/50m on a node with
/// 200M/200m allocatable and four other 50M/50m pods; the sync still creates its pod (the
/// controller does not check resources). Deleting a pod without a controllerRef, a pod
/// whose controllerRef is not a DaemonSet, or an unscheduled pod never queues it.
#[test]
fn s57_deleting_non_daemon_pods_enqueues_nothing() {
    type Owner = fn(&mut Pod);
    let no_owner: Owner = |p| p.metadata.owner_references.clear();
    let other_controller: Owner = |p| {
        *p.metadata.owner_references = vec![OwnerReference {
            controller: Some(true),
            ..Default::default()
        }]
    };
    // (case, node of the deleted pod, owner of the existing pods, of the deleted pod)
    let cases = [
        ("no controllerRef", "node1", no_owner, no_owner),
        (
            "controllerRef not a DaemonSet",
            "node1",
            other_controller,
            other_controller,
        ),
        ("unscheduled", "", other_controller, no_owner),
    ];
    for (name, deleted_node, existing, deleted) in cases {
        for (sname, strategy) in both_strategies() {
            let mut c = Cluster::new();
            let mut node = new_node("node1", Labels::new());
            allocatable(&mut node, "200M", "200m");
            add_node(&mut c, node);
            let key = ds_with(&mut c, |d| {
                d.spec.template.spec = resource_pod_spec("", "50M", "50m");
                d.spec.update_strategy = strategy;
            });
            for i in 0..4 {
                let mut p = new_pod(&c, "", "", Labels::new(), None);
                p.metadata.name = format!("pod_{i}");
                p.spec = resource_pod_spec("node1", "50M", "50m");
                existing(&mut p);
                add_pod(&mut c, p);
            }
            expect_sync(&mut c, &key, (1, 0, 0));
            let mut gone = new_pod(&c, "", "", Labels::new(), None);
            gone.metadata.name = "pod_0".into();
            gone.spec = resource_pod_spec(deleted_node, "50M", "50m");
            deleted(&mut gone);
            c.pod_deleted(&gone);
            assert!(c.queued_syncs().is_empty(), "{name}, {sname}");
        }
    }
}

#[test]
fn s58_add_pod_enqueues_only_its_owner() {
    for owner in [0, 1] {
        let mut c = Cluster::new();
        let (ds1, ds2, _) = three(&mut c);
        let owner = [&ds1, &ds2][owner];
        let k = pod(&mut c, l1(), Some(owner));
        let p = (*c.store.pods[&k]).clone();
        c.pod_added(&Key::of(&p.metadata), &p);
        assert_eq!(c.queued_syncs(), vec![owner.clone()]);
    }
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

/// A controllerRef that names a DaemonSet by a UID it does not have (or one that does not
/// exist) resolves to nothing (`resolveControllerRef`).
#[test]
fn s58_controller_ref_with_a_stale_uid_enqueues_nothing() {
    let mut c = Cluster::new();
    let (ds1, _, _) = three(&mut c);
    let k = pod(&mut c, l1(), Some(&ds1));
    let mut p = (*c.store.pods[&k]).clone();
    p.metadata.owner_references[0].uid = "some-other-uid".into();
    c.pod_added(&Key::of(&p.metadata), &p);
    assert!(c.queued_syncs().is_empty());
}

#[test]
fn s59_add_orphan_enqueues_every_selecting_daemonset() {
    let mut c = Cluster::new();
    let (ds1, ds2, _) = three(&mut c);
    let k = pod(&mut c, l1(), None);
    let p = (*c.store.pods[&k]).clone();
    c.pod_added(&Key::of(&p.metadata), &p);
    assert_eq!(c.queued_syncs(), vec![ds1, ds2]);
}

/// S60 (TestUpdatePod); an update with the same resourceVersion (a resync) is ignored.
#[test]
fn s60_update_owned_pod_enqueues_its_owner() {
    let mut c = Cluster::new();
    let (ds1, _, _) = three(&mut c);
    let k = pod(&mut c, l1(), Some(&ds1));
    let p = (*c.store.pods[&k]).clone();
    c.pod_updated(&p, &p);
    assert!(c.queued_syncs().is_empty(), "same resourceVersion");
    let (old, cur) = update_pod(&mut c, &k, |_| {});
    c.pod_updated(&old, &cur);
    assert_eq!(c.queued_syncs(), vec![ds1]);
}

#[test]
fn s61_update_orphan_with_same_labels_enqueues_nothing() {
    let mut c = Cluster::new();
    three(&mut c);
    let k = pod(&mut c, l1(), None);
    let (old, cur) = update_pod(&mut c, &k, |_| {});
    c.pod_updated(&old, &cur);
    assert!(c.queued_syncs().is_empty());
}

#[test]
fn s62_orphan_with_new_labels_enqueues_the_daemonsets_that_now_select_it() {
    let mut c = Cluster::new();
    let (ds1, ds2, _) = three(&mut c);
    let k = pod(&mut c, labels(&[("app", "other")]), None);
    let p = (*c.store.pods[&k]).clone();
    c.pod_added(&Key::of(&p.metadata), &p);
    assert!(c.queued_syncs().is_empty(), "no DaemonSet selects it yet");
    let (old, cur) = update_pod(&mut c, &k, |p| *p.metadata.labels = l1());
    c.pod_updated(&old, &cur);
    assert_eq!(c.queued_syncs(), vec![ds1, ds2]);
}

#[test]
fn s63_controller_ref_moved_enqueues_old_and_new_owner() {
    let mut c = Cluster::new();
    let (ds1, ds2, _) = three(&mut c);
    let k = pod(&mut c, l1(), Some(&ds1));
    let new_ref = controller_ref(&ds(&c, &ds2));
    let (old, cur) = update_pod(&mut c, &k, |p| *p.metadata.owner_references = vec![new_ref]);
    c.pod_updated(&old, &cur);
    assert_eq!(c.queued_syncs().len(), 2);
    assert_eq!(c.queued_syncs(), vec![ds1, ds2]);
}

#[test]
fn s64_controller_ref_removed_enqueues_both_selecting_daemonsets() {
    let mut c = Cluster::new();
    let (ds1, ds2, _) = three(&mut c);
    let k = pod(&mut c, l1(), Some(&ds1));
    let (old, cur) = update_pod(&mut c, &k, |p| p.metadata.owner_references.clear());
    c.pod_updated(&old, &cur);
    assert_eq!(c.queued_syncs().len(), 2);
    assert_eq!(c.queued_syncs(), vec![ds1, ds2]);
}

/// S65 (TestDeletePod, TestDeletePodOrphan): deleting an owned pod queues its owner;
/// deleting an orphan queues nothing, though DaemonSets select it.
#[test]
fn s65_delete_pod_enqueues_its_owner_and_an_orphan_nothing() {
    let mut c = Cluster::new();
    let (ds1, _, _) = three(&mut c);
    let owned = pod(&mut c, l1(), Some(&ds1));
    let p = (*c.store.pods[&owned]).clone();
    c.pod_deleted(&p);
    assert_eq!(c.queued_syncs(), vec![ds1]);

    let mut c = Cluster::new();
    three(&mut c);
    let orphan = pod(&mut c, l1(), None);
    let p = (*c.store.pods[&orphan]).clone();
    c.pod_deleted(&p);
    assert!(c.queued_syncs().is_empty());
}

/// S65 through the engine's deletes: removing an orphan from the store queues nothing;
/// a graceful delete of a bound owned pod (a deletionTimestamp: an update treated as a
/// delete) queues its owner at once.
#[test]
fn s65_engine_deletes_run_the_handlers() {
    use engine::controller::pods::{delete_pod, remove_pod};
    let mut c = Cluster::new();
    let (ds1, _, _) = three(&mut c);
    let orphan = pod(&mut c, l1(), None);
    remove_pod(&mut c, &orphan);
    assert!(c.queued_syncs().is_empty());

    let owned = pod(&mut c, l1(), Some(&ds1));
    assert!(delete_pod(&mut c, &owned, None));
    assert!(c.store.pods[&owned].metadata.deletion_timestamp.is_some());
    assert_eq!(c.queued_syncs(), vec![ds1]);
}

/// `updatePod`: an owned pod that just became Ready, with `minReadySeconds`, queues its
/// owner now and again `minReadySeconds + 1s` later (when it can be available); one that
/// was Ready already only now.
#[test]
fn update_pod_becoming_ready_requeues_after_min_ready_seconds() {
    for was_ready in [false, true] {
        let mut c = Cluster::new();
        let (ds1, _, _) = three(&mut c);
        c.store
            .daemonsets
            .get_mut(&ds1)
            .unwrap()
            .spec
            .min_ready_seconds = 10;
        let k = pod(&mut c, l1(), Some(&ds1));
        if was_ready {
            set_ready(&mut c, &k, true);
        }
        let (old, cur) = update_pod(&mut c, &k, |p| {
            p.status.conditions = vec![ready_condition("True", Some(t(0)))]
        });
        c.pod_updated(&old, &cur);
        assert_eq!(c.queued_syncs(), vec![ds1.clone()]);
        let requeue = (!was_ready).then(|| c.now.plus_secs(11));
        assert_eq!(c.next_timer_at(), requeue, "was ready: {was_ready}");
    }
}
