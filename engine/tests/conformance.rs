//! Conformance scenarios of daemonset-semantics.md §17, as native table-driven tests.
//! Each test is named after its scenario ID; `harness` builds the upstream fixtures and
//! runs one `syncDaemonSet` at a time.

#[path = "conformance/harness.rs"]
mod harness;

#[path = "conformance/a_launch.rs"]
mod a_launch;
