//! `manage`, `podsShouldBeOnNode` and `syncNodes`.

use super::pods::{controller_ref_to, target_node_name, DaemonPods, PodView, Touched};
use super::{with_pods, without_node, NodeRun, BURST_REPLICAS};
use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key, Timer};
use crate::controller::pods::{create_pod, delete_pod};

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
pub(crate) fn manage(
    c: &mut Cluster,
    ds: &DaemonSet,
    hash: &str,
    nodes: &[NodeRun],
    pods: &mut DaemonPods,
) -> bool {
    let surge = allows_surge(ds);
    let mut to_create: Vec<String> = Vec::new();
    let mut to_delete: Vec<Key> = Vec::new();
    for (n, list) in with_pods(nodes, &pods.by_node) {
        let (c2, d2) = pods_should_be_on_node(
            c,
            ds,
            &n.name,
            n.should_run,
            n.should_continue_running,
            list.map(Vec::as_slice),
            surge,
        );
        to_create.extend(c2);
        to_delete.extend(d2);
    }
    // Unbound pods whose target node no longer exists; bound ones are left to PodGC.
    for list in without_node(nodes, &pods.by_node) {
        for v in list {
            if !v.bound {
                to_delete.push(v.key.clone());
            }
        }
    }
    let mut touched = Vec::new();
    let ok = sync_nodes(c, ds, &to_delete, &to_create, hash, &mut touched);
    pods.refresh(c, ds, touched);
    ok
}

#[allow(clippy::too_many_arguments)]
fn pods_should_be_on_node(
    c: &mut Cluster,
    ds: &DaemonSet,
    node: &str,
    should_run: bool,
    should_continue: bool,
    pods: Option<&[PodView]>,
    surge: bool,
) -> (Vec<String>, Vec<Key>) {
    let mut create = Vec::new();
    let mut delete = Vec::new();
    let exists = pods.is_some();
    let pods: &[PodView] = pods.unwrap_or_default();
    if should_run && !exists {
        create.push(node.to_string());
        return (create, delete);
    }
    if should_continue {
        for pod in pods {
            if pod.deleting {
                continue;
            }
            if pod.failed {
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
                    pod.key.namespace, pod.key.name, node
                );
                c.record_event(
                    object_ref("DaemonSet", "apps/v1", &ds.metadata),
                    "Warning",
                    "FailedDaemonPod",
                    msg,
                    "daemonset-controller",
                );
                delete.push(pod.key.clone());
            } else if pod.succeeded {
                let msg = format!(
                    "Found succeeded daemon pod {}/{} on node {}, will try to delete it",
                    pod.key.namespace, pod.key.name, node
                );
                c.record_event(
                    object_ref("DaemonSet", "apps/v1", &ds.metadata),
                    "Normal",
                    "SucceededDaemonPod",
                    msg,
                    "daemonset-controller",
                );
                delete.push(pod.key.clone());
            }
        }
        // The running pods, in the list's order (oldest first); walked again rather than
        // collected, as this runs for every node at every sync.
        let running = || {
            pods.iter()
                .filter(|v| !v.deleting && !v.failed && !v.succeeded)
        };
        if !surge {
            delete.extend(running().skip(1).map(|v| v.key.clone()));
            return (create, delete);
        }
        let count = running().take(2).count();
        if count == 0 {
            if should_run {
                create.push(node.to_string());
            }
            return (create, delete);
        }
        if count == 1 {
            return (create, delete);
        }
        let oldest_new = running().find(|v| v.has_hash);
        let oldest_old = running().find(|v| !v.has_hash);
        for v in running() {
            if Some(&v.key) != oldest_new.map(|n| &n.key)
                && Some(&v.key) != oldest_old.map(|o| &o.key)
            {
                delete.push(v.key.clone());
            }
        }
        if let (Some(new), Some(old)) = (oldest_new, oldest_old) {
            if !old.ready || new.available {
                delete.push(old.key.clone());
            }
        }
        return (create, delete);
    }
    if exists {
        for v in pods {
            if !v.deleting {
                delete.push(v.key.clone());
            }
        }
    }
    (create, delete)
}

/// `syncNodes`: creates (at most BURST_REPLICAS) before deletes (at most BURST_REPLICAS).
/// Returns false if a create failed (upstream returns the error: the sync is retried).
/// The pods created or deleted are added to `touched`.
pub fn sync_nodes(
    c: &mut Cluster,
    ds: &DaemonSet,
    to_delete: &[Key],
    to_create: &[String],
    hash: &str,
    touched: &mut Vec<Touched>,
) -> bool {
    let key = Key::of(&ds.metadata);
    let creates = to_create.len().min(BURST_REPLICAS);
    let deletes = to_delete.len().min(BURST_REPLICAS);
    if to_create.len() > creates || to_delete.len() > deletes {
        c.requeue.insert(key.clone());
    }
    if creates > 0 {
        // Every pod is the same one with its node's affinity.
        let base = match daemon_pod(c, ds, hash) {
            Ok(pod) => pod,
            Err(e) => {
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
                return false;
            }
        };
        for node in &to_create[..creates] {
            let mut pod = base.clone();
            replace_node_affinity(&mut pod.spec, node);
            let pk = create_pod(c, pod);
            touched.push((pk.clone(), None));
            c.record_event(
                object_ref("DaemonSet", "apps/v1", &ds.metadata),
                "Normal",
                "SuccessfulCreate",
                format!("Created pod: {}", pk.name),
                "daemonset-controller",
            );
        }
    }
    for k in &to_delete[..deletes] {
        let node = c.store.pods.get(k).and_then(|p| target_node_name(p));
        touched.push((k.clone(), node));
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
    true
}

/// `GetPodFromTemplate` (the template's labels, annotations, finalizers and spec, a name
/// to generate, the DaemonSet as controller), admitted and defaulted as the API server
/// does on create. Neither looks at the node affinity each pod then gets, so this is done
/// once per batch. The error is admission's.
fn daemon_pod(c: &Cluster, ds: &DaemonSet, hash: &str) -> Result<Pod, String> {
    let template = create_pod_template(ds, hash);
    let mut pod = Pod {
        metadata: ObjectMeta {
            namespace: ds.metadata.namespace.clone(),
            generate_name: format!("{}-", ds.metadata.name),
            owner_references: vec![controller_ref_to(ds)].into(),
            labels: template.metadata.labels,
            annotations: template.metadata.annotations,
            finalizers: template.metadata.finalizers,
            ..Default::default()
        },
        spec: template.spec,
        ..Default::default()
    };
    let classes: Vec<PriorityClass> = c
        .store
        .priority_classes
        .values()
        .map(|p| (**p).clone())
        .collect();
    crate::defaults::admit_pod_priority(&mut pod.spec, &classes)?;
    crate::defaults::set_defaults_pod(&mut pod);
    Ok(pod)
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
