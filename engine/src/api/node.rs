//! Node (core/v1), with the fields placement and the node lifecycle read.

use super::decode::from_json;
use super::meta::{ObjectMeta, Rest};
use super::time::Time;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: NodeSpec,
    #[serde(default)]
    pub status: NodeStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSpec {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unschedulable: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<Taint>,
    #[serde(flatten)]
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Taint {
    pub key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    pub effect: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_added: Option<Time>,
}

impl Taint {
    /// `key=value:Effect` or `key:Effect`, as kubectl and `describe` print taints.
    pub fn to_string_k8s(&self) -> String {
        if self.value.is_empty() {
            format!("{}:{}", self.key, self.effect)
        } else {
            format!("{}={}:{}", self.key, self.value, self.effect)
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeStatus {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub capacity: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub allocatable: BTreeMap<String, serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<NodeCondition>,
    #[serde(flatten)]
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeCondition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_heartbeat_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Time>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

impl Node {
    pub fn name(&self) -> &str {
        &self.metadata.name
    }
    pub fn condition(&self, t: &str) -> Option<&NodeCondition> {
        self.status.conditions.iter().find(|c| c.type_ == t)
    }
    /// `Ready` or `NotReady` (anything but True), plus `,SchedulingDisabled` when cordoned (kubectl get nodes STATUS).
    pub fn status_text(&self) -> String {
        let mut s = match self.condition("Ready").map(|c| c.status.as_str()) {
            Some("True") => "Ready".to_string(),
            _ => "NotReady".to_string(),
        };
        if self.spec.unschedulable {
            s.push_str(",SchedulingDisabled");
        }
        s
    }
    /// A resource from allocatable, in milli-units (cpu) or units (memory, pods).
    pub fn allocatable_milli(&self, resource: &str) -> Option<i128> {
        self.status
            .allocatable
            .get(resource)
            .and_then(super::quantity::parse_json_milli)
    }
}

from_json!(Node {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def spec: "spec",
    def status: "status",
});

from_json!(NodeSpec {
    nul unschedulable: "unschedulable",
    nul taints: "taints",
} rest);

from_json!(Taint {
    req key: "key",
    def value: "value",
    req effect: "effect",
    def time_added: "timeAdded",
});

from_json!(NodeStatus {
    nul capacity: "capacity",
    nul allocatable: "allocatable",
    nul conditions: "conditions",
} rest);

from_json!(NodeCondition {
    req type_: "type",
    req status: "status",
    def last_heartbeat_time: "lastHeartbeatTime",
    def last_transition_time: "lastTransitionTime",
    def reason: "reason",
    def message: "message",
});
