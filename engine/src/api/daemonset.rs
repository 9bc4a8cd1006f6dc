//! DaemonSet (apps/v1).

use super::encode::json_fields;
use super::intstr::IntOrString;
use super::meta::{LabelSelector, ObjectMeta};
use super::pod::PodTemplateSpec;

/// Annotation the API server keeps equal to the template generation.
pub const TEMPLATE_GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";
/// Pod label with the revision hash (`apps.DefaultDaemonSetUniqueLabelKey`).
pub const REVISION_HASH_LABEL: &str = "controller-revision-hash";
/// Pod label with the template generation (`extensions.DaemonSetTemplateGenerationKey`).
pub const TEMPLATE_GENERATION_LABEL: &str = "pod-template-generation";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DaemonSet {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    pub spec: DaemonSetSpec,
    pub status: DaemonSetStatus,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DaemonSetSpec {
    pub selector: Option<LabelSelector>,
    pub template: PodTemplateSpec,
    pub update_strategy: DaemonSetUpdateStrategy,
    pub min_ready_seconds: i32,
    pub revision_history_limit: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DaemonSetUpdateStrategy {
    pub type_: String,
    pub rolling_update: Option<RollingUpdateDaemonSet>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RollingUpdateDaemonSet {
    pub max_unavailable: Option<IntOrString>,
    pub max_surge: Option<IntOrString>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DaemonSetStatus {
    pub current_number_scheduled: i32,
    pub number_misscheduled: i32,
    pub desired_number_scheduled: i32,
    pub number_ready: i32,
    pub observed_generation: i64,
    pub updated_number_scheduled: i32,
    pub number_available: i32,
    pub number_unavailable: i32,
    pub collision_count: Option<i32>,
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

json_fields!(DaemonSet {
    def api_version: "apiVersion",
    def kind: "kind",
    def metadata: "metadata",
    def spec: "spec",
    def status: "status",
});

json_fields!(DaemonSetSpec {
    def selector: "selector" omitempty,
    def template: "template",
    def update_strategy: "updateStrategy",
    nul min_ready_seconds: "minReadySeconds",
    def revision_history_limit: "revisionHistoryLimit" omitempty,
});

json_fields!(DaemonSetUpdateStrategy {
    nul type_: "type" omitempty,
    def rolling_update: "rollingUpdate" omitempty,
});

json_fields!(RollingUpdateDaemonSet {
    def max_unavailable: "maxUnavailable" omitempty,
    def max_surge: "maxSurge" omitempty,
});

json_fields!(DaemonSetStatus {
    def current_number_scheduled: "currentNumberScheduled",
    def number_misscheduled: "numberMisscheduled",
    def desired_number_scheduled: "desiredNumberScheduled",
    def number_ready: "numberReady",
    def observed_generation: "observedGeneration" omitempty,
    def updated_number_scheduled: "updatedNumberScheduled" omitempty,
    def number_available: "numberAvailable" omitempty,
    def number_unavailable: "numberUnavailable" omitempty,
    def collision_count: "collisionCount" omitempty,
});
