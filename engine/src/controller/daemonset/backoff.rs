//! `flowcontrol.Backoff` for failed daemon pods: 1 s doubling to 15 min, forgotten
//! after 30 min without an update.

use crate::api::Time;
use std::collections::HashMap;

const INITIAL_MS: i64 = 1_000;
const MAX_MS: i64 = 15 * 60 * 1_000;

#[derive(Clone, Debug, Default)]
pub struct Backoff {
    entries: HashMap<String, (i64 /* delay */, Time /* last update */)>,
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
}
