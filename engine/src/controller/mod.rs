//! The controllers of the simulated control plane. Each `run` reconciles the store at
//! the current instant and reports whether it changed anything.
pub mod daemonset;
pub mod garbage_collector;
pub mod kubelet;
pub mod node_lifecycle;
pub mod pod_gc;
pub mod pods;
pub mod scheduler;
pub mod taint_eviction;
