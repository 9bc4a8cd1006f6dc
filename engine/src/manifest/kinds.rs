//! Which (apiVersion, kind) pairs a v1.34 API server serves, and the removed ones.

/// Kinds the simulator models.
pub const MODELLED: &[(&str, &str)] = &[
    ("apps/v1", "DaemonSet"),
    ("v1", "Node"),
    ("v1", "Namespace"),
    ("v1", "Pod"),
    ("apps/v1", "ControllerRevision"),
    ("scheduling.k8s.io/v1", "PriorityClass"),
];

/// Kinds a real cluster serves that the simulator stores without acting on them
/// (they appear beside DaemonSets in real manifests).
pub const STORED: &[(&str, &str)] = &[
    ("v1", "ConfigMap"),
    ("v1", "Secret"),
    ("v1", "Service"),
    ("v1", "ServiceAccount"),
    ("v1", "PersistentVolumeClaim"),
    ("v1", "LimitRange"),
    ("v1", "ResourceQuota"),
    ("apps/v1", "Deployment"),
    ("apps/v1", "StatefulSet"),
    ("apps/v1", "ReplicaSet"),
    ("batch/v1", "Job"),
    ("batch/v1", "CronJob"),
    ("policy/v1", "PodDisruptionBudget"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("rbac.authorization.k8s.io/v1", "Role"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    ("networking.k8s.io/v1", "NetworkPolicy"),
    ("networking.k8s.io/v1", "Ingress"),
    ("storage.k8s.io/v1", "StorageClass"),
    ("node.k8s.io/v1", "RuntimeClass"),
    (
        "admissionregistration.k8s.io/v1",
        "ValidatingWebhookConfiguration",
    ),
    (
        "admissionregistration.k8s.io/v1",
        "MutatingWebhookConfiguration",
    ),
];

/// Cluster-scoped kinds among the stored ones.
pub fn cluster_scoped(kind: &str) -> bool {
    matches!(
        kind,
        "Node"
            | "Namespace"
            | "PriorityClass"
            | "ClusterRole"
            | "ClusterRoleBinding"
            | "CustomResourceDefinition"
            | "StorageClass"
            | "RuntimeClass"
            | "ValidatingWebhookConfiguration"
            | "MutatingWebhookConfiguration"
    )
}

pub fn served(api_version: &str, kind: &str) -> bool {
    MODELLED
        .iter()
        .chain(STORED)
        .any(|(v, k)| *v == api_version && *k == kind)
}

/// Removed API versions with what replaced them, for the hint after kubectl's error.
pub fn removed_hint(api_version: &str, kind: &str) -> Option<String> {
    let hint = match (api_version, kind) {
        ("extensions/v1beta1" | "apps/v1beta2", "DaemonSet") => {
            "DaemonSet is served as apps/v1 since Kubernetes 1.16 removed extensions/v1beta1 and apps/v1beta2; \
             in apps/v1, spec.selector is required and must match spec.template.metadata.labels"
        }
        ("extensions/v1beta1" | "apps/v1beta1" | "apps/v1beta2", "Deployment" | "ReplicaSet" | "StatefulSet") => {
            "this kind is served as apps/v1 since Kubernetes 1.16; in apps/v1, spec.selector is required"
        }
        ("scheduling.k8s.io/v1beta1" | "scheduling.k8s.io/v1alpha1", "PriorityClass") => {
            "PriorityClass is served as scheduling.k8s.io/v1 (v1beta1 was removed in Kubernetes 1.22)"
        }
        _ => return None,
    };
    Some(hint.to_string())
}
