//! `dsim run SCRIPT`: runs a kubectl script against a simulated cluster.
//! `dsim link SCRIPT`: prints the playground's share link of a script.
//! `dsim replay LINK`: runs a share link as the playground would open it.
//! `dsim export SCRIPT --format …`: exports the scenario a script builds.
//! `dsim lesson check FILE…`: checks that lessons' solutions pass their checks.

mod export;
mod files;
mod lesson;

use engine::session::Session;
use engine::timeline::Action;
use std::io::{Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
Usage: dsim run [--echo] SCRIPT|-
       dsim link [--embed] SCRIPT|-
       dsim link --lesson LESSON
       dsim replay [--echo] LINK
       dsim export SCRIPT|- --format yaml|script|json|svg|kwok [--out DIR]
       dsim lesson check [-v] FILE...

run      Runs a script of kubectl commands against a fresh simulated cluster
         (namespaces default, kube-system, kube-public, kube-node-lease; no nodes).
         Exits 1 if a command failed, 2 if the script cannot be read or parsed.
link     Prints the share link of a script, relative to the app's root (`#v1.…`):
         its commands and the files its `-f` flags read, replayed when the link opens.
         With --lesson, a link (`#lesson.v1.…`) that opens a lesson file in the app.
replay   Runs a share link (`#v1.…`, or a whole URL) as the app opens it and prints
         what its commands print, up to the link's position. Exits 2 if the link
         cannot be opened.
export   Exports the scenario a script builds: its objects as YAML, a dsim script,
         the timeline as JSON or an SVG picture, or a kit to replay it on kind with
         KWOK (`dsim export --help`).
lesson   check: for each step of each lesson, runs its set-up, confirms that its
         checks do not all pass yet (steps with a task), runs its solutions and
         confirms that every check passes; -v prints every check. Exits 1 if a
         lesson fails, 2 on a usage error.
  --echo   print each command as `$ command` before its output
  --embed  a link for the embedded view (`?embed=1#v1.…`)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
        Some("link") => link(&args[1..]),
        Some("replay") => replay(&args[1..]),
        Some("export") => export::run(&args[1..]),
        Some("lesson") => lesson::main(&args[1..]),
        Some("-h") | Some("--help") | Some("help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The text of SCRIPT (`-`: standard input) and the folder its `-f` paths are relative to.
fn read_script(path: &str) -> Result<(String, PathBuf), ExitCode> {
    if path == "-" {
        let mut s = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut s) {
            eprintln!("dsim: cannot read standard input: {e}");
            return Err(ExitCode::from(2));
        }
        return Ok((s, std::env::current_dir().unwrap_or_default()));
    }
    let p = Path::new(path);
    match std::fs::read(p) {
        Ok(bytes) => {
            let base = p.parent().map(Path::to_path_buf).unwrap_or_default();
            Ok((String::from_utf8_lossy(&bytes).into_owned(), base))
        }
        Err(e) => {
            eprintln!("dsim: cannot read {path}: {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// The one operand of a subcommand whose only flag is `flag`.
fn operand<'a>(args: &'a [String], flag: &str) -> Option<&'a String> {
    let mut rest = args.iter().filter(|a| *a != flag);
    match (rest.next(), rest.next()) {
        (Some(a), None) if a == "-" || !a.starts_with('-') => Some(a),
        _ => None,
    }
}

fn run(args: &[String]) -> ExitCode {
    let echo = args.iter().any(|a| a == "--echo");
    let Some(path) = args.iter().find(|a| *a != "--echo") else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let (text, base) = match read_script(path) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let mut session = Session::new(Box::new(files::FsFiles::new(base)));
    let cmds = match engine::script::parse_script(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("dsim: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut failed = false;
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    for c in cmds {
        if echo {
            let _ = writeln!(stdout.lock(), "$ {}", c.text);
        }
        let o = session.exec(&c.argv, c.stdin.as_deref());
        let _ = stdout.lock().write_all(o.stdout.as_bytes());
        let _ = stdout.lock().flush();
        let _ = stderr.lock().write_all(o.stderr.as_bytes());
        failed |= o.failed;
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn link(args: &[String]) -> ExitCode {
    if args.first().map(String::as_str) == Some("--lesson") {
        return lesson_link(&args[1..]);
    }
    let embed = args.iter().any(|a| a == "--embed");
    let Some(path) = operand(args, "--embed") else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let (text, base) = match read_script(path) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let scenario = match engine::share::from_script(&text, Box::new(files::FsFiles::new(base))) {
        Ok(s) => s,
        Err(engine::share::ShareError::Script(e)) => {
            eprintln!("dsim: {path}: {e}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("dsim: {path}: no link: {e}");
            return ExitCode::from(1);
        }
    };
    match scenario.encode() {
        Ok(fragment) => {
            println!("{}#{fragment}", if embed { "?embed=1" } else { "" });
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dsim: {path}: no link: {e}");
            ExitCode::from(1)
        }
    }
}

/// `dsim link --lesson FILE`: the lesson checked as `dsim lesson check` reads it, as a
/// link (`#lesson.v1.…`) that opens it in the app.
fn lesson_link(args: &[String]) -> ExitCode {
    let [path] = args else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let (text, _) = match read_script(path) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if let Err(e) = engine::lesson::parse_lesson(&text) {
        eprintln!("dsim: {path}: {e}");
        return ExitCode::from(2);
    }
    match engine::share::lesson_link(&text) {
        Ok(fragment) => {
            println!("#{fragment}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("dsim: {path}: no link: {e}");
            ExitCode::from(1)
        }
    }
}

fn replay(args: &[String]) -> ExitCode {
    let echo = args.iter().any(|a| a == "--echo");
    let Some(link) = operand(args, "--echo") else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    // A whole URL, `?embed=1#v1.…`, `#v1.…` or `v1.…`.
    let fragment = link.split_once('#').map_or(link.as_str(), |(_, f)| f);
    let mut scenario = match engine::share::Scenario::decode(fragment) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dsim: cannot open the link: {e}");
            return ExitCode::from(2);
        }
    };
    // What the app shows on opening: the actions up to the position.
    scenario.actions.truncate(scenario.position);
    let mut failed = false;
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let actions = scenario.actions.clone();
    scenario.replay_with(|i, report| {
        if echo {
            let _ = match &actions[i] {
                Action::Command { line, .. } => writeln!(stdout.lock(), "$ {line}"),
                Action::Step => writeln!(stdout.lock(), "# step to {}", report.at.rfc3339()),
            };
        }
        let _ = stdout.lock().write_all(report.output.stdout.as_bytes());
        let _ = stdout.lock().flush();
        let _ = stderr.lock().write_all(report.output.stderr.as_bytes());
        failed |= report.output.failed;
        ControlFlow::Continue(())
    });
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
