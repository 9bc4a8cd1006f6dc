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

/// What claiming does with one pod (`ClaimObject`).
enum Claim {
    /// Not this DaemonSet's, and not to adopt.
    Skip,
    /// Owned and matching.
    Owned,
    /// Owned but no longer matching: the controller ref is removed.
    Release,
    /// A matching orphan: the DaemonSet becomes its controller.
    Adopt,
}

fn claim_of(pod: &Pod, ds: &DaemonSet, selector: &LabelSelector) -> Claim {
    let deleting = ds.metadata.deletion_timestamp.is_some();
    let matches = !selector.is_empty() && selector.matches(&pod.metadata.labels);
    match owned_by(&pod.metadata, ds) {
        Some(false) => Claim::Skip,
        Some(true) if matches => Claim::Owned,
        Some(true) if !deleting => Claim::Release,
        Some(true) => Claim::Skip,
        None if matches && !deleting && pod.metadata.deletion_timestamp.is_none() => Claim::Adopt,
        None => Claim::Skip,
    }
}

/// Claims the DaemonSet's pods (adopting matching orphans, releasing owned pods that no
/// longer match) and maps them by target node. Pod lists are sorted oldest first.
pub fn get_nodes_to_daemon_pods(
    c: &mut Cluster,
    ds: &DaemonSet,
    include_deleted_terminal: bool,
) -> BTreeMap<String, Vec<Key>> {
    let view = ViewOf {
        hash: String::new(),
        generation: None,
        min_ready_seconds: ds.spec.min_ready_seconds,
        now: c.now,
    };
    let mut by_node = BTreeMap::new();
    by_node.extend(
        DaemonPods::list(c, ds, include_deleted_terminal, view)
            .by_node
            .into_iter()
            .map(|(node, pods)| (node, pods.into_iter().map(|p| p.key).collect())),
    );
    by_node
}

/// What one sync reads of a daemon pod, read once.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PodView {
    pub key: Key,
    pub bound: bool,
    pub created: Option<Time>,
    pub deleting: bool,
    pub failed: bool,
    pub succeeded: bool,
    /// `IsPodUpdated` for the sync's hash and template generation.
    pub updated: bool,
    /// Its `controller-revision-hash` label is the sync's hash.
    pub has_hash: bool,
    pub ready: bool,
    pub available: bool,
    /// What `updated`, `has_hash` and `available` are worked out from (`ViewOf::derive`),
    /// so that a view kept for the next sync can be read against its hash and clock.
    hash_label: Option<String>,
    generation_label: Option<String>,
    ready_since: Option<Time>,
}

/// What a `PodView` is read against: the sync's revision and clock.
#[derive(Clone, Debug)]
pub(crate) struct ViewOf {
    pub hash: String,
    pub generation: Option<String>,
    pub min_ready_seconds: i32,
    pub now: Time,
}

impl ViewOf {
    pub fn new(ds: &DaemonSet, hash: &str, now: Time) -> ViewOf {
        ViewOf {
            hash: hash.to_string(),
            generation: ds.template_generation().map(|g| g.to_string()),
            min_ready_seconds: ds.spec.min_ready_seconds,
            now,
        }
    }

    fn view(&self, key: Key, p: &Pod) -> PodView {
        let mut v = PodView {
            key,
            bound: false,
            created: None,
            deleting: false,
            failed: false,
            succeeded: false,
            updated: false,
            has_hash: false,
            ready: false,
            available: false,
            hash_label: None,
            generation_label: None,
            ready_since: None,
        };
        self.read_again(&mut v, p);
        v
    }

    /// Reads `p` into its view `v` (the labels copied only if they changed).
    fn read_again(&self, v: &mut PodView, p: &Pod) {
        let ready = p.condition("Ready").filter(|c| c.status == "True");
        let label = |slot: &mut Option<String>, l: &str| {
            let now = p.metadata.labels.get(l);
            if slot.as_ref() != now {
                *slot = now.cloned();
            }
        };
        v.bound = !p.spec.node_name.is_empty();
        v.created = p.metadata.creation_timestamp;
        v.deleting = p.metadata.deletion_timestamp.is_some();
        v.failed = p.status.phase == "Failed";
        v.succeeded = p.status.phase == "Succeeded";
        v.ready = ready.is_some();
        v.ready_since = ready.and_then(|c| c.last_transition_time);
        label(&mut v.hash_label, REVISION_HASH_LABEL);
        label(&mut v.generation_label, TEMPLATE_GENERATION_LABEL);
        self.derive(v);
    }

    /// Whether every view reads the same against both (the clock matters only with
    /// minReadySeconds).
    fn reads_alike(&self, o: &ViewOf) -> bool {
        self.hash == o.hash
            && self.generation == o.generation
            && self.min_ready_seconds == o.min_ready_seconds
            && (self.min_ready_seconds <= 0 || self.now == o.now)
    }

    /// `IsPodUpdated` and `IsPodAvailable` (as `Pod::is_available`) for this sync.
    fn derive(&self, v: &mut PodView) {
        let hash = (!self.hash.is_empty()).then_some(self.hash.as_str());
        v.has_hash = v.hash_label.as_deref() == Some(self.hash.as_str());
        v.updated = (hash.is_some() && v.has_hash)
            || self
                .generation
                .as_deref()
                .is_some_and(|g| v.generation_label.as_deref() == Some(g));
        v.available = v.ready
            && (self.min_ready_seconds <= 0
                || v.ready_since.is_some_and(|t| {
                    t.0 != 0 && t.plus_secs(self.min_ready_seconds as i64) <= self.now
                }));
    }
}

/// `podByCreationTimestampAndPhase` on views of one namespace's pods.
pub(crate) fn sort_views_oldest_first(pods: &mut [PodView]) {
    if pods.len() < 2 {
        return;
    }
    crate::sort::sort_by(pods, |a, b| {
        (!a.bound)
            .cmp(&!b.bound)
            .then_with(|| a.created.cmp(&b.created))
            .then_with(|| a.key.name.cmp(&b.key.name))
    });
}

/// `GetTargetNodeName` without copying the name.
fn target_node(pod: &Pod) -> Option<&str> {
    if !pod.spec.node_name.is_empty() {
        return Some(&pod.spec.node_name);
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
                    Some(&f.values[0])
                } else {
                    None
                };
            }
        }
    }
    None
}

/// `getNodesToDaemonPods` kept up to date through one sync: the controller's own writes
/// are applied to the map (`refresh`) instead of listing every pod again.
pub(crate) struct DaemonPods {
    pub by_node: BTreeMap<String, Vec<PodView>>,
    include_deleted_terminal: bool,
    pub view: ViewOf,
    /// `Cluster::write_counter` when the pods were listed (see `cache`).
    pub seen: u64,
}

/// A pod the controller created or deleted, with its target node before the write.
pub(crate) type Touched = (Key, Option<String>);

impl DaemonPods {
    pub fn list(
        c: &mut Cluster,
        ds: &DaemonSet,
        include_deleted_terminal: bool,
        view: ViewOf,
    ) -> DaemonPods {
        let selector = ds.spec.selector.clone().unwrap_or_default();
        let mut adopt = Vec::new();
        let mut release = Vec::new();
        let mut out = DaemonPods {
            by_node: BTreeMap::new(),
            include_deleted_terminal,
            view,
            seen: c.write_counter(),
        };
        let mut unsorted: Vec<String> = Vec::new();
        for (key, pod) in c
            .store
            .pods
            .range(Key::new(&ds.metadata.namespace, "")..)
            .take_while(|(k, _)| *k.namespace == ds.metadata.namespace)
        {
            match claim_of(pod, ds, &selector) {
                Claim::Skip => {}
                Claim::Owned => {
                    if let Some(node) = out.add(key, pod) {
                        unsorted.push(node);
                    }
                }
                Claim::Release => release.push(key.clone()),
                Claim::Adopt => adopt.push(key.clone()),
            }
        }
        unsorted.extend(out.adopt_and_release(c, ds, release, adopt));
        out.sort(&unsorted);
        out
    }

    /// A map kept from an earlier sync that read it against `was`, read against this
    /// sync's hash and clock.
    pub fn from_map(
        mut by_node: BTreeMap<String, Vec<PodView>>,
        was: &ViewOf,
        view: ViewOf,
    ) -> DaemonPods {
        if !view.reads_alike(was) {
            for v in by_node.values_mut().flatten() {
                view.derive(v);
            }
        }
        DaemonPods {
            by_node,
            include_deleted_terminal: false,
            view,
            seen: 0,
        }
    }

    /// Whether a claimed pod is mapped (`getNodesToDaemonPods` leaves out deleted
    /// terminal pods unless asked for them).
    fn maps(&self, p: &Pod) -> bool {
        self.include_deleted_terminal
            || !(p.is_terminal() && p.metadata.deletion_timestamp.is_some())
    }

    /// Maps a claimed pod; returns its node if that node's list now needs sorting.
    fn add(&mut self, key: &Key, p: &Pod) -> Option<String> {
        if !self.maps(p) {
            return None;
        }
        let node = target_node(p)?;
        let view = self.view.view(key.clone(), p);
        match self.by_node.get_mut(node) {
            Some(list) => {
                list.push(view);
                (list.len() >= 2).then(|| node.to_string())
            }
            None => {
                self.by_node.insert(node.to_string(), vec![view]);
                None
            }
        }
    }

    fn sort(&mut self, nodes: &[String]) {
        for node in nodes {
            if let Some(pods) = self.by_node.get_mut(node) {
                sort_views_oldest_first(pods);
            }
        }
    }

    /// Releases and adopts (each in key order), mapping the adopted pods; returns the
    /// nodes whose lists need sorting.
    fn adopt_and_release(
        &mut self,
        c: &mut Cluster,
        ds: &DaemonSet,
        release: Vec<Key>,
        adopt: Vec<Key>,
    ) -> Vec<String> {
        for k in release {
            let rv = c.new_resource_version();
            if let Some(p) = c.store.pods.get_mut(&k) {
                p.metadata
                    .owner_references
                    .retain(|r| r.uid != ds.metadata.uid);
                p.metadata.resource_version = rv;
            }
        }
        let mut unsorted = Vec::new();
        for k in adopt {
            let rv = c.new_resource_version();
            if let Some(p) = c.store.pods.get_mut(&k) {
                p.metadata.owner_references.push(controller_ref_to(ds));
                p.metadata.resource_version = rv;
                if let Some(node) = self.add(&k, &c.store.pods[&k]) {
                    unsorted.push(node);
                }
            }
        }
        unsorted
    }

    /// Brings the map up to date after the controller wrote to `touched` pods (created,
    /// deleted or changed them): the same result as listing again.
    pub fn refresh(&mut self, c: &mut Cluster, ds: &DaemonSet, mut touched: Vec<Touched>) {
        if touched.is_empty() {
            return;
        }
        crate::sort::sort(&mut touched);
        // A pod written and then removed is listed twice: keep the node its removal names.
        touched.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same && kept.1.is_none() {
                kept.1 = later.1.take();
            }
            same
        });
        // Each pod looked up once, for both walks.
        let pods: Vec<Option<&Pod>> = touched
            .iter()
            .map(|(k, _)| c.store.pods.get(k).map(|p| &**p))
            .collect();
        let selector = ds.spec.selector.clone().unwrap_or_default();
        let mut unsorted = Vec::new();
        // A pod still owned and mapped on the node it was on is read again in place (the
        // scheduler's and the kubelet's writes); any other is taken out, to be added again.
        let mut read_again = vec![false; touched.len()];
        for (i, ((k, node), pod)) in touched.iter().zip(&pods).enumerate() {
            let node = pod.and_then(target_node).or(node.as_deref());
            let Some(node) = node else { continue };
            let owned = pod.filter(|p| {
                p.metadata.namespace == ds.metadata.namespace
                    && matches!(claim_of(p, ds, &selector), Claim::Owned)
                    && self.maps(p)
            });
            let Some(list) = self.by_node.get_mut(node) else {
                continue;
            };
            let Some(at) = list.iter().position(|v| v.key == *k) else {
                continue;
            };
            if let Some(p) = owned {
                self.view.read_again(&mut list[at], p);
                read_again[i] = true;
                if list.len() >= 2 {
                    unsorted.push(node.to_string());
                }
                continue;
            }
            list.remove(at);
            if list.is_empty() {
                self.by_node.remove(node);
            }
        }
        let mut adopt = Vec::new();
        let mut release = Vec::new();
        for (((k, _), pod), done) in touched.into_iter().zip(pods).zip(read_again) {
            let Some(pod) = pod.filter(|_| !done) else {
                continue;
            };
            if pod.metadata.namespace != ds.metadata.namespace {
                continue;
            }
            match claim_of(pod, ds, &selector) {
                Claim::Skip => {}
                Claim::Owned => {
                    if let Some(node) = self.add(&k, pod) {
                        unsorted.push(node);
                    }
                }
                Claim::Release => release.push(k),
                Claim::Adopt => adopt.push(k),
            }
        }
        unsorted.extend(self.adopt_and_release(c, ds, release, adopt));
        self.sort(&unsorted);
        #[cfg(debug_assertions)]
        self.check(c, ds);
    }

    /// Debug builds: the map is what listing again would give (lists left empty by
    /// `updatedDesiredNodeCounts` aside), and no pod is left to adopt or release.
    #[cfg(debug_assertions)]
    pub fn check(&self, c: &Cluster, ds: &DaemonSet) {
        let selector = ds.spec.selector.clone().unwrap_or_default();
        let mut fresh = DaemonPods {
            by_node: BTreeMap::new(),
            include_deleted_terminal: self.include_deleted_terminal,
            view: self.view.clone(),
            seen: 0,
        };
        for (key, pod) in c.store.pods.iter() {
            if *key.namespace != ds.metadata.namespace {
                continue;
            }
            match claim_of(pod, ds, &selector) {
                Claim::Skip => {}
                Claim::Owned => {
                    fresh.add(key, pod);
                }
                Claim::Release | Claim::Adopt => {
                    panic!("pod left to claim after a sync's writes")
                }
            }
        }
        let nodes: Vec<String> = fresh.by_node.keys().cloned().collect();
        fresh.sort(&nodes);
        let mine: BTreeMap<&String, &Vec<PodView>> =
            self.by_node.iter().filter(|(_, v)| !v.is_empty()).collect();

        assert_eq!(
            mine,
            fresh.by_node.iter().collect(),
            "the map of daemon pods went stale"
        );
    }
}

/// `IsPodUpdated`: the hash label matches, or the template-generation label does.
pub fn is_pod_updated(pod: &Pod, hash: &str, template_generation: Option<i64>) -> bool {
    let generation = template_generation.map(|g| g.to_string());
    is_pod_updated_to(pod, hash, generation.as_deref())
}

/// `IsPodUpdated` with the template generation already rendered (hot path).
pub(crate) fn is_pod_updated_to(pod: &Pod, hash: &str, template_generation: Option<&str>) -> bool {
    let labels = &pod.metadata.labels;
    let gen_match = template_generation.is_some_and(|g| {
        labels
            .get(TEMPLATE_GENERATION_LABEL)
            .is_some_and(|v| v == g)
    });
    let hash_match = !hash.is_empty() && labels.get(REVISION_HASH_LABEL).is_some_and(|v| v == hash);
    hash_match || gen_match
}
