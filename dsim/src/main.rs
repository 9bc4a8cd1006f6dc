//! `dsim run SCRIPT`: runs a kubectl script against a simulated cluster.

mod files;
mod lesson;

use engine::session::Session;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "Usage: dsim run [--echo] SCRIPT|-\n       dsim lesson check [-v] FILE...\n\nRuns a script of kubectl commands against a fresh simulated cluster\n(namespaces default, kube-system, kube-public, kube-node-lease; no nodes).\n  --echo   print each command as `$ command` before its output\n\nlesson check: for each step of each lesson, runs its set-up, confirms that its\nchecks do not all pass yet (steps with a task), runs its solutions and confirms\nthat every check passes; -v prints every check. Exits 1 if a lesson fails, 2 on a usage error.\n";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => run(&args[1..]),
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

fn run(args: &[String]) -> ExitCode {
    let echo = args.iter().any(|a| a == "--echo");
    let Some(path) = args.iter().find(|a| *a != "--echo") else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let (text, base) = if path == "-" {
        let mut s = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut s) {
            eprintln!("dsim: cannot read standard input: {e}");
            return ExitCode::from(2);
        }
        (s, std::env::current_dir().unwrap_or_default())
    } else {
        let p = Path::new(path);
        match std::fs::read(p) {
            Ok(bytes) => {
                let base = p.parent().map(Path::to_path_buf).unwrap_or_default();
                (String::from_utf8_lossy(&bytes).into_owned(), base)
            }
            Err(e) => {
                eprintln!("dsim: cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        }
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
