//! The app's state and its transitions, with no DOM and no storage: every user action
//! is a [`Msg`], and [`Model::update`] applies it, running kubectl through a [`Kubectl`].

use std::rc::Rc;

use engine::session::{Output, Session};

use crate::examples::DEFAULT_MANIFEST;
use crate::history::History;

/// What the Apply button (and Ctrl/Cmd+Enter in the editor) runs, with the editor text as stdin.
pub const APPLY_COMMAND: &str = "kubectl apply -f -";

/// Console entries kept; older ones scroll away for good.
pub const SCROLLBACK_LIMIT: usize = 500;

/// Whatever runs kubectl command lines: the engine session in the app, a fake in tests.
pub trait Kubectl {
    fn run(&mut self, line: &str, stdin: Option<&str>) -> Output;
}

impl Kubectl for Session {
    fn run(&mut self, line: &str, stdin: Option<&str>) -> Output {
        self.run_command(line, stdin)
    }
}

/// One command run in the console and what it printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleEntry {
    pub command: String,
    pub output: Output,
}

/// Every user action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    /// The editor text was edited.
    EditorChanged(String),
    /// Run `kubectl apply -f -` with the editor text.
    Apply,
    /// Put the example manifest back in the editor.
    Reset,
    /// Bring back the text that Reset replaced.
    UndoReset,
    /// The console input line was edited.
    ConsoleInput(String),
    /// Run the console input line.
    ConsoleRun,
    /// ↑ in the console.
    HistoryPrev,
    /// ↓ in the console.
    HistoryNext,
    /// Empty the console scrollback.
    ConsoleClear,
}

/// What [`Model::update`] asks of its caller.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// The view must be rendered again.
    pub render: bool,
    /// The editor text changed and should be saved.
    pub save_editor: bool,
}

impl Effects {
    const NONE: Effects = Effects {
        render: false,
        save_editor: false,
    };
    const RENDER: Effects = Effects {
        render: true,
        save_editor: false,
    };
    const SAVE: Effects = Effects {
        render: true,
        save_editor: true,
    };
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    pub editor: String,
    /// What the last Apply printed; `None` before the first one.
    pub apply_output: Option<Output>,
    /// How many times Apply ran.
    pub apply_runs: u32,
    /// The editor text just before the last Reset, while it can still be undone.
    pub before_reset: Option<String>,
    pub console_input: String,
    /// Shared with the console widget; copied only when it changes.
    pub scrollback: Rc<Vec<ConsoleEntry>>,
    pub history: History,
}

impl Model {
    /// A fresh model; `saved_editor` is the editor text kept from a previous visit.
    pub fn new(saved_editor: Option<String>) -> Model {
        Model {
            editor: saved_editor.unwrap_or_else(|| DEFAULT_MANIFEST.to_string()),
            apply_output: None,
            apply_runs: 0,
            before_reset: None,
            console_input: String::new(),
            scrollback: Rc::default(),
            history: History::new(),
        }
    }

    pub fn update(&mut self, msg: Msg, kubectl: &mut dyn Kubectl) -> Effects {
        match msg {
            Msg::EditorChanged(text) => {
                if text == self.editor {
                    return Effects::NONE;
                }
                self.editor = text;
                self.before_reset = None;
                Effects::SAVE
            }
            Msg::Apply => {
                self.apply_output = Some(kubectl.run(APPLY_COMMAND, Some(&self.editor)));
                self.apply_runs += 1;
                Effects::RENDER
            }
            Msg::Reset => {
                if self.editor == DEFAULT_MANIFEST {
                    return Effects::NONE;
                }
                let old = std::mem::replace(&mut self.editor, DEFAULT_MANIFEST.to_string());
                self.before_reset = Some(old);
                Effects::SAVE
            }
            Msg::UndoReset => match self.before_reset.take() {
                Some(old) => {
                    self.editor = old;
                    Effects::SAVE
                }
                None => Effects::NONE,
            },
            Msg::ConsoleInput(line) => {
                self.console_input = line;
                self.history.stop_browsing();
                Effects::RENDER
            }
            Msg::ConsoleRun => {
                let command = std::mem::take(&mut self.console_input).trim().to_string();
                self.history.push(&command);
                if command.is_empty() {
                    return Effects::RENDER;
                }
                let output = kubectl.run(&command, None);
                let scrollback = Rc::make_mut(&mut self.scrollback);
                scrollback.push(ConsoleEntry { command, output });
                if scrollback.len() > SCROLLBACK_LIMIT {
                    let excess = scrollback.len() - SCROLLBACK_LIMIT;
                    scrollback.drain(..excess);
                }
                Effects::RENDER
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records calls and answers `ok <line>` on stdout.
    #[derive(Default)]
    struct Fake {
        calls: Vec<(String, Option<String>)>,
    }

    impl Kubectl for Fake {
        fn run(&mut self, line: &str, stdin: Option<&str>) -> Output {
            self.calls
                .push((line.to_string(), stdin.map(str::to_string)));
            Output::out(format!("ok {line}\n"))
        }
    }

    #[test]
    fn starts_with_saved_text_or_the_example() {
        assert_eq!(Model::new(None).editor, DEFAULT_MANIFEST);
        assert_eq!(Model::new(Some("x".into())).editor, "x");
    }

    #[test]
    fn apply_runs_kubectl_apply_with_the_editor_text() {
        let mut m = Model::new(Some("kind: DaemonSet\n".into()));
        let mut k = Fake::default();
        let fx = m.update(Msg::Apply, &mut k);
        assert!(fx.render && !fx.save_editor);
        assert_eq!(
            k.calls,
            [(
                APPLY_COMMAND.to_string(),
                Some("kind: DaemonSet\n".to_string())
            )]
        );
        assert_eq!(m.apply_output, Some(Output::out("ok kubectl apply -f -\n")));
        assert_eq!(m.apply_runs, 1);
    }

    #[test]
    fn editing_asks_to_save_only_on_change() {
        let mut m = Model::new(Some("a".into()));
        let mut k = Fake::default();
        assert_eq!(
            m.update(Msg::EditorChanged("a".into()), &mut k),
            Effects::NONE
        );
        assert_eq!(
            m.update(Msg::EditorChanged("ab".into()), &mut k),
            Effects::SAVE
        );
        assert_eq!(m.editor, "ab");
    }

    #[test]
    fn reset_can_be_undone_until_the_next_edit() {
        let mut m = Model::new(Some("mine".into()));
        let mut k = Fake::default();
        assert_eq!(m.update(Msg::Reset, &mut k), Effects::SAVE);
        assert_eq!(m.editor, DEFAULT_MANIFEST);
        assert_eq!(m.update(Msg::UndoReset, &mut k), Effects::SAVE);
        assert_eq!(m.editor, "mine");
        assert_eq!(m.update(Msg::UndoReset, &mut k), Effects::NONE);

        m.update(Msg::Reset, &mut k);
        m.update(Msg::EditorChanged("other".into()), &mut k);
        assert_eq!(m.before_reset, None);
    }

    #[test]
    fn reset_of_the_example_does_nothing() {
        let mut m = Model::new(None);
        assert_eq!(m.update(Msg::Reset, &mut Fake::default()), Effects::NONE);
        assert_eq!(m.before_reset, None);
    }

    #[test]
    fn console_runs_the_line_echoes_it_and_records_history() {
        let mut m = Model::new(None);
        let mut k = Fake::default();
        m.update(Msg::ConsoleInput("  kubectl get ds ".into()), &mut k);
        m.update(Msg::ConsoleRun, &mut k);
        assert_eq!(m.console_input, "");
        assert_eq!(k.calls, [("kubectl get ds".to_string(), None)]);
        assert_eq!(
            *m.scrollback,
            [ConsoleEntry {
                command: "kubectl get ds".into(),
                output: Output::out("ok kubectl get ds\n"),
            }]
        );
        assert_eq!(m.history.entries(), ["kubectl get ds"]);
    }

    #[test]
    fn blank_console_line_runs_nothing() {
        let mut m = Model::new(None);
        let mut k = Fake::default();
        m.update(Msg::ConsoleInput("   ".into()), &mut k);
        m.update(Msg::ConsoleRun, &mut k);
        assert!(k.calls.is_empty());
        assert!(m.scrollback.is_empty());
    }

    #[test]
    fn history_keys_fill_the_input_line() {
        let mut m = Model::new(None);
        let mut k = Fake::default();
        for c in ["kubectl get ds", "kubectl get pods"] {
            m.update(Msg::ConsoleInput(c.into()), &mut k);
            m.update(Msg::ConsoleRun, &mut k);
        }
        m.update(Msg::ConsoleInput("draft".into()), &mut k);
        m.update(Msg::HistoryPrev, &mut k);
        assert_eq!(m.console_input, "kubectl get pods");
        m.update(Msg::HistoryPrev, &mut k);
        assert_eq!(m.console_input, "kubectl get ds");
        assert_eq!(m.update(Msg::HistoryPrev, &mut k), Effects::NONE);
        m.update(Msg::HistoryNext, &mut k);
        m.update(Msg::HistoryNext, &mut k);
        assert_eq!(m.console_input, "draft");
    }

    #[test]
    fn scrollback_is_bounded_and_clearable() {
        let mut m = Model::new(None);
        let mut k = Fake::default();
        for i in 0..SCROLLBACK_LIMIT + 3 {
            m.update(Msg::ConsoleInput(format!("kubectl get pods {i}")), &mut k);
            m.update(Msg::ConsoleRun, &mut k);
        }
        assert_eq!(m.scrollback.len(), SCROLLBACK_LIMIT);
        assert_eq!(m.scrollback[0].command, "kubectl get pods 3");
        m.update(Msg::ConsoleClear, &mut k);
        assert!(m.scrollback.is_empty());
    }
}
