//! `kubectl apply -f` and `kubectl create -f`: each decoded object goes through the API
//! server's steps (namespace, defaults, validation, create or three-way-merge update).

use super::merge::three_way;
use super::resource::Resource;
use crate::api::*;
use crate::cluster::{Cluster, Key, Shared, SourceMap};
use crate::manifest::{cluster_scoped, to_object, Decoded, DocResult, ErrorKind, Object};
use crate::session::Output;
use crate::validation::{self, FieldError};
use crate::yaml::Pos;

pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Apply,
    Create,
}

/// `file:line:col`, appended to messages so every error points into the manifest.
pub fn at(file: &str, pos: Pos) -> String {
    if pos.is_known() {
        format!(" ({file}:{}:{})", pos.line, pos.col)
    } else {
        String::new()
    }
}

pub fn apply_documents(
    c: &mut Cluster,
    docs: Vec<DocResult>,
    mode: Mode,
    ns_flag: Option<&str>,
    file: &str,
) -> Output {
    let mut out = Output::default();
    for d in docs {
        match d {
            Err(e)
                if mode == Mode::Apply && e.object.as_ref().is_some_and(|o| o.name.is_empty()) =>
            {
                // kubectl needs the name before it talks to the server.
                let o = e.object.as_ref().expect("checked");
                let ns = if cluster_scoped(&o.kind) {
                    String::new()
                } else {
                    ns_flag.unwrap_or("default").to_string()
                };
                let mut msg = empty_name_error(&o.api_version, &o.kind, &ns, file, o.metadata_pos);
                if e.message.contains("unknown field \"name\"") {
                    msg.push_str("hint: `name` and other fields stand at the top level instead of under `metadata` and `spec`: has the manifest lost its indentation?\n");
                }
                msg.push_str(&format!(
                    "hint: the server would also refuse it: {}{}\n",
                    e.message,
                    at(file, e.pos)
                ));
                out.append(Output::err(msg));
            }
            Err(e) => {
                let mut msg = match e.kind {
                    ErrorKind::BadRequest => format!(
                        "Error from server (BadRequest): error when creating \"{file}\": {}{}\n",
                        e.message,
                        at(file, e.pos)
                    ),
                    ErrorKind::Client | ErrorKind::NoMatch => {
                        let loc = if e.message.contains(&format!("line {}, column", e.pos.line)) {
                            String::new()
                        } else {
                            at(file, e.pos)
                        };
                        // The position goes on the first line (kubectl's messages may have two).
                        let (first, rest) = e
                            .message
                            .split_once('\n')
                            .map(|(a, b)| (a, format!("\n{b}")))
                            .unwrap_or((e.message.as_str(), String::new()));
                        format!("error: {first}{loc}{rest}\n")
                    }
                };
                if let Some(h) = &e.hint {
                    msg.push_str(&format!("hint: {h}\n"));
                }
                out.append(Output::err(msg));
            }
            Ok(d) => {
                let o = apply_one(c, d, mode, ns_flag, file);
                out.append(o);
                c.settle();
            }
        }
    }
    out
}

fn qualified(kind: &str, api_version: &str) -> String {
    let group = api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
    if group.is_empty() {
        kind.to_ascii_lowercase()
    } else {
        format!("{}.{}", kind.to_ascii_lowercase(), group)
    }
}

fn plural_qualified(kind: &str, api_version: &str) -> String {
    let group = api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
    let k = kind.to_ascii_lowercase();
    let plural = if k.ends_with('s') {
        format!("{k}es")
    } else if k.ends_with('y') {
        format!("{}ies", &k[..k.len() - 1])
    } else {
        format!("{k}s")
    };
    if group.is_empty() {
        plural
    } else {
        format!("{plural}.{group}")
    }
}

/// kubectl's message for an Invalid status (`validation::invalid_message`), with the
/// manifest position of each field added.
pub fn invalid(kind: &str, name: &str, errs: &[FieldError], source: &SourceMap) -> String {
    let lines: Vec<String> = validation::dedup(errs.to_vec())
        .iter()
        .map(|e| {
            let loc = source
                .find(&e.path)
                .map(|(_, p)| at(&source.file, p))
                .unwrap_or_default();
            format!("{e}{loc}")
        })
        .collect();
    let head = format!("The {kind} \"{name}\" is invalid");
    match lines.len() {
        0 => head,
        1 => format!("{head}: {}", lines[0]),
        _ => format!("{head}: \n* {}", lines.join("\n* ")),
    }
}

/// kubectl's refusal of an object without a name.
fn empty_name_error(api_version: &str, kind: &str, ns: &str, file: &str, pos: Pos) -> String {
    let plural = plural_qualified(kind, "");
    format!(
        "error: error when retrieving current configuration of:\nResource: \"{api_version}, Resource={plural}\", GroupVersionKind: \"{api_version}, Kind={kind}\"\nName: \"\", Namespace: \"{ns}\"\nfrom server for: \"{file}\": resource name may not be empty{}\n",
        at(file, pos)
    )
}

fn apply_one(c: &mut Cluster, d: Decoded, mode: Mode, ns_flag: Option<&str>, file: &str) -> Output {
    let Decoded {
        api_version,
        kind,
        mut object,
        mut json,
        mut source,
        pos,
    } = d;
    let q = qualified(&kind, &api_version);
    let namespaced = !cluster_scoped(&kind);
    let meta = object.meta().clone();
    let verb = "creating";
    if meta.name.is_empty() && (mode == Mode::Apply || meta.generate_name.is_empty()) {
        let ns = if namespaced {
            ns_flag.unwrap_or("default")
        } else {
            ""
        };
        let p = source.find("metadata").map(|(_, p)| p).unwrap_or(pos);
        return Output::err(empty_name_error(&api_version, &kind, ns, file, p));
    }
    let ns = if namespaced {
        match (meta.namespace.as_str(), ns_flag) {
            ("", f) => f.unwrap_or("default").to_string(),
            (m, Some(f)) if m != f => {
                return Output::err(format!(
                    "error: the namespace from the provided object \"{m}\" does not match the namespace \"{f}\". You must pass '--namespace={m}' to perform this operation.\n"
                ))
            }
            (m, _) => m.to_string(),
        }
    } else {
        String::new()
    };
    object.meta_mut().namespace = ns.clone();
    if namespaced && !c.store.namespaces.contains_key(&ns) {
        let loc = source
            .find("metadata.namespace")
            .map(|(_, p)| at(file, p))
            .unwrap_or_else(|| at(file, pos));
        return Output::err(format!(
            "Error from server (NotFound): error when {verb} \"{file}\": namespaces \"{ns}\" not found{loc}\n"
        ));
    }
    if let serde_json::Value::Object(m) = &mut json {
        if let Some(serde_json::Value::Object(md)) = m.get_mut("metadata") {
            if namespaced {
                md.insert("namespace".into(), ns.clone().into());
            }
        }
    }
    source.file = file.to_string();
    let name = object.meta().name.clone();
    let key = Key::new(&ns, &name);
    let exists = exists(c, &kind, &key);
    if exists && mode == Mode::Create {
        return Output::err(format!(
            "Error from server (AlreadyExists): error when creating \"{file}\": {} \"{name}\" already exists\n",
            plural_qualified(&kind, &api_version)
        ));
    }
    if mode == Mode::Apply {
        let applied = last_applied_text(&json);
        object
            .meta_mut()
            .annotations
            .insert(LAST_APPLIED.into(), applied);
    }
    let result = if exists {
        let live = live_json(c, &kind, &key).expect("exists");
        let original = live
            .pointer("/metadata/annotations")
            .and_then(|a| a.get(LAST_APPLIED))
            .and_then(|s| s.as_str())
            .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
        let mut modified = serde_json::to_value(object_json_for_merge(&object)).unwrap_or_default();
        strip_server_fields(&mut modified);
        let merged = three_way(original.as_ref(), &modified, &live);
        match to_object(&kind, merged) {
            Ok(o) => update(c, o, &key, &source),
            Err(e) => Err(format!("error: {e}\n")),
        }
    } else {
        create(c, object, &source).map(|_| "created")
    };
    match result {
        Ok(word) => Output::out(format!("{q}/{name} {word}\n")),
        Err(e) => Output::err(e),
    }
}

fn last_applied_text(json: &serde_json::Value) -> String {
    let mut v = json.clone();
    if let Some(a) = v
        .pointer_mut("/metadata/annotations")
        .and_then(|a| a.as_object_mut())
    {
        a.remove(LAST_APPLIED);
    }
    format!("{}\n", serde_json::to_string(&v).unwrap_or_default())
}

fn object_json_for_merge(o: &Object) -> serde_json::Value {
    let r = match o {
        Object::DaemonSet(x) => serde_json::to_value(x),
        Object::Node(x) => serde_json::to_value(x),
        Object::Namespace(x) => serde_json::to_value(x),
        Object::Pod(x) => serde_json::to_value(x),
        Object::PriorityClass(x) => serde_json::to_value(x),
        Object::ControllerRevision(x) => serde_json::to_value(x),
        Object::Other(x) => serde_json::to_value(x),
    };
    r.unwrap_or_default()
}

/// Fields the manifest never sets but serialisation adds (empty status), which must not
/// overwrite the live values in the merge.
fn strip_server_fields(v: &mut serde_json::Value) {
    if let Some(m) = v.as_object_mut() {
        m.remove("status");
    }
}

fn exists(c: &Cluster, kind: &str, k: &Key) -> bool {
    match kind {
        "DaemonSet" => c.store.daemonsets.contains_key(k),
        "Node" => c.store.nodes.contains_key(&*k.name),
        "Namespace" => c.store.namespaces.contains_key(&*k.name),
        "Pod" => c.store.pods.contains_key(k),
        "PriorityClass" => c.store.priority_classes.contains_key(&*k.name),
        "ControllerRevision" => c.store.revisions.contains_key(k),
        other => c.store.others.contains_key(&(other.to_string(), k.clone())),
    }
}

fn live_json(c: &Cluster, kind: &str, k: &Key) -> Option<serde_json::Value> {
    let r = match kind {
        "DaemonSet" => Resource::DaemonSets,
        "Node" => Resource::Nodes,
        "Namespace" => Resource::Namespaces,
        "Pod" => Resource::Pods,
        "PriorityClass" => Resource::PriorityClasses,
        "ControllerRevision" => Resource::ControllerRevisions,
        other => {
            return serde_json::to_value(c.store.others.get(&(other.to_string(), k.clone()))?).ok()
        }
    };
    r.to_json(c, k)
}

fn create(c: &mut Cluster, object: Object, source: &SourceMap) -> Result<(), String> {
    match object {
        Object::DaemonSet(mut ds) => {
            crate::defaults::set_defaults_daemonset(&mut ds);
            let errs = validation::validate_daemonset(&ds);
            if !errs.is_empty() {
                return Err(format!(
                    "{}\n",
                    invalid("DaemonSet", &ds.metadata.name, &errs, source)
                ));
            }
            ds.api_version = "apps/v1".into();
            ds.kind = "DaemonSet".into();
            ds.status = Default::default();
            ds.metadata.generation = 1;
            ds.metadata
                .annotations
                .insert(TEMPLATE_GENERATION_ANNOTATION.into(), "1".into());
            c.stamp_new(&mut ds.metadata);
            let key = Key::of(&ds.metadata);
            c.store.sources.insert(key.clone(), source.clone());
            c.store.daemonsets.insert(key.clone(), Shared::new(ds));
            c.daemonset_changed(&key);
        }
        Object::Node(mut node) => {
            let errs = validation::validate_node(&node);
            if !errs.is_empty() {
                return Err(format!(
                    "{}\n",
                    invalid("Node", &node.metadata.name, &errs, source)
                ));
            }
            node.api_version = "v1".into();
            node.kind = "Node".into();
            crate::controller::kubelet::register_node(c, &mut node);
            c.stamp_new(&mut node.metadata);
            let name = node.metadata.name.clone();
            c.store.nodes.insert(name.clone(), node.into());
            c.node_added(&name);
        }
        Object::Namespace(mut ns) => {
            let errs = validation::validate_namespace(&ns);
            if !errs.is_empty() {
                return Err(format!(
                    "{}\n",
                    invalid("Namespace", &ns.metadata.name, &errs, source)
                ));
            }
            ns.api_version = "v1".into();
            ns.kind = "Namespace".into();
            ns.metadata.labels.insert(
                "kubernetes.io/metadata.name".into(),
                ns.metadata.name.clone(),
            );
            ns.status.phase = "Active".into();
            c.stamp_new(&mut ns.metadata);
            c.store
                .namespaces
                .insert(ns.metadata.name.clone(), Shared::new(ns));
        }
        Object::Pod(mut pod) => {
            crate::defaults::set_defaults_pod(&mut pod);
            pod.status = Default::default();
            crate::controller::pods::create_pod(c, pod);
        }
        Object::PriorityClass(mut pc) => {
            pc.api_version = "scheduling.k8s.io/v1".into();
            pc.kind = "PriorityClass".into();
            if pc.preemption_policy.is_none() {
                pc.preemption_policy = Some("PreemptLowerPriority".into());
            }
            c.stamp_new(&mut pc.metadata);
            c.store
                .priority_classes
                .insert(pc.metadata.name.clone(), Shared::new(pc));
        }
        Object::ControllerRevision(mut cr) => {
            cr.api_version = "apps/v1".into();
            cr.kind = "ControllerRevision".into();
            c.stamp_new(&mut cr.metadata);
            c.history_added(&cr);
            c.store
                .revisions
                .insert(Key::of(&cr.metadata), Shared::new(cr));
        }
        Object::Other(mut o) => {
            c.stamp_new(&mut o.metadata);
            let key = Key::of(&o.metadata);
            c.store.others.insert((o.kind.clone(), key), o);
        }
    }
    Ok(())
}

/// The API server's update of a DaemonSet (defaults, validation, generation and template
/// generation). Returns whether anything changed. Without a `source`, positions stay as
/// they were (commands such as `set image` change a DaemonSet no manifest describes).
pub fn update_daemonset(
    c: &mut Cluster,
    key: &Key,
    mut ds: DaemonSet,
    source: Option<&SourceMap>,
) -> Result<bool, String> {
    let old = c.store.daemonsets[key].clone();
    crate::defaults::set_defaults_daemonset(&mut ds);
    ds.status = old.status.clone();
    ds.metadata.generation = old.metadata.generation;
    let empty = SourceMap::default();
    let src = source
        .or(c.store.sources.get(key))
        .unwrap_or(&empty)
        .clone();
    let errs = validation::validate_daemonset_update(&old, &ds);
    if !errs.is_empty() {
        return Err(format!(
            "{}\n",
            invalid("DaemonSet", &ds.metadata.name, &errs, &src)
        ));
    }
    if ds.spec.template != old.spec.template {
        let g = old.template_generation().unwrap_or(1) + 1;
        ds.metadata
            .annotations
            .insert(TEMPLATE_GENERATION_ANNOTATION.into(), g.to_string());
        ds.metadata.generation += 1;
    } else if ds.spec != old.spec {
        ds.metadata.generation += 1;
    }
    if let Some(s) = source {
        c.store.sources.insert(key.clone(), s.clone());
    }
    if ds == *old {
        return Ok(false);
    }
    ds.metadata.resource_version = c.new_resource_version();
    c.store.daemonsets.insert(key.clone(), Shared::new(ds));
    c.daemonset_changed(key);
    Ok(true)
}

/// Replaces the live object with `new` (already merged), returning `configured` or
/// `unchanged`.
fn update(
    c: &mut Cluster,
    new: Object,
    key: &Key,
    source: &SourceMap,
) -> Result<&'static str, String> {
    match new {
        Object::DaemonSet(ds) => {
            if !update_daemonset(c, key, ds, Some(source))? {
                return Ok("unchanged");
            }
        }
        Object::Node(node) => {
            let old = &c.store.nodes[&*key.name];
            if **old == node {
                return Ok("unchanged");
            }
            let errs = validation::validate_node(&node);
            if !errs.is_empty() {
                return Err(format!(
                    "{}\n",
                    invalid("Node", &node.metadata.name, &errs, source)
                ));
            }
            let mut node = node;
            node.metadata.resource_version = c.new_resource_version();
            let cur = Shared::new(node);
            if let Some(old) = c.store.nodes.insert(key.name.to_string(), cur.clone()) {
                c.node_updated(&old, &cur);
            }
        }
        Object::Namespace(ns) => {
            if *c.store.namespaces[&*key.name] == ns {
                return Ok("unchanged");
            }
            c.store
                .namespaces
                .insert(key.name.to_string(), Shared::new(ns));
        }
        Object::Pod(pod) => {
            if *c.store.pods[key] == pod {
                return Ok("unchanged");
            }
            let old = &c.store.pods[key];
            if old.spec != pod.spec {
                return Err(format!(
                    "The Pod \"{}\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n",
                    pod.metadata.name
                ));
            }
            let mut pod = pod;
            pod.metadata.resource_version = c.new_resource_version();
            let cur = Shared::new(pod);
            if let Some(old) = c.store.pods.insert(key.clone(), cur.clone()) {
                c.pod_updated(&old, &cur);
            }
        }
        Object::PriorityClass(pc) => {
            let old = &c.store.priority_classes[&*key.name];
            if **old == pc {
                return Ok("unchanged");
            }
            if old.value != pc.value {
                return Err(format!(
                    "The PriorityClass \"{}\" is invalid: Value: Forbidden: may not be changed in an update.\n",
                    pc.metadata.name
                ));
            }
            c.store
                .priority_classes
                .insert(key.name.to_string(), Shared::new(pc));
        }
        Object::ControllerRevision(cr) => {
            if *c.store.revisions[key] == cr {
                return Ok("unchanged");
            }
            let mut cr = cr;
            cr.metadata.resource_version = c.new_resource_version();
            let cur = cr.clone();
            if let Some(old) = c.store.revisions.insert(key.clone(), Shared::new(cr)) {
                c.history_updated(&old, &cur);
            }
        }
        Object::Other(o) => {
            let k = (o.kind.clone(), key.clone());
            if c.store.others.get(&k) == Some(&o) {
                return Ok("unchanged");
            }
            c.store.others.insert(k, o);
        }
    }
    Ok("configured")
}
