//! §17 B: the predicate table of `TestNodeShouldRunDaemonPod` (S29a–k), through
//! `placement::node_should_run_daemon_pod`, and checked once more through one sync (a node
//! where `shouldRun` holds gets a pod, whatever other pods are on it).

use crate::harness::*;
use engine::api::*;
use engine::cluster::Cluster;
use engine::cluster::Shared;
use engine::placement::node_should_run_daemon_pod;
use serde_json::json;

/// `resourceContainerSpec` / `resourcePodSpec` with optional host port.
fn spec(memory: Option<&str>, host_port: Option<i32>) -> PodSpec {
    let resources = memory.map(|m| {
        let mut r = ResourceRequirements::default();
        r.requests.insert("memory".into(), json!(m));
        r
    });
    let ports = host_port
        .map(|p| {
            vec![ContainerPort {
                host_port: Some(p),
                container_port: p,
                ..Default::default()
            }]
        })
        .unwrap_or_default();
    PodSpec {
        containers: Shared::new(vec![Container {
            name: "foo".into(),
            image: "foo/bar".into(),
            resources,
            ports,
            ..Default::default()
        }]),
        ..Default::default()
    }
}

fn affinity(key: &str, values: &[&str]) -> Option<Affinity> {
    Some(Affinity {
        node_affinity: Some(NodeAffinity {
            required: Some(NodeSelector {
                node_selector_terms: vec![NodeSelectorTerm {
                    match_expressions: vec![NodeSelectorRequirement {
                        key: key.into(),
                        operator: "In".into(),
                        values: strings(values),
                    }],
                    match_fields: vec![],
                }],
            }),
            ..Default::default()
        }),
        ..Default::default()
    })
}

struct Case {
    id: &'static str,
    /// The DaemonSet template spec.
    template: PodSpec,
    /// Pods already on the node (not the DaemonSet's).
    existing: Vec<PodSpec>,
    unschedulable: bool,
    want: (bool, bool),
}

fn cases() -> Vec<Case> {
    let with = |f: &dyn Fn(&mut PodSpec)| {
        let mut s = spec(None, None);
        f(&mut s);
        s
    };
    vec![
        Case {
            id: "S29a",
            template: spec(Some("50M"), None),
            existing: vec![],
            unschedulable: false,
            want: (true, true),
        },
        Case {
            id: "S29b",
            template: spec(Some("200M"), None),
            existing: vec![],
            unschedulable: false,
            want: (true, true),
        },
        Case {
            id: "S29c",
            template: with(&|s| s.node_name = "other-node".into()),
            existing: vec![],
            unschedulable: false,
            want: (false, false),
        },
        Case {
            id: "S29d",
            template: spec(None, Some(666)),
            existing: vec![spec(None, Some(666))],
            unschedulable: false,
            want: (true, true),
        },
        Case {
            id: "S29e",
            template: spec(Some("100M"), None),
            existing: vec![spec(Some("50M"), Some(666))],
            unschedulable: false,
            want: (true, true),
        },
        Case {
            id: "S29f",
            template: spec(Some("50M"), None),
            existing: vec![spec(Some("50M"), None)],
            unschedulable: false,
            want: (true, true),
        },
        Case {
            id: "S29g",
            template: with(&|s| s.node_selector = l2()),
            existing: vec![],
            unschedulable: false,
            want: (false, false),
        },
        Case {
            id: "S29h",
            template: with(&|s| s.node_selector = l1()),
            existing: vec![],
            unschedulable: false,
            want: (true, true),
        },
        Case {
            id: "S29i",
            template: with(&|s| s.affinity = affinity("type", &["test"])),
            existing: vec![],
            unschedulable: false,
            want: (false, false),
        },
        Case {
            id: "S29j",
            template: with(&|s| s.affinity = affinity("type", &["production"])),
            existing: vec![],
            unschedulable: false,
            want: (true, true),
        },
        Case {
            id: "S29k",
            template: spec(None, None),
            existing: vec![],
            unschedulable: true,
            want: (true, true),
        },
    ]
}

/// Node `test-node`, labelled L1, allocatable memory 100M and 1 cpu.
fn test_node(unschedulable: bool) -> Node {
    let mut n = new_node("test-node", l1());
    allocatable(&mut n, "100M", "1");
    n.spec.unschedulable = unschedulable;
    n
}

#[test]
fn s29_node_should_run_daemon_pod() {
    for case in cases() {
        for (strategy_name, strategy) in both_strategies() {
            let mut c = Cluster::new();
            add_node(&mut c, test_node(case.unschedulable));
            for s in &case.existing {
                let mut p = Pod::default();
                p.metadata.generate_name = "existing-".into();
                p.metadata.namespace = NS.into();
                p.spec = s.clone();
                p.spec.node_name = "test-node".into();
                add_pod(&mut c, p);
            }
            let key = ds_with(&mut c, |d| {
                d.spec.update_strategy = strategy;
                d.spec.template.spec = case.template.clone();
            });
            let p = node_should_run_daemon_pod(&c.store.nodes["test-node"], &ds(&c, &key));
            assert_eq!(
                (p.should_run, p.should_continue_running),
                case.want,
                "{} ({strategy_name}): {:?}",
                case.id,
                p.reason
            );
            let s = sync(&mut c, &key);
            assert_eq!(
                s.counts(),
                (case.want.0 as usize, 0, 0),
                "{} ({strategy_name}): one sync",
                case.id
            );
        }
    }
}

/// Derived (§7.3): a requirement value that is not a valid label value makes its term a
/// parse error (`labels.NewRequirement` validates every value), so the term never matches,
/// whatever the operator: `NotIn` an invalid value, or `Gt` a negative number.
#[test]
fn s29_derived_invalid_requirement_value_never_matches() {
    let cases = [
        (
            "NotIn an invalid value",
            "color",
            "NotIn",
            "not valid!",
            false,
        ),
        ("NotIn a valid value", "color", "NotIn", "red", true),
        ("Gt a negative number", "size", "Gt", "-1", false),
        ("Gt a positive number", "size", "Gt", "1", true),
        (
            "Lt a value too long",
            "size",
            "Lt",
            "1000000000000000000000000000000000000000000000000000000000000000",
            false,
        ),
    ];
    for (name, key, op, value, want) in cases {
        let mut c = Cluster::new();
        let mut l = n1();
        l.insert("size".into(), "5".into());
        add_node(&mut c, new_node("test-node", l));
        let key_ = ds_with(&mut c, |d| {
            d.spec.template.spec.affinity = Some(Affinity {
                node_affinity: Some(NodeAffinity {
                    required: Some(NodeSelector {
                        node_selector_terms: vec![NodeSelectorTerm {
                            match_expressions: vec![NodeSelectorRequirement {
                                key: key.into(),
                                operator: op.into(),
                                values: strings(&[value]),
                            }],
                            match_fields: vec![],
                        }],
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            });
        });
        let p = node_should_run_daemon_pod(&c.store.nodes["test-node"], &ds(&c, &key_));
        assert_eq!(
            (p.should_run, p.should_continue_running),
            (want, want),
            "{name}: {:?}",
            p.reason
        );
        assert_eq!(
            sync(&mut c, &key_).counts(),
            (want as usize, 0, 0),
            "{name}"
        );
    }
}
