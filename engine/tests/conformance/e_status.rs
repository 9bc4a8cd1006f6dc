//! §17 E: status (S43–S45, S51).

use crate::harness::session::{self as sess, node_yaml};
use crate::harness::*;
use engine::api::*;
use engine::cluster::{Cluster, Key};

#[test]
fn s43_simple_daemon_set_updates_status_after_launching_pods() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 5, Labels::new());
        let key = ds_with(&mut c, |d| d.spec.update_strategy = strategy);
        assert_eq!(sync(&mut c, &key).counts(), (5, 0, 0), "{name}");
        let st = status(&c, &key);
        assert_eq!(
            (st.desired_number_scheduled, st.current_number_scheduled),
            (5, 5),
            "{name}: {st:?}"
        );
        assert_eq!(
            (
                st.updated_number_scheduled,
                st.number_ready,
                st.number_available,
                st.number_unavailable
            ),
            (5, 0, 0, 5),
            "{name}"
        );
    }
}

#[test]
fn s44_number_ready_status() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 2, n1());
        let key = ds_with(&mut c, |d| d.spec.update_strategy = strategy);
        add_pods(&mut c, "node-0", l1(), &key, 1);
        add_pods(&mut c, "node-1", l1(), &key, 1);
        assert_eq!(sync(&mut c, &key).counts(), (0, 0, 0), "{name}");
        assert_eq!(status(&c, &key).number_ready, 0, "{name}");
        mark_all_ready(&mut c);
        assert_eq!(sync(&mut c, &key).counts(), (0, 0, 0), "{name}");
        assert_eq!(status(&c, &key).number_ready, 2, "{name}");
    }
}

#[test]
fn s45_observed_generation() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 1, n1());
        let key = ds_with(&mut c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec.node_selector = n1();
        });
        add_pods(&mut c, "node-0", l1(), &key, 1);
        assert_eq!(ds(&c, &key).metadata.generation, 1);
        assert_eq!(sync(&mut c, &key).counts(), (0, 0, 0), "{name}");
        assert_eq!(status(&c, &key).observed_generation, 1, "{name}");
    }
}

const DS_YAML: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: foo
spec:
  selector:
    matchLabels:
      name: simple-daemon
      type: production
  template:
    metadata:
      labels:
        name: simple-daemon
        type: production
    spec:
      containers:
      - name: foo
        image: foo/bar
";

/// Derived: a NotReady node with the lifecycle controller's `not-ready` NoSchedule and
/// NoExecute taints keeps its running daemon pod (the default tolerations cover only
/// NoExecute), but leaves `desired`; the pod counts as misscheduled. Once by hand (the
/// condition, then `kubectl taint`), once through the simulated node lifecycle controller.
#[test]
fn s51_not_ready_node_keeps_pod_but_leaves_desired() {
    for how in ["by hand", "sim node not-ready"] {
        let mut s = sess::new();
        sess::apply(&mut s, DS_YAML);
        sess::apply(&mut s, &node_yaml("node-0", &[], ""));
        sess::run(&mut s, "sleep 30");
        let key = Key::new(NS, "foo");
        let pods = ds_pods(&s.cluster, &key);
        assert_eq!(pods.len(), 1, "{how}");
        assert!(pods[0].is_ready(), "{how}");
        let pod = Key::of(&pods[0].metadata);

        if how == "by hand" {
            let old = s.cluster.store.nodes["node-0"].clone();
            let n = node_mut(&mut s.cluster, "node-0");
            for cond in n
                .status
                .conditions
                .iter_mut()
                .filter(|c| c.type_ == "Ready")
            {
                cond.status = "False".into();
            }
            let cur = s.cluster.store.nodes["node-0"].clone();
            s.cluster.node_updated(&old, &cur);
            sess::run(
                &mut s,
                "kubectl taint nodes node-0 node.kubernetes.io/not-ready:NoSchedule node.kubernetes.io/not-ready:NoExecute",
            );
            // The node lifecycle controller's `MarkPodsNotReady`. Its pod update is what
            // makes the DaemonSet controller look again: the condition does not
            // (`shouldIgnoreNodeUpdate`), nor do these taints while the pod may stay and
            // nothing is misscheduled yet (`syncNodeUpdate`).
            let old_pod = s.cluster.store.pods[&pod].clone();
            let rv = s.cluster.new_resource_version();
            let p = s.cluster.store.pods.get_mut(&pod).unwrap();
            for cond in p
                .status
                .conditions
                .iter_mut()
                .filter(|c| c.type_ == "Ready")
            {
                cond.status = "False".into();
            }
            p.metadata.resource_version = rv;
            s.cluster.pod_updated_at(&old_pod, &pod);
        } else {
            sess::run(&mut s, "sim node not-ready node-0");
        }
        let mut taints: Vec<String> = s.cluster.store.nodes["node-0"]
            .spec
            .taints
            .iter()
            .map(|t| t.to_string_k8s())
            .collect();
        taints.sort();
        assert_eq!(
            taints,
            strings(&[
                "node.kubernetes.io/not-ready:NoExecute",
                "node.kubernetes.io/not-ready:NoSchedule"
            ]),
            "{how}"
        );
        sess::run(&mut s, "sleep 600");

        let p = &s.cluster.store.pods[&pod];
        assert!(
            p.metadata.deletion_timestamp.is_none(),
            "{how}: the pod is not deleted"
        );
        assert_eq!(ds_pods(&s.cluster, &key).len(), 1, "{how}: no other pod");
        let st = status(&s.cluster, &key);
        assert_eq!(
            (
                st.desired_number_scheduled,
                st.current_number_scheduled,
                st.number_misscheduled
            ),
            (0, 0, 1),
            "{how}: {st:?}"
        );
    }
}

const PRIORITY_DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: foo
spec:
  selector:
    matchLabels:
      name: simple-daemon
      type: production
  template:
    metadata:
      labels:
        name: simple-daemon
        type: production
    spec:
      priorityClassName: high
      containers:
      - name: foo
        image: foo/bar
";

const PRIORITY_CLASS: &str = "apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
";

/// Derived from S46/S50: pod creation refused by admission (here the Priority plugin: the
/// PriorityClass does not exist yet). Slow start stops after the failed first batch (one
/// create call, one FailedCreate event); status is still written; and the failed sync is
/// requeued with the workqueue's rate limiter, so the pods appear once the class exists,
/// with no other event to wake the DaemonSet.
#[test]
fn s46_derived_create_errors_stop_slow_start_and_requeue() {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 5, Labels::new());
    let key = ds_with(&mut c, |d| {
        d.spec.template.spec.priority_class_name = "high".into()
    });
    assert_eq!(sync(&mut c, &key).counts(), (0, 0, 0));
    let failed: Vec<_> = c
        .store
        .events
        .iter()
        .filter(|e| e.reason == "FailedCreate")
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!((failed[0].count, failed[0].type_.as_ref()), (1, "Warning"));
    assert_eq!(
        failed[0].message,
        "Error creating: pods \"foo-\" is forbidden: no PriorityClass with name high was found"
    );
    let st = status(&c, &key);
    assert_eq!(
        (
            st.desired_number_scheduled,
            st.current_number_scheduled,
            st.observed_generation
        ),
        (5, 0, 1)
    );

    let mut s = sess::new();
    sess::apply(&mut s, &node_yaml("node-0", &[], ""));
    sess::apply(&mut s, PRIORITY_DS);
    sess::run(&mut s, "sleep 30");
    let key = Key::new(NS, "foo");
    assert!(ds_pods(&s.cluster, &key).is_empty());
    sess::apply(&mut s, PRIORITY_CLASS);
    sess::run(&mut s, "sleep 1h");
    let pods = ds_pods(&s.cluster, &key);
    assert_eq!(pods.len(), 1, "the requeued sync creates the pod");
    assert_eq!(pods[0].spec.priority, Some(1000));
    assert_eq!(status(&s.cluster, &key).number_ready, 1);
}
