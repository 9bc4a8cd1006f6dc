//! What the browser draws, computed from a cluster: node cards with their daemon pods,
//! the DaemonSets' `kubectl get ds` columns and rollout status line, and for a selected
//! node or pod the explanation the inspector shows. Pure data, no DOM; the app renders it.

mod board;
mod diff;
mod inspect;
mod pod_state;

pub use board::{
    board, board_since, Board, DaemonSetRow, NodeCard, NodeInfo, PodCell, RevisionRow,
};
pub use diff::{diff_lines, revision_template, DiffLine};
pub use inspect::{inspect_node, inspect_pod, NodeDetail, PlacementLine, PodDetail};
pub use pod_state::{pod_state, PodState};

#[cfg(test)]
mod tests;
