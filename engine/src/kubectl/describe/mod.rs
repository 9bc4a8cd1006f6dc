//! `kubectl describe`: the describers of `k8s.io/kubectl/pkg/describe` for Node, Pod and
//! DaemonSet, Namespace and PriorityClass, the generic describer for the other kinds, and
//! the playground's own placement sections (why a DaemonSet does or does not run on a node,
//! with the manifest line that decided).
//!
//! Each describer writes tab-separated text that Go's tabwriter aligns
//! (`minwidth 0, padding 2`), exactly as kubectl's `tabbedString`.

mod daemonset;
mod generic;
mod node;
mod pod;
pub(crate) mod quantity;

#[cfg(test)]
pub(crate) mod tests;

use crate::api::{Event, Taint, Time, Toleration};
use crate::cluster::{Cluster, Key};
use crate::kubectl::printers::tabwriter::tabwrite;
use crate::kubectl::printers::util::{escape_terminal, since};
use crate::kubectl::resource::Resource;
use std::collections::BTreeMap;

/// `kubectl describe <res> <name>` for one object ("" if it does not exist).
pub fn describe(c: &Cluster, res: Resource, key: &Key) -> String {
    match res {
        Resource::Nodes => node::describe_node(c, &key.name),
        Resource::Pods => pod::describe_pod(c, key),
        Resource::DaemonSets => daemonset::describe_daemonset(c, key),
        Resource::Namespaces => generic::describe_namespace(c, &key.name),
        Resource::PriorityClasses => generic::describe_priority_class(c, &key.name),
        Resource::ControllerRevisions | Resource::Events => generic::describe_generic(c, res, key),
    }
}

/// `DescribePodTemplate` written straight to a buffer, as `kubectl rollout history
/// --revision=N` prints it (kubectl's `printTemplate` uses no tabwriter: tabs stay tabs).
pub fn pod_template(t: &crate::api::PodTemplateSpec) -> String {
    let mut w = W::new();
    pod::describe_pod_template(&mut w, t);
    escape_terminal(&w.buf)
}

/// kubectl's `PrefixWriter` over a buffer that `finish` runs through the tabwriter.
pub(crate) struct W {
    buf: String,
}

impl W {
    pub fn new() -> W {
        W { buf: String::new() }
    }

    /// `w.Write(level, ...)`: two spaces per level, then the text (which carries its own
    /// tabs and newline).
    pub fn write(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.buf.push_str("  ");
        }
        self.buf.push_str(text);
    }

    /// `w.WriteLine(text)`.
    pub fn line(&mut self, text: &str) {
        self.buf.push_str(text);
        self.buf.push('\n');
    }

    /// The aligned text (`tabbedString`).
    pub fn finish(self) -> String {
        tabwrite(&escape_terminal(&self.buf), 0, 2)
    }
}

/// `time.RFC1123Z`: `Wed, 01 Jan 2025 00:00:00 +0000` (Go's zero time for None).
pub(crate) fn rfc1123z(t: Option<Time>) -> String {
    let Some(t) = t else {
        return "Mon, 01 Jan 0001 00:00:00 +0000".into();
    };
    let s = t.rfc3339(); // 2025-01-01T00:00:00Z
    let days = t.0.div_euclid(1000).div_euclid(86_400);
    const WD: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MON: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let wd = WD[days.rem_euclid(7) as usize];
    let month: usize = s[5..7].parse().unwrap_or(1);
    format!(
        "{wd}, {} {} {} {} +0000",
        &s[8..10],
        MON[month - 1],
        &s[0..4],
        &s[11..19]
    )
}

/// `printLabelsMultiline`: the first label after the title, the rest aligned under it.
pub(crate) fn labels_multiline(w: &mut W, title: &str, labels: &BTreeMap<String, String>) {
    labels_multiline_indent(w, "", title, labels);
}

pub(crate) fn labels_multiline_indent(
    w: &mut W,
    initial: &str,
    title: &str,
    labels: &BTreeMap<String, String>,
) {
    w.write(0, &format!("{initial}{title}:\t"));
    if labels.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (k, v)) in labels.iter().enumerate() {
        if i != 0 {
            w.write(0, initial);
            w.write(0, "\t");
        }
        w.write(0, &format!("{k}={v}\n"));
    }
}

const MAX_ANNOTATION_LEN: usize = 140;

/// `printAnnotationsMultiline`: skips the last-applied annotation, breaks long or
/// multi-line values onto their own lines.
pub(crate) fn annotations_multiline(
    w: &mut W,
    title: &str,
    annotations: &BTreeMap<String, String>,
) {
    w.write(0, &format!("{title}:\t"));
    let keys: Vec<&String> = annotations
        .keys()
        .filter(|k| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration")
        .collect();
    if keys.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, key) in keys.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let value = annotations[key.as_str()]
            .strip_suffix('\n')
            .unwrap_or(&annotations[key.as_str()]);
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(0, &format!("{key}:\n"));
            for s in value.split('\n') {
                w.write(0, &format!("\t  {}\n", shorten(s, MAX_ANNOTATION_LEN - 2)));
            }
        } else {
            w.write(0, &format!("{key}: {value}\n"));
        }
    }
}

/// Go's `s[:max] + "..."` (byte-wise; a cut inside a character keeps the valid prefix).
fn shorten(s: &str, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}...", &s[..end])
    } else {
        s.to_string()
    }
}

/// `printNodeTaintsMultiline`: sorted by effect then key.
pub(crate) fn taints_multiline(w: &mut W, title: &str, taints: &[Taint]) {
    w.write(0, &format!("{title}:\t"));
    if taints.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Taint> = taints.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| {
        format!("{},{}", a.effect, a.key).cmp(&format!("{},{}", b.effect, b.key))
    });
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{}\n", t.to_string_k8s()));
    }
}

/// `printPodTolerationsMultiline`: sorted by key; `key=value:Effect op=Exists for 300s`.
pub(crate) fn tolerations_multiline(
    w: &mut W,
    initial: &str,
    title: &str,
    tolerations: &[Toleration],
) {
    w.write(0, &format!("{initial}{title}:\t"));
    if tolerations.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Toleration> = tolerations.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| a.key.cmp(&b.key));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.write(0, initial);
            w.write(0, "\t");
        }
        let mut s = t.key.clone();
        if !t.value.is_empty() {
            s.push_str(&format!("={}", t.value));
        }
        if !t.effect.is_empty() {
            s.push_str(&format!(":{}", t.effect));
        }
        if t.operator == "Exists" && t.value.is_empty() {
            if !t.key.is_empty() || !t.effect.is_empty() {
                s.push_str(" op=Exists");
            } else {
                s.push_str("op=Exists");
            }
        }
        if let Some(secs) = t.toleration_seconds {
            s.push_str(&format!(" for {secs}s"));
        }
        w.write(0, &format!("{s}\n"));
    }
}

/// The events `searchEvents` finds for an object: same name and namespace, the given uid
/// (or any of them), and the kind when one is given.
pub(crate) fn events_for<'a>(
    c: &'a Cluster,
    kind: Option<&str>,
    namespace: &str,
    name: &str,
    uids: &[&str],
) -> Vec<&'a Event> {
    c.store
        .events_about(namespace, name)
        .into_iter()
        .map(|e| &**e)
        .filter(|e| {
            let io = &e.involved_object;
            kind.is_none_or(|k| io.kind == k) && uids.iter().any(|u| io.uid == *u)
        })
        .collect()
}

/// `DescribeEvents`: sorted by last timestamp; `2m (x3 over 5m)` for repeated events.
pub(crate) fn describe_events(w: &mut W, now: Time, events: &[&Event]) {
    if events.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    let mut sorted: Vec<&Event> = events.to_vec();
    crate::sort::sort_by_key(&mut sorted, |e| e.last_timestamp);
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    let t = |t: Time| if t.0 == 0 { None } else { Some(t) };
    for e in sorted {
        let first = since(now, t(e.first_timestamp));
        let interval = if e.count > 1 {
            format!(
                "{} (x{} over {first})",
                since(now, t(e.last_timestamp)),
                e.count
            )
        } else {
            first
        };
        // (kubectl v1.32 does not prefix the involved object's fieldPath.)
        let message = e.message.trim();
        w.write(
            1,
            &format!(
                "{}\t{}\t{interval}\t{}\t{message}\n",
                e.type_, e.reason, e.source.component
            ),
        );
    }
}

/// ` (file:line:col path)` for a DaemonSet's manifest field, when its source map has it.
pub(crate) fn source_suffix(c: &Cluster, ds_key: &Key, field_path: Option<String>) -> String {
    let (Some(path), Some(src)) = (field_path, c.store.sources.get(ds_key)) else {
        return String::new();
    };
    match src.find(&path) {
        Some((found, pos)) if pos.line > 0 => {
            format!(" ({}:{}:{} {found})", src.file, pos.line, pos.col)
        }
        _ => String::new(),
    }
}
