//! The root component: owns the [`Model`] (which owns the engine's timeline), turns
//! widget callbacks into [`Msg`]s, and does what the model asks of the browser: timers
//! for play and auto-apply, saving, keyboard shortcuts, the theme.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use engine::view::{diff_lines, inspect_node, inspect_pod, revision_template};
use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::editor::{EDITOR_HELP_ID, EDITOR_ID};
use crate::components::inspector::Detail;
use crate::components::{
    ApplyOutput, Board, Console, DaemonSetStatus, Editor, Inspector, Legend, NodeTools, Revisions,
    Shared, Timebar,
};
use crate::examples::gallery::EXAMPLES;
use crate::model::{saved, Model, Msg, Selection};
use crate::storage;
use crate::theme::Theme;

/// Real time between two ticks while playing.
const TICK_MS: u32 = 50;
/// Pause after the last keystroke before auto-apply runs.
const AUTO_APPLY_MS: u32 = 700;
/// Pause after the last change before the state is written to storage.
const SAVE_MS: u32 = 400;

pub enum AppMsg {
    Model(Msg),
    Persist,
    Theme(Theme),
    Tick,
}

impl From<Msg> for AppMsg {
    fn from(m: Msg) -> Self {
        AppMsg::Model(m)
    }
}

/// Callbacks made once, so that memoised widgets do not re-render for new closures.
struct Callbacks {
    msg: Callback<Msg>,
    select: Callback<Selection>,
    run: Callback<crate::model::commands::Command>,
    reveal: Callback<u32>,
    duplicate: Callback<String>,
    diff: Callback<Option<crate::model::DiffChoice>>,
}

pub struct App {
    /// Shared with the `pagehide` listener, which saves at once when a save is pending.
    model: Rc<RefCell<Model>>,
    unsaved: Rc<Cell<bool>>,
    theme: Theme,
    cb: Callbacks,
    player: Option<Interval>,
    last_tick: f64,
    auto_apply: Option<Timeout>,
    save_timer: Option<Timeout>,
    _keys: Option<EventListener>,
    _pagehide: Option<EventListener>,
}

/// Writes the state to storage; false if the browser refused.
fn persist(model: &Model) -> bool {
    storage::save(storage::STATE_KEY, &saved::encode(&model.saved()))
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl Component for App {
    type Message = AppMsg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let model = match storage::load(storage::STATE_KEY) {
            Some(text) => Model::restore(&text),
            None => Model::new(None),
        };
        let theme = Theme::load();
        theme.apply(false);
        let link = ctx.link();
        let cb = Callbacks {
            msg: link.callback(AppMsg::Model),
            select: link.callback(|s| AppMsg::Model(Msg::Select(s))),
            run: link.callback(|c| AppMsg::Model(Msg::Run(c))),
            reveal: link.callback(|l| AppMsg::Model(Msg::Reveal(l))),
            duplicate: link.callback(|n| AppMsg::Model(Msg::Duplicate(n))),
            diff: link.callback(|d| AppMsg::Model(Msg::ShowDiff(d))),
        };
        let keys = {
            let msg = cb.msg.clone();
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                options,
                move |e| {
                    let e: &KeyboardEvent = e.unchecked_ref();
                    if let Some(m) = shortcut(e) {
                        e.prevent_default();
                        msg.emit(m);
                    }
                },
            )
        };
        let model = Rc::new(RefCell::new(model));
        let unsaved = Rc::new(Cell::new(false));
        let pagehide = {
            let (model, unsaved) = (model.clone(), unsaved.clone());
            EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                if unsaved.replace(false) {
                    if let Ok(m) = model.try_borrow() {
                        persist(&m);
                    }
                }
            })
        };
        App {
            model,
            unsaved,
            theme,
            cb,
            player: None,
            last_tick: 0.0,
            auto_apply: None,
            save_timer: None,
            _keys: Some(keys),
            _pagehide: Some(pagehide),
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: AppMsg) -> bool {
        let msg = match msg {
            AppMsg::Model(m) => m,
            AppMsg::Tick => {
                let now = now_ms();
                let real = now - self.last_tick;
                self.last_tick = now;
                Msg::Tick(real)
            }
            AppMsg::Persist => {
                self.save_timer = None;
                if !self.unsaved.replace(false) {
                    return false;
                }
                let mut model = self.model.borrow_mut();
                if !persist(&model) {
                    model.notice = Some(
                        "This browser refused to save the playground; a reload will lose it."
                            .into(),
                    );
                    return true;
                }
                return false;
            }
            AppMsg::Theme(t) => {
                self.theme = t;
                t.apply(true);
                return true;
            }
        };
        let mut model = self.model.borrow_mut();
        let fx = model.update(msg);
        if let Some(n) = fx.auto_apply_after {
            let link = ctx.link().clone();
            self.auto_apply = Some(Timeout::new(AUTO_APPLY_MS, move || {
                link.send_message(AppMsg::Model(Msg::AutoApplyDue(n)))
            }));
        }
        if fx.save {
            self.unsaved.set(true);
        }
        if fx.save && self.save_timer.is_none() {
            let link = ctx.link().clone();
            self.save_timer = Some(Timeout::new(SAVE_MS, move || {
                link.send_message(AppMsg::Persist)
            }));
        }
        // The player runs exactly while the model plays.
        match (model.clock.playing, self.player.is_some()) {
            (true, false) => {
                self.last_tick = now_ms();
                let link = ctx.link().clone();
                self.player = Some(Interval::new(TICK_MS, move || {
                    link.send_message(AppMsg::Tick)
                }));
            }
            (false, true) => self.player = None,
            _ => {}
        }
        fx.render
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let m = &*self.model.borrow();
        let cb = &self.cb;
        let send = |msg: Msg| {
            let cb = cb.msg.clone();
            Callback::from(move |_: MouseEvent| cb.emit(msg.clone()))
        };
        let undo_reset = {
            let cb = cb.msg.clone();
            Callback::from(move |_: MouseEvent| {
                cb.emit(Msg::UndoReset);
                focus(EDITOR_ID);
            })
        };
        let on_example = {
            let cb = cb.msg.clone();
            Callback::from(move |e: Event| {
                let s: HtmlSelectElement = e.target_unchecked_into();
                let id = s.value();
                if !id.is_empty() {
                    cb.emit(Msg::LoadExample(id));
                }
                s.set_value("");
            })
        };
        let on_theme = link.callback(|e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            AppMsg::Theme(Theme::parse(&s.value()).unwrap_or(Theme::System))
        });
        let board = Shared(m.board.clone());
        let c = &m.timeline.session.cluster;
        let detail = match &m.selection {
            Selection::None => None,
            Selection::Node(n) => inspect_node(c, n).map(|detail| {
                let card = m.board.nodes.iter().find(|c| &c.name == n);
                Detail::Node {
                    detail,
                    status: card.map(|c| c.status.clone()).unwrap_or_default(),
                    kubelet_stopped: card.is_some_and(|c| c.kubelet_stopped),
                }
            }),
            Selection::Pod(k) => inspect_pod(c, k).map(Detail::Pod),
        };
        let diff = m.diff.as_ref().and_then(|d| {
            let key = |name: &str| engine::cluster::Key::new(&d.daemonset.namespace, name);
            Some(diff_lines(
                &revision_template(c, &key(&d.from))?,
                &revision_template(c, &key(&d.to))?,
            ))
        });

        html! {
            <div class="app">
                <header class="app-header">
                    <div class="title">
                        <h1>{ "DaemonSet Playground" }</h1>
                        <p class="tagline">
                            { "Apply a DaemonSet to a simulated cluster, shape its nodes, and watch where pods land and how a rollout moves. Everything runs in your browser." }
                        </p>
                    </div>
                    <div class="toolbar header-tools">
                        <label>
                            <span class="visually-hidden">{ "Examples" }</span>
                            <select onchange={on_example} aria-label="Load an example">
                                <option value="" selected=true>{ "Examples…" }</option>
                                { for EXAMPLES.iter().map(|e| html! { <option value={e.id}>{ e.title }</option> }) }
                            </select>
                        </label>
                        <label>
                            <span class="visually-hidden">{ "Theme" }</span>
                            <select onchange={on_theme} aria-label="Theme">
                                { for Theme::ALL.iter().map(|t| html! {
                                    <option value={t.id()} selected={*t == self.theme}>{ t.label() }</option>
                                }) }
                            </select>
                        </label>
                        <button type="button" onclick={send(Msg::ResetCluster)}
                            title="Start again from the three-node starter cluster (the editor keeps its text)">{ "Reset cluster" }</button>
                    </div>
                </header>
                if let Some(n) = &m.notice {
                    <div class="notice" role="alert">{ n.clone() }</div>
                }
                if let Some(e) = m.example {
                    <div class="example-note" role="status">
                        <strong>{ e.title }</strong>{ ": " }{ e.summary }
                        <span class="try">{ " Try: " }<code>{ e.next }</code></span>
                    </div>
                }
                <main class="workspace">
                    <div class="column">
                        <section class="panel editor-panel" aria-labelledby="editor-title">
                            <div class="panel-header">
                                <h2 id="editor-title"><label for={EDITOR_ID}>{ "Manifest" }</label></h2>
                                <div class="toolbar">
                                    <label class="toggle" title="Apply a moment after you stop typing">
                                        <input type="checkbox" checked={m.auto_apply}
                                            onchange={send_change(&cb.msg, Msg::ToggleAutoApply)} />
                                        { "Auto-apply" }
                                    </label>
                                    <button type="button" class="primary" onclick={send(Msg::Apply)}
                                        aria-keyshortcuts="Control+Enter Meta+Enter" title="Apply (Ctrl+Enter / ⌘+Enter)">{ "Apply" }</button>
                                    <button type="button" onclick={send(Msg::Reset)}
                                        title="Replace the editor text with the example DaemonSet">{ "Reset" }</button>
                                </div>
                            </div>
                            <Editor
                                value={AttrValue::from(m.editor.clone())}
                                on_change={cb.msg.reform(Msg::EditorChanged)}
                                on_apply={cb.msg.reform(|()| Msg::Apply)}
                            />
                            <div class="editor-footer">
                                <p id={EDITOR_HELP_ID} class="hint">
                                    <kbd>{ "Ctrl" }</kbd>{ "+" }<kbd>{ "Enter" }</kbd>{ " applies. " }
                                    <kbd>{ "Tab" }</kbd>{ " indents; " }<kbd>{ "Esc" }</kbd>{ " then " }
                                    <kbd>{ "Tab" }</kbd>{ " leaves the editor. Saved in this browser." }
                                </p>
                                <div class="reset-note" role="status">
                                    if m.before_reset.is_some() {
                                        { "Editor reset to the example. " }
                                        <button type="button" class="link" onclick={undo_reset}>{ "Undo" }</button>
                                    }
                                </div>
                            </div>
                        </section>
                        <section class="panel output-panel" aria-labelledby="apply-title">
                            <div class="panel-header"><h2 id="apply-title">{ "Apply output" }</h2></div>
                            <ApplyOutput output={m.apply_output.clone()} runs={m.apply_runs} />
                        </section>
                        <section class="panel console-panel" aria-labelledby="console-title">
                            <div class="panel-header">
                                <h2 id="console-title">{ "Console" }</h2>
                                <div class="toolbar">
                                    <button type="button" onclick={send(Msg::ConsoleClear)} disabled={m.scrollback.is_empty()}>{ "Clear" }</button>
                                </div>
                            </div>
                            <Console
                                entries={m.scrollback.clone()}
                                input={AttrValue::from(m.console_input.clone())}
                                completions={m.completions.clone()}
                                on_input={cb.msg.reform(Msg::ConsoleInput)}
                                on_run={cb.msg.reform(|()| Msg::ConsoleRun)}
                                on_complete={cb.msg.reform(|()| Msg::ConsoleComplete)}
                                on_history_prev={cb.msg.reform(|()| Msg::HistoryPrev)}
                                on_history_next={cb.msg.reform(|()| Msg::HistoryNext)}
                            />
                        </section>
                    </div>
                    <div class="column">
                        <section class="panel sim-panel" aria-labelledby="sim-title">
                            <div class="panel-header"><h2 id="sim-title">{ "Time" }</h2></div>
                            <Timebar
                                position={m.timeline.position()}
                                len={m.timeline.len()}
                                playing={m.clock.playing}
                                speed={m.clock.speed}
                                elapsed_ms={m.shown_elapsed_ms()}
                                next_event_in={m.next_event_in()}
                                markers={Rc::new(m.markers())}
                                on_play={cb.msg.reform(|()| Msg::TogglePlay)}
                                on_step={cb.msg.reform(|()| Msg::Step)}
                                on_back={cb.msg.reform(|()| Msg::StepBack)}
                                on_seek={cb.msg.reform(Msg::Seek)}
                                on_speed={cb.msg.reform(Msg::SetSpeed)}
                            />
                            <DaemonSetStatus board={board.clone()} />
                        </section>
                        <section class="panel board-panel" aria-labelledby="board-title">
                            <div class="panel-header">
                                <h2 id="board-title">{ format!("Nodes ({})", m.board.nodes.len()) }</h2>
                            </div>
                            <NodeTools on_msg={cb.msg.clone()} />
                            <Legend />
                            <Board board={board.clone()} changed={Shared(m.changed.clone())}
                                selection={m.selection.clone()} on_select={cb.select.clone()} />
                        </section>
                        <section class="panel inspector-panel" aria-labelledby="inspector-title">
                            <div class="panel-header"><h2 id="inspector-title">{ "Inspector" }</h2></div>
                            <Inspector {detail} on_run={cb.run.clone()} on_reveal={cb.reveal.clone()}
                                on_select={cb.select.clone()} on_duplicate={cb.duplicate.clone()} />
                        </section>
                        <section class="panel revisions-panel" aria-labelledby="revisions-title">
                            <div class="panel-header"><h2 id="revisions-title">{ "Revisions" }</h2></div>
                            <Revisions board={board} diff={m.diff.clone()} diff_lines={diff}
                                on_run={cb.run.clone()} on_diff={cb.diff.clone()} />
                        </section>
                    </div>
                </main>
            </div>
        }
    }
}

fn send_change(cb: &Callback<Msg>, msg: Msg) -> Callback<Event> {
    let cb = cb.clone();
    Callback::from(move |_: Event| cb.emit(msg.clone()))
}

/// Space, ← and →, - and + control time, unless typing or on a control that uses them.
fn shortcut(e: &KeyboardEvent) -> Option<Msg> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() || e.default_prevented() {
        return None;
    }
    let target: Option<web_sys::Element> = e.target().and_then(|t| t.dyn_into().ok());
    if let Some(t) = &target {
        let tag = t.tag_name();
        let editable = matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || t.closest("[contenteditable=true], .cm-editor")
                .ok()
                .flatten()
                .is_some();
        if editable || (tag == "BUTTON" && (e.key() == " " || e.key() == "Enter")) {
            return None;
        }
    }
    match e.key().as_str() {
        " " => Some(Msg::TogglePlay),
        "ArrowRight" => Some(Msg::Step),
        "ArrowLeft" => Some(Msg::StepBack),
        "+" | "=" => Some(Msg::Faster),
        "-" => Some(Msg::Slower),
        _ => None,
    }
}

fn focus(id: &str) {
    if let Some(el) = gloo::utils::document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}
