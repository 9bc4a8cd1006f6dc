//! §17 M: behaviour across components (scheduler, kubelet, garbage collector, taint
//! manager), run through kubectl commands on a simulated clock.

use engine::session::{NoFiles, Session};

mod common;
use common::run;

fn session_with_nodes(n: usize) -> Session {
    let mut s = Session::new(Box::new(NoFiles));
    let mut y = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..n {
        y.push_str(&format!("- {{apiVersion: v1, kind: Node, metadata: {{name: node-{i}, labels: {{disk: ssd}}}}}}\n"));
    }
    let o = s.run_command("kubectl apply -f -", Some(&y));
    assert!(!o.failed, "{}", o.stderr);
    s
}

fn ds(extra_spec: &str, container: &str, strategy: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {{app: d}}\n  updateStrategy:\n{strategy}  template:\n    metadata:\n      labels: {{app: d}}\n    spec:\n{extra_spec}      containers:\n{container}"
    )
}

const ROLLING_1: &str = "    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 1}\n";
const SURGE_1: &str =
    "    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}\n";

fn pods(s: &Session) -> Vec<(String, String, bool, bool)> {
    s.cluster
        .store
        .pods
        .values()
        .map(|p| {
            (
                p.spec.node_name.clone(),
                p.spec.containers[0].image.clone(),
                p.is_ready(),
                p.metadata.deletion_timestamp.is_some(),
            )
        })
        .collect()
}

/// S107: a pod that ignores SIGTERM (`sleep`) takes its whole grace period to go, and in
/// the non-surge path no replacement is created before it is gone.
#[test]
fn s107_non_surge_waits_for_the_old_pod_to_be_gone() {
    let mut s = session_with_nodes(1);
    let c1 = "      - {name: c, image: busybox:1, command: [sleep, infinity]}\n";
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&ds(
            "      terminationGracePeriodSeconds: 30\n",
            c1,
            ROLLING_1,
        )),
    );
    run(&mut s, "sleep 10", None);
    let c2 = "      - {name: c, image: busybox:2, command: [sleep, infinity]}\n";
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&ds(
            "      terminationGracePeriodSeconds: 30\n",
            c2,
            ROLLING_1,
        )),
    );
    let p = pods(&s);
    assert_eq!(p.len(), 1);
    assert!(p[0].3, "the old pod is terminating");
    run(&mut s, "sleep 29", None);
    assert_eq!(pods(&s).len(), 1, "no new pod while the old one terminates");
    assert_eq!(pods(&s)[0].1, "busybox:1");
    run(&mut s, "sleep 1", None);
    let p = pods(&s);
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].1, "busybox:2",
        "the replacement comes once the old pod is gone"
    );
}

/// S108: surge with a hostPort: the surge pod cannot be scheduled next to the old pod,
/// so the rollout stalls with `updated = 0`.
#[test]
fn s108_surge_with_host_port_stalls() {
    let mut s = session_with_nodes(2);
    let c = |img: &str| {
        format!("      - name: c\n        image: exporter:{img}\n        ports:\n        - {{containerPort: 9100, hostPort: 9100}}\n")
    };
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&ds("", &c("1"), SURGE_1)),
    );
    run(&mut s, "sleep 10", None);
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&ds("", &c("2"), SURGE_1)),
    );
    run(&mut s, "sleep 120", None);
    let d = s.cluster.store.daemonsets.values().next().unwrap();
    assert_eq!(d.status.updated_number_scheduled, 0);
    assert_eq!(d.status.desired_number_scheduled, 2);
    let pending: Vec<_> = s
        .cluster
        .store
        .pods
        .values()
        .filter(|p| p.spec.node_name.is_empty())
        .collect();
    assert_eq!(pending.len(), 1, "one surge pod at a time (maxSurge 1)");
    let msg = &pending[0].condition("PodScheduled").unwrap().message;
    assert!(msg.starts_with("0/2 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) didn't match Pod's node affinity/selector."), "{msg}");
    let out = run(&mut s, "kubectl get pods", None);
    assert!(out.contains("Pending"), "{out}");
}

/// S109: a toleration with tolerationSeconds for a NoExecute taint: the DaemonSet still
/// wants the node, the taint manager evicts after 10 s, the pod is recreated: churn.
#[test]
fn s109_toleration_seconds_churn() {
    let mut s = session_with_nodes(1);
    let tol = "      tolerations:\n      - {key: foo, operator: Exists, effect: NoExecute, tolerationSeconds: 10}\n";
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&ds(tol, "      - {name: c, image: agent:1}\n", ROLLING_1)),
    );
    run(&mut s, "sleep 5", None);
    let first = s.cluster.store.pods.keys().next().unwrap().clone();
    run(&mut s, "kubectl taint node node-0 foo=bar:NoExecute", None);
    run(&mut s, "sleep 9", None);
    assert!(
        s.cluster.store.pods.contains_key(&first),
        "tolerated for 10 s"
    );
    run(&mut s, "sleep 5", None);
    assert!(
        !s.cluster.store.pods.contains_key(&first),
        "evicted after 10 s"
    );
    run(&mut s, "sleep 60", None);
    let evictions = s
        .cluster
        .store
        .events
        .iter()
        .filter(|e| e.reason == "TaintManagerEviction")
        .map(|e| e.count)
        .sum::<i32>();
    assert!(
        evictions >= 3,
        "the new pods are evicted again and again ({evictions})"
    );
    let d = s.cluster.store.daemonsets.values().next().unwrap();
    assert_eq!(
        d.status.desired_number_scheduled, 1,
        "the DaemonSet still wants the node"
    );
}

/// S110: delete with --cascade=orphan, re-create the same DaemonSet: pods and revisions
/// are adopted and nothing restarts.
#[test]
fn s110_orphan_then_adopt_without_restart() {
    let mut s = session_with_nodes(3);
    let m = ds("", "      - {name: c, image: agent:1}\n", ROLLING_1);
    run(&mut s, "kubectl apply -f -", Some(&m));
    run(&mut s, "sleep 10", None);
    let before: Vec<_> = s.cluster.store.pods.keys().cloned().collect();
    run(&mut s, "kubectl delete ds d --cascade=orphan", None);
    assert_eq!(s.cluster.store.pods.len(), 3);
    assert!(s
        .cluster
        .store
        .pods
        .values()
        .all(|p| p.metadata.owner_references.is_empty()));
    assert!(s
        .cluster
        .store
        .revisions
        .values()
        .all(|r| r.metadata.owner_references.is_empty()));
    run(&mut s, "kubectl apply -f -", Some(&m));
    run(&mut s, "sleep 30", None);
    let after: Vec<_> = s.cluster.store.pods.keys().cloned().collect();
    assert_eq!(before, after, "no pod was replaced");
    let d = s.cluster.store.daemonsets.values().next().unwrap();
    assert_eq!(d.status.updated_number_scheduled, 3);
    assert_eq!(
        s.cluster.store.revisions.len(),
        1,
        "the orphaned revision is adopted, not duplicated"
    );
    assert!(s.cluster.store.pods.values().all(|p| p
        .metadata
        .controller_ref()
        .is_some_and(|r| r.uid == d.metadata.uid)));
}

/// S111: background deletion: the DaemonSet is gone at once, its pods and revisions follow.
#[test]
fn s111_background_cascade() {
    let mut s = session_with_nodes(2);
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&ds("", "      - {name: c, image: agent:1}\n", ROLLING_1)),
    );
    run(&mut s, "sleep 10", None);
    let out = run(&mut s, "kubectl delete ds d", None);
    assert_eq!(out, "daemonset.apps \"d\" deleted\n");
    assert!(s.cluster.store.daemonsets.is_empty());
    assert!(s.cluster.store.revisions.is_empty());
    assert!(s
        .cluster
        .store
        .pods
        .values()
        .all(|p| p.metadata.deletion_timestamp.is_some()));
    run(&mut s, "sleep 31", None);
    assert!(s.cluster.store.pods.is_empty());
}

/// S112: cordon changes nothing for daemon pods; a node cordoned from the start gets one.
#[test]
fn s112_cordon_does_not_matter() {
    let mut s = session_with_nodes(2);
    run(&mut s, "kubectl cordon node-1", None);
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&ds("", "      - {name: c, image: agent:1}\n", ROLLING_1)),
    );
    run(&mut s, "sleep 10", None);
    let mut nodes: Vec<_> = pods(&s).into_iter().map(|p| p.0).collect();
    nodes.sort();
    assert_eq!(nodes, ["node-0", "node-1"]);
    run(&mut s, "kubectl cordon node-0", None);
    run(&mut s, "sleep 10", None);
    assert_eq!(pods(&s).len(), 2);
    assert!(pods(&s).iter().all(|p| p.2 && !p.3));
}

/// S113: mid-rollout with its budget used up, a node loses the label the nodeSelector
/// needs: its pod is deleted at once and desired drops.
#[test]
fn s113_label_removed_mid_rollout() {
    let mut s = session_with_nodes(3);
    let sel = "      nodeSelector: {disk: ssd}\n";
    run(&mut s, "sim image agent:2 --never-ready", None);
    let probe = |img: &str| {
        format!("      - name: c\n        image: agent:{img}\n        readinessProbe: {{httpGet: {{path: /, port: 80}}}}\n")
    };
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&ds(sel, &probe("1"), ROLLING_1)),
    );
    run(&mut s, "sleep 10", None);
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&ds(sel, &probe("2"), ROLLING_1)),
    );
    run(&mut s, "sleep 30", None);
    let d = s.cluster.store.daemonsets.values().next().unwrap().clone();
    assert_eq!(
        (d.status.updated_number_scheduled, d.status.number_available),
        (1, 2),
        "stalled: budget used"
    );
    let old_node = s
        .cluster
        .store
        .pods
        .values()
        .find(|p| p.spec.containers[0].image == "agent:1")
        .map(|p| p.spec.node_name.clone())
        .unwrap();
    run(
        &mut s,
        &format!("kubectl label node {old_node} disk-"),
        None,
    );
    assert!(
        s.cluster
            .store
            .pods
            .values()
            .filter(|p| p.spec.node_name == old_node)
            .all(|p| p.metadata.deletion_timestamp.is_some()),
        "deleted at the next sync despite the exhausted budget"
    );
    assert_eq!(
        s.cluster
            .store
            .daemonsets
            .values()
            .next()
            .unwrap()
            .status
            .desired_number_scheduled,
        2
    );
}
