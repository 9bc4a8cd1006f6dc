//! (being written)
use crate::cluster::{Cluster, Key};
use super::resource::Resource;
pub fn describe(_c: &Cluster, _res: Resource, _key: &Key) -> String { String::new() }
pub fn pod_template(t: &crate::api::PodTemplateSpec) -> String { format!("{t:?}") }
