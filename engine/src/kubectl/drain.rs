//! `kubectl drain NODE`: cordon, then evict every pod except DaemonSet-managed ones
//! (which need `--ignore-daemonsets`), as kubectl's drain helper does.

use super::args::{self, flag};
use super::{usage_error, Ctx};
use crate::cluster::Key;
use crate::controller::pods::delete_pod;
use crate::session::Output;

pub fn drain(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(
        rest,
        &[
            flag("ignore-daemonsets", None, false),
            flag("delete-emptydir-data", None, false),
            flag("force", None, false),
            flag("grace-period", None, true),
            flag("timeout", None, true),
            flag("selector", Some('l'), true),
            flag("pod-selector", None, true),
            flag("disable-eviction", None, false),
            flag("dry-run", None, true),
        ],
    ) {
        Ok(p) => p,
        Err(e) => return usage_error("drain", &e),
    };
    let [node] = p.positional.as_slice() else {
        return usage_error("drain", "USAGE: drain NODE [flags]");
    };
    let mut out = super::nodes::cordon(ctx, std::slice::from_ref(node), true);
    if out.failed {
        return out;
    }
    let c = &mut *ctx.cluster;
    let mut daemon = Vec::new();
    let mut unmanaged = Vec::new();
    let mut evict = Vec::new();
    for (k, pod) in c
        .store
        .pods
        .iter()
        .filter(|(_, p)| p.spec.node_name == *node && p.metadata.deletion_timestamp.is_none())
    {
        let id = format!("{}/{}", k.namespace, k.name);
        match pod.metadata.controller_ref() {
            Some(r)
                if r.kind == "DaemonSet"
                    && c.store.daemonsets.values().any(|d| d.metadata.uid == r.uid) =>
            {
                daemon.push(id)
            }
            Some(_) => evict.push(k.clone()),
            None => unmanaged.push((id, k.clone())),
        }
    }
    let mut errors = Vec::new();
    if !daemon.is_empty() && !p.bool("ignore-daemonsets") {
        errors.push(format!(
            "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): {}",
            daemon.join(", ")
        ));
    }
    if !unmanaged.is_empty() && !p.bool("force") {
        let ids: Vec<String> = unmanaged.iter().map(|(i, _)| i.clone()).collect();
        errors.push(format!(
            "cannot delete Pods that declare no controller (use --force to override): {}",
            ids.join(", ")
        ));
    }
    if !errors.is_empty() {
        let e = errors.join(", ");
        out.append(Output::err(format!(
            "error: unable to drain node \"{node}\" due to error: {e}, continuing command...\nThere are pending nodes to be drained:\n {node}\n{e}\n"
        )));
        return out;
    }
    let mut warn = Vec::new();
    if !daemon.is_empty() {
        warn.push(format!(
            "ignoring DaemonSet-managed Pods: {}",
            daemon.join(", ")
        ));
    }
    if !unmanaged.is_empty() {
        let ids: Vec<String> = unmanaged.iter().map(|(i, _)| i.clone()).collect();
        warn.push(format!(
            "deleting Pods that declare no controller: {}",
            ids.join(", ")
        ));
    }
    if !warn.is_empty() {
        out.stderr
            .push_str(&format!("Warning: {}\n", warn.join("; ")));
    }
    let grace = p
        .get("grace-period")
        .and_then(|g| g.parse::<i64>().ok())
        .filter(|g| *g >= 0);
    let all: Vec<Key> = evict
        .into_iter()
        .chain(unmanaged.into_iter().map(|(_, k)| k))
        .collect();
    for k in &all {
        out.stdout
            .push_str(&format!("evicting pod {}/{}\n", k.namespace, k.name));
        delete_pod(c, k, grace);
    }
    c.settle();
    c.advance_until(600_000, |c| {
        all.iter().all(|k| !c.store.pods.contains_key(k))
    });
    for k in &all {
        out.stdout.push_str(&format!("pod/{} evicted\n", k.name));
    }
    out.stdout.push_str(&format!("node/{node} drained\n"));
    out
}
