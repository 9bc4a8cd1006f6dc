//! The kubectl interpreter: kubectl's syntax, flags, messages and output formats over a
//! simulated cluster. After each command the cluster is brought to rest.

pub mod apply;
pub mod args;
mod delete;
pub mod describe;
mod drain;
mod events;
mod field_selector;
mod get;
mod leading;
mod merge;
mod nodes;
mod patch;
pub mod printers;
pub mod resource;
pub(crate) mod rollout;
pub mod selector;
mod targets;
mod written;

use crate::cluster::Cluster;
use crate::session::{FileSource, Output};

pub struct Ctx<'a> {
    pub cluster: &'a mut Cluster,
    pub files: &'a dyn FileSource,
    pub stdin: Option<&'a str>,
}

/// `error: <msg>` plus kubectl's usage hint for flag errors.
pub fn usage_error(verb: &str, msg: &str) -> Output {
    Output::err(format!(
        "error: {msg}\nSee 'kubectl {verb} --help' for usage.\n"
    ))
}

/// Runs `argv` (starting with `kubectl`).
pub fn run(ctx: &mut Ctx, argv: &[String]) -> Output {
    let argv = match command_first(argv) {
        Ok(a) => a,
        Err(out) => return out,
    };
    let Some(verb) = argv.get(1) else {
        return Output::out("kubectl controls the Kubernetes cluster manager.\n\nFind more information at: https://kubernetes.io/docs/reference/kubectl/\n");
    };
    let rest = &argv[2..];
    let out = match verb.as_str() {
        "apply" => apply_cmd(ctx, rest, apply::Mode::Apply),
        "create" => create_cmd(ctx, rest),
        "get" => get::get(ctx, rest),
        "events" => events::events(ctx, rest),
        "describe" => get::describe(ctx, rest),
        "label" => nodes::label(ctx, rest),
        "taint" => nodes::taint(ctx, rest),
        "cordon" => nodes::cordon(ctx, rest, true),
        "uncordon" => nodes::cordon(ctx, rest, false),
        "delete" => delete::delete(ctx, rest),
        "rollout" => rollout::rollout(ctx, rest),
        "drain" => drain::drain(ctx, rest),
        "patch" => patch::patch(ctx, rest),
        "set" => rollout::set(ctx, rest),
        "version" => Output::out("Client Version: v1.34.0\nKustomize Version: v5.7.1\nServer Version: v1.34.0 (simulated)\n"),
        "edit" => Output::err(
            "error: kubectl edit opens an editor, which the playground does not have: change the manifest and apply it again, or use kubectl patch or kubectl set image\n",
        ),
        "api-resources" | "explain" | "exec" | "logs" | "port-forward" | "proxy" | "cp" | "attach" | "run"
        | "expose" | "scale" | "autoscale" | "top" | "wait" | "diff" | "replace" | "annotate" => Output::err(format!(
            "error: \"kubectl {verb}\" is not simulated by this playground\n"
        )),
        other => Output::err(format!(
            "error: unknown command \"{other}\" for \"kubectl\"\n\nDid you mean this?\n{}\nRun 'kubectl --help' for usage.\n",
            suggest(other)
        )),
    };
    ctx.cluster.settle();
    out
}

/// `argv` with the flags written before the command moved after it, as kubectl reads them
/// (`kubectl -n x get pods` is `kubectl get pods -n x`); or kubectl's error.
pub(crate) fn command_first(argv: &[String]) -> Result<Vec<String>, Output> {
    leading::command_first(argv, |c| COMMANDS.contains(&c))
}

/// Every command name the interpreter knows, simulated or not.
const COMMANDS: &[&str] = &[
    "apply",
    "create",
    "get",
    "describe",
    "label",
    "taint",
    "cordon",
    "uncordon",
    "delete",
    "rollout",
    "drain",
    "patch",
    "set",
    "version",
    "edit",
    "api-resources",
    "explain",
    "exec",
    "logs",
    "port-forward",
    "proxy",
    "cp",
    "attach",
    "run",
    "expose",
    "scale",
    "autoscale",
    "top",
    "wait",
    "diff",
    "replace",
    "annotate",
];

fn suggest(s: &str) -> String {
    const VERBS: &[&str] = &[
        "apply", "create", "get", "describe", "label", "taint", "cordon", "uncordon", "delete",
    ];
    let best = VERBS
        .iter()
        .min_by_key(|v| distance(s, v))
        .copied()
        .unwrap_or("get");
    format!("\t{best}")
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().take(64).enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

const APPLY_FLAGS: &[args::FlagSpec] = &[
    args::flag("filename", Some('f'), true),
    args::flag("recursive", Some('R'), false),
    args::flag("output", Some('o'), true),
    args::flag("validate", None, true),
    args::flag("dry-run", None, true),
    args::flag("server-side", None, false),
    args::flag("force-conflicts", None, false),
    args::flag("record", None, false),
    args::flag("save-config", None, false),
];

fn apply_cmd(ctx: &mut Ctx, rest: &[String], mode: apply::Mode) -> Output {
    let verb = if mode == apply::Mode::Apply {
        "apply"
    } else {
        "create"
    };
    let p = match args::parse(rest, APPLY_FLAGS) {
        Ok(p) => p,
        Err(e) => return usage_error(verb, &e),
    };
    let files = p.all("filename");
    if files.is_empty() {
        return usage_error(verb, "must specify one of -f and -k");
    }
    let mut out = Output::default();
    for f in files {
        match targets::read_manifests(ctx, &f, p.bool("recursive")) {
            Ok(list) => {
                for (name, text) in list {
                    let docs = crate::manifest::decode_manifest(&text, &name);
                    out.append(apply::apply_documents(
                        ctx.cluster,
                        docs,
                        mode,
                        p.get("namespace"),
                        &name,
                    ));
                }
            }
            Err(e) => out.append(Output::err(format!("error: {e}\n"))),
        }
    }
    out
}

fn create_cmd(ctx: &mut Ctx, rest: &[String]) -> Output {
    match rest.first().map(String::as_str) {
        Some("namespace") | Some("ns") => {
            let p = match args::parse(
                &rest[1..],
                &[
                    args::flag("dry-run", None, true),
                    args::flag("output", Some('o'), true),
                ],
            ) {
                Ok(p) => p,
                Err(e) => return usage_error("create namespace", &e),
            };
            let Some(name) = p.positional.first() else {
                return Output::err("error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n");
            };
            if ctx.cluster.store.namespaces.contains_key(name.as_str()) {
                return Output::err(format!(
                    "Error from server (AlreadyExists): namespaces \"{name}\" already exists\n"
                ));
            }
            let yaml = format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name:?}\n");
            let docs = crate::manifest::decode_manifest(&yaml, "STDIN");
            apply::apply_documents(ctx.cluster, docs, apply::Mode::Create, None, "STDIN")
        }
        _ => apply_cmd(ctx, rest, apply::Mode::Create),
    }
}
