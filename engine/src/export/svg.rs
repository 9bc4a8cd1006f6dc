//! The timeline as an SVG picture for slides: one row per node, the daemon pods' states
//! as coloured bars over simulated time, markers at the commands.

use super::{item, start_time, walk, Item};
use crate::cluster::Key;
use crate::timeline::Timeline;
use crate::view::{board, PodState};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// The app's colour for each pod state.
pub const PALETTE: [(PodState, &str); 10] = [
    (PodState::Pending, "#afb8c1"),
    (PodState::ContainerCreating, "#54aeff"),
    (PodState::Running, "#d4a72c"),
    (PodState::Ready, "#4ac26b"),
    (PodState::Available, "#1a7f37"),
    (PodState::Terminating, "#8c959f"),
    (PodState::CrashLoopBackOff, "#cf222e"),
    (PodState::ImagePullBackOff, "#e16f24"),
    (PodState::Failed, "#82071e"),
    (PodState::Succeeded, "#0969da"),
];

fn colour(s: PodState) -> &'static str {
    PALETTE
        .iter()
        .find(|(p, _)| *p == s)
        .map_or("#000000", |(_, c)| c)
}

/// Dark text reads better on these fills, white on the others.
fn light(s: PodState) -> bool {
    matches!(
        s,
        PodState::Pending | PodState::ContainerCreating | PodState::Running | PodState::Ready
    )
}

#[derive(Clone, Debug)]
pub struct SvgOptions {
    /// Width of the picture in pixels.
    pub width: u32,
    /// Node rows drawn at most; the others are counted in a note.
    pub max_rows: usize,
    /// States sampled at most (the replay still runs every action).
    pub max_samples: usize,
    /// Commands listed under the chart at most (all get a marker, up to 500).
    pub max_listed_commands: usize,
    /// The title; None for "DaemonSet Playground timeline".
    pub title: Option<String>,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            width: 1200,
            max_rows: 40,
            max_samples: 2000,
            max_listed_commands: 30,
            title: None,
        }
    }
}

/// Text for XML: the five special characters escaped, characters XML 1.0 does not allow
/// replaced, cut to `max` characters with an ellipsis.
pub(crate) fn esc(s: &str, max: usize) -> String {
    let mut out = String::new();
    let count = s.chars().count();
    for (i, c) in s.chars().enumerate() {
        if i + 1 == max && count > max {
            out.push('…');
            break;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || ('\u{fffe}'..='\u{ffff}').contains(&c) => {
                out.push('\u{fffd}')
            }
            c => out.push(c),
        }
    }
    out
}

/// `0s`, `45s`, `1m30s`, `2h5m`, `1.5s`.
pub(crate) fn duration(ms: i64) -> String {
    if ms < 1000 && ms > 0 {
        return format!("{ms}ms");
    }
    if ms % 1000 != 0 && ms < 60_000 {
        return format!("{:.1}s", ms as f64 / 1000.0);
    }
    let s = ms / 1000;
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    match (h, m, sec) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, s) => format!("{m}m{s}s"),
        (h, 0, _) => format!("{h}h"),
        (h, m, _) => format!("{h}h{m}m"),
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Seg {
    /// Sample indices: the state holds from sample `from` up to sample `to` (exclusive).
    from: usize,
    to: usize,
    state: PodState,
    revision: Option<i64>,
    updated: bool,
}

/// Row name for pods on no known node.
const NO_NODE: &str = "\u{0}(no node)";

/// A self-contained SVG of the timeline up to its position, for slides.
///
/// One row per node (at most `max_rows`, with a "+N more nodes" note), a bar per daemon
/// pod coloured by its state (the app's palette), `rN` for its revision and hatching when
/// it does not run its DaemonSet's current template, numbered markers at the commands
/// (listed under the chart), a legend and a title. The x axis is simulated time; each
/// action also gets a small fixed share of the width so that commands at the same
/// instant stay apart (a scenario where no time passes is spread evenly).
pub fn timeline_svg(t: &Timeline, opts: &SvgOptions) -> String {
    let pos = t.position();
    // Sample j: (actions applied, time in ms from start).
    let mut samples: Vec<(usize, i64)> = Vec::new();
    let mut pods: BTreeMap<(String, Key), Vec<Seg>> = BTreeMap::new();
    let mut rows: BTreeSet<String> = BTreeSet::new();
    let warning = walk(t, opts.max_samples, |n, r, _| {
        let s = samples.len();
        samples.push((n, r.session.cluster.now.0 - start_time().0));
        let b = board(&r.session.cluster);
        for n in &b.nodes {
            rows.insert(n.node.name.clone());
        }
        let placed = b.nodes.iter().flat_map(|n| n.pods.iter());
        let cells = placed
            .map(|p| (p.node.clone(), p))
            .chain(b.unplaced.iter().map(|p| (NO_NODE.to_string(), p)));
        for (row, p) in cells {
            if p.owner.is_empty() {
                continue;
            }
            rows.insert(row.clone());
            let segs = pods.entry((row, p.key.clone())).or_default();
            let seg = Seg {
                from: s,
                to: s + 1,
                state: p.state,
                revision: p.revision,
                updated: p.updated,
            };
            match segs.last_mut() {
                Some(l)
                    if l.to == s
                        && l.state == seg.state
                        && l.revision == seg.revision
                        && l.updated == seg.updated =>
                {
                    l.to = s + 1
                }
                _ => segs.push(seg),
            }
        }
    });

    // Horizontal scale over boundaries 0..=pos+1 (one extra slot shows the final state).
    let end_ms = samples.last().map_or(0, |s| s.1);
    let time_at = |j: usize| -> i64 {
        if j == 0 {
            0
        } else {
            t.times()[j.min(pos) - 1].0 - start_time().0
        }
    };
    let slots = (pos + 1) as f64;
    let beta = if end_ms > 0 { 0.25 } else { 1.0 };
    let left = 180.0;
    let right = 24.0;
    let width = opts.width.max(400) as f64;
    let plot_w = width - left - right;
    let u = |j: usize| -> f64 {
        let tpart = if end_ms > 0 {
            (1.0 - beta) * time_at(j) as f64 / end_ms as f64
        } else {
            0.0
        };
        left + plot_w * (tpart + beta * j as f64 / slots)
    };
    // x of a sample index (its boundary) and of the end of the last one.
    let sx = |s: usize| -> f64 {
        match samples.get(s) {
            Some(&(n, _)) => u(n),
            None => u(pos + 1),
        }
    };

    // Rows and lanes.
    let mut row_names: Vec<String> = rows.into_iter().collect();
    if let Some(i) = row_names.iter().position(|r| r == NO_NODE) {
        let r = row_names.remove(i);
        row_names.push(r);
    }
    let hidden = row_names.len().saturating_sub(opts.max_rows);
    row_names.truncate(opts.max_rows);
    const LANE_H: f64 = 14.0;
    const MAX_LANES: usize = 3;
    // Each row's pods with their lanes, in the order of `row_names`.
    let mut lanes_of: Vec<Vec<(usize, &Key, &Vec<Seg>)>> = Vec::new();
    for r in &row_names {
        // Greedy interval colouring: a lane is free once its last pod's bars end.
        let mut ends: Vec<usize> = Vec::new();
        let mut placed = Vec::new();
        let mut mine: Vec<(&Key, &Vec<Seg>)> = pods
            .range((r.clone(), Key::new("", ""))..)
            .take_while(|((row, _), _)| row == r)
            .map(|((_, k), v)| (k, v))
            .collect();
        crate::sort::sort_by_key(&mut mine, |(k, v)| {
            (v.first().map_or(0, |s| s.from), (*k).clone())
        });
        for (k, segs) in mine {
            let from = segs.first().map_or(0, |s| s.from);
            let to = segs.last().map_or(0, |s| s.to);
            let lane = match ends.iter().position(|&e| e <= from) {
                Some(l) => l,
                None if ends.len() < MAX_LANES => {
                    ends.push(0);
                    ends.len() - 1
                }
                None => MAX_LANES - 1,
            };
            ends[lane] = ends[lane].max(to);
            placed.push((lane, k, segs));
        }
        lanes_of.push(placed);
    }
    let row_h = |ri: usize| -> f64 {
        let n = lanes_of[ri]
            .iter()
            .map(|(l, _, _)| l + 1)
            .max()
            .unwrap_or(1);
        n as f64 * LANE_H + 8.0
    };

    // Commands: (ordinal, action index, text).
    let commands: Vec<(usize, usize, String)> = t.actions()[..pos]
        .iter()
        .enumerate()
        .filter_map(|(i, a)| match item(a) {
            Item::Command { argv, .. } => Some((i, super::command_line(&argv))),
            Item::Invalid { line, .. } => Some((i, line)),
            _ => None,
        })
        .enumerate()
        .map(|(k, (i, s))| (k + 1, i, s))
        .collect();

    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| "DaemonSet Playground timeline".into());
    let mut body = String::new();
    let top = 92.0;
    let mut y = top;
    let rows_h: f64 = (0..row_names.len()).map(row_h).sum();
    let plot_bottom = top + rows_h;

    // Row backgrounds, labels and bars.
    for (ri, r) in row_names.iter().enumerate() {
        let h = row_h(ri);
        if ri % 2 == 0 {
            let _ = writeln!(
                body,
                r##"<rect x="0" y="{y:.1}" width="{width:.1}" height="{h:.1}" fill="#f6f8fa"/>"##
            );
        }
        let label = if r == NO_NODE {
            "(no node)"
        } else {
            r.as_str()
        };
        let _ = writeln!(
            body,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#1f2328">{}</text>"##,
            left - 8.0,
            y + 4.0 + LANE_H * 0.5 + 4.0,
            esc(label, 24)
        );
        for (lane, k, segs) in &lanes_of[ri] {
            let by = y + 4.0 + *lane as f64 * LANE_H;
            for s in segs.iter() {
                let x0 = sx(s.from);
                let x1 = sx(s.to);
                let w = (x1 - x0).max(0.5);
                let rev = s
                    .revision
                    .map(|n| format!(", revision {n}"))
                    .unwrap_or_default();
                let old = if s.updated {
                    ""
                } else {
                    ", not the current template"
                };
                let tip = format!(
                    "{} on {}: {}{rev}{old}, {} to {}",
                    k.name,
                    label,
                    s.state.name(),
                    duration(samples.get(s.from).map_or(end_ms, |x| x.1)),
                    duration(samples.get(s.to).map_or(end_ms, |x| x.1)),
                );
                let _ = write!(
                    body,
                    r#"<g><title>{}</title><rect x="{x0:.1}" y="{by:.1}" width="{w:.1}" height="{:.1}" fill="{}"/>"#,
                    esc(&tip, 300),
                    LANE_H - 2.0,
                    colour(s.state)
                );
                if !s.updated {
                    let _ = write!(
                        body,
                        r#"<rect x="{x0:.1}" y="{by:.1}" width="{w:.1}" height="{:.1}" fill="url(#old)"/>"#,
                        LANE_H - 2.0
                    );
                }
                if let Some(n) = s.revision.filter(|_| w >= 22.0) {
                    let _ = write!(
                        body,
                        r#"<text x="{:.1}" y="{:.1}" font-size="9" fill="{}">r{n}</text>"#,
                        x0 + 3.0,
                        by + LANE_H - 5.0,
                        if light(s.state) { "#1f2328" } else { "#ffffff" }
                    );
                }
                body.push_str("</g>\n");
            }
        }
        y += h;
    }
    if row_names.is_empty() {
        let _ = writeln!(
            body,
            r##"<text x="{left:.1}" y="{:.1}" font-size="12" fill="#57606a">no nodes</text>"##,
            y + 14.0
        );
        y += 20.0;
    }
    if hidden > 0 {
        let _ = writeln!(
            body,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#57606a">+{hidden} more nodes</text>"##,
            left - 8.0,
            y + 14.0
        );
    }
    let plot_bottom = plot_bottom.max(y);

    // Command markers.
    // Each command gets a dashed line; the numbered circle only where it does not overlap
    // the previous one (the list under the chart gives every command's time).
    let mut markers = String::new();
    let mut last_circle = f64::NEG_INFINITY;
    for (k, i, text) in commands.iter().take(500) {
        let x = u(i + 1);
        let _ = write!(
            markers,
            r##"<g><title>{k}. {}</title><line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{plot_bottom:.1}" stroke="#57606a" stroke-width="0.8" stroke-dasharray="3 3"/>"##,
            esc(text, 300),
            top - 12.0,
        );
        if x - last_circle >= 18.0 {
            last_circle = x;
            let _ = write!(
                markers,
                r##"<circle cx="{x:.1}" cy="{:.1}" r="8" fill="#ffffff" stroke="#57606a"/><text x="{x:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="#1f2328">{k}</text>"##,
                top - 22.0,
                top - 19.0
            );
        }
        markers.push_str("</g>\n");
    }

    // Time axis.
    let mut axis = String::new();
    let ay = plot_bottom + 4.0;
    let _ = writeln!(
        axis,
        r##"<line x1="{left:.1}" y1="{ay:.1}" x2="{:.1}" y2="{ay:.1}" stroke="#57606a"/>"##,
        width - right
    );
    let x_of_ms = |ms: i64| -> f64 {
        // The last boundary at or before `ms`, plus the time part after it.
        let j = (0..=pos).rev().find(|&j| time_at(j) <= ms).unwrap_or(0);
        let extra = if end_ms > 0 {
            (1.0 - beta) * (ms - time_at(j)) as f64 / end_ms as f64
        } else {
            0.0
        };
        u(j) + plot_w * extra
    };
    const NICE: [i64; 16] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400,
    ];
    let step = NICE
        .iter()
        .map(|s| s * 1000)
        .find(|s| end_ms / s <= 8)
        .unwrap_or(end_ms.max(1));
    let mut tick = 0;
    loop {
        let x = x_of_ms(tick);
        let _ = writeln!(
            axis,
            r##"<line x1="{x:.1}" y1="{ay:.1}" x2="{x:.1}" y2="{:.1}" stroke="#57606a"/><text x="{x:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#57606a">{}</text>"##,
            ay + 5.0,
            ay + 18.0,
            duration(tick)
        );
        tick += step;
        if end_ms == 0 || tick > end_ms {
            break;
        }
    }
    let _ = writeln!(
        axis,
        r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#57606a">simulated time</text>"##,
        width - right,
        ay + 32.0
    );

    // Legend.
    let mut legend = String::new();
    let ly = ay + 48.0;
    let per_row = ((width - 20.0) / 160.0).floor().max(1.0) as usize;
    let mut items: Vec<(String, String)> = PALETTE
        .iter()
        .map(|(s, c)| (s.name().to_string(), format!(r#"fill="{c}""#)))
        .collect();
    items.push(("older revision".into(), String::new()));
    for (n, (name, fill)) in items.iter().enumerate() {
        let lx = 20.0 + (n % per_row) as f64 * 160.0;
        let lyy = ly + (n / per_row) as f64 * 20.0;
        if fill.is_empty() {
            let _ = write!(
                legend,
                r##"<rect x="{lx:.1}" y="{lyy:.1}" width="14" height="12" fill="#4ac26b"/><rect x="{lx:.1}" y="{lyy:.1}" width="14" height="12" fill="url(#old)"/>"##
            );
        } else {
            let _ = write!(
                legend,
                r#"<rect x="{lx:.1}" y="{lyy:.1}" width="14" height="12" {fill}/>"#
            );
        }
        let _ = writeln!(
            legend,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#1f2328">{}</text>"##,
            lx + 20.0,
            lyy + 10.5,
            esc(name, 40)
        );
    }
    let legend_rows = items.len().div_ceil(per_row);
    let mut cy = ly + legend_rows as f64 * 20.0 + 16.0;

    // Command list.
    let mut list = String::new();
    for (k, i, text) in commands.iter().take(opts.max_listed_commands) {
        let at = duration(time_at(i + 1));
        let _ = writeln!(
            list,
            r##"<text x="20" y="{cy:.1}" font-size="11" fill="#1f2328"><tspan font-weight="bold">{k}.</tspan> <tspan fill="#57606a">{}</tspan> {}</text>"##,
            esc(&at, 20),
            esc(text, 110)
        );
        cy += 15.0;
    }
    if commands.len() > opts.max_listed_commands {
        let _ = writeln!(
            list,
            r##"<text x="20" y="{cy:.1}" font-size="11" fill="#57606a">+{} more commands</text>"##,
            commands.len() - opts.max_listed_commands
        );
        cy += 15.0;
    }
    let height = cy + 10.0;

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif">"#
    );
    let _ = writeln!(out, "<title>{}</title>", esc(&title, 200));
    out.push_str(r##"<defs><pattern id="old" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2.5" height="6" fill="#ffffff" fill-opacity="0.6"/></pattern></defs>"##);
    out.push('\n');
    let _ = writeln!(
        out,
        r##"<rect width="{width:.0}" height="{height:.0}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        r##"<text x="20" y="28" font-size="20" font-weight="bold" fill="#1f2328">{}</text>"##,
        esc(&title, 120)
    );
    let ds_count = t.session.cluster.store.daemonsets.len();
    let _ = writeln!(
        out,
        r##"<text x="20" y="48" font-size="12" fill="#57606a">{} actions, {} commands, {} of simulated time; {} DaemonSet(s) at the end</text>"##,
        pos,
        commands.len(),
        duration(end_ms),
        ds_count
    );
    if let Some(w) = warning {
        let _ = writeln!(
            out,
            r##"<text x="20" y="62" font-size="11" fill="#cf222e">{}</text>"##,
            esc(&w, 160)
        );
    }
    out.push_str(&body);
    out.push_str(&markers);
    out.push_str(&axis);
    out.push_str(&legend);
    out.push_str(&list);
    out.push_str("</svg>\n");
    out
}
