//! `kubectl rollout status|history|undo|restart` and `kubectl set image` for DaemonSets.

use super::apply::update_daemonset;
use super::args::{self, flag};
use super::resource::Resource;
use super::targets::{namespace, parse_targets};
use super::{usage_error, Ctx};
use crate::api::*;
use crate::cluster::{Cluster, Key};
use crate::session::Output;

/// The DaemonSet a rollout command names (`ds/x`, `daemonset x`).
fn target(ctx: &Ctx, p: &args::Parsed, verb: &str) -> Result<Key, Output> {
    let t = parse_targets(&p.positional).map_err(|e| Output::err(format!("error: {e}\n")))?;
    let Some((r, names)) = t.first() else {
        return Err(usage_error(verb, "required resource not specified"));
    };
    if *r != Resource::DaemonSets {
        return Err(Output::err(format!(
            "error: the playground simulates DaemonSets only; \"{}\" is not one\n",
            r.plural()
        )));
    }
    let Some(name) = names.first() else {
        return Err(usage_error(verb, "required resource not specified"));
    };
    let key = Key::new(&namespace(p), name);
    if !ctx.cluster.store.daemonsets.contains_key(&key) {
        return Err(Output::err(format!(
            "Error from server (NotFound): daemonsets.apps \"{name}\" not found\n"
        )));
    }
    Ok(key)
}

pub fn rollout(ctx: &mut Ctx, rest: &[String]) -> Output {
    let Some(sub) = rest.first() else {
        return usage_error("rollout", "Required resource not specified.");
    };
    let rest = &rest[1..];
    match sub.as_str() {
        "status" => status(ctx, rest),
        "history" => history(ctx, rest),
        "undo" => undo(ctx, rest),
        "restart" => restart(ctx, rest),
        "pause" | "resume" => {
            let p = args::parse(rest, &[]).unwrap_or_default();
            match target(ctx, &p, "rollout") {
                Ok(k) => Output::err(format!(
                    "error: daemonsets.apps \"{}\" {} is not supported\n",
                    k.name,
                    if sub == "pause" {
                        "pausing"
                    } else {
                        "resuming"
                    }
                )),
                Err(o) => o,
            }
        }
        other => Output::err(format!(
            "error: unknown command \"{other}\" for \"kubectl rollout\"\n"
        )),
    }
}

/// kubectl's `DaemonSetStatusViewer`: (message, done).
pub fn status_message(ds: &DaemonSet) -> Result<(String, bool), String> {
    if !ds.is_rolling_update() {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    let s = &ds.status;
    let name = &ds.metadata.name;
    if ds.metadata.generation > s.observed_generation {
        return Ok((
            "Waiting for daemon set spec update to be observed...".into(),
            false,
        ));
    }
    if s.updated_number_scheduled < s.desired_number_scheduled {
        return Ok((
            format!(
                "Waiting for daemon set \"{name}\" rollout to finish: {} out of {} new pods have been updated...",
                s.updated_number_scheduled, s.desired_number_scheduled
            ),
            false,
        ));
    }
    if s.number_available < s.desired_number_scheduled {
        return Ok((
            format!(
                "Waiting for daemon set \"{name}\" rollout to finish: {} of {} updated pods are available...",
                s.number_available, s.desired_number_scheduled
            ),
            false,
        ));
    }
    Ok((
        format!("daemon set \"{name}\" successfully rolled out"),
        true,
    ))
}

/// How long `rollout status` waits when no `--timeout` is given (kubectl would wait forever).
const STATUS_LIMIT_MS: i64 = 24 * 3600 * 1000;

fn status(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(
        rest,
        &[
            flag("watch", Some('w'), true),
            flag("timeout", None, true),
            flag("revision", None, true),
        ],
    ) {
        Ok(p) => p,
        Err(e) => return usage_error("rollout status", &e),
    };
    let key = match target(ctx, &p, "rollout status") {
        Ok(k) => k,
        Err(o) => return o,
    };
    let watch = p.get("watch") != Some("false");
    let timeout_ms = match p.get("timeout").map(crate::session::parse_go_duration) {
        None => None,
        Some(Ok(0)) => None,
        Some(Ok(ms)) => Some(ms),
        Some(Err(e)) => {
            return Output::err(format!(
                "error: invalid argument for \"--timeout\" flag: {e}\n"
            ))
        }
    };
    let c: &mut Cluster = ctx.cluster;
    let start = c.now;
    let deadline = start.plus_ms(timeout_ms.unwrap_or(STATUS_LIMIT_MS));
    let mut out = Output::default();
    let mut last = String::new();
    loop {
        let Some(ds) = c.store.daemonsets.get(&key) else {
            out.append(Output::err(format!(
                "Error from server (NotFound): daemonsets.apps \"{}\" not found\n",
                key.name
            )));
            return out;
        };
        let (msg, done) = match status_message(ds) {
            Ok(v) => v,
            Err(e) => {
                out.append(Output::err(format!("error: {e}\n")));
                return out;
            }
        };
        if msg != last {
            out.stdout.push_str(&msg);
            out.stdout.push('\n');
            last = msg;
        }
        if done || !watch {
            return out;
        }
        match c.next_timer_at() {
            Some(at) if at <= deadline => c.advance(at.0 - c.now.0),
            Some(_) | None if timeout_ms.is_some() => {
                c.advance(deadline.0 - c.now.0);
                out.append(Output::err("error: timed out waiting for the condition\n"));
                return out;
            }
            _ => {
                out.append(Output::err(
                    "error: the rollout cannot progress: nothing in the simulated cluster will change (kubectl would wait forever; pass --timeout to bound it)\n",
                ));
                return out;
            }
        }
    }
}

/// The ControllerRevisions of a DaemonSet, by revision number.
fn history_of(c: &Cluster, ds: &DaemonSet) -> Vec<ControllerRevision> {
    let sel = ds.spec.selector.clone().unwrap_or_default();
    let mut v: Vec<ControllerRevision> = c
        .store
        .revisions_controlled_by(ds)
        .filter(|cr| sel.matches(&cr.metadata.labels))
        .cloned()
        .collect();
    crate::sort::sort_by_key(&mut v, |cr| cr.revision);
    v
}

fn history(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(
        rest,
        &[
            flag("revision", None, true),
            flag("output", Some('o'), true),
        ],
    ) {
        Ok(p) => p,
        Err(e) => return usage_error("rollout history", &e),
    };
    let key = match target(ctx, &p, "rollout history") {
        Ok(k) => k,
        Err(o) => return o,
    };
    let ds = (*ctx.cluster.store.daemonsets[&key]).clone();
    let hist = history_of(ctx.cluster, &ds);
    let revision: i64 = match p.get("revision").map(str::parse).transpose() {
        Ok(r) => r.unwrap_or(0),
        Err(_) => {
            return Output::err("error: invalid argument for \"--revision\" flag\n".to_string())
        }
    };
    if revision > 0 {
        let Some(cr) = hist.iter().find(|cr| cr.revision == revision) else {
            return Output::err("error: unable to find the specified revision\n");
        };
        let template = template_of(cr).unwrap_or_default();
        return Output::out(format!(
            "daemonset.apps/{} with revision #{revision}\n{}\n",
            key.name,
            super::describe::pod_template(&template)
        ));
    }
    if hist.is_empty() {
        return Output::out(format!(
            "daemonset.apps/{} \nNo rollout history found.\n",
            key.name
        ));
    }
    let mut s = format!("daemonset.apps/{} \nREVISION  CHANGE-CAUSE\n", key.name);
    for cr in &hist {
        let cause = cr
            .metadata
            .annotations
            .get("kubernetes.io/change-cause")
            .cloned()
            .unwrap_or_else(|| "<none>".into());
        s.push_str(&format!("{:<10}{cause}\n", cr.revision));
    }
    s.push('\n');
    Output::out(s)
}

/// The pod template a revision restores (`data.spec.template`, without `$patch`).
fn template_of(cr: &ControllerRevision) -> Option<PodTemplateSpec> {
    let mut t = cr.data.pointer("/spec/template")?.clone();
    if let Some(m) = t.as_object_mut() {
        m.remove("$patch");
    }
    PodTemplateSpec::from_json(t).ok()
}

fn undo(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(
        rest,
        &[flag("to-revision", None, true), flag("dry-run", None, true)],
    ) {
        Ok(p) => p,
        Err(e) => return usage_error("rollout undo", &e),
    };
    let key = match target(ctx, &p, "rollout undo") {
        Ok(k) => k,
        Err(o) => return o,
    };
    let to: i64 = match p.get("to-revision").map(str::parse).transpose() {
        Ok(r) => r.unwrap_or(0),
        Err(_) => {
            return Output::err("error: invalid argument for \"--to-revision\" flag\n".to_string())
        }
    };
    let ds = (*ctx.cluster.store.daemonsets[&key]).clone();
    if to < 0 {
        return Output::err(format!(
            "error: unable to find specified revision {to} in history\n"
        ));
    }
    let hist = history_of(ctx.cluster, &ds);
    let target = if to == 0 {
        if hist.len() <= 1 {
            return Output::err("error: no last revision to roll back to\n".to_string());
        }
        hist[hist.len() - 2].clone()
    } else {
        match hist.iter().find(|cr| cr.revision == to) {
            Some(cr) => cr.clone(),
            None => {
                return Output::err(format!(
                    "error: unable to find specified revision {to} in history\n"
                ))
            }
        }
    };
    let Some(template) = template_of(&target) else {
        return Output::err(format!(
            "error: revision {} has no pod template\n",
            target.revision
        ));
    };
    if template == ds.spec.template {
        return Output::out(format!(
            "daemonset.apps/{} skipped rollback (current template already matches revision {})\n",
            key.name, target.revision
        ));
    }
    if p.get("dry-run").is_some_and(|d| d != "none") {
        return Output::out(format!(
            "daemonset.apps/{} will roll back to {}\n",
            key.name,
            super::describe::pod_template(&template)
        ));
    }
    let mut new = ds.clone();
    new.spec.template = template;
    match update_daemonset(ctx.cluster, &key, new, None) {
        Ok(_) => Output::out(format!("daemonset.apps/{} rolled back\n", key.name)),
        Err(e) => Output::err(e),
    }
}

fn restart(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(rest, &[]) {
        Ok(p) => p,
        Err(e) => return usage_error("rollout restart", &e),
    };
    let key = match target(ctx, &p, "rollout restart") {
        Ok(k) => k,
        Err(o) => return o,
    };
    let mut ds = (*ctx.cluster.store.daemonsets[&key]).clone();
    ds.spec.template.metadata.annotations.insert(
        "kubectl.kubernetes.io/restartedAt".into(),
        ctx.cluster.now.rfc3339(),
    );
    match update_daemonset(ctx.cluster, &key, ds, None) {
        Ok(_) => Output::out(format!("daemonset.apps/{} restarted\n", key.name)),
        Err(e) => Output::err(e),
    }
}

/// `kubectl set image ds/NAME CONTAINER=IMAGE ...` (`*=IMAGE` for every container).
pub fn set(ctx: &mut Ctx, rest: &[String]) -> Output {
    if rest.first().map(String::as_str) != Some("image") {
        return Output::err(
            "error: the playground simulates `kubectl set image` only\n".to_string(),
        );
    }
    let p = match args::parse(
        &rest[1..],
        &[
            flag("all", None, false),
            flag("selector", Some('l'), true),
            flag("record", None, false),
        ],
    ) {
        Ok(p) => p,
        Err(e) => return usage_error("set image", &e),
    };
    let split = p
        .positional
        .iter()
        .position(|a| a.contains('='))
        .unwrap_or(p.positional.len());
    let (objs, specs) = p.positional.split_at(split);
    if specs.is_empty() {
        return Output::err("error: at least one image update is required\n".to_string());
    }
    // kubectl's GetResourcesAndPairs: no resource after the first `NAME=IMAGE`.
    if let Some(s) = specs.iter().find(|s| !s.contains('=')) {
        return Output::err(format!(
            "error: all resources must be specified before image changes: {s}\n"
        ));
    }
    let pp = args::Parsed {
        positional: objs.to_vec(),
        flags: p.flags.clone(),
    };
    let key = match target(ctx, &pp, "set image") {
        Ok(k) => k,
        Err(o) => return o,
    };
    let mut ds = (*ctx.cluster.store.daemonsets[&key]).clone();
    for s in specs {
        let (name, image) = s.split_once('=').expect("has =");
        let mut found = false;
        let spec = &mut ds.spec.template.spec;
        for ctr in spec
            .containers
            .iter_mut()
            .chain(spec.init_containers.iter_mut())
        {
            if name == "*" || ctr.name == name {
                ctr.image = image.to_string();
                found = true;
            }
        }
        if !found {
            return Output::err(format!(
                "error: unable to find container named \"{name}\"\n"
            ));
        }
    }
    match update_daemonset(ctx.cluster, &key, ds, None) {
        // kubectl says "image updated" whether or not the image changed.
        Ok(_) => Output::out(format!("daemonset.apps/{} image updated\n", key.name)),
        Err(e) => Output::err(e),
    }
}
