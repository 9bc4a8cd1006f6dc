//! ControllerRevisions: `constructHistory`, `dedupCurHistories`, `cleanupHistory`,
//! `snapshot`, `getPatch`, `ComputeHash`.

use super::pods::{controller_ref_to, get_nodes_to_daemon_pods};
use crate::api::*;
use crate::cluster::{Cluster, Key, Shared};
use serde_json::{json, Value as Json};

/// `getPatch`: the strategic-merge patch that restores the template.
pub fn revision_patch(ds: &DaemonSet) -> Json {
    let mut t = serde_json::to_value(&ds.spec.template).unwrap_or(Json::Null);
    if let Json::Object(m) = &mut t {
        m.insert("$patch".into(), Json::String("replace".into()));
    }
    json!({ "spec": { "template": t } })
}

/// `ComputeHash`: FNV-1a 32 over the template (canonical JSON) and the collision count,
/// rendered with `SafeEncodeString`. Opaque and deterministic; not upstream's exact bytes.
pub fn compute_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let mut h: u32 = 0x811c_9dc5;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= *b as u32;
            h = h.wrapping_mul(0x0100_0193);
        }
    };
    feed(
        serde_json::to_string(template)
            .unwrap_or_default()
            .as_bytes(),
    );
    if let Some(n) = collision_count {
        feed(&(n as i64 as u64).to_le_bytes());
    }
    safe_encode(&h.to_string())
}

fn safe_encode(s: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    s.bytes()
        .map(|b| ALPHANUMS[b as usize % ALPHANUMS.len()] as char)
        .collect()
}

/// `Match`: the revision restores this template (`patch` is `revision_patch` of it).
fn matches(patch: &Json, cr: &ControllerRevision) -> bool {
    cr.data == *patch
}

/// `controlledHistories`: claims the namespace's revisions like pods.
fn controlled_histories(c: &mut Cluster, ds: &DaemonSet) -> Vec<Key> {
    let selector = ds.spec.selector.clone().unwrap_or_default();
    let mut out = Vec::new();
    let mut adopt = Vec::new();
    let mut release = Vec::new();
    for cr in c.store.revisions_in(&ds.metadata.namespace) {
        let m = !selector.is_empty() && selector.matches(&cr.metadata.labels);
        match cr
            .metadata
            .controller_ref()
            .map(|r| r.uid == ds.metadata.uid)
        {
            Some(false) => {}
            Some(true) if m => out.push(Key::of(&cr.metadata)),
            Some(true) => release.push(Key::of(&cr.metadata)),
            None if m && cr.metadata.deletion_timestamp.is_none() => {
                adopt.push(Key::of(&cr.metadata))
            }
            None => {}
        }
    }
    for k in release {
        let rv = c.new_resource_version();
        if let Some(cr) = c.store.revisions.get_mut(&k) {
            cr.metadata
                .owner_references
                .retain(|r| r.uid != ds.metadata.uid);
            cr.metadata.resource_version = rv;
        }
    }
    for k in adopt {
        let rv = c.new_resource_version();
        if let Some(cr) = c.store.revisions.get_mut(&k) {
            cr.metadata.owner_references.push(controller_ref_to(ds));
            cr.metadata.resource_version = rv;
            out.push(k);
        }
    }
    out
}

/// Returns the current revision's hash (its `controller-revision-hash` label) and the
/// old revisions.
pub fn construct_history(c: &mut Cluster, key: &Key, ds: &DaemonSet) -> (String, Vec<Key>) {
    let patch = super::cache::take_patch(c, key, ds);
    let histories = controlled_histories(c, ds);
    let mut current = Vec::new();
    let mut old = Vec::new();
    for k in histories {
        let rv = c.new_resource_version();
        let cr = &mut **c.store.revisions.get_mut(&k).expect("listed");
        if !cr.metadata.labels.contains_key(REVISION_HASH_LABEL) {
            cr.metadata
                .labels
                .insert(REVISION_HASH_LABEL.into(), cr.metadata.name.clone());
            cr.metadata.resource_version = rv;
        }
        if matches(&patch, cr) {
            current.push(k);
        } else {
            old.push(k);
        }
    }
    let next = old
        .iter()
        .map(|k| c.store.revisions[k].revision)
        .max()
        .unwrap_or(0)
        + 1;
    let cur_key = match current.len() {
        0 => snapshot(c, ds, &patch, next),
        1 => current.pop().expect("one"),
        _ => dedup_cur_histories(c, ds, &current),
    };
    super::cache::put_patch(c, key, ds, patch);
    let rv = c.new_resource_version();
    let cur = c.store.revisions.get_mut(&cur_key).expect("current exists");
    if cur.revision < next {
        cur.revision = next;
        cur.metadata.resource_version = rv;
    }
    let hash = cur
        .metadata
        .labels
        .get(REVISION_HASH_LABEL)
        .cloned()
        .unwrap_or_default();
    (hash, old)
}

/// `snapshot`: a new revision named `<ds>-<hash>`, bumping the collision count on a clash.
fn snapshot(c: &mut Cluster, ds: &DaemonSet, patch: &Json, revision: i64) -> Key {
    let mut collision = ds.status.collision_count;
    loop {
        let hash = compute_hash(&ds.spec.template, collision);
        let name = format!("{}-{}", ds.metadata.name, hash);
        let key = Key::new(&ds.metadata.namespace, &name);
        if let Some(existing) = c.store.revisions.get(&key) {
            if matches(patch, existing) {
                return key;
            }
            // AlreadyExists with other data: bump status.collisionCount and hash again.
            let n = collision.unwrap_or(0) + 1;
            collision = Some(n);
            let rv = c.new_resource_version();
            if let Some(d) = c.store.daemonsets.get_mut(&Key::of(&ds.metadata)) {
                d.status.collision_count = Some(n);
                d.metadata.resource_version = rv;
            }
            continue;
        }
        let mut cr = ControllerRevision {
            api_version: "apps/v1".into(),
            kind: "ControllerRevision".into(),
            data: patch.clone(),
            revision,
            ..Default::default()
        };
        cr.metadata.name = name;
        cr.metadata.namespace = ds.metadata.namespace.clone();
        cr.metadata.labels = ds.spec.template.metadata.labels.clone();
        cr.metadata.labels.insert(REVISION_HASH_LABEL.into(), hash);
        cr.metadata.annotations = ds.metadata.annotations.clone();
        cr.metadata.owner_references = vec![controller_ref_to(ds)].into();
        c.stamp_new(&mut cr.metadata);
        c.store.revisions.insert(key.clone(), Shared::new(cr));
        return key;
    }
}

/// `dedupCurHistories`: keep the highest revision, relabel pods to its hash, delete the rest.
fn dedup_cur_histories(c: &mut Cluster, ds: &DaemonSet, current: &[Key]) -> Key {
    let keep = current
        .iter()
        .max_by_key(|k| c.store.revisions[*k].revision)
        .cloned()
        .expect("non-empty");
    let keep_hash = c.store.revisions[&keep]
        .metadata
        .labels
        .get(REVISION_HASH_LABEL)
        .cloned()
        .unwrap_or_default();
    let by_node = get_nodes_to_daemon_pods(c, ds, true);
    for k in by_node.values().flatten() {
        let rv = c.new_resource_version();
        if let Some(p) = c.store.pods.get_mut(k) {
            if p.metadata.labels.get(REVISION_HASH_LABEL) != Some(&keep_hash) {
                p.metadata
                    .labels
                    .insert(REVISION_HASH_LABEL.into(), keep_hash.clone());
                p.metadata.resource_version = rv;
            }
        }
    }
    for k in current {
        if *k != keep {
            c.store.revisions.remove(k);
        }
    }
    keep
}

/// `cleanupHistory`: delete the oldest unreferenced old revisions beyond the limit.
pub fn cleanup_history(c: &mut Cluster, ds: &DaemonSet, old: &[Key]) {
    let limit = ds.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
    let old: Vec<Key> = old
        .iter()
        .filter(|k| c.store.revisions.contains_key(*k))
        .cloned()
        .collect();
    if old.len() <= limit {
        return;
    }
    let mut to_kill = old.len() - limit;
    let by_node = get_nodes_to_daemon_pods(c, ds, true);
    let mut live = std::collections::BTreeSet::new();
    live.extend(by_node.values().flatten().filter_map(|k| {
        c.store
            .pods
            .get(k)?
            .metadata
            .labels
            .get(REVISION_HASH_LABEL)
            .cloned()
    }));
    let mut sorted = old;
    crate::sort::sort_by_key(&mut sorted, |k| c.store.revisions[k].revision);
    for k in sorted {
        if to_kill == 0 {
            break;
        }
        let hash = c.store.revisions[&k]
            .metadata
            .labels
            .get(REVISION_HASH_LABEL)
            .cloned()
            .unwrap_or_default();
        if live.contains(&hash) {
            continue;
        }
        c.store.revisions.remove(&k);
        c.new_resource_version();
        to_kill -= 1;
    }
}
