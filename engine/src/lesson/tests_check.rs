//! The check language: parsing (with error columns) and evaluation against small clusters.

use super::*;
use crate::session::NoFiles;

const NODES: &str = "apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Node, metadata: {name: a, labels: {disk: ssd}}}
- {apiVersion: v1, kind: Node, metadata: {name: b}}
- apiVersion: v1
  kind: Node
  metadata: {name: cp}
  spec:
    taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]
";

const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: d, namespace: ns1}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      containers: [{name: c, image: img:1}]
";

fn session() -> Session {
    let mut s = Session::new(Box::new(NoFiles));
    for (line, stdin) in [
        ("kubectl apply -f -", Some(NODES)),
        ("kubectl create namespace ns1", None),
        ("kubectl apply -f -", Some(DS)),
    ] {
        let o = s.run_command(line, stdin);
        assert!(!o.failed, "{o:?}");
    }
    s
}

fn run(s: &mut Session, line: &str) {
    let o = s.run_command(line, None);
    assert!(!o.failed, "{line}: {o:?}");
}

fn eval(c: &Cluster, check: &str) -> CheckResult {
    parse_check(check, "ns1")
        .unwrap_or_else(|e| panic!("{check}: {e}"))
        .evaluate(c)
}

fn holds(c: &Cluster, check: &str) -> bool {
    eval(c, check).passed
}

#[test]
fn pod_counts_with_adjectives_and_modifiers() {
    let mut s = session();
    let c = &s.cluster;
    assert!(holds(c, "ds/d has 2 pods"));
    assert!(!holds(c, "ds/d has 3 pods"));
    assert!(holds(c, "ds/d has a pod on a"));
    assert!(holds(c, "ds/d has one pod on b"));
    assert!(holds(c, "ds/d has no pod on cp"));
    assert!(holds(c, "ds/d has no ready pods"), "not pulled yet");
    assert!(holds(c, "ds/d has 2 unready pods"));
    assert!(holds(c, "ds/d has 2 pods in state ContainerCreating"));
    assert!(holds(c, "ds/d has at least 1 pod"));
    assert!(holds(c, "ds/d has at most 2 pods"));
    assert!(holds(c, "ds/d has more than 1 pod"));
    assert!(holds(c, "ds/d has fewer than 3 pods"));
    assert!(holds(c, "ds/d has exactly 2 updated pods"));
    assert!(holds(c, "ds/d has 2 pods of revision 1"));
    assert!(holds(c, "ds/d has 2 pods with image img:1"));
    assert!(holds(c, "ds/d has 2 pods labelled app=d"));
    assert!(holds(c, "there are 2 pods labelled app=d"));
    assert!(holds(c, "there are no pods in namespace default"));
    assert!(holds(c, "there are 2 pods in all namespaces"));
    assert!(holds(c, "node/a has 1 pod"));
    assert!(holds(c, "node/cp has no pods"));
    assert!(holds(c, "there are 2 pods of ds/d -n ns1"));
    run(&mut s, "sleep 10");
    let c = &s.cluster;
    assert!(holds(c, "ds/d has 2 ready pods"));
    assert!(holds(c, "ds/d has 2 available pods"));
    assert!(
        holds(c, "ds/d has 2 pods in state running"),
        "kubectl's STATUS"
    );
    assert!(holds(c, "ds/d has no terminating pods"));
}

#[test]
fn a_terminating_pod_is_still_there() {
    let mut s = session();
    run(&mut s, "sleep 10");
    // The DaemonSet's pod on `a` stays as long as the node matches; give it a selector.
    run(
        &mut s,
        "kubectl patch ds d -n ns1 --type merge -p '{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"disk\":\"ssd\"}}}}}'",
    );
    run(&mut s, "sleep 10");
    run(&mut s, "kubectl label node a disk-");
    let r = eval(&s.cluster, "ds/d has no pod on a");
    assert!(!r.passed, "{r:?}");
    assert!(
        r.explanation
            .starts_with("expected no pod of ds/d on a, found 1: d-"),
        "{}",
        r.explanation
    );
    assert!(
        r.explanation.ends_with("on a (Terminating)"),
        "{}",
        r.explanation
    );
    assert!(holds(&s.cluster, "ds/d has 1 terminating pod on a"));
    assert!(holds(&s.cluster, "ds/d has no non-terminating pod on a"));
    run(&mut s, "sleep 5");
    let r = eval(&s.cluster, "ds/d has no pod on a");
    assert!(r.passed, "{r:?}");
    assert_eq!(r.explanation, "no pod of ds/d on a: found none");
}

#[test]
fn status_fields_compare_with_numbers_and_fields() {
    let mut s = session();
    let c = &s.cluster;
    assert!(holds(c, "ds/d desiredNumberScheduled is 2"));
    assert!(holds(c, "ds/d status.currentNumberScheduled = 2"));
    assert!(holds(c, "ds/d numberReady is 0"));
    assert!(holds(c, "ds/d ready < desired"));
    assert!(holds(
        c,
        "ds/d updatedNumberScheduled == desiredNumberScheduled"
    ));
    assert!(holds(c, "ds/d numberAvailable is not 2"));
    assert!(holds(c, "ds/d numberUnavailable is at least 2"));
    assert!(holds(c, "ds/d numberMisscheduled is at most 0"));
    assert!(holds(c, "ds/d observedGeneration >= generation"));
    assert!(holds(c, "ds/d generation is 1"));
    let r = eval(c, "ds/d numberReady is 2");
    assert!(!r.passed);
    assert_eq!(
        r.explanation,
        "expected numberReady of ds/d to be 2, found numberReady is 0"
    );
    run(&mut s, "kubectl rollout status ds/d -n ns1");
    assert!(holds(&s.cluster, "ds/d numberReady is 2"));
    assert!(holds(&s.cluster, "ds/d ready is more than 1"));
    let r = eval(&s.cluster, "ds/e numberReady is 2");
    assert!(!r.passed);
    assert_eq!(r.explanation, "ds/e does not exist in namespace ns1");
}

#[test]
fn rollouts_and_revisions() {
    let mut s = session();
    assert!(holds(&s.cluster, "ds/d is not rolled out"));
    assert!(holds(&s.cluster, "rollout of ds/d is not complete"));
    let r = eval(&s.cluster, "ds/d is rolled out");
    assert!(
        r.explanation.contains("0 of 2 updated pods are available"),
        "{r:?}"
    );
    run(&mut s, "kubectl rollout status ds/d -n ns1");
    assert!(holds(&s.cluster, "ds/d is rolled out"));
    assert!(holds(&s.cluster, "rollout of ds/d is complete"));
    assert!(holds(&s.cluster, "ds/d is at revision 1"));
    assert!(holds(&s.cluster, "ds/d uses image img:1"));
    run(&mut s, "kubectl set image ds/d c=img:2 -n ns1");
    assert!(holds(&s.cluster, "ds/d is at revision 2"));
    assert!(holds(&s.cluster, "ds/d has revisions 1,2"));
    assert!(holds(&s.cluster, "ds/d has revisions 1 2"));
    assert!(holds(&s.cluster, "ds/d uses image img:2"));
    assert!(holds(&s.cluster, "ds/d does not use image img:1"));
    assert!(holds(&s.cluster, "ds/d has 1 non-terminating outdated pod"));
    assert!(holds(&s.cluster, "ds/d is not rolled out"));
    run(&mut s, "kubectl rollout status ds/d -n ns1");
    run(&mut s, "kubectl rollout undo ds/d -n ns1 --to-revision=1");
    run(&mut s, "kubectl rollout status ds/d -n ns1");
    assert!(holds(&s.cluster, "ds/d is at revision 3"));
    assert!(holds(&s.cluster, "ds/d has revisions 2,3"));
    let r = eval(&s.cluster, "ds/d has revisions 1,2,3");
    assert_eq!(
        r.explanation,
        "expected the revisions of ds/d to be 1, 2, 3, found revisions 2, 3"
    );
    assert!(holds(
        &s.cluster,
        "ds/d has 2 non-terminating pods of revision 3"
    ));
    let r = eval(&s.cluster, "ds/d has 2 pods of revision 1");
    assert!(r.explanation.contains("ds/d has no revision 1"), "{r:?}");
}

#[test]
fn nodes_labels_taints_and_state() {
    let mut s = session();
    let c = &s.cluster;
    assert!(holds(c, "node/a has label disk=ssd"));
    assert!(holds(c, "node/a has label disk"));
    assert!(holds(c, "node/a has no label disk=hdd"));
    assert!(holds(c, "node/b has no label disk"));
    assert!(!holds(c, "node/b has label disk"));
    assert!(holds(
        c,
        "node/cp has taint node-role.kubernetes.io/control-plane:NoSchedule"
    ));
    assert!(holds(
        c,
        "node/cp has taint node-role.kubernetes.io/control-plane"
    ));
    assert!(holds(
        c,
        "node/cp has no taint node-role.kubernetes.io/control-plane:NoExecute"
    ));
    assert!(holds(c, "node/a has no taints x"));
    assert!(holds(c, "node/a is ready"));
    assert!(holds(c, "node/a is not cordoned"));
    assert!(holds(c, "node/a is schedulable"));
    run(&mut s, "kubectl taint node b k=v:NoExecute");
    run(&mut s, "kubectl cordon a");
    let c = &s.cluster;
    assert!(holds(c, "node/b has taint k=v:NoExecute"));
    assert!(holds(c, "node/b has taint k=v"));
    assert!(!holds(c, "node/b has taint k=w"));
    assert!(holds(c, "node/a is cordoned"));
    assert!(holds(c, "node/a is unschedulable"));
    let r = eval(c, "node/zz has label a");
    assert!(!r.passed);
    assert_eq!(r.explanation, "node/zz does not exist");
    run(&mut s, "sim kubelet stop a");
    run(&mut s, "sleep 60");
    assert!(holds(&s.cluster, "node/a is not ready"));
}

#[test]
fn existence_and_orphans() {
    let mut s = session();
    run(&mut s, "kubectl rollout status ds/d -n ns1");
    let c = &s.cluster;
    assert!(holds(c, "ds/d exists"));
    assert!(holds(c, "ds/d -n ns1 exists"));
    assert!(holds(c, "ds/d -n default does not exist"));
    assert!(holds(c, "node/a exists"));
    assert!(holds(c, "ns/ns1 exists"));
    assert!(holds(c, "namespace/nope does not exist"));
    assert!(holds(c, "there are no pods without an owner"));
    let pod = c.store.pods.keys().next().unwrap().name.clone();
    assert!(holds(c, &format!("pod/{pod} exists")));
    let cr = c.store.revisions.keys().next().unwrap().name.clone();
    assert!(holds(c, &format!("controllerrevision/{cr} exists")));
    run(&mut s, "kubectl delete ds d -n ns1 --cascade=orphan");
    let c = &s.cluster;
    let r = eval(c, "ds/d exists");
    assert_eq!(
        r.explanation,
        "expected ds/d in namespace ns1 to exist, found ds/d in namespace ns1 does not exist"
    );
    assert!(holds(c, "there are 2 pods labelled app=d without an owner"));
    assert!(holds(c, "there are 2 non-terminating pods"));
    // A check about a DaemonSet that is gone counts none of its pods.
    let r = eval(c, "ds/d has 2 pods");
    assert!(!r.passed);
    assert!(
        r.explanation
            .contains("ds/d does not exist in namespace ns1"),
        "{r:?}"
    );
    assert!(holds(c, "ds/d has no pods"));
}

#[test]
fn output_checks_run_on_a_copy() {
    let s = session();
    let before_now = s.cluster.now;
    let before_writes = s.cluster.write_counter();
    assert!(holds(
        &s.cluster,
        "output of `kubectl get ds -n ns1` contains \"NODE SELECTOR\""
    ));
    assert!(holds(
        &s.cluster,
        "output of `kubectl get pods -n ns1` does not contain Running"
    ));
    // Flags may come before the command, as kubectl allows.
    assert!(holds(
        &s.cluster,
        "output of `kubectl -n ns1 get ds` contains \"NODE SELECTOR\""
    ));
    // `rollout status` waits: on the copy, so the cluster's clock does not move.
    let r = eval(
        &s.cluster,
        "output of `kubectl rollout status ds/d -n ns1` contains \"successfully rolled out\"",
    );
    assert!(r.passed, "{r:?}");
    assert_eq!(s.cluster.now, before_now);
    assert_eq!(s.cluster.write_counter(), before_writes);
    assert!(holds(&s.cluster, "ds/d is not rolled out"));
    let r = eval(
        &s.cluster,
        "output of `kubectl get ns` contains \"nothing-like-this\"",
    );
    assert!(!r.passed);
    assert!(r.explanation.starts_with(
        "expected the output of `kubectl get ns` to contain \"nothing-like-this\", found it printed:\nNAME"
    ), "{}", r.explanation);
    // Errors count as output too.
    assert!(holds(
        &s.cluster,
        "output of `kubectl get ds nope -n ns1` contains NotFound"
    ));
}

fn parse_error(check: &str) -> CheckError {
    parse_check(check, "default").unwrap_err()
}

#[test]
fn malformed_checks_say_what_and_where() {
    let cases: &[(&str, u32, &str)] = &[
        ("", 1, "empty check"),
        ("ds/d has three pods", 10, "expected a count"),
        ("ds/d has 2 pots", 12, "expected `pods`"),
        ("ds/d has 2 pods at b", 17, "unexpected `at`"),
        ("ds/d has 2 pods on", 19, "a node name after `on`"),
        (
            "ds/d has 2 pods of revision x",
            29,
            "expected a number after `of revision`",
        ),
        ("ds/d has 2 pods of node/a", 20, "needs a DaemonSet"),
        ("there are 2 updated pods", 1, "need a DaemonSet"),
        ("there be 2 pods", 7, "`there are` or `there is`"),
        ("deploy/x exists", 1, "unknown kind `deploy`"),
        ("fluentd exists", 1, "expected an object such as `ds/NAME`"),
        ("node/a -n x exists", 1, "a node has no namespace"),
        ("pod/p has 2 pods", 1, "only be checked with `exists`"),
        (
            "ds/d numberReady is",
            20,
            "expected a number or a status field",
        ),
        ("ds/d numberReady ~ 2", 18, "expected `is`"),
        ("ds/d flies", 6, "a status field"),
        ("ds/d is at revision two", 21, "expected a number"),
        ("ds/d is sleeping", 9, "`rolled out`"),
        (
            "ds/d exists today",
            13,
            "unexpected `today` after a complete check",
        ),
        ("rollout of node/a is complete", 12, "needs a DaemonSet"),
        (
            "node/a has taint k=v:Sometimes",
            18,
            "unknown taint effect `Sometimes`",
        ),
        (
            "node/a has 2 pods labelled a=b,,c",
            28,
            "bad label selector",
        ),
        (
            "output of kubectl get pods contains x",
            11,
            "a command in backquotes",
        ),
        (
            "output of `kubectl delete ds d` contains x",
            11,
            "only read-only commands",
        ),
        (
            "output of `kubectl rollout undo ds/d` contains x",
            11,
            "only read-only commands",
        ),
        (
            "output of `kubectl get pods` has x",
            30,
            "`contains` or `does not contain`",
        ),
        (
            "output of `kubectl get pods contains x",
            11,
            "unterminated backquote",
        ),
        ("ds/d has revisions", 19, "revision numbers"),
    ];
    for (check, col, needle) in cases {
        let e = parse_error(check);
        assert!(e.message.contains(needle), "{check:?}: {e}");
        assert_eq!(e.col, *col, "{check:?}: {e}");
    }
}

#[test]
fn checks_keep_their_text_and_namespace() {
    let c = parse_check("  ds/x has 2 pods  ", "logging").unwrap();
    assert_eq!(c.text, "ds/x has 2 pods");
    match c.kind {
        CheckKind::PodCount { cmp, n, query } => {
            assert_eq!((cmp, n), (Cmp::Eq, 2));
            assert_eq!(query.namespace.as_deref(), Some("logging"));
            assert_eq!(query.daemonset.as_deref(), Some("x"));
        }
        other => panic!("{other:?}"),
    }
}
