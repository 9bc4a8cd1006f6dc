//! `describeDaemonSet`, plus the playground's `Node placement:` section.

use super::pod::describe_pod_template;
use super::{
    annotations_multiline, describe_events, events_for, labels_multiline, source_suffix, W,
};
use crate::api::*;
use crate::cluster::{Cluster, Key};
use crate::kubectl::printers::util::{format_labels, selector_string};
use crate::placement::{explain_text, node_should_run_daemon_pod};

/// Pods the DaemonSet controls (selector match and controller uid, as `getPodStatusForController`).
fn owned_pods<'a>(c: &'a Cluster, ds: &'a DaemonSet) -> impl Iterator<Item = &'a Pod> + 'a {
    c.store.pods_in(&ds.metadata.namespace).filter(move |p| {
        ds.spec
            .selector
            .as_ref()
            .is_some_and(|s| !s.is_empty() && s.matches(&p.metadata.labels))
            && p.metadata
                .controller_ref()
                .is_some_and(|r| r.uid == ds.metadata.uid)
    })
}

pub fn describe_daemonset(c: &Cluster, key: &Key) -> String {
    let Some(ds) = c.store.daemonsets.get(key) else {
        return String::new();
    };
    let m = &ds.metadata;
    let mut w = W::new();
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            selector_string(ds.spec.selector.as_ref()).unwrap_or_default()
        ),
    );
    w.write(
        0,
        &format!(
            "Node-Selector:\t{}\n",
            format_labels(&ds.spec.template.spec.node_selector)
        ),
    );
    labels_multiline(&mut w, "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    let s = &ds.status;
    w.write(
        0,
        &format!(
            "Desired Number of Nodes Scheduled: {}\n",
            s.desired_number_scheduled
        ),
    );
    w.write(
        0,
        &format!(
            "Current Number of Nodes Scheduled: {}\n",
            s.current_number_scheduled
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Scheduled with Up-to-date Pods: {}\n",
            s.updated_number_scheduled
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Scheduled with Available Pods: {}\n",
            s.number_available
        ),
    );
    w.write(
        0,
        &format!("Number of Nodes Misscheduled: {}\n", s.number_misscheduled),
    );
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    for p in owned_pods(c, ds) {
        match p.status.phase.as_ref() {
            "Running" => running += 1,
            "Pending" => waiting += 1,
            "Succeeded" => succeeded += 1,
            "Failed" => failed += 1,
            _ => {}
        }
    }
    w.write(0, &format!("Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"));
    describe_pod_template(&mut w, &ds.spec.template);
    let events = events_for(
        c,
        Some("DaemonSet"),
        &m.namespace,
        &m.name,
        &[m.uid.as_str()],
    );
    describe_events(&mut w, c.now, &events);
    let mut out = w.finish();
    out.push_str(&node_placement(c, key, ds));
    out
}

/// One line per node: the placement decision, the manifest field behind it, and the
/// DaemonSet's pods on that node.
fn node_placement(c: &Cluster, key: &Key, ds: &DaemonSet) -> String {
    if c.store.nodes.is_empty() {
        return "Node placement:  <none>\n".into();
    }
    // (node, pod) by node, the pods of a node in the order owned_pods gives them.
    let mut on_node: Vec<(&str, &str)> = owned_pods(c, ds)
        .map(|p| (p.spec.node_name.as_str(), p.metadata.name.as_str()))
        .collect();
    crate::sort::sort_by(&mut on_node, |a, b| a.0.cmp(b.0));
    let mut out = String::from("Node placement:\n");
    for node in c.store.nodes.values() {
        let p = node_should_run_daemon_pod(node, ds);
        let name = node.metadata.name.as_str();
        let from = on_node.partition_point(|(n, _)| *n < name);
        let pods: Vec<&str> = on_node[from..]
            .iter()
            .take_while(|(n, _)| *n == name)
            .map(|(_, p)| *p)
            .collect();
        let pods = match pods.as_slice() {
            [] => String::new(),
            [one] => format!("; pod {one}"),
            many => format!("; pods {}", many.join(", ")),
        };
        out.push_str(&format!(
            "  {}: {}{}{pods}\n",
            node.metadata.name,
            explain_text(&p),
            source_suffix(c, key, p.field_path())
        ));
    }
    out
}
