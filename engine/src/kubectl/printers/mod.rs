//! (being written)
use crate::cluster::{Cluster, Key};
use super::resource::Resource;
pub enum OutputFormat { Table, Wide, Yaml, Json, Name }
pub struct PrintOptions { pub output: OutputFormat, pub show_labels: bool, pub all_namespaces: bool, pub no_headers: bool, pub label_columns: Vec<String> }
pub fn print_get(_c: &Cluster, _res: Resource, _items: &[Key], _opts: &PrintOptions, _single: bool) -> String { String::new() }
pub fn to_yaml(v: &serde_json::Value) -> String { v.to_string() }
pub fn to_json_pretty(v: &serde_json::Value) -> String { serde_json::to_string_pretty(v).unwrap_or_default() }
