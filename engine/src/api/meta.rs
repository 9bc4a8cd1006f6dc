//! ObjectMeta, owner references and label selectors (k8s.io/apimachinery meta/v1).

use super::decode::from_json;
use super::time::Time;
use serde::Serialize;
use serde_json::Value as Json;
use std::collections::BTreeMap;

pub type Labels = BTreeMap<String, String>;
/// Fields we carry through unchanged (validated by the schema table, not read by the engine).
pub type Rest = BTreeMap<String, Json>;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub generate_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub namespace: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource_version: String,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub generation: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_grace_period_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: Labels,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owner_references: Vec<OwnerReference>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub finalizers: Vec<String>,
    #[serde(flatten)]
    pub rest: Rest,
}

fn is_zero(v: &i64) -> bool {
    *v == 0
}

impl ObjectMeta {
    /// The resourceVersion as the number the simulated API server wrote (every write
    /// takes a larger one); anything else (an object stored some other way) counts as
    /// just written.
    pub fn written_at(&self) -> u64 {
        self.resource_version.parse().unwrap_or(u64::MAX)
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

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerReference {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub uid: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_owner_deletion: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelector {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub match_labels: Labels,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelSelectorRequirement {
    pub key: String,
    pub operator: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
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

from_json!(ObjectMeta {
    def name: "name",
    def generate_name: "generateName",
    def namespace: "namespace",
    def uid: "uid",
    def resource_version: "resourceVersion",
    def generation: "generation",
    def creation_timestamp: "creationTimestamp",
    def deletion_timestamp: "deletionTimestamp",
    def deletion_grace_period_seconds: "deletionGracePeriodSeconds",
    nul labels: "labels",
    nul annotations: "annotations",
    nul owner_references: "ownerReferences",
    nul finalizers: "finalizers",
} rest);

from_json!(OwnerReference {
    req api_version: "apiVersion",
    req kind: "kind",
    req name: "name",
    req uid: "uid",
    def controller: "controller",
    def block_owner_deletion: "blockOwnerDeletion",
});

from_json!(LabelSelector {
    nul match_labels: "matchLabels",
    nul match_expressions: "matchExpressions",
});

from_json!(LabelSelectorRequirement {
    req key: "key",
    req operator: "operator",
    nul values: "values",
});
