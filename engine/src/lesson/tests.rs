//! The lesson format: each construct, and errors with their line numbers.

use super::*;
use crate::session::NoFiles;

const SMALL: &str = "#!/usr/bin/env dsim
## a note for the author
# lesson: Small
# namespace: logging
# First line of the intro.
# Second line.
#
# Second paragraph.

# step: Nodes
# Narration one.
#     indented code
kubectl apply -f - <<EOF
apiVersion: v1
kind: Node
metadata:
  name: a
  # a YAML comment inside the heredoc is not narration
EOF
# More narration after the command.
kubectl create namespace logging
# task: Label node a
# with disk=ssd.
# solution: kubectl label node a disk=ssd
# check: node/a has label disk=ssd
# check: ds/x does not exist

# step: Apply
# task: Apply it.
# solution: kubectl apply -f - <<EOF
# apiVersion: v1
# kind: Node
# metadata:
#   name: b
# EOF
# solution: kubectl label node b \\
#   x=y
# check: node/b exists
";

#[test]
fn parses_every_construct() {
    let l = parse_lesson(SMALL).unwrap();
    assert_eq!(l.title, "Small");
    assert_eq!(l.namespace, "logging");
    assert_eq!(
        l.intro,
        "First line of the intro.\nSecond line.\n\nSecond paragraph."
    );
    assert_eq!(paragraphs(&l.intro).len(), 2);
    assert_eq!(l.steps.len(), 2);
    let s = &l.steps[0];
    assert_eq!((s.title.as_str(), s.line), ("Nodes", 10));
    assert_eq!(
        s.narration,
        "Narration one.\n    indented code\nMore narration after the command."
    );
    assert_eq!(s.setup.len(), 2);
    assert_eq!(s.setup[0].source_line, 13);
    assert_eq!(s.setup[0].line, "kubectl apply -f -");
    assert_eq!(s.setup[0].text, "kubectl apply -f - <<EOF");
    assert!(s.setup[0]
        .stdin
        .as_deref()
        .unwrap()
        .contains("# a YAML comment inside the heredoc"));
    assert_eq!(s.setup[1].line, "kubectl create namespace logging");
    assert_eq!(s.task.as_deref(), Some("Label node a\nwith disk=ssd."));
    assert_eq!(s.solutions.len(), 1);
    assert_eq!(s.solutions[0].line, "kubectl label node a disk=ssd");
    assert_eq!(s.checks.len(), 2);
    assert_eq!(s.checks[0].text, "node/a has label disk=ssd");
    // The lesson's namespace applies to ds/NAME in checks.
    assert!(
        matches!(&s.checks[1].kind, CheckKind::Exists { namespace, .. } if namespace == "logging")
    );

    let s = &l.steps[1];
    assert!(s.setup.is_empty() && s.narration.is_empty());
    assert_eq!(s.solutions.len(), 2);
    assert_eq!(s.solutions[0].line, "kubectl apply -f -");
    assert_eq!(
        s.solutions[0].stdin.as_deref(),
        Some("apiVersion: v1\nkind: Node\nmetadata:\n  name: b\n")
    );
    assert_eq!(s.solutions[1].line, "kubectl label node b x=y");
    assert_eq!(s.solutions[1].source_line, 36);
}

#[test]
fn commands_rerun_identically_through_run_command() {
    let l = parse_lesson(SMALL).unwrap();
    let mut s = Session::new(Box::new(NoFiles));
    for step in &l.steps {
        let mut outs = start_step(&mut s, step);
        outs.extend(show_solution(&mut s, step));
        for o in outs {
            assert!(!o.failed, "{o:?}");
        }
        assert!(step_done(&s.cluster, step), "{}", step.title);
    }
    assert_eq!(s.cluster.store.nodes["a"].metadata.labels["disk"], "ssd");
    assert_eq!(s.cluster.store.nodes["b"].metadata.labels["x"], "y");
}

#[test]
fn quoted_commands_keep_their_words() {
    let text = "# lesson: Q\n# step: S\nkubectl label node a 'note=two words' \\\n  other=x\necho 'it''s' | kubectl apply -f -\n";
    let l = parse_lesson(text).unwrap();
    let c = &l.steps[0].setup;
    assert_eq!(c.len(), 2);
    let argv = crate::script::parse_line(&c[0].line).unwrap().argv;
    assert_eq!(argv[4], "note=two words");
    assert_eq!(argv[5], "other=x");
    assert_eq!(c[1].line, "kubectl apply -f -");
    assert_eq!(c[1].stdin.as_deref(), Some("its\n"));
}

#[test]
fn the_default_namespace_is_default() {
    let l = parse_lesson("# lesson: T\n# step: S\n# check: ds/x exists\n").unwrap();
    assert_eq!(l.namespace, "default");
    assert!(
        matches!(&l.steps[0].checks[0].kind, CheckKind::Exists { namespace, .. } if namespace == "default")
    );
}

fn error(text: &str) -> LessonError {
    parse_lesson(text).unwrap_err()
}

#[test]
fn errors_name_their_line() {
    let cases: &[(&str, u32, &str)] = &[
        ("# step: S\n", 1, "starts with `# lesson: TITLE`"),
        ("# intro first\n# lesson: T\n", 1, "starts with `# lesson: TITLE`"),
        ("# lesson: T\n# step: S\n# lesson: U\n", 3, "a second `# lesson:`"),
        ("# lesson:\n", 1, "needs a title"),
        ("# lesson: T\n# intro\n", 1, "at least one `# step:`"),
        ("# lesson: T\nkubectl get pods\n# step: S\n", 2, "before the first `# step:`"),
        (
            "# lesson: T\n# step: S\n# task: do\n# check: node/a exists\nkubectl get pods\n",
            5,
            "set-up commands come before the task",
        ),
        ("# lesson: T\n# step: S\n# task: a\n# task: b\n", 4, "a second `# task:`"),
        ("# lesson: T\n# step: S\n# solution: kubectl get pods\n", 3, "without a `# task:`"),
        ("# lesson: T\n\n# step: S\n# task: do it\n", 3, "has a task but no `# check:`"),
        ("# lesson: T\n# step: S\n# check: node/a exists\n# more text\n", 4, "text after"),
        (
            "# lesson: T\n# step: S\n# check: node/a is flying\n",
            3,
            "expected `ready`, `cordoned` or `schedulable`",
        ),
        (
            "# lesson: T\n# step: S\n# task: x\n# solution: kubectl get 'pods\n# check: node/a exists\n",
            4,
            "in `# solution:`",
        ),
        ("# lesson: T\n# step: S\nkubectl get 'pods\n", 3, "unterminated single-quoted string"),
        ("# lesson: T\n# step: S\n# namespace: x\n", 3, "before the first `# step:`"),
        ("# lesson: T\n# step:\n", 2, "`# step:` needs a title"),
        ("# lesson: T\n# step: S\n# check:\n", 3, "is empty"),
    ];
    for (text, line, needle) in cases {
        let e = error(text);
        assert_eq!(e.line, *line, "{text:?}: {e}");
        assert!(e.message.contains(needle), "{text:?}: {e}");
    }
}

#[test]
fn check_errors_point_at_the_column_in_the_line() {
    let e = error("# lesson: T\n# step: S\n# check: ds/x has three pods\n");
    assert_eq!(e.line, 3);
    // `three` starts at column 19 of the line.
    assert_eq!(e.col, 19, "{e}");
    assert!(e.message.contains("expected a count"), "{e}");
    assert_eq!(e.to_string(), format!("line 3, column 19: {}", e.message));
}

#[test]
fn a_missing_heredoc_end_in_a_solution_is_an_error() {
    let e = error("# lesson: T\n# step: S\n# task: x\n# solution: kubectl apply -f - <<EOF\n# kind: Node\n\n# check: node/a exists\n");
    assert_eq!(e.line, 4, "{e}");
    assert!(e.message.contains("delimited by end-of-file"), "{e}");
}

#[test]
fn steps_without_task_or_checks_are_narration() {
    let l = parse_lesson("# lesson: T\n# step: Read this\n# Just text.\n").unwrap();
    let s = &l.steps[0];
    assert!(s.task.is_none() && s.checks.is_empty());
    assert_eq!(s.narration, "Just text.");
    assert!(step_done(&crate::cluster::Cluster::new(), s));
}

#[test]
fn every_builtin_lesson_parses_and_has_tasks() {
    assert_eq!(BUILTIN.len(), 10);
    for (id, text) in BUILTIN {
        let l = parse_lesson(text).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(l.steps.len() >= 3, "{id}");
        assert!(l.steps.iter().any(|s| s.task.is_some()), "{id}");
        for s in &l.steps {
            assert!(
                s.task.is_none() || !s.solutions.is_empty(),
                "{id}: {}",
                s.title
            );
        }
        // No lesson reads files: it must run the same in the browser.
        for c in l
            .steps
            .iter()
            .flat_map(|s| s.setup.iter().chain(&s.solutions))
        {
            let argv = crate::script::parse_line(&c.line).unwrap().argv;
            if let Some(i) = argv.iter().position(|a| a == "-f") {
                assert_eq!(
                    argv.get(i + 1).map(String::as_str),
                    Some("-"),
                    "{id}: {}",
                    c.text
                );
            }
        }
    }
    assert!(builtin("07-rollback").is_some());
    assert!(builtin("nope").is_none());
}

const THREE_STEPS: &str = "# lesson: T
# step: One
kubectl apply -f - <<EOF
{apiVersion: v1, kind: Node, metadata: {name: a}}
EOF
# task: label a
# solution: kubectl label node a step=one
# check: node/a has label step=one
# step: Two
kubectl label node a seen=two
# task: label again
# solution: kubectl label node a step=two --overwrite
# check: node/a has label step=two
# step: Three
# check: node/a has label seen=two
";

#[test]
fn progress_resets_to_a_step_on_a_timeline() {
    let l = parse_lesson(THREE_STEPS).unwrap();
    let mut t = Timeline::new(Box::new(NoFiles));
    let mut p = Progress::new("t");
    p.enter_step(&mut t, &l, 0);
    assert!(!p.check(&t.session.cluster, &l)[0].passed);
    show_solution(&mut t, &l.steps[0]);
    assert!(p.check(&t.session.cluster, &l)[0].passed);
    assert_eq!(p.completed, vec![0]);
    p.enter_step(&mut t, &l, 1);
    show_solution(&mut t, &l.steps[1]);
    assert!(p.check(&t.session.cluster, &l)[0].passed);
    assert_eq!(p.completed, vec![0, 1]);
    // Reset to step 1: its set-up ran again, its task is undone.
    p.reset_to(&mut t, &l, 1);
    assert_eq!(p.step, 1);
    assert_eq!(p.completed, vec![0]);
    let labels = &t.session.cluster.store.nodes["a"].metadata.labels;
    assert_eq!(labels["step"], "one");
    assert_eq!(labels["seen"], "two");
    assert!(!step_done(&t.session.cluster, &l.steps[1]));
    // Progress survives a reload as JSON.
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<Progress>(&json).unwrap(), p);
    // Reset to a step never reached: the author's path is taken up to it.
    let mut t2 = Timeline::new(Box::new(NoFiles));
    let mut p2 = Progress::new("t");
    p2.reset_to(&mut t2, &l, 2);
    assert_eq!(p2.step_starts.len(), 3);
    assert!(step_done(&t2.session.cluster, &l.steps[2]));
    assert_eq!(
        t2.session.cluster.store.nodes["a"].metadata.labels["step"],
        "two"
    );
    // replay_to does the same on a plain session.
    let mut s = Session::new(Box::new(NoFiles));
    replay_to(&mut s, &l, 2);
    assert_eq!(s.cluster.store.nodes["a"].metadata.labels["step"], "two");
}

#[test]
fn verify_flags_vacuous_and_failing_steps() {
    // Step one's check already holds before its solution; step two's never holds.
    let text = "# lesson: T
# step: One
kubectl create namespace x
# task: nothing to do
# solution: kubectl get ns
# check: ns/x exists
# step: Two
# task: impossible
# solution: kubectl get ns
# check: ns/y exists
# step: Three
# task: fine
# solution: kubectl create namespace z
# check: ns/z exists
";
    let l = parse_lesson(text).unwrap();
    let mut s = Session::new(Box::new(NoFiles));
    let r = verify(&mut s, &l);
    assert!(!r[0].ok());
    assert!(r[0].problems()[0].contains("already passes"), "{:?}", r[0]);
    assert!(!r[1].ok());
    assert!(r[1].problems()[0].contains("check failed: ns/y exists"));
    assert!(r[2].ok(), "{:?}", r[2].problems());
}
