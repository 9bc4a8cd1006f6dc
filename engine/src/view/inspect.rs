//! The inspector: for a node, every DaemonSet's decision with the manifest line behind
//! it; for a pod, what `kubectl describe pod` says.

use crate::cluster::{Cluster, Key};
use crate::kubectl::describe::describe;
use crate::kubectl::resource::Resource;
use crate::placement::{explain_text, node_should_run_daemon_pod};

#[derive(Clone, Debug, PartialEq)]
pub struct NodeDetail {
    pub name: String,
    pub labels: Vec<(String, String)>,
    pub taints: Vec<String>,
    pub unschedulable: bool,
    pub placements: Vec<PlacementLine>,
}

/// One DaemonSet's decision for one node.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacementLine {
    pub daemonset: Key,
    pub should_run: bool,
    pub should_continue_running: bool,
    /// "eligible (taint … tolerated by tolerations[0])", "not eligible: nodeSelector …".
    pub text: String,
    /// The manifest field that decided, e.g. `spec.template.spec.nodeSelector.disktype`.
    pub field: Option<String>,
    /// Where that field (or its nearest written parent) is in the manifest: file, line, column.
    pub source: Option<(String, u32, u32)>,
}

pub fn inspect_node(c: &Cluster, name: &str) -> Option<NodeDetail> {
    let node = c.store.nodes.get(name)?;
    let placements = c
        .store
        .daemonsets
        .iter()
        .map(|(key, ds)| {
            let p = node_should_run_daemon_pod(node, ds);
            let field = p.field_path();
            let source = field.as_ref().and_then(|f| {
                let src = c.store.sources.get(key)?;
                let (_, pos) = src.find(f)?;
                (pos.line > 0).then(|| (src.file.clone(), pos.line, pos.col))
            });
            PlacementLine {
                daemonset: key.clone(),
                should_run: p.should_run,
                should_continue_running: p.should_continue_running,
                text: explain_text(&p),
                field,
                source,
            }
        })
        .collect();
    Some(NodeDetail {
        name: name.to_string(),
        labels: node
            .metadata
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        taints: node.spec.taints.iter().map(|t| t.to_string_k8s()).collect(),
        unschedulable: node.spec.unschedulable,
        placements,
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct PodDetail {
    pub key: Key,
    pub node: String,
    /// `kubectl describe pod` output: status, conditions, events.
    pub describe: String,
}

pub fn inspect_pod(c: &Cluster, key: &Key) -> Option<PodDetail> {
    let pod = c.store.pods.get(key)?;
    Some(PodDetail {
        key: key.clone(),
        node: pod.spec.node_name.clone(),
        describe: describe(c, Resource::Pods, key),
    })
}
