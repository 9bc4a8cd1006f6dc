//! The Kubernetes object model: our own types for the fields the engine reads, with every
//! other valid field carried through unchanged (`rest`) so that `-o yaml` shows the object
//! as the user wrote it. Strict field checking happens before decoding (see `schema`).
pub mod daemonset;
pub mod decode;
pub mod encode;
pub mod intstr;
pub mod meta;
pub mod node;
pub mod other;
pub mod pod;
pub mod quantity;
pub mod time;

pub use daemonset::*;
pub use decode::FromJson;
pub use intstr::IntOrString;
pub use meta::{LabelSelector, LabelSelectorRequirement, Labels, ObjectMeta, OwnerReference};
pub use node::{Node, NodeCondition, NodeSpec, NodeStatus, Taint};
pub use other::*;
pub use pod::*;
pub use time::Time;
