//! A lesson in progress (see `engine::lesson`): the parsed lesson, where the learner
//! is, and what the current step's checks say about the cluster now.

use std::rc::Rc;

use engine::lesson::{parse_lesson, show_solution, CheckResult, Lesson, Progress};
use engine::session::NoFiles;
use engine::timeline::Timeline;
use serde::{Deserialize, Serialize};

use super::{Effects, Model};

#[derive(Clone, Debug, PartialEq)]
pub struct LessonState {
    /// The lesson's source, kept so that a reload can parse it again.
    pub text: Rc<str>,
    pub lesson: Rc<Lesson>,
    pub progress: Progress,
    /// The current step's checks against the cluster as it is now.
    pub results: Vec<CheckResult>,
    /// The fragment (`lesson.v1.…`) of a link that opens this lesson, once made.
    pub link: Option<Rc<str>>,
    /// The link was asked for (see `Model::take_link_requests`).
    pub link_asked: bool,
}

impl LessonState {
    fn new(text: &str, lesson: Lesson, progress: Progress) -> LessonState {
        LessonState {
            text: text.into(),
            lesson: Rc::new(lesson),
            progress,
            results: Vec::new(),
            link: None,
            link_asked: false,
        }
    }

    pub fn step_done(&self) -> bool {
        !self.results.is_empty() && self.results.iter().all(|r| r.passed)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LessonMsg {
    /// One of `engine::lesson::BUILTIN`, by id.
    StartBuiltin(String),
    /// A lesson file's text (loaded by the trainer).
    Load(String),
    /// Run the current step's solution ("Show me").
    ShowMe,
    Next,
    /// Back to the start of step `n` (0-based), its set-up run again.
    ResetTo(usize),
    Leave,
}

/// The lesson part of the saved state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedLesson {
    pub text: String,
    pub progress: Progress,
}

impl Model {
    pub fn lesson_update(&mut self, msg: LessonMsg) -> Effects {
        match msg {
            LessonMsg::StartBuiltin(id) => match engine::lesson::builtin(&id) {
                Some(text) => self.start_lesson(&id, text),
                None => Effects::NONE,
            },
            LessonMsg::Load(text) => self.start_lesson("", &text),
            LessonMsg::ShowMe => {
                let Some(l) = &self.lesson else {
                    return Effects::NONE;
                };
                let lesson = l.lesson.clone();
                let step = &lesson.steps[l.progress.step];
                let outputs = show_solution(&mut self.timeline, step);
                for (c, o) in step.solutions.iter().zip(outputs) {
                    self.log(c.text.clone(), o);
                }
                self.refresh(None);
                Effects::SAVE
            }
            LessonMsg::Next => {
                let Some(l) = &self.lesson else {
                    return Effects::NONE;
                };
                let next = l.progress.step + 1;
                if next >= l.lesson.steps.len() {
                    return Effects::NONE;
                }
                self.enter_lesson_step(|p, t, lesson| p.enter_step(t, lesson, next))
            }
            LessonMsg::ResetTo(n) => {
                let Some(l) = &self.lesson else {
                    return Effects::NONE;
                };
                if n >= l.lesson.steps.len() {
                    return Effects::NONE;
                }
                self.enter_lesson_step(|p, t, lesson| p.reset_to(t, lesson, n))
            }
            LessonMsg::Leave => {
                self.lesson = None;
                Effects::SAVE
            }
        }
    }

    fn start_lesson(&mut self, id: &str, text: &str) -> Effects {
        let lesson = match parse_lesson(text) {
            Ok(l) => l,
            Err(e) => {
                self.notice = Some(format!("This lesson cannot be read: {e}"));
                return Effects::RENDER;
            }
        };
        if lesson.steps.is_empty() {
            self.notice = Some("This lesson has no steps (`# step: TITLE`).".into());
            return Effects::RENDER;
        }
        let name = if id.is_empty() {
            lesson.title.clone()
        } else {
            id.to_string()
        };
        self.replace_timeline(Timeline::new(Box::new(NoFiles)));
        self.example = None;
        self.notice = None;
        self.lesson = Some(LessonState::new(text, lesson, Progress::new(&name)));
        self.enter_lesson_step(|p, t, lesson| p.enter_step(t, lesson, 0))
    }

    /// Moves the lesson to a step with `go` and shows the set-up's commands.
    fn enter_lesson_step(
        &mut self,
        go: impl FnOnce(&mut Progress, &mut Timeline, &Lesson) -> Vec<engine::session::Output>,
    ) -> Effects {
        let Some(mut l) = self.lesson.take() else {
            return Effects::NONE;
        };
        let outputs = go(&mut l.progress, &mut self.timeline, &l.lesson);
        let step = &l.lesson.steps[l.progress.step];
        // Set-up commands print as the console would show them, in order.
        for (c, o) in step
            .setup
            .iter()
            .zip(outputs.iter().rev().take(step.setup.len()).rev())
        {
            self.log(c.text.clone(), o.clone());
        }
        self.lesson = Some(l);
        self.refresh(None);
        Effects::SAVE
    }

    /// Re-evaluates the current step's checks (after anything changed the cluster).
    pub(super) fn check_lesson(&mut self) {
        if let Some(l) = &mut self.lesson {
            l.results = l.progress.check(&self.timeline.session.cluster, &l.lesson);
        }
    }

    pub fn saved_lesson(&self) -> Option<SavedLesson> {
        self.lesson.as_ref().map(|l| SavedLesson {
            text: l.text.to_string(),
            progress: l.progress.clone(),
        })
    }

    /// Brings a saved lesson back (after the timeline was restored).
    pub(super) fn restore_lesson(&mut self, s: SavedLesson) {
        if let Ok(lesson) = parse_lesson(&s.text) {
            if s.progress.step < lesson.steps.len() {
                self.lesson = Some(LessonState::new(&s.text, lesson, s.progress));
                self.check_lesson();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Msg;

    fn start(id: &str) -> Model {
        let mut m = Model::new(None);
        m.update(Msg::Lesson(LessonMsg::StartBuiltin(id.into())));
        assert!(m.notice.is_none(), "{:?}", m.notice);
        m
    }

    #[test]
    fn a_lesson_runs_step_by_step_with_its_checks() {
        let mut m = start("03-taints-tolerations");
        let steps = m.lesson.as_ref().unwrap().lesson.steps.len();
        assert!(steps >= 3);
        for i in 0..steps {
            let l = m.lesson.as_ref().unwrap();
            assert_eq!(l.progress.step, i);
            let step = &l.lesson.steps[i];
            if step.task.is_some() {
                assert!(
                    !l.step_done(),
                    "step {i} is not done before the learner acts"
                );
            }
            m.update(Msg::Lesson(LessonMsg::ShowMe));
            // Time for evictions and new pods.
            m.update(Msg::ConsoleInput("sleep 2m".into()));
            m.update(Msg::ConsoleRun);
            let l = m.lesson.as_ref().unwrap();
            assert!(
                l.step_done(),
                "step {i}: {:?}",
                l.results.iter().filter(|r| !r.passed).collect::<Vec<_>>()
            );
            m.update(Msg::Lesson(LessonMsg::Next));
        }
        assert_eq!(m.lesson.as_ref().unwrap().progress.completed.len(), steps);
    }

    #[test]
    fn progress_survives_a_reload_and_steps_can_be_reset() {
        let mut m = start("02-node-selector");
        m.update(Msg::Lesson(LessonMsg::ShowMe));
        m.update(Msg::Lesson(LessonMsg::Next));
        let text = crate::model::saved::encode(&m.saved());
        let r = Model::restore(&text);
        let (a, b) = (m.lesson.as_ref().unwrap(), r.lesson.as_ref().unwrap());
        assert_eq!(a.progress, b.progress);
        assert_eq!(a.results, b.results);
        assert_eq!(r.board, m.board);

        let mut r = r;
        r.update(Msg::Lesson(LessonMsg::ResetTo(0)));
        let l = r.lesson.as_ref().unwrap();
        assert_eq!(l.progress.step, 0);
        assert_eq!(
            r.timeline.position(),
            l.progress.step_starts[0] + l.lesson.steps[0].setup.len(),
            "back at step 1, its set-up run again"
        );
        if l.lesson.steps[0].task.is_some() {
            assert!(!l.step_done());
        }
    }

    #[test]
    fn an_example_or_a_reset_ends_the_lesson() {
        for msg in [Msg::LoadExample("ssd-monitor".into()), Msg::ResetCluster] {
            let mut m = start("02-node-selector");
            m.update(msg);
            assert!(m.lesson.is_none());
            assert!(m.saved().lesson.is_none());
        }
    }

    #[test]
    fn a_broken_lesson_file_says_where() {
        let mut m = Model::new(None);
        m.update(Msg::Lesson(LessonMsg::Load(
            "# lesson: X\n# step: one\n# check: this is not a check\n".into(),
        )));
        assert!(m.lesson.is_none());
        assert!(m
            .notice
            .unwrap()
            .starts_with("This lesson cannot be read: line 3"));
    }

    #[test]
    fn every_builtin_lesson_starts() {
        for (id, _) in engine::lesson::BUILTIN {
            let m = start(id);
            assert!(m.lesson.is_some(), "{id}");
        }
    }
}
