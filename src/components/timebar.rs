//! Time controls: play/pause, step back and forward, speed, and a scrubber over every
//! action so far with a marker at each command. Keys (outside text fields): Space plays
//! or pauses, ← and → step, `-` and `+` change the speed.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::model::clock::{format_elapsed, SPEEDS};

pub const SCRUBBER_ID: &str = "timeline-scrubber";

#[derive(Properties, PartialEq)]
pub struct TimebarProps {
    pub position: usize,
    pub len: usize,
    pub playing: bool,
    pub speed: f64,
    pub elapsed_ms: i64,
    /// Simulated ms to the next event; None when the cluster is quiet.
    pub next_event_in: Option<i64>,
    /// (position, command) of each command in the timeline.
    pub markers: Rc<Vec<(usize, String)>>,
    pub on_play: Callback<()>,
    pub on_step: Callback<()>,
    pub on_back: Callback<()>,
    pub on_seek: Callback<usize>,
    pub on_speed: Callback<f64>,
}

#[function_component]
pub fn Timebar(p: &TimebarProps) -> Html {
    let at_end = p.position == p.len;
    let can_step = !at_end || p.next_event_in.is_some();
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let onseek = {
        let cb = p.on_seek.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<usize>() {
                cb.emit(v);
            }
        })
    };
    let onspeed = {
        let cb = p.on_speed.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                cb.emit(v);
            }
        })
    };
    let next = match p.next_event_in {
        Some(ms) => format!("next event in {}", format_gap(ms)),
        None => "nothing scheduled".to_string(),
    };
    let max = p.len.max(1);
    html! {
        <div class="timebar" role="group" aria-label="Time controls">
            <div class="time-buttons">
                <button type="button" onclick={click(&p.on_back)} disabled={p.position == 0}
                    aria-keyshortcuts="ArrowLeft" title="Step back (←)" aria-label="Step back">{ icon(Icon::Back) }</button>
                <button type="button" class="primary play" onclick={click(&p.on_play)}
                    disabled={!p.playing && p.next_event_in.is_none()}
                    aria-keyshortcuts="Space" aria-pressed={p.playing.to_string()}
                    title="Play or pause (Space)" aria-label={if p.playing { "Pause" } else { "Play" }}>
                    { icon(if p.playing { Icon::Pause } else { Icon::Play }) }
                </button>
                <button type="button" onclick={click(&p.on_step)} disabled={!can_step}
                    aria-keyshortcuts="ArrowRight" title="Step to the next event (→)" aria-label="Step forward">{ icon(Icon::Forward) }</button>
                <label class="speed">
                    <span class="visually-hidden">{ "Speed" }</span>
                    <select onchange={onspeed} aria-label="Speed" title="Speed (- and +)">
                        { for SPEEDS.iter().map(|s| html! {
                            <option value={s.to_string()} selected={*s == p.speed}>{ format!("{s}×") }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="clock" aria-live="off">
                <span class="clock-time" title="Simulated time since the cluster started">{ format_elapsed(p.elapsed_ms) }</span>
                <span class="clock-next">{ next }</span>
            </div>
            <div class="scrubber">
                <input id={SCRUBBER_ID} type="range" min="0" max={max.to_string()} value={p.position.to_string()}
                    step="1" oninput={onseek} disabled={p.len == 0}
                    aria-label="Timeline" aria-valuetext={format!("step {} of {}", p.position, p.len)} />
                <div class="markers" aria-hidden="true">
                    { for p.markers.iter().map(|(pos, cmd)| html! {
                        <span class="marker" style={format!("left: {:.3}%", *pos as f64 * 100.0 / max as f64)} title={cmd.clone()}></span>
                    }) }
                </div>
                <span class="step-count">{ format!("{} / {}", p.position, p.len) }</span>
            </div>
        </div>
    }
}

fn format_gap(ms: i64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms < 120_000 {
        format!("{:.1} s", ms as f64 / 1000.0)
    } else {
        format!("{} min", ms / 60_000)
    }
}

enum Icon {
    Back,
    Play,
    Pause,
    Forward,
}

/// Inline SVG, so no icon font or image is fetched.
fn icon(i: Icon) -> Html {
    let path = match i {
        Icon::Back => "M4 3h2v10H4zM14 3v10L7 8z",
        Icon::Play => "M4 2.5v11L13.5 8z",
        Icon::Pause => "M4 3h3v10H4zM9 3h3v10H9z",
        Icon::Forward => "M10 3h2v10h-2zM2 3v10l7-5z",
    };
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}
