//! The DaemonSet controller keeps placement and its map of daemon pods from one sync to
//! the next. These are the writes that must reach what it kept: each scenario's outcome
//! is what a fresh listing gives (debug builds also compare every sync with one).

use engine::session::{NoFiles, Session};

mod common;
use common::run;

fn nodes(s: &mut Session, n: usize) {
    let mut y = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..n {
        y.push_str(&format!(
            "- {{apiVersion: v1, kind: Node, metadata: {{name: node-{i}}}}}\n"
        ));
    }
    run(s, "kubectl apply -f -", Some(&y));
}

fn ds(name: &str, selector: &str, labels: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {name}\nspec:\n  selector:\n    matchLabels: {{{selector}}}\n  template:\n    metadata:\n      labels: {{{labels}}}\n    spec:\n      containers:\n      - name: c\n        image: img:1\n"
    )
}

/// A session with `n` nodes and the DaemonSet `yaml` applied, its pods running.
fn with_daemonset(n: usize, yaml: &str) -> Session {
    let mut s = Session::new(Box::new(NoFiles));
    nodes(&mut s, n);
    run(&mut s, "kubectl apply -f -", Some(yaml));
    run(&mut s, "sleep 10", None);
    s
}

fn pod_names(s: &Session) -> Vec<String> {
    s.cluster
        .store
        .pods
        .keys()
        .map(|k| k.name.to_string())
        .collect()
}

/// (owner, node) of every pod.
fn owners(s: &Session) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = s
        .cluster
        .store
        .pods
        .values()
        .map(|p| {
            let owner = p
                .metadata
                .controller_ref()
                .map(|r| r.name.clone())
                .unwrap_or_default();
            (owner, p.spec.node_name.clone())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn pods_orphaned_by_one_daemonset_are_adopted_by_another_that_selects_them() {
    let mut s = with_daemonset(2, &ds("a", "app: x", "app: x"));
    // b selects a's pods too, but they have a controller: b makes its own.
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&ds("b", "tier: t", "app: x, tier: t")),
    );
    run(&mut s, "sleep 10", None);
    // a's pods get the label b selects (a write b has to notice) ...
    run(&mut s, "kubectl label pods -l app=x,!tier tier=t", None);
    run(&mut s, "sleep 10", None);
    assert_eq!(
        owners(&s).iter().filter(|(o, _)| o == "a").count(),
        2,
        "still a's: {:?}",
        owners(&s)
    );
    // ... and are orphaned when a goes: b adopts them and keeps one pod per node.
    run(&mut s, "kubectl delete ds a --cascade=orphan", None);
    run(&mut s, "sleep 60", None);
    let o = owners(&s);
    assert!(o.iter().all(|(owner, _)| owner == "b"), "{o:?}");
    assert_eq!(
        o.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(),
        ["node-0", "node-1"],
        "one pod per node: {o:?}"
    );
}

#[test]
fn a_relabelled_node_changes_placement_at_the_next_sync() {
    let d = ds("d", "app: d", "app: d").replace(
        "    spec:\n      containers:",
        "    spec:\n      nodeSelector: {disk: ssd}\n      containers:",
    );
    let mut s = with_daemonset(3, &d);
    assert!(owners(&s).is_empty());
    run(&mut s, "kubectl label node node-1 disk=ssd", None);
    run(&mut s, "sleep 10", None);
    assert_eq!(owners(&s), [("d".to_string(), "node-1".to_string())]);
    run(&mut s, "kubectl label node node-1 disk-", None);
    run(&mut s, "sleep 60", None);
    assert!(owners(&s).is_empty(), "{:?}", owners(&s));
}

#[test]
fn pods_deleted_between_syncs_are_replaced() {
    let mut s = with_daemonset(3, &ds("d", "app: d", "app: d"));
    let before = pod_names(&s);
    run(
        &mut s,
        "kubectl delete pods -l app=d --grace-period=0 --force",
        None,
    );
    run(&mut s, "sleep 10", None);
    let after = pod_names(&s);
    assert_eq!(after.len(), 3, "{after:?}");
    assert!(
        after.iter().all(|n| !before.contains(n)),
        "{before:?} {after:?}"
    );
}
