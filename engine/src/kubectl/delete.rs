//! `kubectl delete`: by name, `-l`, `--all` or `-f`, with `--cascade=background|foreground|orphan`.
//! Like kubectl, it waits until the objects are gone (`--wait=true`), so simulated time
//! passes while pods terminate.

use super::args::{self, flag};
use super::resource::Resource;
use super::targets::{key_for, namespace, parse_targets, read_manifests};
use super::{selector, usage_error, Ctx};
use crate::cluster::{Cluster, Key, Timer};
use crate::controller::pods::delete_pod;
use crate::session::Output;

/// Namespaces the API server refuses to delete.
const IMMORTAL_NAMESPACES: &[&str] = &["default", "kube-system", "kube-public", "kube-node-lease"];

const FLAGS: &[args::FlagSpec] = &[
    flag("selector", Some('l'), true),
    flag("all", None, false),
    flag("all-namespaces", Some('A'), false),
    flag("cascade", None, true),
    flag("filename", Some('f'), true),
    flag("grace-period", None, true),
    flag("now", None, false),
    flag("force", None, false),
    flag("wait", None, true),
    flag("timeout", None, true),
    flag("ignore-not-found", None, false),
    flag("recursive", Some('R'), false),
];

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Cascade {
    Background,
    Foreground,
    Orphan,
}

pub fn delete(ctx: &mut Ctx, rest: &[String]) -> Output {
    // --cascade alone means --cascade=background.
    let rest: Vec<String> = rest
        .iter()
        .map(|a| {
            if a == "--cascade" {
                "--cascade=background".into()
            } else {
                a.clone()
            }
        })
        .collect();
    let p = match args::parse(&rest, FLAGS) {
        Ok(p) => p,
        Err(e) => return usage_error("delete", &e),
    };
    let mut out = Output::default();
    let cascade = match p.get("cascade").unwrap_or("background") {
        "background" => Cascade::Background,
        "foreground" => Cascade::Foreground,
        "orphan" => Cascade::Orphan,
        "true" => {
            out.stderr.push_str("warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n");
            Cascade::Background
        }
        "false" => {
            out.stderr.push_str("warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n");
            Cascade::Orphan
        }
        other => {
            return Output::err(format!(
                "error: invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\"\n"
            ))
        }
    };
    let grace: Option<i64> = if p.bool("now") {
        Some(1)
    } else {
        match p.get("grace-period").map(|g| g.parse::<i64>()) {
            Some(Ok(g)) if g >= 0 => Some(g),
            _ => None,
        }
    };
    let grace = if p.bool("force") && grace == Some(0) {
        out.stderr.push_str("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
        Some(0)
    } else {
        grace.map(|g| if g == 0 { 1 } else { g })
    };
    let ns = namespace(&p);
    let mut items: Vec<(Resource, Key)> = Vec::new();
    for f in p.all("filename") {
        match read_manifests(ctx, &f, p.bool("recursive")) {
            Ok(list) => {
                for (name, text) in list {
                    for d in crate::manifest::decode_manifest(&text, &name) {
                        match d {
                            Ok(d) => {
                                let Some(r) = Resource::parse(&d.kind) else {
                                    out.append(Output::err(format!(
                                        "error: deleting {} objects is not simulated\n",
                                        d.kind
                                    )));
                                    continue;
                                };
                                let m = d.object.meta();
                                let dns = if m.namespace.is_empty() {
                                    ns.clone()
                                } else {
                                    m.namespace.clone()
                                };
                                items.push((r, key_for(r, &dns, &m.name)));
                            }
                            Err(e) => out.append(Output::err(format!("error: {}\n", e.message))),
                        }
                    }
                }
            }
            Err(e) => out.append(Output::err(format!("error: {e}\n"))),
        }
    }
    if !p.positional.is_empty() {
        let targets = match parse_targets(&p.positional) {
            Ok(t) => t,
            Err(e) => return Output::err(format!("error: {e}\n")),
        };
        let sel = match p.get("selector").map(selector::parse).transpose() {
            Ok(s) => s,
            Err(e) => return Output::err(format!("error: {e}\n")),
        };
        for (r, names) in targets {
            if names.is_empty() {
                if sel.is_none() && !p.bool("all") {
                    return Output::err(
                        "error: resource(s) were provided, but no name was specified\n".to_string(),
                    );
                }
                let scope = if r.namespaced() && !p.bool("all-namespaces") {
                    Some(ns.as_str())
                } else {
                    None
                };
                let keys: Vec<Key> = r
                    .list(ctx.cluster, scope)
                    .into_iter()
                    .filter(|k| {
                        r.meta(ctx.cluster, k)
                            .is_some_and(|m| sel.as_ref().is_none_or(|s| s.matches(&m.labels)))
                    })
                    .collect();
                if keys.is_empty() {
                    out.stderr.push_str(&if r.namespaced() {
                        format!("No resources found in {ns} namespace.\n")
                    } else {
                        "No resources found\n".to_string()
                    });
                }
                items.extend(keys.into_iter().map(|k| (r, k)));
            } else {
                for n in names {
                    items.push((r, key_for(r, &ns, &n)));
                }
            }
        }
    } else if p.all("filename").is_empty() {
        return usage_error("delete", "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    let mut waiting: Vec<(Resource, Key)> = Vec::new();
    // Deleting an event changes nothing else, so the events go together after the loop:
    // one pass over the list, not one for each of thousands.
    let mut events_gone: Vec<Key> = Vec::new();
    // An event named twice is deleted once, then not found: only then is the list
    // searched (it can hold all of 20,000 events).
    let named_twice = {
        let mut named: Vec<&Key> = items
            .iter()
            .filter(|(r, _)| *r == Resource::Events)
            .map(|(_, k)| k)
            .collect();
        crate::sort::sort(&mut named);
        named.windows(2).any(|w| w[0] == w[1])
    };
    // The controllers act between deletions, as between kubectl's requests, except within
    // a run of pods: a real cluster's controllers take such a run in batches anyway, and
    // a DaemonSet sync after each of 5,000 pods would take seconds.
    let mut unsettled = false;
    for (r, k) in items {
        if unsettled && r != Resource::Pods {
            ctx.cluster.settle();
            unsettled = false;
        }
        let gone = named_twice && r == Resource::Events && events_gone.contains(&k);
        if gone || r.meta(ctx.cluster, &k).is_none() {
            if !p.bool("ignore-not-found") {
                out.append(Output::err(format!(
                    "Error from server (NotFound): {} \"{}\" not found\n",
                    r.plural_qualified(),
                    k.name
                )));
            }
            continue;
        }
        if r == Resource::Namespaces && IMMORTAL_NAMESPACES.contains(&&*k.name) {
            // The NamespaceLifecycle admission plugin.
            out.append(Output::err(format!(
                "Error from server (Forbidden): namespaces \"{}\" is forbidden: this namespace may not be deleted\n",
                k.name
            )));
            continue;
        }
        if r == Resource::Events {
            events_gone.push(k.clone());
        } else {
            delete_object(ctx.cluster, r, &k, cascade, grace);
        }
        out.stdout.push_str(&format!(
            "{} \"{}\" deleted\n",
            r.singular_qualified(),
            k.name
        ));
        match r {
            Resource::Pods => unsettled = true,
            Resource::Events => {}
            _ => ctx.cluster.settle(),
        }
        waiting.push((r, k));
    }
    if unsettled {
        ctx.cluster.settle();
    }
    if !events_gone.is_empty() {
        crate::sort::sort(&mut events_gone);
        ctx.cluster
            .store
            .events
            .retain(|e| events_gone.binary_search(&Key::of(&e.metadata)).is_err());
    }
    if p.get("wait") != Some("false") {
        wait_gone(ctx.cluster, &waiting);
    }
    out
}

/// Lets simulated time pass until every object is gone (at most 10 minutes).
fn wait_gone(c: &mut Cluster, items: &[(Resource, Key)]) {
    c.advance_until(600_000, |c| {
        items.iter().all(|(r, k)| r.meta(c, k).is_none())
    });
}

pub fn delete_object(c: &mut Cluster, r: Resource, k: &Key, cascade: Cascade, grace: Option<i64>) {
    match r {
        Resource::Pods => {
            delete_pod(c, k, grace);
        }
        Resource::DaemonSets => {
            let Some(ds) = c.store.daemonsets.get(k).cloned() else {
                return;
            };
            match cascade {
                Cascade::Orphan => {
                    orphan_dependents(c, &ds.metadata.uid);
                    c.store.daemonsets.remove(k);
                    c.store.sources.remove(k);
                    c.daemonset_deleted(k);
                }
                Cascade::Background => {
                    c.store.daemonsets.remove(k);
                    c.store.sources.remove(k);
                    c.daemonset_deleted(k);
                }
                Cascade::Foreground => {
                    let now = c.now;
                    let d = c.store.daemonsets.get_mut(k).expect("exists");
                    d.metadata.deletion_timestamp = Some(now);
                    d.metadata.deletion_grace_period_seconds = Some(0);
                    d.metadata.finalizers.push("foregroundDeletion".into());
                    c.daemonset_changed(k);
                }
            }
            c.new_resource_version();
        }
        Resource::Nodes => {
            c.store.nodes.remove(&*k.name);
            c.node_deleted();
            let at = c.now.plus_secs(c.settings.pod_gc_quarantine_seconds);
            c.schedule(at, Timer::PodGc);
        }
        Resource::Namespaces => {
            let ns = k.name.clone();
            let dss: Vec<Key> = c
                .store
                .daemonsets
                .keys()
                .filter(|d| d.namespace == ns)
                .cloned()
                .collect();
            for d in dss {
                delete_object(c, Resource::DaemonSets, &d, Cascade::Background, None);
            }
            let pods: Vec<Key> = c
                .store
                .pods
                .keys()
                .filter(|p| p.namespace == ns)
                .cloned()
                .collect();
            for p in pods {
                delete_pod(c, &p, grace);
            }
            c.store.revisions.retain(|rk, _| rk.namespace != ns);
            c.store.others.retain(|(_, ok), _| ok.namespace != ns);
            if let Some(n) = c.store.namespaces.get_mut(&*ns) {
                n.status.phase = "Terminating".into();
                n.metadata.deletion_timestamp = Some(c.now);
            }
            c.new_resource_version();
        }
        Resource::ControllerRevisions => {
            if let Some(cr) = c.store.revisions.remove(k) {
                c.history_deleted(&cr);
            }
        }
        Resource::PriorityClasses => {
            c.store.priority_classes.remove(&*k.name);
        }
        Resource::Events => {
            c.store
                .events
                .retain(|e| crate::cluster::Key::of(&e.metadata) != *k);
        }
    }
}

/// The garbage collector's orphaning: the owner's references are removed from its pods
/// and revisions (each an update the handlers see) before the owner goes.
fn orphan_dependents(c: &mut Cluster, uid: &str) {
    let owned = |refs: &[crate::api::OwnerReference]| refs.iter().any(|o| o.uid == uid);
    for k in c.store.pods_owned_by(uid) {
        let rv = c.new_resource_version();
        let p = c.store.pods.get_mut(&k).expect("listed");
        let old = p.clone();
        p.metadata.owner_references.retain(|o| o.uid != uid);
        p.metadata.resource_version = rv;
        c.pod_updated_at(&old, &k);
    }
    let revs: Vec<Key> = c
        .store
        .revisions
        .iter()
        .filter(|(_, r)| owned(&r.metadata.owner_references))
        .map(|(k, _)| k.clone())
        .collect();
    for k in revs {
        let rv = c.new_resource_version();
        let cr = c.store.revisions.get_mut(&k).expect("listed");
        let old = cr.clone();
        cr.metadata.owner_references.retain(|o| o.uid != uid);
        cr.metadata.resource_version = rv;
        let cur = cr.clone();
        c.history_updated(&old, &cur);
    }
}
