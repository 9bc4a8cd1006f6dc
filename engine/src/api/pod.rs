//! Pod and PodSpec (core/v1): the fields the controllers, scheduler and kubelet read.

use super::decode::from_json;
use super::meta::{ObjectMeta, Rest};
use super::time::Time;
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PodSpec,
    #[serde(default)]
    pub status: PodStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodTemplateSpec {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: PodSpec,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub node_name: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub node_selector: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affinity: Option<Affinity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tolerations: Vec<Toleration>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub host_network: bool,
    #[serde(default)]
    pub containers: Vec<Container>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<Container>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub restart_policy: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination_grace_period_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_deadline_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub priority_class_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scheduler_name: String,
    #[serde(flatten)]
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Affinity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_affinity: Option<NodeAffinity>,
    #[serde(flatten)]
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeAffinity {
    #[serde(
        default,
        rename = "requiredDuringSchedulingIgnoredDuringExecution",
        skip_serializing_if = "Option::is_none"
    )]
    pub required: Option<NodeSelector>,
    #[serde(flatten)]
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSelector {
    #[serde(default)]
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSelectorTerm {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<NodeSelectorRequirement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_fields: Vec<NodeSelectorRequirement>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSelectorRequirement {
    pub key: String,
    pub operator: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Toleration {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub operator: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub value: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub effect: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub toleration_seconds: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub image: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ContainerPort>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<ResourceRequirements>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness_probe: Option<Json>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liveness_probe: Option<Json>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub startup_probe: Option<Json>,
    #[serde(flatten)]
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerPort {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_port: Option<i32>,
    pub container_port: i32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub protocol: String,
    #[serde(default, rename = "hostIP", skip_serializing_if = "String::is_empty")]
    pub host_ip: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRequirements {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: BTreeMap<String, Json>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub requests: BTreeMap<String, Json>,
    #[serde(flatten)]
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phase: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<PodCondition>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[serde(rename = "hostIP")]
    pub host_ip: String,
    #[serde(default, rename = "podIP", skip_serializing_if = "String::is_empty")]
    pub pod_ip: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub container_statuses: Vec<ContainerStatus>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub qos_class: String,
    #[serde(flatten)]
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodCondition {
    #[serde(rename = "type")]
    pub type_: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_probe_time: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition_time: Option<Time>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerStatus {
    pub name: String,
    #[serde(default)]
    pub image: String,
    #[serde(default, rename = "imageID")]
    pub image_id: String,
    #[serde(default)]
    pub ready: bool,
    #[serde(default)]
    pub restart_count: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<bool>,
    /// `{"waiting": {"reason": ...}}`, `{"running": {...}}` or `{"terminated": {...}}`.
    #[serde(default)]
    pub state: Json,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_state: Option<Json>,
    #[serde(flatten)]
    pub rest: Rest,
}

impl Pod {
    pub fn name(&self) -> &str {
        &self.metadata.name
    }
    pub fn condition(&self, t: &str) -> Option<&PodCondition> {
        self.status.conditions.iter().find(|c| c.type_ == t)
    }
    /// `podutil.IsPodReady`.
    pub fn is_ready(&self) -> bool {
        self.condition("Ready").is_some_and(|c| c.status == "True")
    }
    /// `podutil.IsPodAvailable` with the v1.34+ inclusive boundary.
    pub fn is_available(&self, min_ready_seconds: i32, now: Time) -> bool {
        let Some(c) = self.condition("Ready").filter(|c| c.status == "True") else {
            return false;
        };
        if min_ready_seconds <= 0 {
            return true;
        }
        match c.last_transition_time {
            Some(t) if t.0 != 0 => t.plus_secs(min_ready_seconds as i64) <= now,
            _ => false,
        }
    }
    pub fn is_terminal(&self) -> bool {
        self.status.phase == "Failed" || self.status.phase == "Succeeded"
    }
}

from_json!(Pod {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def spec: "spec",
    def status: "status",
});

from_json!(PodTemplateSpec {
    def metadata: "metadata",
    def spec: "spec",
});

/// For `serde_json::from_value` (a revision's template, in the revision view).
impl<'de> serde::Deserialize<'de> for PodTemplateSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use super::decode::FromJson;
        Self::from_json(Json::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

from_json!(PodSpec {
    nul node_name: "nodeName",
    nul node_selector: "nodeSelector",
    def affinity: "affinity",
    nul tolerations: "tolerations",
    nul host_network: "hostNetwork",
    nul containers: "containers",
    nul init_containers: "initContainers",
    nul restart_policy: "restartPolicy",
    def termination_grace_period_seconds: "terminationGracePeriodSeconds",
    def active_deadline_seconds: "activeDeadlineSeconds",
    nul priority_class_name: "priorityClassName",
    def priority: "priority",
    nul scheduler_name: "schedulerName",
} rest);

from_json!(Affinity {
    def node_affinity: "nodeAffinity",
} rest);

from_json!(NodeAffinity {
    def required: "requiredDuringSchedulingIgnoredDuringExecution",
} rest);

from_json!(NodeSelector {
    nul node_selector_terms: "nodeSelectorTerms",
});

from_json!(NodeSelectorTerm {
    nul match_expressions: "matchExpressions",
    nul match_fields: "matchFields",
});

from_json!(NodeSelectorRequirement {
    req key: "key",
    req operator: "operator",
    nul values: "values",
});

from_json!(Toleration {
    nul key: "key",
    nul operator: "operator",
    nul value: "value",
    nul effect: "effect",
    def toleration_seconds: "tolerationSeconds",
});

from_json!(Container {
    def name: "name",
    nul image: "image",
    nul command: "command",
    nul args: "args",
    nul ports: "ports",
    def resources: "resources",
    def readiness_probe: "readinessProbe",
    def liveness_probe: "livenessProbe",
    def startup_probe: "startupProbe",
} rest);

from_json!(ContainerPort {
    nul name: "name",
    def host_port: "hostPort",
    req container_port: "containerPort",
    nul protocol: "protocol",
    nul host_ip: "hostIP",
});

from_json!(ResourceRequirements {
    nul limits: "limits",
    nul requests: "requests",
} rest);

from_json!(PodStatus {
    nul phase: "phase",
    nul conditions: "conditions",
    nul host_ip: "hostIP",
    nul pod_ip: "podIP",
    def start_time: "startTime",
    nul container_statuses: "containerStatuses",
    nul reason: "reason",
    nul message: "message",
    nul qos_class: "qosClass",
} rest);

from_json!(PodCondition {
    req type_: "type",
    req status: "status",
    def last_probe_time: "lastProbeTime",
    def last_transition_time: "lastTransitionTime",
    def reason: "reason",
    def message: "message",
});

from_json!(ContainerStatus {
    req name: "name",
    def image: "image",
    def image_id: "imageID",
    def ready: "ready",
    def restart_count: "restartCount",
    def started: "started",
    def state: "state",
    def last_state: "lastState",
} rest);
