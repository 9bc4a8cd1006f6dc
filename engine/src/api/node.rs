//! Node (core/v1), with the fields placement and the node lifecycle read.

use super::encode::json_fields;
use super::meta::{ObjectMeta, Rest};
use super::time::Time;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Node {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: NodeSpec,
    pub status: NodeStatus,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeSpec {
    pub unschedulable: bool,
    pub taints: Vec<Taint>,
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Taint {
    pub key: String,
    pub value: String,
    pub effect: String,
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

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeStatus {
    pub capacity: BTreeMap<String, serde_json::Value>,
    pub allocatable: BTreeMap<String, serde_json::Value>,
    pub conditions: Vec<NodeCondition>,
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeCondition {
    pub type_: String,
    pub status: String,
    pub last_heartbeat_time: Option<Time>,
    pub last_transition_time: Option<Time>,
    pub reason: String,
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

json_fields!(Node {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def spec: "spec",
    def status: "status",
});

json_fields!(NodeSpec {
    nul unschedulable: "unschedulable" omitempty,
    nul taints: "taints" omitempty,
} rest);

json_fields!(Taint {
    req key: "key",
    def value: "value" omitempty,
    req effect: "effect",
    def time_added: "timeAdded" omitempty,
});

json_fields!(NodeStatus {
    nul capacity: "capacity" omitempty,
    nul allocatable: "allocatable" omitempty,
    nul conditions: "conditions" omitempty,
} rest);

json_fields!(NodeCondition {
    req type_: "type",
    req status: "status",
    def last_heartbeat_time: "lastHeartbeatTime" omitempty,
    def last_transition_time: "lastTransitionTime" omitempty,
    def reason: "reason" omitempty,
    def message: "message" omitempty,
});
