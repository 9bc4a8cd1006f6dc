//! `dsim lesson check FILE...`: takes each lesson the way its author means it to be
//! taken and confirms that its checks work (see `engine::lesson::verify`).

use crate::files::FsFiles;
use engine::lesson::{parse_lesson, verify};
use engine::session::Session;
use std::path::Path;
use std::process::ExitCode;

pub fn main(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("check") => {
            let verbose = args[1..].iter().any(|a| a == "-v" || a == "--verbose");
            let paths: Vec<String> = args[1..]
                .iter()
                .filter(|a| *a != "-v" && *a != "--verbose")
                .cloned()
                .collect();
            if paths.is_empty() {
                eprint!("{}", crate::USAGE);
                return ExitCode::from(2);
            }
            check(&paths, verbose)
        }
        _ => {
            eprint!("{}", crate::USAGE);
            ExitCode::from(2)
        }
    }
}

fn check(paths: &[String], verbose: bool) -> ExitCode {
    let mut all_ok = true;
    for path in paths {
        let p = Path::new(path);
        let text = match std::fs::read(p) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                eprintln!("dsim: cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        };
        let lesson = match parse_lesson(&text) {
            Ok(l) => l,
            Err(e) => {
                println!("{path}: FAIL: {e}");
                all_ok = false;
                continue;
            }
        };
        let base = p.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut session = Session::new(Box::new(FsFiles::new(base)));
        let reports = verify(&mut session, &lesson);
        if verbose {
            for (i, r) in reports.iter().enumerate() {
                println!("step {} \"{}\"", i + 1, r.title);
                for (when, results) in [("before", &r.before), ("after", &r.after)] {
                    for c in results.iter() {
                        let mark = if c.passed { "pass" } else { "FAIL" };
                        println!("  {when} {mark} {}", c.check);
                        for l in c.explanation.lines() {
                            println!("      {l}");
                        }
                    }
                }
            }
        }
        let bad: Vec<_> = reports
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.ok())
            .collect();
        let checks: usize = reports.iter().map(|r| r.after.len()).sum();
        if bad.is_empty() {
            println!(
                "{path}: ok: \"{}\", {} steps, {checks} checks",
                lesson.title,
                reports.len()
            );
        } else {
            all_ok = false;
            println!("{path}: FAIL: \"{}\"", lesson.title);
            for (i, r) in bad {
                println!("  step {} \"{}\":", i + 1, r.title);
                for problem in r.problems() {
                    for (k, line) in problem.lines().enumerate() {
                        println!("    {}{line}", if k == 0 { "- " } else { "  " });
                    }
                }
            }
        }
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
