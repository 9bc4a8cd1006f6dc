//! Share links end to end: a script made into a link replays, after encoding and
//! decoding, to the same outputs byte for byte and the same cluster as running the
//! script directly (what `dsim run` does); and a typical scenario fits the size budget.

use engine::cluster::Cluster;
use engine::session::{FileSource, Output, Session};
use engine::share::{from_script, Scenario};
use engine::timeline::Action;
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// Files relative to a folder, as dsim reads them.
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

/// The whole state of a cluster as text; `sources` is a HashMap, so it is sorted first.
fn state(c: &Cluster) -> String {
    let mut c = c.clone();
    let sources: BTreeMap<_, _> = std::mem::take(&mut c.store.sources).into_iter().collect();
    format!("{c:?}\n{sources:?}")
}

/// What `dsim run` does: each command of the script through `Session::exec`.
fn run_directly(script: &str, dir: &Path) -> (Vec<Output>, String) {
    let mut s = Session::new(Box::new(Dir(dir.to_path_buf())));
    let outputs = engine::script::parse_script(script)
        .unwrap()
        .iter()
        .map(|c| s.exec(&c.argv, c.stdin.as_deref()))
        .collect();
    (outputs, state(&s.cluster))
}

/// The script made into a link, the link decoded and replayed (what the app does).
fn run_through_a_link(script: &str, dir: &Path) -> (Vec<Output>, String, usize) {
    let link = from_script(script, Box::new(Dir(dir.to_path_buf())))
        .unwrap()
        .encode()
        .unwrap();
    let scenario = Scenario::decode(&format!("#{link}")).unwrap();
    let mut outputs = Vec::new();
    let t = scenario.replay_with(|_, r| {
        outputs.push(r.output.clone());
        ControlFlow::Continue(())
    });
    assert_eq!(t.position(), scenario.actions.len());
    (outputs, state(&t.session.cluster), link.len() + 1)
}

fn scripts_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "sh"))
        .collect();
    v.sort();
    v
}

#[test]
fn share_links_replay_scripts_exactly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut scripts = scripts_in(&root.join("tests/golden"));
    scripts.push(root.join("../examples/ssd-monitor.sh"));
    scripts.extend(scripts_in(&root.join("tests/share")));
    assert!(scripts.len() >= 9, "{scripts:?}");
    for path in scripts {
        let dir = path.parent().unwrap();
        let script = std::fs::read_to_string(&path).unwrap();
        let (want, want_state) = run_directly(&script, dir);
        let (got, got_state, chars) = run_through_a_link(&script, dir);
        eprintln!(
            "{}: {} commands, link of {chars} characters",
            path.display(),
            want.len()
        );
        assert!(!want.is_empty());
        assert!(
            want.iter()
                .any(|o| !o.stdout.is_empty() || !o.stderr.is_empty()),
            "{} printed nothing",
            path.display()
        );
        for (i, (w, g)) in want.iter().zip(&got).enumerate() {
            assert_eq!(w, g, "{}: output of command {}", path.display(), i + 1);
        }
        assert_eq!(want.len(), got.len(), "{}", path.display());
        assert!(
            want_state == got_state,
            "{}: the clusters differ",
            path.display()
        );
    }
}

#[test]
fn share_link_of_one_daemonset_on_20_nodes_fits_2000_characters() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/share");
    let script = std::fs::read_to_string(dir.join("rollout-20.sh")).unwrap();
    let scenario = from_script(&script, Box::new(Dir(dir.clone()))).unwrap();
    // The files are in the link: the nodes (20, one tainted) and the DaemonSet.
    assert_eq!(
        scenario.files.keys().collect::<Vec<_>>(),
        ["fluentd.yaml", "nodes.yaml"]
    );
    let raw: usize = scenario.files.values().map(String::len).sum::<usize>() + script.len();
    let link = format!("#{}", scenario.encode().unwrap());
    eprintln!(
        "one DaemonSet, 20 nodes, a rollout: {raw} bytes of script and files, a link of {} characters",
        link.len()
    );
    let t = scenario.replay();
    assert_eq!(t.session.cluster.store.nodes.len(), 20);
    // 19 workers and the tolerated control plane, all on the new image.
    let pods = &t.session.cluster.store.pods;
    assert_eq!(pods.len(), 20);
    assert!(pods
        .values()
        .all(|p| p.spec.containers[0].image.ends_with(":v5.0.2") && p.is_ready()));
    assert!(link.len() <= 2000, "the link has {} characters", link.len());

    // The same as a user of the app makes it: apply the nodes and the DaemonSet, step
    // through every event until the cluster is at rest, set the image, step through the
    // rollout, look at the DaemonSet (a Step per event in the timeline).
    let mut t = engine::timeline::Timeline::new(Box::new(scenario.file_source()));
    let mut steps = 0;
    for i in [0, 1, 3, 5] {
        t.push(scenario.actions[i].clone());
        while t.step().is_some() {
            steps += 1;
            assert!(steps < 1000);
        }
    }
    let stepped = Scenario::from_timeline(&t, scenario.files.clone(), None);
    assert_eq!(
        stepped
            .actions
            .iter()
            .filter(|a| **a == Action::Step)
            .count(),
        steps
    );
    assert!(steps > 5, "{steps} steps");
    assert!(t
        .session
        .cluster
        .store
        .pods
        .values()
        .all(|p| p.spec.containers[0].image.ends_with(":v5.0.2") && p.is_ready()));
    let link = format!("#{}", stepped.encode().unwrap());
    eprintln!(
        "the same stepped through in the app ({steps} steps): a link of {} characters",
        link.len()
    );
    assert!(link.len() <= 2000, "the link has {} characters", link.len());
}

#[test]
fn a_share_link_opens_at_its_position_and_steps_on_identically() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let script = std::fs::read_to_string(dir.join("006-rollout.sh")).unwrap();
    let full = from_script(&script, Box::new(Dir(dir.clone()))).unwrap();
    let (want, end_state) = run_directly(&script, &dir);
    for position in [0, 1, 4, full.actions.len() / 2, full.actions.len() - 1] {
        let s = Scenario {
            position,
            ..full.clone()
        };
        let mut t = Scenario::decode(&s.encode().unwrap()).unwrap().replay();
        assert_eq!(t.position(), position);
        // The state at the position is the state after that many commands.
        let cmds = engine::script::parse_script(&script).unwrap();
        let mut direct = Session::new(Box::new(Dir(dir.clone())));
        for c in &cmds[..position] {
            direct.exec(&c.argv, c.stdin.as_deref());
        }
        assert!(
            state(&t.session.cluster) == state(&direct.cluster),
            "at {position}"
        );
        // Stepping forward runs the next commands with the same outputs.
        for (i, w) in want.iter().enumerate().skip(position).take(3) {
            let r = t.step().unwrap();
            assert_eq!(
                &r.output,
                w,
                "command {} after opening at {position}",
                i + 1
            );
        }
    }
    // Opened at its end, the link holds the state the script ends in.
    let s = Scenario {
        position: full.actions.len(),
        ..full.clone()
    };
    let t = Scenario::decode(&s.encode().unwrap()).unwrap().replay();
    assert!(state(&t.session.cluster) == end_state, "at the end");
}
