//! `dsim export SCRIPT --format yaml|script|json|svg|kwok [--out DIR]`: runs a script
//! into a timeline and exports it (see `engine::export`).

use crate::files::FsFiles;
use engine::export;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const USAGE: &str = "Usage: dsim export SCRIPT|- --format yaml|script|json|svg|kwok [--out DIR]\n\nExports the scenario a script builds: yaml (its objects, for kubectl apply), script\n(a dsim script), json (the timeline, action by action), svg (a picture of it), kwok\n(a kit to replay it on kind with KWOK fake nodes: README.md, nodes.yaml,\nmanifests.yaml, replay.sh, written into DIR, default `kwok-kit`). The others print\nto standard output.\n";

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("dsim export: {msg}");
    eprint!("{USAGE}");
    ExitCode::from(2)
}

pub fn run(args: &[String]) -> ExitCode {
    let mut format = None;
    let mut out = None;
    let mut script = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--format" | "-o" => format = it.next().cloned(),
            "--out" => out = it.next().cloned(),
            s if s.starts_with("--format=") => format = Some(s["--format=".len()..].into()),
            s if s.starts_with("--out=") => out = Some(s["--out=".len()..].into()),
            s if s.starts_with("--") => return usage_error(&format!("unknown flag {s}")),
            s if script.is_none() => script = Some(s.to_string()),
            s => return usage_error(&format!("unexpected argument {s}")),
        }
    }
    let Some(path) = script else {
        return usage_error("a SCRIPT is required");
    };
    let Some(format) = format else {
        return usage_error("--format is required");
    };
    if !["yaml", "script", "json", "svg", "kwok"].contains(&format.as_str()) {
        return usage_error(&format!("unknown format {format}"));
    }
    if out.is_some() && format != "kwok" {
        return usage_error("--out is for --format kwok (the others print to standard output)");
    }
    let (text, base) = if path == "-" {
        let mut s = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut s) {
            eprintln!("dsim: cannot read standard input: {e}");
            return ExitCode::from(2);
        }
        (s, std::env::current_dir().unwrap_or_default())
    } else {
        match std::fs::read(&path) {
            Ok(b) => (
                String::from_utf8_lossy(&b).into_owned(),
                Path::new(&path)
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default(),
            ),
            Err(e) => {
                eprintln!("dsim: cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let actions = match export::actions_from_script(&text, &FsFiles::new(base)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("dsim: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let t = export::replay(&actions);
    let printed = match format.as_str() {
        "yaml" => export::scenario_yaml(&t.session.cluster),
        "script" => export::scenario_script(&t),
        "json" => export::timeline_json(&t),
        "svg" => export::timeline_svg(&t, &export::SvgOptions::default()),
        _ => {
            let dir = PathBuf::from(out.unwrap_or_else(|| "kwok-kit".into()));
            return write_kit(&dir, &export::kwok_kit(&t));
        }
    };
    print!("{printed}");
    ExitCode::SUCCESS
}

fn write_kit(dir: &Path, kit: &export::KwokKit) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("dsim: cannot create {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    for (name, text) in &kit.files {
        let p = dir.join(name);
        if let Err(e) = std::fs::write(&p, text) {
            eprintln!("dsim: cannot write {}: {e}", p.display());
            return ExitCode::from(2);
        }
        println!("{}", p.display());
    }
    ExitCode::SUCCESS
}
