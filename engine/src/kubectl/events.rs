//! `kubectl events`: the namespace's events (or every namespace's), oldest first, those
//! about one object with `--for TYPE/NAME`, of some types with `--types`.

use super::args::{self, flag, FlagSpec};
use super::printers::{tabwriter, util};
use super::resource::Resource;
use super::targets::namespace;
use super::{usage_error, Ctx};
use crate::api::{Event, Time};
use crate::session::Output;

const EVENTS_FLAGS: &[FlagSpec] = &[
    flag("for", None, true),
    flag("types", None, true),
    flag("all-namespaces", Some('A'), false),
    flag("no-headers", None, false),
    flag("watch", Some('w'), false),
    flag("output", Some('o'), true),
];

pub fn events(ctx: &mut Ctx, rest: &[String]) -> Output {
    let p = match args::parse(rest, EVENTS_FLAGS) {
        Ok(p) => p,
        Err(e) => return usage_error("events", &e),
    };
    if p.bool("watch") {
        return Output::err(
            "error: --watch is not simulated; use `sleep` to let time pass, then list again\n",
        );
    }
    if p.get("output").is_some_and(|o| !o.is_empty()) {
        return Output::err(
            "error: kubectl events prints its table only here; use kubectl get events -o yaml|json\n",
        );
    }
    let types: Vec<String> = p
        .all("types")
        .iter()
        .flat_map(|t| t.split(',').map(str::to_string))
        .filter(|t| !t.is_empty())
        .collect();
    if types
        .iter()
        .any(|t| !t.eq_ignore_ascii_case("Normal") && !t.eq_ignore_ascii_case("Warning"))
    {
        return Output::err("error: valid --types are Normal or Warning\n");
    }
    let about = match p.get("for").map(for_object).transpose() {
        Ok(a) => a,
        Err(e) => return Output::err(format!("error: {e}\n")),
    };
    let all = p.bool("all-namespaces");
    let ns = namespace(&p);
    let c = &ctx.cluster;
    let mut list: Vec<&Event> = c
        .store
        .events
        .iter()
        .map(|e| &**e)
        .filter(|e| all || e.metadata.namespace == ns)
        .filter(|e| {
            about.as_ref().is_none_or(|(kind, api_version, name)| {
                let io = &e.involved_object;
                io.kind == *kind && io.api_version == *api_version && io.name == *name
            })
        })
        .filter(|e| types.is_empty() || types.iter().any(|t| t.eq_ignore_ascii_case(&e.type_)))
        .collect();
    if list.is_empty() {
        return Output::err(if all {
            "No events found.\n".to_string()
        } else {
            format!("No events found in {ns} namespace.\n")
        });
    }
    // `SortableEvents`: by the last time each was seen.
    crate::sort::sort_by_key(&mut list, |e| last_seen(e));
    let mut text = String::new();
    if !p.bool("no-headers") {
        if all {
            text.push_str("NAMESPACE\t");
        }
        text.push_str("LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n");
    }
    for e in list {
        if all {
            text.push_str(&format!("{}\t", e.metadata.namespace));
        }
        let io = &e.involved_object;
        text.push_str(&format!(
            "{}\t{}\t{}\t{}/{}\t{}\n",
            interval(c.now, e),
            util::escape_terminal(&e.type_),
            util::escape_terminal(&e.reason),
            util::escape_terminal(&io.kind),
            util::escape_terminal(&io.name),
            util::escape_terminal(e.message.trim())
        ));
    }
    Output::out(tabwriter::tabwrite(&text, 6, 3))
}

/// `--for TYPE/NAME`: the kind, API version and name of the object.
fn for_object(s: &str) -> Result<(String, String, String), String> {
    let Some((kind, name)) = s
        .split_once('/')
        .filter(|(k, n)| !k.is_empty() && !n.is_empty())
    else {
        return Err("--for must be in resource/name form".into());
    };
    let r = Resource::parse(kind)
        .ok_or_else(|| format!("the server doesn't have a resource type \"{kind}\""))?;
    Ok((r.kind().into(), r.api_version().into(), name.into()))
}

fn last_seen(e: &Event) -> Time {
    if e.last_timestamp.0 != 0 {
        e.last_timestamp
    } else {
        e.first_timestamp
    }
}

/// `getInterval`: `5m`, or `2m (x3 over 5m)` for a repeated event.
fn interval(now: Time, e: &Event) -> String {
    let first = util::since(now, Some(e.first_timestamp));
    if e.count > 1 {
        format!(
            "{} (x{} over {first})",
            util::since(now, Some(e.last_timestamp)),
            e.count
        )
    } else {
        first
    }
}
