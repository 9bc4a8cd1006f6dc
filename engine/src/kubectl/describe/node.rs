//! `describeNode`, plus the playground's `DaemonSet placement:` section.

use super::pod::pod_resource;
use super::quantity::{show, Quantity};
use super::{
    annotations_multiline, describe_events, events_for, labels_multiline, rfc1123z, source_suffix,
    taints_multiline, W,
};
use crate::api::*;
use crate::cluster::{Cluster, Key};
use crate::kubectl::printers::util::{jarr, jstr, jtime, node_roles, since};
use crate::placement::{explain_text, node_should_run_daemon_pod};
use serde_json::Value as Json;
use std::collections::BTreeMap;

pub fn describe_node(c: &Cluster, name: &str) -> String {
    let Some(node) = c.store.nodes.get(name) else {
        return String::new();
    };
    let now = c.now;
    let m = &node.metadata;
    let mut w = W::new();
    w.write(0, &format!("Name:\t{}\n", m.name));
    let roles = node_roles(&m.labels);
    w.write(
        0,
        &format!(
            "Roles:\t{}\n",
            if roles.is_empty() {
                "<none>".to_string()
            } else {
                roles.join(",")
            }
        ),
    );
    labels_multiline(&mut w, "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    w.write(
        0,
        &format!("CreationTimestamp:\t{}\n", rfc1123z(m.creation_timestamp)),
    );
    taints_multiline(&mut w, "Taints", &node.spec.taints);
    w.write(0, &format!("Unschedulable:\t{}\n", node.spec.unschedulable));
    describe_lease(&mut w, c, node);
    if !node.status.conditions.is_empty() {
        w.write(
            0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.write(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        for cond in &node.status.conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    cond.type_,
                    cond.status,
                    rfc1123z(cond.last_heartbeat_time),
                    rfc1123z(cond.last_transition_time),
                    cond.reason,
                    cond.message
                ),
            );
        }
    }
    w.write(0, "Addresses:\n");
    for a in jarr(node.status.rest.get("addresses")) {
        w.write(
            1,
            &format!("{}:\t{}\n", jstr(Some(a), "type"), jstr(Some(a), "address")),
        );
    }
    let print_list = |w: &mut W, list: &BTreeMap<String, Json>| {
        for (name, q) in list {
            w.write(0, &format!("  {name}:\t{}\n", show(q)));
        }
    };
    if !node.status.capacity.is_empty() {
        w.write(0, "Capacity:\n");
        print_list(&mut w, &node.status.capacity);
    }
    if !node.status.allocatable.is_empty() {
        w.write(0, "Allocatable:\n");
        print_list(&mut w, &node.status.allocatable);
    }
    let info = node.status.rest.get("nodeInfo");
    w.write(0, "System Info:\n");
    for (title, key) in [
        ("Machine ID", "machineID"),
        ("System UUID", "systemUUID"),
        ("Boot ID", "bootID"),
        ("Kernel Version", "kernelVersion"),
        ("OS Image", "osImage"),
        ("Operating System", "operatingSystem"),
        ("Architecture", "architecture"),
        ("Container Runtime Version", "containerRuntimeVersion"),
        ("Kubelet Version", "kubeletVersion"),
        ("Kube-Proxy Version", "kubeProxyVersion"),
    ] {
        w.write(0, &format!("  {title}:\t{}\n", jstr(info, key)));
    }
    let spec_str = |k: &str| node.spec.rest.get(k).and_then(Json::as_str).unwrap_or("");
    if !spec_str("podCIDR").is_empty() {
        w.write(0, &format!("PodCIDR:\t{}\n", spec_str("podCIDR")));
    }
    let cidrs: Vec<&str> = jarr(node.spec.rest.get("podCIDRs"))
        .iter()
        .filter_map(Json::as_str)
        .collect();
    if !cidrs.is_empty() {
        w.write(0, &format!("PodCIDRs:\t{}\n", cidrs.join(",")));
    }
    if !spec_str("providerID").is_empty() {
        w.write(0, &format!("ProviderID:\t{}\n", spec_str("providerID")));
    }
    let pods: Vec<&Pod> = c
        .store
        .pods
        .values()
        .map(|p| &**p)
        .filter(|p| {
            p.spec.node_name == node.metadata.name
                && p.status.phase != "Succeeded"
                && p.status.phase != "Failed"
        })
        .collect();
    describe_node_resource(&mut w, now, node, &pods);
    let events = events_for(
        c,
        Some("Node"),
        "",
        &m.name,
        &[m.uid.as_str(), m.name.as_str()],
    );
    describe_events(&mut w, now, &events);
    let mut out = w.finish();
    out.push_str(&daemonset_placement(c, node));
    out
}

/// The node's Lease in kube-node-lease. The playground keeps no Leases unless one was
/// applied; a kubelet renews its lease every 10s while the node is Ready, so a Ready node
/// shows one renewed now and a NotReady one the last Ready heartbeat.
fn describe_lease(w: &mut W, c: &Cluster, node: &Node) {
    w.write(0, "Lease:\n");
    let stored = c.store.others.get(&(
        "Lease".to_string(),
        Key::new("kube-node-lease", &node.metadata.name),
    ));
    let (holder, acquire, renew) = match stored {
        Some(l) => {
            let spec = l.rest.get("spec");
            let holder = spec
                .and_then(|s| s.get("holderIdentity"))
                .and_then(Json::as_str)
                .map(String::from);
            (holder, jtime(spec, "acquireTime"), jtime(spec, "renewTime"))
        }
        None => {
            let ready = node.condition("Ready");
            let renew = match ready {
                Some(r) if r.status == "True" => Some(c.now),
                Some(r) => r.last_heartbeat_time,
                None => None,
            };
            (Some(node.metadata.name.clone()), None, renew)
        }
    };
    let or_unset = |t: Option<Time>| {
        t.map(|t| rfc1123z(Some(t)))
            .unwrap_or_else(|| "<unset>".into())
    };
    w.write(
        1,
        &format!(
            "HolderIdentity:\t{}\n",
            holder.unwrap_or_else(|| "<unset>".into())
        ),
    );
    w.write(1, &format!("AcquireTime:\t{}\n", or_unset(acquire)));
    w.write(1, &format!("RenewTime:\t{}\n", or_unset(renew)));
}

/// `int64(float64(a) / float64(b) * 100)` as Go computes it on amd64 (NaN and ±Inf
/// convert to the minimum int64).
fn percent(a: i128, b: i128) -> i64 {
    if b == 0 {
        return i64::MIN;
    }
    (a as f64 / b as f64 * 100.0) as i64
}

fn guarded_percent(a: i128, b: i128) -> i64 {
    if b == 0 {
        0
    } else {
        percent(a, b)
    }
}

fn describe_node_resource(w: &mut W, now: Time, node: &Node, pods: &[&Pod]) {
    w.write(
        0,
        &format!("Non-terminated Pods:\t({} in total)\n", pods.len()),
    );
    w.write(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.write(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let allocatable = if node.status.allocatable.is_empty() {
        &node.status.capacity
    } else {
        &node.status.allocatable
    };
    let alloc = |name: &str| {
        allocatable
            .get(name)
            .and_then(Quantity::from_json)
            .unwrap_or(Quantity::ZERO)
    };
    let (alloc_cpu, alloc_mem) = (alloc("cpu").milli_value(), alloc("memory").value());
    for p in pods {
        let cpu_req = pod_resource(&p.spec, false, "cpu");
        let cpu_lim = pod_resource(&p.spec, true, "cpu");
        let mem_req = pod_resource(&p.spec, false, "memory");
        let mem_lim = pod_resource(&p.spec, true, "memory");
        w.write(
            1,
            &format!(
                "{}\t{}\t\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{}\n",
                p.metadata.namespace,
                p.metadata.name,
                cpu_req.canonical(),
                percent(cpu_req.milli_value(), alloc_cpu),
                cpu_lim.canonical(),
                percent(cpu_lim.milli_value(), alloc_cpu),
                mem_req.canonical(),
                percent(mem_req.value(), alloc_mem),
                mem_lim.canonical(),
                percent(mem_lim.value(), alloc_mem),
                since(now, p.metadata.creation_timestamp)
            ),
        );
    }
    w.write(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    // Totals per resource, each in the format of the first pod that has it.
    let total = |limits: bool, name: &str| -> Quantity {
        let mut sum: Option<Quantity> = None;
        for p in pods {
            let q = pod_resource(&p.spec, limits, name);
            let has = p
                .spec
                .containers
                .iter()
                .chain(&p.spec.init_containers)
                .any(|c| {
                    c.resources.as_ref().is_some_and(|r| {
                        if limits { &r.limits } else { &r.requests }.contains_key(name)
                    })
                });
            if has {
                sum = Some(match sum {
                    Some(s) => s.add(q),
                    None => q,
                });
            }
        }
        sum.unwrap_or(Quantity::ZERO)
    };
    let alloc_eph = alloc("ephemeral-storage").value();
    for (name, a, milli) in [
        ("cpu", alloc_cpu, true),
        ("memory", alloc_mem, false),
        ("ephemeral-storage", alloc_eph, false),
    ] {
        let (req, lim) = (total(false, name), total(true, name));
        let v = |q: Quantity| if milli { q.milli_value() } else { q.value() };
        w.write(
            1,
            &format!(
                "{name}\t{} ({}%)\t{} ({}%)\n",
                req.canonical(),
                guarded_percent(v(req), a),
                lim.canonical(),
                guarded_percent(v(lim), a)
            ),
        );
    }
    for name in allocatable.keys().filter(|k| k.starts_with("hugepages-")) {
        let (req, lim) = (total(false, name), total(true, name));
        let a = alloc(name).value();
        w.write(
            1,
            &format!(
                "{name}\t{} ({}%)\t{} ({}%)\n",
                req.canonical(),
                guarded_percent(req.value(), a),
                lim.canonical(),
                guarded_percent(lim.value(), a)
            ),
        );
    }
    let standard = |k: &str| {
        matches!(k, "cpu" | "memory" | "ephemeral-storage" | "pods") || k.starts_with("hugepages-")
    };
    for name in allocatable.keys().filter(|k| !standard(k)) {
        w.write(
            1,
            &format!(
                "{name}\t{}\t{}\n",
                total(false, name).canonical(),
                total(true, name).canonical()
            ),
        );
    }
}

/// Every DaemonSet's decision for this node, with the manifest line that made it.
fn daemonset_placement(c: &Cluster, node: &Node) -> String {
    if c.store.daemonsets.is_empty() {
        return "DaemonSet placement:  <none>\n".into();
    }
    let mut out = String::from("DaemonSet placement:\n");
    for (key, ds) in &c.store.daemonsets {
        let p = node_should_run_daemon_pod(node, ds);
        out.push_str(&format!(
            "  {key}: {}{}\n",
            explain_text(&p),
            source_suffix(c, key, p.field_path())
        ));
    }
    out
}
