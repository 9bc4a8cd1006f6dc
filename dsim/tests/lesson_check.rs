//! `dsim lesson check`: exit codes and report.

use std::process::Command;

fn dsim(args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_dsim"))
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ),
    )
}

fn lessons_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons")
}

#[test]
fn the_builtin_lessons_pass() {
    let dir = lessons_dir();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 10);
    let args: Vec<&str> = ["lesson", "check"]
        .into_iter()
        .chain(files.iter().map(String::as_str))
        .collect();
    let (code, out) = dsim(&args);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches(": ok: ").count(), 10, "{out}");
}

#[test]
fn a_vacuous_or_wrong_lesson_fails_and_a_malformed_one_names_its_line() {
    let dir = std::env::temp_dir().join(format!("dsim-lesson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let vacuous = dir.join("vacuous.sh");
    std::fs::write(
        &vacuous,
        "# lesson: V\n# step: S\nkubectl create namespace x\n# task: nothing\n# solution: kubectl get ns\n# check: ns/x exists\n",
    )
    .unwrap();
    let (code, out) = dsim(&["lesson", "check", vacuous.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("already passes before the solution"), "{out}");

    let wrong = dir.join("wrong.sh");
    std::fs::write(
        &wrong,
        "# lesson: W\n# step: S\n# task: t\n# solution: kubectl create namespace y\n# check: ns/z exists\n",
    )
    .unwrap();
    let (code, out) = dsim(&["lesson", "check", "-v", wrong.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("check failed: ns/z exists"), "{out}");
    assert!(out.contains("after FAIL ns/z exists"), "{out}");

    let malformed = dir.join("malformed.sh");
    std::fs::write(
        &malformed,
        "# lesson: M\n# step: S\n# check: ds/x has many pods\n",
    )
    .unwrap();
    let (code, out) = dsim(&["lesson", "check", malformed.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("line 3, column 19: expected a count"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(dsim(&["lesson"]).0, 2);
    assert_eq!(dsim(&["lesson", "check"]).0, 2);
    assert_eq!(dsim(&["lesson", "check", "/nonexistent/lesson.sh"]).0, 2);
    let (code, out) = dsim(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("dsim lesson check"), "{out}");
}
