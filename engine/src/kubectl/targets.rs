//! What a command acts on: `-f` files and folders, `TYPE NAME...`, `TYPE/NAME`, `-l`.

use super::resource::Resource;
use super::Ctx;
use crate::cluster::Key;

/// The manifests named by one `-f` value: `-` (standard input), a file, or a folder
/// (its .yaml, .yml and .json files; with -R, recursively).
pub fn read_manifests(
    ctx: &Ctx,
    path: &str,
    recursive: bool,
) -> Result<Vec<(String, String)>, String> {
    if path == "-" {
        return Ok(vec![("STDIN".into(), ctx.stdin.unwrap_or("").to_string())]);
    }
    if path.starts_with("http://") || path.starts_with("https://") {
        return Err(format!("unable to read URL {path:?}: the playground makes no network requests; save the file and pass its path"));
    }
    if let Some(entries) = ctx.files.list_dir(path) {
        let mut out = Vec::new();
        for e in entries {
            let full = format!("{}/{}", path.trim_end_matches('/'), e);
            if ctx.files.list_dir(&full).is_some() {
                if recursive {
                    out.extend(read_manifests(ctx, &full, true)?);
                }
                continue;
            }
            if [".yaml", ".yml", ".json"].iter().any(|x| e.ends_with(x)) {
                out.push((full.clone(), ctx.files.read(&full)?));
            }
        }
        return Ok(out);
    }
    Ok(vec![(path.to_string(), ctx.files.read(path)?)])
}

/// `kubectl get pods a b`, `get pods,ds`, `get pod/a ds/b`: (resource, names) groups.
pub fn parse_targets(pos: &[String]) -> Result<Vec<(Resource, Vec<String>)>, String> {
    let Some(first) = pos.first() else {
        return Err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.".into());
    };
    if pos.iter().any(|p| p.contains('/')) {
        let mut out: Vec<(Resource, Vec<String>)> = Vec::new();
        for p in pos {
            let Some((t, n)) = p.split_once('/') else {
                return Err("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into());
            };
            let r = Resource::parse(t)
                .ok_or_else(|| format!("the server doesn't have a resource type \"{t}\""))?;
            match out.iter_mut().find(|(x, _)| *x == r) {
                Some((_, names)) => names.push(n.to_string()),
                None => out.push((r, vec![n.to_string()])),
            }
        }
        return Ok(out);
    }
    let mut out = Vec::new();
    for t in first.split(',') {
        let r = Resource::parse(t)
            .ok_or_else(|| format!("the server doesn't have a resource type \"{t}\""))?;
        out.push((r, pos[1..].to_vec()));
    }
    Ok(out)
}

/// The namespace a command works in: `-n`, else `default`.
pub fn namespace(p: &super::args::Parsed) -> String {
    p.get("namespace").unwrap_or("default").to_string()
}

pub fn key_for(r: Resource, ns: &str, name: &str) -> Key {
    if r.namespaced() {
        Key::new(ns, name)
    } else {
        Key::new("", name)
    }
}
