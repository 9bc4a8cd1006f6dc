//! Simulator verbs: what a scenario says about the world outside the API, named as
//! such (`sim ...`) so they are never mistaken for kubectl.
//!
//! ```text
//! sim image IMAGE [--unpullable] [--pull-seconds=N] [--never-ready] [--unready-after=N]
//!                  [--unhealthy-after=N] [--crash-after=N] [--reset]
//!                                    (--never-ready fails readiness probes; --unready-after
//!                                    fails them from N s after each container start, and
//!                                    --unhealthy-after its liveness probes, also in the
//!                                    containers already running, from now at the earliest;
//!                                    a container without the probe is not affected, as in
//!                                    Kubernetes)
//! sim kubelet stop|start NODE...     the node's kubelet stops or starts posting status
//! sim network cut|restore NODE...    the node is cut off from the control plane, or back
//! sim node not-ready|ready NODE...   the kubelet reports Ready=False (e.g. CNI broken), or True
//! ```

use crate::cluster::Cluster;
use crate::controller::{kubelet, node_lifecycle};
use crate::kubectl::args::{self, flag};
use crate::session::Output;

pub const USAGE: &str = "usage:\n  sim image IMAGE [--unpullable] [--pull-seconds=N] [--never-ready] [--unready-after=N] [--unhealthy-after=N] [--crash-after=N] [--reset]\n  sim kubelet stop|start NODE...\n  sim network cut|restore NODE...\n  sim node not-ready|ready NODE...\n";

pub fn run(c: &mut Cluster, argv: &[String]) -> Output {
    let out = match argv.get(1).map(String::as_str) {
        Some("image") => image(c, &argv[2..]),
        Some("kubelet") => kubelet(c, &argv[2..], "stop", "start"),
        Some("network") => kubelet(c, &argv[2..], "cut", "restore"),
        Some("node") => node(c, &argv[2..]),
        _ => Output::err(format!("sim: unknown verb\n{USAGE}")),
    };
    c.settle();
    out
}

fn image(c: &mut Cluster, rest: &[String]) -> Output {
    let p = match args::parse(
        rest,
        &[
            flag("unpullable", None, false),
            flag("pull-seconds", None, true),
            flag("never-ready", None, false),
            flag("crash-after", None, true),
            flag("unready-after", None, true),
            flag("unhealthy-after", None, true),
            flag("reset", None, false),
        ],
    ) {
        Ok(p) => p,
        Err(e) => return Output::err(format!("sim image: {e}\n{USAGE}")),
    };
    let [image] = p.positional.as_slice() else {
        return Output::err(format!("sim image: exactly one IMAGE is required\n{USAGE}"));
    };
    let num = |name: &str| -> Result<Option<i64>, Output> {
        match p.get(name).map(str::parse::<i64>) {
            None => Ok(None),
            Some(Ok(v)) if (0..=86_400).contains(&v) => Ok(Some(v)),
            Some(_) => Err(Output::err(format!(
                "sim image: --{name} must be a number of seconds from 0 to 86400\n"
            ))),
        }
    };
    let mut nums = [None; 4];
    for (i, name) in [
        "pull-seconds",
        "crash-after",
        "unready-after",
        "unhealthy-after",
    ]
    .into_iter()
    .enumerate()
    {
        match num(name) {
            Ok(v) => nums[i] = v,
            Err(o) => return o,
        }
    }
    if p.bool("reset") {
        c.settings.images.remove(image);
        kubelet::image_changed(c, image);
        return Output::out(format!("image {image} behaves normally\n"));
    }
    let b = c.settings.images.entry(image.clone()).or_default();
    if p.has("unpullable") {
        b.unpullable = p.bool("unpullable");
    }
    if p.has("never-ready") {
        b.never_ready = p.bool("never-ready");
    }
    for (field, v) in [
        &mut b.pull_seconds,
        &mut b.crash_after,
        &mut b.unready_after,
        &mut b.unhealthy_after,
    ]
    .into_iter()
    .zip(nums)
    {
        if v.is_some() {
            *field = v;
        }
    }
    let b = b.clone();
    kubelet::image_changed(c, image);
    let mut traits = Vec::new();
    if b.unpullable {
        traits.push("cannot be pulled".to_string());
    }
    if let Some(s) = b.pull_seconds {
        traits.push(format!("pulls in {s}s"));
    }
    if b.never_ready {
        traits.push("fails its readiness probes".to_string());
    } else if let Some(s) = b.unready_after {
        traits.push(format!(
            "fails its readiness probes from {s}s after it starts"
        ));
    }
    if let Some(s) = b.unhealthy_after {
        traits.push(format!(
            "fails its liveness probes from {s}s after it starts"
        ));
    }
    if let Some(s) = b.crash_after {
        traits.push(format!("exits with code 1 after {s}s"));
    }
    if traits.is_empty() {
        traits.push("behaves normally".to_string());
    }
    Output::out(format!("image {image}: {}\n", traits.join(", ")))
}

fn kubelet(c: &mut Cluster, rest: &[String], stop: &str, start: &str) -> Output {
    let Some(verb) = rest.first() else {
        return Output::err(format!("sim: {stop} or {start} is required\n{USAGE}"));
    };
    if rest.len() < 2 {
        return Output::err(format!("sim: a NODE is required\n{USAGE}"));
    }
    let mut out = Output::default();
    for n in &rest[1..] {
        if !c.store.nodes.contains_key(n) {
            out.append(Output::err(format!("sim: node {n:?} not found\n")));
            continue;
        }
        if verb == stop {
            if c.stopped_kubelets.insert(n.clone()) {
                node_lifecycle::kubelet_silent(c, n);
            }
            out.stdout.push_str(&format!(
                "node {n}: kubelet silent (the control plane marks it Unknown after {}s)\n",
                node_lifecycle::NODE_MONITOR_GRACE_SECONDS
            ));
        } else if verb == start {
            if c.stopped_kubelets.remove(n) {
                c.quiet.kubelet = None;
                c.quiet.kubelet_must_look = true;
                node_lifecycle::node_ready(c, n);
            }
            out.stdout
                .push_str(&format!("node {n}: kubelet posting status again\n"));
        } else {
            return Output::err(format!("sim: unknown action {verb:?}\n{USAGE}"));
        }
    }
    out
}

fn node(c: &mut Cluster, rest: &[String]) -> Output {
    let Some(verb) = rest.first() else {
        return Output::err(format!("sim node: not-ready or ready is required\n{USAGE}"));
    };
    let mut out = Output::default();
    for n in &rest[1..] {
        if !c.store.nodes.contains_key(n) {
            out.append(Output::err(format!("sim: node {n:?} not found\n")));
            continue;
        }
        match verb.as_str() {
            "not-ready" => node_lifecycle::node_not_ready(c, n),
            "ready" => node_lifecycle::node_ready(c, n),
            other => return Output::err(format!("sim node: unknown action {other:?}\n{USAGE}")),
        }
        out.stdout.push_str(&format!("node {n}: {verb}\n"));
    }
    out
}
