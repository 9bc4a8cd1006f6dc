//! `dsim link` and `dsim replay` as a documentation author uses them.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dsim"))
        .args(args)
        .output()
        .unwrap()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_scripts_link_replays_as_dsim_runs_it() {
    for script in [
        "examples/ssd-monitor.sh",
        "engine/tests/golden/003-node-exporter.sh",
        "engine/tests/golden/006-rollout.sh",
    ] {
        let path = root().join(script);
        let path = path.to_str().unwrap();
        let run = dsim(&["run", path]);
        let link = dsim(&["link", path]);
        assert_eq!(link.status.code(), Some(0), "{}", text(&link.stderr));
        let link = text(&link.stdout);
        assert!(link.starts_with("#v1.") && link.ends_with('\n'), "{link}");
        assert_eq!(link.lines().count(), 1);
        let replay = dsim(&["replay", link.trim_end()]);
        assert_eq!(text(&replay.stdout), text(&run.stdout), "{script}");
        assert_eq!(text(&replay.stderr), text(&run.stderr), "{script}");
        assert_eq!(replay.status.code(), run.status.code(), "{script}");

        let embed = text(&dsim(&["link", "--embed", path]).stdout);
        assert_eq!(embed, format!("?embed=1{link}"));
        // A whole URL works too, and --echo prints the commands.
        let url = format!("http://127.0.0.1:8080/{}", embed.trim_end());
        let echoed = text(&dsim(&["replay", "--echo", &url]).stdout);
        assert!(echoed.starts_with("$ kubectl apply -f "), "{echoed}");
    }
}

#[test]
fn a_script_on_standard_input_reads_files_from_the_current_folder() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dsim"))
        .args(["link", "-"])
        .current_dir(root().join("examples"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"kubectl apply -f nodes.yaml\nkubectl get nodes -o name\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let replay = dsim(&["replay", text(&out.stdout).trim()]);
    assert_eq!(
        text(&replay.stdout),
        "node/k8s-master created\nnode/k8s-node1 created\nnode/k8s-node2 created\nnode/k8s-master\nnode/k8s-node1\nnode/k8s-node2\n"
    );
}

#[test]
fn errors_and_exit_codes() {
    let bad = dsim(&["replay", "#v1.not%20base64"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).starts_with("dsim: cannot open the link: the link is damaged"));
    let newer = dsim(&["replay", "#v2.abc"]);
    assert_eq!(newer.status.code(), Some(2));
    assert!(text(&newer.stderr).contains("format version 2"));
    let missing = dsim(&["link", "no-such-script.sh"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).starts_with("dsim: cannot read no-such-script.sh"));
    for usage in [
        &["link"][..],
        &["replay"],
        &["link", "a", "b"],
        &["replay", "--bogus"],
    ] {
        let out = dsim(usage);
        assert_eq!(out.status.code(), Some(2), "{usage:?}");
        assert!(text(&out.stderr).contains("dsim link [--embed] SCRIPT"));
    }
    let help = dsim(&["--help"]);
    assert!(text(&help.stdout).contains("dsim replay [--echo] LINK"));
}

#[test]
fn a_script_that_does_not_parse_makes_no_link() {
    let dir = std::env::temp_dir().join(format!("dsim-link-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("bad.sh");
    std::fs::write(&script, "kubectl get pods > out.txt\n").unwrap();
    let out = dsim(&["link", script.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("line 1, column 18: unsupported shell syntax"),
        "{}",
        text(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}
