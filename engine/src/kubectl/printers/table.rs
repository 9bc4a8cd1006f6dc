//! The server-side table columns (`pkg/printers/internalversion/printers.go`) for the kinds
//! the playground serves. The server always fills every column; kubectl drops those with
//! priority 1 unless `-o wide`.

use super::util::{
    format_label_selector, format_labels, jarr, jint, jstr, jtime, node_roles, since,
};
use crate::api::*;
use crate::cluster::{Cluster, Key};
use crate::kubectl::resource::Resource;
use serde_json::Value as Json;

pub struct Column {
    pub name: &'static str,
    pub wide: bool,
}

const fn col(name: &'static str) -> Column {
    Column { name, wide: false }
}
const fn wide(name: &'static str) -> Column {
    Column { name, wide: true }
}

pub fn columns(res: Resource) -> &'static [Column] {
    const NODES: &[Column] = &[
        col("Name"),
        col("Status"),
        col("Roles"),
        col("Age"),
        col("Version"),
        wide("Internal-IP"),
        wide("External-IP"),
        wide("OS-Image"),
        wide("Kernel-Version"),
        wide("Container-Runtime"),
    ];
    const PODS: &[Column] = &[
        col("Name"),
        col("Ready"),
        col("Status"),
        col("Restarts"),
        col("Age"),
        wide("IP"),
        wide("Node"),
        wide("Nominated Node"),
        wide("Readiness Gates"),
    ];
    const DAEMONSETS: &[Column] = &[
        col("Name"),
        col("Desired"),
        col("Current"),
        col("Ready"),
        col("Up-to-date"),
        col("Available"),
        col("Node Selector"),
        col("Age"),
        wide("Containers"),
        wide("Images"),
        wide("Selector"),
    ];
    const NAMESPACES: &[Column] = &[col("Name"), col("Status"), col("Age")];
    const REVISIONS: &[Column] = &[col("Name"), col("Controller"), col("Revision"), col("Age")];
    const EVENTS: &[Column] = &[
        col("Last Seen"),
        col("Type"),
        col("Reason"),
        col("Object"),
        wide("Subobject"),
        wide("Source"),
        col("Message"),
        wide("First Seen"),
        wide("Count"),
        wide("Name"),
    ];
    const PRIORITY_CLASSES: &[Column] = &[
        col("Name"),
        col("Value"),
        col("Global-Default"),
        col("Age"),
        col("PreemptionPolicy"),
    ];
    match res {
        Resource::Nodes => NODES,
        Resource::Pods => PODS,
        Resource::DaemonSets => DAEMONSETS,
        Resource::Namespaces => NAMESPACES,
        Resource::ControllerRevisions => REVISIONS,
        Resource::Events => EVENTS,
        Resource::PriorityClasses => PRIORITY_CLASSES,
    }
}

/// Every column's cell (wide ones included) for one object, with its labels and namespace.
pub struct Row<'a> {
    pub cells: Vec<String>,
    pub meta: &'a ObjectMeta,
}

pub fn row<'a>(c: &'a Cluster, res: Resource, key: &Key) -> Option<Row<'a>> {
    let now = c.now;
    Some(match res {
        Resource::Nodes => {
            let n = c.store.nodes.get(&*key.name)?;
            Row {
                cells: node_row(now, n),
                meta: &n.metadata,
            }
        }
        Resource::Pods => {
            let p = c.store.pods.get(key)?;
            Row {
                cells: pod_row(now, p),
                meta: &p.metadata,
            }
        }
        Resource::DaemonSets => {
            let d = c.store.daemonsets.get(key)?;
            Row {
                cells: daemonset_row(now, d),
                meta: &d.metadata,
            }
        }
        Resource::Namespaces => {
            let n = c.store.namespaces.get(&*key.name)?;
            let cells = vec![
                n.metadata.name.clone(),
                n.status.phase.clone(),
                since(now, n.metadata.creation_timestamp),
            ];
            Row {
                cells,
                meta: &n.metadata,
            }
        }
        Resource::ControllerRevisions => {
            let r = c.store.revisions.get(key)?;
            let controller = match r.metadata.controller_ref() {
                Some(o) => {
                    let group = o.api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
                    let kind = if group.is_empty() {
                        o.kind.clone()
                    } else {
                        format!("{}.{group}", o.kind)
                    };
                    format!("{}/{}", crate::case::to_lowercase(&kind), o.name)
                }
                None => "<none>".into(),
            };
            let cells = vec![
                r.metadata.name.clone(),
                controller,
                r.revision.to_string(),
                since(now, r.metadata.creation_timestamp),
            ];
            Row {
                cells,
                meta: &r.metadata,
            }
        }
        Resource::Events => {
            let e = c.store.event(key)?;
            Row {
                cells: event_row(now, e),
                meta: &e.metadata,
            }
        }
        Resource::PriorityClasses => {
            let p = c.store.priority_classes.get(&*key.name)?;
            let cells = vec![
                p.metadata.name.clone(),
                p.value.to_string(),
                p.global_default.to_string(),
                since(now, p.metadata.creation_timestamp),
                p.preemption_policy.clone().unwrap_or_default(),
            ];
            Row {
                cells,
                meta: &p.metadata,
            }
        }
    })
}

/// `Ready`/`NotReady`/`Unknown` from the Ready condition, plus `SchedulingDisabled`.
pub fn node_status(n: &Node) -> String {
    let mut s = match n.condition("Ready") {
        Some(c) if c.status == "True" => "Ready".to_string(),
        Some(_) => "NotReady".to_string(),
        None => "Unknown".to_string(),
    };
    if n.spec.unschedulable {
        s.push_str(",SchedulingDisabled");
    }
    s
}

pub fn node_address(n: &Node, kind: &str) -> Option<String> {
    jarr(n.status.rest.get("addresses"))
        .iter()
        .find(|a| jstr(Some(a), "type") == kind)
        .map(|a| jstr(Some(a), "address").to_string())
}

fn node_row(now: Time, n: &Node) -> Vec<String> {
    let roles = node_roles(&n.metadata.labels);
    let info = n.status.rest.get("nodeInfo");
    let or_unknown = |s: &str| {
        if s.is_empty() {
            "<unknown>".to_string()
        } else {
            s.to_string()
        }
    };
    vec![
        n.metadata.name.clone(),
        node_status(n),
        if roles.is_empty() {
            "<none>".into()
        } else {
            roles.join(",")
        },
        since(now, n.metadata.creation_timestamp),
        jstr(info, "kubeletVersion").to_string(),
        node_address(n, "InternalIP").unwrap_or_else(|| "<none>".into()),
        node_address(n, "ExternalIP").unwrap_or_else(|| "<none>".into()),
        or_unknown(jstr(info, "osImage")),
        or_unknown(jstr(info, "kernelVersion")),
        or_unknown(jstr(info, "containerRuntimeVersion")),
    ]
}

fn state<'a>(s: &'a Json, which: &str) -> Option<&'a Json> {
    s.get(which).filter(|v| v.is_object())
}

fn is_restartable_init(c: Option<&Container>) -> bool {
    c.is_some_and(|c| c.rest.get("restartPolicy").and_then(Json::as_str) == Some("Always"))
}

fn later(a: Option<Time>, b: Option<Time>) -> Option<Time> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// `printPod`: NAME READY STATUS RESTARTS AGE IP NODE NOMINATED-NODE READINESS-GATES.
pub fn pod_row(now: Time, pod: &Pod) -> Vec<String> {
    let (ready, total, reason, restarts, last_restart) = pod_summary(pod);
    let restarts_str = match last_restart {
        Some(t) if restarts != 0 && t.0 != 0 => format!("{restarts} ({} ago)", since(now, Some(t))),
        _ => restarts.to_string(),
    };
    let pod_ip = jarr(pod.status.rest.get("podIPs"))
        .first()
        .map(|ip| jstr(Some(ip), "ip").to_string())
        .unwrap_or_else(|| super::util::pod_ip(pod));
    let none = |s: String| {
        if s.is_empty() {
            "<none>".to_string()
        } else {
            s
        }
    };
    let gates = jarr(pod.spec.rest.get("readinessGates"));
    let readiness = if gates.is_empty() {
        "<none>".to_string()
    } else {
        let ok = gates
            .iter()
            .filter(|g| {
                let t = jstr(Some(g), "conditionType");
                pod.status
                    .conditions
                    .iter()
                    .find(|c| c.type_ == t)
                    .is_some_and(|c| c.status == "True")
            })
            .count();
        format!("{ok}/{}", gates.len())
    };
    vec![
        pod.metadata.name.clone(),
        format!("{ready}/{total}"),
        reason,
        restarts_str,
        since(now, pod.metadata.creation_timestamp),
        none(pod_ip),
        none(pod.spec.node_name.clone()),
        none(
            pod.status
                .rest
                .get("nominatedNodeName")
                .and_then(Json::as_str)
                .unwrap_or("")
                .to_string(),
        ),
        readiness,
    ]
}

/// The READY counts, STATUS reason, restart count and last restart of `printPod`.
pub fn pod_summary(pod: &Pod) -> (usize, usize, String, i64, Option<Time>) {
    let mut restarts: i64 = 0;
    let mut restartable_init_restarts: i64 = 0;
    let mut total = pod.spec.containers.len();
    let mut ready = 0;
    let mut last_restart: Option<Time> = None;
    let mut last_restartable_init: Option<Time> = None;
    let phase: &str = &pod.status.phase;
    let mut reason = if pod.status.reason.is_empty() {
        phase.to_string()
    } else {
        pod.status.reason.clone()
    };
    for c in &pod.status.conditions {
        if c.type_ == "PodScheduled" && c.reason == "SchedulingGated" {
            reason = "SchedulingGated".into();
        }
    }
    let init_spec = |name: &str| pod.spec.init_containers.iter().find(|c| c.name == name);
    total += pod
        .spec
        .init_containers
        .iter()
        .filter(|c| is_restartable_init(Some(c)))
        .count();

    let mut initializing = false;
    let init_statuses = jarr(pod.status.rest.get("initContainerStatuses"));
    for (i, cs) in init_statuses.iter().enumerate() {
        let st = cs.get("state").unwrap_or(&Json::Null);
        let finished = cs
            .get("lastState")
            .and_then(|l| state(l, "terminated"))
            .and_then(|t| jtime(Some(t), "finishedAt"));
        restarts += jint(Some(cs), "restartCount");
        last_restart = later(last_restart, finished);
        let restartable = is_restartable_init(init_spec(jstr(Some(cs), "name")));
        if restartable {
            restartable_init_restarts += jint(Some(cs), "restartCount");
            last_restartable_init = later(last_restartable_init, finished);
        }
        let terminated = state(st, "terminated");
        let waiting = state(st, "waiting");
        if terminated.is_some_and(|t| jint(Some(t), "exitCode") == 0) {
            continue;
        }
        if restartable && cs.get("started").and_then(Json::as_bool) == Some(true) {
            if cs.get("ready").and_then(Json::as_bool) == Some(true) {
                ready += 1;
            }
            continue;
        }
        if let Some(t) = terminated {
            let r = jstr(Some(t), "reason");
            reason = if r.is_empty() {
                let signal = jint(Some(t), "signal");
                if signal != 0 {
                    format!("Init:Signal:{signal}")
                } else {
                    format!("Init:ExitCode:{}", jint(Some(t), "exitCode"))
                }
            } else {
                format!("Init:{r}")
            };
        } else if let Some(w) = waiting.filter(|w| {
            !jstr(Some(w), "reason").is_empty() && jstr(Some(w), "reason") != "PodInitializing"
        }) {
            reason = format!("Init:{}", jstr(Some(w), "reason"));
        } else {
            reason = format!("Init:{i}/{}", pod.spec.init_containers.len());
        }
        initializing = true;
        break;
    }

    let initialized = pod
        .condition("Initialized")
        .is_some_and(|c| c.status == "True");
    if !initializing || initialized {
        restarts = restartable_init_restarts;
        last_restart = last_restartable_init;
        let mut has_running = false;
        for cs in pod.status.container_statuses.iter().rev() {
            restarts += cs.restart_count as i64;
            let finished = cs
                .last_state
                .as_ref()
                .and_then(|l| state(l, "terminated"))
                .and_then(|t| jtime(Some(t), "finishedAt"));
            last_restart = later(last_restart, finished);
            let waiting = state(&cs.state, "waiting");
            let terminated = state(&cs.state, "terminated");
            if let Some(r) = waiting
                .map(|w| jstr(Some(w), "reason"))
                .filter(|r| !r.is_empty())
            {
                reason = r.to_string();
            } else if let Some(t) = terminated {
                let r = jstr(Some(t), "reason");
                reason = if !r.is_empty() {
                    r.to_string()
                } else if jint(Some(t), "signal") != 0 {
                    format!("Signal:{}", jint(Some(t), "signal"))
                } else {
                    format!("ExitCode:{}", jint(Some(t), "exitCode"))
                };
            } else if cs.ready && state(&cs.state, "running").is_some() {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if pod.is_ready() {
                "Running".into()
            } else {
                "NotReady".into()
            };
        }
    }

    if pod.metadata.deletion_timestamp.is_some() && pod.status.reason == "NodeLost" {
        reason = "Unknown".into();
    } else if pod.metadata.deletion_timestamp.is_some() && phase != "Failed" && phase != "Succeeded"
    {
        reason = "Terminating".into();
    }
    (ready, total, reason, restarts, last_restart)
}

fn daemonset_row(now: Time, d: &DaemonSet) -> Vec<String> {
    let s = &d.status;
    let containers = &d.spec.template.spec.containers;
    vec![
        d.metadata.name.clone(),
        s.desired_number_scheduled.to_string(),
        s.current_number_scheduled.to_string(),
        s.number_ready.to_string(),
        s.updated_number_scheduled.to_string(),
        s.number_available.to_string(),
        format_labels(&d.spec.template.spec.node_selector),
        since(now, d.metadata.creation_timestamp),
        containers
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(","),
        containers
            .iter()
            .map(|c| c.image.as_str())
            .collect::<Vec<_>>()
            .join(","),
        format_label_selector(d.spec.selector.as_ref()),
    ]
}

fn event_row(now: Time, e: &Event) -> Vec<String> {
    let t = |t: Time| if t.0 == 0 { None } else { Some(t) };
    let first = since(now, t(e.first_timestamp));
    let last = if e.last_timestamp.0 == 0 {
        first.clone()
    } else {
        since(now, Some(e.last_timestamp))
    };
    let count = if e.count == 0 { 1 } else { e.count };
    let io = &e.involved_object;
    let target = if io.name.is_empty() {
        crate::case::to_lowercase(&io.kind)
    } else {
        format!("{}/{}", crate::case::to_lowercase(&io.kind), io.name)
    };
    let source = if e.source.host.is_empty() {
        e.source.component.to_string()
    } else {
        format!("{}, {}", e.source.component, e.source.host)
    };
    vec![
        last,
        e.type_.to_string(),
        e.reason.to_string(),
        target,
        io.field_path.clone(),
        source,
        e.message.trim().to_string(),
        first,
        count.to_string(),
        e.metadata.name.clone(),
    ]
}
