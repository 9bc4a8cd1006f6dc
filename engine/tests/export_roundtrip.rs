//! Every golden scenario (`golden/*.sh`) through the exporters: the exported script,
//! run on a fresh cluster, ends in the scenario's state; the exported YAML, applied to a
//! fresh cluster, recreates its nodes and DaemonSets; the timeline's replay matches (no
//! warning in the JSON); the KWOK kit's manifests apply.

use engine::export;
use engine::session::{FileSource, NoFiles, Session};
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

fn state(c: &engine::cluster::Cluster) -> String {
    let mut s = format!("now {}\n", c.now.0);
    let b = engine::view::board(c);
    for n in &b.nodes {
        s.push_str(&format!(
            "node {} {} {:?} {:?}\n",
            n.node.name, n.node.status, n.node.labels, n.node.taints
        ));
        for p in &n.pods {
            s.push_str(&format!(
                "  {} {} {:?} {:?} {}\n",
                p.key, p.status, p.state, p.revision, p.updated
            ));
        }
    }
    for p in &b.unplaced {
        s.push_str(&format!("unplaced {} {:?}\n", p.key, p.state));
    }
    for r in &b.daemonsets {
        s.push_str(&format!(
            "ds {} {:?} {:?}\n",
            r.key,
            r.cells.get(..6),
            r.current_revision
        ));
    }
    s
}

fn scripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    v.sort();
    assert!(v.len() >= 5);
    v
}

#[test]
fn golden_scenarios_round_trip() {
    for path in scripts() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let files = Dir(path.parent().unwrap().to_path_buf());
        let Ok(actions) = export::actions_from_script(&text, &files) else {
            continue; // a golden script about parse errors
        };
        let t = export::replay(&actions);

        // The replay with inlined files is the scenario as dsim runs it.
        let mut direct = Session::new(Box::new(Dir(path.parent().unwrap().to_path_buf())));
        let _ = direct.run_script(&text, false);
        assert_eq!(
            state(&direct.cluster),
            state(&t.session.cluster),
            "{name}: replay"
        );

        // Script.
        let script = export::scenario_script(&t);
        let mut s = Session::new(Box::new(NoFiles));
        s.run_script(&script, false)
            .unwrap_or_else(|e| panic!("{name}: exported script does not parse: {e}\n{script}"));
        assert_eq!(
            state(&s.cluster),
            state(&t.session.cluster),
            "{name}: script\n{script}"
        );

        // YAML.
        let yaml = export::scenario_yaml(&t.session.cluster);
        let mut y = Session::new(Box::new(NoFiles));
        let o = y.run_command("kubectl apply -f -", Some(&yaml));
        assert!(
            !o.failed,
            "{name}: yaml does not apply: {}\n{yaml}",
            o.stderr
        );
        let (a, b) = (&t.session.cluster.store, &y.cluster.store);
        let live = |st: &engine::cluster::Store| -> Vec<String> {
            st.nodes
                .values()
                .filter(|n| n.metadata.deletion_timestamp.is_none())
                .map(|n| {
                    let taints: Vec<String> = n
                        .spec
                        .taints
                        .iter()
                        .filter(|t| {
                            ![
                                "node.kubernetes.io/not-ready",
                                "node.kubernetes.io/unreachable",
                            ]
                            .contains(&t.key.as_str())
                        })
                        .map(|t| t.to_string_k8s())
                        .collect();
                    format!(
                        "{} {:?} {:?} {}",
                        n.metadata.name, n.metadata.labels, taints, n.spec.unschedulable
                    )
                })
                .collect()
        };
        assert_eq!(live(a), live(b), "{name}: nodes\n{yaml}");
        let specs = |st: &engine::cluster::Store| -> Vec<String> {
            st.daemonsets
                .iter()
                .filter(|(_, d)| d.metadata.deletion_timestamp.is_none())
                .map(|(k, d)| format!("{k} {:?} {:?}", d.spec, d.metadata.labels))
                .collect()
        };
        assert_eq!(specs(a), specs(b), "{name}: daemonsets\n{yaml}");

        // JSON: the replay inside matches, one entry per action.
        let json: serde_json::Value = serde_json::from_str(&export::timeline_json(&t)).unwrap();
        assert!(
            json.get("warnings").is_none(),
            "{name}: {}",
            json["warnings"]
        );
        assert_eq!(json["actions"].as_array().unwrap().len(), t.position());

        // SVG and the kit build; the kit's files apply.
        let svg = export::timeline_svg(&t, &export::SvgOptions::default());
        assert!(
            svg.ends_with("</svg>\n") && !svg.contains("did not give"),
            "{name}"
        );
        let kit = export::kwok_kit(&t);
        let mut k = Session::new(Box::new(NoFiles));
        for f in ["nodes.yaml", "manifests.yaml"] {
            let o = k.run_command("kubectl apply -f -", kit.file(f));
            assert!(
                !o.failed,
                "{name}: {f}: {}\n{}",
                o.stderr,
                kit.file(f).unwrap()
            );
        }
        engine::script::parse_script(kit.file("replay.sh").unwrap())
            .unwrap_or_else(|e| panic!("{name}: replay.sh: {e}"));
    }
}
