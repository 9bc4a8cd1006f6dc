//! The fixtures of the upstream unit tests (`daemon_controller_test.go`, `update_test.go`),
//! as §17 "Conventions" of daemonset-semantics.md describes them, and a `sync` that runs
//! exactly one `syncDaemonSet` and reports what it did.
//!
//! Objects are put straight into the store, as the upstream tests put them into the
//! informer stores: the DaemonSet gets what the API server would give it on create
//! (defaults, `generation: 1`, the template generation annotation), but it is not
//! validated, because some scenarios need objects validation would refuse (an empty
//! selector, maxUnavailable and maxSurge both 0).

#![allow(dead_code)]

use engine::api::*;
use engine::cluster::Shared;
use engine::cluster::{Cluster, Key};
use engine::controller::daemonset::{compute_hash, sync_daemon_set};
use engine::controller::pods::remove_pod;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

pub const NS: &str = "default";

pub fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// `simpleDaemonSetLabel`.
pub fn l1() -> Labels {
    labels(&[("name", "simple-daemon"), ("type", "production")])
}

/// `simpleDaemonSetLabel2`.
pub fn l2() -> Labels {
    labels(&[("name", "simple-daemon"), ("type", "test")])
}

/// `simpleNodeLabel`.
pub fn n1() -> Labels {
    labels(&[("color", "blue"), ("speed", "fast")])
}

/// `simpleNodeLabel2`.
pub fn n2() -> Labels {
    labels(&[("color", "red"), ("speed", "fast")])
}

/// `time.Unix(secs, 0)` of the upstream tests, on the simulated clock.
pub fn t(secs: i64) -> Time {
    Time(engine::api::time::EPOCH_MS).plus_secs(secs)
}

/// Sets the controller's clock (`failedPodsBackoff.Clock` upstream).
pub fn set_clock(c: &mut Cluster, secs: i64) {
    c.now = t(secs);
}

pub fn taint(key: &str, value: &str, effect: &str) -> Taint {
    Taint {
        key: key.into(),
        value: value.into(),
        effect: effect.into(),
        time_added: None,
    }
}

pub fn toleration(key: &str, op: &str, value: &str, effect: &str) -> Toleration {
    Toleration {
        key: key.into(),
        operator: op.into(),
        value: value.into(),
        effect: effect.into(),
        toleration_seconds: None,
    }
}

pub fn node_condition(type_: &str, status: &str) -> NodeCondition {
    NodeCondition {
        type_: type_.into(),
        status: status.into(),
        ..Default::default()
    }
}

// ---------------------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------------------

/// `newNode`: Ready=True, allocatable pods 100, no taints.
pub fn new_node(name: &str, labels: Labels) -> Node {
    let mut n = Node {
        api_version: "v1".into(),
        kind: "Node".into(),
        ..Default::default()
    };
    n.metadata.name = name.into();
    *n.metadata.labels = labels;
    n.status.conditions = vec![node_condition("Ready", "True")];
    n.status.allocatable.insert("pods".into(), json!("100"));
    n
}

pub fn add_node(c: &mut Cluster, mut node: Node) {
    c.stamp_new(&mut node.metadata);
    c.store
        .nodes
        .insert(node.metadata.name.clone(), node.into());
}

/// `addNodes`: `node-<start>` .. `node-<start+count-1>`.
pub fn add_nodes(c: &mut Cluster, start: usize, count: usize, labels: Labels) {
    for i in start..start + count {
        add_node(c, new_node(&format!("node-{i}"), labels.clone()));
    }
}

/// `allocatableResources(memory, cpu)`.
pub fn allocatable(node: &mut Node, memory: &str, cpu: &str) {
    node.status
        .allocatable
        .insert("memory".into(), json!(memory));
    node.status.allocatable.insert("cpu".into(), json!(cpu));
    node.status.allocatable.insert("pods".into(), json!("100"));
}

// ---------------------------------------------------------------------------------------
// DaemonSets
// ---------------------------------------------------------------------------------------

pub fn on_delete() -> DaemonSetUpdateStrategy {
    DaemonSetUpdateStrategy {
        type_: "OnDelete".into(),
        rolling_update: None,
    }
}

/// RollingUpdate with `maxUnavailable` (maxSurge left to the defaults: 0).
pub fn rolling(max_unavailable: IntOrString) -> DaemonSetUpdateStrategy {
    DaemonSetUpdateStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: Some(RollingUpdateDaemonSet {
            max_unavailable: Some(max_unavailable),
            max_surge: None,
        }),
    }
}

/// `newUpdateSurge`: RollingUpdate with `maxUnavailable: 0` and `maxSurge`.
pub fn surge(max_surge: IntOrString) -> DaemonSetUpdateStrategy {
    DaemonSetUpdateStrategy {
        type_: "RollingUpdate".into(),
        rolling_update: Some(RollingUpdateDaemonSet {
            max_unavailable: Some(IntOrString::Int(0)),
            max_surge: Some(max_surge),
        }),
    }
}

/// `updateStrategies()`: "both strategies" of §17.
pub fn both_strategies() -> Vec<(&'static str, DaemonSetUpdateStrategy)> {
    vec![
        ("OnDelete", on_delete()),
        ("RollingUpdate", rolling(IntOrString::Int(1))),
    ]
}

pub fn int(i: i32) -> IntOrString {
    IntOrString::Int(i)
}

pub fn pct(s: &str) -> IntOrString {
    IntOrString::Str(s.into())
}

/// `newDaemonSet(name)`: namespace default, selector and template labels L1, one
/// container `foo/bar`, OnDelete, revisionHistoryLimit 2.
pub fn new_ds(name: &str) -> DaemonSet {
    let mut ds = DaemonSet::default();
    ds.metadata.name = name.into();
    ds.metadata.namespace = NS.into();
    ds.spec.selector = Some(LabelSelector {
        match_labels: l1(),
        match_expressions: vec![],
    });
    *ds.spec.template.metadata.labels = l1();
    *ds.spec.template.spec.containers = vec![Container {
        name: "foo".into(),
        image: "foo/bar".into(),
        ..Default::default()
    }];
    ds.spec.update_strategy = on_delete();
    ds.spec.revision_history_limit = Some(2);
    ds
}

/// Stores a DaemonSet as the API server creates one: defaults, no status, generation 1,
/// the template generation annotation 1, uid and creation time.
pub fn store_ds(c: &mut Cluster, mut ds: DaemonSet) -> Key {
    engine::defaults::set_defaults_daemonset(&mut ds);
    ds.api_version = "apps/v1".into();
    ds.kind = "DaemonSet".into();
    ds.status = Default::default();
    ds.metadata.generation = 1;
    ds.metadata
        .annotations
        .insert(TEMPLATE_GENERATION_ANNOTATION.into(), "1".into());
    c.stamp_new(&mut ds.metadata);
    let key = Key::of(&ds.metadata);
    c.store.daemonsets.insert(key.clone(), ds.into());
    key
}

/// `new_ds("foo")`, changed by `f`, stored.
pub fn ds_with(c: &mut Cluster, f: impl FnOnce(&mut DaemonSet)) -> Key {
    let mut ds = new_ds("foo");
    f(&mut ds);
    store_ds(c, ds)
}

/// An update as the API server applies it: defaults; a template change bumps the
/// template generation annotation and `generation`, any other spec change `generation`.
pub fn update_ds(c: &mut Cluster, key: &Key, f: impl FnOnce(&mut DaemonSet)) {
    let old = (*c.store.daemonsets[key]).clone();
    let mut ds = old.clone();
    f(&mut ds);
    engine::defaults::set_defaults_daemonset(&mut ds);
    if ds.spec.template != old.spec.template {
        let g = old.template_generation().unwrap_or(1) + 1;
        ds.metadata
            .annotations
            .insert(TEMPLATE_GENERATION_ANNOTATION.into(), g.to_string());
        ds.metadata.generation += 1;
    } else if ds.spec != old.spec {
        ds.metadata.generation += 1;
    }
    ds.metadata.resource_version = c.new_resource_version();
    c.store.daemonsets.insert(key.clone(), ds.into());
}

pub fn ds(c: &Cluster, key: &Key) -> DaemonSet {
    (*c.store.daemonsets[key]).clone()
}

/// The revision hash of the DaemonSet's current template (`ComputeHash`).
pub fn current_hash(c: &Cluster, key: &Key) -> String {
    let d = &c.store.daemonsets[key];
    compute_hash(&d.spec.template, d.status.collision_count)
}

pub fn controller_ref(d: &DaemonSet) -> OwnerReference {
    OwnerReference {
        api_version: "apps/v1".into(),
        kind: "DaemonSet".into(),
        name: d.metadata.name.clone(),
        uid: d.metadata.uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

// ---------------------------------------------------------------------------------------
// Pods
// ---------------------------------------------------------------------------------------

/// `newPod(prefix, node, labels, ds)`: with a DaemonSet, the labels get the current hash,
/// the spec is the template's and the pod has the controllerRef. `node` may be empty.
/// The name is generated when the pod is added.
pub fn new_pod(c: &Cluster, prefix: &str, node: &str, labels: Labels, owner: Option<&Key>) -> Pod {
    let mut p = Pod {
        api_version: "v1".into(),
        kind: "Pod".into(),
        ..Default::default()
    };
    p.metadata.generate_name = prefix.into();
    p.metadata.namespace = NS.into();
    *p.metadata.labels = labels;
    if let Some(k) = owner {
        let d = &c.store.daemonsets[k];
        p.metadata.namespace = d.metadata.namespace.clone();
        p.metadata
            .labels
            .insert(REVISION_HASH_LABEL.into(), current_hash(c, k));
        p.spec = d.spec.template.spec.clone();
        *p.metadata.owner_references = vec![controller_ref(d)];
    } else {
        *p.spec.containers = vec![Container {
            name: "foo".into(),
            image: "foo/bar".into(),
            ..Default::default()
        }];
    }
    p.spec.node_name = node.into();
    p
}

/// Adds a pod: generates its name, stamps uid and resourceVersion, and keeps a creation
/// time set beforehand (else now).
pub fn add_pod(c: &mut Cluster, mut p: Pod) -> Key {
    if p.metadata.name.is_empty() {
        loop {
            let name = format!("{}{}", p.metadata.generate_name, c.random_suffix());
            if !c
                .store
                .pods
                .contains_key(&Key::new(&p.metadata.namespace, &name))
            {
                p.metadata.name = name;
                break;
            }
        }
    }
    let created = p.metadata.creation_timestamp;
    c.stamp_new(&mut p.metadata);
    if created.is_some() {
        p.metadata.creation_timestamp = created;
    }
    let key = Key::of(&p.metadata);
    let at = c.write_counter();
    c.store.pod_writes.note(at, key.clone());
    c.store.pods.insert(key.clone(), p.into());
    key
}

/// `addPods(store, node, labels, ds, n)`.
pub fn add_pods(c: &mut Cluster, node: &str, labels: Labels, owner: &Key, n: usize) -> Vec<Key> {
    (0..n)
        .map(|_| {
            let p = new_pod(c, &format!("{node}-"), node, labels.clone(), Some(owner));
            add_pod(c, p)
        })
        .collect()
}

/// `addFailedPods`.
pub fn add_failed_pods(
    c: &mut Cluster,
    node: &str,
    labels: Labels,
    owner: &Key,
    n: usize,
) -> Vec<Key> {
    (0..n)
        .map(|_| {
            let mut p = new_pod(c, &format!("{node}-"), node, labels.clone(), Some(owner));
            p.status.phase = "Failed".into();
            add_pod(c, p)
        })
        .collect()
}

/// Makes a fixture pod "old": without the current hash label (and without a template
/// generation label, which fixture pods do not have anyway).
pub fn make_old(p: &mut Pod) {
    p.metadata.labels.remove(REVISION_HASH_LABEL);
    p.metadata.labels.remove(TEMPLATE_GENERATION_LABEL);
}

pub fn ready_condition(status: &str, at: Option<Time>) -> PodCondition {
    PodCondition {
        type_: "Ready".into(),
        status: status.to_string().into(),
        last_transition_time: at,
        ..Default::default()
    }
}

/// The stored pod `k`, to write to: it gets a new resourceVersion, as every write to the
/// API server gives one (the controller finds what changed since its last sync by it).
pub fn pod_mut<'a>(c: &'a mut Cluster, k: &Key) -> &'a mut Pod {
    let rv = c.new_resource_version();
    let at = c.write_counter();
    c.store.pod_writes.note(at, k.clone());
    let p = c.store.pods.get_mut(k).expect("pod exists");
    p.metadata.resource_version = rv;
    p
}

/// The stored node `name`, to write to, with a new resourceVersion (see `pod_mut`).
pub fn node_mut<'a>(c: &'a mut Cluster, name: &str) -> &'a mut Node {
    let rv = c.new_resource_version();
    let n = c.store.nodes.get_mut(name).expect("node exists");
    n.metadata.resource_version = rv;
    n
}

/// Sets the Ready condition; `lastTransitionTime` moves only when the status changes
/// (`podutil.UpdatePodCondition`).
pub fn set_ready(c: &mut Cluster, k: &Key, ready: bool) {
    let now = c.now;
    let status = if ready { "True" } else { "False" };
    let p = pod_mut(c, k);
    match p.status.conditions.iter_mut().find(|x| x.type_ == "Ready") {
        Some(cond) => {
            if cond.status != status {
                cond.status = status.into();
                cond.last_transition_time = Some(now);
            }
        }
        None => p.status.conditions.push(ready_condition(status, Some(now))),
    }
}

/// `markPodsReady`: every pod in the store becomes Ready (at the current clock).
pub fn mark_all_ready(c: &mut Cluster) {
    let keys: Vec<Key> = c.store.pods.keys().cloned().collect();
    for k in keys {
        set_ready(c, &k, true);
    }
}

/// `resourcePodSpec(nodeName, memory, cpu)`.
pub fn resource_pod_spec(node_name: &str, memory: &str, cpu: &str) -> PodSpec {
    let mut r = ResourceRequirements::default();
    r.requests.insert("memory".into(), json!(memory));
    r.requests.insert("cpu".into(), json!(cpu));
    PodSpec {
        node_name: node_name.into(),
        containers: Shared::new(vec![Container {
            name: "foo".into(),
            image: "foo/bar".into(),
            resources: Some(r),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

/// `setPodReadiness(ready, count, fn)`: the first `count` pods (in store order) without a
/// deletionTimestamp, whose readiness differs and that pass `f`.
pub fn set_readiness(
    c: &mut Cluster,
    ready: bool,
    count: usize,
    f: impl Fn(&Cluster, &Pod) -> bool,
) {
    let mut left = count;
    let keys: Vec<Key> = c.store.pods.keys().cloned().collect();
    for k in keys {
        if left == 0 {
            break;
        }
        let p = &c.store.pods[&k];
        if p.metadata.deletion_timestamp.is_some() || p.is_ready() == ready || !f(c, p) {
            continue;
        }
        set_ready(c, &k, ready);
        left -= 1;
    }
    assert_eq!(left, 0, "could not mark {left} pods ready={ready}");
}

/// `GetTargetNodeName`: nodeName, else the single-value `metadata.name In` matchFields.
pub fn target_node(p: &Pod) -> Option<String> {
    if !p.spec.node_name.is_empty() {
        return Some(p.spec.node_name.clone());
    }
    let terms = &p
        .spec
        .affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required
        .as_ref()?
        .node_selector_terms;
    for term in terms {
        for f in &term.match_fields {
            if f.key == "metadata.name" && f.operator == "In" {
                return (f.values.len() == 1).then(|| f.values[0].clone());
            }
        }
    }
    None
}

/// The pods controlled by the DaemonSet.
pub fn ds_pods(c: &Cluster, key: &Key) -> Vec<Pod> {
    let uid = &c.store.daemonsets[key].metadata.uid;
    c.store
        .pods
        .values()
        .filter(|p| p.metadata.controller_ref().is_some_and(|r| &r.uid == uid))
        .map(|p| (**p).clone())
        .collect()
}

/// Pods neither terminating nor terminal.
pub fn active(pods: &[Pod]) -> Vec<Pod> {
    pods.iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none() && !p.is_terminal())
        .cloned()
        .collect()
}

pub fn status(c: &Cluster, key: &Key) -> DaemonSetStatus {
    c.store.daemonsets[key].status.clone()
}

// ---------------------------------------------------------------------------------------
// One sync
// ---------------------------------------------------------------------------------------

/// What one `syncDaemonSet` did.
#[derive(Clone, Debug, Default)]
pub struct Synced {
    pub creates: usize,
    pub deletes: usize,
    /// DaemonSet-controller events: FailedDaemonPod, SelectingAll, SucceededDaemonPod.
    pub events: usize,
    /// Target nodes of the created pods, sorted.
    pub created_on: Vec<String>,
    /// Names of the deleted pods, sorted.
    pub deleted: Vec<String>,
    /// Target nodes of the deleted pods, sorted.
    pub deleted_on: Vec<String>,
}

impl Synced {
    /// `(c, d, e)` of §17.
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.creates, self.deletes, self.events)
    }
    /// `(c, d)` of §17 H.
    pub fn cd(&self) -> (usize, usize) {
        (self.creates, self.deletes)
    }
}

const CONTROLLER_EVENTS: &[&str] = &["FailedDaemonPod", "SelectingAll", "SucceededDaemonPod"];

fn event_total(c: &Cluster, key: &Key, reasons: &[&str]) -> usize {
    c.store
        .events
        .iter()
        .filter(|e| {
            e.involved_object.kind == "DaemonSet"
                && e.involved_object.namespace == *key.namespace
                && e.involved_object.name == *key.name
                && reasons.contains(&e.reason.as_ref())
        })
        .map(|e| e.count as usize)
        .sum()
}

/// Runs exactly one `sync_daemon_set` and counts its creates, deletes and controller
/// events from the pod store (a create is a new pod; a delete is a pod removed or newly
/// given a deletionTimestamp); the SuccessfulCreate / SuccessfulDelete events must agree.
///
/// The upstream harness applies deletes at once, without graceful termination. Here a
/// bound pod the sync deleted only gets a deletionTimestamp (its kubelet would remove it
/// after the grace period), so this removes such pods right after the sync; pods that were
/// already terminating before the sync stay (S33, S68). No `settle()`: the scheduler and
/// kubelets do not run, so created pods stay unbound and un-ready until a test says so.
pub fn sync(c: &mut Cluster, key: &Key) -> Synced {
    // Upstream's tests record with a `FakeRecorder`: every event, none aggregated or
    // skipped, so that events count the creates and deletes.
    c.record_events_unfiltered();
    let before: BTreeMap<Key, (bool, Option<String>)> = c
        .store
        .pods
        .iter()
        .map(|(k, p)| {
            (
                k.clone(),
                (p.metadata.deletion_timestamp.is_some(), target_node(p)),
            )
        })
        .collect();
    let events_before = event_total(c, key, CONTROLLER_EVENTS);
    let creates_before = event_total(c, key, &["SuccessfulCreate"]);
    let deletes_before = event_total(c, key, &["SuccessfulDelete"]);

    sync_daemon_set(c, key);

    let mut out = Synced::default();
    let mut terminating_now = Vec::new();
    for (k, p) in &c.store.pods {
        match before.get(k) {
            None => {
                out.creates += 1;
                out.created_on.push(target_node(p).unwrap_or_default());
            }
            Some((false, node)) if p.metadata.deletion_timestamp.is_some() => {
                out.deletes += 1;
                out.deleted.push(k.name.to_string());
                out.deleted_on.push(node.clone().unwrap_or_default());
                terminating_now.push(k.clone());
            }
            Some(_) => {}
        }
    }
    for (k, (_, node)) in &before {
        if !c.store.pods.contains_key(k) {
            out.deletes += 1;
            out.deleted.push(k.name.to_string());
            out.deleted_on.push(node.clone().unwrap_or_default());
        }
    }
    for k in terminating_now {
        remove_pod(c, &k);
    }
    out.events = event_total(c, key, CONTROLLER_EVENTS) - events_before;
    out.created_on.sort();
    out.deleted.sort();
    out.deleted_on.sort();
    assert_eq!(
        event_total(c, key, &["SuccessfulCreate"]) - creates_before,
        out.creates,
        "SuccessfulCreate events"
    );
    assert_eq!(
        event_total(c, key, &["SuccessfulDelete"]) - deletes_before,
        out.deletes,
        "SuccessfulDelete events"
    );
    out
}

/// Syncs and checks `(c, d, e)`.
#[track_caller]
pub fn expect_sync(c: &mut Cluster, key: &Key, want: (usize, usize, usize)) -> Synced {
    let s = sync(c, key);
    assert_eq!(
        s.counts(),
        want,
        "(creates, deletes, events); synced: {s:?}"
    );
    s
}

/// Syncs and checks `(c, d)` (the rolling update sequences of §17 H).
#[track_caller]
pub fn expect_cd(c: &mut Cluster, key: &Key, want: (usize, usize)) -> Synced {
    let s = sync(c, key);
    assert_eq!(s.cd(), want, "(creates, deletes); synced: {s:?}");
    assert_eq!(s.events, 0, "no controller events expected; synced: {s:?}");
    s
}

pub fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

pub fn set_of(v: &[String]) -> BTreeSet<String> {
    v.iter().cloned().collect()
}

// ---------------------------------------------------------------------------------------
// Whole-system scenarios: a kubectl session
// ---------------------------------------------------------------------------------------

pub mod session {
    use engine::session::{NoFiles, Output, Session};

    pub fn new() -> Session {
        Session::new(Box::new(NoFiles))
    }

    /// `kubectl apply -f -` with `yaml` on stdin; panics if it fails.
    #[track_caller]
    pub fn apply(s: &mut Session, yaml: &str) -> Output {
        let o = s.run_command("kubectl apply -f -", Some(yaml));
        assert!(!o.failed, "apply failed: {o:?}");
        o
    }

    #[track_caller]
    pub fn run(s: &mut Session, line: &str) -> Output {
        let o = s.run_command(line, None);
        assert!(!o.failed, "{line} failed: {o:?}");
        o
    }

    /// A Node manifest (the kubelet fills Ready and capacity on registration).
    pub fn node_yaml(name: &str, labels: &[(&str, &str)], extra: &str) -> String {
        let mut y = format!("apiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n");
        if !labels.is_empty() {
            y.push_str("  labels:\n");
            for (k, v) in labels {
                y.push_str(&format!("    {k}: \"{v}\"\n"));
            }
        }
        y.push_str(extra);
        y
    }
}
