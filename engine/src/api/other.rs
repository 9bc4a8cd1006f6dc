//! The smaller kinds: Namespace, ControllerRevision, PriorityClass, Event, and any other kind
//! kept as it was written (ConfigMaps, ServiceAccounts, ... in real manifests).

use super::encode::json_fields;
use super::meta::{ObjectMeta, Rest, Text};
use super::time::Time;
use serde_json::Value as Json;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Namespace {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: Option<Json>,
    pub status: NamespaceStatus,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NamespaceStatus {
    pub phase: String,
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ControllerRevision {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub data: Json,
    pub revision: i64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PriorityClass {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub value: i32,
    pub global_default: bool,
    pub description: String,
    pub preemption_policy: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectReference {
    pub api_version: Text,
    pub kind: Text,
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub field_path: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Event {
    pub api_version: Text,
    pub kind: Text,
    pub metadata: ObjectMeta,
    pub involved_object: ObjectReference,
    pub reason: Text,
    pub message: String,
    pub type_: Text,
    pub count: i32,
    pub first_timestamp: Time,
    pub last_timestamp: Time,
    pub source: EventSource,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventSource {
    pub component: Text,
    pub host: String,
}

/// Any other kind, kept as written: it is stored and listed but nothing acts on it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Opaque {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub rest: Rest,
}

json_fields!(Namespace {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def spec: "spec" omitempty,
    def status: "status",
});

json_fields!(NamespaceStatus {
    def phase: "phase" omitempty,
} rest);

json_fields!(ControllerRevision {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def data: "data",
    def revision: "revision",
});

json_fields!(PriorityClass {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def value: "value",
    def global_default: "globalDefault" omitempty,
    def description: "description" omitempty,
    def preemption_policy: "preemptionPolicy" omitempty,
});

json_fields!(Opaque {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
} rest);

json_fields!(ObjectReference {
    def api_version: "apiVersion" omitempty,
    def kind: "kind" omitempty,
    def name: "name" omitempty,
    def namespace: "namespace" omitempty,
    def uid: "uid" omitempty,
    def field_path: "fieldPath" omitempty,
});

json_fields!(Event {
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

json_fields!(EventSource {
    def component: "component" omitempty,
    def host: "host" omitempty,
});
