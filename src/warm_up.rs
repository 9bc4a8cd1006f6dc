//! Getting the page ready when the cluster grows (an import, a pool, a restored state), so
//! that the first Apply of a DaemonSet on it does not also pay for what any first time
//! costs. That cost hides in the larger piece of work that grew the cluster.
//!
//! - **Heap room.** A DaemonSet's first Apply on a large cluster allocates about as much
//!   as everything before it: every pod, its events, its report and its card. Memory the
//!   heap has never used costs the most: the WebAssembly memory grows, and the browser
//!   commits each new page when it is first written. The room is freed at once; the
//!   allocator keeps it for what comes next.
//! - **Compiled code.** The browser compiles each WebAssembly function when it is first
//!   called, quickly and plainly, and again with optimisations (on another thread) once
//!   it has run for a while; a call already under way goes on in the plain code. An Apply
//!   that is the page's first to create pods called some 350 functions for the first
//!   time, and ran the hot ones (the kubelet's status writes, events, the scheduler's
//!   filters, the B-trees' searches) unoptimised: each is optimised only once it has done
//!   the work of a few hundred pods. A rehearsal on a throwaway playground (the default
//!   manifest on a pool of 300 nodes, and a rollout's first steps) does that work first.
//!   With a pool of 100 nodes, some 20 hot functions were still optimised during the Apply;
//!   600 nodes gained nothing over 300.
//!
//! On a cluster of 1,000 nodes, a pool of 300 nodes rather than 100 took the first Apply
//! of a DaemonSet from about 45 to 39 ms (median to the painted grid), for about 120 ms
//! rather than 70 ms, once, when the nodes come (see the README's benchmarks). Below 400
//! nodes (the cards' and tiles' boards) an Apply is quick without a rehearsal, and none
//! is made.

use std::cell::Cell;

use crate::model::{Model, Msg};

/// About what the first Apply of a DaemonSet allocates per node (12.5 KB at 1,000
/// nodes), and a little more.
const BYTES_PER_NODE: usize = 14 << 10;
/// The most made at a time (about 5,000 nodes).
const MAX_BYTES: usize = 70 << 20;
/// Smaller clusters are quick enough without a rehearsal (see the module's notes).
const REHEARSE_FROM: usize = 400;
/// The rehearsal's pool.
const REHEARSAL_NODES: usize = 300;
/// The rehearsal's rollout goes this many events far.
const MAX_STEPS: usize = 30;

thread_local! {
    /// The node count room was last made for.
    static ROOM_FOR: Cell<usize> = const { Cell::new(0) };
    static REHEARSED: Cell<bool> = const { Cell::new(false) };
}

/// Whether a cluster of `nodes` nodes needs [`for_nodes`]: not if it was done for as many
/// already.
pub fn needed(nodes: usize) -> bool {
    nodes > ROOM_FOR.with(Cell::get)
}

/// Gets ready for a cluster of `nodes` nodes.
pub fn for_nodes(nodes: usize) {
    ROOM_FOR.with(|m| m.set(nodes));
    if nodes >= REHEARSE_FROM && !REHEARSED.with(|r| r.replace(true)) {
        drop(rehearse());
    }
    let bytes = (nodes * BYTES_PER_NODE).min(MAX_BYTES);
    let mut room: Vec<u8> = Vec::with_capacity(bytes);
    room.resize(bytes, 1);
    // Written, so committed: the writes must not be optimised away as dead.
    std::hint::black_box(&room);
}

fn rehearse() -> Model {
    let mut m = Model::new(None);
    m.update(Msg::AddPool {
        prefix: "r".into(),
        count: REHEARSAL_NODES,
        labels: String::new(),
        taint: String::new(),
    });
    m.update(Msg::Apply);
    for line in [
        "sleep 1m",
        "kubectl set image ds/fluentd -n kube-system fluentd=f:2",
    ] {
        m.update(Msg::ConsoleInput(line.into()));
        m.update(Msg::ConsoleRun);
    }
    // The start of the rollout, one event at a time (as the player steps).
    for _ in 0..MAX_STEPS {
        if m.next_event_in().is_none() {
            break;
        }
        m.update(Msg::Step);
    }
    m
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rehearsal_applies_the_default_manifest_and_starts_a_rollout() {
        let m = super::rehearse();
        assert_eq!(m.board.nodes.len(), 3 + super::REHEARSAL_NODES);
        assert!(m.board.nodes.iter().all(|n| n.pods.len() == 1));
        assert_eq!(m.board.daemonsets[0].current_revision, Some(2));
        let new = m
            .board
            .nodes
            .iter()
            .filter(|n| n.pods[0].revision == Some(2));
        assert!(new.count() > 1);
    }
}
