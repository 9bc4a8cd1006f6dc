//! `dsim export` on the repository's example scenario, in every format, with the round
//! trips checked: the YAML applied to a fresh cluster recreates the nodes and the
//! DaemonSet, and the exported script run by dsim prints what the original prints.

use engine::session::{NoFiles, Session};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn dsim(args: &[&str], stdin: Option<&str>) -> (String, String, i32) {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dsim"));
    cmd.args(args).current_dir(repo());
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("dsim runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn export(format: &str) -> String {
    let (out, err, code) = dsim(
        &["export", "examples/ssd-monitor.sh", "--format", format],
        None,
    );
    assert_eq!(code, 0, "{format}: {err}");
    out
}

/// Nodes with labels and taints, DaemonSets with spec, pods with node and phase.
fn state(c: &engine::cluster::Cluster) -> String {
    let mut s = String::new();
    for n in c.store.nodes.values() {
        s.push_str(&format!(
            "node {} {:?} {:?}\n",
            n.metadata.name, n.metadata.labels, n.spec.taints
        ));
    }
    for (k, d) in &c.store.daemonsets {
        s.push_str(&format!("ds {k} {:?}\n", d.spec));
    }
    let b = engine::view::board(c);
    for n in &b.nodes {
        for p in &n.pods {
            s.push_str(&format!(
                "pod {} on {} {:?} {:?}\n",
                p.key, p.node, p.state, p.revision
            ));
        }
    }
    s
}

#[test]
fn yaml_round_trip() {
    let yaml = export("yaml");
    assert!(
        yaml.contains("kind: DaemonSet") && yaml.contains("disk: ssd"),
        "{yaml}"
    );
    let mut fresh = Session::new(Box::new(NoFiles));
    let o = fresh.run_command("kubectl apply -f -", Some(&yaml));
    assert!(!o.failed, "{}", o.stderr);
    // The original scenario, run from the script's folder.
    let script = std::fs::read_to_string(repo().join("examples/ssd-monitor.sh")).unwrap();
    let actions =
        engine::export::actions_from_script(&script, &Dir(repo().join("examples"))).unwrap();
    let t = engine::export::replay(&actions);
    assert_eq!(state(&fresh.cluster), state(&t.session.cluster));
    // And the DaemonSet landed where it did in the scenario.
    assert_eq!(fresh.cluster.store.pods.len(), 1);
    assert_eq!(
        fresh
            .cluster
            .store
            .pods
            .values()
            .next()
            .unwrap()
            .spec
            .node_name,
        "k8s-node1"
    );
}

#[test]
fn script_round_trip() {
    let script = export("script");
    let (exported, err, code) = dsim(&["run", "-"], Some(&script));
    assert_eq!(code, 0, "{err}");
    let (original, _, _) = dsim(&["run", "examples/ssd-monitor.sh"], None);
    assert_eq!(exported, original);
    assert!(original.contains("ssd-monitor   1         1"), "{original}");
    // Exporting the exported script gives it back.
    let (again, _, code) = dsim(&["export", "-", "--format", "script"], Some(&script));
    assert_eq!(code, 0);
    assert_eq!(again, script);
}

#[test]
fn json_svg_and_kwok() {
    let json: serde_json::Value = serde_json_lite(&export("json"));
    let actions = json["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 4);
    let last = &actions[3];
    assert_eq!(last["command"], "kubectl get ds");
    assert_eq!(last["daemonsets"][0]["desired"], 1);
    let node1 = last["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "k8s-node1")
        .unwrap();
    assert_eq!(node1["pods"][0]["state"], "ContainerCreating");

    let svg = export("svg");
    assert!(svg.starts_with("<svg") && svg.contains(">k8s-node1</text>"));

    let dir = std::env::temp_dir().join(format!("dsim-kit-{}", std::process::id()));
    let d = dir.to_string_lossy().to_string();
    let (out, err, code) = dsim(
        &[
            "export",
            "examples/ssd-monitor.sh",
            "--format",
            "kwok",
            "--out",
            &d,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    for f in ["README.md", "nodes.yaml", "manifests.yaml", "replay.sh"] {
        assert!(out.contains(f), "{out}");
        assert!(dir.join(f).is_file(), "{f}");
    }
    let replay = std::fs::read_to_string(dir.join("replay.sh")).unwrap();
    assert!(replay.contains("kwok.x-k8s.io/node: fake"), "{replay}");
    assert!(replay.contains("kubectl label node k8s-node1 disk=ssd"));
    // The fake nodes and the manifests place the pod as the simulation did.
    let mut s = Session::new(Box::new(NoFiles));
    for f in ["nodes.yaml", "manifests.yaml"] {
        let text = std::fs::read_to_string(dir.join(f)).unwrap();
        let o = s.run_command("kubectl apply -f -", Some(&text));
        assert!(!o.failed, "{f}: {}", o.stderr);
    }
    let nodes: Vec<&str> = s
        .cluster
        .store
        .pods
        .values()
        .map(|p| p.spec.node_name.as_str())
        .collect();
    assert_eq!(nodes, ["k8s-node1"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors() {
    let (_, err, code) = dsim(&["export", "examples/ssd-monitor.sh"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--format is required"), "{err}");
    let (_, err, code) = dsim(
        &["export", "examples/ssd-monitor.sh", "--format", "pdf"],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("unknown format pdf"));
    let (_, err, code) = dsim(&["export", "nope.sh", "--format", "yaml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read nope.sh"));
}

fn serde_json_lite(s: &str) -> serde_json::Value {
    serde_json::from_str(s).expect("valid JSON")
}

struct Dir(PathBuf);
impl engine::session::FileSource for Dir {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path))
            .map_err(|_| format!("the path \"{path}\" does not exist"))
    }
    fn list_dir(&self, _: &str) -> Option<Vec<String>> {
        None
    }
}
