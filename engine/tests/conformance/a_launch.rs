//! §17 A: launching and placement (S1–S28).

use crate::harness::session::{self as sess, node_yaml};
use crate::harness::*;
use engine::api::*;
use engine::cluster::Cluster;
use engine::cluster::Shared;

/// Runs `setup` once per strategy ("both strategies") and checks one sync's `(c, d, e)`.
#[track_caller]
fn each_strategy(
    want: (usize, usize, usize),
    setup: impl Fn(&mut Cluster, DaemonSetUpdateStrategy) -> engine::cluster::Key,
) {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        let key = setup(&mut c, strategy);
        let s = sync(&mut c, &key);
        assert_eq!(s.counts(), want, "strategy {name}: {s:?}");
    }
}

fn node_selector_ds(
    c: &mut Cluster,
    strategy: DaemonSetUpdateStrategy,
    sel: Labels,
) -> engine::cluster::Key {
    ds_with(c, |d| {
        d.spec.update_strategy = strategy;
        d.spec.template.spec.node_selector = sel;
    })
}

fn requirement(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
    NodeSelectorRequirement {
        key: key.into(),
        operator: op.into(),
        values: strings(values),
    }
}

fn required_affinity(terms: Vec<NodeSelectorTerm>) -> Option<Affinity> {
    Some(Affinity {
        node_affinity: Some(NodeAffinity {
            required: Some(NodeSelector {
                node_selector_terms: terms,
            }),
            ..Default::default()
        }),
        ..Default::default()
    })
}

#[test]
fn s1_simple_daemon_set_launches_pods() {
    each_strategy((5, 0, 0), |c, strategy| {
        add_nodes(c, 0, 5, Labels::new());
        ds_with(c, |d| d.spec.update_strategy = strategy)
    });
}

#[test]
fn s2_schedule_daemon_set_pods_launches_pods() {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 5, Labels::new());
    let key = ds_with(&mut c, |_| {});
    let s = expect_sync(&mut c, &key, (5, 0, 0));
    let mut nodes = Vec::new();
    for p in ds_pods(&c, &key) {
        assert!(
            p.spec.node_name.is_empty(),
            "created pods are not bound: {}",
            p.metadata.name
        );
        let terms = &p
            .spec
            .affinity
            .as_ref()
            .unwrap()
            .node_affinity
            .as_ref()
            .unwrap()
            .required
            .as_ref()
            .unwrap()
            .node_selector_terms;
        assert_eq!(terms.len(), 1);
        assert!(terms[0].match_expressions.is_empty());
        assert_eq!(terms[0].match_fields.len(), 1);
        let f = &terms[0].match_fields[0];
        assert_eq!(
            (f.key.as_str(), f.operator.as_str(), f.values.len()),
            ("metadata.name", "In", 1)
        );
        nodes.push(f.values[0].clone());
    }
    nodes.sort();
    assert_eq!(
        nodes,
        strings(&["node-0", "node-1", "node-2", "node-3", "node-4"])
    );
    assert_eq!(s.created_on, nodes);
}

#[test]
fn s3_no_nodes_does_nothing() {
    each_strategy((0, 0, 0), |c, strategy| {
        ds_with(c, |d| d.spec.update_strategy = strategy)
    });
}

#[test]
fn s4_one_node_daemon_launches_pod() {
    each_strategy((1, 0, 0), |c, strategy| {
        add_node(c, new_node("only-node", Labels::new()));
        ds_with(c, |d| d.spec.update_strategy = strategy)
    });
}

#[test]
fn s5_not_ready_node_daemon_does_launch_pod() {
    each_strategy((1, 0, 0), |c, strategy| {
        let mut n = new_node("not-ready", Labels::new());
        n.status.conditions = vec![node_condition("Ready", "False")];
        add_node(c, n);
        ds_with(c, |d| d.spec.update_strategy = strategy)
    });
}

#[test]
fn s6_network_unavailable_node_daemon_launches_pod() {
    each_strategy((1, 0, 0), |c, strategy| {
        let mut n = new_node("network-unavailable", Labels::new());
        n.status.conditions = vec![node_condition("NetworkUnavailable", "True")];
        add_node(c, n);
        ds_with(c, |d| d.spec.update_strategy = strategy)
    });
}

#[test]
fn s7_insufficient_capacity_does_not_unschedule_running_pod() {
    each_strategy((1, 0, 0), |c, strategy| {
        let spec = resource_pod_spec("too-much-mem", "75M", "75m");
        let mut n = new_node("too-much-mem", Labels::new());
        allocatable(&mut n, "100M", "200m");
        add_node(c, n);
        // An unrelated, unlabelled pod with the same spec already on the node.
        let mut other = Pod::default();
        other.metadata.generate_name = "unrelated-".into();
        other.metadata.namespace = NS.into();
        other.spec = spec.clone();
        add_pod(c, other);
        ds_with(c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec = spec;
        })
    });
}

#[test]
fn s8_insufficient_capacity_sufficient_capacity_with_node_label_launches_pod() {
    let mut c = Cluster::new();
    let mut a = new_node("not-enough-resource", Labels::new());
    allocatable(&mut a, "10M", "20m");
    add_node(&mut c, a);
    let mut b = new_node("enough-resource", n1());
    allocatable(&mut b, "100M", "200m");
    add_node(&mut c, b);
    let key = ds_with(&mut c, |d| {
        d.spec.template.spec = resource_pod_spec("", "50M", "75m");
        d.spec.template.spec.node_selector = n1();
    });
    let s = expect_sync(&mut c, &key, (1, 0, 0));
    assert_eq!(s.created_on, strings(&["enough-resource"]));
    assert!(
        c.store.events.iter().all(|e| e.type_ != "Warning"),
        "no warning events: {:?}",
        c.store.events
    );
}

#[test]
fn s9_selector_daemon_launches_pods() {
    each_strategy((3, 0, 0), |c, strategy| {
        add_nodes(c, 0, 4, Labels::new());
        add_nodes(c, 4, 3, n1());
        node_selector_ds(c, strategy, n1())
    });
}

#[test]
fn s10_selector_daemon_set_launches_pods() {
    let mut c = Cluster::new();
    add_nodes(&mut c, 0, 4, Labels::new());
    add_nodes(&mut c, 4, 3, n1());
    let key = node_selector_ds(&mut c, on_delete(), n1());
    let s = expect_sync(&mut c, &key, (3, 0, 0));
    assert_eq!(s.created_on, strings(&["node-4", "node-5", "node-6"]));
}

#[test]
fn s11_bad_selector_daemon_does_nothing() {
    each_strategy((0, 0, 0), |c, strategy| {
        add_nodes(c, 0, 4, Labels::new());
        add_nodes(c, 4, 3, n1());
        node_selector_ds(c, strategy, n2())
    });
}

#[test]
fn s12_name_daemon_set_launches_pods() {
    each_strategy((1, 0, 0), |c, strategy| {
        add_nodes(c, 0, 5, Labels::new());
        ds_with(c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec.node_name = "node-0".into();
        })
    });
}

#[test]
fn s13_bad_name_daemon_set_does_nothing() {
    each_strategy((0, 0, 0), |c, strategy| {
        add_nodes(c, 0, 5, Labels::new());
        ds_with(c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec.node_name = "node-10".into();
        })
    });
}

#[test]
fn s14_name_and_selector_daemon_set_launches_pods() {
    each_strategy((1, 0, 0), |c, strategy| {
        add_nodes(c, 0, 4, Labels::new());
        add_nodes(c, 4, 3, n1());
        ds_with(c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec.node_selector = n1();
            d.spec.template.spec.node_name = "node-6".into();
        })
    });
}

#[test]
fn s15_inconsistent_name_selector_daemon_set_does_nothing() {
    each_strategy((0, 0, 0), |c, strategy| {
        add_nodes(c, 0, 4, Labels::new());
        add_nodes(c, 4, 3, n1());
        ds_with(c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec.node_selector = n1();
            d.spec.template.spec.node_name = "node-0".into();
        })
    });
}

#[test]
fn s16_node_affinity_daemon_launches_pods() {
    each_strategy((3, 0, 0), |c, strategy| {
        add_nodes(c, 0, 4, Labels::new());
        add_nodes(c, 4, 3, n1());
        ds_with(c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec.affinity = required_affinity(vec![NodeSelectorTerm {
                match_expressions: vec![requirement("color", "In", &["blue"])],
                match_fields: vec![],
            }]);
        })
    });
}

/// Integration test: the terms are ORed, and the scheduler binds each pod to its node.
#[test]
fn s17_node_selector_terms_are_ored() {
    for (name, strategy) in both_strategies() {
        let mut c = Cluster::new();
        for i in 0..6 {
            let l = if i == 2 || i == 3 {
                labels(&[("zone", "test")])
            } else {
                Labels::new()
            };
            add_node(&mut c, new_node(&format!("node-{i}"), l));
        }
        let key = ds_with(&mut c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec.affinity = required_affinity(vec![
                NodeSelectorTerm {
                    match_expressions: vec![requirement("zone", "In", &["test"])],
                    match_fields: vec![],
                },
                NodeSelectorTerm {
                    match_expressions: vec![],
                    match_fields: vec![requirement("metadata.name", "In", &["node-1"])],
                },
            ]);
        });
        let s = expect_sync(&mut c, &key, (3, 0, 0));
        assert_eq!(
            s.created_on,
            strings(&["node-1", "node-2", "node-3"]),
            "{name}"
        );
        c.settle();
        let mut bound: Vec<String> = ds_pods(&c, &key)
            .iter()
            .map(|p| p.spec.node_name.clone())
            .collect();
        bound.sort();
        assert_eq!(bound, strings(&["node-1", "node-2", "node-3"]), "{name}");
    }
}

fn tainted_node(c: &mut Cluster, name: &str, taints: Vec<Taint>) {
    let mut n = new_node(name, Labels::new());
    n.spec.taints = taints;
    add_node(c, n);
}

#[test]
fn s18_tainted_node_daemon_does_not_launch_intolerant_pod() {
    each_strategy((0, 0, 0), |c, strategy| {
        tainted_node(
            c,
            "tainted",
            vec![taint("dedicated", "user1", "NoSchedule")],
        );
        ds_with(c, |d| d.spec.update_strategy = strategy)
    });
}

#[test]
fn s19_tainted_node_daemon_launches_tolerate_pod() {
    each_strategy((1, 0, 0), |c, strategy| {
        tainted_node(
            c,
            "tainted",
            vec![taint("dedicated", "user1", "NoSchedule")],
        );
        ds_with(c, |d| {
            d.spec.update_strategy = strategy;
            *d.spec.template.spec.tolerations =
                vec![toleration("dedicated", "Equal", "user1", "NoSchedule")];
        })
    });
}

#[test]
fn s20_node_daemon_launches_tolerate_pod() {
    each_strategy((1, 0, 0), |c, strategy| {
        add_node(c, new_node("untainted", Labels::new()));
        ds_with(c, |d| {
            d.spec.update_strategy = strategy;
            *d.spec.template.spec.tolerations =
                vec![toleration("dedicated", "Equal", "user1", "NoSchedule")];
        })
    });
}

#[test]
fn s21_not_ready_node_daemon_launches_pod() {
    each_strategy((1, 0, 0), |c, strategy| {
        let mut n = new_node("tainted", Labels::new());
        n.spec.taints = vec![taint("node.kubernetes.io/not-ready", "", "NoExecute")];
        n.status.conditions = vec![node_condition("Ready", "False")];
        add_node(c, n);
        ds_with(c, |d| d.spec.update_strategy = strategy)
    });
}

#[test]
fn s22_unreachable_node_daemon_launches_pod() {
    each_strategy((1, 0, 0), |c, strategy| {
        let mut n = new_node("tainted", Labels::new());
        n.spec.taints = vec![taint("node.kubernetes.io/unreachable", "", "NoExecute")];
        n.status.conditions = vec![node_condition("Ready", "Unknown")];
        add_node(c, n);
        ds_with(c, |d| d.spec.update_strategy = strategy)
    });
}

#[test]
fn s23_taint_pressure_node_daemon_launches_pod() {
    each_strategy((1, 0, 0), |c, strategy| {
        let mut n = new_node("resources-pressure", Labels::new());
        n.status.conditions = vec![
            node_condition("DiskPressure", "True"),
            node_condition("MemoryPressure", "True"),
            node_condition("PIDPressure", "True"),
        ];
        n.spec.taints = vec![
            taint("node.kubernetes.io/disk-pressure", "", "NoSchedule"),
            taint("node.kubernetes.io/memory-pressure", "", "NoSchedule"),
            taint("node.kubernetes.io/pid-pressure", "", "NoSchedule"),
        ];
        add_node(c, n);
        // setDaemonSetCritical: kube-system, system-node-critical priority.
        let mut d = new_ds("critical");
        d.metadata.namespace = "kube-system".into();
        d.spec.update_strategy = strategy;
        d.spec.template.spec.priority_class_name = "system-node-critical".into();
        store_ds(c, d)
    });
}

const HOST_NETWORK_DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: foo
spec:
  selector:
    matchLabels:
      name: simple-daemon
      type: production
  updateStrategy:
    type: STRATEGY
  template:
    metadata:
      labels:
        name: simple-daemon
        type: production
    spec:
      hostNetwork: true
      containers:
      - name: foo
        image: foo/bar
";

fn strategy_yaml(base: &str, strategy: &str) -> String {
    base.replace("STRATEGY", strategy)
}

/// Integration test: a cordoned node and a NotReady node with network-unavailable both
/// get a pod that the scheduler binds and the kubelet makes ready.
#[test]
fn s24_unschedulable_node_daemon_does_launch_pod() {
    for strategy in ["OnDelete", "RollingUpdate"] {
        let mut s = sess::new();
        sess::apply(&mut s, &strategy_yaml(HOST_NETWORK_DS, strategy));
        sess::apply(
            &mut s,
            &node_yaml(
                "node-a",
                &[],
                "spec:\n  unschedulable: true\n  taints:\n  - key: node.kubernetes.io/unschedulable\n    effect: NoSchedule\n",
            ),
        );
        sess::apply(
            &mut s,
            &node_yaml(
                "node-b",
                &[],
                "spec:\n  taints:\n  - key: node.kubernetes.io/network-unavailable\n    effect: NoSchedule\nstatus:\n  conditions:\n  - type: Ready\n    status: \"False\"\n  - type: NetworkUnavailable\n    status: \"True\"\n",
            ),
        );
        sess::run(&mut s, "sleep 30");
        let key = engine::cluster::Key::new(NS, "foo");
        let pods = ds_pods(&s.cluster, &key);
        let mut bound: Vec<String> = pods.iter().map(|p| p.spec.node_name.clone()).collect();
        bound.sort();
        assert_eq!(bound, strings(&["node-a", "node-b"]), "{strategy}");
        assert!(pods.iter().all(|p| p.is_ready()), "{strategy}: {pods:?}");
        let st = status(&s.cluster, &key);
        assert_eq!(
            (st.desired_number_scheduled, st.number_ready),
            (2, 2),
            "{strategy}"
        );
    }
}

const SIMPLE_DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: foo
spec:
  selector:
    matchLabels:
      name: simple-daemon
      type: production
  updateStrategy:
    type: STRATEGY
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

/// Integration test: a NoSchedule-tainted node gets no pod until the taint is removed.
#[test]
fn s25_tainted_node() {
    for strategy in ["OnDelete", "RollingUpdate"] {
        let mut s = sess::new();
        sess::apply(&mut s, &strategy_yaml(SIMPLE_DS, strategy));
        sess::apply(
            &mut s,
            &node_yaml(
                "node-with-taint",
                &[],
                "spec:\n  taints:\n  - key: key1\n    value: val1\n    effect: NoSchedule\n",
            ),
        );
        sess::apply(&mut s, &node_yaml("node-without-taint", &[], ""));
        sess::run(&mut s, "sleep 30");
        let key = engine::cluster::Key::new(NS, "foo");
        let bound: Vec<String> = ds_pods(&s.cluster, &key)
            .iter()
            .map(|p| p.spec.node_name.clone())
            .collect();
        assert_eq!(bound, strings(&["node-without-taint"]), "{strategy}");
        let st = status(&s.cluster, &key);
        assert_eq!(
            (st.desired_number_scheduled, st.number_ready),
            (1, 1),
            "{strategy}"
        );

        sess::run(
            &mut s,
            "kubectl taint nodes node-with-taint key1=val1:NoSchedule-",
        );
        sess::run(&mut s, "sleep 30");
        let mut bound: Vec<String> = ds_pods(&s.cluster, &key)
            .iter()
            .map(|p| p.spec.node_name.clone())
            .collect();
        bound.sort();
        assert_eq!(
            bound,
            strings(&["node-with-taint", "node-without-taint"]),
            "{strategy}"
        );
        let st = status(&s.cluster, &key);
        assert_eq!(
            (st.desired_number_scheduled, st.number_ready),
            (2, 2),
            "{strategy}"
        );
    }
}

const RESOURCE_DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: foo
spec:
  selector:
    matchLabels:
      name: simple-daemon
      type: production
  updateStrategy:
    type: STRATEGY
  template:
    metadata:
      labels:
        name: simple-daemon
        type: production
    spec:
      containers:
      - name: foo
        image: foo/bar
        resources:
          requests:
            memory: 120M
            cpu: 75m
";

/// Integration test: the controller ignores resources; the scheduler keeps the pod that
/// does not fit Pending, and only the pod on the big node runs and becomes ready.
#[test]
fn s26_insufficient_capacity_node() {
    for strategy in ["OnDelete", "RollingUpdate"] {
        let mut s = sess::new();
        sess::apply(&mut s, &strategy_yaml(RESOURCE_DS, strategy));
        sess::apply(
            &mut s,
            &node_yaml(
                "node-with-limited-memory",
                &[],
                "status:\n  allocatable:\n    memory: 100M\n    cpu: 200m\n",
            ),
        );
        sess::run(&mut s, "sleep 30");
        let key = engine::cluster::Key::new(NS, "foo");
        let pods = ds_pods(&s.cluster, &key);
        assert_eq!(pods.len(), 1, "{strategy}: one pod is created");
        let p = &pods[0];
        assert!(
            p.spec.node_name.is_empty(),
            "{strategy}: the pod stays unscheduled"
        );
        assert_eq!(p.status.phase, "Pending");
        let cond = p.condition("PodScheduled").expect("PodScheduled condition");
        assert_eq!(
            (cond.status.as_ref(), cond.reason.as_ref()),
            ("False", "Unschedulable"),
            "{strategy}"
        );

        sess::apply(
            &mut s,
            &node_yaml(
                "node-with-enough-memory",
                &[],
                "status:\n  allocatable:\n    memory: 200M\n    cpu: 2000m\n",
            ),
        );
        sess::run(&mut s, "sleep 30");
        let pods = ds_pods(&s.cluster, &key);
        assert_eq!(pods.len(), 2, "{strategy}: two pods exist");
        let scheduled: Vec<&Pod> = pods
            .iter()
            .filter(|p| !p.spec.node_name.is_empty())
            .collect();
        assert_eq!(scheduled.len(), 1, "{strategy}: only one is scheduled");
        assert_eq!(scheduled[0].spec.node_name, "node-with-enough-memory");
        assert!(scheduled[0].is_ready());
        let st = status(&s.cluster, &key);
        assert_eq!(
            (
                st.desired_number_scheduled,
                st.current_number_scheduled,
                st.number_ready
            ),
            (2, 2, 1),
            "{strategy}"
        );
    }
}

fn host_port_spec(port: i32) -> PodSpec {
    PodSpec {
        containers: Shared::new(vec![Container {
            name: "foo".into(),
            image: "foo/bar".into(),
            ports: vec![ContainerPort {
                host_port: Some(port),
                container_port: port,
                ..Default::default()
            }],
            ..Default::default()
        }]),
        ..Default::default()
    }
}

#[test]
fn s27_no_port_conflict_node_daemon_launches_pod() {
    each_strategy((1, 0, 0), |c, strategy| {
        add_node(c, new_node("port-conflict", Labels::new()));
        let mut other = Pod::default();
        other.metadata.generate_name = "unrelated-".into();
        other.metadata.namespace = NS.into();
        other.spec = host_port_spec(6661);
        other.spec.node_name = "port-conflict".into();
        add_pod(c, other);
        ds_with(c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec = host_port_spec(6662);
        })
    });
}

#[test]
fn s28_port_conflict_with_same_daemon_pod_does_not_delete_pod() {
    each_strategy((0, 0, 0), |c, strategy| {
        add_node(c, new_node("port-conflict", Labels::new()));
        let key = ds_with(c, |d| {
            d.spec.update_strategy = strategy;
            d.spec.template.spec = host_port_spec(666);
            d.spec.template.spec.node_name = "port-conflict".into();
        });
        add_pods(c, "port-conflict", l1(), &key, 1);
        key
    });
}
