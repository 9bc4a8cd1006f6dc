//! §17 F, the node handlers (S54–S56): `Cluster::node_added`, `node_updated`,
//! `node_deleted` and `should_ignore_node_update`. Since v1.33 the handlers only put the
//! node's name on a node queue, whose worker `syncNodeUpdate` queues the DaemonSets; the
//! engine runs that worker at once, so these tests look at the DaemonSet queue.

use crate::harness::*;
use engine::api::*;
use engine::cluster::{should_ignore_node_update, Cluster, Key};

/// `noScheduleTaints`.
fn no_schedule() -> Vec<Taint> {
    vec![taint("key1", "value1", "NoSchedule")]
}

/// Stores `cur` over the node of that name and runs the update handler.
fn update_node(c: &mut Cluster, mut cur: Node) {
    let old = (*c.store.nodes[&cur.metadata.name]).clone();
    cur.metadata.resource_version = c.new_resource_version();
    c.store
        .nodes
        .insert(cur.metadata.name.clone(), Box::new(cur.clone()));
    c.node_updated(&old, &cur);
}

#[test]
fn s54_add_node_enqueues_only_daemonsets_that_should_run_there() {
    let mut c = Cluster::new();
    let key = ds_with(&mut c, |d| d.spec.template.spec.node_selector = n1());
    add_node(&mut c, new_node("node1", Labels::new()));
    c.node_added("node1");
    assert!(c.queued_syncs().is_empty());
    add_node(&mut c, new_node("node2", n1()));
    c.node_added("node2");
    assert_eq!(c.queued_syncs(), vec![key]);
}

/// A case of TestUpdateNode: the first sync sees `old` and creates `creates` pods, then
/// the node becomes `cur`.
struct UpdateNode {
    name: &'static str,
    old: Node,
    cur: Node,
    ds: fn(&mut DaemonSet),
    creates: usize,
    enqueued: bool,
}

/// S55a–d (TestUpdateNode), for both strategies.
#[test]
fn s55_update_node() {
    let bare = new_node("node1", Labels::new());
    let mut tainted = bare.clone();
    tainted.spec.taints = no_schedule();
    let mut more_allocatable = bare.clone();
    allocatable(&mut more_allocatable, "200M", "200m");
    let selects_n1: fn(&mut DaemonSet) = |d| d.spec.template.spec.node_selector = n1();
    let cases = [
        UpdateNode {
            name: "a: nothing changed",
            old: bare.clone(),
            cur: bare.clone(),
            ds: selects_n1,
            creates: 0,
            enqueued: false,
        },
        UpdateNode {
            name: "b: labels changed",
            old: bare.clone(),
            cur: new_node("node1", n1()),
            ds: selects_n1,
            creates: 0,
            enqueued: true,
        },
        UpdateNode {
            name: "c: taints changed",
            old: tainted,
            cur: bare.clone(),
            ds: |_| {},
            creates: 0,
            enqueued: true,
        },
        UpdateNode {
            name: "d: allocatable changed",
            old: bare,
            cur: more_allocatable,
            ds: |d| d.spec.template.spec = resource_pod_spec("", "200M", "200m"),
            creates: 1,
            enqueued: false,
        },
    ];
    for case in cases {
        for (sname, strategy) in both_strategies() {
            let mut c = Cluster::new();
            add_node(&mut c, case.old.clone());
            let key = ds_with(&mut c, |d| {
                (case.ds)(d);
                d.spec.update_strategy = strategy;
            });
            expect_sync(&mut c, &key, (case.creates, 0, 0));
            assert!(c.queued_syncs().is_empty());
            update_node(&mut c, case.cur.clone());
            let enqueued = !c.queued_syncs().is_empty();
            assert_eq!(enqueued, case.enqueued, "{}, {sname}", case.name);
        }
    }
}

/// S56 (TestShouldIgnoreNodeUpdate), plus what v1.34 no longer compares: conditions
/// and allocatable resources.
#[test]
fn s56_should_ignore_node_update() {
    let old = new_node("node1", Labels::new());
    let with = |f: &dyn Fn(&mut Node)| {
        let mut n = old.clone();
        f(&mut n);
        n
    };
    let cases: [(&str, Node, bool); 5] = [
        ("nothing changed", old.clone(), true),
        ("labels changed", new_node("node1", n1()), false),
        (
            "taints changed",
            with(&|n| n.spec.taints = no_schedule()),
            false,
        ),
        (
            "conditions changed",
            with(&|n| n.status.conditions = vec![node_condition("Ready", "False")]),
            true,
        ),
        (
            "allocatable changed",
            with(&|n| allocatable(n, "200M", "200m")),
            true,
        ),
    ];
    for (name, cur, want) in cases {
        assert_eq!(should_ignore_node_update(&old, &cur), want, "{name}");
    }
}

/// One node with the DaemonSet's pod bound to it, synced: status counts nothing
/// misscheduled and the queue is empty.
fn node_with_bound_pod() -> (Cluster, Key) {
    let mut c = Cluster::new();
    add_node(&mut c, new_node("node1", Labels::new()));
    let key = ds_with(&mut c, |_| {});
    expect_sync(&mut c, &key, (1, 0, 0));
    let pk = c.store.pods.keys().next().unwrap().clone();
    c.store.pods.get_mut(&pk).unwrap().spec.node_name = "node1".into();
    expect_sync(&mut c, &key, (0, 0, 0));
    assert_eq!(status(&c, &key).number_misscheduled, 0);
    assert!(c.queued_syncs().is_empty());
    (c, key)
}

/// `syncNodeUpdate`'s rule for a node with a bound daemon pod: a taint the pod does not
/// tolerate with NoExecute (it may not stay) queues the DaemonSet; a NoSchedule one (the
/// pod becomes misscheduled but stays) does not while the status counts no misscheduled
/// pod, which is v1.34's behaviour; once the status counts it, removing the taint queues
/// the DaemonSet (kubernetes#132477).
#[test]
fn s55_sync_node_update_with_a_bound_pod() {
    let (mut c, key) = node_with_bound_pod();
    let mut cur = (*c.store.nodes["node1"]).clone();
    cur.spec.taints = vec![taint("key1", "value1", "NoExecute")];
    update_node(&mut c, cur);
    assert_eq!(c.queued_syncs(), vec![key.clone()], "NoExecute");

    let (mut c, key) = node_with_bound_pod();
    let bare = (*c.store.nodes["node1"]).clone();
    let mut cur = bare.clone();
    cur.spec.taints = no_schedule();
    update_node(&mut c, cur);
    assert!(
        c.queued_syncs().is_empty(),
        "NoSchedule, nothing misscheduled yet"
    );
    expect_sync(&mut c, &key, (0, 0, 0));
    assert_eq!(status(&c, &key).number_misscheduled, 1);
    update_node(&mut c, bare);
    assert_eq!(c.queued_syncs(), vec![key.clone()], "taint removed");
    expect_sync(&mut c, &key, (0, 0, 0));
    assert_eq!(status(&c, &key).number_misscheduled, 0);
}

/// deleteNode: the DaemonSet controller has no handler; PodGC's deletes tell it.
#[test]
fn deleted_node_enqueues_nothing() {
    let (mut c, _) = node_with_bound_pod();
    c.store.nodes.remove("node1");
    c.node_deleted();
    assert!(c.queued_syncs().is_empty());
}
