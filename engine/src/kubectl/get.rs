//! `kubectl get` and `kubectl describe`.

use super::args::{self, flag, FlagSpec};
use super::field_selector;
use super::printers::{self, templates, OutputFormat, PrintOptions};
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
    flag("template", None, true),
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
    let template = match p
        .get("output")
        .and_then(|o| templates::parse(o, p.get("template")))
    {
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => return Output::err(format!("error: {e}\n")),
        None => None,
    };
    let format = match template {
        // The template formats print the objects as -o json would give them.
        Some(_) => OutputFormat::Json,
        None => match output_format(p.get("output")) {
            Ok(f) => f,
            Err(e) => return Output::err(format!("error: {e}\n")),
        },
    };
    let targets = match parse_targets(&p.positional) {
        Ok(t) => t,
        Err(e) => return Output::err(format!("error: {e}\n")),
    };
    let sel = match p.get("selector").map(selector::parse).transpose() {
        Ok(s) => s,
        Err(e) => return Output::err(format!("error: {e}\n")),
    };
    let fields = match p
        .get("field-selector")
        .map(field_selector::parse)
        .transpose()
    {
        Ok(f) => f,
        Err(e) => return Output::err(format!("{e}\n")),
    };
    let all_ns = p.bool("all-namespaces");
    let ns = namespace(&p);
    let mut out = Output::default();
    let multi = targets.len() > 1;
    let mut printed_any = false;
    // -o yaml|json and the templates print every object found, of every type, as one
    // List, or the object itself when one was named (kubectl's `printGeneric`).
    let generic = template.is_some() || matches!(format, OutputFormat::Yaml | OutputFormat::Json);
    let named = targets.iter().map(|(_, n)| n.len()).sum::<usize>();
    let mut objects: Vec<serde_json::Value> = Vec::new();
    for (r, names) in targets {
        let mut keys: Vec<Key> = Vec::new();
        if names.is_empty() {
            if let Some(e) = fields
                .as_deref()
                .and_then(|f| field_selector::unsupported(r, f))
            {
                return Output::err(format!(
                    "Error from server (BadRequest): Unable to find \"{}\" that match label selector \"{}\", field selector \"{}\": {e}\n",
                    r.group_version_resource(),
                    p.get("selector").unwrap_or(""),
                    p.get("field-selector").unwrap_or("")
                ));
            }
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
                if fields
                    .as_ref()
                    .is_some_and(|f| !field_selector::matches(ctx.cluster, r, &k, f))
                {
                    continue;
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
        if generic {
            objects.extend(keys.iter().filter_map(|k| r.to_json(ctx.cluster, k)));
            continue;
        }
        let text = printers::print_get(ctx.cluster, r, &keys, &opts, false);
        if multi && printed_any && matches!(format, OutputFormat::Table | OutputFormat::Wide) {
            out.stdout.push('\n');
        }
        out.stdout.push_str(&text);
        printed_any = true;
    }
    if generic {
        if objects.is_empty() && out.failed {
            return out;
        }
        let data = printers::list_or_object(objects, named == 1);
        let printed = match &template {
            Some(t) => templates::print(t, &data, p.bool("no-headers")),
            None if format == OutputFormat::Yaml => Ok(printers::to_yaml(&data)),
            None => Ok(printers::to_json_pretty(&data)),
        };
        match printed {
            Ok(text) => out.stdout.push_str(&text),
            Err(e) => out.append(Output::err(format!("error: {e}\n"))),
        }
        return out;
    }
    if !printed_any && !out.failed {
        let any_named = p.positional.len() > 1 || p.positional.iter().any(|x| x.contains('/'));
        if !any_named {
            let namespaced = parse_targets(&p.positional)
                .map(|t| t.iter().any(|(r, _)| r.namespaced()))
                .unwrap_or(false);
            if namespaced && !all_ns {
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
