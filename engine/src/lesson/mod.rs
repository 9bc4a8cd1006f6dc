//! Lessons: scenario scripts with narration, run one step at a time, with checks that
//! confirm the learner got there.
//!
//! # Format
//!
//! A lesson is a dsim script (`dsim run` runs it, and reads the lesson's structure as
//! the comments it is). The structure is written in comment lines:
//!
//! ```text
//! # lesson: Taints and tolerations            <- the title; the first line of the lesson
//! # namespace: logging                        <- optional: where ds/NAME is looked for
//! # Intro text: plain comment lines before the first step.
//! #
//! # A lone `#` starts a new paragraph.
//!
//! # step: Put the DaemonSet on the cluster   <- a step and its title
//! # Narration: the plain comment lines of the step.
//! kubectl apply -f - <<EOF                   <- set-up commands: run when the step starts
//! ...
//! EOF
//! # task: Taint worker-2 with app=fluentd-logging:NoExecute.
//! # More plain comment lines right after `# task:` continue the task.
//! # solution: kubectl taint node worker-2 app=fluentd-logging:NoExecute
//! # solution: sleep 5                        <- "Show me" runs these, in order
//! # check: ds/fluentd has no pod on worker-2   <- the step is done when every check holds
//! ```
//!
//! - `# lesson: TITLE` comes first (only a `#!` line, blank lines and `##` notes may
//!   come before it). `##` lines are notes for the author and are never shown.
//! - Plain `# ` comment lines are text: before the first `# step:` the intro, inside a
//!   step its narration. One space after `#` is dropped, further indentation is kept.
//!   Directives are lower-case words followed by a colon at the start of the comment.
//! - A step's set-up commands (any command line of the script, heredocs included) and
//!   its narration come before its `# task:`. A step needs no task: a step with checks
//!   and no task just confirms what the set-up did; a step with neither is narration.
//! - `# task:` is optional and at most one per step; `# solution:` (any number, only
//!   with a task) and `# check:` (one or more, required with a task) follow it. A
//!   solution is one command line; a heredoc or a trailing `\` continues it on the
//!   next comment lines (`# solution: kubectl apply -f - <<EOF`, `# apiVersion: v1`,
//!   ..., `# EOF`).
//! - Built-in lessons use no files: manifests come in heredocs, so a lesson runs the
//!   same in the browser and in dsim.
//!
//! Time: commands leave the cluster at rest at the current instant; a pod that is
//! being deleted is still there (Terminating) until simulated time passes. A solution
//! that needs time says so (`sleep 5`, or `kubectl rollout status`, which waits).
//!
//! # Check language
//!
//! One sentence per `# check:` line. `ds/NAME` and `pod/NAME` are looked up in the
//! lesson's namespace (`# namespace:`, else `default`) unless `-n NS` follows them.
//! Words in quotes or backquotes are one word.
//!
//! Pods (terminating pods count unless a word below excludes them):
//!
//! ```text
//! ds/NAME has COUNT [ADJECTIVE...] pods [MODIFIER...]     pods the DaemonSet controls
//! node/NAME has COUNT [ADJECTIVE...] pods [MODIFIER...]   pods on the node, any namespace
//! there are|is COUNT [ADJECTIVE...] pods [MODIFIER...]    pods of the lesson's namespace
//!
//! COUNT      no | a | an (at least 1) | one | N | exactly N | at least N | at most N
//!            | more than N | fewer than N
//! ADJECTIVE  ready | unready | available | unavailable | updated | outdated
//!            | terminating | non-terminating
//! MODIFIER   on NODE | of ds/NAME | of revision N | with image IMAGE
//!            | labelled SELECTOR (as kubectl -l) | in state STATE | in namespace NS
//!            | in all namespaces | without an owner
//! ```
//!
//! `pod` and `pods` are the same word. `updated` means the pod carries the hash of the
//! DaemonSet's newest ControllerRevision; `of revision N` matches the pod's hash to
//! revision N. STATE is a pod grid state (`Pending`, `ContainerCreating`, `Running`,
//! `Ready`, `Available`, `Terminating`, `CrashLoopBackOff`, `ImagePullBackOff` (also
//! ErrImagePull), `Failed`, `Succeeded`) or a `kubectl get pods` STATUS, case-insensitive.
//!
//! DaemonSets:
//!
//! ```text
//! ds/NAME FIELD is [not|at least|at most|more than|less than] N|FIELD   (or = != < <= > >=)
//!     FIELD: desiredNumberScheduled (desired), currentNumberScheduled (current),
//!            numberReady (ready), updatedNumberScheduled (updated, up-to-date),
//!            numberAvailable (available), numberUnavailable, numberMisscheduled,
//!            observedGeneration, generation; `status.` may prefix them
//! ds/NAME is rolled out | ds/NAME is not rolled out      as `kubectl rollout status`
//! rollout of ds/NAME is [not] complete                   the same
//! ds/NAME is at revision N                               its newest ControllerRevision
//! ds/NAME has revisions 2,3                              exactly these revision numbers
//! ds/NAME uses image IMAGE | ds/NAME does not use image IMAGE      the pod template
//! ```
//!
//! Nodes and objects:
//!
//! ```text
//! node/NAME has [no] label KEY[=VALUE]
//! node/NAME has [no] taint KEY[=VALUE][:EFFECT]
//! node/NAME is [not] ready | node/NAME is [not] cordoned | node/NAME is schedulable
//! KIND/NAME exists | KIND/NAME does not exist      KIND: ds, node, pod, ns, controllerrevision
//! ```
//!
//! Output of a read-only command (`kubectl get`, `describe`, `rollout history`,
//! `rollout status`), run on a copy of the cluster so that the check changes nothing:
//!
//! ```text
//! output of `kubectl rollout history ds/fluentd -n logging` contains "3"
//! output of `kubectl get pods -n logging` does not contain "Terminating"
//! ```

mod check;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_check;

pub use check::{
    parse_check, Check, CheckError, CheckKind, CheckResult, Cmp, Field, ObjKind, Operand, PodQuery,
};

use crate::cluster::Cluster;
use crate::session::{Output, Session};
use crate::timeline::{Action, Timeline};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The built-in lessons as (id, text), in teaching order. The ids are the file names
/// under `lessons/` without `.sh`.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "01-create-daemonset",
        include_str!("../../../lessons/01-create-daemonset.sh"),
    ),
    (
        "02-node-selector",
        include_str!("../../../lessons/02-node-selector.sh"),
    ),
    (
        "03-taints-tolerations",
        include_str!("../../../lessons/03-taints-tolerations.sh"),
    ),
    (
        "04-node-affinity",
        include_str!("../../../lessons/04-node-affinity.sh"),
    ),
    (
        "05-rolling-update-max-unavailable",
        include_str!("../../../lessons/05-rolling-update-max-unavailable.sh"),
    ),
    (
        "06-rolling-update-max-surge",
        include_str!("../../../lessons/06-rolling-update-max-surge.sh"),
    ),
    (
        "07-rollback",
        include_str!("../../../lessons/07-rollback.sh"),
    ),
    (
        "08-on-delete",
        include_str!("../../../lessons/08-on-delete.sh"),
    ),
    (
        "09-cascade-orphan",
        include_str!("../../../lessons/09-cascade-orphan.sh"),
    ),
    (
        "10-stuck-rollout",
        include_str!("../../../lessons/10-stuck-rollout.sh"),
    ),
];

/// A built-in lesson's text by id.
pub fn builtin(id: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(i, _)| *i == id).map(|(_, t)| *t)
}

/// A command of a lesson, as `Session::run_command(line, stdin)` runs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonCommand {
    /// The 1-based line of the lesson where the command starts.
    pub source_line: u32,
    /// The command as written (for display; a heredoc shows as `<<EOF`).
    pub text: String,
    /// One command line that parses to the command's words.
    pub line: String,
    /// The here-document body or piped text.
    pub stdin: Option<String>,
}

impl LessonCommand {
    fn from_script(c: crate::script::ScriptCommand, source_line: u32) -> LessonCommand {
        // The written text when it runs as it is; otherwise the words quoted back.
        let reparses = crate::script::parse_line(&c.text)
            .map(|p| p.argv == c.argv && p.stdin.is_none())
            .unwrap_or(false);
        let line = if reparses {
            c.text.clone()
        } else {
            crate::script::command_line(&c.argv)
        };
        LessonCommand {
            source_line,
            text: c.text,
            line,
            stdin: c.stdin,
        }
    }

    /// The command as a timeline action.
    pub fn action(&self) -> Action {
        Action::Command {
            line: self.line.clone(),
            stdin: self.stdin.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The line of `# step:`.
    pub line: u32,
    pub title: String,
    /// Text: lines joined by `\n`, paragraphs by a blank line.
    pub narration: String,
    pub setup: Vec<LessonCommand>,
    pub task: Option<String>,
    pub solutions: Vec<LessonCommand>,
    pub checks: Vec<Check>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    pub title: String,
    /// Where `ds/NAME` in checks is looked for when they give no `-n`.
    pub namespace: String,
    /// Text before the first step (paragraphs separated by a blank line).
    pub intro: String,
    pub steps: Vec<Step>,
}

/// Why a lesson could not be read: the 1-based line and column, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.col, self.message
        )
    }
}

impl std::error::Error for LessonError {}

fn err<T>(line: u32, col: u32, message: impl Into<String>) -> Result<T, LessonError> {
    Err(LessonError {
        line,
        col,
        message: message.into(),
    })
}

/// Splits text into paragraphs (separated by blank lines).
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim_matches('\n').to_string())
        .filter(|p| !p.trim().is_empty())
        .collect()
}

#[derive(Default)]
struct Text(Vec<String>);

impl Text {
    fn push(&mut self, line: &str) {
        self.0.push(line.trim_end().to_string());
    }
    fn finish(&self) -> String {
        let mut out = String::new();
        let mut blank = false;
        for l in &self.0 {
            if l.is_empty() {
                blank = !out.is_empty();
                continue;
            }
            if blank {
                out.push_str("\n\n");
            } else if !out.is_empty() {
                out.push('\n');
            }
            blank = false;
            out.push_str(l);
        }
        out
    }
}

enum Line<'a> {
    Blank,
    /// `##` notes and a `#!` first line.
    Note,
    Directive {
        word: &'a str,
        payload: &'a str,
        col: u32,
    },
    Text(&'a str),
    Other,
}

const DIRECTIVES: &[&str] = &["lesson", "namespace", "step", "task", "solution", "check"];

fn classify(raw: &str, number: u32) -> Line<'_> {
    let t = raw.trim_start();
    if t.is_empty() {
        return Line::Blank;
    }
    let Some(rest) = t.strip_prefix('#') else {
        return Line::Other;
    };
    if rest.starts_with('#') || (number == 1 && rest.starts_with('!')) {
        return Line::Note;
    }
    let text = rest.strip_prefix(' ').unwrap_or(rest);
    let indent = raw.len() - t.len();
    if let Some((word, payload)) = text.split_once(':') {
        if DIRECTIVES.contains(&word) {
            let lead = payload.len() - payload.trim_start().len();
            let col = raw[..indent].chars().count()
                + 1
                + (rest.len() - text.len())
                + word.chars().count()
                + 1
                + payload[..lead].chars().count();
            return Line::Directive {
                word,
                payload: payload.trim(),
                col: col as u32 + 1,
            };
        }
    }
    Line::Text(text)
}

/// The comment text of a line (`# x` → `x`), for solution continuations.
fn comment_text(raw: &str) -> Option<&str> {
    let rest = raw.trim_start().strip_prefix('#')?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Phase {
    /// Narration and set-up commands.
    Setup,
    /// Right after `# task:`: text continues the task.
    Task,
    /// After a solution or a check.
    Verify,
}

struct StepBuilder {
    step: Step,
    narration: Text,
    task: Option<Text>,
    phase: Phase,
}

impl StepBuilder {
    fn finish(self) -> Result<Step, LessonError> {
        let mut step = self.step;
        step.narration = self.narration.finish();
        step.task = self.task.map(|t| t.finish());
        if step.task.is_some() && step.checks.is_empty() {
            return err(
                step.line,
                1,
                format!(
                    "step \"{}\" has a task but no `# check:` to tell when it is done",
                    step.title
                ),
            );
        }
        Ok(step)
    }
}

/// For each command, the last line it spans (1-based), found by growing its text
/// until it parses to the same command.
fn command_extents(
    lines: &[&str],
    cmds: &[crate::script::ScriptCommand],
) -> Result<Vec<u32>, LessonError> {
    let mut ends = Vec::with_capacity(cmds.len());
    for (k, c) in cmds.iter().enumerate() {
        let start = c.line as usize;
        let limit = cmds.get(k + 1).map_or(lines.len(), |n| n.line as usize - 1);
        let mut end = None;
        let mut text = String::new();
        for e in start..=limit.max(start) {
            if e > start {
                text.push('\n');
            }
            text.push_str(lines.get(e - 1).copied().unwrap_or(""));
            if let Ok(parsed) = crate::script::parse_script(&text) {
                if parsed.len() == 1 && parsed[0].argv == c.argv && parsed[0].stdin == c.stdin {
                    end = Some(e as u32);
                    break;
                }
            }
        }
        match end {
            Some(e) => ends.push(e),
            None => return err(c.line, 1, "cannot tell where this command ends"),
        }
    }
    Ok(ends)
}

/// Parses a lesson (see the module documentation for the format).
pub fn parse_lesson(text: &str) -> Result<Lesson, LessonError> {
    let cmds = crate::script::parse_script(text).map_err(|e| LessonError {
        line: e.line,
        col: e.col,
        message: e.message,
    })?;
    let normalized = text.replace("\r\n", "\n");
    let lines: Vec<&str> = normalized.split('\n').collect();
    let ends = command_extents(&lines, &cmds)?;

    let mut title: Option<String> = None;
    let mut title_line = 1u32;
    let mut namespace: Option<String> = None;
    let mut intro = Text::default();
    let mut steps: Vec<Step> = Vec::new();
    let mut cur: Option<StepBuilder> = None;
    let mut next_cmd = cmds.into_iter().zip(ends).peekable();

    let mut i = 0usize; // 0-based index into lines
    while i < lines.len() {
        let number = i as u32 + 1;
        if next_cmd.peek().is_some_and(|(c, _)| c.line == number) {
            let (c, end) = next_cmd.next().expect("peeked");
            let Some(b) = cur.as_mut() else {
                return err(
                    number,
                    1,
                    "a command before the first `# step:`; set-up commands belong to a step",
                );
            };
            if b.phase != Phase::Setup {
                return err(
                    number,
                    1,
                    "a command after `# task:`, `# solution:` or `# check:`; set-up commands come before the task (put this one in a `# solution:` or in the next step)",
                );
            }
            b.step.setup.push(LessonCommand::from_script(c, number));
            i = end as usize;
            continue;
        }
        let raw = lines[i];
        match classify(raw, number) {
            Line::Blank | Line::Note => {}
            Line::Other => return err(number, 1, "cannot tell which command this line belongs to"),
            Line::Text(t) => {
                if title.is_none() {
                    return err(
                        number,
                        1,
                        "a lesson starts with `# lesson: TITLE` (use `##` for notes before it)",
                    );
                }
                match cur.as_mut() {
                    None => intro.push(t),
                    Some(b) => match b.phase {
                        Phase::Setup => b.narration.push(t),
                        Phase::Task => b.task.as_mut().expect("task phase").push(t),
                        Phase::Verify => {
                            return err(
                                number,
                                1,
                                "text after `# solution:` or `# check:`; narration comes before `# task:` (use `##` for notes)",
                            )
                        }
                    },
                }
            }
            Line::Directive { word, payload, col } => {
                if title.is_none() && word != "lesson" {
                    return err(number, 1, "a lesson starts with `# lesson: TITLE`");
                }
                match word {
                    "lesson" => {
                        if title.is_some() {
                            return err(
                                number,
                                1,
                                "a second `# lesson:`; one file holds one lesson",
                            );
                        }
                        if payload.is_empty() {
                            return err(number, col, "`# lesson:` needs a title");
                        }
                        title = Some(payload.to_string());
                        title_line = number;
                    }
                    "namespace" => {
                        if cur.is_some() || !steps.is_empty() {
                            return err(
                                number,
                                1,
                                "`# namespace:` belongs before the first `# step:`",
                            );
                        }
                        if namespace.is_some() {
                            return err(number, 1, "a second `# namespace:`");
                        }
                        if payload.is_empty() || payload.contains(char::is_whitespace) {
                            return err(number, col, "`# namespace:` needs one namespace name");
                        }
                        namespace = Some(payload.to_string());
                    }
                    "step" => {
                        if payload.is_empty() {
                            return err(number, col, "`# step:` needs a title");
                        }
                        if let Some(b) = cur.take() {
                            steps.push(b.finish()?);
                        }
                        cur = Some(StepBuilder {
                            step: Step {
                                line: number,
                                title: payload.to_string(),
                                narration: String::new(),
                                setup: Vec::new(),
                                task: None,
                                solutions: Vec::new(),
                                checks: Vec::new(),
                            },
                            narration: Text::default(),
                            task: None,
                            phase: Phase::Setup,
                        });
                    }
                    "task" | "solution" | "check" => {
                        let ns = namespace.clone().unwrap_or_else(|| "default".into());
                        let Some(b) = cur.as_mut() else {
                            return err(
                                number,
                                1,
                                format!("`# {word}:` before the first `# step:`"),
                            );
                        };
                        if payload.is_empty() {
                            return err(number, col, format!("`# {word}:` is empty"));
                        }
                        match word {
                            "task" => {
                                if b.task.is_some() {
                                    return err(
                                        number,
                                        1,
                                        "a second `# task:` in one step; start a new `# step:`",
                                    );
                                }
                                if b.phase != Phase::Setup {
                                    return err(
                                        number,
                                        1,
                                        "`# task:` after `# check:`; the task comes first",
                                    );
                                }
                                let mut t = Text::default();
                                t.push(payload);
                                b.task = Some(t);
                                b.phase = Phase::Task;
                            }
                            "solution" => {
                                if b.task.is_none() {
                                    return err(
                                        number,
                                        1,
                                        "`# solution:` without a `# task:` in this step",
                                    );
                                }
                                let (cmd, last) = solution(&lines, i, payload, col)?;
                                b.step.solutions.push(cmd);
                                b.phase = Phase::Verify;
                                i = last;
                            }
                            _ => {
                                let c = parse_check(payload, &ns).map_err(|e| LessonError {
                                    line: number,
                                    col: col + e.col - 1,
                                    message: e.message,
                                })?;
                                b.step.checks.push(c);
                                b.phase = Phase::Verify;
                            }
                        }
                    }
                    _ => unreachable!("DIRECTIVES"),
                }
            }
        }
        i += 1;
    }
    if let Some(b) = cur.take() {
        steps.push(b.finish()?);
    }
    let Some(title) = title else {
        return err(1, 1, "a lesson starts with `# lesson: TITLE`");
    };
    if steps.is_empty() {
        return err(title_line, 1, "a lesson needs at least one `# step:`");
    }
    Ok(Lesson {
        title,
        namespace: namespace.unwrap_or_else(|| "default".into()),
        intro: intro.finish(),
        steps,
    })
}

/// A `# solution:` at line index `i`, continued on the next comment lines while its
/// heredoc or a trailing backslash asks for more. Returns the command and the index
/// of its last line.
fn solution(
    lines: &[&str],
    i: usize,
    payload: &str,
    col: u32,
) -> Result<(LessonCommand, usize), LessonError> {
    let number = i as u32 + 1;
    let mut text = payload.to_string();
    let mut last = i;
    loop {
        let wants_more = text.trim_end().ends_with('\\')
            || matches!(crate::script::parse_line(&text), Err(e) if e.message.contains("delimited by end-of-file"));
        if !wants_more {
            break;
        }
        match lines.get(last + 1).and_then(|l| comment_text(l)) {
            Some(more) => {
                text.push('\n');
                text.push_str(more);
                last += 1;
            }
            None => break,
        }
    }
    match crate::script::parse_line(&text) {
        Ok(c) => {
            let mut cmd = LessonCommand::from_script(c, number);
            cmd.text = payload.to_string();
            Ok((cmd, last))
        }
        Err(e) => err(
            number + e.line - 1,
            if e.line == 1 { col + e.col - 1 } else { e.col },
            format!("in `# solution:`: {}", e.message),
        ),
    }
}

// ---------------------------------------------------------------------------------
// Running a lesson

/// What runs lesson commands: a [`Session`] (dsim, tests) or a [`Timeline`] (the app,
/// which can then step and scrub through what they did).
pub trait Runner {
    fn run_line(&mut self, line: &str, stdin: Option<&str>) -> Output;
    fn cluster(&self) -> &Cluster;
}

impl Runner for Session {
    fn run_line(&mut self, line: &str, stdin: Option<&str>) -> Output {
        self.run_command(line, stdin)
    }
    fn cluster(&self) -> &Cluster {
        &self.cluster
    }
}

impl Runner for Timeline {
    fn run_line(&mut self, line: &str, stdin: Option<&str>) -> Output {
        self.run(line, stdin).output
    }
    fn cluster(&self) -> &Cluster {
        &self.session.cluster
    }
}

fn run_all(r: &mut impl Runner, cmds: &[LessonCommand]) -> Vec<Output> {
    cmds.iter()
        .map(|c| r.run_line(&c.line, c.stdin.as_deref()))
        .collect()
}

/// Runs a step's set-up commands (when the learner reaches the step).
pub fn start_step(r: &mut impl Runner, step: &Step) -> Vec<Output> {
    run_all(r, &step.setup)
}

/// Runs a step's solutions ("Show me").
pub fn show_solution(r: &mut impl Runner, step: &Step) -> Vec<Output> {
    run_all(r, &step.solutions)
}

/// Evaluates every check of a step, in order.
pub fn check_step(c: &Cluster, step: &Step) -> Vec<CheckResult> {
    step.checks.iter().map(|k| k.evaluate(c)).collect()
}

/// A step is done when all its checks hold (a step without checks always is).
pub fn step_done(c: &Cluster, step: &Step) -> bool {
    step.checks.iter().all(|k| k.evaluate(c).passed)
}

/// Brings a fresh runner to the start of step `index` the way the lesson's author
/// took it: each earlier step's set-up, then its solutions; then this step's set-up.
/// For "reset to step N" (on a new Timeline, or after `seek(0)` and discarding).
pub fn replay_to(r: &mut impl Runner, lesson: &Lesson, index: usize) -> Vec<Output> {
    let mut out = Vec::new();
    for step in lesson.steps.iter().take(index) {
        out.extend(start_step(r, step));
        out.extend(show_solution(r, step));
    }
    if let Some(step) = lesson.steps.get(index) {
        out.extend(start_step(r, step));
    }
    out
}

/// Where a learner is in a lesson, small enough to keep in local storage. With a
/// Timeline the app records the timeline position at which each step started, so that
/// "reset to step N" is a `seek` (and, past the recorded steps, [`replay_to`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The lesson's id (a built-in id) or its title.
    pub lesson: String,
    /// The step the learner is on.
    pub step: usize,
    /// For each step reached, the timeline position just before its set-up ran.
    pub step_starts: Vec<usize>,
    /// The steps whose checks have all passed.
    pub completed: Vec<usize>,
}

impl Progress {
    pub fn new(lesson: &str) -> Progress {
        Progress {
            lesson: lesson.to_string(),
            ..Default::default()
        }
    }

    /// Starts step `index` on a timeline: records where it starts, runs its set-up.
    pub fn enter_step(&mut self, t: &mut Timeline, lesson: &Lesson, index: usize) -> Vec<Output> {
        let Some(step) = lesson.steps.get(index) else {
            return Vec::new();
        };
        self.step_starts.truncate(index);
        while self.step_starts.len() < index {
            // Steps skipped over start where this one does.
            self.step_starts.push(t.position());
        }
        self.step_starts.push(t.position());
        self.step = index;
        self.completed.retain(|s| *s < index);
        start_step(t, step)
    }

    /// Goes back to the start of step `index` (seeking the timeline to just before its
    /// set-up) and runs the set-up again. Later history is discarded by the next action.
    pub fn reset_to(&mut self, t: &mut Timeline, lesson: &Lesson, index: usize) -> Vec<Output> {
        match self.step_starts.get(index) {
            Some(&pos) => {
                t.seek(pos);
                self.enter_step(t, lesson, index)
            }
            None => {
                // Never reached: take the author's path from where the last known step began.
                let from = self.step_starts.len().saturating_sub(1);
                let mut out = Vec::new();
                if let Some(&pos) = self.step_starts.get(from) {
                    t.seek(pos);
                } else {
                    t.seek(0);
                }
                self.step_starts.truncate(from);
                for k in from..index {
                    out.extend(self.enter_step(t, lesson, k));
                    out.extend(show_solution(t, &lesson.steps[k]));
                }
                out.extend(self.enter_step(t, lesson, index));
                out
            }
        }
    }

    /// Checks the current step and records it as completed when every check holds.
    pub fn check(&mut self, c: &Cluster, lesson: &Lesson) -> Vec<CheckResult> {
        let Some(step) = lesson.steps.get(self.step) else {
            return Vec::new();
        };
        let results = check_step(c, step);
        if results.iter().all(|r| r.passed) && !self.completed.contains(&self.step) {
            self.completed.push(self.step);
            crate::sort::sort(&mut self.completed);
        }
        results
    }
}

/// What [`verify`] found for one step.
#[derive(Clone, Debug, PartialEq)]
pub struct StepReport {
    pub title: String,
    /// Set-up and solution commands that failed, with their error output.
    pub failed_commands: Vec<(String, String)>,
    /// For a step with a task: the checks before its solutions ran (at least one must fail).
    pub before: Vec<CheckResult>,
    /// The checks after the solutions ran (all must pass).
    pub after: Vec<CheckResult>,
}

impl StepReport {
    pub fn ok(&self) -> bool {
        self.problems().is_empty()
    }
    /// What is wrong with the step, in words.
    pub fn problems(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .failed_commands
            .iter()
            .map(|(c, e)| format!("command failed: {c}: {}", e.trim_end()))
            .collect();
        if !self.before.is_empty() && self.before.iter().all(|r| r.passed) {
            v.push(
                "every check already passes before the solution runs, so the task checks nothing"
                    .into(),
            );
        }
        for r in self.after.iter().filter(|r| !r.passed) {
            v.push(format!("check failed: {}: {}", r.check, r.explanation));
        }
        v
    }
}

/// Runs a whole lesson as its author intends it to be taken, on `r` (a fresh runner):
/// for each step its set-up, then (for a step with a task) the checks, which must not
/// all pass yet, then the solutions, then the checks, which must all pass.
pub fn verify(r: &mut impl Runner, lesson: &Lesson) -> Vec<StepReport> {
    let mut reports = Vec::new();
    for step in &lesson.steps {
        let mut failed = Vec::new();
        for c in &step.setup {
            let o = r.run_line(&c.line, c.stdin.as_deref());
            if o.failed {
                failed.push((c.text.clone(), o.stderr));
            }
        }
        let before = if step.task.is_some() {
            check_step(r.cluster(), step)
        } else {
            Vec::new()
        };
        for c in &step.solutions {
            let o = r.run_line(&c.line, c.stdin.as_deref());
            if o.failed {
                failed.push((c.text.clone(), o.stderr));
            }
        }
        let after = check_step(r.cluster(), step);
        reports.push(StepReport {
            title: step.title.clone(),
            failed_commands: failed,
            before,
            after,
        });
    }
    reports
}
