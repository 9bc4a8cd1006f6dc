//! Conformance scenarios of daemonset-semantics.md §17, as native table-driven tests.
//! Each test is named after its scenario ID; `harness` builds the upstream fixtures and
//! runs one `syncDaemonSet` at a time.
//!
//! Not here, because the engine cannot express them: S37 (the informer cache and the API
//! server disagree; the engine has one store), S46/S47 as written (an API that accepts
//! only some creates; expectations; a derived create-failure check is in `e_status`),
//! S48/S49 (failing status writes) and S50 (admission that admits only two pods). Of
//! §17 F, S52 and S53 are tested only in part (see `f_events`).

#[path = "conformance/harness.rs"]
mod harness;

#[path = "conformance/a_launch.rs"]
mod a_launch;
#[path = "conformance/b_predicates.rs"]
mod b_predicates;
#[path = "conformance/c_existing.rs"]
mod c_existing;
#[path = "conformance/d_failed.rs"]
mod d_failed;
#[path = "conformance/e_status.rs"]
mod e_status;
#[path = "conformance/f_events.rs"]
mod f_events;
#[path = "conformance/f_node_events.rs"]
mod f_node_events;
#[path = "conformance/g_surge.rs"]
mod g_surge;
#[path = "conformance/h_rolling.rs"]
mod h_rolling;
#[path = "conformance/i_counts.rs"]
mod i_counts;
#[path = "conformance/k_utils.rs"]
mod k_utils;
#[path = "conformance/l_validation.rs"]
mod l_validation;
