//! §17 I: rollout arithmetic (`TestGetUnavailableNumbers` → `updatedDesiredNodeCounts`),
//! S83a–h. `updated_desired_node_counts` is private to the engine's controller, so each
//! case is checked through what one rollout step does with the numbers: the deletes of the
//! maxUnavailable path, the creates of the surge path, the absence of a rollout error, and
//! `desiredNumberScheduled`.

use crate::harness::*;
use engine::api::*;
use engine::cluster::{Cluster, Key};

/// `n` nodes, each with an available pod of the first template, then a template change
/// with `strategy` written as is (no defaults, no validation).
fn old_pods_then(n: usize, strategy: DaemonSetUpdateStrategy) -> (Cluster, Key) {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, n, Labels::new());
    let key = ds_with(&mut c, |_| {});
    for i in 0..n {
        let mut p = new_pod(
            &c,
            &format!("node-{i}-"),
            &format!("node-{i}"),
            l1(),
            Some(&key),
        );
        p.status.conditions = vec![ready_condition("True", None)];
        add_pod(&mut c, p);
    }
    update_ds(&mut c, &key, |d| {
        d.spec.template.spec.containers[0].image = "foo2/bar2".into()
    });
    c.store
        .daemonsets
        .get_mut(&key)
        .unwrap()
        .spec
        .update_strategy = strategy;
    (c, key)
}

fn strategy(
    max_unavailable: Option<IntOrString>,
    max_surge: Option<IntOrString>,
) -> DaemonSetUpdateStrategy {
    DaemonSetUpdateStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: Some(RollingUpdateDaemonSet {
            max_unavailable,
            max_surge,
        }),
    }
}

fn rollout_errors(c: &Cluster) -> usize {
    c.store
        .events
        .iter()
        .filter(|e| e.reason == "FailedRollingUpdate")
        .count()
}

#[track_caller]
fn check(c: &mut Cluster, key: &Key, id: &str, want_cd: (usize, usize), desired: i32) -> Synced {
    let s = sync(c, key);
    assert_eq!(s.cd(), want_cd, "{id}: {s:?}");
    assert_eq!(rollout_errors(c), 0, "{id}: the rollout step did not fail");
    assert_eq!(
        status(c, key).desired_number_scheduled,
        desired,
        "{id}: desired"
    );
    s
}

/// (0, 0, 0, 0): no nodes, and no forcing of maxUnavailable to 1 when desired is 0.
#[test]
fn s83a_no_nodes() {
    let mut c = Cluster::new();
    let key = ds_with(&mut c, |_| {});
    c.store
        .daemonsets
        .get_mut(&key)
        .unwrap()
        .spec
        .update_strategy = strategy(Some(int(0)), None);
    check(&mut c, &key, "S83a", (0, 0), 0);
}

/// (0, 1, 2, 0): one old available pod is replaced per step.
#[test]
fn s83b_two_nodes_with_ready_pods() {
    let (mut c, key) = old_pods_then(2, strategy(Some(int(1)), Some(int(0))));
    check(&mut c, &key, "S83b", (0, 1), 2);
}

/// (0, 1, 2, 1) with maxSurge nil (S83c) or 0 (S83d): maxUnavailable 0 is forced to 1.
/// The node without pods gets a pod from `manage` (it counts as unavailable until ready);
/// once it is available the forced budget of 1 replaces the old pod, which a budget of 0
/// never would.
#[test]
fn s83cd_max_unavailable_zero_is_forced_to_one() {
    for (id, max_surge) in [("S83c", None), ("S83d", Some(int(0)))] {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 2, Labels::new());
        let key = ds_with(&mut c, |_| {});
        let mut p = new_pod(&c, "node-0-", "node-0", l1(), Some(&key));
        p.status.conditions = vec![ready_condition("True", None)];
        add_pod(&mut c, p);
        update_ds(&mut c, &key, |d| {
            d.spec.template.spec.containers[0].image = "foo2/bar2".into()
        });
        c.store
            .daemonsets
            .get_mut(&key)
            .unwrap()
            .spec
            .update_strategy = strategy(Some(int(0)), max_surge);
        let s = check(&mut c, &key, id, (1, 0), 2);
        assert_eq!(s.created_on, strings(&["node-1"]), "{id}");
        mark_all_ready(&mut c);
        let s = check(&mut c, &key, id, (0, 1), 2);
        assert_eq!(s.deleted_on, strings(&["node-0"]), "{id}");
        check(&mut c, &key, id, (1, 0), 2);
    }
}

/// (0, 1, 2, 0): "50%" of 2 nodes.
#[test]
fn s83e_max_unavailable_percent() {
    let (mut c, key) = old_pods_then(2, strategy(Some(pct("50%")), Some(int(0))));
    check(&mut c, &key, "S83e", (0, 1), 2);
}

/// (1, 0, 2, 0): maxSurge "50%" of 2 nodes.
#[test]
fn s83f_max_surge_percent() {
    let (mut c, key) = old_pods_then(2, strategy(Some(int(0)), Some(pct("50%"))));
    check(&mut c, &key, "S83f", (1, 0), 2);
}

/// (2, 0, 2, 0): maxSurge "100%" of 2 nodes.
#[test]
fn s83g_max_surge_hundred_percent() {
    let (mut c, key) = old_pods_then(2, strategy(Some(int(0)), Some(pct("100%"))));
    check(&mut c, &key, "S83g", (2, 0), 2);
}

/// (0, 2, 3, 1): "50%" of 3 is ceil(1.5) = 2; a node whose only pod is terminating and a
/// node without pods both count as unavailable.
#[test]
fn s83h_percent_rounds_up_and_terminating_counts_unavailable() {
    let ru = || strategy(Some(pct("50%")), Some(int(0)));
    // Rounding: three available old pods, two replaced in one step.
    let (mut c, key) = old_pods_then(3, ru());
    check(&mut c, &key, "S83h rounding", (0, 2), 3);

    // A terminating pod on node-1: one unit of the budget is used up.
    let (mut c, key) = old_pods_then(3, ru());
    let k1 = c
        .store
        .pods
        .iter()
        .find(|(_, p)| p.spec.node_name == "node-1")
        .map(|(k, _)| k.clone())
        .unwrap();
    let now = c.now;
    pod_mut(&mut c, &k1).metadata.deletion_timestamp = Some(now);
    check(&mut c, &key, "S83h terminating", (0, 1), 3);

    // The upstream setup: node-0 ready, node-1 terminating, node-2 without a pod. node-2
    // gets a pod (unavailable), so with node-1 the budget of 2 is used up.
    let (mut c, key) = old_pods_then(3, ru());
    let on = |c: &Cluster, n: &str| {
        c.store
            .pods
            .iter()
            .find(|(_, p)| p.spec.node_name == n)
            .map(|(k, _)| k.clone())
            .unwrap()
    };
    let k1 = on(&c, "node-1");
    let k2 = on(&c, "node-2");
    let now = c.now;
    pod_mut(&mut c, &k1).metadata.deletion_timestamp = Some(now);
    engine::controller::pods::remove_pod(&mut c, &k2);
    let s = check(&mut c, &key, "S83h upstream setup", (1, 0), 3);
    assert_eq!(s.created_on, strings(&["node-2"]));
}
