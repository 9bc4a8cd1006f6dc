//! `kubectl patch`: JSON merge patch (`--type merge`), strategic merge patch for the
//! common cases (`--type strategic`, the default: lists of containers, tolerations and
//! the like merge by their key), and JSON patch (`--type json`: add, remove, replace, test).

use super::apply::update_daemonset;
use super::args::{self, flag};
use super::resource::Resource;
use super::targets::{key_for, namespace, parse_targets};
use super::{usage_error, Ctx};
use crate::manifest::{to_object, Object};
use crate::session::Output;
use serde_json::{Map, Value};

/// Lists that strategic merge patch merges by a key, by field name.
fn merge_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "containers" | "initContainers" | "volumes" | "env" | "volumeMounts" | "ports" => {
            match field {
                "volumeMounts" => "mountPath",
                "ports" => "containerPort",
                _ => "name",
            }
        }
        "tolerations" | "taints" => "key",
        _ => return None,
    })
}

pub fn merge_patch(target: &Value, patch: &Value, strategic: bool) -> Value {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            if strategic && p.get("$patch").and_then(Value::as_str) == Some("replace") {
                let mut v = p.clone();
                v.remove("$patch");
                return Value::Object(v);
            }
            let mut out: Map<String, Value> = t.clone();
            for (k, pv) in p {
                if pv.is_null() {
                    out.remove(k);
                    continue;
                }
                let merged = match (out.get(k), pv, strategic.then(|| merge_key(k)).flatten()) {
                    (Some(Value::Array(tl)), Value::Array(pl), Some(mk)) => {
                        Value::Array(merge_list(tl, pl, mk))
                    }
                    (Some(tv), _, _) => merge_patch(tv, pv, strategic),
                    (None, _, _) => merge_patch(&Value::Null, pv, strategic),
                };
                out.insert(k.clone(), merged);
            }
            Value::Object(out)
        }
        (_, Value::Object(p)) => merge_patch(
            &Value::Object(Map::new()),
            &Value::Object(p.clone()),
            strategic,
        ),
        _ => patch.clone(),
    }
}

fn merge_list(target: &[Value], patch: &[Value], key: &str) -> Vec<Value> {
    let mut out = target.to_vec();
    for p in patch {
        let k = p.get(key);
        match out.iter().position(|t| k.is_some() && t.get(key) == k) {
            Some(i) => {
                if p.get("$patch").and_then(Value::as_str) == Some("delete") {
                    out.remove(i);
                } else {
                    out[i] = merge_patch(&out[i], p, true);
                }
            }
            None => out.push(p.clone()),
        }
    }
    out
}

fn pointer_parts(path: &str) -> Result<Vec<String>, String> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err(format!("invalid JSON pointer {path:?}"));
    };
    Ok(rest
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect())
}

/// RFC 6902 add, remove, replace and test.
pub fn json_patch(target: &Value, ops: &Value) -> Result<Value, String> {
    let mut doc = target.clone();
    let Some(ops) = ops.as_array() else {
        return Err("json: cannot unmarshal object into Go value of type jsonpatch.Patch".into());
    };
    for op in ops {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str).unwrap_or("");
        let parts = pointer_parts(path)?;
        let (last, parents) = parts.split_last().ok_or("empty path")?;
        let mut cur = &mut doc;
        for p in parents {
            cur = match cur {
                Value::Object(m) => m
                    .get_mut(p)
                    .ok_or_else(|| format!("doc is missing path: \"{path}\""))?,
                Value::Array(a) => a
                    .get_mut(
                        p.parse::<usize>()
                            .map_err(|_| format!("invalid index {p:?}"))?,
                    )
                    .ok_or_else(|| format!("doc is missing path: \"{path}\""))?,
                _ => return Err(format!("doc is missing path: \"{path}\"")),
            };
        }
        let value = op.get("value").cloned();
        match (kind, cur) {
            ("add" | "replace", Value::Object(m)) => {
                if kind == "replace" && !m.contains_key(last) {
                    return Err(format!(
                        "replace operation does not apply: doc is missing key: {path}"
                    ));
                }
                m.insert(last.clone(), value.ok_or("missing value")?);
            }
            ("add", Value::Array(a)) => {
                let v = value.ok_or("missing value")?;
                if last == "-" {
                    a.push(v);
                } else {
                    let i: usize = last
                        .parse()
                        .map_err(|_| format!("invalid index {last:?}"))?;
                    if i > a.len() {
                        return Err(format!(
                            "add operation does not apply: doc is missing path: \"{path}\""
                        ));
                    }
                    a.insert(i, v);
                }
            }
            ("replace", Value::Array(a)) => {
                let i: usize = last
                    .parse()
                    .map_err(|_| format!("invalid index {last:?}"))?;
                *a.get_mut(i).ok_or_else(|| {
                    format!("replace operation does not apply: doc is missing path: {path}")
                })? = value.ok_or("missing value")?;
            }
            ("remove", Value::Object(m)) => {
                m.remove(last).ok_or_else(|| {
                    format!("remove operation does not apply: doc is missing path: \"{path}\"")
                })?;
            }
            ("remove", Value::Array(a)) => {
                let i: usize = last
                    .parse()
                    .map_err(|_| format!("invalid index {last:?}"))?;
                if i >= a.len() {
                    return Err(format!(
                        "remove operation does not apply: doc is missing path: \"{path}\""
                    ));
                }
                a.remove(i);
            }
            ("test", c) => {
                let have = match c {
                    Value::Object(m) => m.get(last).cloned(),
                    Value::Array(a) => last.parse::<usize>().ok().and_then(|i| a.get(i).cloned()),
                    _ => None,
                };
                if have != value {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            (other, _) => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(doc)
}

pub fn patch(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(
        rest,
        &[
            flag("patch", Some('p'), true),
            flag("type", None, true),
            flag("patch-file", None, true),
            flag("dry-run", None, true),
        ],
    ) {
        Ok(p) => p,
        Err(e) => return usage_error("patch", &e),
    };
    let text = match (p.get("patch"), p.get("patch-file")) {
        (Some(t), _) => t.to_string(),
        (None, Some(f)) => match ctx.files.read(f) {
            Ok(t) => t,
            Err(e) => return Output::err(format!("error: {e}\n")),
        },
        _ => {
            return usage_error(
                "patch",
                "must specify --patch or --patch-file containing the contents of the patch",
            )
        }
    };
    let ty = p.get("type").unwrap_or("strategic");
    let patch_v: Value = match crate::yaml::parse_documents(&text) {
        Ok(docs) if docs.len() == 1 => docs[0].to_json(),
        Ok(_) => {
            return Output::err(
                "error: unable to parse the patch: expected one document\n".to_string(),
            )
        }
        Err(e) => return Output::err(format!("error: unable to parse \"{text}\": {e}\n")),
    };
    let targets = match parse_targets(&p.positional) {
        Ok(t) => t,
        Err(e) => return Output::err(format!("error: {e}\n")),
    };
    let ns = namespace(&p);
    let mut out = Output::default();
    for (r, names) in targets {
        for n in names {
            let key = key_for(r, &ns, &n);
            let Some(live) = r.to_json(ctx.cluster, &key) else {
                out.append(Output::err(format!(
                    "Error from server (NotFound): {} \"{n}\" not found\n",
                    r.plural_qualified()
                )));
                continue;
            };
            let patched = match ty {
                "merge" => Ok(merge_patch(&live, &patch_v, false)),
                "strategic" => Ok(merge_patch(&live, &patch_v, true)),
                "json" => json_patch(&live, &patch_v),
                other => Err(format!(
                    "--type must be one of [json merge strategic], not \"{other}\""
                )),
            };
            let patched = match patched {
                Ok(v) => v,
                Err(e) => {
                    out.append(Output::err(format!("error: {e}\n")));
                    continue;
                }
            };
            if patched == live {
                out.stdout.push_str(&format!(
                    "{}/{n} patched (no change)\n",
                    r.singular_qualified()
                ));
                continue;
            }
            let obj = match to_object(r.kind(), patched) {
                Ok(o) => o,
                Err(e) => {
                    out.append(Output::err(format!(
                        "Error from server (BadRequest): {e}\n"
                    )));
                    continue;
                }
            };
            let res = match (r, obj) {
                (Resource::DaemonSets, Object::DaemonSet(ds)) => {
                    update_daemonset(ctx.cluster, &key, ds, None).map(|_| ())
                }
                (Resource::Nodes, Object::Node(mut node)) => {
                    let errs = crate::validation::validate_node(&node);
                    if errs.is_empty() {
                        let c = &mut *ctx.cluster;
                        node.metadata.resource_version = c.new_resource_version();
                        let cur = crate::cluster::Shared::new(node);
                        let old = c.store.nodes.insert(key.name.to_string(), cur.clone());
                        if let Some(old) = old {
                            c.node_updated(&old, &cur);
                        }
                        Ok(())
                    } else {
                        Err(format!(
                            "{}\n",
                            crate::validation::invalid_message("Node", &n, &errs)
                        ))
                    }
                }
                _ => Err(format!("error: patching {} is not simulated\n", r.plural())),
            };
            match res {
                Ok(()) => out
                    .stdout
                    .push_str(&format!("{}/{n} patched\n", r.singular_qualified())),
                Err(e) => out.append(Output::err(e)),
            }
        }
    }
    out
}
