//! §17 C: existing pods, excess pods, deletion of pods that no longer belong (S30–S39).

use crate::harness::*;
use engine::api::*;
use engine::cluster::{Cluster, Key};

fn count_on(v: &[String], node: &str) -> usize {
    v.iter().filter(|n| *n == node).count()
}

/// Pods on `node` that still have the DaemonSet as controller.
fn owned_on(c: &Cluster, key: &Key, node: &str) -> Vec<Pod> {
    ds_pods(c, key)
        .into_iter()
        .filter(|p| p.spec.node_name == node)
        .collect()
}

fn pods_on(c: &Cluster, node: &str) -> Vec<Pod> {
    c.store
        .pods
        .values()
        .filter(|p| target_node(p).as_deref() == Some(node))
        .map(|p| (**p).clone())
        .collect()
}

/// The S30 fixture, also used by S66 (surge).
pub fn s30_fixture(c: &mut Cluster, strategy: DaemonSetUpdateStrategy) -> Key {
    add_nodes(c, 0, 5, Labels::new());
    let key = ds_with(c, |d| d.spec.update_strategy = strategy);
    add_pods(c, "node-1", l1(), &key, 1);
    add_pods(c, "node-2", l1(), &key, 2);
    add_pods(c, "node-3", l1(), &key, 5);
    add_pods(c, "node-4", l2(), &key, 2);
    key
}

/// Checks S30's outcome; shared with S66.
pub fn check_s30(c: &Cluster, key: &Key, s: &Synced, kept_oldest: &[(String, Key)]) {
    assert_eq!(s.created_on, strings(&["node-0", "node-4"]));
    assert_eq!(
        (
            count_on(&s.deleted_on, "node-2"),
            count_on(&s.deleted_on, "node-3")
        ),
        (1, 4)
    );
    // The L2 pods on node-4 were released, not deleted.
    let node4 = pods_on(c, "node-4");
    let released: Vec<&Pod> = node4
        .iter()
        .filter(|p| p.metadata.labels.get("type").map(String::as_str) == Some("test"))
        .collect();
    assert_eq!(released.len(), 2);
    assert!(
        released
            .iter()
            .all(|p| p.metadata.controller_ref().is_none()),
        "released: {released:?}"
    );
    // The oldest pod on each node with excess pods is the one kept.
    for (node, oldest) in kept_oldest {
        let left = owned_on(c, key, node);
        assert_eq!(left.len(), 1, "{node}");
        assert_eq!(
            Key::of(&left[0].metadata),
            *oldest,
            "{node} keeps its oldest pod"
        );
    }
}

/// Adds pods with increasing creation times so that "the oldest" is well defined.
fn add_aged_pods(
    c: &mut Cluster,
    node: &str,
    labels: Labels,
    key: &Key,
    n: usize,
    first_secs: i64,
) -> Vec<Key> {
    (0..n)
        .map(|i| {
            let mut p = new_pod(c, &format!("{node}-"), node, labels.clone(), Some(key));
            p.metadata.creation_timestamp = Some(t(first_secs - i as i64));
            add_pod(c, p)
        })
        .collect()
}

#[test]
fn s30_deals_with_existing_pods() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        let key = s30_fixture(&mut c, strategy);
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), (2, 5, 0), "{name}: {s:?}");
        check_s30(&c, &key, &s, &[]);
    }
}

/// S30 with distinct creation times: the pod kept on each node is the oldest.
#[test]
fn s30_keeps_the_oldest_pod() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 5, Labels::new());
        let key = ds_with(&mut c, |d| d.spec.update_strategy = strategy);
        add_pods(&mut c, "node-1", l1(), &key, 1);
        let n2 = add_aged_pods(&mut c, "node-2", l1(), &key, 2, 100);
        let n3 = add_aged_pods(&mut c, "node-3", l1(), &key, 5, 100);
        add_pods(&mut c, "node-4", l2(), &key, 2);
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), (2, 5, 0), "{name}: {s:?}");
        check_s30(
            &c,
            &key,
            &s,
            &[
                ("node-2".into(), n2[1].clone()),
                ("node-3".into(), n3[4].clone()),
            ],
        );
    }
}

#[test]
fn s31_selector_daemon_deletes_unselected_pods() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 5, Labels::new());
        add_nodes(&mut c, 5, 5, n1());
        let key = ds_with(&mut c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec.node_selector = n1();
        });
        add_pods(&mut c, "node-0", l2(), &key, 2);
        add_pods(&mut c, "node-1", l1(), &key, 3);
        add_pods(&mut c, "node-1", l2(), &key, 1);
        add_pods(&mut c, "node-4", l1(), &key, 1);
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), (5, 4, 0), "{name}: {s:?}");
        assert_eq!(
            s.created_on,
            strings(&["node-5", "node-6", "node-7", "node-8", "node-9"])
        );
        assert_eq!(
            s.deleted_on,
            strings(&["node-1", "node-1", "node-1", "node-4"])
        );
        // The L2 pods (2 on node-0, 1 on node-1) are released, not deleted.
        let l2_pods: Vec<&Pod> = c
            .store
            .pods
            .values()
            .map(|p| &**p)
            .filter(|p| p.metadata.labels.get("type").map(String::as_str) == Some("test"))
            .collect();
        assert_eq!(l2_pods.len(), 3);
        assert!(l2_pods
            .iter()
            .all(|p| p.metadata.controller_ref().is_none()));
    }
}

#[test]
fn s32_selector_daemon_deals_with_existing_pods() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 5, Labels::new());
        add_nodes(&mut c, 5, 5, n1());
        let key = ds_with(&mut c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec.node_selector = n1();
        });
        add_pods(&mut c, "node-0", l1(), &key, 1);
        add_pods(&mut c, "node-1", l1(), &key, 3);
        add_pods(&mut c, "node-1", l2(), &key, 2);
        add_pods(&mut c, "node-2", l1(), &key, 4);
        add_pods(&mut c, "node-6", l1(), &key, 13);
        add_pods(&mut c, "node-7", l2(), &key, 4);
        add_pods(&mut c, "node-9", l1(), &key, 1);
        add_pods(&mut c, "node-9", l2(), &key, 1);
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), (3, 20, 0), "{name}: {s:?}");
        assert_eq!(s.created_on, strings(&["node-5", "node-7", "node-8"]));
        let per_node: Vec<usize> = ["node-0", "node-1", "node-2", "node-6"]
            .iter()
            .map(|n| count_on(&s.deleted_on, n))
            .collect();
        assert_eq!(per_node, vec![1, 3, 4, 12]);
    }
}

#[test]
fn s33_daemon_set_respects_termination() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 1, n1());
        let key = ds_with(&mut c, |d| d.spec.update_strategy = strategy);
        let mut p = new_pod(&c, "matching-daemon-pod-", "node-0", l1(), Some(&key));
        p.metadata.deletion_timestamp = Some(c.now);
        add_pod(&mut c, p);
        let s = sync(&mut c, &key);
        assert_eq!(
            s.counts(),
            (0, 0, 0),
            "{name}: no create while the pod is terminating"
        );
    }
}

#[test]
fn s34_delete_unscheduled_pod_for_not_existing_node() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 1, Labels::new());
        let key = ds_with(&mut c, |d| d.spec.update_strategy = strategy);
        add_pods(&mut c, "node-0", l1(), &key, 1);
        add_pods(&mut c, "node-1", l1(), &key, 1);
        let mut p = new_pod(&c, "pod1-node-3-", "", l1(), Some(&key));
        p.spec.affinity = Some(Affinity {
            node_affinity: Some(NodeAffinity {
                required: Some(NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: vec![],
                        match_fields: vec![NodeSelectorRequirement {
                            key: "metadata.name".into(),
                            operator: "In".into(),
                            values: strings(&["node-2"]),
                        }],
                    }],
                }),
                ..Default::default()
            }),
            ..Default::default()
        });
        let unbound = add_pod(&mut c, p);
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), (0, 1, 0), "{name}: {s:?}");
        assert_eq!(
            s.deleted,
            vec![unbound.name.to_string()],
            "{name}: only the unbound pod"
        );
    }
}

#[test]
fn s35_pod_is_not_deleted_by_daemonset_with_empty_label_selector() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_node(&mut c, new_node("node1", Labels::new()));
        let mut p = Pod::default();
        p.metadata.generate_name = "unrelated-".into();
        p.metadata.namespace = NS.into();
        *p.metadata.labels = labels(&[("bang", "boom")]);
        p.spec.node_name = "node1".into();
        let pod = add_pod(&mut c, p);
        let key = ds_with(&mut c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.selector = Some(LabelSelector::default());
            d.spec.template.spec.node_selector = labels(&[("foo", "bar")]);
        });
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), (0, 0, 1), "{name}: {s:?}");
        let ev = c
            .store
            .events
            .iter()
            .find(|e| e.reason == "SelectingAll")
            .expect("SelectingAll event");
        assert_eq!(ev.type_, "Warning");
        assert_eq!(
            ev.message,
            "This daemon set is selecting all pods. A non-empty selector is required."
        );
        assert!(
            c.store.pods[&pod].metadata.owner_references.is_empty(),
            "the pod is not adopted"
        );
    }
}

#[test]
fn s36_dont_do_anything_if_being_deleted() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 1, n1());
        let key = ds_with(&mut c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec.node_selector = n1();
        });
        let now = c.now;
        c.store
            .daemonsets
            .get_mut(&key)
            .unwrap()
            .metadata
            .deletion_timestamp = Some(now);
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), (0, 0, 0), "{name}");
        assert!(
            c.store.revisions.is_empty(),
            "{name}: no history is written"
        );
    }
}

#[test]
fn s38_no_schedule_tainted_doesnt_evict_running_intolerant_pod() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        let mut n = new_node("tainted", Labels::new());
        n.spec.taints = vec![taint("dedicated", "user1", "NoSchedule")];
        add_node(&mut c, n);
        let mut d = new_ds("intolerant");
        d.spec.update_strategy = strategy;
        let key = store_ds(&mut c, d);
        let p = new_pod(&c, "keep-running-me-", "tainted", l1(), Some(&key));
        add_pod(&mut c, p);
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), (0, 0, 0), "{name}");
    }
}

#[test]
fn s39_no_execute_tainted_does_evict_running_intolerant_pod() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        let mut n = new_node("tainted", Labels::new());
        n.spec.taints = vec![taint("dedicated", "user1", "NoExecute")];
        add_node(&mut c, n);
        let mut d = new_ds("intolerant");
        d.spec.update_strategy = strategy;
        let key = store_ds(&mut c, d);
        let p = new_pod(&c, "stop-running-me-", "tainted", l1(), Some(&key));
        add_pod(&mut c, p);
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), (0, 1, 0), "{name}");
    }
}
