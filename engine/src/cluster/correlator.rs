//! client-go's `EventCorrelator` (`tools/record/events_cache.go`), which every component
//! runs before it writes an event:
//!
//! - **Aggregation.** Events that differ only in their message (same source, object,
//!   type and reason) are similar. From the 10th distinct message within 600 s of the
//!   last similar event, each new one is written as one event, "(combined from similar
//!   events): " and its message, whose count grows.
//! - **Counting.** An event equal to one already written raises that event's count
//!   (`Cluster::record_event`, through its look-up of written events).
//! - **Spam filter.** A source may write 25 events about one object at once, then one
//!   every 300 s (a token bucket). A skipped event is still counted: the next one written
//!   under the same key carries the count and the first time of the skipped ones.
//!
//! Simplifications, with no effect on what a DaemonSet shows: upstream's caches keep the
//! 4,096 most recent keys per process, these keep what still matters (see `sweep`); and
//! where upstream drops an arbitrary message from a full aggregation set, this drops the
//! newest.

use crate::api::{ObjectReference, Time};
use crate::hash::Fnv64;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const AGGREGATE_MAX_EVENTS: usize = 10;
const AGGREGATE_INTERVAL_MS: i64 = 600_000;
const SPAM_BURST: f64 = 25.0;
const SPAM_QPS: f64 = 1.0 / 300.0;
/// Entries are few until this many; then those that no longer matter are dropped.
const SWEEP_FROM: usize = 1 << 16;
const SKIPPED_KEPT_MS: i64 = 3_600_000;

/// The message prefix of an aggregated event.
pub const COMBINED: &str = "(combined from similar events): ";

/// What the correlator keeps, per key: a hash of the fields that make the key, one map for
/// its three uses (their keys hash different numbers of fields).
#[derive(Clone, Debug, Default)]
pub(crate) struct Correlator {
    entries: HashMap<u64, Entry, BuildHasherDefault<KeyHasher>>,
    /// How many entries hold skipped events (most events never look for one).
    holding: usize,
    /// The number of entries at which those that no longer matter are dropped.
    sweep_at: usize,
    /// Off: every event is written as recorded (upstream's tests use a `FakeRecorder`).
    pub off: bool,
}

/// The keys are hashes already.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// `Copy`, so that a copy of the cluster copies the map's table as one block.
#[derive(Clone, Copy, Debug, Default)]
struct Entry {
    /// Aggregation: when a similar event last came. Spam filter: when the bucket was
    /// last filled. Skipped events: when the first of them came.
    at: Time,
    /// The spam filter's tokens.
    tokens: f64,
    /// Skipped events not yet carried by a written one.
    skipped: u32,
    /// Aggregation: the distinct messages (hashes) seen, at most one fewer than make a
    /// combined event.
    messages: [u64; AGGREGATE_MAX_EVENTS - 1],
    seen: u8,
}

/// A hash of an event's source and object (but its fieldPath): where the correlator's
/// keys and the recorder's look-up key start.
pub(crate) fn object_hash(component: &str, o: &ObjectReference) -> Fnv64 {
    [
        component,
        &o.kind,
        &o.namespace,
        &o.name,
        &o.uid,
        &o.api_version,
    ]
    .iter()
    .fold(Fnv64::default(), |h, f| h.field(f))
}

/// Whether to write an event, and how.
pub(crate) struct Verdict {
    /// The event is one of many similar ones: write it as the combined event.
    pub combined: bool,
    /// The spam filter lets it through.
    pub write: bool,
    /// Skipped occurrences it carries, and when the first of them came.
    pub skipped: Option<(u32, Time)>,
}

impl Correlator {
    /// `EventCorrelate` for an event about to be recorded.
    /// `object` is [`object_hash`] of the event's source and object.
    pub fn correlate(
        &mut self,
        now: Time,
        object: Fnv64,
        type_: &str,
        o: &ObjectReference,
        reason: &str,
        message: &str,
    ) -> Verdict {
        if self.off {
            return Verdict {
                combined: false,
                write: true,
                skipped: None,
            };
        }
        // The keys: source and object (the spam filter's), and type and reason with them
        // (aggregation's); each a hash, the object's fields hashed once.
        let spam = object.field("").0;
        let aggregate = object.field(type_).field(reason);
        // `EventAggregate`.
        let similar = self.entries.entry(aggregate.0).or_default();
        if now.0 - similar.at.0 > AGGREGATE_INTERVAL_MS {
            similar.seen = 0;
        }
        similar.at = now;
        let m = Fnv64::default().field(message).0;
        let seen = &similar.messages[..usize::from(similar.seen)];
        let combined = !seen.contains(&m) && seen.len() == similar.messages.len();
        if !combined && !seen.contains(&m) {
            similar.messages[seen.len()] = m;
            similar.seen += 1;
        }
        // `eventObserve` counts it under this key, written or not.
        let shown = if combined { 0 } else { m };
        let log = aggregate.field(&o.field_path).0.rotate_left(17) ^ shown;
        // The spam filter (`EventSourceObjectSpamFilter`): a token bucket that starts full.
        let bucket = self.entries.entry(spam).or_insert_with(|| Entry {
            at: now,
            tokens: SPAM_BURST,
            ..Entry::default()
        });
        let elapsed = (now.0 - bucket.at.0).max(0) as f64 / 1000.0;
        bucket.tokens = (bucket.tokens + elapsed * SPAM_QPS).min(SPAM_BURST);
        bucket.at = now;
        let write = bucket.tokens >= 1.0;
        if write {
            bucket.tokens -= 1.0;
        }
        let skipped = if !write {
            let e = self.entries.entry(log).or_insert_with(|| Entry {
                at: now,
                ..Entry::default()
            });
            if e.skipped == 0 {
                self.holding += 1;
            }
            e.skipped += 1;
            None
        } else if self.holding > 0 {
            let e = self.entries.remove(&log);
            self.holding -= usize::from(e.is_some());
            e.map(|e| (e.skipped, e.at))
        } else {
            None
        };
        if self.entries.len() > self.sweep_at.max(SWEEP_FROM) {
            self.sweep(now);
        }
        Verdict {
            combined,
            write,
            skipped,
        }
    }

    /// Drops what no longer changes a decision: similar events older than the
    /// aggregation's interval, and token buckets full again. Skipped events are kept for
    /// an hour (upstream keeps them until 4,096 newer keys push them out).
    fn sweep(&mut self, now: Time) {
        let holding = &mut self.holding;
        self.entries.retain(|_, e| {
            let age = now.0 - e.at.0;
            if e.skipped > 0 {
                let keep = age <= SKIPPED_KEPT_MS;
                *holding -= usize::from(!keep);
                keep
            } else if e.seen > 0 {
                age <= AGGREGATE_INTERVAL_MS
            } else {
                e.tokens + age as f64 / 1000.0 * SPAM_QPS < SPAM_BURST
            }
        });
        self.sweep_at = 2 * self.entries.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(i: usize) -> ObjectReference {
        ObjectReference {
            kind: "Pod".into(),
            name: format!("p{i}"),
            ..Default::default()
        }
    }

    /// The kubelet's `Pulled` event for `o`.
    fn pulled(c: &mut Correlator, now: Time, o: &ObjectReference) -> Verdict {
        c.correlate(now, object_hash("kubelet", o), "Normal", o, "Pulled", "m")
    }

    /// Records of objects long quiet are dropped once there are many, without changing
    /// what the next events do.
    #[test]
    fn records_that_no_longer_matter_are_dropped() {
        let mut c = Correlator::default();
        let mut now = Time(1_000_000_000);
        let n = SWEEP_FROM / 2 + 10;
        for i in 0..n {
            pulled(&mut c, now, &pod(i));
        }
        // Two entries per pod (similar events, the bucket), all of this instant: a sweep
        // ran and dropped none.
        assert_eq!(c.entries.len(), 2 * n);
        assert!(c.sweep_at >= 2 * n);
        // An hour on, every record of then is stale: the next sweep drops them all.
        now = now.plus_secs(3_601);
        for i in 0..2 * SWEEP_FROM {
            pulled(&mut c, now, &pod(n + i));
        }
        assert_eq!(c.entries.len(), 2 * 2 * SWEEP_FROM, "only this hour's");
        assert!(c.entries.values().all(|e| e.at == now));
        // A pod that burst 25 events keeps its bucket through a sweep.
        let busy = pod(usize::MAX);
        for _ in 0..26 {
            pulled(&mut c, now, &busy);
        }
        c.sweep(now);
        assert!(
            !pulled(&mut c, now, &busy).write,
            "still throttled after a sweep"
        );
    }
}
