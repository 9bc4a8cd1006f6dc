//! The app's state and its transitions, with no DOM and no storage: every user action
//! is a [`Msg`], and [`Model::update`] applies it to the engine's [`Timeline`], so every
//! click is a kubectl (or `sim`) command that the console shows and a reload replays.

pub mod clock;
pub mod commands;
pub mod complete;
pub mod export;
pub mod lesson;
pub mod links;
pub mod saved;

use std::collections::{BTreeMap, HashSet};
use std::ops::ControlFlow;
use std::rc::Rc;

use engine::api::time::EPOCH_MS;
use engine::cluster::Key;
use engine::session::{NoFiles, Output};
use engine::share::Scenario;
use engine::timeline::{Action, Report, Timeline};
use engine::view::{board, board_since, Board};

use crate::examples::gallery::{self, Example};
use crate::examples::{DEFAULT_MANIFEST, STARTER_NODES};
use crate::history::History;
use clock::Clock;
use commands::Command;
use saved::{Saved, SavedAction};

/// What the Apply button (and Ctrl/Cmd+Enter in the editor) runs, with the editor text as stdin.
pub const APPLY_COMMAND: &str = "kubectl apply -f -";

/// The notice after a link opened as it should (the embed does not show it).
pub const OPENED_NOTICE: &str = "Opened a shared scenario.";

/// Most actions of a shared link replayed when no other bound is given.
pub const LINK_REPLAY_ACTIONS: usize = engine::share::MAX_ACTIONS;

/// Console entries kept; older ones scroll away for good.
pub const SCROLLBACK_LIMIT: usize = 500;

/// The most pods one action may change and still have each highlighted (`.pod.flash`).
/// A highlight leads the eye to what changed; when more pods change at once, most of the
/// board does, and a hundred highlights are noise that also costs the browser a
/// composited animation each (15 ms more for an Apply at 100 nodes). Colours still
/// change smoothly.
pub const FLASH_AT_MOST: usize = 32;

/// The pods `report` created or changed, if there were at most [`FLASH_AT_MOST`]; else
/// none (and no set of thousands of keys is made for a rollout step at 5,000 nodes).
fn highlighted(report: &Report) -> HashSet<Key> {
    let mut keys = HashSet::new();
    for k in report.created.iter().chain(&report.changed) {
        keys.insert(k.clone());
        if keys.len() > FLASH_AT_MOST {
            return HashSet::new();
        }
    }
    keys
}

/// One command run in the console (or by a board action) and what it printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleEntry {
    pub command: String,
    pub output: Output,
}

/// What the inspector shows.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    None,
    Node(String),
    Pod(Key),
}

/// Two revisions of a DaemonSet to compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffChoice {
    pub daemonset: Key,
    pub from: String,
    pub to: String,
}

/// Every user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// The editor text was edited.
    EditorChanged(String),
    /// Run `kubectl apply -f -` with the editor text.
    Apply,
    /// Apply as you type, after a pause.
    ToggleAutoApply,
    /// The pause after edit number `n` ended.
    AutoApplyDue(u64),
    /// Put the example manifest back in the editor.
    Reset,
    /// Bring back the text that Reset replaced.
    UndoReset,
    /// The console input line was edited.
    ConsoleInput(String),
    /// Run the console input line.
    ConsoleRun,
    /// Tab in the console.
    ConsoleComplete,
    /// ↑ in the console.
    HistoryPrev,
    /// ↓ in the console.
    HistoryNext,
    /// Empty the console scrollback.
    ConsoleClear,
    /// A board or revisions action: run this command.
    Run(Command),
    /// A worker with the next free `worker-N` name.
    AddNode,
    AddControlPlane,
    /// `count` nodes `prefix-N` with labels (`a=b,c=d`) and an optional taint (`k=v:Effect`).
    AddPool {
        prefix: String,
        count: usize,
        labels: String,
        taint: String,
    },
    /// A copy of this node (labels and taints) under a free name.
    Duplicate(String),
    /// Nodes pasted from `kubectl get nodes -o yaml`.
    ImportNodes(String),
    Select(Selection),
    /// Highlight this manifest line in the editor.
    Reveal(u32),
    /// Step to the next event.
    Step,
    StepBack,
    /// Move to the state after this many actions.
    Seek(usize),
    TogglePlay,
    SetSpeed(f64),
    Faster,
    Slower,
    /// Real milliseconds passed while playing.
    Tick(f64),
    /// A tick whose board is worked out by the [`Msg::Refresh`] that follows it: the
    /// simulation's events and the board's redraw then take a task each.
    TickSteps(f64),
    /// The board after [`Msg::TickSteps`].
    Refresh,
    LoadExample(String),
    /// A fresh starter cluster; the editor keeps its text.
    ResetCluster,
    ShowDiff(Option<DiffChoice>),
    /// Open (asking for its link, see [`Model::take_link_requests`]) or close the Share
    /// panel.
    Share(bool),
    /// A link asked for, made from its text (`Err`: why it could not be).
    Packed(links::LinkFor, String, Result<String, String>),
    /// Dismiss the notice.
    DismissNotice,
    Lesson(lesson::LessonMsg),
}

/// What [`Model::update`] asks of its caller.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// The view must be rendered again.
    pub render: bool,
    /// The state changed and should be saved.
    pub save: bool,
    /// Start the auto-apply pause for this edit number.
    pub auto_apply_after: Option<u64>,
    /// Send [`Msg::Refresh`] in a task of its own, so that the page can draw first.
    pub refresh_soon: bool,
    /// Render the view as the next frame begins rather than now: at thousands of nodes,
    /// working out the board and rendering it are each most of a frame.
    pub render_next_frame: bool,
}

impl Effects {
    pub const NONE: Effects = Effects {
        render: false,
        save: false,
        auto_apply_after: None,
        refresh_soon: false,
        render_next_frame: false,
    };
    pub const RENDER: Effects = Effects {
        render: true,
        save: false,
        auto_apply_after: None,
        refresh_soon: false,
        render_next_frame: false,
    };
    pub const SAVE: Effects = Effects {
        render: true,
        save: true,
        auto_apply_after: None,
        refresh_soon: false,
        render_next_frame: false,
    };
}

pub struct Model {
    pub timeline: Timeline,
    pub editor: String,
    /// What the last Apply printed; `None` before the first one.
    pub apply_output: Option<Output>,
    /// How many times Apply ran.
    pub apply_runs: u32,
    /// The editor text just before the last Reset, while it can still be undone.
    pub before_reset: Option<String>,
    pub auto_apply: bool,
    /// Counts edits, so that only the last edit's pause applies.
    pub edits: u64,
    pub console_input: String,
    /// Completions offered by the last Tab.
    pub completions: Vec<String>,
    /// Shared with the console widget; copied only when it changes.
    pub scrollback: Rc<Vec<ConsoleEntry>>,
    pub history: History,
    pub selection: Selection,
    /// Problems in the editor's text, at their line and column.
    pub diagnostics: Rc<Vec<crate::diagnostics::Diagnostic>>,
    /// (line, nonce): the editor highlights the line; the nonce makes a repeat click count.
    pub reveal: Option<(u32, u32)>,
    pub clock: Clock,
    /// The board as of the current position.
    pub board: Rc<Board>,
    /// Pods created or changed by the last action, for the grid's highlight: none when
    /// there were more than [`FLASH_AT_MOST`].
    pub changed: Rc<HashSet<Key>>,
    /// The report of steps taken whose board is not worked out yet ([`Msg::TickSteps`]).
    pending_refresh: Option<Report>,
    /// The board is of the timeline's history (not of one it replaced), so a refresh after
    /// a command or a step may keep its unchanged cards.
    board_follows: bool,
    pub example: Option<&'static Example>,
    pub diff: Option<DiffChoice>,
    /// The lesson being followed, if any.
    pub lesson: Option<lesson::LessonState>,
    /// The Share panel's link, while it is open.
    pub share: Option<links::LinkState>,
    /// A message for the user that is not any command's output (e.g. a save that could not be read).
    pub notice: Option<String>,
}

fn fresh_timeline() -> Timeline {
    let mut t = Timeline::new(Box::new(NoFiles));
    t.run(APPLY_COMMAND, Some(STARTER_NODES));
    t
}

impl Model {
    /// A fresh model on the starter cluster; `saved_editor` is editor text kept from before.
    pub fn new(saved_editor: Option<String>) -> Model {
        let timeline = fresh_timeline();
        let board = Rc::new(board(&timeline.session.cluster));
        let editor = saved_editor.unwrap_or_else(|| DEFAULT_MANIFEST.to_string());
        Model {
            timeline,
            diagnostics: Rc::new(crate::diagnostics::check(&editor)),
            editor,
            apply_output: None,
            apply_runs: 0,
            before_reset: None,
            auto_apply: false,
            edits: 0,
            console_input: String::new(),
            completions: Vec::new(),
            scrollback: Rc::default(),
            history: History::new(),
            selection: Selection::None,
            reveal: None,
            clock: Clock::default(),
            board,
            changed: Rc::default(),
            pending_refresh: None,
            board_follows: true,
            example: None,
            diff: None,
            share: None,
            lesson: None,
            notice: None,
        }
    }

    /// The model a save describes, replayed; a save that cannot be used gives a fresh
    /// model with a notice saying why.
    pub fn restore(text: &str) -> Model {
        match saved::decode(text) {
            Ok(s) => {
                let mut m = Model::new(Some(s.editor));
                // `decode` checked that every action can be read.
                let actions = s.actions.iter().filter_map(SavedAction::to_action);
                let mut t = Timeline::replayed(Box::new(NoFiles), actions);
                t.seek(s.position);
                m.set_timeline(t);
                m.auto_apply = s.auto_apply;
                if clock::SPEEDS.contains(&s.speed) {
                    m.clock.speed = s.speed;
                }
                m.example = s.example.as_deref().and_then(gallery::find);
                if let Some(l) = s.lesson {
                    m.restore_lesson(l);
                }
                m.refresh(None);
                m
            }
            Err(e) => {
                let mut m = Model::new(None);
                m.notice = Some(format!("Started afresh: {e}."));
                m
            }
        }
    }

    /// The model a share link describes (see `engine::share`), replayed while `go_on()`
    /// allows (a link may ask for hours of simulation; the caller bounds it). A link that
    /// cannot be opened gives the starter cluster with a notice saying why.
    pub fn from_link_with(fragment: &str, mut go_on: impl FnMut() -> bool) -> Model {
        let mut m = Model::new(None);
        let scenario = match Scenario::decode(fragment) {
            Ok(s) => s,
            Err(e) => {
                m.notice = Some(format!("This link cannot be opened: {e}"));
                return m;
            }
        };
        let mut stopped_at = None;
        let timeline = scenario.replay_with(|i, _| {
            if go_on() {
                ControlFlow::Continue(())
            } else {
                stopped_at = Some(i + 1);
                ControlFlow::Break(())
            }
        });
        m.set_timeline(timeline);
        if let Some(e) = scenario.editor {
            m.set_editor(e);
        }
        m.notice = Some(match stopped_at {
            Some(n) => format!(
                "This link's scenario takes too long to replay here: stopped after {n} of its {} actions.",
                scenario.actions.len()
            ),
            None => OPENED_NOTICE.to_string(),
        });
        m.refresh(None);
        m
    }

    /// [`Model::from_link_with`] with at most [`LINK_REPLAY_ACTIONS`] actions replayed.
    pub fn from_link(fragment: &str) -> Model {
        let mut n = 0;
        Model::from_link_with(fragment, || {
            n += 1;
            n <= LINK_REPLAY_ACTIONS
        })
    }

    /// The share link's fragment (`v1.…`) for the whole timeline, its position and the
    /// editor text, packed here (the browser app packs [`Model::share_link_data`] with
    /// the browser's compressor instead).
    pub fn share_fragment(&self) -> Result<String, String> {
        self.share_link_data()?.pack().map_err(|e| e.to_string())
    }

    /// What the share link packs.
    pub fn share_link_data(&self) -> Result<engine::share::LinkData, String> {
        Scenario::from_timeline(&self.timeline, BTreeMap::new(), Some(self.editor.clone()))
            .link_data()
            .map_err(|e| e.to_string())
    }

    pub fn saved(&self) -> Saved {
        Saved {
            version: saved::VERSION,
            editor: self.editor.clone(),
            actions: self
                .timeline
                .actions()
                .iter()
                .map(SavedAction::from_action)
                .collect(),
            position: self.timeline.position(),
            auto_apply: self.auto_apply,
            speed: self.clock.speed,
            example: self.example.map(|e| e.id.to_string()),
            lesson: self.saved_lesson(),
        }
    }

    fn node_exists(&self, name: &str) -> bool {
        self.timeline.session.cluster.store.nodes.contains_key(name)
    }

    /// Simulated ms since the cluster started.
    pub fn elapsed_ms(&self) -> i64 {
        self.timeline.session.cluster.now.0 - EPOCH_MS
    }

    /// Simulated ms until the next event, if any.
    pub fn next_event_in(&self) -> Option<i64> {
        let c = &self.timeline.session.cluster;
        c.next_timer_at().map(|t| (t.0 - c.now.0).max(0))
    }

    /// Another cluster and history. The next refresh works the board out anew: the old
    /// cluster's cards cannot be compared with this one's (resourceVersions start over).
    fn set_timeline(&mut self, timeline: Timeline) {
        self.timeline = timeline;
        self.board_follows = false;
    }

    /// The board and highlight after the cluster changed: after a command or a step
    /// forward in the same history, the cards of nodes that nothing wrote to are kept.
    fn refresh(&mut self, report: Option<&Report>) {
        let c = &self.timeline.session.cluster;
        self.board = Rc::new(match report {
            Some(_) if self.board_follows => board_since(c, Some(&self.board)),
            _ => board(c),
        });
        self.board_follows = true;
        self.check_lesson();
        self.changed = Rc::new(report.map_or_else(HashSet::new, highlighted));
        if let Selection::Pod(k) = &self.selection {
            if !self.timeline.session.cluster.store.pods.contains_key(k) {
                // Keep showing the node the pod was on, if any.
                self.selection = Selection::None;
            }
        }
    }

    fn run(&mut self, line: &str, stdin: Option<&str>) -> Output {
        let report = self.timeline.run(line, stdin);
        let output = report.output.clone();
        self.refresh(Some(&report));
        output
    }

    fn log(&mut self, command: String, output: Output) {
        let scrollback = Rc::make_mut(&mut self.scrollback);
        scrollback.push(ConsoleEntry { command, output });
        if scrollback.len() > SCROLLBACK_LIMIT {
            let excess = scrollback.len() - SCROLLBACK_LIMIT;
            scrollback.drain(..excess);
        }
    }

    /// How a command with standard input is shown in the console.
    fn shown(c: &Command) -> String {
        match &c.stdin {
            None => c.line.clone(),
            Some(s) => format!("{} <<EOF  # {} lines", c.line, s.lines().count()),
        }
    }

    fn apply(&mut self) {
        let text = self.editor.clone();
        let out = self.run(APPLY_COMMAND, Some(&text));
        // What the cluster refused (e.g. an immutable field) shows in the editor too.
        let refused = crate::diagnostics::from_output(&out.stderr);
        self.diagnostics = Rc::new(if refused.is_empty() {
            crate::diagnostics::check(&text)
        } else {
            refused
        });
        self.apply_output = Some(out);
        self.apply_runs += 1;
    }

    /// The editor's text changed (typed, reset, loaded): check it again.
    fn set_editor(&mut self, text: String) {
        self.diagnostics = Rc::new(crate::diagnostics::check(&text));
        self.editor = text;
    }

    /// A new cluster and history (an example, a lesson, a reset): the clock stops and
    /// what was selected or compared in the old one is dropped, and so is a lesson in
    /// progress (its steps point into the old history).
    fn replace_timeline(&mut self, timeline: Timeline) {
        self.set_timeline(timeline);
        self.lesson = None;
        self.clock.playing = false;
        self.clock.reset_budget();
        self.selection = Selection::None;
        self.diff = None;
    }

    fn load_example(&mut self, e: &'static Example) {
        self.replace_timeline(Timeline::new(Box::new(NoFiles)));
        self.example = Some(e);
        self.set_editor(e.manifest.to_string());
        self.before_reset = None;
        let mut log = Vec::new();
        self.run(APPLY_COMMAND, Some(e.nodes));
        self.apply();
        for line in e.story {
            let out = self.run(line, None);
            log.push((line.to_string(), out));
        }
        for (c, o) in log {
            self.log(c, o);
        }
    }

    pub fn update(&mut self, msg: Msg) -> Effects {
        // Every other message sees the board as of the current position, and a cluster
        // that is not in the middle of a step.
        if !matches!(msg, Msg::Refresh) {
            self.refresh_pending();
        }
        if !matches!(msg, Msg::Refresh | Msg::Tick(_) | Msg::TickSteps(_)) {
            self.finish_step();
        }
        match msg {
            Msg::EditorChanged(text) => {
                if text == self.editor {
                    return Effects::NONE;
                }
                self.set_editor(text);
                self.before_reset = None;
                self.edits += 1;
                Effects {
                    auto_apply_after: self.auto_apply.then_some(self.edits),
                    ..Effects::SAVE
                }
            }
            Msg::Apply => {
                self.apply();
                Effects::SAVE
            }
            Msg::ToggleAutoApply => {
                self.auto_apply = !self.auto_apply;
                Effects::SAVE
            }
            Msg::AutoApplyDue(n) => {
                if !self.auto_apply || n != self.edits {
                    return Effects::NONE;
                }
                self.apply();
                Effects::SAVE
            }
            Msg::Reset => {
                if self.editor == DEFAULT_MANIFEST {
                    return Effects::NONE;
                }
                let old = std::mem::take(&mut self.editor);
                self.set_editor(DEFAULT_MANIFEST.to_string());
                self.before_reset = Some(old);
                Effects::SAVE
            }
            Msg::UndoReset => match self.before_reset.take() {
                Some(old) => {
                    self.set_editor(old);
                    Effects::SAVE
                }
                None => Effects::NONE,
            },
            Msg::ConsoleInput(line) => {
                self.console_input = line;
                self.completions.clear();
                self.history.stop_browsing();
                Effects::RENDER
            }
            Msg::ConsoleRun => {
                let command = std::mem::take(&mut self.console_input).trim().to_string();
                self.completions.clear();
                self.history.push(&command);
                if command.is_empty() {
                    return Effects::RENDER;
                }
                let output = self.run(&command, None);
                self.log(command, output);
                Effects::SAVE
            }
            Msg::ConsoleComplete => {
                let c = complete::complete(&self.timeline.session.cluster, &self.console_input);
                let changed = c.line != self.console_input || c.candidates != self.completions;
                self.console_input = c.line;
                self.completions = c.candidates;
                if changed {
                    Effects::RENDER
                } else {
                    Effects::NONE
                }
            }
            Msg::HistoryPrev => match self.history.prev(&self.console_input) {
                Some(line) => {
                    self.console_input = line;
                    Effects::RENDER
                }
                None => Effects::NONE,
            },
            Msg::HistoryNext => match self.history.next() {
                Some(line) => {
                    self.console_input = line;
                    Effects::RENDER
                }
                None => Effects::NONE,
            },
            Msg::ConsoleClear => {
                self.scrollback = Rc::default();
                Effects::RENDER
            }
            Msg::Run(c) => {
                let output = self.run(&c.line, c.stdin.as_deref());
                self.log(Self::shown(&c), output);
                Effects::SAVE
            }
            Msg::AddNode => {
                let name = commands::free_name("worker", &|n| self.node_exists(n));
                self.update(Msg::Run(commands::add_node(&name, &[], &[])))
            }
            Msg::AddControlPlane => {
                let name = if self.node_exists("control-plane") {
                    commands::free_name("control-plane", &|n| self.node_exists(n))
                } else {
                    "control-plane".to_string()
                };
                self.update(Msg::Run(commands::add_control_plane(&name)))
            }
            Msg::AddPool {
                prefix,
                count,
                labels,
                taint,
            } => {
                let prefix = prefix.trim();
                let taints: Vec<commands::TaintSpec> = match taint.trim() {
                    "" => Vec::new(),
                    t => match commands::parse_taint(t) {
                        Some(t) => vec![t],
                        None => {
                            self.notice = Some(format!(
                                "The taint {t:?} is not key=value:Effect (e.g. gpu=true:NoSchedule)."
                            ));
                            return Effects::RENDER;
                        }
                    },
                };
                if prefix.is_empty() || count == 0 || count > commands::MAX_POOL {
                    self.notice = Some(format!(
                        "A pool needs a name prefix and from 1 to {} nodes.",
                        commands::MAX_POOL
                    ));
                    return Effects::RENDER;
                }
                self.notice = None;
                let c = commands::add_pool(
                    prefix,
                    count,
                    &commands::parse_labels(&labels),
                    &taints,
                    &|n| self.node_exists(n),
                );
                self.update(Msg::Run(c))
            }
            Msg::Duplicate(name) => {
                let Some(card) = self.board.card(&name) else {
                    return Effects::NONE;
                };
                let labels: Vec<(String, String)> = card
                    .node
                    .labels
                    .iter()
                    .filter(|(k, _)| k != "kubernetes.io/hostname")
                    .cloned()
                    .collect();
                // Taints the node lifecycle controller manages come back by themselves.
                let taints: Vec<commands::TaintSpec> = card
                    .node
                    .taints
                    .iter()
                    .filter_map(|t| commands::parse_taint(t))
                    .filter(|t| !t.key.starts_with("node.kubernetes.io/"))
                    .collect();
                let prefix = name.rsplit_once('-').map_or(name.as_str(), |(p, _)| p);
                let new = commands::free_name(prefix, &|n| self.node_exists(n));
                self.update(Msg::Run(commands::add_node(&new, &labels, &taints)))
            }
            Msg::ImportNodes(text) => self.update(Msg::Run(Command {
                line: APPLY_COMMAND.into(),
                stdin: Some(text),
            })),
            Msg::Select(s) => {
                if s == self.selection {
                    return Effects::NONE;
                }
                self.selection = s;
                Effects::RENDER
            }
            Msg::Reveal(line) => {
                let nonce = self.reveal.map_or(0, |(_, n)| n.wrapping_add(1));
                self.reveal = Some((line, nonce));
                Effects::RENDER
            }
            Msg::Step => {
                self.clock.reset_budget();
                match self.timeline.step() {
                    Some(r) => {
                        self.refresh(Some(&r));
                        Effects::SAVE
                    }
                    None => Effects::NONE,
                }
            }
            Msg::StepBack => {
                if self.timeline.position() == 0 {
                    return Effects::NONE;
                }
                self.clock.playing = false;
                self.clock.reset_budget();
                self.timeline.step_back();
                self.refresh(None);
                Effects::SAVE
            }
            Msg::Seek(target) => {
                if target == self.timeline.position() {
                    return Effects::NONE;
                }
                self.clock.reset_budget();
                self.timeline.seek(target);
                self.refresh(None);
                Effects::SAVE
            }
            Msg::TogglePlay => {
                self.clock.playing = !self.clock.playing;
                self.clock.reset_budget();
                if self.clock.playing && self.next_event_in().is_none() {
                    self.clock.playing = false;
                }
                Effects::SAVE
            }
            Msg::SetSpeed(s) => {
                if !clock::SPEEDS.contains(&s) || s == self.clock.speed {
                    return Effects::NONE;
                }
                self.clock.speed = s;
                Effects::SAVE
            }
            Msg::Faster => {
                self.clock.faster();
                Effects::SAVE
            }
            Msg::Slower => {
                self.clock.slower();
                Effects::SAVE
            }
            Msg::Tick(real_ms) => self.tick(real_ms, false),
            Msg::TickSteps(real_ms) => self.tick(real_ms, true),
            Msg::Refresh => {
                if self.pending_refresh.is_none() {
                    return Effects::NONE;
                }
                self.refresh_pending();
                Effects {
                    render_next_frame: true,
                    ..Effects::NONE
                }
            }
            Msg::LoadExample(id) => match gallery::find(&id) {
                Some(e) => {
                    self.load_example(e);
                    Effects::SAVE
                }
                None => Effects::NONE,
            },
            Msg::ResetCluster => {
                self.replace_timeline(fresh_timeline());
                self.example = None;
                self.apply_output = None;
                self.refresh(None);
                Effects::SAVE
            }
            Msg::ShowDiff(d) => {
                self.diff = d;
                Effects::RENDER
            }
            Msg::Share(open) => {
                self.share = open.then_some(links::LinkState::Wanted);
                Effects::RENDER
            }
            Msg::Packed(what, text, link) => self.link_packed(what, &text, link),
            Msg::Lesson(l) => self.lesson_update(l),
            Msg::DismissNotice => {
                self.notice = None;
                Effects::RENDER
            }
        }
    }

    /// Finishes a step that play spread over several ticks, if one is under way.
    pub fn finish_step(&mut self) {
        if let Some(r) = self.timeline.finish_step() {
            self.refresh(Some(&r));
        }
    }

    fn refresh_pending(&mut self) {
        if let Some(r) = self.pending_refresh.take() {
            self.refresh(Some(&r));
        }
    }

    /// Play mode: take the events that are due; stop when nothing is left to happen.
    /// With `defer`, the board is worked out by the [`Msg::Refresh`] that follows.
    fn tick(&mut self, real_ms: f64, defer: bool) -> Effects {
        if !self.clock.playing {
            return Effects::NONE;
        }
        self.clock.tick(real_ms);
        let mut last = None;
        let mut work = clock::TickWork::start();
        loop {
            // A large step goes on over several ticks, a slice of work in each.
            if !self.timeline.stepping() {
                let Some(gap) = self.next_event_in() else {
                    self.clock.playing = false;
                    break;
                };
                if !self.clock.take_if_due(gap) {
                    break;
                }
            }
            match self.timeline.step_for(&mut || work.more()) {
                Some(r) => last = Some(r),
                None => break,
            }
            if !work.another() {
                break;
            }
        }
        // The board shows the cluster between steps: with one under way, it waits for it
        // (as it skips the steps before the last of a tick).
        if self.timeline.stepping() {
            last = None;
        }
        // Saving every tick would serialise the whole history; save on pause instead.
        let save = !self.clock.playing;
        match last {
            Some(r) if defer => {
                self.pending_refresh = Some(r);
                Effects {
                    save,
                    refresh_soon: true,
                    ..Effects::NONE
                }
            }
            Some(r) => {
                self.refresh(Some(&r));
                Effects {
                    save,
                    ..Effects::RENDER
                }
            }
            None => Effects {
                save,
                ..Effects::RENDER
            },
        }
    }

    /// The clock as shown while playing: moves smoothly towards the next event.
    pub fn shown_elapsed_ms(&self) -> i64 {
        // A step under way has moved the cluster's clock already; the board shows it
        // when it is done, and so does the clock.
        if self.timeline.stepping() {
            return self.board.now_ms - EPOCH_MS;
        }
        let base = self.elapsed_ms();
        match (self.clock.playing, self.next_event_in()) {
            (true, Some(gap)) => base + self.clock.played_ms(gap),
            _ => base,
        }
    }

    /// Positions of the commands in the timeline (the scrubber's markers).
    pub fn markers(&self) -> Vec<(usize, String)> {
        self.timeline
            .actions()
            .iter()
            .enumerate()
            .filter_map(|(i, a)| match a {
                Action::Command { line, .. } => Some((i + 1, line.clone())),
                Action::Step => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
