//! `describeNamespace`, `describePriorityClass`, and the generic describer kubectl uses for
//! kinds without one of their own (ControllerRevision, Event): every field of the object,
//! with camel-case names spelled out.

use super::{annotations_multiline, describe_events, events_for, labels_multiline, W};
use crate::cluster::{Cluster, Key};
use crate::kubectl::printers::util::{format_labels, go_value, jarr, jstr};
use crate::kubectl::resource::Resource;
use serde_json::{Map, Value as Json};

pub fn describe_namespace(c: &Cluster, name: &str) -> String {
    let Some(ns) = c.store.namespaces.get(name) else {
        return String::new();
    };
    let mut w = W::new();
    w.write(0, &format!("Name:\t{}\n", ns.metadata.name));
    labels_multiline(&mut w, "Labels", &ns.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &ns.metadata.annotations);
    w.write(0, &format!("Status:\t{}\n", ns.status.phase));
    let conditions = jarr(ns.status.rest.get("conditions"));
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t------------------\t------\t-------\n");
        for cond in conditions {
            let t = cond
                .get("lastTransitionTime")
                .and_then(Json::as_str)
                .and_then(crate::api::Time::parse_rfc3339);
            w.write(
                1,
                &format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    jstr(Some(cond), "type"),
                    jstr(Some(cond), "status"),
                    super::rfc1123z(t),
                    jstr(Some(cond), "reason"),
                    jstr(Some(cond), "message")
                ),
            );
        }
    }
    w.write(0, "\n");
    w.write(0, "No resource quota.\n");
    w.write(0, "\n");
    w.write(0, "No LimitRange resource.\n");
    w.finish()
}

pub fn describe_priority_class(c: &Cluster, name: &str) -> String {
    let Some(pc) = c.store.priority_classes.get(name) else {
        return String::new();
    };
    let m = &pc.metadata;
    let mut w = W::new();
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Value:\t{}\n", pc.value));
    w.write(0, &format!("GlobalDefault:\t{}\n", pc.global_default));
    w.write(
        0,
        &format!(
            "PreemptionPolicy:\t{}\n",
            pc.preemption_policy.clone().unwrap_or_default()
        ),
    );
    w.write(0, &format!("Description:\t{}\n", pc.description));
    w.write(
        0,
        &format!("Annotations:\t{}\n", format_labels(&m.annotations)),
    );
    let events = events_for(c, Some("PriorityClass"), "", &m.name, &[m.uid.as_str()]);
    describe_events(&mut w, c.now, &events);
    w.finish()
}

pub fn describe_generic(c: &Cluster, res: Resource, key: &Key) -> String {
    let (Some(meta), Some(obj)) = (res.meta(c, key), res.to_json(c, key)) else {
        return String::new();
    };
    let mut w = W::new();
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    if let Json::Object(content) = &obj {
        print_unstructured(
            &mut w,
            0,
            content,
            "",
            &[
                ".metadata.managedFields",
                ".metadata.name",
                ".metadata.namespace",
                ".metadata.labels",
                ".metadata.annotations",
            ],
        );
    }
    let events = events_for(
        c,
        Some(res.kind()),
        &meta.namespace,
        &meta.name,
        &[meta.uid.as_str()],
    );
    describe_events(&mut w, c.now, &events);
    w.finish()
}

/// `printUnstructuredContent`.
fn print_unstructured(
    w: &mut W,
    level: usize,
    content: &Map<String, Json>,
    skip_prefix: &str,
    skip: &[&str],
) {
    let mut fields: Vec<&String> = content.keys().collect();
    crate::sort::sort(&mut fields);
    for field in fields {
        let value = &content[field.as_str()];
        let skip_expr = format!("{skip_prefix}.{field}");
        if skip.contains(&skip_expr.as_str()) {
            continue;
        }
        match value {
            Json::Object(m) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                print_unstructured(w, level + 1, m, &skip_expr, skip);
            }
            Json::Array(a) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                for child in a {
                    match child {
                        Json::Object(m) => print_unstructured(w, level + 1, m, &skip_expr, skip),
                        other => w.write(level + 1, &format!("{}\n", go_value(other))),
                    }
                }
            }
            other => w.write(
                level,
                &format!("{}:\t{}\n", smart_label(field), go_value(other)),
            ),
        }
    }
}

/// `smartLabelFor`: `apiVersion` → `API Version`, `creationTimestamp` → `Creation Timestamp`.
fn smart_label(field: &str) -> String {
    if field
        .chars()
        .any(|r| !crate::case::is_alphabetic(r) && r != '-')
    {
        return field.to_string();
    }
    // fatih/camelcase.Split: runs of one character class, then an upper-case letter that
    // starts a lower-case run moves into it ("PDFLoader" → "PDF", "Loader").
    let class = |c: char| {
        if crate::case::is_lowercase(c) {
            1
        } else if crate::case::is_uppercase(c) {
            2
        } else if crate::case::is_numeric(c) {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for ch in field.chars() {
        let cl = class(ch);
        match runs.last_mut() {
            Some(r) if cl == last => r.push(ch),
            _ => runs.push(vec![ch]),
        }
        last = cl;
    }
    for i in 0..runs.len().saturating_sub(1) {
        if runs[i]
            .first()
            .is_some_and(|c| crate::case::is_uppercase(*c))
            && runs[i + 1]
                .first()
                .is_some_and(|c| crate::case::is_lowercase(*c))
        {
            if let Some(ch) = runs[i].pop() {
                runs[i + 1].insert(0, ch);
            }
        }
    }
    const ACRONYMS: &[&str] = &["API", "URL", "UID", "OSB", "GUID"];
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect::<String>())
        .filter(|p| p != "_")
        .map(|p| {
            let up = crate::case::to_uppercase(&p);
            if ACRONYMS.contains(&up.as_str()) {
                up
            } else {
                let mut cs = p.chars();
                match cs.next() {
                    Some(f) => {
                        let mut s = crate::case::to_uppercase(f.encode_utf8(&mut [0; 4]));
                        s.push_str(cs.as_str());
                        s
                    }
                    None => p,
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::smart_label;

    #[test]
    fn labels() {
        assert_eq!(smart_label("apiVersion"), "API Version");
        assert_eq!(smart_label("creationTimestamp"), "Creation Timestamp");
        assert_eq!(smart_label("uid"), "UID");
        assert_eq!(smart_label("ownerReferences"), "Owner References");
        assert_eq!(smart_label("blockOwnerDeletion"), "Block Owner Deletion");
        assert_eq!(smart_label("HTTPServer"), "HTTP Server");
        assert_eq!(smart_label("x.y"), "x.y");
    }
}
