//! `manage`, `podsShouldBeOnNode` and `syncNodes`.

use super::pods::{controller_ref_to, get_nodes_to_daemon_pods, sort_oldest_first};
use super::BURST_REPLICAS;
use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key, Timer};
use crate::controller::pods::{create_pod, delete_pod};
use crate::placement::{node_should_run_with, tolerations::default_daemon_tolerations};

/// `AllowsSurge`.
pub fn allows_surge(ds: &DaemonSet) -> bool {
    ds.is_rolling_update()
        && ds
            .spec
            .update_strategy
            .rolling_update
            .as_ref()
            .and_then(|r| r.max_surge.as_ref())
            .is_some_and(|s| s.scaled_value(1, true).unwrap_or(0) > 0)
}

/// Returns false if the sync must stop (errors upstream abort the rest of the sync).
pub fn manage(c: &mut Cluster, ds: &DaemonSet, hash: &str) -> bool {
    let by_node = get_nodes_to_daemon_pods(c, ds, false);
    let spec = &ds.spec.template.spec;
    let defaults = default_daemon_tolerations(spec.host_network);
    let surge = allows_surge(ds);
    let mut to_create: Vec<String> = Vec::new();
    let mut to_delete: Vec<Key> = Vec::new();
    let node_names = super::node_names(c);
    for name in &node_names {
        let node = &c.store.nodes[name];
        let p = node_should_run_with(node, spec, &spec.tolerations, &defaults);
        let pods = by_node.get(name);
        let (c2, d2) = pods_should_be_on_node(
            c,
            ds,
            name,
            p.should_run,
            p.should_continue_running,
            pods,
            hash,
            surge,
        );
        to_create.extend(c2);
        to_delete.extend(d2);
    }
    // Unbound pods whose target node no longer exists; bound ones are left to PodGC.
    for (node, pods) in &by_node {
        if !c.store.nodes.contains_key(node) {
            for k in pods {
                if c.store.pods[k].spec.node_name.is_empty() {
                    to_delete.push(k.clone());
                }
            }
        }
    }
    sync_nodes(c, ds, &to_delete, &to_create, hash)
}

#[allow(clippy::too_many_arguments)]
fn pods_should_be_on_node(
    c: &mut Cluster,
    ds: &DaemonSet,
    node: &str,
    should_run: bool,
    should_continue: bool,
    pods: Option<&Vec<Key>>,
    hash: &str,
    surge: bool,
) -> (Vec<String>, Vec<Key>) {
    let mut create = Vec::new();
    let mut delete = Vec::new();
    let exists = pods.is_some();
    let pods: Vec<Key> = pods.cloned().unwrap_or_default();
    if should_run && !exists {
        create.push(node.to_string());
        return (create, delete);
    }
    if should_continue {
        let mut running = Vec::new();
        for k in &pods {
            let pod = &c.store.pods[k];
            if pod.metadata.deletion_timestamp.is_some() {
                continue;
            }
            if pod.status.phase == "Failed" {
                let backoff_key = format!(
                    "{}/{}/{}",
                    ds.metadata.uid, ds.status.observed_generation, node
                );
                if c.backoff.in_backoff_since_update(&backoff_key, c.now) {
                    let delay = c.backoff.get(&backoff_key);
                    let at = c.now.plus_ms(delay);
                    c.schedule(at, Timer::SyncDaemonSet(Key::of(&ds.metadata)));
                    continue;
                }
                c.backoff.next(&backoff_key, c.now);
                let msg = format!(
                    "Found failed daemon pod {}/{} on node {}, will try to kill it",
                    pod.metadata.namespace, pod.metadata.name, node
                );
                c.record_event(
                    object_ref("DaemonSet", "apps/v1", &ds.metadata),
                    "Warning",
                    "FailedDaemonPod",
                    msg,
                    "daemonset-controller",
                );
                delete.push(k.clone());
            } else if pod.status.phase == "Succeeded" {
                let msg = format!(
                    "Found succeeded daemon pod {}/{} on node {}, will try to delete it",
                    pod.metadata.namespace, pod.metadata.name, node
                );
                c.record_event(
                    object_ref("DaemonSet", "apps/v1", &ds.metadata),
                    "Normal",
                    "SucceededDaemonPod",
                    msg,
                    "daemonset-controller",
                );
                delete.push(k.clone());
            } else {
                running.push(k.clone());
            }
        }
        if !surge {
            if running.len() > 1 {
                sort_oldest_first(c, &mut running);
                delete.extend(running[1..].iter().cloned());
            }
            return (create, delete);
        }
        if running.is_empty() {
            if should_run {
                create.push(node.to_string());
            }
            return (create, delete);
        }
        if running.len() == 1 {
            return (create, delete);
        }
        sort_oldest_first(c, &mut running);
        let is_new = |c: &Cluster, k: &Key| {
            c.store.pods[k]
                .metadata
                .labels
                .get(REVISION_HASH_LABEL)
                .map(String::as_str)
                == Some(hash)
        };
        let oldest_new = running.iter().find(|k| is_new(c, k)).cloned();
        let oldest_old = running.iter().find(|k| !is_new(c, k)).cloned();
        for k in &running {
            if Some(k) != oldest_new.as_ref() && Some(k) != oldest_old.as_ref() {
                delete.push(k.clone());
            }
        }
        if let (Some(n), Some(o)) = (oldest_new, oldest_old) {
            let old = &c.store.pods[&o];
            let new = &c.store.pods[&n];
            if !old.is_ready() || new.is_available(ds.spec.min_ready_seconds, c.now) {
                delete.push(o);
            }
        }
        return (create, delete);
    }
    if exists {
        for k in pods {
            if c.store.pods[&k].metadata.deletion_timestamp.is_none() {
                delete.push(k);
            }
        }
    }
    (create, delete)
}

/// `syncNodes`: creates (at most BURST_REPLICAS) before deletes (at most BURST_REPLICAS).
/// Returns false if a create failed (upstream returns the error: the sync is retried).
pub fn sync_nodes(
    c: &mut Cluster,
    ds: &DaemonSet,
    to_delete: &[Key],
    to_create: &[String],
    hash: &str,
) -> bool {
    let key = Key::of(&ds.metadata);
    let creates = to_create.len().min(BURST_REPLICAS);
    let deletes = to_delete.len().min(BURST_REPLICAS);
    if to_create.len() > creates || to_delete.len() > deletes {
        c.requeue.insert(key.clone());
    }
    let template = create_pod_template(ds, hash);
    let classes: Vec<PriorityClass> = c.store.priority_classes.values().cloned().collect();
    let mut ok = true;
    for node in &to_create[..creates] {
        let mut pod = Pod {
            metadata: template.metadata.clone(),
            spec: template.spec.clone(),
            ..Default::default()
        };
        pod.metadata.namespace = ds.metadata.namespace.clone();
        pod.metadata.generate_name = format!("{}-", ds.metadata.name);
        pod.metadata.owner_references = vec![controller_ref_to(ds)];
        replace_node_affinity(&mut pod.spec, node);
        if let Err(e) = crate::defaults::admit_pod_priority(&mut pod.spec, &classes) {
            // Admission refused the pod; slow start stops creating after a failed batch.
            c.record_event(
                object_ref("DaemonSet", "apps/v1", &ds.metadata),
                "Warning",
                "FailedCreate",
                format!(
                    "Error creating: pods \"{}-\" is forbidden: {e}",
                    ds.metadata.name
                ),
                "daemonset-controller",
            );
            ok = false;
            break;
        }
        crate::defaults::set_defaults_pod(&mut pod);
        let pk = create_pod(c, pod);
        c.record_event(
            object_ref("DaemonSet", "apps/v1", &ds.metadata),
            "Normal",
            "SuccessfulCreate",
            format!("Created pod: {}", pk.name),
            "daemonset-controller",
        );
    }
    for k in &to_delete[..deletes] {
        if delete_pod(c, k, None) {
            c.record_event(
                object_ref("DaemonSet", "apps/v1", &ds.metadata),
                "Normal",
                "SuccessfulDelete",
                format!("Deleted pod: {}", k.name),
                "daemonset-controller",
            );
        }
    }
    ok
}

/// `CreatePodTemplate`: the template with the default tolerations and the
/// `pod-template-generation` and `controller-revision-hash` labels.
pub fn create_pod_template(ds: &DaemonSet, hash: &str) -> PodTemplateSpec {
    let mut t = ds.spec.template.clone();
    crate::placement::tolerations::add_daemon_tolerations(&mut t.spec);
    if let Some(g) = ds.template_generation() {
        t.metadata
            .labels
            .insert(TEMPLATE_GENERATION_LABEL.into(), g.to_string());
    }
    if !hash.is_empty() {
        t.metadata
            .labels
            .insert(REVISION_HASH_LABEL.into(), hash.into());
    }
    t
}

/// `ReplaceDaemonSetPodNodeNameNodeAffinity`: the required terms become the single
/// `metadata.name In [node]` matchFields term; preferred terms stay.
pub fn replace_node_affinity(spec: &mut PodSpec, node: &str) {
    let term = NodeSelectorTerm {
        match_expressions: vec![],
        match_fields: vec![NodeSelectorRequirement {
            key: "metadata.name".into(),
            operator: "In".into(),
            values: vec![node.into()],
        }],
    };
    let aff = spec.affinity.get_or_insert_with(Default::default);
    let na = aff.node_affinity.get_or_insert_with(Default::default);
    na.required = Some(NodeSelector {
        node_selector_terms: vec![term],
    });
}
