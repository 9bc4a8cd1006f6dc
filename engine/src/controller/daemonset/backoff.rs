//! `flowcontrol.Backoff` for failed daemon pods: 1 s doubling to 15 min, forgotten
//! after 30 min without an update. Also the workqueue's per-item rate limiter for syncs
//! that returned an error.

use crate::api::Time;
use std::collections::HashMap;

const INITIAL_MS: i64 = 1_000;
const MAX_MS: i64 = 15 * 60 * 1_000;

/// `workqueue.DefaultControllerRateLimiter`'s per-item part: 5 ms doubling to 1000 s (its
/// 10 qps bucket never binds for a single key).
const REQUEUE_BASE_MS: i64 = 5;
const REQUEUE_MAX_MS: i64 = 1_000_000;

#[derive(Clone, Debug, Default)]
pub struct Backoff {
    entries: HashMap<String, (i64 /* delay */, Time /* last update */)>,
    /// Failed syncs per DaemonSet key since its last successful one.
    requeues: HashMap<String, u32>,
}

impl Backoff {
    /// `IsInBackOffSinceUpdate`.
    pub fn in_backoff_since_update(&self, key: &str, now: Time) -> bool {
        match self.entries.get(key) {
            Some((delay, last)) if now.0 - last.0 < 2 * MAX_MS => now.0 - last.0 < *delay,
            _ => false,
        }
    }
    pub fn get(&self, key: &str) -> i64 {
        self.entries.get(key).map(|e| e.0).unwrap_or(0)
    }
    /// `Next`: start at 1 s or double, capped.
    pub fn next(&mut self, key: &str, now: Time) {
        let e = self.entries.entry(key.to_string()).or_insert((0, now));
        if e.0 == 0 || now.0 - e.1 .0 > 2 * MAX_MS {
            e.0 = INITIAL_MS;
        } else {
            e.0 = (e.0 * 2).min(MAX_MS);
        }
        e.1 = now;
    }

    /// `AddRateLimited`: the delay before a failed sync of `key` is retried.
    pub fn requeue_delay(&mut self, key: &str) -> i64 {
        let n = self.requeues.entry(key.to_string()).or_insert(0);
        let delay = REQUEUE_BASE_MS
            .saturating_mul(1i64 << (*n).min(40))
            .min(REQUEUE_MAX_MS);
        *n += 1;
        delay
    }
    /// `Forget`: a sync of `key` succeeded.
    pub fn forget_requeues(&mut self, key: &str) {
        self.requeues.remove(key);
    }
}
