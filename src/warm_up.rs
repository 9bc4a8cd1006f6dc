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
//!   the work of a few hundred pods. A rehearsal on a throwaway playground does that
//!   work first: on a pool of 300 nodes it applies the default manifest ten times
//!   (deleting it in between), then starts a rollout and lets it run for a minute.
//!   - Why ten Applies: the browser optimises a function once it has done a set amount
//!     of work, and a function called once per pod does little at a time. A single
//!     Apply on 300 (or 600) nodes left a dozen of them, and the B-trees' searches, to be
//!     optimised during the first real Apply, where the plain code ran for most of it.
//!     With ten, the first Apply on 1,000 nodes took nearly as long as with every
//!     function optimised from the start (the app's `update` measure about 25 ms, against
//!     22–23 ms, rather than 28–33 ms; see docs/performance.md).
//!   - Why a piece per task: the rehearsal then takes about 350 ms, and it runs in pieces
//!     of at most about 40 ms, each in a task of its own after the nodes are drawn, so
//!     the page stays responsive. Each piece is a `warm-up` measure, and the mark
//!     `rehearsed` follows the last. An Apply made before the end is only less warmed.
//!
//! Below 400 nodes (the cards' and tiles' boards) an Apply is quick without a rehearsal,
//! and none is made.

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
/// How often the rehearsal applies its manifest.
const ROUNDS: usize = 10;

thread_local! {
    /// The node count room was last made for (it only grows: see [`needed`]).
    static ROOM_FOR: Cell<usize> = const { Cell::new(0) };
}

/// Whether a cluster of `nodes` nodes needs [`for_nodes`]: not if it was done for as many
/// already.
pub fn needed(nodes: usize) -> bool {
    nodes > ROOM_FOR.with(Cell::get)
}

/// Gets ready for a cluster of `nodes` nodes.
pub fn for_nodes(nodes: usize) {
    let before = ROOM_FOR.with(|m| m.replace(nodes));
    // Once, when the cluster first reaches the size.
    if before < REHEARSE_FROM && nodes >= REHEARSE_FROM {
        rehearse_later(Model::new(None), 0);
    }
    let bytes = (nodes * BYTES_PER_NODE).min(MAX_BYTES);
    let mut room: Vec<u8> = Vec::with_capacity(bytes);
    room.resize(bytes, 1);
    // Written, so committed: the writes must not be optimised away as dead.
    std::hint::black_box(&room);
}

/// Runs the rehearsal's pieces one task at a time, each timed as a `warm-up` measure,
/// then marks `rehearsed`.
fn rehearse_later(mut m: Model, piece: usize) {
    gloo::timers::callback::Timeout::new(0, move || {
        if crate::app::user_timing("warm-up", || rehearse_piece(&mut m, piece)) {
            rehearse_later(m, piece + 1);
        } else {
            crate::app::timing("rehearsed", None);
        }
    })
    .forget();
}

/// Does the rehearsal's `piece`th piece of work on `m`; false when there are no more.
fn rehearse_piece(m: &mut Model, piece: usize) -> bool {
    let console = |m: &mut Model, line: &str| {
        m.update(Msg::ConsoleInput(line.into()));
        m.update(Msg::ConsoleRun);
    };
    match piece {
        0 => {
            m.update(Msg::AddPool {
                prefix: "r".into(),
                count: REHEARSAL_NODES,
                labels: String::new(),
                taint: String::new(),
            });
        }
        // The default manifest applied, deleted and applied again.
        p if p < 2 * ROUNDS => {
            if p % 2 == 1 {
                m.update(Msg::Apply);
            } else {
                console(m, "kubectl delete ds fluentd -n kube-system");
            }
        }
        // A rollout, under way for a minute.
        _ => {
            for line in [
                "sleep 1m",
                "kubectl set image ds/fluentd -n kube-system fluentd=f:2",
                "sleep 1m",
            ] {
                console(m, line);
            }
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rehearsal_applies_the_default_manifest_and_starts_a_rollout() {
        let mut m = crate::model::Model::new(None);
        let mut pieces = 0;
        while super::rehearse_piece(&mut m, pieces) {
            pieces += 1;
        }
        assert_eq!(pieces, 2 * super::ROUNDS);
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
