//! DaemonSet (apps/v1).

use super::decode::from_json;
use super::intstr::IntOrString;
use super::meta::{LabelSelector, ObjectMeta};
use super::pod::PodTemplateSpec;
use serde::Serialize;

/// Annotation the API server keeps equal to the template generation.
pub const TEMPLATE_GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";
/// Pod label with the revision hash (`apps.DefaultDaemonSetUniqueLabelKey`).
pub const REVISION_HASH_LABEL: &str = "controller-revision-hash";
/// Pod label with the template generation (`extensions.DaemonSetTemplateGenerationKey`).
pub const TEMPLATE_GENERATION_LABEL: &str = "pod-template-generation";

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSet {
    #[serde(default)]
    pub api_version: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: DaemonSetSpec,
    #[serde(default)]
    pub status: DaemonSetStatus,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selector: Option<LabelSelector>,
    #[serde(default)]
    pub template: PodTemplateSpec,
    #[serde(default)]
    pub update_strategy: DaemonSetUpdateStrategy,
    #[serde(default)]
    pub min_ready_seconds: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_history_limit: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetUpdateStrategy {
    #[serde(rename = "type", default, skip_serializing_if = "String::is_empty")]
    pub type_: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_update: Option<RollingUpdateDaemonSet>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RollingUpdateDaemonSet {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_unavailable: Option<IntOrString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_surge: Option<IntOrString>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetStatus {
    #[serde(default)]
    pub current_number_scheduled: i32,
    #[serde(default)]
    pub number_misscheduled: i32,
    #[serde(default)]
    pub desired_number_scheduled: i32,
    #[serde(default)]
    pub number_ready: i32,
    #[serde(default, skip_serializing_if = "is_zero64")]
    pub observed_generation: i64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub updated_number_scheduled: i32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub number_available: i32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub number_unavailable: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collision_count: Option<i32>,
}

fn is_zero(v: &i32) -> bool {
    *v == 0
}
fn is_zero64(v: &i64) -> bool {
    *v == 0
}

impl DaemonSet {
    pub fn name(&self) -> &str {
        &self.metadata.name
    }
    pub fn namespace(&self) -> &str {
        &self.metadata.namespace
    }
    pub fn key(&self) -> String {
        format!("{}/{}", self.metadata.namespace, self.metadata.name)
    }
    pub fn is_rolling_update(&self) -> bool {
        self.spec.update_strategy.type_ == "RollingUpdate"
    }
    /// The template generation, from the annotation the API server maintains.
    pub fn template_generation(&self) -> Option<i64> {
        self.metadata
            .annotations
            .get(TEMPLATE_GENERATION_ANNOTATION)
            .and_then(|v| v.parse().ok())
    }
}

from_json!(DaemonSet {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def spec: "spec",
    def status: "status",
});

from_json!(DaemonSetSpec {
    def selector: "selector",
    def template: "template",
    def update_strategy: "updateStrategy",
    nul min_ready_seconds: "minReadySeconds",
    def revision_history_limit: "revisionHistoryLimit",
});

from_json!(DaemonSetUpdateStrategy {
    nul type_: "type",
    def rolling_update: "rollingUpdate",
});

from_json!(RollingUpdateDaemonSet {
    def max_unavailable: "maxUnavailable",
    def max_surge: "maxSurge",
});

from_json!(DaemonSetStatus {
    def current_number_scheduled: "currentNumberScheduled",
    def number_misscheduled: "numberMisscheduled",
    def desired_number_scheduled: "desiredNumberScheduled",
    def number_ready: "numberReady",
    def observed_generation: "observedGeneration",
    def updated_number_scheduled: "updatedNumberScheduled",
    def number_available: "numberAvailable",
    def number_unavailable: "numberUnavailable",
    def collision_count: "collisionCount",
});
