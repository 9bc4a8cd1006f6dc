//! The input is a small program: at most 32 commands picked from kubectl templates
//! (apply nodes or DaemonSets built from fuzzed fields, label/taint/cordon/delete a node,
//! delete pods or DaemonSets, `sleep`, get/describe in every output format, rollout
//! status/history/undo/restart, set image, drain, patch, the `sim` verbs, and a few raw
//! command lines), run in one `Session`, so that the controllers reconcile random
//! sequences of changes. At most 16 nodes, 4 DaemonSet names and 3 namespaces.
//!
//! After every command the cluster is checked cheaply:
//! - no DaemonSet has more than one live pod (not terminating, not finished) on a node,
//!   or two when its rolling update may surge (`maxSurge` > 0);
//! - the counters of every DaemonSet status are not negative.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use engine::session::{NoFiles, Session};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const MAX_COMMANDS: usize = 32;
const MAX_NODES: u8 = 16;
const MAX_LIST: usize = 4;

const LABEL_KEYS: &[&str] = &[
    "disk",
    "type",
    "zone",
    "app",
    "node-role.kubernetes.io/control-plane",
    "kubernetes.io/hostname",
    "topology.kubernetes.io/zone",
];
const LABEL_VALUES: &[&str] = &["ssd", "hdd", "a", "b", "", "platform-tools", "10", "node-0"];
const TAINT_KEYS: &[&str] = &[
    "dedicated",
    "app",
    "node-role.kubernetes.io/control-plane",
    "node.kubernetes.io/unschedulable",
    "node.kubernetes.io/not-ready",
    "node.kubernetes.io/unreachable",
    "",
];
const EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute", "", "Bogus"];
const NAMESPACES: &[&str] = &["default", "kube-system", "logging"];
const DS_NAMES: &[&str] = &["fluentd", "node-exporter", "ssd-monitor", "x"];
const OPERATORS: &[&str] = &[
    "In",
    "NotIn",
    "Exists",
    "DoesNotExist",
    "Gt",
    "Lt",
    "Equal",
    "bogus",
];
const PRIORITY_CLASSES: &[&str] = &[
    "",
    "system-node-critical",
    "system-cluster-critical",
    "missing",
];
const RESOURCES: &[&str] = &[
    "nodes",
    "pods",
    "ds",
    "daemonsets.apps",
    "controllerrevisions",
    "events",
    "ns",
    "priorityclasses",
    "all",
    "pods,ds",
];
const FORMATS: &[&str] = &[
    "",
    "wide",
    "yaml",
    "json",
    "name",
    "jsonpath={.items}",
    "bogus",
];

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[i as usize % list.len()]
}

fn node_name(i: u8) -> String {
    format!("node-{}", i % MAX_NODES)
}

/// A string that is mostly from the vocabulary, sometimes fuzzed (kept short).
#[derive(Arbitrary, Debug)]
enum Word {
    Known(u8),
    Free(String),
}

impl Word {
    fn get(&self, list: &[&str]) -> String {
        match self {
            Word::Known(i) => pick(list, *i).to_string(),
            Word::Free(s) => s.chars().take(70).collect(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum IntOrStr {
    Int(i8),
    Percent(u8),
    Str(Word),
}

impl IntOrStr {
    fn json(&self) -> Value {
        match self {
            IntOrStr::Int(i) => json!(i),
            IntOrStr::Percent(p) => json!(format!("{}%", p % 160)),
            IntOrStr::Str(w) => json!(w.get(&["1", "50%", "0", "0%", "100%", "-1", "x%"])),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct TaintSpec {
    key: Word,
    value: u8,
    effect: u8,
}

impl TaintSpec {
    fn json(&self) -> Value {
        let mut m = Map::new();
        m.insert("key".into(), json!(self.key.get(TAINT_KEYS)));
        if self.value % 3 != 0 {
            m.insert("value".into(), json!(pick(LABEL_VALUES, self.value)));
        }
        m.insert("effect".into(), json!(pick(EFFECTS, self.effect)));
        Value::Object(m)
    }
}

#[derive(Arbitrary, Debug)]
struct NodeSpec {
    index: u8,
    labels: Vec<(u8, u8)>,
    taints: Vec<TaintSpec>,
    unschedulable: bool,
    /// Allocatable pods / cpu (millicores) / memory (Mi), when set.
    allocatable: Option<(u8, u16, u16)>,
    /// Ready condition: None leaves it out, else True / False / Unknown.
    ready: Option<u8>,
}

impl NodeSpec {
    fn json(&self) -> Value {
        let labels: BTreeMap<String, String> = self
            .labels
            .iter()
            .take(MAX_LIST)
            .map(|(k, v)| {
                (
                    pick(LABEL_KEYS, *k).to_string(),
                    pick(LABEL_VALUES, *v).to_string(),
                )
            })
            .collect();
        let mut spec = Map::new();
        if !self.taints.is_empty() {
            spec.insert(
                "taints".into(),
                Value::Array(
                    self.taints
                        .iter()
                        .take(MAX_LIST)
                        .map(TaintSpec::json)
                        .collect(),
                ),
            );
        }
        if self.unschedulable {
            spec.insert("unschedulable".into(), json!(true));
        }
        let mut node = json!({
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": { "name": node_name(self.index), "labels": labels },
            "spec": spec,
        });
        let mut status = Map::new();
        if let Some((pods, cpu, mem)) = self.allocatable {
            let a = json!({ "pods": pods.to_string(), "cpu": format!("{cpu}m"), "memory": format!("{mem}Mi") });
            status.insert("allocatable".into(), a.clone());
            status.insert("capacity".into(), a);
        }
        if let Some(r) = self.ready {
            let s = ["True", "False", "Unknown"][r as usize % 3];
            status.insert(
                "conditions".into(),
                json!([{ "type": "Ready", "status": s }]),
            );
        }
        if !status.is_empty() {
            node["status"] = Value::Object(status);
        }
        node
    }
}

#[derive(Arbitrary, Debug)]
struct Toleration {
    key: u8,
    operator: u8,
    value: Option<u8>,
    effect: Option<u8>,
    seconds: Option<i16>,
}

impl Toleration {
    fn json(&self) -> Value {
        let mut m = Map::new();
        let key = pick(TAINT_KEYS, self.key);
        if !key.is_empty() {
            m.insert("key".into(), json!(key));
        }
        let op = pick(&["Exists", "Equal", "", "bogus"], self.operator);
        if !op.is_empty() {
            m.insert("operator".into(), json!(op));
        }
        if let Some(v) = self.value {
            m.insert("value".into(), json!(pick(LABEL_VALUES, v)));
        }
        if let Some(e) = self.effect {
            m.insert("effect".into(), json!(pick(EFFECTS, e)));
        }
        if let Some(s) = self.seconds {
            m.insert("tolerationSeconds".into(), json!(s));
        }
        Value::Object(m)
    }
}

#[derive(Arbitrary, Debug)]
struct Requirement {
    key: u8,
    operator: u8,
    values: Vec<u8>,
    /// A `matchFields` requirement on `metadata.name` instead of a label.
    field: bool,
}

impl Requirement {
    fn json(&self) -> Value {
        let values: Vec<String> = if self.field {
            self.values
                .iter()
                .take(MAX_LIST)
                .map(|v| node_name(*v))
                .collect()
        } else {
            self.values
                .iter()
                .take(MAX_LIST)
                .map(|v| pick(LABEL_VALUES, *v).to_string())
                .collect()
        };
        let key = if self.field {
            "metadata.name"
        } else {
            pick(LABEL_KEYS, self.key)
        };
        json!({ "key": key, "operator": pick(OPERATORS, self.operator), "values": values })
    }
}

#[derive(Arbitrary, Debug)]
enum Selector {
    /// matchLabels equal to the template's labels (the usual, valid case).
    SameAsTemplate,
    Labels(Vec<(u8, u8)>),
    Expressions(Vec<(u8, u8, Vec<u8>)>),
    Missing,
}

#[derive(Arbitrary, Debug)]
struct DsSpec {
    name: u8,
    namespace: u8,
    template_labels: Vec<(u8, u8)>,
    selector: Selector,
    node_selector: Vec<(u8, u8)>,
    tolerations: Vec<Toleration>,
    required: Option<Vec<Vec<Requirement>>>,
    preferred: Option<Vec<(u8, Requirement)>>,
    strategy: u8,
    max_unavailable: Option<IntOrStr>,
    max_surge: Option<IntOrStr>,
    min_ready_seconds: Option<i8>,
    revision_history_limit: Option<i8>,
    image: u8,
    readiness_delay: Option<u8>,
    host_port: Option<u16>,
    requests: Option<(u16, u16)>,
    priority_class: u8,
    grace: Option<i8>,
    api_version: u8,
}

fn labels_of(pairs: &[(u8, u8)], keys: &[&str], values: &[&str]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .take(MAX_LIST)
        .map(|(k, v)| (pick(keys, *k).to_string(), pick(values, *v).to_string()))
        .collect()
}

impl DsSpec {
    fn json(&self) -> Value {
        const POD_KEYS: &[&str] = &["name", "app", "tier"];
        const POD_VALUES: &[&str] = &["fluentd", "node-exporter", "a", "b"];
        let mut template_labels = labels_of(&self.template_labels, POD_KEYS, POD_VALUES);
        if template_labels.is_empty() {
            template_labels.insert("name".into(), pick(DS_NAMES, self.name).into());
        }
        let selector = match &self.selector {
            Selector::SameAsTemplate => json!({ "matchLabels": template_labels }),
            Selector::Labels(l) => json!({ "matchLabels": labels_of(l, POD_KEYS, POD_VALUES) }),
            Selector::Expressions(e) => {
                json!({ "matchExpressions": e.iter().take(MAX_LIST).map(|(k, op, vs)| json!({
                "key": pick(POD_KEYS, *k),
                "operator": pick(OPERATORS, *op),
                "values": vs.iter().take(MAX_LIST).map(|v| pick(POD_VALUES, *v)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>() })
            }
            Selector::Missing => Value::Null,
        };
        let mut container = json!({
            "name": "c",
            "image": format!("registry.k8s.io/img:v{}", self.image % 4),
        });
        if let Some(d) = self.readiness_delay {
            container["readinessProbe"] =
                json!({ "exec": { "command": ["true"] }, "initialDelaySeconds": d % 120 });
        }
        if let Some(p) = self.host_port {
            container["ports"] = json!([{ "containerPort": 80, "hostPort": p % 3 + 8080 }]);
        }
        if let Some((cpu, mem)) = self.requests {
            container["resources"] = json!({ "requests": { "cpu": format!("{}m", cpu % 4000), "memory": format!("{}Mi", mem % 4096) } });
        }
        let mut pod = Map::new();
        pod.insert("containers".into(), json!([container]));
        if !self.node_selector.is_empty() {
            pod.insert(
                "nodeSelector".into(),
                json!(labels_of(&self.node_selector, LABEL_KEYS, LABEL_VALUES)),
            );
        }
        if !self.tolerations.is_empty() {
            pod.insert(
                "tolerations".into(),
                Value::Array(
                    self.tolerations
                        .iter()
                        .take(MAX_LIST)
                        .map(Toleration::json)
                        .collect(),
                ),
            );
        }
        let mut node_affinity = Map::new();
        if let Some(terms) = &self.required {
            let terms: Vec<Value> = terms
                .iter()
                .take(MAX_LIST)
                .map(|reqs| {
                    let (fields, labels): (Vec<&Requirement>, Vec<&Requirement>) =
                        reqs.iter().take(MAX_LIST).partition(|r| r.field);
                    let mut t = Map::new();
                    if !labels.is_empty() {
                        t.insert(
                            "matchExpressions".into(),
                            labels.iter().map(|r| r.json()).collect(),
                        );
                    }
                    if !fields.is_empty() {
                        t.insert(
                            "matchFields".into(),
                            fields.iter().map(|r| r.json()).collect(),
                        );
                    }
                    Value::Object(t)
                })
                .collect();
            node_affinity.insert(
                "requiredDuringSchedulingIgnoredDuringExecution".into(),
                json!({ "nodeSelectorTerms": terms }),
            );
        }
        if let Some(prefs) = &self.preferred {
            let prefs: Vec<Value> = prefs
                .iter()
                .take(MAX_LIST)
                .map(|(w, r)| {
                    let kind = if r.field {
                        "matchFields"
                    } else {
                        "matchExpressions"
                    };
                    json!({ "weight": *w as i64 % 101, "preference": { kind: [r.json()] } })
                })
                .collect();
            node_affinity.insert(
                "preferredDuringSchedulingIgnoredDuringExecution".into(),
                Value::Array(prefs),
            );
        }
        if !node_affinity.is_empty() {
            pod.insert("affinity".into(), json!({ "nodeAffinity": node_affinity }));
        }
        let pc = pick(PRIORITY_CLASSES, self.priority_class);
        if !pc.is_empty() {
            pod.insert("priorityClassName".into(), json!(pc));
        }
        if let Some(g) = self.grace {
            pod.insert("terminationGracePeriodSeconds".into(), json!(g));
        }
        let mut strategy = Map::new();
        let ty = pick(&["RollingUpdate", "OnDelete", "", "Bogus"], self.strategy);
        if !ty.is_empty() {
            strategy.insert("type".into(), json!(ty));
        }
        if self.max_unavailable.is_some() || self.max_surge.is_some() {
            let mut ru = Map::new();
            if let Some(v) = &self.max_unavailable {
                ru.insert("maxUnavailable".into(), v.json());
            }
            if let Some(v) = &self.max_surge {
                ru.insert("maxSurge".into(), v.json());
            }
            strategy.insert("rollingUpdate".into(), Value::Object(ru));
        }
        let mut spec = Map::new();
        if !selector.is_null() {
            spec.insert("selector".into(), selector);
        }
        spec.insert(
            "template".into(),
            json!({ "metadata": { "labels": template_labels }, "spec": pod }),
        );
        if !strategy.is_empty() {
            spec.insert("updateStrategy".into(), Value::Object(strategy));
        }
        if let Some(m) = self.min_ready_seconds {
            spec.insert("minReadySeconds".into(), json!(m));
        }
        if let Some(r) = self.revision_history_limit {
            spec.insert("revisionHistoryLimit".into(), json!(r));
        }
        json!({
            "apiVersion": pick(&["apps/v1", "apps/v1", "apps/v1", "extensions/v1beta1"], self.api_version),
            "kind": "DaemonSet",
            "metadata": { "name": pick(DS_NAMES, self.name), "namespace": pick(NAMESPACES, self.namespace) },
            "spec": spec,
        })
    }
}

#[derive(Arbitrary, Debug)]
enum Cmd {
    ApplyNodes {
        nodes: Vec<NodeSpec>,
        as_list: bool,
        create: bool,
    },
    ApplyDs {
        ds: DsSpec,
        create: bool,
    },
    Label {
        node: u8,
        key: u8,
        value: u8,
        remove: bool,
        overwrite: bool,
    },
    LabelSelected {
        selector: (u8, u8),
        key: u8,
        value: u8,
    },
    Taint {
        node: u8,
        taint: TaintSpec,
        remove: bool,
        overwrite: bool,
    },
    Cordon {
        node: u8,
        undo: bool,
    },
    DeleteNode {
        node: u8,
    },
    DeleteDs {
        name: u8,
        namespace: u8,
        cascade: u8,
    },
    DeletePod {
        which: u16,
        grace: Option<u8>,
        force: bool,
    },
    DeleteAllPods {
        namespace: u8,
    },
    CreateNamespace {
        namespace: u8,
    },
    DeleteNamespace {
        namespace: u8,
    },
    Sleep {
        seconds: u16,
    },
    Get {
        resource: u8,
        format: u8,
        namespace: Option<u8>,
        all_namespaces: bool,
        show_labels: bool,
        selector: Option<(u8, u8)>,
    },
    Describe {
        resource: u8,
        name: Option<u8>,
        namespace: u8,
    },
    Rollout {
        sub: u8,
        name: u8,
        namespace: u8,
        revision: Option<u8>,
        timeout: u16,
    },
    SetImage {
        name: u8,
        namespace: u8,
        image: u8,
    },
    Drain {
        node: u8,
        ignore_daemonsets: bool,
        force: bool,
        grace: Option<u8>,
    },
    PatchDs {
        name: u8,
        namespace: u8,
        patch: DsPatch,
        merge: bool,
    },
    PatchNode {
        node: u8,
        unschedulable: bool,
        taint: Option<TaintSpec>,
    },
    /// The simulator's own verbs: image behaviour, kubelets, network, node readiness.
    Sim(SimVerb),
    /// `kubectl ` followed by a fuzzed command line (through the console's line parser).
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum DsPatch {
    MaxSurge(IntOrStr),
    MaxUnavailable(IntOrStr),
    Strategy(u8),
    Image(u8),
    NodeSelector(Vec<(u8, u8)>),
    Toleration(Toleration),
    MinReadySeconds(i8),
}

impl DsPatch {
    fn json(&self) -> Value {
        match self {
            DsPatch::MaxSurge(v) => {
                json!({"spec": {"updateStrategy": {"rollingUpdate": {"maxSurge": v.json()}}}})
            }
            DsPatch::MaxUnavailable(v) => {
                json!({"spec": {"updateStrategy": {"rollingUpdate": {"maxUnavailable": v.json()}}}})
            }
            DsPatch::Strategy(t) => {
                json!({"spec": {"updateStrategy": {"type": pick(&["RollingUpdate", "OnDelete", "Bogus"], *t)}}})
            }
            DsPatch::Image(i) => json!({"spec": {"template": {"spec": {"containers": [
                {"name": "c", "image": format!("registry.k8s.io/img:v{}", i % 4)}
            ]}}}}),
            DsPatch::NodeSelector(l) => {
                json!({"spec": {"template": {"spec": {"nodeSelector": labels_of(l, LABEL_KEYS, LABEL_VALUES)}}}})
            }
            DsPatch::Toleration(t) => {
                json!({"spec": {"template": {"spec": {"tolerations": [t.json()]}}}})
            }
            DsPatch::MinReadySeconds(m) => json!({"spec": {"minReadySeconds": m}}),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum SimVerb {
    Image {
        image: u8,
        unpullable: bool,
        never_ready: bool,
        crash_after: Option<u8>,
        pull_seconds: Option<u8>,
        reset: bool,
    },
    Kubelet {
        node: u8,
        stop: bool,
    },
    Network {
        node: u8,
        cut: bool,
    },
    Node {
        node: u8,
        not_ready: bool,
    },
}

fn argv(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

fn exec(session: &mut Session, argv: &[String], stdin: Option<&str>) {
    let out = session.exec(argv, stdin);
    if trace() {
        eprintln!("$ {}", argv.join(" "));
        if let Some(text) = stdin {
            eprintln!("<<<\n{text}\n>>>");
        }
        eprintln!("{}{}", out.stdout, out.stderr);
    }
}

/// Mostly a node that exists (by index among the nodes), now and then any node name.
fn target_node(session: &Session, i: u8) -> String {
    let nodes = &session.cluster.store.nodes;
    if nodes.is_empty() || i >= 224 {
        node_name(i)
    } else {
        nodes
            .keys()
            .nth(i as usize % nodes.len())
            .cloned()
            .unwrap_or_default()
    }
}

fn run(session: &mut Session, cmd: &Cmd) {
    let k = |words: &[&str]| {
        let mut v = vec!["kubectl".to_string()];
        v.extend(words.iter().map(|w| w.to_string()));
        v
    };
    match cmd {
        Cmd::ApplyNodes {
            nodes,
            as_list,
            create,
        } => {
            let items: Vec<Value> = nodes
                .iter()
                .take(MAX_NODES as usize)
                .map(NodeSpec::json)
                .collect();
            let text = if *as_list {
                json!({ "apiVersion": "v1", "kind": "List", "items": items }).to_string()
            } else {
                items
                    .iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join("\n---\n")
            };
            let verb = if *create { "create" } else { "apply" };
            exec(session, &k(&[verb, "-f", "-"]), Some(&text));
        }
        Cmd::ApplyDs { ds, create } => {
            let text = serde_json::to_string_pretty(&ds.json()).unwrap();
            let verb = if *create { "create" } else { "apply" };
            exec(session, &k(&[verb, "-f", "-"]), Some(&text));
        }
        Cmd::Label {
            node,
            key,
            value,
            remove,
            overwrite,
        } => {
            let spec = if *remove {
                format!("{}-", pick(LABEL_KEYS, *key))
            } else {
                format!("{}={}", pick(LABEL_KEYS, *key), pick(LABEL_VALUES, *value))
            };
            let mut a = k(&["label", "node", &target_node(session, *node), &spec]);
            if *overwrite {
                a.push("--overwrite".into());
            }
            exec(session, &a, None);
        }
        Cmd::LabelSelected {
            selector,
            key,
            value,
        } => {
            let sel = format!(
                "{}={}",
                pick(LABEL_KEYS, selector.0),
                pick(LABEL_VALUES, selector.1)
            );
            let spec = format!("{}={}", pick(LABEL_KEYS, *key), pick(LABEL_VALUES, *value));
            exec(
                session,
                &k(&["label", "nodes", "-l", &sel, &spec, "--overwrite"]),
                None,
            );
        }
        Cmd::Taint {
            node,
            taint,
            remove,
            overwrite,
        } => {
            let key = taint.key.get(TAINT_KEYS);
            let effect = pick(EFFECTS, taint.effect);
            let mut spec = if taint.value % 3 == 0 {
                key
            } else {
                format!("{key}={}", pick(LABEL_VALUES, taint.value))
            };
            if !effect.is_empty() {
                spec = format!("{spec}:{effect}");
            }
            if *remove {
                spec.push('-');
            }
            let mut a = k(&["taint", "nodes", &target_node(session, *node), &spec]);
            if *overwrite {
                a.push("--overwrite".into());
            }
            exec(session, &a, None);
        }
        Cmd::Cordon { node, undo } => {
            exec(
                session,
                &k(&[
                    if *undo { "uncordon" } else { "cordon" },
                    &target_node(session, *node),
                ]),
                None,
            );
        }
        Cmd::DeleteNode { node } => {
            exec(
                session,
                &k(&["delete", "node", &target_node(session, *node)]),
                None,
            );
        }
        Cmd::DeleteDs {
            name,
            namespace,
            cascade,
        } => {
            let cascade = format!(
                "--cascade={}",
                pick(&["background", "foreground", "orphan", "false"], *cascade)
            );
            exec(
                session,
                &k(&[
                    "delete",
                    "ds",
                    pick(DS_NAMES, *name),
                    "-n",
                    pick(NAMESPACES, *namespace),
                    &cascade,
                ]),
                None,
            );
        }
        Cmd::DeletePod {
            which,
            grace,
            force,
        } => {
            let pods: Vec<(String, String)> = session
                .cluster
                .store
                .pods
                .keys()
                .map(|k| (k.namespace.to_string(), k.name.to_string()))
                .collect();
            if pods.is_empty() {
                return;
            }
            let (ns, name) = &pods[*which as usize % pods.len()];
            let mut a = k(&["delete", "pod", name, "-n", ns]);
            if let Some(g) = grace {
                a.push(format!("--grace-period={}", g % 40));
            }
            if *force {
                a.push("--force".into());
            }
            exec(session, &a, None);
        }
        Cmd::DeleteAllPods { namespace } => {
            exec(
                session,
                &k(&[
                    "delete",
                    "pods",
                    "--all",
                    "-n",
                    pick(NAMESPACES, *namespace),
                ]),
                None,
            );
        }
        Cmd::CreateNamespace { namespace } => {
            exec(
                session,
                &k(&["create", "namespace", pick(NAMESPACES, *namespace)]),
                None,
            );
        }
        Cmd::DeleteNamespace { namespace } => {
            exec(
                session,
                &k(&["delete", "namespace", pick(NAMESPACES, *namespace)]),
                None,
            );
        }
        Cmd::Sleep { seconds } => {
            // Mostly short sleeps; now and then up to an hour.
            let s = if seconds % 8 == 0 {
                seconds % 3600
            } else {
                seconds % 90
            };
            exec(session, &argv(&["sleep", &format!("{s}s")]), None);
        }
        Cmd::Get {
            resource,
            format,
            namespace,
            all_namespaces,
            show_labels,
            selector,
        } => {
            let mut a = k(&["get", pick(RESOURCES, *resource)]);
            let f = pick(FORMATS, *format);
            if !f.is_empty() {
                a.push(format!("-o={f}"));
            }
            if let Some(n) = namespace {
                a.extend(["-n".into(), pick(NAMESPACES, *n).into()]);
            }
            if *all_namespaces {
                a.push("-A".into());
            }
            if *show_labels {
                a.push("--show-labels".into());
            }
            if let Some((key, v)) = selector {
                a.extend([
                    "-l".into(),
                    format!("{}={}", pick(LABEL_KEYS, *key), pick(LABEL_VALUES, *v)),
                ]);
            }
            exec(session, &a, None);
        }
        Cmd::Describe {
            resource,
            name,
            namespace,
        } => {
            let r = pick(
                &["nodes", "pods", "ds", "controllerrevisions", "ns"],
                *resource,
            );
            let mut a = k(&["describe", r, "-n", pick(NAMESPACES, *namespace)]);
            if let Some(n) = name {
                a.push(match r {
                    "nodes" => node_name(*n),
                    "ds" => pick(DS_NAMES, *n).to_string(),
                    _ => pick(DS_NAMES, *n).chars().take(3).collect(),
                });
            }
            exec(session, &a, None);
        }
        Cmd::Rollout {
            sub,
            name,
            namespace,
            revision,
            timeout,
        } => {
            let sub = pick(&["status", "history", "undo", "restart", "pause"], *sub);
            let ds = format!("ds/{}", pick(DS_NAMES, *name));
            let mut a = k(&["rollout", sub, &ds, "-n", pick(NAMESPACES, *namespace)]);
            match sub {
                "status" => a.push(format!("--timeout={}s", timeout % 300 + 1)),
                "history" | "undo" => {
                    if let Some(r) = revision {
                        a.push(format!(
                            "--{}={}",
                            if sub == "undo" {
                                "to-revision"
                            } else {
                                "revision"
                            },
                            r % 6
                        ));
                    }
                }
                _ => {}
            }
            exec(session, &a, None);
        }
        Cmd::SetImage {
            name,
            namespace,
            image,
        } => {
            let ds = format!("ds/{}", pick(DS_NAMES, *name));
            let img = format!("c=registry.k8s.io/img:v{}", image % 4);
            exec(
                session,
                &k(&[
                    "set",
                    "image",
                    &ds,
                    &img,
                    "-n",
                    pick(NAMESPACES, *namespace),
                ]),
                None,
            );
        }
        Cmd::Drain {
            node,
            ignore_daemonsets,
            force,
            grace,
        } => {
            let mut a = k(&["drain", &target_node(session, *node), "--timeout=120s"]);
            if *ignore_daemonsets {
                a.push("--ignore-daemonsets".into());
            }
            if *force {
                a.push("--force".into());
            }
            if let Some(g) = grace {
                a.push(format!("--grace-period={}", g % 40));
            }
            exec(session, &a, None);
        }
        Cmd::PatchDs {
            name,
            namespace,
            patch,
            merge,
        } => {
            let mut a = k(&[
                "patch",
                "ds",
                pick(DS_NAMES, *name),
                "-n",
                pick(NAMESPACES, *namespace),
            ]);
            a.extend(["-p".into(), patch.json().to_string()]);
            if *merge {
                a.push("--type=merge".into());
            }
            exec(session, &a, None);
        }
        Cmd::PatchNode {
            node,
            unschedulable,
            taint,
        } => {
            let mut spec = json!({ "unschedulable": unschedulable });
            if let Some(t) = taint {
                spec["taints"] = json!([t.json()]);
            }
            let patch = json!({ "spec": spec }).to_string();
            exec(
                session,
                &k(&["patch", "node", &target_node(session, *node), "-p", &patch]),
                None,
            );
        }
        Cmd::Sim(verb) => {
            let a = match verb {
                SimVerb::Image {
                    image,
                    unpullable,
                    never_ready,
                    crash_after,
                    pull_seconds,
                    reset,
                } => {
                    let mut a = argv(&[
                        "sim",
                        "image",
                        &format!("registry.k8s.io/img:v{}", image % 4),
                    ]);
                    for (on, flag) in [
                        (*unpullable, "--unpullable"),
                        (*never_ready, "--never-ready"),
                        (*reset, "--reset"),
                    ] {
                        if on {
                            a.push(flag.into());
                        }
                    }
                    if let Some(n) = crash_after {
                        a.push(format!("--crash-after={}", n % 120));
                    }
                    if let Some(n) = pull_seconds {
                        a.push(format!("--pull-seconds={}", n % 120));
                    }
                    a
                }
                SimVerb::Kubelet { node, stop } => argv(&[
                    "sim",
                    "kubelet",
                    if *stop { "stop" } else { "start" },
                    &target_node(session, *node),
                ]),
                SimVerb::Network { node, cut } => argv(&[
                    "sim",
                    "network",
                    if *cut { "cut" } else { "restore" },
                    &target_node(session, *node),
                ]),
                SimVerb::Node { node, not_ready } => argv(&[
                    "sim",
                    "node",
                    if *not_ready { "not-ready" } else { "ready" },
                    &target_node(session, *node),
                ]),
            };
            exec(session, &a, None);
        }
        Cmd::Raw(line) => {
            let line: String = line.chars().take(200).collect();
            let line = format!("kubectl {line}");
            let out = session.run_command(&line, None);
            if trace() {
                eprintln!("$ {line}\n{}{}", out.stdout, out.stderr);
            }
        }
    }
}

/// Whether the DaemonSet may run a second (surge) pod on a node during a rolling update.
fn surges(ds: &engine::api::DaemonSet) -> bool {
    ds.is_rolling_update()
        && ds
            .spec
            .update_strategy
            .rolling_update
            .as_ref()
            .and_then(|r| r.max_surge.as_ref())
            .is_some_and(|s| s.scaled_value(1000, true).is_ok_and(|v| v > 0))
}

/// The invariants checked after every command.
fn check(session: &Session, after: &Cmd) {
    let store = &session.cluster.store;
    let by_uid: BTreeMap<&str, &engine::api::DaemonSet> = store
        .daemonsets
        .values()
        .map(|ds| (ds.metadata.uid.as_str(), &**ds))
        .collect();
    let mut per_node: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for (key, pod) in &store.pods {
        if pod.metadata.is_deleting() || pod.is_terminal() || pod.spec.node_name.is_empty() {
            continue;
        }
        let Some(owner) = pod.metadata.controller_ref() else {
            continue;
        };
        if owner.kind != "DaemonSet" {
            continue;
        }
        per_node
            .entry((owner.uid.as_str(), pod.spec.node_name.as_str()))
            .or_default()
            .push(&*key.name);
    }
    for ((uid, node), pods) in &per_node {
        // One pod per node, and one more (the surge pod) while a rolling update with
        // maxSurge replaces it.
        let ds = by_uid.get(uid);
        let most = if ds.is_some_and(|ds| surges(ds)) {
            2
        } else {
            1
        };
        assert!(
            pods.len() <= most,
            "DaemonSet {:?} ({uid}) has {} live pods on node {node} (at most {most} expected): {pods:?} (after {after:?})",
            ds.map(|ds| ds.key()),
            pods.len()
        );
    }
    for (key, ds) in &store.daemonsets {
        let s = &ds.status;
        for (name, v) in [
            ("currentNumberScheduled", s.current_number_scheduled),
            ("numberMisscheduled", s.number_misscheduled),
            ("desiredNumberScheduled", s.desired_number_scheduled),
            ("numberReady", s.number_ready),
            ("updatedNumberScheduled", s.updated_number_scheduled),
            ("numberAvailable", s.number_available),
        ] {
            assert!(
                v >= 0,
                "DaemonSet {key:?} has {name} = {v} (after {after:?})"
            );
        }
    }
}

/// A program: the commands decoded from the input, at most [`MAX_COMMANDS`].
#[derive(Debug)]
struct Program(Vec<Cmd>);

impl<'a> Arbitrary<'a> for Program {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut cmds = Vec::new();
        while cmds.len() < MAX_COMMANDS && !u.is_empty() {
            match Cmd::arbitrary(u) {
                Ok(c) => cmds.push(c),
                Err(_) => break,
            }
        }
        Ok(Program(cmds))
    }
}

/// `SESSION_FUZZ_TRACE=1` prints every command and its output (to triage a crash).
fn trace() -> bool {
    static TRACE: OnceLock<bool> = OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("SESSION_FUZZ_TRACE").is_some())
}

fuzz_target!(|program: Program| {
    let mut session = Session::new(Box::new(NoFiles));
    for cmd in &program.0 {
        run(&mut session, cmd);
        check(&session, cmd);
    }
});
