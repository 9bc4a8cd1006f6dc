//! The timeline as JSON (format documented in the module `export`).

use super::{item, start_time, walk, Item};
use crate::timeline::{Report, Timeline};
use crate::view::{board, PodCell};
use serde_json::{json, Value as Json};

fn pod_json(p: &PodCell, with_node: bool) -> Json {
    let mut v = json!({
        "name": &*p.key.name,
        "namespace": &*p.key.namespace,
        "daemonset": p.owner,
        "state": p.state.name(),
        "revision": p.revision,
        "updated": p.updated,
    });
    if with_node {
        v["node"] = json!(p.node);
    }
    v
}

/// The summary of one state: DaemonSet counters and daemon pods per node.
pub(crate) fn summary(c: &crate::cluster::Cluster) -> (Json, Json, Json) {
    let b = board(c);
    let daemonsets: Vec<Json> = c
        .store
        .daemonsets
        .iter()
        .map(|(k, d)| {
            let s = &d.status;
            let revision = b
                .daemonsets
                .iter()
                .find(|r| &r.key == k)
                .and_then(|r| r.current_revision);
            json!({
                "namespace": &*k.namespace,
                "name": &*k.name,
                "desired": s.desired_number_scheduled,
                "current": s.current_number_scheduled,
                "ready": s.number_ready,
                "upToDate": s.updated_number_scheduled,
                "available": s.number_available,
                "unavailable": s.number_unavailable,
                "misscheduled": s.number_misscheduled,
                "revision": revision,
            })
        })
        .collect();
    let nodes: Vec<Json> = b
        .nodes
        .iter()
        .map(|n| {
            let pods: Vec<Json> = n
                .pods
                .iter()
                .filter(|p| !p.owner.is_empty())
                .map(|p| pod_json(p, false))
                .collect();
            json!({"name": n.node.name, "pods": pods})
        })
        .collect();
    let unplaced: Vec<Json> = b
        .unplaced
        .iter()
        .filter(|p| !p.owner.is_empty())
        .map(|p| pod_json(p, true))
        .collect();
    (json!(daemonsets), json!(nodes), json!(unplaced))
}

/// For each action up to the timeline's position: its index, simulated time, command and
/// a summary of the cluster after it (see the module documentation for the format).
pub fn timeline_json(t: &Timeline) -> String {
    let mut actions = Vec::new();
    let warning = walk(t, usize::MAX, |n, r: &Timeline, report: Option<&Report>| {
        if n == 0 {
            return;
        }
        let i = n - 1;
        let at = r.times()[i];
        let mut a = json!({
            "index": i,
            "time": at.rfc3339(),
            "ms": at.0 - start_time().0,
        });
        match item(&r.actions()[i]) {
            Item::Step => a["command"] = json!("step"),
            Item::Command { argv, stdin } => {
                a["command"] = json!(super::command_line(&argv));
                if stdin.is_some() {
                    a["stdin"] = json!(true);
                }
            }
            Item::Invalid { line, .. } => a["command"] = json!(line),
            Item::Empty => a["command"] = json!(""),
        }
        if !matches!(item(&r.actions()[i]), Item::Step) {
            a["failed"] = json!(report.is_some_and(|r| r.output.failed));
        }
        let (daemonsets, nodes, unplaced) = summary(&r.session.cluster);
        a["daemonsets"] = daemonsets;
        a["nodes"] = nodes;
        a["unplaced"] = unplaced;
        actions.push(a);
    });
    let mut doc = json!({
        "format": "dsim-timeline/1",
        "start": start_time().rfc3339(),
        "position": t.position(),
        "actions": actions,
    });
    if let Some(w) = warning {
        doc["warnings"] = json!([w]);
    }
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
