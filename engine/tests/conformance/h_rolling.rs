//! §17 H: rolling update, one sync at a time (S72–S81). Upstream clears expectations
//! before each sync; the engine has none to clear (its writes are observed at once).

use crate::harness::*;
use engine::api::*;
use engine::cluster::{Cluster, Key};
use std::collections::BTreeSet;

/// One step of a sequence.
enum Step {
    /// One sync with the expected `(creates, deletes)`.
    Sync(usize, usize),
    /// `markPodsReady`.
    MarkReady,
}
use Step::*;

#[track_caller]
fn run(c: &mut Cluster, key: &Key, id: &str, steps: &[Step]) {
    for (i, step) in steps.iter().enumerate() {
        match step {
            Sync(cr, d) => {
                let s = sync(c, key);
                assert_eq!(s.cd(), (*cr, *d), "{id}: step {i}: {s:?}");
                assert_eq!(s.events, 0, "{id}: step {i}");
            }
            MarkReady => mark_all_ready(c),
        }
    }
}

/// `n` nodes and the OnDelete fixture DaemonSet, synced once: one pod per node.
fn launched(n: usize, ready: bool) -> (Cluster, Key) {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, n, Labels::new());
    let key = ds_with(&mut c, |_| {});
    expect_cd(&mut c, &key, (n, 0));
    if ready {
        mark_all_ready(&mut c);
    }
    (c, key)
}

fn set_image(d: &mut DaemonSet, image: &str) {
    d.spec.template.spec.containers[0].image = image.into();
}

fn ready_pods(c: &Cluster) -> BTreeSet<String> {
    c.store
        .pods
        .values()
        .filter(|p| p.is_ready())
        .map(|p| p.metadata.name.clone())
        .collect()
}

#[test]
fn s72_daemon_set_updates_pods() {
    let (mut c, key) = launched(5, true);
    update_ds(&mut c, &key, |d| {
        set_image(d, "foo2/bar2");
        d.spec.update_strategy = rolling(int(2));
    });
    run(
        &mut c,
        &key,
        "S72",
        &[
            Sync(0, 2),
            Sync(2, 0),
            MarkReady,
            Sync(0, 2),
            Sync(2, 0),
            MarkReady,
            Sync(0, 1),
            Sync(1, 0),
            MarkReady,
            Sync(0, 0),
        ],
    );
    let st = status(&c, &key);
    assert_eq!((st.updated_number_scheduled, st.number_available), (5, 5));
}

#[test]
fn s73_daemon_set_updates_pods_with_max_surge() {
    let (mut c, key) = launched(5, true);
    update_ds(&mut c, &key, |d| {
        set_image(d, "foo2/bar2");
        d.spec.update_strategy = surge(int(2));
    });
    run(
        &mut c,
        &key,
        "S73",
        &[
            Sync(2, 0),
            Sync(0, 0),
            MarkReady,
            Sync(2, 2),
            Sync(0, 0),
            MarkReady,
            Sync(1, 2),
            Sync(0, 0),
            MarkReady,
            Sync(0, 1),
            Sync(0, 0),
        ],
    );
}

#[test]
fn s74_daemon_set_updates_pods_not_match_taints_with_max_surge() {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 5, Labels::new());
    node_mut(&mut c, "node-0").spec.taints = vec![taint(
        "node-role.kubernetes.io/control-plane",
        "",
        "NoSchedule",
    )];
    let key = ds_with(&mut c, |d| {
        d.spec.update_strategy = surge(int(1));
        *d.spec.template.spec.tolerations = vec![toleration(
            "node-role.kubernetes.io/control-plane",
            "Exists",
            "",
            "",
        )];
    });
    expect_cd(&mut c, &key, (5, 0));
    mark_all_ready(&mut c);
    let node0_pod = ds_pods(&c, &key)
        .into_iter()
        .find(|p| target_node(p).as_deref() == Some("node-0"))
        .unwrap();
    // The rollout removes the toleration: node-0 is no longer eligible for a new pod.
    update_ds(&mut c, &key, |d| *d.spec.template.spec.tolerations = vec![]);
    // The first delete is node-0's old pod: numAvailable 5 > desired 4.
    let s = expect_cd(&mut c, &key, (1, 1));
    assert_eq!(s.deleted, vec![node0_pod.metadata.name.clone()]);
    assert_ne!(s.created_on, strings(&["node-0"]));
    run(
        &mut c,
        &key,
        "S74",
        &[
            Sync(0, 0),
            MarkReady,
            Sync(1, 1),
            Sync(0, 0),
            MarkReady,
            Sync(1, 1),
            Sync(0, 0),
            MarkReady,
            Sync(1, 1),
            Sync(0, 0),
            MarkReady,
            Sync(0, 1),
            Sync(0, 0),
        ],
    );
    let st = status(&c, &key);
    assert_eq!(
        (
            st.desired_number_scheduled,
            st.updated_number_scheduled,
            st.number_misscheduled
        ),
        (4, 4, 0)
    );
}

#[test]
fn s75_daemon_set_updates_when_new_pod_is_not_ready() {
    let (mut c, key) = launched(5, true);
    update_ds(&mut c, &key, |d| {
        set_image(d, "foo2/bar2");
        d.spec.update_strategy = rolling(int(3));
    });
    run(&mut c, &key, "S75", &[Sync(0, 3), Sync(3, 0), Sync(0, 0)]);
}

#[test]
fn s76_daemon_set_updates_some_old_pods_not_ready() {
    let (mut c, key) = launched(5, true);
    update_ds(&mut c, &key, |d| {
        set_image(d, "foo2/bar2");
        d.spec.update_strategy = rolling(int(2));
    });
    run(
        &mut c,
        &key,
        "S76 first update",
        &[Sync(0, 2), Sync(2, 0), Sync(0, 0)],
    );
    update_ds(&mut c, &key, |d| set_image(d, "foo2/bar3"));
    run(
        &mut c,
        &key,
        "S76 second update",
        &[Sync(0, 2), Sync(2, 0), Sync(0, 0)],
    );
    assert_eq!(ready_pods(&c).len(), 3, "three ready pods remain untouched");
}

#[test]
fn s77_daemon_set_updates_save_old_healthy_pods() {
    let (mut c, key) = launched(20, true);
    update_ds(&mut c, &key, |d| {
        set_image(d, "foo2/bar2");
        d.spec.update_strategy = rolling(int(10));
    });
    run(
        &mut c,
        &key,
        "S77 first update",
        &[Sync(0, 10), Sync(10, 0), Sync(0, 0)],
    );
    let old_ready = ready_pods(&c);
    assert_eq!(old_ready.len(), 10);
    // Upstream draws maxUnavailable at random from 0..9; here every value, in a fixed order.
    for (i, max_unavailable) in [3, 0, 7, 9, 1, 5, 8, 2, 6, 4].into_iter().enumerate() {
        update_ds(&mut c, &key, |d| {
            d.spec.update_strategy = rolling(int(max_unavailable));
            set_image(d, &format!("foo2/bar3-{i}"));
        });
        let id = format!("S77 iteration {i}, maxUnavailable {max_unavailable}");
        run(&mut c, &key, &id, &[Sync(0, 10), Sync(10, 0), Sync(0, 0)]);
        assert_eq!(
            ready_pods(&c),
            old_ready,
            "{id}: the ready pods are never touched"
        );
    }
    update_ds(&mut c, &key, |d| {
        d.spec.update_strategy = rolling(int(11));
        set_image(d, "foo2/bar4");
    });
    run(
        &mut c,
        &key,
        "S77 maxUnavailable 11",
        &[Sync(0, 11), Sync(11, 0), Sync(0, 0)],
    );
    assert_eq!(ready_pods(&c).len(), 9);
}

#[test]
fn s78_daemon_set_updates_all_old_not_ready_pods_and_new_not_ready_pods() {
    let (mut c, key) = launched(100, true);
    let hash1 = current_hash(&c, &key);
    let gen1 = ds(&c, &key).template_generation().unwrap();
    update_ds(&mut c, &key, |d| {
        set_image(d, "foo2/bar2");
        d.spec.update_strategy = rolling(int(10));
    });
    for round in 0..10 {
        run(
            &mut c,
            &key,
            &format!("S78 round {round}"),
            &[Sync(0, 10), Sync(10, 0), MarkReady],
        );
    }
    run(&mut c, &key, "S78 rolled out", &[Sync(0, 0)]);
    let hash2 = current_hash(&c, &key);
    assert_ne!(hash1, hash2);
    // 10 available old pods, 2 unavailable old pods, 88 unavailable new pods. An old pod
    // carries the old hash and the old template generation.
    let keys: Vec<Key> = c.store.pods.keys().cloned().collect();
    assert_eq!(keys.len(), 100);
    for (i, k) in keys.iter().enumerate() {
        let p = pod_mut(&mut c, k);
        assert_eq!(p.metadata.labels.get(REVISION_HASH_LABEL), Some(&hash2));
        if i < 12 {
            p.metadata
                .labels
                .insert(REVISION_HASH_LABEL.into(), hash1.clone());
            p.metadata
                .labels
                .insert(TEMPLATE_GENERATION_LABEL.into(), gen1.to_string());
        }
        if i >= 10 {
            p.status.conditions.retain(|x| x.type_ != "Ready");
            p.status.conditions.push(ready_condition("False", None));
        }
    }
    let s = expect_cd(&mut c, &key, (0, 2));
    let want: Vec<String> = keys[10..12].iter().map(|k| k.name.to_string()).collect();
    assert_eq!(
        s.deleted, want,
        "the two unavailable old pods are replaced despite the exhausted budget"
    );
    run(&mut c, &key, "S78", &[Sync(2, 0), Sync(0, 0)]);
}

#[test]
fn s79_daemon_set_updates_all_old_pods_not_ready() {
    let (mut c, key) = launched(5, false);
    update_ds(&mut c, &key, |d| {
        set_image(d, "foo2/bar2");
        d.spec.update_strategy = rolling(int(3));
    });
    run(&mut c, &key, "S79", &[Sync(0, 5), Sync(5, 0), Sync(0, 0)]);
}

#[test]
fn s80_daemon_set_updates_all_old_pods_not_ready_max_surge() {
    let (mut c, key) = launched(5, false);
    update_ds(&mut c, &key, |d| {
        d.spec.update_strategy = surge(int(3));
        set_image(d, "foo2/bar2");
    });
    // All old pods are unavailable, so every node gets a new pod.
    set_clock(&mut c, 100);
    expect_cd(&mut c, &key, (5, 0));
    // Waiting for the new pods to become ready: manage deletes the unready old pods.
    set_clock(&mut c, 200);
    expect_cd(&mut c, &key, (0, 5));

    set_readiness(&mut c, true, 5, |_, _| true);
    update_ds(&mut c, &key, |d| {
        d.spec.min_ready_seconds = 15;
        set_image(d, "foo2/bar3");
    });
    set_clock(&mut c, 300);
    expect_cd(&mut c, &key, (3, 0));

    let hash = current_hash(&c, &key);
    let is_new = |p: &Pod| p.metadata.labels.get(REVISION_HASH_LABEL) == Some(&hash);
    let nodes_with_new: BTreeSet<String> = c
        .store
        .pods
        .values()
        .filter(|p| is_new(p))
        .filter_map(|p| target_node(p))
        .collect();
    // Two updated pods become ready at 300.
    set_readiness(&mut c, true, 2, |_, p| is_new(p));
    // One old pod on a node without an updated pod becomes unready.
    set_readiness(&mut c, false, 1, |_, p| {
        !is_new(p) && !nodes_with_new.contains(&target_node(p).unwrap())
    });

    // The new pods are not yet available (300 + 15 > 310): only the node whose old pod
    // became unready gets a new pod.
    set_clock(&mut c, 310);
    expect_cd(&mut c, &key, (1, 0));
    // Now two new pods are available: their old pods go, as does the unready old pod; one
    // more surge pod fits the budget.
    set_clock(&mut c, 320);
    expect_cd(&mut c, &key, (1, 3));
    set_readiness(&mut c, true, 3, |_, p| is_new(p));
    set_clock(&mut c, 340);
    expect_cd(&mut c, &key, (0, 2));
    set_clock(&mut c, 350);
    expect_cd(&mut c, &key, (0, 0));
}

#[test]
fn s81_daemon_set_updates_no_template_changed() {
    let (mut c, key) = launched(5, false);
    let generation = ds(&c, &key).metadata.generation;
    update_ds(&mut c, &key, |d| d.spec.update_strategy = rolling(int(3)));
    assert_eq!(ds(&c, &key).metadata.generation, generation + 1);
    assert_eq!(ds(&c, &key).template_generation(), Some(1));
    run(&mut c, &key, "S81", &[Sync(0, 0)]);
}
