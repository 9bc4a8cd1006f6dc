//! §17 D: failed pods and backoff (S40–S42).

use crate::harness::session::{self as sess, node_yaml};
use crate::harness::*;
use engine::api::*;
use engine::cluster::{Cluster, Key};
use engine::controller::daemonset::Backoff;

#[test]
fn s40_daemon_kill_failed_pods() {
    // (id, failed, normal, expected (c, d, e))
    let table = [
        ("S40a", 0, 1, (0, 0, 0)),
        ("S40b", 0, 0, (1, 0, 0)),
        ("S40c", 1, 0, (0, 1, 1)),
        ("S40d", 1, 3, (0, 3, 1)),
    ];
    for (id, failed, normal, want) in table {
        for (name, strategy) in both_strategies() {
            let mut c = Cluster::new();
            add_nodes(&mut c, 0, 1, Labels::new());
            let key = ds_with(&mut c, |d| d.spec.update_strategy = strategy);
            let failed_keys = add_failed_pods(&mut c, "node-0", l1(), &key, failed);
            add_pods(&mut c, "node-0", l1(), &key, normal);
            let s = sync(&mut c, &key);
            assert_eq!(s.counts(), want, "{id} ({name}): {s:?}");
            for k in &failed_keys {
                assert!(
                    s.deleted.contains(&k.name.to_string()),
                    "{id} ({name}): the failed pod is deleted"
                );
                let msg = format!(
                    "Found failed daemon pod default/{} on node node-0, will try to kill it",
                    k.name
                );
                let ev = c
                    .store
                    .events
                    .iter()
                    .find(|e| e.reason == "FailedDaemonPod")
                    .expect("event");
                assert_eq!(
                    (ev.type_.as_ref(), ev.message.as_str()),
                    ("Warning", msg.as_str()),
                    "{id} ({name})"
                );
            }
        }
    }
}

/// The upstream fake pod control cannot delete fixture pods, so the failed pod is still
/// there on the next sync. Here the pod is really deleted; a new failed pod stands for
/// "it failed again" before each later sync.
#[test]
fn s41_daemon_kill_failed_pods_backoff() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 1, Labels::new());
        let key = ds_with(&mut c, |d| d.spec.update_strategy = strategy);
        // The backoff key holds status.observedGeneration. Upstream's test never writes
        // status back to its informer store, so the key stays the same; here status is
        // written at once, so a first sync of the healthy pod settles observedGeneration
        // before the pod fails (as it would in a cluster).
        let healthy = add_pods(&mut c, "node-0", l1(), &key, 1);
        assert_eq!(sync(&mut c, &key).counts(), (0, 0, 0), "{name}: healthy");
        assert_eq!(status(&c, &key).observed_generation, 1);
        pod_mut(&mut c, &healthy[0]).status.phase = "Failed".into();
        let start = c.now;
        // First sync deletes the pod and starts the backoff (1 s here; 50 ms upstream's test).
        assert_eq!(sync(&mut c, &key).counts(), (0, 1, 1), "{name}: first sync");
        add_failed_pods(&mut c, "node-0", l1(), &key, 1);
        // An immediate second sync is held back by the backoff.
        assert_eq!(
            sync(&mut c, &key).counts(),
            (0, 0, 0),
            "{name}: immediate second sync"
        );
        // Just before the end of the delay: still in backoff.
        c.now = start.plus_ms(999);
        assert_eq!(
            sync(&mut c, &key).counts(),
            (0, 0, 0),
            "{name}: at delay - 1 ms"
        );
        // At the delay: the failed pod is deleted again, and the delay doubles.
        c.now = start.plus_ms(1000);
        assert_eq!(sync(&mut c, &key).counts(), (0, 1, 1), "{name}: at delay");
        add_failed_pods(&mut c, "node-0", l1(), &key, 1);
        c.now = start.plus_ms(1000 + 1999);
        assert_eq!(
            sync(&mut c, &key).counts(),
            (0, 0, 0),
            "{name}: doubled delay - 1 ms"
        );
        c.now = start.plus_ms(1000 + 2000);
        assert_eq!(
            sync(&mut c, &key).counts(),
            (0, 1, 1),
            "{name}: doubled delay"
        );
    }
}

/// The backoff itself (`flowcontrol.Backoff`): the delay is unchanged while waiting, in
/// backoff until exactly `delay`, then doubled by the next `next`.
#[test]
fn s41_backoff_boundaries() {
    let mut b = Backoff::default();
    let t0 = t(0);
    b.next("k", t0);
    let delay = b.get("k");
    assert_eq!(delay, 1000);
    assert!(b.in_backoff_since_update("k", t0));
    assert_eq!(b.get("k"), delay, "waiting does not raise the delay");
    assert!(b.in_backoff_since_update("k", t0.plus_ms(delay - 1)));
    assert!(!b.in_backoff_since_update("k", t0.plus_ms(delay)));
    b.next("k", t0.plus_ms(delay));
    assert_eq!(b.get("k"), 2 * delay);
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

fn three_ready_nodes() -> (engine::session::Session, Key) {
    let mut s = sess::new();
    sess::apply(&mut s, DS_YAML);
    for i in 0..3 {
        sess::apply(&mut s, &node_yaml(&format!("node-{i}"), &[], ""));
    }
    sess::run(&mut s, "sleep 30");
    let key = Key::new(NS, "foo");
    let st = status(&s.cluster, &key);
    assert_eq!((st.desired_number_scheduled, st.number_ready), (3, 3));
    (s, key)
}

fn check_replaced(s: &engine::session::Session, key: &Key, terminal: &Key) {
    let pods = active(&ds_pods(&s.cluster, key));
    let mut nodes: Vec<String> = pods.iter().map(|p| p.spec.node_name.clone()).collect();
    nodes.sort();
    assert_eq!(
        nodes,
        strings(&["node-0", "node-1", "node-2"]),
        "3 active pods, one per node"
    );
    assert!(pods.iter().all(|p| p.is_ready()));
    assert!(pods.iter().all(|p| Key::of(&p.metadata) != *terminal));
    let st = status(&s.cluster, key);
    assert_eq!(
        (
            st.desired_number_scheduled,
            st.number_ready,
            st.number_available
        ),
        (3, 3, 3)
    );
}

/// Integration test: a pod whose phase turns Succeeded or Failed is replaced.
#[test]
fn s42_restarts_pods_on_terminal_phase() {
    for phase in ["Succeeded", "Failed"] {
        let (mut s, key) = three_ready_nodes();
        let victim = ds_pods(&s.cluster, &key)
            .into_iter()
            .find(|p| p.spec.node_name == "node-0")
            .unwrap();
        let vk = Key::of(&victim.metadata);
        // The kubelet reports the terminal phase.
        let old = s.cluster.store.pods[&vk].clone();
        let rv = s.cluster.new_resource_version();
        let p = s.cluster.store.pods.get_mut(&vk).unwrap();
        p.status.phase = phase.into();
        p.metadata.resource_version = rv;
        s.cluster.pod_updated_at(&old, &vk);
        sess::run(&mut s, "sleep 30");
        check_replaced(&s, &key, &vk);
        let reason = if phase == "Failed" {
            "FailedDaemonPod"
        } else {
            "SucceededDaemonPod"
        };
        assert!(
            s.cluster.store.events.iter().any(|e| e.reason == reason),
            "{phase}: {reason} event"
        );
    }
}

/// Integration test, finalizer variant: the terminal pod is held by a finalizer after its
/// deletion (deletionTimestamp set, object still there). Since v1.28 such a pod is ignored,
/// so it does not block the replacement.
#[test]
fn s42_terminal_pod_held_by_finalizer_does_not_block() {
    let (mut s, key) = three_ready_nodes();
    let victim = ds_pods(&s.cluster, &key)
        .into_iter()
        .find(|p| p.spec.node_name == "node-0")
        .unwrap();
    let vk = Key::of(&victim.metadata);
    let now = s.cluster.now;
    let old = s.cluster.store.pods[&vk].clone();
    let rv = s.cluster.new_resource_version();
    let p = s.cluster.store.pods.get_mut(&vk).unwrap();
    p.status.phase = "Succeeded".into();
    p.metadata.finalizers = vec!["example.com/hold".into()];
    p.metadata.deletion_timestamp = Some(now);
    p.metadata.resource_version = rv;
    s.cluster.pod_updated_at(&old, &vk);
    sess::run(&mut s, "sleep 30");
    assert!(
        s.cluster.store.pods.contains_key(&vk),
        "the finalizer holds the terminal pod"
    );
    check_replaced(&s, &key, &vk);
}
