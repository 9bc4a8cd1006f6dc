//! Every built-in lesson, taken as `dsim lesson check` takes it: for each step its
//! set-up, then (for a step with a task) its checks must not all pass yet, then its
//! solutions run and every check must pass. And each lesson is a valid dsim script.

use engine::lesson::{parse_lesson, verify, BUILTIN};
use engine::session::{NoFiles, Session};

#[test]
fn every_builtin_lesson_passes_its_own_checks() {
    let mut failures = Vec::new();
    for (id, text) in BUILTIN {
        let lesson = parse_lesson(text).unwrap_or_else(|e| panic!("{id}: {e}"));
        let mut s = Session::new(Box::new(NoFiles));
        let reports = verify(&mut s, &lesson);
        assert_eq!(reports.len(), lesson.steps.len());
        for (step, r) in lesson.steps.iter().zip(&reports) {
            if step.task.is_some() {
                assert!(!r.before.is_empty(), "{id}: {}", step.title);
                assert!(
                    r.before.iter().any(|c| !c.passed),
                    "{id}: step \"{}\": its checks pass before the solution",
                    step.title
                );
            }
            assert_eq!(r.after.len(), step.checks.len());
            for p in r.problems() {
                failures.push(format!("{id}: step \"{}\": {p}", step.title));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn without_their_solutions_the_tasks_stay_undone() {
    // The learner did nothing: every step with a task must then fail its checks.
    for (id, text) in BUILTIN {
        let mut lesson = parse_lesson(text).unwrap();
        let first_task = lesson
            .steps
            .iter()
            .position(|s| s.task.is_some())
            .expect("a lesson has a task");
        lesson.steps[first_task].solutions.clear();
        lesson.steps.truncate(first_task + 1);
        let mut s = Session::new(Box::new(NoFiles));
        let reports = verify(&mut s, &lesson);
        let last = reports.last().unwrap();
        assert!(
            last.after.iter().any(|c| !c.passed),
            "{id}: step \"{}\" passes with nothing done",
            last.title
        );
    }
}

#[test]
fn every_builtin_lesson_runs_as_a_dsim_script() {
    // `dsim run` reads the lesson's structure as comments and runs the set-up commands
    // only; they must all succeed even though no solution ran.
    for (id, text) in BUILTIN {
        let mut s = Session::new(Box::new(NoFiles));
        let out = s
            .run_script(text, true)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(!out.failed, "{id}: {}", out.stderr);
        let lesson = parse_lesson(text).unwrap();
        let setups: usize = lesson.steps.iter().map(|s| s.setup.len()).sum();
        assert_eq!(
            out.stdout.matches("\n$ ").count() + usize::from(out.stdout.starts_with("$ ")),
            setups,
            "{id}: dsim runs exactly the set-up commands"
        );
    }
}
