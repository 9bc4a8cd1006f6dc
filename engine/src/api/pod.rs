//! Pod and PodSpec (core/v1): the fields the controllers, scheduler and kubelet read.

use super::encode::json_fields;
use super::meta::{ObjectMeta, Rest, Text};
use super::time::Time;
use crate::cluster::Shared;
use serde_json::Value as Json;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pod {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
    pub status: PodStatus,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodTemplateSpec {
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodSpec {
    pub node_name: String,
    pub node_selector: BTreeMap<String, String>,
    pub affinity: Option<Affinity>,
    /// Shared by the pods made from one template until one of them is written: a
    /// DaemonSet's pods differ only in their node affinity.
    pub tolerations: Shared<Vec<Toleration>>,
    pub host_network: bool,
    pub containers: Shared<Vec<Container>>,
    pub init_containers: Vec<Container>,
    pub restart_policy: String,
    pub termination_grace_period_seconds: Option<i64>,
    pub active_deadline_seconds: Option<i64>,
    pub priority_class_name: String,
    pub priority: Option<i32>,
    pub scheduler_name: String,
    /// The fields the simulator does not act on (dnsPolicy, securityContext, volumes…),
    /// shared by the pods of one template like `containers`.
    pub rest: Shared<Rest>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Affinity {
    pub node_affinity: Option<NodeAffinity>,
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeAffinity {
    pub required: Option<NodeSelector>,
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeSelector {
    pub node_selector_terms: Vec<NodeSelectorTerm>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeSelectorTerm {
    pub match_expressions: Vec<NodeSelectorRequirement>,
    pub match_fields: Vec<NodeSelectorRequirement>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeSelectorRequirement {
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Toleration {
    pub key: String,
    pub operator: String,
    pub value: String,
    pub effect: String,
    pub toleration_seconds: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub command: Vec<String>,
    pub args: Vec<String>,
    pub ports: Vec<ContainerPort>,
    pub resources: Option<ResourceRequirements>,
    pub readiness_probe: Option<Json>,
    pub liveness_probe: Option<Json>,
    pub startup_probe: Option<Json>,
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContainerPort {
    pub name: String,
    pub host_port: Option<i32>,
    pub container_port: i32,
    pub protocol: String,
    pub host_ip: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceRequirements {
    pub limits: BTreeMap<String, Json>,
    pub requests: BTreeMap<String, Json>,
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodStatus {
    /// Like the conditions' type, status and reason, one of the program's own strings
    /// when the simulator wrote it: a status write copies no text for them.
    pub phase: Text,
    pub conditions: Vec<PodCondition>,
    pub host_ip: String,
    pub pod_ip: String,
    pub start_time: Option<Time>,
    pub container_statuses: Vec<ContainerStatus>,
    pub reason: String,
    pub message: String,
    pub qos_class: Text,
    pub rest: Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodCondition {
    pub type_: Text,
    pub status: Text,
    pub last_probe_time: Option<Time>,
    pub last_transition_time: Option<Time>,
    pub reason: Text,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContainerStatus {
    pub name: String,
    pub image: String,
    pub image_id: String,
    pub ready: bool,
    pub restart_count: i32,
    pub started: Option<bool>,
    /// `{"waiting": {"reason": ...}}`, `{"running": {...}}` or `{"terminated": {...}}`.
    pub state: Json,
    pub last_state: Option<Json>,
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

json_fields!(Pod {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def spec: "spec",
    def status: "status",
});

json_fields!(PodTemplateSpec {
    def metadata: "metadata",
    def spec: "spec",
});

json_fields!(PodSpec {
    nul node_name: "nodeName" omitempty,
    nul node_selector: "nodeSelector" omitempty,
    def affinity: "affinity" omitempty,
    nul tolerations: "tolerations" omitempty,
    nul host_network: "hostNetwork" omitempty,
    nul containers: "containers",
    nul init_containers: "initContainers" omitempty,
    nul restart_policy: "restartPolicy" omitempty,
    def termination_grace_period_seconds: "terminationGracePeriodSeconds" omitempty,
    def active_deadline_seconds: "activeDeadlineSeconds" omitempty,
    nul priority_class_name: "priorityClassName" omitempty,
    def priority: "priority" omitempty,
    nul scheduler_name: "schedulerName" omitempty,
} rest);

json_fields!(Affinity {
    def node_affinity: "nodeAffinity" omitempty,
} rest);

json_fields!(NodeAffinity {
    def required: "requiredDuringSchedulingIgnoredDuringExecution" omitempty,
} rest);

json_fields!(NodeSelector {
    nul node_selector_terms: "nodeSelectorTerms",
});

json_fields!(NodeSelectorTerm {
    nul match_expressions: "matchExpressions" omitempty,
    nul match_fields: "matchFields" omitempty,
});

json_fields!(NodeSelectorRequirement {
    req key: "key",
    req operator: "operator",
    nul values: "values" omitempty,
});

json_fields!(Toleration {
    nul key: "key" omitempty,
    nul operator: "operator" omitempty,
    nul value: "value" omitempty,
    nul effect: "effect" omitempty,
    def toleration_seconds: "tolerationSeconds" omitempty,
});

json_fields!(Container {
    def name: "name",
    nul image: "image" omitempty,
    nul command: "command" omitempty,
    nul args: "args" omitempty,
    nul ports: "ports" omitempty,
    def resources: "resources" omitempty,
    def readiness_probe: "readinessProbe" omitempty,
    def liveness_probe: "livenessProbe" omitempty,
    def startup_probe: "startupProbe" omitempty,
} rest);

json_fields!(ContainerPort {
    nul name: "name" omitempty,
    def host_port: "hostPort" omitempty,
    req container_port: "containerPort",
    nul protocol: "protocol" omitempty,
    nul host_ip: "hostIP" omitempty,
});

json_fields!(ResourceRequirements {
    nul limits: "limits" omitempty,
    nul requests: "requests" omitempty,
} rest);

json_fields!(PodStatus {
    nul phase: "phase" omitempty,
    nul conditions: "conditions" omitempty,
    nul host_ip: "hostIP" omitempty,
    nul pod_ip: "podIP" omitempty,
    def start_time: "startTime" omitempty,
    nul container_statuses: "containerStatuses" omitempty,
    nul reason: "reason" omitempty,
    nul message: "message" omitempty,
    nul qos_class: "qosClass" omitempty,
} rest);

json_fields!(PodCondition {
    req type_: "type",
    req status: "status",
    def last_probe_time: "lastProbeTime" omitempty,
    def last_transition_time: "lastTransitionTime" omitempty,
    def reason: "reason" omitempty,
    def message: "message" omitempty,
});

json_fields!(ContainerStatus {
    req name: "name",
    def image: "image",
    def image_id: "imageID",
    def ready: "ready",
    def restart_count: "restartCount",
    def started: "started" omitempty,
    def state: "state",
    def last_state: "lastState" omitempty,
} rest);
