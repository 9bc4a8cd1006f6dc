//! §17 K: utilities (S92–S96), through the engine's public functions (`is_pod_updated`,
//! `get_nodes_to_daemon_pods`) and, for `CreatePodTemplate`,
//! `ReplaceDaemonSetPodNodeNameNodeAffinity` and `GetTargetNodeName`, which the engine
//! keeps private, through the pods a sync creates and the map it builds.

use crate::harness::*;
use engine::api::*;
use engine::cluster::{Cluster, Key};
use engine::controller::daemonset::{get_nodes_to_daemon_pods, is_pod_updated};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn s92_is_pod_updated() {
    let generation = 12345i64;
    let bad_generation = 12350i64;
    let hash = "55555";
    let full = labels(&[
        (TEMPLATE_GENERATION_LABEL, "12345"),
        (REVISION_HASH_LABEL, hash),
    ]);
    let no_hash = labels(&[(TEMPLATE_GENERATION_LABEL, "12345")]);
    let other_hash = format!("{hash}123");
    let table: Vec<(&str, i64, Labels, &str, bool)> = vec![
        (
            "templateGeneration and hash both match",
            generation,
            full.clone(),
            hash,
            true,
        ),
        (
            "templateGeneration matches, hash doesn't",
            generation,
            full.clone(),
            &other_hash,
            true,
        ),
        (
            "templateGeneration matches, no hash label, has hash",
            generation,
            no_hash.clone(),
            hash,
            true,
        ),
        (
            "templateGeneration matches, no hash label, no hash",
            generation,
            no_hash.clone(),
            "",
            true,
        ),
        (
            "templateGeneration matches, has hash label, no hash",
            generation,
            full.clone(),
            "",
            true,
        ),
        (
            "templateGeneration doesn't match, hash does",
            bad_generation,
            full.clone(),
            hash,
            true,
        ),
        (
            "templateGeneration and hash don't match",
            bad_generation,
            full.clone(),
            &other_hash,
            false,
        ),
        (
            "empty labels, no hash",
            generation,
            Labels::new(),
            "",
            false,
        ),
        ("empty labels", generation, Labels::new(), hash, false),
        ("no labels", generation, Labels::new(), hash, false),
    ];
    for (name, g, l, h, want) in table {
        let mut p = Pod::default();
        p.metadata.name = "pod1".into();
        *p.metadata.labels = l;
        p.spec.node_name = "node1".into();
        assert_eq!(is_pod_updated(&p, h, Some(g)), want, "S92 {name}");
    }
}

#[test]
fn s93_create_pod_template() {
    // Generation 1: pod-template-generation=1 and the current hash on every created pod,
    // plus the default daemon tolerations.
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 1, Labels::new());
    let key = ds_with(&mut c, |_| {});
    expect_sync(&mut c, &key, (1, 0, 0));
    let hash1 = current_hash(&c, &key);
    let p = &ds_pods(&c, &key)[0];
    assert_eq!(
        p.metadata
            .labels
            .get(TEMPLATE_GENERATION_LABEL)
            .map(String::as_str),
        Some("1")
    );
    assert_eq!(p.metadata.labels.get(REVISION_HASH_LABEL), Some(&hash1));
    for l in l1() {
        assert_eq!(p.metadata.labels.get(&l.0), Some(&l.1));
    }
    let tolerated: BTreeSet<(String, String)> = p
        .spec
        .tolerations
        .iter()
        .map(|t| (t.key.clone(), t.effect.clone()))
        .collect();
    for (k, e) in [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ] {
        assert!(
            tolerated.contains(&(k.to_string(), e.to_string())),
            "toleration {k}:{e}"
        );
    }
    assert!(!tolerated
        .iter()
        .any(|(k, _)| k == "node.kubernetes.io/network-unavailable"));

    // Generation 2 with a new hash: both labels follow.
    update_ds(&mut c, &key, |d| {
        d.spec.template.spec.containers[0].image = "foo2/bar2".into()
    });
    let old = Key::of(&ds_pods(&c, &key)[0].metadata);
    engine::controller::pods::remove_pod(&mut c, &old);
    expect_sync(&mut c, &key, (1, 0, 0));
    let hash2 = current_hash(&c, &key);
    assert_ne!(hash1, hash2);
    let p = &ds_pods(&c, &key)[0];
    assert_eq!(
        p.metadata
            .labels
            .get(TEMPLATE_GENERATION_LABEL)
            .map(String::as_str),
        Some("2")
    );
    assert_eq!(p.metadata.labels.get(REVISION_HASH_LABEL), Some(&hash2));

    // Without the template generation annotation: no pod-template-generation label.
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 1, Labels::new());
    let key = ds_with(&mut c, |_| {});
    c.store
        .daemonsets
        .get_mut(&key)
        .unwrap()
        .metadata
        .annotations
        .remove(TEMPLATE_GENERATION_ANNOTATION);
    expect_sync(&mut c, &key, (1, 0, 0));
    let p = &ds_pods(&c, &key)[0];
    assert!(!p.metadata.labels.contains_key(TEMPLATE_GENERATION_LABEL));
    assert_eq!(
        p.metadata.labels.get(REVISION_HASH_LABEL),
        Some(&current_hash(&c, &key))
    );
}

/// `GetPodFromTemplate`: a created pod takes the template's labels, annotations and
/// finalizers, and a name generated from the DaemonSet's, never the template's own name.
#[test]
fn s93_pods_take_labels_annotations_and_finalizers_but_not_the_name_of_the_template() {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 2, Labels::new());
    let key = ds_with(&mut c, |d| {
        let m = &mut d.spec.template.metadata;
        m.name = "fixed".into();
        m.annotations.insert("note".into(), "kept".into());
        m.finalizers = vec!["example.com/hold".into()];
    });
    expect_sync(&mut c, &key, (2, 0, 0));
    let pods = ds_pods(&c, &key);
    assert_eq!(pods.len(), 2);
    for p in &pods {
        let generated = format!("{}-", key.name);
        assert!(
            p.metadata.name.starts_with(&generated),
            "{}",
            p.metadata.name
        );
        assert_eq!(p.metadata.generate_name, generated);
        assert_eq!(
            p.metadata.annotations.get("note").map(String::as_str),
            Some("kept")
        );
        assert_eq!(p.metadata.finalizers, ["example.com/hold"]);
    }
    assert_ne!(pods[0].metadata.name, pods[1].metadata.name);
}

fn req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
    NodeSelectorRequirement {
        key: key.into(),
        operator: op.into(),
        values: strings(values),
    }
}

fn expr_term(r: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
    NodeSelectorTerm {
        match_expressions: r,
        match_fields: vec![],
    }
}

fn field_term(r: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
    NodeSelectorTerm {
        match_expressions: vec![],
        match_fields: r,
    }
}

fn node_affinity(
    terms: Option<Vec<NodeSelectorTerm>>,
    preferred: Option<serde_json::Value>,
) -> Option<Affinity> {
    let mut na = NodeAffinity {
        required: terms.map(|t| NodeSelector {
            node_selector_terms: t,
        }),
        ..Default::default()
    };
    if let Some(p) = preferred {
        na.rest
            .insert("preferredDuringSchedulingIgnoredDuringExecution".into(), p);
    }
    Some(Affinity {
        node_affinity: Some(na),
        ..Default::default()
    })
}

/// Each case is a template affinity under which `host1` is eligible; the created pod's
/// required affinity must be exactly `metadata.name In [host1]`, everything else kept.
#[test]
fn s94_replace_daemon_set_pod_node_name_node_affinity() {
    let preferred = serde_json::json!([{
        "weight": 1,
        "preference": {"matchExpressions": [{"key": "kubernetes.io/hostname", "operator": "In", "values": ["host1"]}]}
    }]);
    let pod_affinity = serde_json::json!({"requiredDuringSchedulingIgnoredDuringExecution": [{
        "labelSelector": {"matchLabels": {"app": "x"}}, "topologyKey": "kubernetes.io/hostname"
    }]});
    let hostname = || req("kubernetes.io/hostname", "In", &["host1"]);
    let cases: Vec<(&str, Option<Affinity>)> = vec![
        ("nil affinity", None),
        ("empty node affinity", node_affinity(None, None)),
        (
            "matchExpressions hostname term",
            node_affinity(Some(vec![expr_term(vec![hostname()])]), None),
        ),
        (
            "multi-value matchFields (a parse error, ORed with a matching term)",
            node_affinity(
                Some(vec![
                    field_term(vec![req("metadata.name", "In", &["host1", "host2"])]),
                    expr_term(vec![hostname()]),
                ]),
                None,
            ),
        ),
        (
            "matchFields NotIn",
            node_affinity(
                Some(vec![field_term(vec![req(
                    "metadata.name",
                    "NotIn",
                    &["host2"],
                )])]),
                None,
            ),
        ),
        (
            "two terms",
            node_affinity(
                Some(vec![
                    expr_term(vec![hostname()]),
                    field_term(vec![req("metadata.name", "In", &["host1"])]),
                ]),
                None,
            ),
        ),
        (
            "unknown field metadata.foo (ORed with a matching term)",
            node_affinity(
                Some(vec![
                    field_term(vec![req("metadata.foo", "In", &["bar"])]),
                    expr_term(vec![hostname()]),
                ]),
                None,
            ),
        ),
        (
            "preferred terms are kept",
            node_affinity(
                Some(vec![expr_term(vec![hostname()])]),
                Some(preferred.clone()),
            ),
        ),
        (
            "preferred only",
            node_affinity(None, Some(preferred.clone())),
        ),
        ("pod affinity is kept", {
            let mut a = node_affinity(Some(vec![expr_term(vec![hostname()])]), None).unwrap();
            a.rest.insert("podAffinity".into(), pod_affinity.clone());
            Some(a)
        }),
    ];
    for (name, affinity) in cases {
        let mut c = Cluster::new();
        add_node(
            &mut c,
            new_node("host1", labels(&[("kubernetes.io/hostname", "host1")])),
        );
        let key = ds_with(&mut c, |d| {
            d.spec.template.spec.affinity = affinity.clone();
            d.spec.template.spec.node_selector = labels(&[("kubernetes.io/hostname", "host1")]);
        });
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), (1, 0, 0), "S94 {name}");
        let p = &ds_pods(&c, &key)[0];
        let got = p.spec.affinity.as_ref().expect("affinity");
        let na = got.node_affinity.as_ref().expect("node affinity");
        let required = na.required.as_ref().expect("required");
        assert_eq!(
            required.node_selector_terms,
            vec![field_term(vec![req("metadata.name", "In", &["host1"])])],
            "S94 {name}"
        );
        let want_na_rest = affinity
            .as_ref()
            .and_then(|a| a.node_affinity.as_ref())
            .map(|n| n.rest.clone())
            .unwrap_or_default();
        assert_eq!(na.rest, want_na_rest, "S94 {name}: preferred terms");
        let want_rest = affinity
            .as_ref()
            .map(|a| a.rest.clone())
            .unwrap_or_default();
        assert_eq!(got.rest, want_rest, "S94 {name}: pod (anti-)affinity");
        assert_eq!(
            p.spec.node_selector,
            labels(&[("kubernetes.io/hostname", "host1")]),
            "S94 {name}: nodeSelector kept"
        );
        assert!(p.spec.node_name.is_empty());
    }
}

/// `GetTargetNodeName`, observed through the node map: nodeName wins; an unbound pod is
/// mapped by a single-value `metadata.name In`; two values or nothing leaves it unmapped.
#[test]
fn s95_get_target_node_name() {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 2, Labels::new());
    let key = ds_with(&mut c, |_| {});
    let with_fields = |c: &Cluster, prefix: &str, node_name: &str, values: &[&str]| {
        let mut p = new_pod(c, prefix, node_name, l1(), Some(&key));
        p.spec.affinity = node_affinity(
            Some(vec![field_term(vec![req("metadata.name", "In", values)])]),
            None,
        );
        p
    };
    let bound = {
        let p = with_fields(&c, "bound-", "node-0", &["node-1"]);
        add_pod(&mut c, p)
    };
    let by_fields = {
        let p = with_fields(&c, "fields-", "", &["node-1"]);
        add_pod(&mut c, p)
    };
    let two_values = {
        let p = with_fields(&c, "two-values-", "", &["node-0", "node-1"]);
        add_pod(&mut c, p)
    };
    let neither = {
        let p = new_pod(&c, "neither-", "", l1(), Some(&key));
        add_pod(&mut c, p)
    };
    let d = ds(&c, &key);
    let map = get_nodes_to_daemon_pods(&mut c, &d, false);
    let want: BTreeMap<String, Vec<Key>> = [
        ("node-0".to_string(), vec![bound]),
        ("node-1".to_string(), vec![by_fields]),
    ]
    .into_iter()
    .collect();
    assert_eq!(map, want);
    assert!(!map
        .values()
        .flatten()
        .any(|k| *k == two_values || *k == neither));
}

#[test]
fn s96_get_nodes_to_daemon_pods() {
    for include_deleted_terminal in [false, true] {
        let mut c = Cluster::new();
        add_nodes(&mut c, 0, 2, Labels::new());
        let key = store_ds(&mut c, new_ds("foo"));
        let key2 = store_ds(&mut c, new_ds("foo2"));
        let now = c.now;
        let mut wanted: Vec<Key> = Vec::new();
        let mut ignored: Vec<Key> = Vec::new();
        let add = |c: &mut Cluster,
                   prefix: &str,
                   node: &str,
                   l: Labels,
                   owner: Option<&Key>,
                   f: &dyn Fn(&mut Pod)| {
            let mut p = new_pod(c, prefix, node, l, owner);
            f(&mut p);
            add_pod(c, p)
        };
        let none = |_: &mut Pod| {};
        let succeeded = |p: &mut Pod| p.status.phase = "Succeeded".into();
        let failed = |p: &mut Pod| p.status.phase = "Failed".into();
        let succeeded_deleted = |p: &mut Pod| {
            p.status.phase = "Succeeded".into();
            p.metadata.deletion_timestamp = Some(now);
        };
        let failed_deleted = |p: &mut Pod| {
            p.status.phase = "Failed".into();
            p.metadata.deletion_timestamp = Some(now);
        };
        wanted.push(add(
            &mut c,
            "matching-owned-0-",
            "node-0",
            l1(),
            Some(&key),
            &none,
        ));
        wanted.push(add(
            &mut c,
            "matching-orphan-0-",
            "node-0",
            l1(),
            None,
            &none,
        ));
        wanted.push(add(
            &mut c,
            "matching-owned-1-",
            "node-1",
            l1(),
            Some(&key),
            &none,
        ));
        wanted.push(add(
            &mut c,
            "matching-orphan-1-",
            "node-1",
            l1(),
            None,
            &none,
        ));
        wanted.push(add(
            &mut c,
            "matching-owned-succeeded-pod-0-",
            "node-0",
            l1(),
            Some(&key),
            &succeeded,
        ));
        wanted.push(add(
            &mut c,
            "matching-owned-failed-pod-1-",
            "node-1",
            l1(),
            Some(&key),
            &failed,
        ));
        ignored.push(add(
            &mut c,
            "non-matching-owned-0-",
            "node-0",
            l2(),
            Some(&key),
            &none,
        ));
        ignored.push(add(
            &mut c,
            "non-matching-orphan-1-",
            "node-1",
            l2(),
            None,
            &none,
        ));
        ignored.push(add(
            &mut c,
            "matching-owned-by-other-0-",
            "node-0",
            l1(),
            Some(&key2),
            &none,
        ));
        let not_ours = ignored.clone();
        let deleted_terminal = [
            add(
                &mut c,
                "matching-owned-succeeded-deleted-pod-0-",
                "node-0",
                l1(),
                Some(&key),
                &succeeded_deleted,
            ),
            add(
                &mut c,
                "matching-owned-failed-deleted-pod-1-",
                "node-1",
                l1(),
                Some(&key),
                &failed_deleted,
            ),
        ];
        if include_deleted_terminal {
            wanted.extend(deleted_terminal);
        } else {
            ignored.extend(deleted_terminal);
        }
        let d = ds(&c, &key);
        let map = get_nodes_to_daemon_pods(&mut c, &d, include_deleted_terminal);
        let mut want: BTreeMap<String, BTreeSet<Key>> = BTreeMap::new();
        for k in &wanted {
            want.entry(c.store.pods[k].spec.node_name.clone())
                .or_default()
                .insert(k.clone());
        }
        let got: BTreeMap<String, BTreeSet<Key>> = map
            .into_iter()
            .map(|(n, v)| (n, v.into_iter().collect()))
            .collect();
        assert_eq!(
            got, want,
            "S96 includeDeletedTerminal={include_deleted_terminal}"
        );
        let uid = &c.store.daemonsets[&key].metadata.uid;
        // Orphans that match were adopted; owned pods that no longer match were released.
        for k in &wanted {
            assert_eq!(
                c.store.pods[k].metadata.controller_ref().map(|r| &r.uid),
                Some(uid),
                "{k} is owned"
            );
        }
        for k in &not_ours {
            assert_ne!(
                c.store.pods[k].metadata.controller_ref().map(|r| &r.uid),
                Some(uid),
                "{k} is not owned"
            );
        }
    }
}
