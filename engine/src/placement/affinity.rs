//! nodeSelector and required node affinity (component-helpers `nodeaffinity`).

use crate::api::{Node, NodeSelectorRequirement, NodeSelectorTerm, PodSpec};

/// Why a node selector requirement failed, for the explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// `nodeSelector` key: wanted value, the node's value (None if the label is absent).
    SelectorLabel {
        key: String,
        want: String,
        have: Option<String>,
    },
    /// No term of `requiredDuringSchedulingIgnoredDuringExecution` matched; per term, the
    /// first requirement that failed (index into the term's list, as
    /// `matchExpressions[i]` or `matchFields[i]`) or a parse error.
    AffinityTerms(Vec<TermFailure>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermFailure {
    pub term: usize,
    /// e.g. `matchExpressions[0]`; empty when the term is empty (matches nothing).
    pub requirement: String,
    pub text: String,
}

/// Checks `spec.nodeSelector` then the required node affinity.
pub fn match_node(spec: &PodSpec, node: &Node) -> Result<(), Mismatch> {
    for (k, v) in &spec.node_selector {
        let have = node.metadata.labels.get(k);
        if have != Some(v) {
            return Err(Mismatch::SelectorLabel {
                key: k.clone(),
                want: v.clone(),
                have: have.cloned(),
            });
        }
    }
    let Some(required) = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| n.required.as_ref())
    else {
        return Ok(());
    };
    let mut failures = Vec::new();
    for (i, term) in required.node_selector_terms.iter().enumerate() {
        match match_term(term, node) {
            Ok(()) => return Ok(()),
            Err((requirement, text)) => failures.push(TermFailure {
                term: i,
                requirement,
                text,
            }),
        }
    }
    Err(Mismatch::AffinityTerms(failures))
}

fn match_term(term: &NodeSelectorTerm, node: &Node) -> Result<(), (String, String)> {
    if term.match_expressions.is_empty() && term.match_fields.is_empty() {
        return Err((String::new(), "an empty term matches no node".into()));
    }
    for (i, r) in term.match_expressions.iter().enumerate() {
        match_label_requirement(r, node).map_err(|t| (format!("matchExpressions[{i}]"), t))?;
    }
    // A node without a name has no fields; matchFields are then skipped.
    if !node.metadata.name.is_empty() {
        for (i, r) in term.match_fields.iter().enumerate() {
            match_field_requirement(r, node).map_err(|t| (format!("matchFields[{i}]"), t))?;
        }
    }
    Ok(())
}

/// A requirement as the explanations write it; written out only for an error, as the
/// scheduler matches every daemon pod's node affinity.
struct Describe<'a>(&'a NodeSelectorRequirement);

impl std::fmt::Display for Describe<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = self.0;
        match r.operator.as_str() {
            "Exists" | "DoesNotExist" => write!(f, "{} {}", r.key, r.operator),
            _ => write!(f, "{} {} [{}]", r.key, r.operator, r.values.join(", ")),
        }
    }
}

fn valid_label_key(k: &str) -> bool {
    crate::validation::names::qualified_name_errors(k).is_empty()
}

fn match_label_requirement(r: &NodeSelectorRequirement, node: &Node) -> Result<(), String> {
    let d = Describe(r);
    if !valid_label_key(&r.key) {
        return Err(format!("{d}: invalid label key {:?}", r.key));
    }
    // `labels.NewRequirement` validates every value as a label value, for every operator.
    if let Some(v) = r
        .values
        .iter()
        .find(|v| !crate::validation::names::label_value_errors(v).is_empty())
    {
        return Err(format!("{d}: invalid label value {v:?}"));
    }
    let have = node.metadata.labels.get(&r.key);
    let have_text = || match have {
        Some(v) => format!("the node has {}={}", r.key, v),
        None => format!("the node has no label {}", r.key),
    };
    let ok = match r.operator.as_str() {
        "In" => {
            if r.values.is_empty() {
                return Err(format!("{d}: values must be non-empty for In"));
            }
            have.is_some_and(|v| r.values.contains(v))
        }
        "NotIn" => {
            if r.values.is_empty() {
                return Err(format!("{d}: values must be non-empty for NotIn"));
            }
            have.is_none_or(|v| !r.values.contains(v))
        }
        "Exists" => {
            if !r.values.is_empty() {
                return Err(format!("{d}: values must be empty for Exists"));
            }
            have.is_some()
        }
        "DoesNotExist" => {
            if !r.values.is_empty() {
                return Err(format!("{d}: values must be empty for DoesNotExist"));
            }
            have.is_none()
        }
        "Gt" | "Lt" => {
            let [v] = r.values.as_slice() else {
                return Err(format!("{d}: {} needs exactly one value", r.operator));
            };
            let Ok(want) = v.parse::<i64>() else {
                return Err(format!("{d}: {v:?} is not an integer"));
            };
            match have.map(|h| h.parse::<i64>()) {
                Some(Ok(h)) => {
                    if r.operator == "Gt" {
                        h > want
                    } else {
                        h < want
                    }
                }
                _ => false,
            }
        }
        op => return Err(format!("{d}: {op:?} is not a valid operator")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{d} is not satisfied: {}", have_text()))
    }
}

fn match_field_requirement(r: &NodeSelectorRequirement, node: &Node) -> Result<(), String> {
    let d = Describe(r);
    if r.operator != "In" && r.operator != "NotIn" {
        return Err(format!(
            "{d}: {:?} is not a valid operator for matchFields",
            r.operator
        ));
    }
    let [v] = r.values.as_slice() else {
        return Err(format!("{d}: matchFields need exactly one value"));
    };
    let have = if r.key == "metadata.name" {
        node.metadata.name.as_str()
    } else {
        ""
    };
    let ok = if r.operator == "In" {
        have == v
    } else {
        have != v
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{d} is not satisfied: the node is {}",
            node.metadata.name
        ))
    }
}
