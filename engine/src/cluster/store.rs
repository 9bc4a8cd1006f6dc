//! The objects of a simulated cluster, keyed as the API server keys them.

use crate::api::*;
use crate::yaml::Pos;
use std::collections::{BTreeMap, HashMap};

/// `namespace/name`; the namespace is empty for cluster-scoped objects.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub namespace: String,
    pub name: String,
}

impl Key {
    pub fn new(namespace: &str, name: &str) -> Key {
        Key {
            namespace: namespace.to_string(),
            name: name.to_string(),
        }
    }
    pub fn of(meta: &ObjectMeta) -> Key {
        Key::new(&meta.namespace, &meta.name)
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

/// Each object is boxed: maps whose values are all a pointer share one layout per key
/// type, and the optimiser keeps one copy of the B-tree code for them (payload).
#[derive(Clone, Debug, Default)]
pub struct Store {
    pub namespaces: BTreeMap<String, Box<Namespace>>,
    pub nodes: BTreeMap<String, Box<Node>>,
    pub pods: BTreeMap<Key, Box<Pod>>,
    pub daemonsets: BTreeMap<Key, Box<DaemonSet>>,
    pub revisions: BTreeMap<Key, Box<ControllerRevision>>,
    pub priority_classes: BTreeMap<String, Box<PriorityClass>>,
    /// Kinds the simulator stores but does not act on, keyed by (kind, key).
    pub others: BTreeMap<(String, Key), Opaque>,
    /// Shared with the timeline's copies of the cluster: a copy costs a pointer per event.
    pub events: Vec<std::sync::Arc<Event>>,
    /// Manifest positions of each DaemonSet, from its last apply.
    pub sources: HashMap<Key, SourceMap>,
    /// The pods removed lately, for controllers that keep what they read.
    pub pod_removals: RemovalLog,
}

/// Pods removed from the store, each with the write counter at its removal and the node
/// it was on (its target node), oldest first. Old entries are dropped; a reader that last
/// looked before the oldest kept one must read everything again (`complete_since`).
#[derive(Clone, Default)]
pub struct RemovalLog {
    entries: std::collections::VecDeque<(u64, (Key, Option<String>))>,
    /// The write counter of the newest dropped entry.
    dropped_upto: Option<u64>,
    /// Removals noted so far.
    total: u64,
}

/// Bookkeeping for readers, not part of the cluster's state (see `SyncCache`).
impl std::fmt::Debug for RemovalLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RemovalLog")
    }
}

impl RemovalLog {
    const KEEP: usize = 8_192;

    /// How many removals were noted, ever.
    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn note(&mut self, at: u64, key: Key, node: Option<String>) {
        self.total += 1;
        if self.entries.len() >= Self::KEEP {
            if let Some((at, _)) = self.entries.pop_front() {
                self.dropped_upto = Some(at);
            }
        }
        self.entries.push_back((at, (key, node)));
    }

    /// Whether every removal at or after write counter `since` is still kept.
    pub fn complete_since(&self, since: u64) -> bool {
        self.dropped_upto.is_none_or(|d| d < since)
    }

    /// The pods removed at or after write counter `since`.
    pub fn since(&self, since: u64) -> impl Iterator<Item = &(Key, Option<String>)> + '_ {
        let start = self.entries.partition_point(|(at, _)| *at < since);
        self.entries.range(start..).map(|(_, e)| e)
    }
}

impl Store {
    pub fn pods_in<'a>(&'a self, namespace: &'a str) -> impl Iterator<Item = &'a Pod> + 'a {
        self.pods
            .range(Key::new(namespace, "")..)
            .take_while(move |(k, _)| k.namespace == namespace)
            .map(|(_, p)| &**p)
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
        self.revisions
            .range(Key::new(namespace, "")..)
            .take_while(move |(k, _)| k.namespace == namespace)
            .map(|(_, p)| &**p)
    }
    pub fn daemonsets_in<'a>(
        &'a self,
        namespace: &'a str,
    ) -> impl Iterator<Item = &'a DaemonSet> + 'a {
        self.daemonsets
            .range(Key::new(namespace, "")..)
            .take_while(move |(k, _)| k.namespace == namespace)
            .map(|(_, p)| &**p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removal_log_keeps_the_newest_and_says_when_a_reader_must_read_everything() {
        let mut log = RemovalLog::default();
        assert!(log.complete_since(0));
        for i in 0..RemovalLog::KEEP as u64 + 10 {
            log.note(i, Key::new("ns", &format!("p{i}")), None);
        }
        // The ten oldest were dropped: a reader that last looked at 9 or before missed some.
        assert!(!log.complete_since(9));
        assert!(log.complete_since(10));
        let since: Vec<&str> = log
            .since(RemovalLog::KEEP as u64 + 8)
            .map(|(k, _)| k.name.as_str())
            .collect();
        let last = RemovalLog::KEEP + 9;
        assert_eq!(since, [format!("p{}", last - 1), format!("p{last}")]);
    }
}
