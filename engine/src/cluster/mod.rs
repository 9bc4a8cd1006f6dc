//! A simulated cluster: the object store, a clock with a queue of timers, and the
//! controllers that reconcile the store, run until the cluster is at rest.

mod advance;
mod correlator;
mod handlers;
mod shared;
pub mod store;
pub use advance::Advancing;
mod timers;

pub use handlers::should_ignore_node_update;
pub use shared::Shared;
pub use store::{Key, SourceMap, Store};
pub use timers::Timer;

use crate::api::*;
use crate::controller;
use std::collections::{BTreeSet, BinaryHeap};

/// Settings of the simulated components (documented in the README).
#[derive(Clone, Debug)]
pub struct Settings {
    /// Seconds from binding to a running container (image pull and start).
    pub container_start_seconds: i64,
    /// Seconds PodGC waits before deleting pods bound to a node that no longer exists.
    pub pod_gc_quarantine_seconds: i64,
    /// How images behave, as a scenario says (`sim image ...`). Boxed like the store's objects.
    pub images: std::collections::BTreeMap<String, Box<controller::kubelet::ImageBehaviour>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            container_start_seconds: 2,
            pod_gc_quarantine_seconds: 40,
            images: Default::default(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Cluster {
    pub now: Time,
    pub store: Store,
    pub settings: Settings,
    queue: BinaryHeap<timers::Entry>,
    seq: u64,
    next_uid: u64,
    next_rv: u64,
    rng: u64,
    /// DaemonSets whose world changed since their last sync.
    pub(crate) dirty: BTreeSet<Key>,
    pub(crate) pods_to_schedule: BTreeSet<Key>,
    /// Every unbound pod gets another scheduling attempt (`retry_pending_pods`).
    retry_pending: bool,
    /// DaemonSets whose last sync hit the burst limit and must run again.
    pub(crate) requeue: BTreeSet<Key>,
    /// The DaemonSet being synced, if any.
    pub(crate) syncing: Option<Key>,
    pub(crate) backoff: controller::daemonset::Backoff,
    pub(crate) eviction_scheduled: BTreeSet<(Time, Key)>,
    /// The kubelets' state of each pod's containers, shared with copies of the cluster
    /// like the store's objects.
    pub(crate) runtime: std::collections::BTreeMap<Key, Shared<controller::kubelet::PodRuntime>>,
    /// Images already pulled, per node; each node's set is shared with copies of the
    /// cluster (a pull after a copy copies that node's set alone).
    pub(crate) node_images: std::collections::BTreeMap<String, Shared<BTreeSet<String>>>,
    /// Nodes whose kubelet is stopped (`sim kubelet stop`).
    pub stopped_kubelets: BTreeSet<String>,
    /// What each DaemonSet's last sync keeps for the next.
    pub(crate) sync_cache: controller::daemonset::SyncCache,
    /// When the controllers that look at the whole store last found nothing to do.
    pub(crate) quiet: Quiet,
    /// Node events seen by the handlers (added, updated, deleted), ever.
    pub(crate) node_events: u64,
    /// The DaemonSet controller's node queue (names), worked through before its syncs.
    pub(crate) node_queue: BTreeSet<String>,
    /// Commands run against the cluster (kubectl, sleep, sim), ever.
    pub(crate) commands: u64,
    /// The event recorder's look-up of the events it wrote, to count repeats.
    event_index: EventIndex,
    /// What the event recorders keep to aggregate and throttle events.
    pub(crate) correlator: correlator::Correlator,
}

/// The event recorder's cache (client-go's `EventLogger`, an LRU of 4,096 events): for
/// the fields that make two events the same (source, object, type, reason, message), the
/// resourceVersion the stored event was created with, in one of four slots chosen by a
/// hash of those fields; a new event takes the slot of the oldest of the four, as a newer
/// one pushes the oldest out of upstream's cache. A stored event found through a slot is
/// compared field by field.
/// Copies of the cluster start without it; it is worked out again from the stored events.
#[derive(Default)]
struct EventIndex {
    /// Empty until worked out; then `EVENT_SLOTS` slots, each a resourceVersion in its low
    /// 40 bits and more bits of the hash above (0: none).
    slots: Vec<u64>,
}

const RV_BITS: u32 = 40;
const RV_MASK: u64 = (1 << RV_BITS) - 1;

impl EventIndex {
    /// The resourceVersions in `at`'s set whose hash bits are `at`'s.
    fn candidates(&self, at: (usize, u64)) -> impl Iterator<Item = u64> + '_ {
        self.slots[at.0..at.0 + EVENT_WAYS]
            .iter()
            .filter(move |&&slot| slot != 0 && slot >> RV_BITS == at.1)
            .map(|slot| slot & RV_MASK)
    }

    /// Keeps `rv` in `at`'s set, in place of its oldest.
    fn put(&mut self, at: (usize, u64), rv: u64) {
        let set = &mut self.slots[at.0..at.0 + EVENT_WAYS];
        if let Some(oldest) = set.iter_mut().min_by_key(|slot| **slot & RV_MASK) {
            *oldest = at.1 << RV_BITS | (rv & RV_MASK);
        }
    }
}

const EVENT_SLOTS: usize = 1 << 16;
const EVENT_WAYS: usize = 4;

impl Clone for EventIndex {
    fn clone(&self) -> Self {
        EventIndex::default()
    }
}

impl std::fmt::Debug for EventIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EventIndex")
    }
}

/// The recorder's look-up key of an event: its set of slots and the hash bits kept.
/// `object` is `correlator::object_hash` of its source and object.
fn event_key(
    object: crate::hash::Fnv64,
    type_: &str,
    field_path: &str,
    reason: &str,
    message: &str,
) -> (usize, u64) {
    let h = object
        .field(type_)
        .field(field_path)
        .field(reason)
        .field(message)
        .0;
    let set = (h as usize) % (EVENT_SLOTS / EVENT_WAYS) * EVENT_WAYS;
    (set, h >> RV_BITS)
}

/// The message that identifies an event: a combined event (see `correlator`) is one
/// event whatever message it last carried.
fn index_message(message: &str) -> &str {
    if message.starts_with(correlator::COMBINED) {
        correlator::COMBINED
    } else {
        message
    }
}

/// Whether `e` is the event these fields describe.
fn same_event(
    e: &Event,
    component: &str,
    type_: &str,
    o: &ObjectReference,
    reason: &str,
    message: &str,
) -> bool {
    e.source.component == component
        && e.type_ == type_
        && e.involved_object == *o
        && e.reason == reason
        && index_message(&e.message) == index_message(message)
}

/// The write counter at which a controller that reads the whole store (and, for taint
/// eviction, the clock) last found nothing to do. Until something is written it would
/// find nothing again, so a settle round skips it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Quiet {
    pub kubelet: Option<u64>,
    /// The kubelets must look at every pod (a node was added or a kubelet started);
    /// otherwise only at the pods created or updated since their last look.
    pub kubelet_must_look: bool,
    /// Pods created or updated since the kubelets' last look (the handlers add them).
    pub kubelet_queue: BTreeSet<Key>,
    /// The garbage collector's last look for dependents without an owner: the DaemonSets'
    /// UIDs (a fingerprint) and `Cluster::commands` then.
    pub garbage_collector_looked: Option<(u64, u64)>,
    /// The nodes with a NoExecute taint, kept by the node handlers (None: to work out).
    pub no_execute_nodes: Option<BTreeSet<String>>,
    pub garbage_collector: Option<u64>,
    pub taint_eviction: Option<(u64, Time)>,
}

impl Default for Cluster {
    fn default() -> Self {
        Cluster::new()
    }
}

impl Cluster {
    /// A fresh cluster with the namespaces every cluster has, and no nodes.
    pub fn new() -> Cluster {
        let mut c = Cluster {
            now: Time(time::EPOCH_MS),
            store: Store::default(),
            settings: Settings::default(),
            queue: BinaryHeap::new(),
            seq: 0,
            next_uid: 1,
            next_rv: 1,
            rng: 0x9E37_79B9_7F4A_7C15,
            dirty: BTreeSet::new(),
            pods_to_schedule: BTreeSet::new(),
            retry_pending: false,
            requeue: BTreeSet::new(),
            syncing: None,
            backoff: Default::default(),
            eviction_scheduled: BTreeSet::new(),
            runtime: Default::default(),
            node_images: Default::default(),
            stopped_kubelets: BTreeSet::new(),
            sync_cache: Default::default(),
            quiet: Quiet::default(),
            node_events: 0,
            node_queue: BTreeSet::new(),
            commands: 0,
            event_index: EventIndex::default(),
            correlator: Default::default(),
        };
        for ns in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            let mut n = Namespace {
                api_version: "v1".into(),
                kind: "Namespace".into(),
                ..Default::default()
            };
            n.metadata.name = ns.into();
            n.metadata
                .labels
                .insert("kubernetes.io/metadata.name".into(), ns.into());
            c.stamp_new(&mut n.metadata);
            n.status.phase = "Active".into();
            c.store.namespaces.insert(ns.into(), Shared::new(n));
        }
        // The priority classes every cluster has.
        for (name, value, desc) in [
            ("system-cluster-critical", 2_000_000_000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
            ("system-node-critical", 2_000_001_000, "Used for system critical pods that must not be moved from their current node."),
        ] {
            let mut pc = PriorityClass {
                api_version: "scheduling.k8s.io/v1".into(),
                kind: "PriorityClass".into(),
                value,
                description: desc.into(),
                preemption_policy: Some("PreemptLowerPriority".into()),
                ..Default::default()
            };
            pc.metadata.name = name.into();
            c.stamp_new(&mut pc.metadata);
            c.store.priority_classes.insert(name.into(), Shared::new(pc));
        }
        c
    }

    pub fn new_uid(&mut self) -> String {
        let n = self.next_uid;
        self.next_uid += 1;
        let r = self.random();
        // `{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}`, written by hand into one buffer: a uid
        // is made for every object and event, and the formatting machinery costs more than
        // the rest of it.
        let mut b = *b"00000000-0000-4000-8000-000000000000";
        hex_into(&mut b[..8], r >> 32);
        hex_into(&mut b[9..13], r >> 16);
        hex_into(&mut b[15..18], r);
        hex_into(&mut b[20..23], n);
        hex_into(&mut b[24..], n);
        let mut uid = String::with_capacity(b.len());
        push_ascii(&mut uid, &b);
        uid
    }

    /// Grows with every write to the store; controllers compare it to see if they acted.
    pub fn write_counter(&self) -> u64 {
        self.next_rv
    }

    /// Grows with every write to the store and every pod removal (which, unlike other
    /// deletions, takes no resourceVersion here): equal values mean an unchanged store.
    pub fn change_counter(&self) -> u64 {
        self.next_rv + self.store.pod_removals.total()
    }

    pub fn new_resource_version(&mut self) -> String {
        take_resource_version(&mut self.next_rv)
    }

    /// For the kubelet's status write: a new resourceVersion, the pod's runtime state and
    /// the pod, each looked up once; None (and no resourceVersion taken) for a pod the
    /// kubelet has not started.
    pub(crate) fn runtime_and_pod(
        &mut self,
        key: &Key,
    ) -> Option<(String, &controller::kubelet::PodRuntime, Option<&mut Pod>)> {
        let rt = self.runtime.get(key)?;
        let rv = take_resource_version(&mut self.next_rv);
        Some((rv, rt, self.store.pods.get_mut(key).map(|p| &mut **p)))
    }

    /// Deterministic pseudo-random numbers (splitmix64), for generated names.
    pub fn random(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `generateName` suffix: five characters of the apiserver's alphabet.
    pub fn random_suffix(&mut self) -> String {
        const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
        let mut r = self.random();
        let mut buf = [0u8; 5];
        for b in &mut buf {
            *b = ALPHABET[(r % ALPHABET.len() as u64) as usize];
            r /= ALPHABET.len() as u64;
        }
        let mut s = String::with_capacity(buf.len());
        push_ascii(&mut s, &buf);
        s
    }

    /// Sets uid, resourceVersion and creationTimestamp on a new object.
    pub fn stamp_new(&mut self, meta: &mut ObjectMeta) {
        meta.uid = self.new_uid();
        meta.resource_version = self.new_resource_version();
        meta.creation_timestamp = Some(self.now);
    }

    pub fn schedule(&mut self, at: Time, timer: Timer) {
        self.seq += 1;
        self.queue.push(timers::Entry {
            at,
            seq: self.seq,
            timer,
        });
    }

    /// When the next timer fires, if any.
    pub fn next_timer_at(&self) -> Option<Time> {
        self.queue.peek().map(|e| e.at)
    }

    /// Gives every unbound pod another scheduling attempt (something they may have
    /// been waiting for, a node or freed resources and ports, changed).
    /// The pods are listed when the scheduler next runs (the set it takes is the same:
    /// an unbound pod that existed now and still does is unbound then, and one created
    /// in between is queued by its creation).
    pub fn retry_pending_pods(&mut self) {
        self.retry_pending = true;
    }

    /// The pods for the scheduler to try: those queued, and every unbound pod if
    /// `retry_pending_pods` was called since it last ran.
    pub(crate) fn take_pods_to_schedule(&mut self) -> BTreeSet<Key> {
        if std::mem::take(&mut self.retry_pending) {
            let pending: Vec<Key> = self
                .store
                .pods
                .iter()
                .filter(|(_, p)| p.spec.node_name.is_empty())
                .map(|(k, _)| k.clone())
                .collect();
            self.pods_to_schedule.extend(pending);
        }
        std::mem::take(&mut self.pods_to_schedule)
    }

    /// The DaemonSets queued for a sync (the controller's workqueue), in key order,
    /// with those the node queue's worker will queue.
    pub fn queued_syncs(&self) -> Vec<Key> {
        let mut keys = self.node_update_targets();
        keys.extend(self.dirty.iter().cloned());
        keys.into_iter().collect()
    }

    /// Lets time pass, event by event, until `done` holds or `max_ms` have passed or
    /// nothing is left to happen; true if `done` holds. (kubectl's waits.)
    pub fn advance_until(&mut self, max_ms: i64, mut done: impl FnMut(&Cluster) -> bool) -> bool {
        let deadline = self.now.plus_ms(max_ms);
        while !done(self) {
            match self.next_timer_at() {
                Some(at) if at <= deadline => self.advance(at.0 - self.now.0),
                _ => return false,
            }
        }
        true
    }

    /// From now on, writes every event as recorded, without aggregation or the spam filter
    /// (see `correlator`), as upstream's controller tests do (`record.FakeRecorder`).
    pub fn record_events_unfiltered(&mut self) {
        self.correlator.off = true;
    }

    /// Records an event; a repeat of a stored one (same source, object, type, reason and
    /// message) counts up that one instead, as the event recorder does, after its
    /// correlator (`correlator`) aggregated similar events and skipped spam.
    pub fn record_event(
        &mut self,
        involved: ObjectReference,
        type_: &'static str,
        reason: &'static str,
        message: String,
        component: &'static str,
    ) {
        let now = self.now;
        if self.event_index.slots.is_empty() {
            let index = &mut self.event_index;
            index.slots = vec![0; EVENT_SLOTS];
            for e in &self.store.events {
                let key = event_key(
                    correlator::object_hash(&e.source.component, &e.involved_object),
                    &e.type_,
                    &e.involved_object.field_path,
                    &e.reason,
                    index_message(&e.message),
                );
                index.put(key, e.metadata.written_at());
            }
        }
        let object = correlator::object_hash(component, &involved);
        let verdict = self
            .correlator
            .correlate(now, object, type_, &involved, reason, &message);
        if !verdict.write {
            return;
        }
        let message = if verdict.combined {
            format!("{}{message}", correlator::COMBINED)
        } else {
            message
        };
        let (carried, first) = verdict.skipped.map_or((0, now), |(n, at)| (n as i32, at));
        let key = event_key(
            object,
            type_,
            &involved.field_path,
            reason,
            index_message(&message),
        );
        let stored = self
            .event_index
            .candidates(key)
            .filter_map(|rv| {
                self.store
                    .events
                    .binary_search_by_key(&rv, |e| e.metadata.written_at())
                    .ok()
            })
            .find(|&i| {
                same_event(
                    &self.store.events[i],
                    component,
                    type_,
                    &involved,
                    reason,
                    &message,
                )
            });
        if let Some(i) = stored {
            let e = std::sync::Arc::make_mut(&mut self.store.events[i]);
            e.count += 1 + carried;
            e.last_timestamp = now;
            e.message = message;
            return;
        }
        let mut name = String::with_capacity(involved.name.len() + 17);
        name.push_str(&involved.name);
        name.push('.');
        push_hex(&mut name, self.random(), 16);
        let mut metadata = ObjectMeta {
            name,
            namespace: involved.namespace.clone(),
            ..Default::default()
        };
        self.stamp_new(&mut metadata);
        // Every field named: `..Default::default()` would make a whole default event and
        // drop the parts it does not use.
        let ev = Event {
            api_version: "v1".into(),
            kind: "Event".into(),
            metadata,
            involved_object: involved,
            reason: reason.into(),
            message,
            type_: type_.into(),
            count: 1 + carried,
            first_timestamp: first,
            last_timestamp: now,
            source: EventSource {
                component: component.into(),
                host: String::new(),
            },
        };
        self.event_index.put(key, ev.metadata.written_at());
        self.store.events.push(std::sync::Arc::new(ev));
        const MAX_EVENTS: usize = 20_000;
        if self.store.events.len() > MAX_EVENTS {
            self.store.events.drain(..MAX_EVENTS / 4);
        }
    }
}

/// The next resourceVersion (of `Cluster::next_rv`, taken by field where other fields are
/// borrowed).
fn take_resource_version(next_rv: &mut u64) -> String {
    *next_rv += 1;
    // Without `to_string`'s formatting machinery: a resourceVersion is taken for every
    // write, and in WebAssembly the machinery costs more than the rest of the write.
    let mut rv = String::with_capacity(20);
    push_decimal(&mut rv, *next_rv);
    rv
}

/// Appends `n` in decimal, as `to_string` writes it (without the formatting machinery,
/// which `format!` costs in WebAssembly).
pub(crate) fn push_decimal(s: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    push_ascii(s, &buf[at..]);
}

/// `v` in lower-case hex, zero-padded to at least `width` digits (as `{:0width$x}`).
fn push_hex(s: &mut String, v: u64, width: usize) {
    let digits = (16 - v.leading_zeros() as usize / 4).max(width).min(16);
    // Bytes first and then one push: a char at a time costs more in WebAssembly.
    let mut buf = [0u8; 16];
    hex_into(&mut buf[..digits], v);
    push_ascii(s, &buf[..digits]);
}

/// The low digits of `v` in lower-case hex, as many as `out` is long.
fn hex_into(out: &mut [u8], v: u64) {
    for (i, b) in out.iter_mut().rev().enumerate() {
        *b = b"0123456789abcdef"[((v >> (4 * i)) & 0xf) as usize];
    }
}

/// Appends `bytes`, which are ASCII (as `random_suffix` and `push_hex` write them), in one
/// push.
fn push_ascii(s: &mut String, bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        s.push_str(text);
    }
}

pub fn object_ref(
    kind: &'static str,
    api_version: &'static str,
    meta: &ObjectMeta,
) -> ObjectReference {
    ObjectReference {
        api_version: api_version.into(),
        kind: kind.into(),
        name: meta.name.clone(),
        namespace: meta.namespace.clone(),
        uid: meta.uid.clone(),
        field_path: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_to_string_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12345, u64::from(u32::MAX), u64::MAX] {
            let mut s = String::from("x");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }

    #[test]
    fn hex_is_written_as_format_writes_it() {
        for v in [
            0,
            1,
            0xf,
            0x10,
            0xfff,
            0x1000,
            0xdead_beef,
            1 << 48,
            u64::MAX,
        ] {
            for width in [3, 4, 8, 12, 16] {
                let mut s = String::new();
                push_hex(&mut s, v, width);
                assert_eq!(s, format!("{v:0width$x}"), "{v:#x} in {width}");
            }
        }
    }

    #[test]
    fn uids_are_written_as_format_writes_them() {
        let mut c = Cluster::default();
        for _ in 0..50 {
            let (n, mut copy) = (c.next_uid, c.clone());
            let r = copy.random();
            let want = format!(
                "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
                r >> 32,
                (r >> 16) & 0xffff,
                r & 0xfff,
                n & 0xfff,
                n
            );
            assert_eq!(c.new_uid(), want);
            c.next_uid += 0x1234_5678;
        }
    }

    fn pod_ref(i: usize) -> ObjectReference {
        ObjectReference {
            api_version: "v1".into(),
            kind: "Pod".into(),
            name: format!("p{i}"),
            namespace: "default".into(),
            uid: format!("uid-{i}"),
            field_path: String::new(),
        }
    }

    #[test]
    fn a_repeated_event_counts_up_however_many_others_came_between() {
        let mut c = Cluster::new();
        for round in 0..3 {
            for i in 0..2_000 {
                c.now = c.now.plus_secs(1);
                c.record_event(
                    pod_ref(i),
                    "Warning",
                    "BackOff",
                    "Back-off".into(),
                    "kubelet",
                );
            }
            assert_eq!(c.store.events.len(), 2_000, "round {round}");
        }
        let first = &c.store.events[0];
        assert_eq!(first.count, 3);
        assert!(first.last_timestamp > first.first_timestamp);
        // Another message, type or source is another event.
        c.record_event(pod_ref(0), "Warning", "BackOff", "other".into(), "kubelet");
        c.record_event(
            pod_ref(0),
            "Normal",
            "BackOff",
            "Back-off".into(),
            "kubelet",
        );
        c.record_event(pod_ref(0), "Warning", "BackOff", "Back-off".into(), "other");
        assert_eq!(c.store.events.len(), 2_003);
        // A copy of the cluster goes on counting the same events.
        let mut copy = c.clone();
        copy.record_event(
            pod_ref(1),
            "Warning",
            "BackOff",
            "Back-off".into(),
            "kubelet",
        );
        assert_eq!(copy.store.events.len(), 2_003);
        assert_eq!(copy.store.events[1].count, 4);
    }

    #[test]
    fn repeats_are_counted_after_old_events_are_dropped() {
        let mut c = Cluster::new();
        let event = |c: &mut Cluster, i: usize| {
            c.record_event(pod_ref(i), "Normal", "Pulled", format!("m{i}"), "kubelet")
        };
        for i in 0..24_000 {
            event(&mut c, i);
        }
        let kept = c.store.events.len();
        assert!(kept < 24_000);
        let oldest = c.store.events[0].message.clone();
        event(&mut c, 23_999);
        assert_eq!(c.store.events.len(), kept, "a kept event counts up");
        assert_eq!(c.store.events.last().unwrap().count, 2);
        event(&mut c, 0);
        assert_eq!(
            c.store.events.len(),
            kept + 1,
            "a dropped one is stored again"
        );
        assert_ne!(oldest, "m0");
    }

    fn ds_ref() -> ObjectReference {
        ObjectReference {
            api_version: "apps/v1".into(),
            kind: "DaemonSet".into(),
            name: "agent".into(),
            namespace: "default".into(),
            uid: "uid-ds".into(),
            field_path: String::new(),
        }
    }

    fn created(c: &mut Cluster, i: usize) {
        c.record_event(
            ds_ref(),
            "Normal",
            "SuccessfulCreate",
            format!("Created pod: agent-{i}"),
            "daemonset-controller",
        );
    }

    /// client-go's correlator: nine similar events as they are, then one combined event
    /// that counts the rest; 25 events about an object at once, then one every 5 minutes,
    /// the skipped ones counted by the next one written.
    #[test]
    fn similar_events_are_combined_and_a_burst_is_throttled() {
        let mut c = Cluster::new();
        for i in 0..30 {
            created(&mut c, i);
        }
        let messages: Vec<(String, i32)> = c
            .store
            .events
            .iter()
            .map(|e| (e.message.clone(), e.count))
            .collect();
        let mut want: Vec<(String, i32)> = (0..9)
            .map(|i| (format!("Created pod: agent-{i}"), 1))
            .collect();
        // The 10th to the 25th (16 events): the combined one, with the last one's message.
        want.push((
            "(combined from similar events): Created pod: agent-24".into(),
            16,
        ));
        assert_eq!(messages, want);

        // Four minutes on, the bucket has not refilled a token: still skipped.
        c.now = c.now.plus_secs(240);
        created(&mut c, 30);
        assert_eq!(c.store.events.last().unwrap().count, 16);
        // At five minutes one goes through, carrying the six skipped (25 to 30).
        c.now = c.now.plus_secs(60);
        created(&mut c, 31);
        let last = c.store.events.last().unwrap();
        assert_eq!(c.store.events.len(), 10);
        assert_eq!(last.count, 16 + 6 + 1);
        assert_eq!(
            last.message,
            "(combined from similar events): Created pod: agent-31"
        );
        assert_eq!(last.last_timestamp, c.now);
        assert!(last.first_timestamp < last.last_timestamp);

        // Another object has its own bucket and its own similar events.
        c.record_event(pod_ref(0), "Normal", "Pulled", "m".into(), "kubelet");
        assert_eq!(c.store.events.len(), 11);
    }

    /// Ten minutes after the last similar event, similar events start afresh; the first
    /// event of a source about an object that the filter skipped is written later with
    /// the skipped count and the time of the first.
    #[test]
    fn similar_events_start_afresh_and_a_skipped_event_is_written_later() {
        let mut c = Cluster::new();
        let back_off = |c: &mut Cluster| {
            c.record_event(
                pod_ref(0),
                "Warning",
                "BackOff",
                "Back-off".into(),
                "kubelet",
            )
        };
        for i in 0..25 {
            c.record_event(pod_ref(0), "Normal", "Pulled", format!("m{i}"), "kubelet");
        }
        let t0 = c.now;
        back_off(&mut c);
        back_off(&mut c);
        assert!(c.store.events.iter().all(|e| e.reason != "BackOff"));
        c.now = c.now.plus_secs(601);
        back_off(&mut c);
        let e = c.store.events.last().unwrap();
        assert_eq!((&*e.reason, e.count), ("BackOff", 3));
        assert_eq!(e.first_timestamp, t0);
        // 601 s gave two tokens: the second Pulled after the pause is as written.
        c.record_event(pod_ref(0), "Normal", "Pulled", "again".into(), "kubelet");
        assert_eq!(c.store.events.last().unwrap().message, "again");
    }

    #[test]
    fn unfiltered_events_are_written_as_recorded() {
        let mut c = Cluster::new();
        c.record_events_unfiltered();
        for i in 0..30 {
            created(&mut c, i);
        }
        assert_eq!(c.store.events.len(), 30);
        assert!(c.store.events.iter().all(|e| e.count == 1));
    }

    #[test]
    fn events_are_found_by_key_and_by_object_as_the_list_changes() {
        let mut c = Cluster::new();
        c.record_events_unfiltered();
        let record = |c: &mut Cluster, i: usize, reason: &'static str| {
            c.now = c.now.plus_secs(1);
            c.record_event(pod_ref(i), "Normal", reason, reason.into(), "kubelet");
        };
        for i in 0..3 {
            record(&mut c, i, "Scheduled");
            record(&mut c, i, "Pulled");
        }
        let reasons = |c: &Cluster, i: usize| -> Vec<String> {
            c.store
                .events_about("default", &format!("p{i}"))
                .iter()
                .map(|e| e.reason.to_string())
                .collect()
        };
        assert_eq!(reasons(&c, 1), ["Scheduled", "Pulled"]);
        let key = |e: &Event| Key::of(&e.metadata);
        for e in c.store.events.clone() {
            assert_eq!(
                c.store.event(&key(&e)).map(|f| f.reason.clone()),
                Some(e.reason.clone())
            );
        }
        // Appended: found without anything else changing.
        record(&mut c, 1, "Started");
        assert_eq!(reasons(&c, 1), ["Scheduled", "Pulled", "Started"]);
        let started = c.store.events.last().unwrap().clone();
        assert_eq!(c.store.event(&key(&started)).unwrap().reason, "Started");
        // Dropped from the front and deleted from the middle: gone, and the rest still found.
        let first = c.store.events.remove(0);
        let middle = c.store.events.remove(2);
        assert!(c.store.event(&key(&first)).is_none());
        assert!(c.store.event(&key(&middle)).is_none());
        assert_eq!(reasons(&c, 0), ["Pulled"]);
        assert_eq!(c.store.event(&key(&started)).unwrap().reason, "Started");
        // A copy of the cluster finds the same.
        let copy = c.clone();
        assert_eq!(copy.store.event(&key(&started)).unwrap().reason, "Started");
        assert!(copy.store.events_about("default", "p9").is_empty());
    }
}
