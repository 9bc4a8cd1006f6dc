//! Room on the WebAssembly heap for the pods of the cluster's nodes, made when the
//! cluster grows rather than when a DaemonSet first fills it.
//!
//! A DaemonSet's first Apply on a large cluster allocates about as much as everything
//! before it: every pod, its events, its report and its card. Memory the heap has never
//! used costs the most: the WebAssembly memory grows, and the browser commits each new
//! page when it is first written. Making that room when nodes are added (an import, a
//! pool, a restored state), where the cost hides in a larger piece of work, took about
//! 7 ms off the first Apply of a DaemonSet on 1,000 nodes (see the README's benchmarks).
//! The room is freed at once; the allocator keeps it for what comes next.

use std::cell::Cell;

/// About what the first Apply of a DaemonSet allocates per node (12.5 KB at 1,000
/// nodes), and a little more.
const BYTES_PER_NODE: usize = 14 << 10;
/// The most made at a time (about 5,000 nodes).
const MAX_BYTES: usize = 70 << 20;

thread_local! {
    /// The node count room was last made for.
    static MADE_FOR: Cell<usize> = const { Cell::new(0) };
}

/// Makes room for `nodes` nodes' pods, unless it was made for as many or more already.
pub fn make_room(nodes: usize) {
    if nodes <= MADE_FOR.with(Cell::get) {
        return;
    }
    MADE_FOR.with(|m| m.set(nodes));
    let bytes = (nodes * BYTES_PER_NODE).min(MAX_BYTES);
    let mut room: Vec<u8> = Vec::with_capacity(bytes);
    room.resize(bytes, 1);
    // Written, so committed: the writes must not be optimised away as dead.
    std::hint::black_box(&room);
}
