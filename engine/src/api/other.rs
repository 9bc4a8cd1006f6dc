//! The smaller kinds: Namespace, ControllerRevision, PriorityClass, Event, and any other kind
//! kept as it was written (ConfigMaps, ServiceAccounts, ... in real manifests).

use super::decode::from_json;
use super::meta::{ObjectMeta, Rest};
use super::time::Time;
use serde::Serialize;
use serde_json::Value as Json;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Namespace {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<Json>,
    #[serde(default)]
    pub status: NamespaceStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NamespaceStatus {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phase: String,
    #[serde(flatten)]
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ControllerRevision {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub data: Json,
    #[serde(default)]
    pub revision: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PriorityClass {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub value: i32,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub global_default: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preemption_policy: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectReference {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field_path: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    pub involved_object: ObjectReference,
    pub reason: String,
    pub message: String,
    #[serde(rename = "type")]
    pub type_: String,
    pub count: i32,
    pub first_timestamp: Time,
    pub last_timestamp: Time,
    pub source: EventSource,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventSource {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub component: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub host: String,
}

/// Any other kind, kept as written: it is stored and listed but nothing acts on it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Opaque {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(flatten)]
    pub rest: Rest,
}

from_json!(Namespace {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def spec: "spec",
    def status: "status",
});

from_json!(NamespaceStatus {
    def phase: "phase",
} rest);

from_json!(ControllerRevision {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def data: "data",
    def revision: "revision",
});

from_json!(PriorityClass {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def value: "value",
    def global_default: "globalDefault",
    def description: "description",
    def preemption_policy: "preemptionPolicy",
});

from_json!(Opaque {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
} rest);

from_json!(ObjectReference {
    def api_version: "apiVersion",
    def kind: "kind",
    def name: "name",
    def namespace: "namespace",
    def uid: "uid",
    def field_path: "fieldPath",
});

from_json!(Event {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    req involved_object: "involvedObject",
    req reason: "reason",
    req message: "message",
    req type_: "type",
    req count: "count",
    req first_timestamp: "firstTimestamp",
    req last_timestamp: "lastTimestamp",
    req source: "source",
});

from_json!(EventSource {
    def component: "component",
    def host: "host",
});
