//! The user's objects as one multi-document YAML for `kubectl apply -f`.

use crate::api::*;
use crate::cluster::Cluster;
use crate::kubectl::apply::LAST_APPLIED;
use crate::kubectl::printers::to_yaml;
use crate::placement::tolerations::{TAINT_NOT_READY, TAINT_UNREACHABLE};
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeMap;

/// Namespaces every cluster has.
pub(crate) const BUILT_IN_NAMESPACES: [&str; 4] =
    ["default", "kube-node-lease", "kube-public", "kube-system"];
/// PriorityClasses every cluster has.
pub(crate) const BUILT_IN_PRIORITY_CLASSES: [&str; 2] =
    ["system-cluster-critical", "system-node-critical"];

/// One exported object: its kind and name, the object, and comment lines to print
/// above it.
#[derive(Clone, Debug)]
pub(crate) struct Exported {
    pub kind: String,
    pub name: String,
    pub json: Json,
    pub comments: Vec<String>,
}

/// The documents joined with `---`, each preceded by its comments, after a header.
pub(crate) fn render(header: &str, objects: &[Exported]) -> String {
    let mut out = String::from(header);
    for (i, o) in objects.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        for c in &o.comments {
            out.push_str(&format!("# {c}\n"));
        }
        out.push_str(&to_yaml(&o.json));
    }
    out
}

/// The user's metadata: name, namespace, labels and annotations, without what the server
/// or kubectl adds (uid, resourceVersion, timestamps, generation, last-applied
/// configuration, the template generation); labels in `drop_labels` are left out.
pub(crate) fn clean_meta(m: &ObjectMeta, drop_labels: &BTreeMap<String, String>) -> Json {
    let mut o = Map::new();
    o.insert("name".into(), json!(m.name));
    if !m.namespace.is_empty() {
        o.insert("namespace".into(), json!(m.namespace));
    }
    // Straight into JSON objects (the maps are sorted already, as JSON objects are).
    let strings = |pairs: &mut dyn Iterator<Item = (&String, &String)>| {
        let mut out = Map::new();
        for (k, v) in pairs {
            out.insert(k.clone(), Json::String(v.clone()));
        }
        out
    };
    let labels = strings(
        &mut m
            .labels
            .iter()
            .filter(|(k, v)| drop_labels.get(*k) != Some(*v)),
    );
    if !labels.is_empty() {
        o.insert("labels".into(), Json::Object(labels));
    }
    let annotations = strings(&mut m.annotations.iter().filter(|(k, _)| {
        k.as_str() != LAST_APPLIED && k.as_str() != TEMPLATE_GENERATION_ANNOTATION
    }));
    if !annotations.is_empty() {
        o.insert("annotations".into(), Json::Object(annotations));
    }
    Json::Object(o)
}

fn object(api_version: &str, kind: &str, meta: Json) -> Map<String, Json> {
    let mut o = Map::new();
    o.insert("apiVersion".into(), json!(api_version));
    o.insert("kind".into(), json!(kind));
    o.insert("metadata".into(), meta);
    o
}

/// A node as the simulator registers one written with only its name: the labels and
/// status the kubelet adds.
pub(crate) fn registered_default(name: &str) -> Node {
    let mut n = Node::default();
    n.metadata.name = name.into();
    crate::controller::kubelet::register_node(&Cluster::new(), &mut n);
    n
}

/// The node's spec as the user set it: taints (without their `timeAdded` stamp, and
/// without the not-ready/unreachable taints the node lifecycle controller manages),
/// `unschedulable`, and any other spec field written.
pub(crate) fn node_spec(n: &Node) -> Json {
    let mut spec = n.spec.clone();
    spec.taints
        .retain(|t| t.key != TAINT_NOT_READY && t.key != TAINT_UNREACHABLE);
    for t in &mut spec.taints {
        t.time_added = None;
    }
    serde_json::to_value(&spec).unwrap_or_else(|_| json!({}))
}

/// A Node for `kubectl apply`: the user's labels (not the kubelet's defaults),
/// annotations and spec; a status only for capacity or allocatable resources that differ
/// from the simulator's defaults (they matter to scheduling).
pub(crate) fn node_object(n: &Node) -> Exported {
    let default = registered_default(&n.metadata.name);
    let mut o = object(
        "v1",
        "Node",
        clean_meta(&n.metadata, &default.metadata.labels),
    );
    let spec = node_spec(n);
    if spec.as_object().is_some_and(|m| !m.is_empty()) {
        o.insert("spec".into(), spec);
    }
    let mut comments = Vec::new();
    if n.status.capacity != default.status.capacity
        || n.status.allocatable != default.status.allocatable
    {
        o.insert(
            "status".into(),
            json!({"capacity": n.status.capacity, "allocatable": n.status.allocatable}),
        );
        comments.push(
            "status: the resources this node was given (other nodes have the defaults)".into(),
        );
    }
    Exported {
        kind: "Node".into(),
        name: n.metadata.name.clone(),
        json: Json::Object(o),
        comments,
    }
}

/// A DaemonSet as the user applied it: the last-applied configuration when the live
/// object is exactly that configuration with the API server's defaults (nothing changed
/// it since, such as `kubectl set image`), else the live spec (defaults included)
/// with the user's metadata.
pub(crate) fn daemonset_object(ds: &DaemonSet) -> Exported {
    let none = BTreeMap::new();
    let meta = clean_meta(&ds.metadata, &none);
    let applied = ds
        .metadata
        .annotations
        .get(LAST_APPLIED)
        .and_then(|s| serde_json::from_str::<Json>(s).ok())
        .filter(|v| v.is_object());
    if let Some(mut v) = applied {
        if let Ok(crate::manifest::Object::DaemonSet(mut parsed)) =
            crate::manifest::to_object("DaemonSet", v.clone())
        {
            crate::defaults::set_defaults_daemonset(&mut parsed);
            parsed.metadata.namespace = ds.metadata.namespace.clone();
            parsed.metadata.name = ds.metadata.name.clone();
            if parsed.spec == ds.spec && clean_meta(&parsed.metadata, &none) == meta {
                if let Some(m) = v.as_object_mut() {
                    m.remove("status");
                    m.insert("metadata".into(), meta.clone());
                    m.insert("apiVersion".into(), json!("apps/v1"));
                    m.insert("kind".into(), json!("DaemonSet"));
                }
                return Exported {
                    kind: "DaemonSet".into(),
                    name: ds.metadata.name.clone(),
                    json: v,
                    comments: vec![],
                };
            }
        }
    }
    let mut o = object("apps/v1", "DaemonSet", meta);
    o.insert(
        "spec".into(),
        serde_json::to_value(&ds.spec).unwrap_or_else(|_| json!({})),
    );
    Exported {
        kind: "DaemonSet".into(),
        name: ds.metadata.name.clone(),
        json: Json::Object(o),
        comments: vec![],
    }
}

/// The objects in the order `kubectl apply` needs them: Namespaces first, then
/// PriorityClasses, other kinds, Nodes and DaemonSets. Objects being deleted are left
/// out, and so are Pods and ControllerRevisions (the controllers make them).
pub(crate) fn objects(c: &Cluster, nodes: bool) -> Vec<Exported> {
    let none = BTreeMap::new();
    let mut out = Vec::new();
    for ns in c.store.namespaces.values() {
        if BUILT_IN_NAMESPACES.contains(&ns.metadata.name.as_str()) || ns.metadata.is_deleting() {
            continue;
        }
        let own = BTreeMap::from([(
            "kubernetes.io/metadata.name".to_string(),
            ns.metadata.name.clone(),
        )]);
        out.push(Exported {
            kind: "Namespace".into(),
            name: ns.metadata.name.clone(),
            json: Json::Object(object("v1", "Namespace", clean_meta(&ns.metadata, &own))),
            comments: vec![],
        });
    }
    for pc in c.store.priority_classes.values() {
        if BUILT_IN_PRIORITY_CLASSES.contains(&pc.metadata.name.as_str())
            || pc.metadata.is_deleting()
        {
            continue;
        }
        let mut o = object(
            "scheduling.k8s.io/v1",
            "PriorityClass",
            clean_meta(&pc.metadata, &none),
        );
        o.insert("value".into(), json!(pc.value));
        if pc.global_default {
            o.insert("globalDefault".into(), json!(true));
        }
        if !pc.description.is_empty() {
            o.insert("description".into(), json!(pc.description));
        }
        if let Some(p) = &pc.preemption_policy {
            o.insert("preemptionPolicy".into(), json!(p));
        }
        out.push(Exported {
            kind: "PriorityClass".into(),
            name: pc.metadata.name.clone(),
            json: Json::Object(o),
            comments: vec![],
        });
    }
    for ((kind, _), other) in &c.store.others {
        if other.metadata.is_deleting() {
            continue;
        }
        let mut o = object(&other.api_version, kind, clean_meta(&other.metadata, &none));
        for (k, v) in &other.rest {
            if k != "status" {
                o.insert(k.clone(), v.clone());
            }
        }
        out.push(Exported {
            kind: kind.clone(),
            name: other.metadata.name.clone(),
            json: Json::Object(o),
            comments: vec![],
        });
    }
    if nodes {
        for n in c.store.nodes.values() {
            if !n.metadata.is_deleting() {
                out.push(node_object(n));
            }
        }
    }
    for ds in c.store.daemonsets.values() {
        if !ds.metadata.is_deleting() {
            out.push(daemonset_object(ds));
        }
    }
    out
}

/// The user's objects in `c` as one multi-document YAML that `kubectl apply -f` accepts:
/// Namespaces that are not built in, PriorityClasses, any other kinds stored, Nodes (the
/// labels, annotations and spec the user set) and DaemonSets (as applied), without
/// status and server-set metadata. Applying it to a fresh cluster recreates the nodes
/// and DaemonSets; what the kubelet and the controllers do follows from them.
pub fn scenario_yaml(c: &Cluster) -> String {
    render(
        "# The objects of a DaemonSet Playground scenario, for `kubectl apply -f`.\n",
        &objects(c, true),
    )
}
