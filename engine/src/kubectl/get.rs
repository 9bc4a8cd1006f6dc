//! `kubectl get` and `kubectl describe`.

use super::args::{self, flag, FlagSpec};
use super::printers::{self, OutputFormat, PrintOptions};
use super::resource::Resource;
use super::targets::{key_for, namespace, parse_targets};
use super::{selector, usage_error, Ctx};
use crate::cluster::Key;
use crate::session::Output;

const GET_FLAGS: &[FlagSpec] = &[
    flag("output", Some('o'), true),
    flag("selector", Some('l'), true),
    flag("all-namespaces", Some('A'), false),
    flag("show-labels", None, false),
    flag("label-columns", Some('L'), true),
    flag("no-headers", None, false),
    flag("field-selector", None, true),
    flag("watch", Some('w'), false),
    flag("sort-by", None, true),
    flag("show-kind", None, false),
];

fn output_format(s: Option<&str>) -> Result<OutputFormat, String> {
    Ok(match s {
        None | Some("") => OutputFormat::Table,
        Some("wide") => OutputFormat::Wide,
        Some("yaml") => OutputFormat::Yaml,
        Some("json") => OutputFormat::Json,
        Some("name") => OutputFormat::Name,
        Some(o) => {
            return Err(format!(
                "unable to match a printer suitable for the output format \"{o}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
            ))
        }
    })
}

/// `--field-selector`: `metadata.name`, `metadata.namespace`, `spec.nodeName`, `status.phase`.
fn field_filter(ctx: &Ctx, r: Resource, k: &Key, fs: &str) -> Result<bool, String> {
    for part in fs.split(',').filter(|p| !p.is_empty()) {
        let (field, neg, val) = if let Some((f, v)) = part.split_once("!=") {
            (f, true, v)
        } else if let Some((f, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
            (f, false, v)
        } else {
            return Err(format!(
                "invalid selector: '{part}'; can't understand '{part}'"
            ));
        };
        let c = &ctx.cluster;
        let have = match (r, field) {
            (_, "metadata.name") => k.name.clone(),
            (_, "metadata.namespace") => k.namespace.clone(),
            (Resource::Pods, "spec.nodeName") => c.store.pods.get(k).map(|p| p.spec.node_name.clone()).unwrap_or_default(),
            (Resource::Pods, "status.phase") => c.store.pods.get(k).map(|p| p.status.phase.clone()).unwrap_or_default(),
            (Resource::Nodes, "spec.unschedulable") => {
                c.store.nodes.get(&k.name).map(|n| n.spec.unschedulable.to_string()).unwrap_or_default()
            }
            _ => {
                return Err(format!(
                    "Error from server (BadRequest): Unable to find \"/v1, Resource={}\" that match label selector \"\", field selector \"{fs}\": \"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
                    r.plural()
                ))
            }
        };
        if (have == val) == neg {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn get(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(rest, GET_FLAGS) {
        Ok(p) => p,
        Err(e) => return usage_error("get", &e),
    };
    if p.bool("watch") {
        return Output::err(
            "error: --watch is not simulated; use `sleep` to let time pass, then get again\n",
        );
    }
    let format = match output_format(p.get("output")) {
        Ok(f) => f,
        Err(e) => return Output::err(format!("error: {e}\n")),
    };
    let targets = match parse_targets(&p.positional) {
        Ok(t) => t,
        Err(e) => return Output::err(format!("error: {e}\n")),
    };
    let sel = match p.get("selector").map(selector::parse).transpose() {
        Ok(s) => s,
        Err(e) => return Output::err(format!("error: {e}\n")),
    };
    let all_ns = p.bool("all-namespaces");
    let ns = namespace(&p);
    let mut out = Output::default();
    let multi = targets.len() > 1;
    let mut printed_any = false;
    for (r, names) in targets {
        let mut keys: Vec<Key> = Vec::new();
        if names.is_empty() {
            let scope = if all_ns || !r.namespaced() {
                None
            } else {
                Some(ns.as_str())
            };
            for k in r.list(ctx.cluster, scope) {
                let Some(meta) = r.meta(ctx.cluster, &k) else {
                    continue;
                };
                if sel.as_ref().is_some_and(|s| !s.matches(&meta.labels)) {
                    continue;
                }
                if let Some(fs) = p.get("field-selector") {
                    match field_filter(ctx, r, &k, fs) {
                        Ok(true) => {}
                        Ok(false) => continue,
                        Err(e) => return Output::err(format!("{e}\n")),
                    }
                }
                keys.push(k);
            }
        } else {
            for n in &names {
                let k = key_for(r, &ns, n);
                if r.meta(ctx.cluster, &k).is_some() {
                    keys.push(k);
                } else {
                    out.append(Output::err(format!(
                        "Error from server (NotFound): {} \"{n}\" not found\n",
                        r.plural_qualified()
                    )));
                }
            }
            if keys.is_empty() {
                continue;
            }
        }
        let opts = PrintOptions {
            output: match format {
                OutputFormat::Table => OutputFormat::Table,
                OutputFormat::Wide => OutputFormat::Wide,
                OutputFormat::Yaml => OutputFormat::Yaml,
                OutputFormat::Json => OutputFormat::Json,
                OutputFormat::Name => OutputFormat::Name,
            },
            show_labels: p.bool("show-labels"),
            all_namespaces: all_ns && r.namespaced(),
            no_headers: p.bool("no-headers"),
            label_columns: p
                .all("label-columns")
                .iter()
                .flat_map(|s| s.split(',').map(String::from))
                .collect(),
        };
        if keys.is_empty() {
            continue;
        }
        let single = names.len() == 1 && keys.len() == 1;
        let text = printers::print_get(ctx.cluster, r, &keys, &opts, single);
        if multi && printed_any && matches!(format, OutputFormat::Table | OutputFormat::Wide) {
            out.stdout.push('\n');
        }
        out.stdout.push_str(&text);
        printed_any = true;
    }
    if !printed_any && !out.failed {
        let any_named = p.positional.len() > 1 || p.positional.iter().any(|x| x.contains('/'));
        if !any_named {
            let namespaced = parse_targets(&p.positional)
                .map(|t| t.iter().any(|(r, _)| r.namespaced()))
                .unwrap_or(false);
            if matches!(format, OutputFormat::Yaml | OutputFormat::Json) {
                out.stdout.push_str(&printers::print_get(
                    ctx.cluster,
                    Resource::Pods,
                    &[],
                    &PrintOptions {
                        output: format,
                        show_labels: false,
                        all_namespaces: false,
                        no_headers: false,
                        label_columns: vec![],
                    },
                    false,
                ));
            } else if namespaced && !all_ns {
                out.stderr
                    .push_str(&format!("No resources found in {ns} namespace.\n"));
            } else {
                out.stderr.push_str("No resources found\n");
            }
        }
    }
    out
}

pub fn describe(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(
        rest,
        &[
            flag("selector", Some('l'), true),
            flag("all-namespaces", Some('A'), false),
            flag("show-events", None, false),
        ],
    ) {
        Ok(p) => p,
        Err(e) => return usage_error("describe", &e),
    };
    let targets = match parse_targets(&p.positional) {
        Ok(t) => t,
        Err(e) => return Output::err(format!("error: {e}\n")),
    };
    let sel = match p.get("selector").map(selector::parse).transpose() {
        Ok(s) => s,
        Err(e) => return Output::err(format!("error: {e}\n")),
    };
    let ns = namespace(&p);
    let all_ns = p.bool("all-namespaces");
    let mut out = Output::default();
    let mut texts = Vec::new();
    for (r, names) in targets {
        let keys: Vec<Key> = if names.is_empty() {
            let scope = if all_ns || !r.namespaced() {
                None
            } else {
                Some(ns.as_str())
            };
            r.list(ctx.cluster, scope)
                .into_iter()
                .filter(|k| {
                    r.meta(ctx.cluster, k)
                        .is_some_and(|m| sel.as_ref().is_none_or(|s| s.matches(&m.labels)))
                })
                .collect()
        } else {
            let mut v = Vec::new();
            for n in &names {
                // describe also accepts a name prefix, as kubectl does.
                let exact = key_for(r, &ns, n);
                if r.meta(ctx.cluster, &exact).is_some() {
                    v.push(exact);
                    continue;
                }
                let scope = if r.namespaced() {
                    Some(ns.as_str())
                } else {
                    None
                };
                let pre: Vec<Key> = r
                    .list(ctx.cluster, scope)
                    .into_iter()
                    .filter(|k| k.name.starts_with(n.as_str()))
                    .collect();
                if pre.is_empty() {
                    out.append(Output::err(format!(
                        "Error from server (NotFound): {} \"{n}\" not found\n",
                        r.plural_qualified()
                    )));
                }
                v.extend(pre);
            }
            v
        };
        for k in keys {
            texts.push(super::describe::describe(ctx.cluster, r, &k));
        }
    }
    if texts.is_empty() && !out.failed {
        out.stderr
            .push_str(&format!("No resources found in {ns} namespace.\n"));
    }
    out.stdout.push_str(&texts.join("\n\n"));
    out
}
