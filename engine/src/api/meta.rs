//! ObjectMeta, owner references and label selectors (k8s.io/apimachinery meta/v1).

use super::encode::json_fields;
use super::time::Time;
use crate::cluster::Shared;
use serde_json::Value as Json;
use std::collections::BTreeMap;

pub type Labels = BTreeMap<String, String>;

/// A string that is usually one of the program's own (an event's reason, a pod
/// condition's type and status, a pod's phase): writing the object copies no text.
pub type Text = std::borrow::Cow<'static, str>;

/// Fields we carry through unchanged (validated by the schema table, not read by the engine).
pub type Rest = BTreeMap<String, Json>;

#[derive(Clone, Debug, PartialEq)]
pub struct ObjectMeta {
    pub name: String,
    pub generate_name: String,
    pub namespace: String,
    pub uid: String,
    pub resource_version: String,
    pub generation: i64,
    pub creation_timestamp: Option<Time>,
    pub deletion_timestamp: Option<Time>,
    pub deletion_grace_period_seconds: Option<i64>,
    /// Shared, as the pod template's parts are (see `PodSpec`): a DaemonSet's pods
    /// carry the same labels and owner.
    pub labels: Shared<Labels>,
    pub annotations: BTreeMap<String, String>,
    pub owner_references: Shared<Vec<OwnerReference>>,
    pub finalizers: Vec<String>,
    pub rest: Rest,
}

/// Without labels or owners, sharing one empty map and one empty list: every event the
/// simulation records starts from a default ObjectMeta, and a write copies them anyway.
impl Default for ObjectMeta {
    fn default() -> Self {
        thread_local! {
            static NO_LABELS: Shared<Labels> = Shared::new(Labels::new());
            static NO_OWNERS: Shared<Vec<OwnerReference>> = Shared::new(Vec::new());
        }
        ObjectMeta {
            name: String::new(),
            generate_name: String::new(),
            namespace: String::new(),
            uid: String::new(),
            resource_version: String::new(),
            generation: 0,
            creation_timestamp: None,
            deletion_timestamp: None,
            deletion_grace_period_seconds: None,
            labels: NO_LABELS.with(Shared::clone),
            annotations: BTreeMap::new(),
            owner_references: NO_OWNERS.with(Shared::clone),
            finalizers: Vec::new(),
            rest: Rest::new(),
        }
    }
}

impl ObjectMeta {
    /// The resourceVersion as the number the simulated API server wrote (every write
    /// takes a larger one); anything else (an object stored some other way) counts as
    /// just written.
    pub fn written_at(&self) -> u64 {
        // Read on every sync for every pod: a plain digit loop (19 digits cannot overflow).
        let digits = self.resource_version.as_bytes();
        if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
            return u64::MAX;
        }
        digits.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0'))
    }

    pub fn controller_ref(&self) -> Option<&OwnerReference> {
        self.owner_references
            .iter()
            .find(|r| r.controller == Some(true))
    }
    pub fn is_deleting(&self) -> bool {
        self.deletion_timestamp.is_some()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnerReference {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub uid: String,
    pub controller: Option<bool>,
    pub block_owner_deletion: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSelector {
    pub match_labels: Labels,
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSelectorRequirement {
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
}

impl LabelSelector {
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    /// `metav1.LabelSelectorAsSelector(...).Matches(labels)`; an unknown operator matches nothing.
    pub fn matches(&self, labels: &Labels) -> bool {
        self.match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
            && self.match_expressions.iter().all(|r| {
                let have = labels.get(&r.key);
                match r.operator.as_str() {
                    "In" => have.is_some_and(|v| r.values.contains(v)),
                    "NotIn" => have.is_none_or(|v| !r.values.contains(v)),
                    "Exists" => have.is_some(),
                    "DoesNotExist" => have.is_none(),
                    _ => false,
                }
            })
    }

    /// `app=fluentd,tier in (a,b)`, as `metav1.FormatLabelSelector` prints it.
    pub fn format(&self) -> String {
        let mut parts: Vec<String> = self
            .match_labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        for r in &self.match_expressions {
            let mut vals = r.values.clone();
            crate::sort::sort(&mut vals);
            parts.push(match r.operator.as_str() {
                "In" => format!("{} in ({})", r.key, vals.join(",")),
                "NotIn" => format!("{} notin ({})", r.key, vals.join(",")),
                "Exists" => r.key.clone(),
                "DoesNotExist" => format!("!{}", r.key),
                op => format!("{} {op} ({})", r.key, vals.join(",")),
            });
        }
        if parts.is_empty() {
            "<none>".into()
        } else {
            parts.join(",")
        }
    }
}

json_fields!(ObjectMeta {
    def name: "name" omitempty,
    def generate_name: "generateName" omitempty,
    def namespace: "namespace" omitempty,
    def uid: "uid" omitempty,
    def resource_version: "resourceVersion" omitempty,
    def generation: "generation" omitempty,
    def creation_timestamp: "creationTimestamp" omitempty,
    def deletion_timestamp: "deletionTimestamp" omitempty,
    def deletion_grace_period_seconds: "deletionGracePeriodSeconds" omitempty,
    nul labels: "labels" omitempty,
    nul annotations: "annotations" omitempty,
    nul owner_references: "ownerReferences" omitempty,
    nul finalizers: "finalizers" omitempty,
} rest);

json_fields!(OwnerReference {
    req api_version: "apiVersion",
    req kind: "kind",
    req name: "name",
    req uid: "uid",
    def controller: "controller" omitempty,
    def block_owner_deletion: "blockOwnerDeletion" omitempty,
});

json_fields!(LabelSelector {
    nul match_labels: "matchLabels" omitempty,
    nul match_expressions: "matchExpressions" omitempty,
});

json_fields!(LabelSelectorRequirement {
    req key: "key",
    req operator: "operator",
    nul values: "values" omitempty,
});
