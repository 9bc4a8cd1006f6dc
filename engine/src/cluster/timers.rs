//! Timers: what the simulated clock fires.

use super::{Cluster, Key};
use crate::api::Time;
use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    /// The DaemonSet controller's requeue (`AddAfter`).
    SyncDaemonSet(Key),
    /// The kubelet's next step for a pod (container started, probe, grace period over).
    Kubelet(Key),
    /// The kubelet's prober: a probe of one of the pod's containers is due.
    Probe(Key),
    /// PodGC's periodic pass.
    PodGc,
    /// The node lifecycle controller's check of a silent kubelet.
    NodeMonitor(String),
    /// A pod's tolerationSeconds for a NoExecute taint are up.
    TaintEviction(Key),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub at: Time,
    pub seq: u64,
    pub timer: Timer,
}

// Earliest first, then in the order scheduled: BinaryHeap is a max-heap, so reverse.
impl Ord for Entry {
    fn cmp(&self, o: &Self) -> Ordering {
        o.at.cmp(&self.at).then(o.seq.cmp(&self.seq))
    }
}
impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

pub(super) fn fire(c: &mut Cluster, t: Timer) {
    match t {
        Timer::SyncDaemonSet(k) => {
            c.dirty.insert(k);
        }
        Timer::Kubelet(k) => crate::controller::kubelet::on_timer(c, &k),
        Timer::Probe(k) => crate::controller::kubelet::on_probe_timer(c, &k),
        Timer::PodGc => crate::controller::pod_gc::run(c),
        Timer::NodeMonitor(n) => crate::controller::node_lifecycle::on_timer(c, &n),
        Timer::TaintEviction(k) => {
            c.eviction_scheduled.retain(|(_, x)| *x != k);
            crate::controller::taint_eviction::on_timer(c, &k)
        }
    }
}
