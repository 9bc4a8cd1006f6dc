//! `kubectl label`, `kubectl taint`, `kubectl cordon` / `uncordon`.

use super::args::{self, flag};
use super::resource::Resource;
use super::targets::{key_for, namespace, parse_targets};
use super::written::{touched, Before};
use super::{selector, usage_error, Ctx};
use crate::api::{Labels, Taint, Time};
use crate::cluster::{Cluster, Key};
use crate::placement::tolerations::TAINT_UNSCHEDULABLE;
use crate::session::Output;
use crate::validation::names;

fn labels_mut<'a>(c: &'a mut Cluster, r: Resource, k: &Key) -> Option<&'a mut Labels> {
    Some(match r {
        Resource::Nodes => &mut c.store.nodes.get_mut(&*k.name)?.metadata.labels,
        Resource::Pods => &mut c.store.pods.get_mut(k)?.metadata.labels,
        Resource::DaemonSets => &mut c.store.daemonsets.get_mut(k)?.metadata.labels,
        Resource::Namespaces => &mut c.store.namespaces.get_mut(&*k.name)?.metadata.labels,
        Resource::ControllerRevisions => &mut c.store.revisions.get_mut(k)?.metadata.labels,
        Resource::PriorityClasses => {
            &mut c.store.priority_classes.get_mut(&*k.name)?.metadata.labels
        }
        Resource::Events => return None,
    })
}

/// Resolves `TYPE NAME...`, `TYPE/NAME`, `-l` or `--all` into keys; the first positional
/// arguments that are not label/taint specs name the objects.
fn resolve(ctx: &Ctx, objs: &[String], p: &args::Parsed) -> Result<Vec<(Resource, Key)>, Output> {
    let targets = parse_targets(objs).map_err(|e| Output::err(format!("error: {e}\n")))?;
    let ns = namespace(p);
    let sel = p
        .get("selector")
        .map(selector::parse)
        .transpose()
        .map_err(|e| Output::err(format!("error: {e}\n")))?;
    let mut out = Vec::new();
    for (r, names) in targets {
        if names.is_empty() {
            if sel.is_none() && !p.bool("all") {
                return Err(Output::err(
                    "error: resource(s) were provided, but no name was specified\n".to_string(),
                ));
            }
            let scope = if r.namespaced() {
                Some(ns.as_str())
            } else {
                None
            };
            for k in r.list(ctx.cluster, scope) {
                let ok = r
                    .meta(ctx.cluster, &k)
                    .is_some_and(|m| sel.as_ref().is_none_or(|s| s.matches(&m.labels)));
                if ok {
                    out.push((r, k));
                }
            }
        } else {
            for n in names {
                let k = key_for(r, &ns, &n);
                if r.meta(ctx.cluster, &k).is_none() {
                    return Err(Output::err(format!(
                        "Error from server (NotFound): {} \"{n}\" not found\n",
                        r.plural_qualified()
                    )));
                }
                out.push((r, k));
            }
        }
    }
    Ok(out)
}

fn object_name(r: Resource, k: &Key) -> String {
    format!("{}/{}", r.singular_qualified(), k.name)
}

pub fn label(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(
        rest,
        &[
            flag("overwrite", None, false),
            flag("selector", Some('l'), true),
            flag("all", None, false),
            flag("list", None, false),
            flag("dry-run", None, true),
        ],
    ) {
        Ok(p) => p,
        Err(e) => return usage_error("label", &e),
    };
    let split = p
        .positional
        .iter()
        .position(|a| a.contains('=') || (a.ends_with('-') && !a.contains('/')))
        .unwrap_or(p.positional.len());
    let (objs, specs) = p.positional.split_at(split);
    if specs.is_empty() {
        return Output::err("error: at least one label update is required\n".to_string());
    }
    let mut add: Vec<(String, String)> = Vec::new();
    let mut remove: Vec<String> = Vec::new();
    for s in specs {
        if let Some((k, v)) = s.split_once('=') {
            let errs = names::qualified_name_errors(k);
            if let Some(e) = errs.first() {
                return Output::err(format!("error: invalid label spec: {s}: {e}\n"));
            }
            let verrs = names::label_value_errors(v);
            if let Some(e) = verrs.first() {
                return Output::err(format!("error: invalid label value: \"{s}\": {e}\n"));
            }
            add.push((k.to_string(), v.to_string()));
        } else if let Some(k) = s.strip_suffix('-') {
            remove.push(k.to_string());
        } else {
            return Output::err(format!("error: invalid label spec: {s}\n"));
        }
    }
    let items = match resolve(ctx, objs, &p) {
        Ok(i) => i,
        Err(o) => return o,
    };
    let overwrite = p.bool("overwrite");
    let mut out = Output::default();
    for (r, k) in items {
        let before = Before::take(ctx.cluster, r, &k);
        let labels = labels_mut(ctx.cluster, r, &k).expect("resolved");
        if !overwrite {
            if let Some((key, _)) = add
                .iter()
                .find(|(key, v)| labels.get(key).is_some_and(|cur| cur != v))
            {
                let cur = labels[key].clone();
                out.append(Output::err(format!(
                    "error: '{key}' already has a value ({cur}), and --overwrite is false\n"
                )));
                continue;
            }
        }
        let old_labels = labels.clone();
        for (key, v) in &add {
            labels.insert(key.clone(), v.clone());
        }
        for key in &remove {
            labels.remove(key);
        }
        let changed = *labels != old_labels;
        let word = if !changed {
            "not labeled"
        } else if add.is_empty() {
            "unlabeled"
        } else {
            "labeled"
        };
        if changed {
            touched(ctx.cluster, &k, before);
        }
        out.stdout
            .push_str(&format!("{} {word}\n", object_name(r, &k)));
    }
    out
}

const EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// `key=value:Effect`, `key:Effect`, with `-` at the end to remove (`key-`, `key:Effect-`).
fn parse_taint_spec(s: &str) -> Result<(Taint, bool), String> {
    let (body, remove) = match s.strip_suffix('-') {
        Some(b) => (b, true),
        None => (s, false),
    };
    let (kv, effect) = match body.split_once(':') {
        Some((kv, e)) => (kv, e),
        None => (body, ""),
    };
    if !remove && effect.is_empty() {
        return Err(format!(
            "invalid taint spec: {s}, unknown taint spec format"
        ));
    }
    if !effect.is_empty() && !EFFECTS.contains(&effect) {
        return Err(format!(
            "invalid taint spec: {s}, invalid taint effect: {effect}, unsupported taint effect"
        ));
    }
    let (key, value) = kv.split_once('=').unwrap_or((kv, ""));
    if let Some(e) = names::qualified_name_errors(key).first() {
        return Err(format!("invalid taint spec: {s}, {e}"));
    }
    if let Some(e) = names::label_value_errors(value).first() {
        return Err(format!("invalid taint spec: {s}, {e}"));
    }
    Ok((
        Taint {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
            time_added: None,
        },
        remove,
    ))
}

pub fn taint(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(
        rest,
        &[
            flag("overwrite", None, false),
            flag("selector", Some('l'), true),
            flag("all", None, false),
            flag("dry-run", None, true),
        ],
    ) {
        Ok(p) => p,
        Err(e) => return usage_error("taint", &e),
    };
    let split = p
        .positional
        .iter()
        .position(|a| a.contains(':') || a.contains('=') || (a.ends_with('-') && !a.contains('/')))
        .unwrap_or(p.positional.len());
    let (objs, specs) = p.positional.split_at(split);
    if objs.is_empty() {
        return usage_error(
            "taint",
            "at least one resource name must be specified since 'all' parameter is not set",
        );
    }
    if specs.is_empty() {
        return Output::err("error: at least one taint update is required\n".to_string());
    }
    let mut adds = Vec::new();
    let mut removes = Vec::new();
    for s in specs {
        match parse_taint_spec(s) {
            Ok((t, true)) => removes.push(t),
            Ok((t, false)) => adds.push(t),
            Err(e) => return Output::err(format!("error: {e}\n")),
        }
    }
    let items = match resolve(ctx, objs, &p) {
        Ok(i) => i,
        Err(o) => return o,
    };
    let now = ctx.cluster.now;
    let overwrite = p.bool("overwrite");
    let mut out = Output::default();
    for (r, k) in items {
        if r != Resource::Nodes {
            out.append(Output::err(format!(
                "error: invalid resource type {}, only nodes are supported\n",
                r.plural()
            )));
            continue;
        }
        let before = Before::take(ctx.cluster, r, &k);
        let node = ctx.cluster.store.nodes.get_mut(&*k.name).expect("resolved");
        match apply_taints(&mut node.spec.taints, &adds, &removes, overwrite, now) {
            Ok(word) => {
                out.stdout.push_str(&format!("node/{} {word}\n", k.name));
                touched(ctx.cluster, &k, before);
                crate::controller::taint_eviction::node_tainted(ctx.cluster, &k.name);
            }
            Err(e) => {
                let e = e.replace("{node}", &k.name);
                out.append(Output::err(format!("error: {e}\n")));
            }
        }
    }
    out
}

fn apply_taints(
    taints: &mut Vec<Taint>,
    adds: &[Taint],
    removes: &[Taint],
    overwrite: bool,
    now: Time,
) -> Result<&'static str, String> {
    let mut new = taints.clone();
    for r in removes {
        let before = new.len();
        new.retain(|t| !(t.key == r.key && (r.effect.is_empty() || t.effect == r.effect)));
        if new.len() == before {
            let spec = if r.effect.is_empty() {
                r.key.clone()
            } else {
                format!("{}:{}", r.key, r.effect)
            };
            return Err(format!("taint {spec:?} not found"));
        }
    }
    for a in adds {
        let mut a = a.clone();
        if a.effect == "NoExecute" {
            a.time_added = Some(now);
        }
        if let Some(i) = new
            .iter()
            .position(|t| t.key == a.key && t.effect == a.effect)
        {
            if !overwrite {
                return Err(format!("node {{node}} already has {} taint(s) with same effect(s) and --overwrite is false", a.key));
            }
            new[i] = a;
        } else {
            new.push(a);
        }
    }
    *taints = new;
    Ok(match (adds.is_empty(), removes.is_empty()) {
        (false, true) => "tainted",
        (true, false) => "untainted",
        _ => "modified",
    })
}

pub fn cordon(ctx: &mut Ctx, rest: &[String], on: bool) -> Output {
    let verb = if on { "cordon" } else { "uncordon" };
    let p = match args::parse(
        rest,
        &[
            flag("selector", Some('l'), true),
            flag("dry-run", None, true),
        ],
    ) {
        Ok(p) => p,
        Err(e) => return usage_error(verb, &e),
    };
    let mut names = p.positional.clone();
    if let Some(s) = p.get("selector") {
        let sel = match selector::parse(s) {
            Ok(s) => s,
            Err(e) => return Output::err(format!("error: {e}\n")),
        };
        names.extend(
            ctx.cluster
                .store
                .nodes
                .values()
                .filter(|n| sel.matches(&n.metadata.labels))
                .map(|n| n.metadata.name.clone()),
        );
    }
    if names.is_empty() {
        return Output::err(format!(
            "error: USAGE: {verb} NODE [flags]\nSee 'kubectl {verb} -h' for help and examples\n"
        ));
    }
    let mut out = Output::default();
    for n in names {
        let n = n
            .strip_prefix("node/")
            .or_else(|| n.strip_prefix("nodes/"))
            .unwrap_or(&n)
            .to_string();
        let key = Key::new("", &n);
        let before = Before::take(ctx.cluster, Resource::Nodes, &key);
        let Some(node) = ctx.cluster.store.nodes.get_mut(&n) else {
            out.append(Output::err(format!(
                "Error from server (NotFound): nodes \"{n}\" not found\n"
            )));
            continue;
        };
        if node.spec.unschedulable == on {
            out.stdout.push_str(&format!("node/{n} already {verb}ed\n"));
            continue;
        }
        node.spec.unschedulable = on;
        // The node lifecycle controller mirrors spec.unschedulable as a taint.
        node.spec.taints.retain(|t| t.key != TAINT_UNSCHEDULABLE);
        if on {
            node.spec.taints.push(Taint {
                key: TAINT_UNSCHEDULABLE.into(),
                value: String::new(),
                effect: "NoSchedule".into(),
                time_added: None,
            });
        }
        out.stdout.push_str(&format!("node/{n} {verb}ed\n"));
        touched(ctx.cluster, &key, before);
    }
    out
}
