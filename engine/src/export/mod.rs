//! Export: a scenario and its timeline in forms that leave the playground.
//!
//! Everything here is a pure function of a [`Timeline`] (its actions up to the current
//! position, the clock after each, and the cluster at the position):
//!
//! - [`scenario_yaml`]: the user's objects (Namespaces that are not built in,
//!   PriorityClasses, other stored kinds, Nodes, DaemonSets) as one multi-document YAML
//!   for `kubectl apply -f`, without status and server-set metadata.
//! - [`scenario_script`]: the actions as a dsim script (`dsim run`), standard input as
//!   quoted here-documents, the clock's steps as `sleep` of the simulated time.
//! - [`timeline_json`]: per action its time, command and a summary (DaemonSet status
//!   counters, daemon pods per node), in the format documented below.
//! - [`timeline_svg`]: a self-contained SVG picture of the daemon pods' states over time.
//! - [`kwok_kit`]: files to replay the scenario on kind with KWOK fake nodes.
//!
//! [`timeline_json`] and [`timeline_svg`] need the state after every action, so they
//! replay the actions on a fresh cluster ([`replay`]). A fresh cluster has no files: a
//! command such as `kubectl apply -f nodes.yaml` must carry its file as standard input
//! for the replay to match. [`actions_from_script`] does that for scripts read from disk
//! (dsim), and [`inline_files`] for single commands (the browser, which keeps its files in
//! memory). When a replay does not end in the timeline's state, the output says so.
//!
//! # `timeline_json` format (`"format": "dsim-timeline/1"`)
//!
//! ```text
//! {
//!   "format": "dsim-timeline/1",
//!   "start": "2025-01-01T00:00:00Z",      simulated time before the first action
//!   "position": 7,                         actions exported (the timeline's position)
//!   "warnings": [ "..." ],                 only when the replay did not match
//!   "actions": [
//!     {
//!       "index": 0,                        0-based index of the action
//!       "time": "2025-01-01T00:00:00Z",    simulated time after the action (RFC 3339)
//!       "ms": 0,                           milliseconds from "start" to "time"
//!       "command": "kubectl apply -f -",   the command (words shell-quoted), or "step"
//!       "stdin": true,                     present (true) when the command had input
//!       "failed": false,                   the command failed (kubectl would exit 1)
//!       "daemonsets": [ { "namespace", "name", "desired", "current", "ready",
//!                         "upToDate", "available", "unavailable", "misscheduled",
//!                         "revision" (current ControllerRevision number or null) } ],
//!       "nodes": [ { "name", "pods": [ { "name", "namespace", "daemonset",
//!                    "state" (engine::view::PodState::name), "revision" (or null),
//!                    "updated" (runs the current template) } ] } ],
//!       "unplaced": [ same pod objects, plus "node" ]   daemon pods on no known node
//!     }
//!   ]
//! }
//! ```
//!
//! Object keys are written sorted; arrays are in name order.

mod json;
mod kwok;
mod script;
mod svg;
mod yaml;

#[cfg(test)]
mod tests;

pub use json::timeline_json;
pub use kwok::{kwok_kit, KwokKit, KWOK_TAINT_KEY, KWOK_VERSION};
pub use script::scenario_script;
pub use svg::{timeline_svg, SvgOptions, PALETTE};
pub use yaml::scenario_yaml;

use crate::api::Time;
use crate::script::command_line;
use crate::session::{FileSource, NoFiles};
use crate::timeline::{Action, Timeline};

/// A here-document delimiter that does not occur anywhere in `body`.
pub fn heredoc_delimiter(body: &str) -> String {
    let mut d = "EOF".to_string();
    let mut n = 0;
    while body.contains(&d) {
        n += 1;
        d = format!("EOF_{n}");
    }
    d
}

/// `line <<'DELIM'`, the body, and the delimiter line (the body gets a final newline,
/// as a here-document always has one).
pub fn with_heredoc(line: &str, body: &str) -> String {
    let d = heredoc_delimiter(body);
    let nl = if body.is_empty() || body.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    format!("{line} <<'{d}'\n{body}{nl}{d}\n")
}

/// One action as the exporters see it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    Command {
        argv: Vec<String>,
        stdin: Option<String>,
    },
    /// A line the script parser refused (it changed nothing when it ran).
    Invalid {
        line: String,
        error: String,
    },
    /// A blank line or a comment.
    Empty,
    Step,
}

pub(crate) fn item(a: &Action) -> Item {
    match a {
        Action::Step => Item::Step,
        Action::Command { line, stdin } => match crate::script::parse_line(line) {
            Ok(cmd) => Item::Command {
                stdin: cmd.stdin.or_else(|| stdin.clone()),
                argv: cmd.argv,
            },
            Err(e) if e.message == "empty command" => Item::Empty,
            Err(e) => Item::Invalid {
                line: line.clone(),
                error: e.to_string(),
            },
        },
    }
}

/// The simulated time before the first action.
pub fn start_time() -> Time {
    Time(crate::api::time::EPOCH_MS)
}

/// The clock before action `i` (after action `i - 1`).
pub(crate) fn time_before(t: &Timeline, i: usize) -> Time {
    if i == 0 {
        start_time()
    } else {
        t.times()[i - 1]
    }
}

/// The `-f` argument of a kubectl command, if it has exactly one: (index of the value
/// in argv, the value, whether it is written `--filename=X`/`-fX` in one word).
fn file_arg(argv: &[String]) -> Option<(usize, String, Option<&'static str>)> {
    let mut found = None;
    let mut i = 1;
    while i < argv.len() {
        let w = argv[i].as_str();
        let hit = if w == "-f" || w == "--filename" {
            let v = argv.get(i + 1)?;
            i += 1;
            Some((i, v.clone(), None))
        } else if let Some(v) = w.strip_prefix("--filename=") {
            Some((i, v.to_string(), Some("--filename=")))
        } else {
            w.strip_prefix("-f")
                .filter(|v| !v.is_empty() && !w.starts_with("--"))
                .map(|v| (i, v.to_string(), Some("-f")))
        };
        if let Some(h) = hit {
            if found.is_some() {
                return None;
            }
            found = Some(h);
        }
        i += 1;
    }
    found
}

/// A kubectl command reading one file with `-f FILE` rewritten to read it from standard
/// input (`-f -`), with the file's text as input: a command that no longer needs the
/// file system. None when there is nothing to inline (no file, several, a folder, `-`,
/// a URL, input already given, or the file cannot be read).
pub fn inline_files(
    argv: &[String],
    stdin: Option<&str>,
    files: &dyn FileSource,
) -> Option<(Vec<String>, String)> {
    if argv.first().map(String::as_str) != Some("kubectl") || stdin.is_some() {
        return None;
    }
    let verb = argv.get(1)?.as_str();
    if !matches!(verb, "apply" | "create" | "delete" | "replace") {
        return None;
    }
    let (i, path, joined) = file_arg(argv)?;
    if path == "-" || path.contains("://") || files.list_dir(&path).is_some() {
        return None;
    }
    let text = files.read(&path).ok()?;
    let mut out = argv.to_vec();
    out[i] = match joined {
        Some(prefix) => format!("{prefix}-"),
        None => "-".into(),
    };
    Some((out, text))
}

/// The commands of a script as timeline actions, each file read by `-f FILE` put in the
/// action as its standard input (see [`inline_files`]), so that the actions replay
/// without the files.
pub fn actions_from_script(
    text: &str,
    files: &dyn FileSource,
) -> Result<Vec<Action>, crate::script::ScriptError> {
    let cmds = crate::script::parse_script(text)?;
    Ok(cmds
        .into_iter()
        .map(|c| {
            let (argv, stdin) = match inline_files(&c.argv, c.stdin.as_deref(), files) {
                Some((argv, text)) => (argv, Some(text)),
                None => (c.argv, c.stdin),
            };
            Action::Command {
                line: command_line(&argv),
                stdin,
            }
        })
        .collect())
}

/// A fresh timeline (no files) with `actions` applied in order.
pub fn replay(actions: &[Action]) -> Timeline {
    Timeline::replayed(Box::new(NoFiles), actions.iter().cloned())
}

/// What a replay is compared on: every pod's name, node, phase, readiness and revision
/// hash, every node's name and taints, and the clock.
pub(crate) fn fingerprint(c: &crate::cluster::Cluster) -> String {
    let mut s = format!("now={}\n", c.now.0);
    for (k, p) in &c.store.pods {
        s.push_str(&format!(
            "pod {k} node={} phase={} ready={} deleting={} hash={}\n",
            p.spec.node_name,
            p.status.phase,
            p.is_ready(),
            p.metadata.deletion_timestamp.is_some(),
            p.metadata
                .labels
                .get(crate::api::REVISION_HASH_LABEL)
                .map(String::as_str)
                .unwrap_or("")
        ));
    }
    for n in c.store.nodes.values() {
        s.push_str(&format!(
            "node {} {} {:?}\n",
            n.metadata.name,
            n.status_text(),
            n.spec
                .taints
                .iter()
                .map(|t| t.to_string_k8s())
                .collect::<Vec<_>>()
        ));
    }
    for (k, d) in &c.store.daemonsets {
        s.push_str(&format!("ds {k} {:?}\n", d.status));
    }
    s
}

/// Replays `t`'s actions up to its position, calling `f` with the state before any action
/// (index 0) and after each sampled action (index = actions applied). At most
/// `max_samples` states are passed besides the first; the last is always passed.
/// Returns a warning when the replay does not end in `t`'s state.
pub(crate) fn walk(
    t: &Timeline,
    max_samples: usize,
    mut f: impl FnMut(usize, &Timeline, Option<&crate::timeline::Report>),
) -> Option<String> {
    let pos = t.position();
    let stride = pos.div_ceil(max_samples.max(1)).max(1);
    let mut r = Timeline::new(Box::new(NoFiles));
    f(0, &r, None);
    for (i, a) in t.actions()[..pos].iter().enumerate() {
        let report = r.push(a.clone());
        let n = i + 1;
        if n % stride == 0 || n == pos {
            f(n, &r, Some(&report));
        }
    }
    (fingerprint(&r.session.cluster) != fingerprint(&t.session.cluster)).then(|| {
        "replaying the actions on a fresh cluster did not give the timeline's state \
         (a command probably read a file: record file contents as standard input, see \
         engine::export::inline_files)"
            .to_string()
    })
}
