//! What each step changed on the grid, found from the writes the step made rather than
//! by comparing every pod before and after it: the pods with a resourceVersion newer
//! than the step's start, and the pods removed since (the store's removal log).
//! Debug builds compare the result with the whole-cluster comparison.

use super::Report;
use crate::cluster::{Cluster, Key};
use crate::hash::Fnv64;
use std::collections::BTreeMap;

/// A pod as the grid sees it, as a fingerprint of its phase, waiting reason, revision
/// hash, readiness, deletion and node: a change of any of them is a change worth showing.
/// (A fingerprint rather than the parts: a step that creates 5,000 pods looks at each.)
pub(super) type Look = u64;

fn look(p: &crate::api::Pod) -> Look {
    let hash = p
        .metadata
        .labels
        .get(crate::api::REVISION_HASH_LABEL)
        .map(String::as_str)
        .unwrap_or_default();
    let waiting = p
        .status
        .container_statuses
        .iter()
        .filter_map(|s| s.state.get("waiting")?.get("reason")?.as_str())
        .next()
        .unwrap_or("");
    let flags = p.is_ready() as u64 | (p.metadata.deletion_timestamp.is_some() as u64) << 1;
    Fnv64::default()
        .field(&p.status.phase)
        .field(waiting)
        .field(hash)
        .u64(flags)
        .field(&p.spec.node_name)
        .0
}

/// Every pod's look, keyed as the store keys pods.
pub(super) fn all(c: &Cluster) -> BTreeMap<Key, Look> {
    let mut all = BTreeMap::new();
    all.extend(c.store.pods.iter().map(|(k, p)| (k.clone(), look(p))));
    all
}

/// The report of what changed between two whole-cluster looks (both in key order: walked
/// side by side).
pub(super) fn compare(before: &BTreeMap<Key, Look>, after: &BTreeMap<Key, Look>, r: &mut Report) {
    let (mut b, mut a) = (before.iter().peekable(), after.iter().peekable());
    loop {
        let order = match (b.peek(), a.peek()) {
            (Some((kb, _)), Some((ka, _))) => kb.cmp(ka),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => break,
        };
        match order {
            std::cmp::Ordering::Less => r.deleted.push(b.next().expect("peeked").0.clone()),
            std::cmp::Ordering::Greater => r.created.push(a.next().expect("peeked").0.clone()),
            std::cmp::Ordering::Equal => {
                let ((k, x), (_, y)) = (b.next().expect("peeked"), a.next().expect("peeked"));
                if x != y {
                    r.changed.push(k.clone());
                }
            }
        }
    }
}

/// The looks of the last state seen, with the write counter then.
#[derive(Clone, Debug, Default)]
pub(super) struct Looks {
    looks: BTreeMap<Key, Look>,
    seen: u64,
    valid: bool,
}

impl Looks {
    /// Forgets everything (the cluster was replaced, e.g. by a snapshot).
    pub fn invalidate(&mut self) {
        self.valid = false;
    }

    /// Makes sure the looks are those of `c` before an action.
    pub fn start(&mut self, c: &Cluster) {
        if !self.valid || self.seen > c.write_counter() {
            self.looks = all(c);
            self.valid = true;
        }
        self.seen = c.write_counter();
    }

    /// The pods written since `start` with their looks, and the pods removed since (both
    /// in key order); None when that cannot be told from the writes (the removal log
    /// dropped entries, or something wrote pods without a new resourceVersion: the
    /// counts would not add up), so that every pod must be compared.
    #[allow(clippy::type_complexity)]
    fn written_since<'c>(&self, c: &'c Cluster) -> Option<(Vec<(&'c Key, Look)>, Vec<Key>)> {
        if !c.store.pod_removals.complete_since(self.seen) {
            return None;
        }
        let written: Vec<(&Key, Look)> = c
            .store
            .pods_written_since(self.seen)
            .into_iter()
            .map(|(k, p)| (k, look(p)))
            .collect();
        let mut removed: Vec<Key> = c
            .store
            .pod_removals
            .since(self.seen)
            .map(|(k, _)| k)
            .filter(|k| self.looks.contains_key(*k) && !c.store.pods.contains_key(*k))
            .cloned()
            .collect();
        crate::sort::sort(&mut removed);
        removed.dedup();
        let added = written
            .iter()
            .filter(|(k, _)| !self.looks.contains_key(*k))
            .count();
        (self.looks.len() + added - removed.len() == c.store.pods.len())
            .then_some((written, removed))
    }

    /// Fills `r` with what changed in `c` since `start`, and keeps the new looks.
    pub fn finish(&mut self, c: &Cluster, r: &mut Report) {
        #[cfg(debug_assertions)]
        let before = self.looks.clone();
        match self.written_since(c) {
            Some((written, removed)) => {
                for (k, new) in written {
                    match self.looks.entry(k.clone()) {
                        std::collections::btree_map::Entry::Vacant(e) => {
                            r.created.push(k.clone());
                            e.insert(new);
                        }
                        std::collections::btree_map::Entry::Occupied(mut e) => {
                            if *e.get() != new {
                                r.changed.push(k.clone());
                                e.insert(new);
                            }
                        }
                    }
                }
                for k in removed {
                    self.looks.remove(&k);
                    r.deleted.push(k);
                }
            }
            None => {
                let after = all(c);
                compare(&self.looks, &after, r);
                self.looks = after;
            }
        }
        self.seen = c.write_counter();
        #[cfg(debug_assertions)]
        {
            let mut want = Report::default();
            compare(&before, &all(c), &mut want);
            assert_eq!(
                (&r.created, &r.deleted, &r.changed),
                (&want.created, &want.deleted, &want.changed),
                "the step's report differs from comparing every pod"
            );
        }
    }
}
