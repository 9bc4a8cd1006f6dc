//! Invariants of rollouts over random clusters, strategies and edit sequences.

use engine::api::REVISION_HASH_LABEL;
use engine::placement::node_should_run_daemon_pod;
use engine::session::NoFiles;
use engine::timeline::Timeline;
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
struct NodeSpec {
    zone: u8,
    taint: Option<(&'static str, &'static str)>,
}

#[derive(Clone, Debug)]
enum Rollout {
    MaxUnavailable(String),
    MaxSurge(String),
}

#[derive(Clone, Debug)]
struct Scenario {
    nodes: Vec<NodeSpec>,
    zone_selector: Option<u8>,
    tolerate_dedicated: bool,
    strategy: Rollout,
    min_ready: u8,
    /// Template edits: each sets a new image, then lets `sleep` seconds pass.
    edits: Vec<(u8, u16)>,
}

fn node_yaml(i: usize, n: &NodeSpec) -> String {
    let mut s = format!("- apiVersion: v1\n  kind: Node\n  metadata:\n    name: node-{i}\n    labels:\n      zone: z{}\n", n.zone);
    if let Some((k, e)) = n.taint {
        s.push_str(&format!(
            "  spec:\n    taints:\n    - key: {k}\n      effect: {e}\n"
        ));
    }
    s
}

fn ds_yaml(sc: &Scenario, image: u8) -> String {
    let strategy = match &sc.strategy {
        Rollout::MaxUnavailable(v) => format!("      maxUnavailable: {v}\n"),
        Rollout::MaxSurge(v) => format!("      maxUnavailable: 0\n      maxSurge: {v}\n"),
    };
    let mut spec = String::new();
    if let Some(z) = sc.zone_selector {
        spec.push_str(&format!("      nodeSelector:\n        zone: z{z}\n"));
    }
    if sc.tolerate_dedicated {
        spec.push_str("      tolerations:\n      - key: dedicated\n        operator: Exists\n");
    }
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  minReadySeconds: {}\n  selector:\n    matchLabels:\n      app: agent\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n{strategy}  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n{spec}      terminationGracePeriodSeconds: 5\n      containers:\n      - name: agent\n        image: agent:{image}\n",
        sc.min_ready
    )
}

fn scenario() -> impl proptest::strategy::Strategy<Value = Scenario> {
    let taint = prop_oneof![
        4 => Just(None),
        1 => Just(Some(("dedicated", "NoSchedule"))),
        1 => Just(Some(("dedicated", "NoExecute"))),
        1 => Just(Some(("other", "NoSchedule"))),
        1 => Just(Some(("other", "PreferNoSchedule"))),
    ];
    let node = (0u8..3, taint).prop_map(|(zone, taint)| NodeSpec { zone, taint });
    let strategy = prop_oneof![
        (1u8..4).prop_map(|n| Rollout::MaxUnavailable(n.to_string())),
        prop_oneof![Just("10%"), Just("34%"), Just("50%"), Just("100%")]
            .prop_map(|p| Rollout::MaxUnavailable(format!("\"{p}\""))),
        (1u8..3).prop_map(|n| Rollout::MaxSurge(n.to_string())),
        prop_oneof![Just("25%"), Just("100%")].prop_map(|p| Rollout::MaxSurge(format!("\"{p}\""))),
    ];
    (
        proptest::collection::vec(node, 1..9),
        proptest::option::of(0u8..3),
        any::<bool>(),
        strategy,
        prop_oneof![Just(0u8), Just(5u8)],
        proptest::collection::vec((0u8..4, 0u16..120), 1..4),
    )
        .prop_map(
            |(nodes, zone_selector, tolerate_dedicated, strategy, min_ready, edits)| Scenario {
                nodes,
                zone_selector,
                tolerate_dedicated,
                strategy,
                min_ready,
                edits,
            },
        )
}

fn max_unavailable(sc: &Scenario, desired: i64) -> Option<i64> {
    match &sc.strategy {
        Rollout::MaxUnavailable(v) => {
            let v = v.trim_matches('"');
            Some(match v.strip_suffix('%') {
                Some(p) => (p.parse::<i64>().unwrap() * desired + 99) / 100,
                None => v.parse().unwrap(),
            })
        }
        Rollout::MaxSurge(_) => None,
    }
}

/// Runs the scenario one event at a time, checking the invariants at every state.
/// Returns the transcript (for the determinism check).
fn run(sc: &Scenario) -> Result<String, TestCaseError> {
    let mut t = Timeline::new(Box::new(NoFiles));
    let mut nodes = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for (i, n) in sc.nodes.iter().enumerate() {
        nodes.push_str(&node_yaml(i, n));
    }
    let mut transcript = String::new();
    let r = t.run("kubectl apply -f -", Some(&nodes));
    prop_assert!(!r.output.failed, "{}", r.output.stderr);
    let r = t.run("kubectl apply -f -", Some(&ds_yaml(sc, 0)));
    prop_assert!(!r.output.failed, "{}", r.output.stderr);
    // Let the first version settle completely before editing.
    t.run("sleep 600", None);
    let surge = matches!(sc.strategy, Rollout::MaxSurge(_));
    for (image, sleep) in &sc.edits {
        let r = t.run("kubectl apply -f -", Some(&ds_yaml(sc, image + 1)));
        prop_assert!(!r.output.failed, "{}", r.output.stderr);
        let deadline = t.session.cluster.now.plus_secs(*sleep as i64);
        loop {
            check_state(&t, sc, surge)?;
            match t.session.cluster.next_timer_at() {
                Some(at) if at <= deadline => {
                    t.step();
                }
                _ => break,
            }
        }
        let o = t.session.run_command("kubectl get pods -o wide", None);
        transcript.push_str(&o.stdout);
    }
    // Converge.
    for _ in 0..10_000 {
        check_state(&t, sc, surge)?;
        if t.step().is_none() {
            break;
        }
    }
    check_converged(&t)?;
    let o = t.session.run_command("kubectl get ds,pods -o wide", None);
    transcript.push_str(&o.stdout);
    Ok(transcript)
}

fn check_state(t: &Timeline, sc: &Scenario, surge: bool) -> Result<(), TestCaseError> {
    let c = &t.session.cluster;
    let ds = c.store.daemonsets.values().next().expect("the DaemonSet");
    let mut per_node: BTreeMap<&str, Vec<&engine::api::Pod>> = BTreeMap::new();
    for p in c.store.pods.values() {
        per_node
            .entry(p.spec.node_name.as_str())
            .or_default()
            .push(p);
    }
    let mut desired = 0;
    let mut unavailable = 0;
    for (name, node) in &c.store.nodes {
        let pods = per_node.get(name.as_str()).cloned().unwrap_or_default();
        // Terminating pods are out of the controller's count (upstream ignores them), so a
        // surge edited twice can briefly show a third pod that is already going away.
        let live = pods
            .iter()
            .filter(|p| p.metadata.deletion_timestamp.is_none())
            .count();
        prop_assert!(live <= 2, "{live} live pods on {name}");
        if !surge {
            prop_assert!(
                pods.len() <= 1,
                "{} pods on {name} without surge",
                pods.len()
            );
        }
        let placement = node_should_run_daemon_pod(node, ds);
        if placement.should_run {
            desired += 1;
            let ok = pods.iter().any(|p| {
                p.metadata.deletion_timestamp.is_none()
                    && p.is_available(ds.spec.min_ready_seconds, c.now)
            });
            if !ok {
                unavailable += 1;
            }
        }
    }
    if let Some(max) = max_unavailable(sc, desired) {
        prop_assert!(
            unavailable <= max.max(1),
            "{unavailable} unavailable nodes > maxUnavailable {max} at {}",
            c.now.rfc3339()
        );
    }
    Ok(())
}

fn check_converged(t: &Timeline) -> Result<(), TestCaseError> {
    let c = &t.session.cluster;
    let ds = c.store.daemonsets.values().next().expect("the DaemonSet");
    let hash = c
        .store
        .revisions
        .values()
        .max_by_key(|r| r.revision)
        .and_then(|r| r.metadata.labels.get(REVISION_HASH_LABEL).cloned())
        .unwrap_or_default();
    for (name, node) in &c.store.nodes {
        let pods: Vec<_> = c
            .store
            .pods
            .values()
            .filter(|p| p.spec.node_name == *name)
            .collect();
        let p = node_should_run_daemon_pod(node, ds);
        if p.should_run {
            prop_assert_eq!(
                pods.len(),
                1,
                "eligible node {} has {} pods",
                name,
                pods.len()
            );
            prop_assert_eq!(
                pods[0].metadata.labels.get(REVISION_HASH_LABEL),
                Some(&hash),
                "node {} runs an old revision",
                name
            );
            prop_assert!(pods[0].is_ready());
        } else if !p.should_continue_running {
            prop_assert!(pods.is_empty(), "ineligible node {} has pods", name);
        } else {
            prop_assert!(pods.len() <= 1);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn rollouts_keep_their_budget_and_converge(sc in scenario()) {
        let a = run(&sc)?;
        let b = run(&sc)?;
        prop_assert_eq!(a, b, "the same input must give the same timeline");
    }
}
