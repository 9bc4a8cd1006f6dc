//! The objects of a simulated cluster, keyed as the API server keys them.

use super::Shared;
use crate::api::*;
use crate::yaml::Pos;
use std::collections::{BTreeMap, HashMap};

/// `namespace/name`; the namespace is empty for cluster-scoped objects.
#[derive(Clone)]
pub struct Key {
    pub namespace: std::sync::Arc<str>,
    pub name: std::sync::Arc<str>,
    /// Each part's first bytes and length (see [`head`]): most comparisons in the stores'
    /// B-trees end there, without a call to `memcmp`, which WebAssembly runs a byte at a
    /// time. Fifteen bytes hold `kube-system` and a pod's generated name (`fluentd-x2x9k`):
    /// with fewer, pods of one DaemonSet share their heads and compare by `memcmp`.
    head: (Head, Head),
}

impl Key {
    pub fn new(namespace: &str, name: &str) -> Key {
        Key {
            namespace: namespace.into(),
            name: name.into(),
            head: (head(namespace), head(name)),
        }
    }
    pub fn of(meta: &ObjectMeta) -> Key {
        Key::new(&meta.namespace, &meta.name)
    }
}

/// A string's first 15 bytes and its length, as two words (high, low) that order as the
/// bytes do. (Two words rather than a u128, whose 16-byte alignment cost the B-trees of
/// keys code of their own.)
type Head = (u64, u64);

/// How many bytes of a string its head holds.
const HEAD: usize = 15;

/// The first 15 bytes of `s` (zero-padded) and then its length (at most 16), big-endian:
/// heads order as the strings do wherever they differ, and equal heads mean equal strings
/// unless both are longer than 15 bytes.
#[inline(never)]
fn head(s: &str) -> Head {
    let b = s.as_bytes();
    let n = b.len().min(HEAD);
    let mut bytes = [0u8; HEAD + 1];
    bytes[..n].copy_from_slice(&b[..n]);
    bytes[HEAD] = b.len().min(HEAD + 1) as u8;
    let (high, low) = bytes.split_at(8);
    (
        u64::from_be_bytes(high.try_into().unwrap_or_default()),
        u64::from_be_bytes(low.try_into().unwrap_or_default()),
    )
}

/// A sorted list of strings with their heads, two words each, to find one of them with
/// comparisons of words rather than of bytes (a byte at a time in WebAssembly).
pub(crate) struct Heads<'a> {
    sorted: &'a [&'a str],
    words: Vec<u64>,
}

impl<'a> Heads<'a> {
    pub(crate) fn of(sorted: &'a [&'a str]) -> Heads<'a> {
        let mut words = Vec::with_capacity(2 * sorted.len());
        for s in sorted {
            let (high, low) = head(s);
            words.push(high);
            words.push(low);
        }
        Heads { sorted, words }
    }

    /// Where `s` is in the list: a binary search that compares the rest of two strings
    /// only where their heads are equal (as `Key` does).
    pub(crate) fn position(&self, s: &str) -> Option<usize> {
        use std::cmp::Ordering::*;
        let h = head(s);
        let (mut low, mut high) = (0, self.sorted.len());
        while low < high {
            let mid = low + (high - low) / 2;
            // `get` rather than indexing: no bounds-check panics, which cost payload.
            let (Some(&high_word), Some(&low_word), Some(at)) = (
                self.words.get(2 * mid),
                self.words.get(2 * mid + 1),
                self.sorted.get(mid),
            ) else {
                return None;
            };
            let order = match (high_word, low_word).cmp(&h) {
                Equal if s.len() > HEAD => cmp_tails(at, s),
                order => order,
            };
            match order {
                Less => low = mid + 1,
                Greater => high = mid,
                Equal => return Some(mid),
            }
        }
        None
    }
}

/// The order of two strings whose heads are equal and longer than a head: the rest.
/// (Out of line: a key's comparison, which the stores' B-trees make twenty times a
/// look-up, then stays small enough to keep in registers.)
#[cold]
#[inline(never)]
fn cmp_tails(a: &str, b: &str) -> std::cmp::Ordering {
    a.as_bytes()[HEAD..].cmp(&b.as_bytes()[HEAD..])
}

/// The order of (namespace, name).
impl Ord for Key {
    fn cmp(&self, o: &Key) -> std::cmp::Ordering {
        use std::cmp::Ordering::Equal;
        match self.head.0.cmp(&o.head.0) {
            Equal if self.namespace.len() > HEAD => {
                match cmp_tails(&self.namespace, &o.namespace) {
                    Equal => {}
                    order => return order,
                }
            }
            Equal => {}
            order => return order,
        }
        match self.head.1.cmp(&o.head.1) {
            Equal if self.name.len() > HEAD => cmp_tails(&self.name, &o.name),
            order => order,
        }
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, o: &Key) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

/// Equal heads mean equal strings up to 15 bytes: longer ones compare their tails.
impl PartialEq for Key {
    fn eq(&self, o: &Key) -> bool {
        self.head == o.head
            && (self.namespace.len() <= HEAD
                || self.namespace.as_bytes()[HEAD..] == o.namespace.as_bytes()[HEAD..])
            && (self.name.len() <= HEAD
                || self.name.as_bytes()[HEAD..] == o.name.as_bytes()[HEAD..])
    }
}

impl Eq for Key {}

impl std::hash::Hash for Key {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.namespace.hash(h);
        self.name.hash(h);
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("namespace", &self.namespace)
            .field("name", &self.name)
            .finish()
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.namespace.is_empty() {
            f.write_str(&self.name)
        } else {
            write!(f, "{}/{}", self.namespace, self.name)
        }
    }
}

/// Where an object's fields were written: the file and each field path's position.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceMap {
    pub file: String,
    pub paths: BTreeMap<String, Pos>,
}

impl SourceMap {
    /// The position of `path`, or of its nearest written parent.
    pub fn find(&self, path: &str) -> Option<(String, Pos)> {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.paths.get(&p) {
                return Some((p, *pos));
            }
            let cut = p.rfind(['.', '['])?;
            p.truncate(cut);
        }
    }
}

/// Each object is behind a [`Shared`] pointer: the timeline's copies of the cluster share
/// the objects until written, and maps whose values are all a pointer share one layout per
/// key type, so the optimiser keeps one copy of the B-tree code for them (payload).
#[derive(Clone, Debug, Default)]
pub struct Store {
    pub namespaces: BTreeMap<String, Shared<Namespace>>,
    pub nodes: BTreeMap<String, Shared<Node>>,
    pub pods: BTreeMap<Key, Shared<Pod>>,
    pub daemonsets: BTreeMap<Key, Shared<DaemonSet>>,
    pub revisions: BTreeMap<Key, Shared<ControllerRevision>>,
    pub priority_classes: BTreeMap<String, Shared<PriorityClass>>,
    /// Kinds the simulator stores but does not act on, keyed by (kind, key).
    pub others: BTreeMap<(String, Key), Opaque>,
    /// Shared with the timeline's copies of the cluster: a copy costs a pointer per event.
    pub events: Vec<std::sync::Arc<Event>>,
    /// Finds an event of `events` by its key (see [`Store::event`]).
    event_lookup: EventLookup,
    /// Manifest positions of each DaemonSet, from its last apply.
    pub sources: HashMap<Key, SourceMap>,
    /// The pods removed lately, for controllers that keep what they read.
    pub pod_removals: RemovalLog,
    /// The pods created or updated lately (each write's resourceVersion), likewise.
    pub pod_writes: ChangeLog<Key>,
}

impl Store {
    /// The stored event with this key. `kubectl get events` looks up each event it lists:
    /// walking the list for each would take minutes at 20,000 events.
    pub fn event(&self, k: &Key) -> Option<&std::sync::Arc<Event>> {
        let i = self
            .event_lookup
            .find(&self.events, |ix| first_of(&ix.by_key, k).next())?;
        self.events.get(i)
    }

    /// The stored events about the object with this namespace and name, oldest first
    /// (`kubectl describe` of each of 5,000 pods).
    pub fn events_about(&self, namespace: &str, name: &str) -> Vec<&std::sync::Arc<Event>> {
        let about = Key::new(namespace, name);
        let at = self
            .event_lookup
            .find(&self.events, |ix| {
                Some(first_of(&ix.about, &about).collect::<Vec<_>>())
            })
            .unwrap_or_default();
        at.into_iter().filter_map(|i| self.events.get(i)).collect()
    }
}

/// The positions of the entries with key `k` in a list sorted by key, in list order.
fn first_of<'a>(sorted: &'a [(Key, usize)], k: &'a Key) -> impl Iterator<Item = usize> + 'a {
    let from = sorted.partition_point(|(e, _)| e < k);
    sorted[from..]
        .iter()
        .take_while(move |(e, _)| e == k)
        .map(|(_, i)| *i)
}

/// Where each event is in the store's list, worked out again when the list has changed
/// since. Events are only appended (with a larger resourceVersion), dropped from the front
/// or deleted, and their keys never change, so the list's length and first and last
/// resourceVersions tell whether it changed.
#[derive(Debug, Default)]
struct EventLookup(std::sync::Mutex<Option<EventIndexes>>);

/// Sorted lists rather than hash maps: the browser build has the sort already.
#[derive(Debug)]
struct EventIndexes {
    shape: (usize, u64, u64),
    /// (event key, position), by key; of two events with one key, the first comes first.
    by_key: Vec<(Key, usize)>,
    /// (the involved object's namespace and name, position), by object, oldest first.
    about: Vec<(Key, usize)>,
}

/// A copy starts without the lookup; its first use builds it.
impl Clone for EventLookup {
    fn clone(&self) -> Self {
        EventLookup::default()
    }
}

impl EventLookup {
    fn find<T>(
        &self,
        events: &[std::sync::Arc<Event>],
        get: impl FnOnce(&EventIndexes) -> Option<T>,
    ) -> Option<T> {
        let written = |e: Option<&std::sync::Arc<Event>>| e.map_or(0, |e| e.metadata.written_at());
        let shape = (
            events.len(),
            written(events.first()),
            written(events.last()),
        );
        let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let built = match &mut *guard {
            Some(built) if built.shape == shape => built,
            slot => slot.insert(EventIndexes::new(shape, events)),
        };
        get(built)
    }
}

impl EventIndexes {
    fn new(shape: (usize, u64, u64), events: &[std::sync::Arc<Event>]) -> EventIndexes {
        let mut by_key: Vec<(Key, usize)> = Vec::with_capacity(events.len());
        let mut about: Vec<(Key, usize)> = Vec::with_capacity(events.len());
        for (i, e) in events.iter().enumerate() {
            by_key.push((Key::of(&e.metadata), i));
            let io = &e.involved_object;
            about.push((Key::new(&io.namespace, &io.name), i));
        }
        // Stable: entries with one key stay in list order.
        crate::sort::sort_by(&mut by_key, |a, b| a.0.cmp(&b.0));
        crate::sort::sort_by(&mut about, |a, b| a.0.cmp(&b.0));
        EventIndexes {
            shape,
            by_key,
            about,
        }
    }
}

/// Pods removed from the store, each with the write counter at its removal and the node
/// it was on (its target node), oldest first (see [`ChangeLog`]).
pub type RemovalLog = ChangeLog<(Key, Option<String>)>;

/// Changes to the store's pods, each with the write counter it happened at, oldest first,
/// so that a reader can find what changed since it last looked without walking every pod.
/// Old entries are dropped; a reader that last looked before the oldest kept one must read
/// everything again (`complete_since`). Copies of the cluster start with an empty log.
pub struct ChangeLog<T> {
    entries: std::collections::VecDeque<(u64, T)>,
    /// The write counter of the newest dropped entry.
    dropped_upto: Option<u64>,
    /// Changes noted so far.
    total: u64,
}

impl<T> Default for ChangeLog<T> {
    fn default() -> Self {
        ChangeLog {
            entries: Default::default(),
            dropped_upto: None,
            total: 0,
        }
    }
}

/// A copy (the timeline's snapshots) keeps the count but not the entries: its readers
/// (whose own kept state is not copied either) read everything again.
impl<T> Clone for ChangeLog<T> {
    fn clone(&self) -> Self {
        ChangeLog {
            entries: Default::default(),
            dropped_upto: self.entries.back().map(|(at, _)| *at).or(self.dropped_upto),
            total: self.total,
        }
    }
}

/// Bookkeeping for readers, not part of the cluster's state (see `SyncCache`).
impl<T> std::fmt::Debug for ChangeLog<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChangeLog")
    }
}

impl<T> ChangeLog<T> {
    const KEEP: usize = 16_384;

    /// How many changes were noted, ever.
    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn note(&mut self, at: u64, change: T) {
        self.total += 1;
        if self.entries.len() >= Self::KEEP {
            if let Some((at, _)) = self.entries.pop_front() {
                self.dropped_upto = Some(at);
            }
        }
        self.entries.push_back((at, change));
    }

    /// Whether every change at or after write counter `since` is still kept.
    pub fn complete_since(&self, since: u64) -> bool {
        self.dropped_upto.is_none_or(|d| d < since)
    }

    /// The changes at or after write counter `since`.
    pub fn since(&self, since: u64) -> impl ExactSizeIterator<Item = &T> + '_ {
        let start = self.entries.partition_point(|(at, _)| *at < since);
        self.entries.range(start..).map(|(_, e)| e)
    }
}

impl Store {
    pub fn pods_in<'a>(&'a self, namespace: &'a str) -> impl Iterator<Item = &'a Pod> + 'a {
        in_namespace(&self.pods, namespace)
    }

    /// The pods written (created or updated) after write counter `seen`, in key order:
    /// from the log of writes while it reaches back that far, else by resourceVersion.
    pub fn pods_written_since(&self, seen: u64) -> Vec<(&Key, &Pod)> {
        // Many writes (an Apply that created a DaemonSet's pods): one walk of the pods in
        // key order costs less than sorting the written keys and looking each one up.
        let many = self.pod_writes.since(seen + 1).len() >= self.pods.len() / 8;
        if many || !self.pod_writes.complete_since(seen + 1) {
            return self
                .pods
                .iter()
                .filter(|(_, p)| p.metadata.written_at() > seen)
                .map(|(k, p)| (k, &**p))
                .collect();
        }
        let mut keys: Vec<&Key> = self.pod_writes.since(seen + 1).collect();
        crate::sort::sort(&mut keys);
        keys.dedup();
        keys.into_iter()
            .filter_map(|k| self.pods.get_key_value(k))
            .map(|(k, p)| (k, &**p))
            .collect()
    }

    /// The ControllerRevisions whose controllerRef is `ds`.
    pub fn revisions_controlled_by<'a>(
        &'a self,
        ds: &'a DaemonSet,
    ) -> impl Iterator<Item = &'a ControllerRevision> + 'a {
        self.revisions_in(&ds.metadata.namespace).filter(|r| {
            r.metadata
                .controller_ref()
                .is_some_and(|o| o.uid == ds.metadata.uid)
        })
    }

    /// The pods that name `uid` among their owners, in key order.
    pub fn pods_owned_by(&self, uid: &str) -> Vec<Key> {
        self.pods
            .iter()
            .filter(|(_, p)| p.metadata.owner_references.iter().any(|o| o.uid == uid))
            .map(|(k, _)| k.clone())
            .collect()
    }

    pub fn revisions_in<'a>(
        &'a self,
        namespace: &'a str,
    ) -> impl Iterator<Item = &'a ControllerRevision> + 'a {
        in_namespace(&self.revisions, namespace)
    }

    pub fn daemonsets_in<'a>(
        &'a self,
        namespace: &'a str,
    ) -> impl Iterator<Item = &'a DaemonSet> + 'a {
        in_namespace(&self.daemonsets, namespace)
    }
}

/// The objects of `namespace` in a map by key (keys sort by namespace first).
fn in_namespace<'a, T>(
    map: &'a BTreeMap<Key, Shared<T>>,
    namespace: &'a str,
) -> impl Iterator<Item = &'a T> + 'a {
    map.range(Key::new(namespace, "")..)
        .take_while(move |(k, _)| &*k.namespace == namespace)
        .map(|(_, o)| &**o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_order_as_namespace_then_name() {
        // Lengths around the 15 bytes a head holds, shared prefixes, and NUL bytes (which
        // pad the heads).
        let mut words = vec![String::new()];
        for len in 1..=18 {
            for fill in ["a", "b", "\0"] {
                let base = "default-x"
                    .chars()
                    .cycle()
                    .take(len - 1)
                    .collect::<String>();
                words.push(format!("{base}{fill}"));
                words.push(format!("{fill}{base}"));
            }
        }
        let keys: Vec<Key> = words
            .iter()
            .flat_map(|ns| words.iter().map(move |n| Key::new(ns, n)))
            .step_by(11)
            .collect();
        for a in &keys {
            for b in &keys {
                let want = (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name));
                assert_eq!(a.cmp(b), want, "{a:?} {b:?}");
                assert_eq!(a == b, want.is_eq(), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn heads_find_each_string_of_a_sorted_list_and_no_other() {
        // Lengths around the 15 bytes a head holds, shared prefixes and NUL bytes, as above.
        let mut words = vec![String::new()];
        for len in 1..=18 {
            for fill in ["a", "b", "\0"] {
                let base: String = "node-17".chars().cycle().take(len - 1).collect();
                words.push(format!("{base}{fill}"));
                words.push(format!("{fill}{base}"));
            }
        }
        words.sort();
        words.dedup();
        // Every other word is in the list; the rest must not be found.
        let listed: Vec<&str> = words.iter().step_by(2).map(String::as_str).collect();
        let heads = Heads::of(&listed);
        for w in &words {
            let want = listed.binary_search(&w.as_str()).ok();
            assert_eq!(heads.position(w), want, "{w:?}");
        }
    }

    #[test]
    fn removal_log_keeps_the_newest_and_says_when_a_reader_must_read_everything() {
        let mut log = RemovalLog::default();
        assert!(log.complete_since(0));
        for i in 0..RemovalLog::KEEP as u64 + 10 {
            log.note(i, (Key::new("ns", &format!("p{i}")), None));
        }
        // The ten oldest were dropped: a reader that last looked at 9 or before missed some.
        assert!(!log.complete_since(9));
        assert!(log.complete_since(10));
        let since: Vec<&str> = log
            .since(RemovalLog::KEEP as u64 + 8)
            .map(|(k, _)| &*k.name)
            .collect();
        let last = RemovalLog::KEEP + 9;
        assert_eq!(since, [format!("p{}", last - 1), format!("p{last}")]);
    }

    #[test]
    fn a_copy_of_a_change_log_sends_its_readers_back_to_reading_everything() {
        let mut log = ChangeLog::default();
        log.note(5, Key::new("ns", "a"));
        let copy = log.clone();
        assert_eq!(copy.total(), 1);
        assert!(!copy.complete_since(5));
        assert!(copy.complete_since(6));
        assert_eq!(copy.since(0).count(), 0);
    }
}
