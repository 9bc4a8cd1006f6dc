//! The root component: owns the [`Model`] (which owns the engine's timeline), turns
//! widget callbacks into [`Msg`]s, and does what the model asks of the browser: timers
//! for play and auto-apply, saving, keyboard shortcuts, the theme. The layouts are in
//! `full` (the playground) and `embed` (the chrome-less view for an iframe).

mod embed;
mod full;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::model::links::LinkRequest;
use crate::model::{saved, Effects, Model, Msg, Selection};
use crate::storage;
use crate::theme::Theme;

/// Real time between two ticks while playing (at least: each tick waits for a frame).
const TICK_MS: u32 = 50;
/// Pause after the last keystroke before auto-apply runs.
const AUTO_APPLY_MS: u32 = 700;
/// Longest replay of a shared link before the app stops it and says so.
const LINK_REPLAY_MS: f64 = 3_000.0;
/// Pause after the last change before the state is written to storage.
const SAVE_MS: u32 = 400;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/pack.js")]
extern "C" {
    /// Calls `done` with the zlib stream of `text` (a `Uint8Array`; `null` if the browser
    /// could not make it), from the browser's own compressor: the payload carries none
    /// (see `engine::share::LinkData`).
    fn deflate(text: &str, done: wasm_bindgen::JsValue);
}

/// Has the browser pack each link asked for, and gives the model the finished link.
fn pack_links(scope: &yew::html::Scope<App>, requests: Vec<LinkRequest>) {
    for LinkRequest { what, data } in requests {
        let scope = scope.clone();
        let text = data.text.clone();
        let done =
            wasm_bindgen::closure::Closure::once_into_js(move |packed: js_sys::Uint8Array| {
                let link = if packed.is_null() {
                    Err("this browser could not compress it".to_string())
                } else {
                    data.finish(&packed.to_vec()).map_err(|e| e.to_string())
                };
                scope.send_message(AppMsg::Model(Msg::Packed(what, data.text, link)));
            });
        deflate(&text, done);
    }
}

pub enum AppMsg {
    Model(Msg),
    /// Bring back the work a shared link replaced.
    RestoreBeforeLink,
    /// A lesson file was chosen.
    LessonFile(Option<web_sys::File>),
    /// Its text was read.
    LessonText(String),
    /// Download an export of the scenario.
    Export(crate::model::export::ExportKind),
    Persist,
    Theme(Theme),
    Tick,
    /// A tick is due: it waits for the next frame to be drawn.
    TickDue,
    /// The next frame is being drawn: the tick follows in a task of its own.
    TickFrame,
    /// The frame after a tick's events was drawn: the board's update may follow.
    TickDrawn,
    /// The frame the model asked to be rendered in (`Effects::render_next_frame`).
    RenderNow,
    /// The model was updated at once (see `model_callback`), with these effects.
    Updated(Effects),
}

impl From<Msg> for AppMsg {
    fn from(m: Msg) -> Self {
        AppMsg::Model(m)
    }
}

/// Callbacks made once, so that memoised widgets do not re-render for new closures.
pub(crate) struct Callbacks {
    pub(crate) msg: Callback<Msg>,
    pub(crate) select: Callback<Selection>,
    pub(crate) run: Callback<crate::model::commands::Command>,
    pub(crate) reveal: Callback<u32>,
    pub(crate) duplicate: Callback<String>,
    pub(crate) diff: Callback<Option<crate::model::DiffChoice>>,
    pub(crate) editor_changed: Callback<String>,
    pub(crate) apply: Callback<()>,
    pub(crate) console: ConsoleCallbacks,
    pub(crate) lesson: Callback<crate::model::lesson::LessonMsg>,
    pub(crate) close_share: Callback<()>,
}

pub(crate) struct ConsoleCallbacks {
    pub(crate) input: Callback<String>,
    pub(crate) run: Callback<()>,
    pub(crate) complete: Callback<()>,
    pub(crate) history_prev: Callback<()>,
    pub(crate) history_next: Callback<()>,
}

pub struct App {
    /// Set when the page is an embed (`?embed=1`).
    embed: Option<crate::launch::EmbedOptions>,
    /// A shared link replaced saved work, which can be brought back.
    before_link: bool,
    /// The full playground's address for this scenario (the embed's "Open in the playground").
    full_link: Option<String>,
    /// Shared with the `pagehide` listener, which saves at once when a save is pending.
    model: Rc<RefCell<Model>>,
    unsaved: Rc<Cell<bool>>,
    theme: Theme,
    cb: Callbacks,
    /// While playing, what the next tick waits for: the tick's interval, then a frame,
    /// then a task of its own. A tick starts right after a frame was drawn, so that its
    /// work (most of a frame at thousands of nodes) delays at most the next one.
    player: Option<Player>,
    last_tick: f64,
    auto_apply: Option<Timeout>,
    save_timer: Option<Timeout>,
    /// After a tick of play, the next frame, then `Msg::Refresh` in a task of its own
    /// (see `Effects::refresh_soon`), so that the simulation's work and the board's are
    /// drawn in separate frames.
    tick_frame: Option<AnimationFrame>,
    refresh_timer: Option<Timeout>,
    /// The frame in which the view is rendered (`Effects::render_next_frame`).
    show_frame: Option<AnimationFrame>,
    /// A lesson file being read.
    reader: Option<gloo::file::callbacks::FileReader>,
    _keys: Option<EventListener>,
    _pagehide: Option<EventListener>,
}

/// A callback that sends `f`'s message (one closure type for every callback made so).
fn emits<T: 'static>(msg: &Callback<Msg>, f: fn(T) -> Msg) -> Callback<T> {
    let msg = msg.clone();
    Callback::from(move |t| msg.emit(f(t)))
}

/// The model's messages. Those that make the engine work (Apply, a command) update the
/// model at once, in the task of the event that sent them, and the app then renders in
/// Yew's scheduler: the scheduler yields to the browser once 16 ms have passed, and with
/// the engine's work inside it the new board was drawn in a later task, often a frame
/// later. The others, and any sent while the model is in use, go through the scheduler.
fn model_callback(link: &yew::html::Scope<App>, model: &Rc<RefCell<Model>>) -> Callback<Msg> {
    let (link, model) = (link.clone(), model.clone());
    Callback::from(move |msg: Msg| match model.try_borrow_mut() {
        Ok(mut m) if runs_commands(&msg) => {
            let fx = user_timing("update", || m.update(msg));
            drop(m);
            link.send_message(AppMsg::Updated(fx));
        }
        _ => link.send_message(AppMsg::Model(msg)),
    })
}

/// Whether `msg` runs commands through the engine (timed as `update`).
fn runs_commands(msg: &Msg) -> bool {
    matches!(msg, Msg::Run(_) | Msg::Apply | Msg::ConsoleRun)
}

/// Sends `msg` after `ms` (one closure type for every timer: each costs the wasm its glue).
fn later(link: &yew::html::Scope<App>, ms: u32, msg: AppMsg) -> Timeout {
    let link = link.clone();
    Timeout::new(ms, move || link.send_message(msg))
}

/// Sends `msg` as the next frame begins.
fn next_frame(link: &yew::html::Scope<App>, msg: AppMsg) -> AnimationFrame {
    let link = link.clone();
    request_animation_frame(move |_| link.send_message(msg))
}

/// Each is held for its `Drop`, which cancels it.
#[allow(dead_code)]
enum Player {
    Interval(Timeout),
    Frame(AnimationFrame),
    Task(Timeout),
}

/// Drops `#…` from the address (the scenario is in storage now), so a reload shows the
/// user's latest state rather than the link's first one.
fn forget_fragment() {
    let window = gloo::utils::window();
    let location = window.location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Writes the state to storage; false if the browser refused.
fn persist(model: &Model) -> bool {
    storage::save(storage::STATE_KEY, &saved::encode(&model.saved()))
}

/// Runs `f` after a mark and records the User Timing measure `name` from it (shown in the
/// browser's performance tools; the browser benchmark reads it to time the engine and
/// the board without the rendering).
pub(crate) fn user_timing<T>(name: &str, f: impl FnOnce() -> T) -> T {
    // Measures are never nested: one start mark serves them all.
    const START: &str = "user-timing-start";
    timing(START, None);
    let out = f();
    timing(START, Some(name));
    out
}

/// Records the User Timing mark `mark`, or with `measure`, the measure of that name from
/// the mark.
#[inline(never)]
pub(crate) fn timing(mark: &str, measure: Option<&str>) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = match measure {
            Some(name) => p.measure_with_start_mark(name, mark).map(drop),
            None => p.mark(mark),
        };
    }
}

/// Gets the page ready for the model's cluster if it grew (see `warm_up`), timed as the
/// User Timing measure `warm-up`.
fn get_ready(model: &Model) {
    let nodes = model.board.nodes.len();
    if crate::warm_up::needed(nodes) {
        user_timing("warm-up", || crate::warm_up::for_nodes(nodes));
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl App {
    /// What the app does after the model's update (`ticked`: a tick of play): timers,
    /// saving, the player; whether to render now.
    fn updated(&mut self, ctx: &Context<Self>, fx: Effects, ticked: bool) -> bool {
        let mut model = self.model.borrow_mut();
        get_ready(&model);
        pack_links(ctx.link(), model.take_link_requests());
        if fx.refresh_soon {
            self.tick_frame = Some(next_frame(ctx.link(), AppMsg::TickDrawn));
        }
        if let Some(n) = fx.auto_apply_after {
            self.auto_apply = Some(later(
                ctx.link(),
                AUTO_APPLY_MS,
                AppMsg::Model(Msg::AutoApplyDue(n)),
            ));
        }
        // An embed never saves: it must not disturb the reader's own playground.
        let save = fx.save && self.embed.is_none();
        if save {
            self.unsaved.set(true);
        }
        if save && self.save_timer.is_none() {
            self.save_timer = Some(later(ctx.link(), SAVE_MS, AppMsg::Persist));
        }
        // The player runs exactly while the model plays.
        match (model.clock.playing, self.player.is_some()) {
            (true, false) => {
                // Starting to play; after a tick, `last_tick` is when it began.
                if !ticked {
                    self.last_tick = now_ms();
                }
                self.player = Some(Player::Interval(later(
                    ctx.link(),
                    TICK_MS,
                    AppMsg::TickDue,
                )));
            }
            (false, true) => self.player = None,
            _ => {}
        }
        if fx.render_next_frame {
            self.show_frame = Some(next_frame(ctx.link(), AppMsg::RenderNow));
        }
        fx.render
    }
}

impl Component for App {
    type Message = AppMsg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        crate::model::clock::set_stopwatch(now_ms);
        let launch = crate::launch::current();
        let lesson_link = launch.lesson_link().map(str::to_string);
        let scenario = launch.fragment.clone().filter(|_| lesson_link.is_none());
        let mut model = match (&scenario, &launch.embed) {
            (Some(fragment), _) => {
                // Opening a link replaces the saved work: keep a copy to go back to.
                if launch.embed.is_none() {
                    match storage::load(storage::STATE_KEY) {
                        Some(old) => storage::save(storage::BEFORE_LINK_KEY, &old),
                        None => {
                            storage::clear(storage::BEFORE_LINK_KEY);
                            true
                        }
                    };
                    forget_fragment();
                }
                // A link may ask for hours of simulation: replay for at most a few seconds.
                let deadline = now_ms() + LINK_REPLAY_MS;
                let m = Model::from_link_with(fragment, || now_ms() < deadline);
                if launch.embed.is_none() {
                    persist(&m);
                }
                m
            }
            (None, Some(_)) => Model::new(None),
            (None, None) => match storage::load(storage::STATE_KEY) {
                Some(text) => Model::restore(&text),
                None => Model::new(None),
            },
        };
        let theme = match &launch.embed {
            Some(opts) => opts.theme.unwrap_or(Theme::System),
            None => Theme::load(),
        };
        theme.apply(false);
        if let Some(fragment) = &lesson_link {
            forget_fragment();
            match engine::share::lesson_from_link(fragment) {
                Ok(text) => {
                    model.update(Msg::Lesson(crate::model::lesson::LessonMsg::Load(text)));
                }
                Err(e) => model.notice = Some(format!("This lesson link cannot be opened: {e}")),
            }
        }
        if let (Some(id), None) = (&launch.lesson, &launch.embed) {
            let running = model.lesson.as_ref().map(|l| l.progress.lesson.as_str());
            if running != Some(id.as_str()) {
                model.update(Msg::Lesson(crate::model::lesson::LessonMsg::StartBuiltin(
                    id.clone(),
                )));
            }
        }
        if launch.embed.is_some() && model.notice.as_deref() == Some(crate::model::OPENED_NOTICE) {
            model.notice = None;
        }
        if launch.embed.as_ref().is_some_and(|o| o.autoplay) {
            model.update(Msg::TogglePlay);
        }
        let full_link = launch.embed.as_ref().map(|_| {
            let location = gloo::utils::window().location();
            format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.hash().unwrap_or_default()
            )
        });
        let model = Rc::new(RefCell::new(model));
        let link = ctx.link();
        let msg = model_callback(link, &model);
        let cb = Callbacks {
            select: emits(&msg, Msg::Select),
            run: emits(&msg, Msg::Run),
            reveal: emits(&msg, Msg::Reveal),
            duplicate: emits(&msg, Msg::Duplicate),
            diff: emits(&msg, Msg::ShowDiff),
            editor_changed: emits(&msg, Msg::EditorChanged),
            apply: emits(&msg, |()| Msg::Apply),
            console: ConsoleCallbacks {
                input: emits(&msg, Msg::ConsoleInput),
                run: emits(&msg, |()| Msg::ConsoleRun),
                complete: emits(&msg, |()| Msg::ConsoleComplete),
                history_prev: emits(&msg, |()| Msg::HistoryPrev),
                history_next: emits(&msg, |()| Msg::HistoryNext),
            },
            lesson: emits(&msg, Msg::Lesson),
            close_share: emits(&msg, |()| Msg::Share(false)),
            msg,
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
        get_ready(&model.borrow());
        pack_links(ctx.link(), model.borrow_mut().take_link_requests());
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
        if model.borrow().clock.playing {
            ctx.link().send_message(AppMsg::Model(Msg::Tick(0.0)));
        }
        let before_link = launch.embed.is_none()
            && scenario.is_some()
            && storage::load(storage::BEFORE_LINK_KEY).is_some();
        App {
            before_link,
            embed: launch.embed,
            full_link,
            model,
            unsaved,
            theme,
            cb,
            player: None,
            last_tick: 0.0,
            auto_apply: None,
            save_timer: None,
            tick_frame: None,
            refresh_timer: None,
            show_frame: None,
            reader: None,
            _keys: Some(keys),
            _pagehide: Some(pagehide),
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: AppMsg) -> bool {
        let msg = match msg {
            AppMsg::Model(m) => m,
            AppMsg::TickDrawn => {
                self.tick_frame = None;
                self.refresh_timer = Some(later(ctx.link(), 0, AppMsg::Model(Msg::Refresh)));
                return false;
            }
            AppMsg::RenderNow => {
                self.show_frame = None;
                return true;
            }
            AppMsg::Updated(fx) => return self.updated(ctx, fx, false),
            AppMsg::TickDue => {
                self.player = Some(Player::Frame(next_frame(ctx.link(), AppMsg::TickFrame)));
                return false;
            }
            AppMsg::TickFrame => {
                self.player = Some(Player::Task(later(ctx.link(), 0, AppMsg::Tick)));
                return false;
            }
            AppMsg::Tick => {
                self.player = None;
                let now = now_ms();
                let real = now - self.last_tick;
                self.last_tick = now;
                Msg::TickSteps(real)
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
            AppMsg::LessonFile(file) => {
                let Some(file) = file else {
                    return false;
                };
                let link = ctx.link().clone();
                let blob = gloo::file::Blob::from(file);
                self.reader = Some(gloo::file::callbacks::read_as_text(&blob, move |text| {
                    link.send_message(match text {
                        Ok(t) => AppMsg::LessonText(t),
                        Err(e) => {
                            AppMsg::Model(Msg::Lesson(crate::model::lesson::LessonMsg::Load(
                                format!("# unreadable file: {e}"),
                            )))
                        }
                    })
                }));
                return false;
            }
            AppMsg::LessonText(text) => {
                self.reader = None;
                Msg::Lesson(crate::model::lesson::LessonMsg::Load(text))
            }
            AppMsg::Export(kind) => {
                let f = {
                    let mut model = self.model.borrow_mut();
                    model.finish_step();
                    model.export(kind)
                };
                if !crate::download::save_text(f.name, f.mime, &f.text) {
                    self.model.borrow_mut().notice =
                        Some(format!("This browser refused to save {}.", f.name));
                    return true;
                }
                return false;
            }
            AppMsg::RestoreBeforeLink => {
                self.before_link = false;
                let Some(text) = storage::load(storage::BEFORE_LINK_KEY) else {
                    return false;
                };
                storage::clear(storage::BEFORE_LINK_KEY);
                *self.model.borrow_mut() = Model::restore(&text);
                storage::save(storage::STATE_KEY, &text);
                return true;
            }
            AppMsg::Theme(t) => {
                self.theme = t;
                t.apply(true);
                return true;
            }
        };
        let ticked = matches!(msg, Msg::TickSteps(_));
        let mut model = self.model.borrow_mut();
        // User Timing measures for the browser benchmark: a command, a tick's events, the
        // board after them.
        let timed = match msg {
            _ if runs_commands(&msg) => Some("update"),
            Msg::TickSteps(_) => Some("tick"),
            Msg::Refresh => Some("refresh"),
            _ => None,
        };
        let fx = match timed {
            Some(name) => user_timing(name, || model.update(msg)),
            None => model.update(msg),
        };
        drop(model);
        self.updated(ctx, fx, ticked)
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        match &self.embed {
            Some(_) => embed::view(self, ctx),
            None => full::view(self, ctx),
        }
    }
}

/// The time controls over the model's timeline (both layouts show them).
fn time_bar(m: &Model, cb: &Callbacks) -> Html {
    html! {
        <crate::components::Timebar
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
    }
}

pub(crate) fn send_change(cb: &Callback<Msg>, msg: Msg) -> Callback<Event> {
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

pub(crate) fn focus(id: &str) {
    if let Some(el) = gloo::utils::document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}
