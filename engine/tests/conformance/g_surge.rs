//! §17 G: surge-mode `manage` (maxUnavailable 0, maxSurge 1, 5 nodes) (S66–S71).

use crate::c_existing::{check_s30, s30_fixture};
use crate::harness::*;
use engine::api::*;
use engine::cluster::{Cluster, Key};

#[test]
fn s66_surge_deals_with_existing_pods() {
    let mut c = Cluster::new();
    let key = s30_fixture(&mut c, surge(int(1)));
    let s = expect_sync(&mut c, &key, (2, 5, 0));
    check_s30(&c, &key, &s, &[]);
}

/// A fixture pod on `node` created at `secs`, old (no hash label) or current, with a
/// Ready condition if `ready` is given.
fn pod_at(
    c: &mut Cluster,
    key: &Key,
    prefix: &str,
    node: &str,
    secs: i64,
    old: bool,
    ready: Option<(bool, Option<i64>)>,
) -> Key {
    let mut p = new_pod(c, prefix, node, l1(), Some(key));
    if old {
        make_old(&mut p);
    }
    p.metadata.creation_timestamp = Some(t(secs));
    if let Some((r, since)) = ready {
        p.status.conditions = vec![ready_condition(
            if r { "True" } else { "False" },
            since.map(t),
        )];
    }
    add_pod(c, p)
}

fn five_nodes_surge(min_ready: i32) -> (Cluster, Key) {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 5, Labels::new());
    let key = ds_with(&mut c, |d| {
        d.spec.update_strategy = surge(int(1));
        d.spec.min_ready_seconds = min_ready;
    });
    (c, key)
}

#[test]
fn s67_surge_preserves_ready_old_pods() {
    let (mut c, key) = five_nodes_surge(0);
    // Kept: the current hash.
    pod_at(&mut c, &key, "node-1-", "node-1", 100, false, None);
    // Kept: the oldest old pod, Ready.
    pod_at(
        &mut c,
        &key,
        "node-1-old-",
        "node-1",
        50,
        true,
        Some((true, None)),
    );
    // Deleted: not the oldest, although Ready.
    let old_ready = pod_at(
        &mut c,
        &key,
        "node-1-delete-",
        "node-1",
        60,
        true,
        Some((true, None)),
    );
    add_pods(&mut c, "node-2", l1(), &key, 1);
    let s = expect_sync(&mut c, &key, (3, 1, 0));
    assert_eq!(s.created_on, strings(&["node-0", "node-3", "node-4"]));
    assert_eq!(s.deleted, vec![old_ready.name.to_string()]);
}

#[test]
fn s68_surge_creates_new_pod_when_at_max_surge_and_old_pod_deleted() {
    let (mut c, key) = five_nodes_surge(0);
    // Kept: the newest hash, using up the surge budget.
    pod_at(
        &mut c,
        &key,
        "node-0-",
        "node-0",
        100,
        false,
        Some((false, None)),
    );
    // Kept: Ready.
    pod_at(
        &mut c,
        &key,
        "node-0-old-ready-",
        "node-0",
        50,
        true,
        Some((true, None)),
    );
    for i in 1..5 {
        let node = format!("node-{i}");
        let mut p = new_pod(&c, &format!("node-{i}-preserve-"), &node, l1(), Some(&key));
        make_old(&mut p);
        p.metadata.creation_timestamp = Some(t(1));
        p.status.conditions = vec![ready_condition("True", None)];
        if i == 4 {
            // The last old pod is terminating: a new pod is due regardless of surge.
            p.metadata.deletion_grace_period_seconds = Some(30);
            p.metadata.deletion_timestamp = Some(t(31));
        }
        add_pod(&mut c, p);
    }
    let s = expect_sync(&mut c, &key, (1, 0, 0));
    assert_eq!(s.created_on, strings(&["node-4"]));
}

#[test]
fn s69_surge_deletes_unready_old_pods() {
    let (mut c, key) = five_nodes_surge(0);
    pod_at(&mut c, &key, "node-1-", "node-1", 100, false, None);
    let old_unready = pod_at(
        &mut c,
        &key,
        "node-1-old-unready-",
        "node-1",
        50,
        true,
        Some((false, None)),
    );
    let old_ready = pod_at(
        &mut c,
        &key,
        "node-1-delete-",
        "node-1",
        60,
        true,
        Some((true, None)),
    );
    add_pods(&mut c, "node-2", l1(), &key, 1);
    let s = expect_sync(&mut c, &key, (3, 2, 0));
    let mut want = vec![old_unready.name.to_string(), old_ready.name.to_string()];
    want.sort();
    assert_eq!(s.deleted, want);
}

fn min_ready_fixture(clock: i64) -> (Cluster, Key, Key, Key) {
    let (mut c, key) = five_nodes_surge(15);
    set_clock(&mut c, clock);
    // The newest hash, Ready since 50.
    pod_at(
        &mut c,
        &key,
        "node-1-",
        "node-1",
        100,
        false,
        Some((true, Some(50))),
    );
    let old_ready = pod_at(
        &mut c,
        &key,
        "node-1-old-ready-",
        "node-1",
        50,
        true,
        Some((true, None)),
    );
    let old_excess = pod_at(
        &mut c,
        &key,
        "node-1-delete-",
        "node-1",
        60,
        true,
        Some((true, None)),
    );
    add_pods(&mut c, "node-2", l1(), &key, 1);
    (c, key, old_ready, old_excess)
}

#[test]
fn s70_surge_preserves_old_ready_with_unsatisfied_min_ready() {
    // 50 + 15 > 60: the new pod is not available yet, so the oldest old pod stays.
    let (mut c, key, _old_ready, old_excess) = min_ready_fixture(60);
    let s = expect_sync(&mut c, &key, (3, 1, 0));
    assert_eq!(s.deleted, vec![old_excess.name.to_string()]);
}

#[test]
fn s71_surge_deletes_old_ready_with_satisfied_min_ready() {
    // 50 + 15 <= 70: the new pod is available, so the oldest old pod goes too.
    let (mut c, key, old_ready, old_excess) = min_ready_fixture(70);
    let s = expect_sync(&mut c, &key, (3, 2, 0));
    let mut want = vec![old_ready.name.to_string(), old_excess.name.to_string()];
    want.sort();
    assert_eq!(s.deleted, want);
}
