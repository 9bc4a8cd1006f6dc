use super::*;
use crate::cluster::Key;
use crate::session::{NoFiles, Session};
use std::rc::Rc;

const NODES: &str = "apiVersion: v1\nkind: List\nitems:\n\
- {apiVersion: v1, kind: Node, metadata: {name: a, labels: {disk: ssd}}}\n\
- {apiVersion: v1, kind: Node, metadata: {name: b, labels: {disk: hdd}}}\n\
- {apiVersion: v1, kind: Node, metadata: {name: c, labels: {disk: ssd}}, spec: {taints: [{key: gpu, value: 'true', effect: NoSchedule}]}}\n";

const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: mon
spec:
  minReadySeconds: 10
  selector:
    matchLabels: {app: mon}
  template:
    metadata:
      labels: {app: mon}
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: c
        image: img:1
";

fn session() -> Session {
    let mut s = Session::new(Box::new(NoFiles));
    for (cmd, stdin) in [("kubectl apply -f -", NODES), ("kubectl apply -f -", DS)] {
        let out = s.run_command(cmd, Some(stdin));
        assert!(out.stderr.is_empty(), "{}", out.stderr);
    }
    s
}

fn states(b: &Board) -> Vec<(String, Vec<PodState>)> {
    b.nodes
        .iter()
        .map(|n| {
            (
                n.node.name.clone(),
                n.pods.iter().map(|p| p.state).collect(),
            )
        })
        .collect()
}

#[test]
fn pods_move_from_creating_to_ready_to_available_on_selected_nodes() {
    let mut s = session();
    let b = board(&s.cluster);
    assert_eq!(
        states(&b),
        [
            ("a".into(), vec![PodState::ContainerCreating]),
            ("b".into(), vec![]),
            ("c".into(), vec![]),
        ]
    );
    s.run_command("sleep 5s", None);
    let b = board(&s.cluster);
    assert_eq!(b.nodes[0].pods[0].state, PodState::Ready);
    s.run_command("sleep 10s", None);
    let b = board(&s.cluster);
    assert_eq!(b.nodes[0].pods[0].state, PodState::Available);
    let cell = &b.nodes[0].pods[0];
    assert_eq!(cell.revision, Some(1));
    assert!(cell.updated);
    assert_eq!(cell.owner, "mon");
    assert_eq!(
        cell.label,
        format!(
            "Pod {} on a: Running, ready, available, revision 1",
            cell.key.name
        )
    );
    assert_eq!(b.nodes[1].label, "Node b: Ready, no daemon pods");
    let ds = &b.daemonsets[0];
    assert_eq!(
        &ds.header[..6],
        [
            "NAME",
            "DESIRED",
            "CURRENT",
            "READY",
            "UP-TO-DATE",
            "AVAILABLE"
        ]
    );
    assert_eq!(&ds.cells[..6], ["mon", "1", "1", "1", "1", "1"]);
    assert_eq!(ds.rollout, "daemon set \"mon\" successfully rolled out");
    assert!(ds.rolled_out);
}

#[test]
fn a_new_template_is_a_new_revision_and_old_pods_are_not_updated() {
    let mut s = session();
    s.run_command("sleep 30s", None);
    s.run_command("kubectl set image ds/mon c=img:2", None);
    let b = board(&s.cluster);
    let ds = &b.daemonsets[0];
    assert_eq!(ds.current_revision, Some(2));
    assert_eq!(
        ds.revisions.iter().map(|r| r.revision).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(!ds.rolled_out);
    let revs: Vec<(Option<i64>, bool)> = b.nodes[0]
        .pods
        .iter()
        .map(|p| (p.revision, p.updated))
        .collect();
    assert!(revs.contains(&(Some(1), false)), "{revs:?}");
}

#[test]
fn node_inspector_names_the_rule_and_its_manifest_line() {
    let s = session();
    let b = inspect_node(&s.cluster, "b").unwrap();
    let p = &b.placements[0];
    assert!(!p.should_run);
    assert_eq!(
        p.text,
        "not eligible: nodeSelector disk=ssd does not match the node's label disk=hdd"
    );
    assert_eq!(
        p.field.as_deref(),
        Some("spec.template.spec.nodeSelector.disk")
    );
    // `disk: ssd` is line 14, column 9 of the manifest.
    assert_eq!(p.source, Some(("STDIN".to_string(), 14, 9)));

    let c = inspect_node(&s.cluster, "c").unwrap();
    assert_eq!(c.taints, ["gpu=true:NoSchedule"]);
    assert!(!c.placements[0].should_run);
    assert!(inspect_node(&s.cluster, "nope").is_none());
}

#[test]
fn pod_inspector_describes_the_pod() {
    let s = session();
    let key = s.cluster.store.pods.keys().next().unwrap().clone();
    let d = inspect_pod(&s.cluster, &key).unwrap();
    assert_eq!(d.node, "a");
    assert!(
        d.describe
            .contains(&format!("Name:             {}", key.name)),
        "{}",
        d.describe
    );
    assert!(d.describe.contains("Events:"));
}

#[test]
fn stopped_kubelets_and_cordons_show_on_the_card() {
    let mut s = session();
    s.run_command("kubectl cordon b", None);
    s.run_command("sim kubelet stop a", None);
    let b = board(&s.cluster);
    assert_eq!(b.nodes[1].node.status, "Ready,SchedulingDisabled");
    assert!(b.nodes[1].node.unschedulable);
    assert!(b.nodes[0].node.kubelet_stopped);
    assert!(
        b.nodes[0].label.contains("kubelet stopped"),
        "{}",
        b.nodes[0].label
    );
}

#[test]
fn revisions_print_their_templates_and_differ_in_the_image() {
    let mut s = session();
    s.run_command("kubectl set image ds/mon c=img:2", None);
    let b = board(&s.cluster);
    let revs = &b.daemonsets[0].revisions;
    let key = |r: &RevisionRow| Key::new("default", &r.name);
    let one = revision_template(&s.cluster, &key(&revs[0])).unwrap();
    let two = revision_template(&s.cluster, &key(&revs[1])).unwrap();
    assert!(
        one.contains("img:1") && two.contains("img:2"),
        "{one}\n{two}"
    );
    let changed: Vec<DiffLine> = diff_lines(&one, &two)
        .into_iter()
        .filter(|l| !matches!(l, DiffLine::Same(_)))
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert!(matches!(&changed[0], DiffLine::Removed(l) if l.contains("img:1")));
}

#[test]
fn a_later_board_keeps_the_cards_of_nodes_nothing_wrote_to() {
    let mut s = session();
    let before = board(&s.cluster);
    s.run_command("kubectl label node b team=x", None);
    let after = board_since(&s.cluster, Some(&before));
    // Node a's pod and node c are untouched; node b has a new label.
    assert!(Rc::ptr_eq(&before.nodes[0], &after.nodes[0]));
    assert!(!Rc::ptr_eq(&before.nodes[1], &after.nodes[1]));
    assert!(Rc::ptr_eq(&before.nodes[2], &after.nodes[2]));
    assert!(!Rc::ptr_eq(&before.nodes[1].node, &after.nodes[1].node));
    assert!(after.nodes[1]
        .node
        .labels
        .contains(&("team".into(), "x".into())));
    assert_eq!(after, board(&s.cluster));
}

#[test]
fn a_pod_that_becomes_available_with_time_alone_gets_a_new_card() {
    let mut s = session();
    s.run_command("sleep 5s", None);
    let ready = board(&s.cluster);
    assert_eq!(ready.nodes[0].pods[0].state, PodState::Ready);
    // minReadySeconds (10) later nothing was written to the pod, yet it is available.
    s.cluster.now = s.cluster.now.plus_secs(10);
    let later = board_since(&s.cluster, Some(&ready));
    assert_eq!(later.nodes[0].pods[0].state, PodState::Available);
    assert!(Rc::ptr_eq(&ready.nodes[1], &later.nodes[1]));
    // Only node a's pod changed: its card is new, what it shows of node a is not.
    assert!(!Rc::ptr_eq(&ready.nodes[0], &later.nodes[0]));
    assert!(Rc::ptr_eq(&ready.nodes[0].node, &later.nodes[0].node));
}

#[test]
fn a_board_of_a_later_state_is_not_reused_for_an_earlier_one() {
    let mut s = session();
    let earlier = s.cluster.clone();
    s.run_command("sleep 5s", None);
    let later = board(&s.cluster);
    let b = board_since(&earlier, Some(&later));
    assert_eq!(b.nodes[0].pods[0].state, PodState::ContainerCreating);
    assert!(!Rc::ptr_eq(&b.nodes[1], &later.nodes[1]));
}
