//! Which pods belong to a DaemonSet and on which node each is (`getNodesToDaemonPods`,
//! `ClaimObject`, `GetTargetNodeName`, `IsPodUpdated`).

use crate::api::*;
use crate::cluster::{Cluster, Key};
use std::collections::BTreeMap;

pub fn controller_ref_to(ds: &DaemonSet) -> OwnerReference {
    OwnerReference {
        api_version: "apps/v1".into(),
        kind: "DaemonSet".into(),
        name: ds.metadata.name.clone(),
        uid: ds.metadata.uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

fn owned_by(meta: &ObjectMeta, ds: &DaemonSet) -> Option<bool> {
    meta.controller_ref().map(|r| r.uid == ds.metadata.uid)
}

/// `GetTargetNodeName`: spec.nodeName, else the single-value `metadata.name In` matchFields.
pub fn target_node_name(pod: &Pod) -> Option<String> {
    if !pod.spec.node_name.is_empty() {
        return Some(pod.spec.node_name.clone());
    }
    let terms = &pod
        .spec
        .affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required
        .as_ref()?
        .node_selector_terms;
    for term in terms {
        for f in &term.match_fields {
            if f.key == "metadata.name" && f.operator == "In" {
                return if f.values.len() == 1 {
                    Some(f.values[0].clone())
                } else {
                    None
                };
            }
        }
    }
    None
}

/// Claims the DaemonSet's pods (adopting matching orphans, releasing owned pods that no
/// longer match) and maps them by target node. Pod lists are sorted oldest first.
pub fn get_nodes_to_daemon_pods(
    c: &mut Cluster,
    ds: &DaemonSet,
    include_deleted_terminal: bool,
) -> BTreeMap<String, Vec<Key>> {
    let selector = ds.spec.selector.clone().unwrap_or_default();
    let ns = ds.metadata.namespace.clone();
    let deleting = ds.metadata.deletion_timestamp.is_some();
    let mut adopt = Vec::new();
    let mut release = Vec::new();
    let mut claimed: Vec<Key> = Vec::new();
    for pod in c.store.pods_in(&ns) {
        let matches = !selector.is_empty() && selector.matches(&pod.metadata.labels);
        match owned_by(&pod.metadata, ds) {
            Some(false) => continue,
            Some(true) if matches => claimed.push(Key::of(&pod.metadata)),
            Some(true) => {
                if !deleting {
                    release.push(Key::of(&pod.metadata));
                }
            }
            None => {
                if matches && !deleting && pod.metadata.deletion_timestamp.is_none() {
                    adopt.push(Key::of(&pod.metadata));
                }
            }
        }
    }
    for k in release {
        let rv = c.new_resource_version();
        if let Some(p) = c.store.pods.get_mut(&k) {
            p.metadata
                .owner_references
                .retain(|r| r.uid != ds.metadata.uid);
            p.metadata.resource_version = rv;
        }
    }
    for k in adopt {
        let rv = c.new_resource_version();
        if let Some(p) = c.store.pods.get_mut(&k) {
            p.metadata.owner_references.push(controller_ref_to(ds));
            p.metadata.resource_version = rv;
            claimed.push(k);
        }
    }
    let mut by_node: BTreeMap<String, Vec<Key>> = BTreeMap::new();
    for k in claimed {
        let Some(p) = c.store.pods.get(&k) else {
            continue;
        };
        if !include_deleted_terminal && p.is_terminal() && p.metadata.deletion_timestamp.is_some() {
            continue;
        }
        if let Some(node) = target_node_name(p) {
            by_node.entry(node).or_default().push(k);
        }
    }
    for pods in by_node.values_mut() {
        sort_oldest_first(c, pods);
    }
    by_node
}

/// `podByCreationTimestampAndPhase`: bound pods first, then by creation time, then name.
pub fn sort_oldest_first(c: &Cluster, pods: &mut [Key]) {
    if pods.len() < 2 {
        return;
    }
    pods.sort_by(|a, b| {
        let (pa, pb) = (&c.store.pods[a], &c.store.pods[b]);
        (pa.spec
            .node_name
            .is_empty()
            .cmp(&pb.spec.node_name.is_empty()))
        .then_with(|| {
            pa.metadata
                .creation_timestamp
                .cmp(&pb.metadata.creation_timestamp)
        })
        .then_with(|| pa.metadata.name.cmp(&pb.metadata.name))
    });
}

/// `IsPodUpdated`: the hash label matches, or the template-generation label does.
pub fn is_pod_updated(pod: &Pod, hash: &str, template_generation: Option<i64>) -> bool {
    let labels = &pod.metadata.labels;
    let gen_match = template_generation.is_some_and(|g| {
        labels
            .get(TEMPLATE_GENERATION_LABEL)
            .is_some_and(|v| *v == g.to_string())
    });
    let hash_match = !hash.is_empty() && labels.get(REVISION_HASH_LABEL).is_some_and(|v| v == hash);
    hash_match || gen_match
}
