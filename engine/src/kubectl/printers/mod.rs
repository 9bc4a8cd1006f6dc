//! kubectl's output formats for `get`: the human-readable table (server-side columns,
//! `-o wide`, `--show-labels`, `-L`, `-A`, `--no-headers`), `-o yaml`, `-o json` and
//! `-o name`.

#[cfg(feature = "output-templates")]
pub mod gotemplate;
mod json;
#[cfg(feature = "output-templates")]
pub mod jsonpath;
pub(crate) mod table;
pub(crate) mod tabwriter;
#[cfg(feature = "output-templates")]
pub mod templates;
#[cfg(not(feature = "output-templates"))]
#[path = "templates_off.rs"]
pub mod templates;
pub(crate) mod util;
mod yaml;

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_yaml;

use crate::cluster::{Cluster, Key};
use crate::kubectl::resource::Resource;
use serde_json::{json, Value as Json};

pub use json::to_json_pretty;
pub use table::{node_status, pod_summary};
pub use yaml::to_yaml;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Wide,
    Yaml,
    Json,
    Name,
}

#[derive(Clone, Debug)]
pub struct PrintOptions {
    pub output: OutputFormat,
    pub show_labels: bool,
    /// Adds the NAMESPACE column (callers pass false for cluster-scoped kinds).
    pub all_namespaces: bool,
    pub no_headers: bool,
    /// `-L key`: one column per label key.
    pub label_columns: Vec<String>,
}

/// `kubectl get <res>` output for these objects. `single` = the user named exactly one
/// object (then -o yaml/json print the object itself, not a List).
pub fn print_get(
    c: &Cluster,
    res: Resource,
    items: &[Key],
    opts: &PrintOptions,
    single: bool,
) -> String {
    match opts.output {
        OutputFormat::Table | OutputFormat::Wide => print_table(c, res, items, opts),
        OutputFormat::Name => items
            .iter()
            .filter(|k| res.meta(c, k).is_some())
            .map(|k| format!("{}/{}\n", res.singular_qualified(), k.name))
            .collect(),
        OutputFormat::Yaml | OutputFormat::Json => {
            let v = objects_json(c, res, items, single);
            if opts.output == OutputFormat::Yaml {
                to_yaml(&v)
            } else {
                to_json_pretty(&v)
            }
        }
    }
}

/// The objects as `-o json` prints them: the one named, or a List.
pub fn objects_json(c: &Cluster, res: Resource, items: &[Key], single: bool) -> Json {
    list_or_object(
        items.iter().filter_map(|k| res.to_json(c, k)).collect(),
        single,
    )
}

/// The object itself when one was named and found, else a List of them all.
pub fn list_or_object(objs: Vec<Json>, single: bool) -> Json {
    if single && objs.len() == 1 {
        objs.into_iter().next().unwrap_or(Json::Null)
    } else {
        json!({"apiVersion": "v1", "items": objs, "kind": "List", "metadata": {"resourceVersion": ""}})
    }
}

/// The table kubectl prints when several resource types were asked for (`kubectl get
/// ds,pods`, or `--show-kind`): the NAME cells carry the kind, `daemonset.apps/fluentd`.
/// Other formats are as `print_get`.
pub fn print_get_with_kind(
    c: &Cluster,
    res: Resource,
    items: &[Key],
    opts: &PrintOptions,
) -> String {
    match opts.output {
        OutputFormat::Table | OutputFormat::Wide => render_table(c, res, items, opts, true),
        _ => print_get(c, res, items, opts, false),
    }
}

/// A table cell as kubectl writes it: cut at the first line break (plus `...`), terminal
/// escapes made visible.
fn cell(s: &str) -> String {
    match s.find(['\n', '\r', '\x0c']) {
        Some(i) => format!("{}...", util::escape_terminal(&s[..i])),
        None => util::escape_terminal(s),
    }
}

fn print_table(c: &Cluster, res: Resource, items: &[Key], opts: &PrintOptions) -> String {
    render_table(c, res, items, opts, false)
}

fn render_table(
    c: &Cluster,
    res: Resource,
    items: &[Key],
    opts: &PrintOptions,
    with_kind: bool,
) -> String {
    let wide = opts.output == OutputFormat::Wide;
    let cols = table::columns(res);
    let with_ns = opts.all_namespaces && res.namespaced();
    let rows: Vec<table::Row> = items.iter().filter_map(|k| table::row(c, res, k)).collect();
    if rows.is_empty() {
        return String::new();
    }
    let mut lines: Vec<Vec<String>> = Vec::new();
    if !opts.no_headers {
        let mut h: Vec<String> = Vec::new();
        if with_ns {
            h.push("NAMESPACE".into());
        }
        h.extend(
            cols.iter()
                .filter(|col| wide || !col.wide)
                .map(|col| crate::case::to_uppercase(col.name)),
        );
        h.extend(
            opts.label_columns
                .iter()
                .map(|l| crate::case::to_uppercase(l.rsplit('/').next().unwrap_or(""))),
        );
        if opts.show_labels {
            h.push("LABELS".into());
        }
        lines.push(h);
    }
    for mut r in rows {
        if with_kind {
            if let Some(i) = cols.iter().position(|col| col.name == "Name") {
                r.cells[i] = format!("{}/{}", res.singular_qualified(), r.cells[i]);
            }
        }
        let mut l: Vec<String> = Vec::new();
        if with_ns {
            l.push(cell(&r.meta.namespace));
        }
        l.extend(
            r.cells
                .iter()
                .zip(cols)
                .filter(|(_, col)| wide || !col.wide)
                .map(|(s, _)| cell(s)),
        );
        l.extend(
            opts.label_columns
                .iter()
                .map(|k| cell(r.meta.labels.get(k).map(String::as_str).unwrap_or(""))),
        );
        if opts.show_labels {
            l.push(cell(&util::format_labels(&r.meta.labels)));
        }
        lines.push(l);
    }
    let text: String = lines
        .iter()
        .map(|l| format!("{}\n", l.join("\t")))
        .collect();
    tabwriter::tabwrite(&text, 6, 3)
}
