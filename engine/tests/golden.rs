//! Golden tests: each `golden/*.sh` script runs in a fresh simulated cluster and its
//! transcript (`$ command`, then what it printed to stdout, then stderr) must equal
//! `golden/*.out`. Expected files are checked by hand against kubectl and the
//! DaemonSet rules; `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them for review.

use engine::session::{FileSource, Session};
use std::path::{Path, PathBuf};

struct Dir(PathBuf);
impl FileSource for Dir {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path))
            .map_err(|_| format!("the path \"{path}\" does not exist"))
    }
    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let mut v: Vec<String> = std::fs::read_dir(self.0.join(path))
            .ok()?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        Some(v)
    }
}

pub fn transcript(script: &str, base: &Path) -> String {
    let mut s = Session::new(Box::new(Dir(base.to_path_buf())));
    let cmds = match engine::script::parse_script(script) {
        Ok(c) => c,
        Err(e) => return format!("script error: {e}\n"),
    };
    let mut out = String::new();
    for c in cmds {
        out.push_str(&format!("$ {}\n", c.text));
        let o = s.exec(&c.argv, c.stdin.as_deref());
        out.push_str(&o.stdout);
        for l in o.stderr.lines() {
            out.push_str(&format!("! {l}\n"));
        }
    }
    out
}

#[test]
fn golden_scripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty());
    let mut failures = Vec::new();
    for s in scripts {
        let text = std::fs::read_to_string(&s).unwrap();
        let got = transcript(&text, &dir);
        let expected_path = s.with_extension("out");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}:\n--- expected\n{want}\n--- got\n{got}",
                s.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
