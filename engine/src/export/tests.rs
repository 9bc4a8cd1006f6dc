use super::*;
use crate::cluster::Cluster;
use crate::session::{NoFiles, Session};
use crate::view::board;

const NODES: &str = "\
apiVersion: v1
kind: Node
metadata:
  name: cp
  labels: {node-role.kubernetes.io/control-plane: \"\"}
spec:
  taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]
---
apiVersion: v1
kind: Node
metadata: {name: w1, labels: {disk: ssd}}
---
apiVersion: v1
kind: Node
metadata: {name: w2}
";

const DS: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: tools, labels: {team: infra}}
spec:
  selector: {matchLabels: {app: agent}}
  minReadySeconds: 5
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]
      containers: [{name: c, image: 'agent:1'}]
";

fn timeline(cmds: &[(&str, Option<&str>)]) -> Timeline {
    let mut t = Timeline::new(Box::new(NoFiles));
    for (line, stdin) in cmds {
        t.run(line, *stdin);
    }
    t
}

fn steps(t: &mut Timeline, n: usize) {
    for _ in 0..n {
        if t.step().is_none() {
            break;
        }
    }
}

/// What must survive a round trip: pods with node, state, phase and revision; nodes with
/// labels, taints and cordon; the clock.
fn state(c: &Cluster) -> String {
    let mut s = fingerprint(c);
    let b = board(c);
    for n in &b.nodes {
        s.push_str(&format!(
            "{} {:?} {:?} {}\n",
            n.node.name, n.node.labels, n.node.taints, n.node.unschedulable
        ));
        for p in &n.pods {
            s.push_str(&format!(
                "  {} {:?} {:?} {}\n",
                p.key, p.state, p.revision, p.updated
            ));
        }
    }
    s
}

fn run_script(text: &str) -> Session {
    let mut s = Session::new(Box::new(NoFiles));
    let out = s.run_script(text, false).expect("the script parses");
    assert!(!out.stderr.contains("command not found"), "{}", out.stderr);
    s
}

fn rollout() -> Timeline {
    let mut t = timeline(&[
        ("kubectl create namespace tools", None),
        ("kubectl apply -f -", Some(NODES)),
        ("kubectl apply -f -", Some(DS)),
    ]);
    steps(&mut t, 20);
    t.run("sleep 10", None);
    t.run("kubectl set image ds/agent c=agent:2 -n tools", None);
    steps(&mut t, 7);
    t
}

fn stuck() -> Timeline {
    let mut t = timeline(&[
        ("kubectl create namespace tools", None),
        ("kubectl apply -f -", Some(NODES)),
        ("kubectl apply -f -", Some(DS)),
        ("kubectl rollout status ds/agent -n tools", None),
        ("sim image agent:2 --unpullable", None),
        ("kubectl set image ds/agent c=agent:2 -n tools", None),
    ]);
    steps(&mut t, 6);
    t.run("kubectl cordon w2", None);
    t.run("kubectl taint node w1 dedicated=x:NoSchedule", None);
    t
}

#[test]
fn quoted_words_round_trip_through_the_script_parser() {
    for w in [
        "plain", "a b", "it's", "", "$HOME", "#x", "a\nb", "~", "x=y,z", "'\\'",
    ] {
        let line = command_line(&["echo".to_string(), w.to_string()]);
        let cmd = crate::script::parse_line(&line).unwrap();
        assert_eq!(cmd.argv, vec!["echo".to_string(), w.to_string()], "{line}");
    }
    assert_eq!(crate::script::quote_word("kubectl"), "kubectl");
    assert_eq!(crate::script::quote_word("a b"), "'a b'");
}

#[test]
fn heredoc_delimiter_avoids_the_text() {
    assert_eq!(heredoc_delimiter("a: b\n"), "EOF");
    assert_eq!(heredoc_delimiter("EOF\n"), "EOF_1");
    assert_eq!(heredoc_delimiter("EOF\nEOF_1\n"), "EOF_2");
    let body = "x: 1\nEOF\n  EOF_1\n";
    let text = with_heredoc("kubectl apply -f -", body);
    let cmd = crate::script::parse_line(&text).unwrap();
    assert_eq!(cmd.stdin.as_deref(), Some(body));
}

#[test]
fn sleeps_split_and_keep_milliseconds() {
    assert_eq!(script::sleeps(0), Vec::<String>::new());
    assert_eq!(script::sleeps(30_000), vec!["sleep 30"]);
    assert_eq!(script::sleeps(1_500), vec!["sleep 1.500"]);
    let long = crate::session::MAX_SLEEP_MS + 2000;
    assert_eq!(script::sleeps(long).len(), 2);
    let total: i64 = script::sleeps(long)
        .iter()
        .map(|s| crate::session::parse_duration_args(&[s[6..].to_string()]).unwrap())
        .sum();
    assert_eq!(total, long);
}

#[test]
fn yaml_reapplied_recreates_nodes_and_daemonsets() {
    for t in [rollout(), stuck()] {
        let yaml = scenario_yaml(&t.session.cluster);
        assert!(!yaml.contains("uid:"), "{yaml}");
        assert!(!yaml.contains("resourceVersion"), "{yaml}");
        assert!(!yaml.contains("creationTimestamp"), "{yaml}");
        assert!(!yaml.contains("last-applied"), "{yaml}");
        assert!(!yaml.contains("deprecated.daemonset"), "{yaml}");
        assert!(!yaml.contains("status:"), "{yaml}");
        let mut s = Session::new(Box::new(NoFiles));
        let out = s.run_command("kubectl apply -f -", Some(&yaml));
        assert!(!out.failed, "{}\n{yaml}", out.stderr);
        let (a, b) = (&t.session.cluster.store, &s.cluster.store);
        assert_eq!(
            a.nodes.keys().collect::<Vec<_>>(),
            b.nodes.keys().collect::<Vec<_>>()
        );
        for (name, n) in &a.nodes {
            let m = &b.nodes[name];
            assert_eq!(n.metadata.labels, m.metadata.labels, "{name}");
            assert_eq!(n.spec.unschedulable, m.spec.unschedulable, "{name}");
            let taints = |x: &crate::api::Node| {
                x.spec
                    .taints
                    .iter()
                    .map(|t| t.to_string_k8s())
                    .collect::<Vec<_>>()
            };
            assert_eq!(taints(n), taints(m), "{name}");
        }
        assert_eq!(a.daemonsets.len(), b.daemonsets.len());
        for (k, d) in &a.daemonsets {
            let e = &b.daemonsets[k];
            assert_eq!(d.spec, e.spec, "{k}");
            assert_eq!(d.metadata.labels, e.metadata.labels, "{k}");
        }
        assert!(b.namespaces.contains_key("tools"));
    }
}

#[test]
fn yaml_uses_the_applied_form_until_something_else_changes_the_daemonset() {
    let t = timeline(&[
        ("kubectl create namespace tools", None),
        ("kubectl apply -f -", Some(NODES)),
        ("kubectl apply -f -", Some(DS)),
    ]);
    let yaml = scenario_yaml(&t.session.cluster);
    // As applied: no defaults such as revisionHistoryLimit or terminationMessagePath.
    assert!(!yaml.contains("revisionHistoryLimit"), "{yaml}");
    assert!(!yaml.contains("terminationMessagePath"), "{yaml}");
    assert!(yaml.contains("namespace: tools"), "{yaml}");
    // Node labels the kubelet added are not the user's.
    assert!(!yaml.contains("kubernetes.io/hostname"), "{yaml}");
    assert!(yaml.contains("disk: ssd"), "{yaml}");
    // After `set image` the live object is exported, with the new image.
    let t = rollout();
    let yaml = scenario_yaml(&t.session.cluster);
    assert!(yaml.contains("image: agent:2"), "{yaml}");
    assert!(!yaml.contains("agent:1"), "{yaml}");
}

#[test]
fn script_rerun_gives_the_same_cluster() {
    for (name, t) in [("rollout", rollout()), ("stuck", stuck())] {
        let script = scenario_script(&t);
        assert!(
            script.starts_with("# A DaemonSet Playground scenario"),
            "{script}"
        );
        let s = run_script(&script);
        assert_eq!(
            state(&s.cluster),
            state(&t.session.cluster),
            "{name}:\n{script}"
        );
    }
}

#[test]
fn script_merges_steps_into_one_sleep_of_their_time() {
    let t = rollout();
    let script = scenario_script(&t);
    let sleeps: Vec<&str> = script.lines().filter(|l| l.starts_with("sleep")).collect();
    // Steps, `sleep 10` written by the user, steps: three sleeps.
    assert_eq!(sleeps.len(), 3, "{script}");
    assert_eq!(sleeps[1], "sleep 10");
    let first_run = t
        .actions()
        .iter()
        .position(|a| *a == crate::timeline::Action::Step)
        .unwrap();
    let run_end = (first_run..t.len())
        .find(|&i| t.actions()[i] != crate::timeline::Action::Step)
        .unwrap();
    let ms = t.times()[run_end - 1].0 - t.times()[first_run - 1].0;
    assert_eq!(sleeps[0], script::sleeps(ms)[0]);
}

#[test]
fn script_stops_at_the_position_and_keeps_failed_lines_as_comments() {
    let mut t = rollout();
    t.run("kubectl get pods; ls", None);
    let full = scenario_script(&t);
    assert!(full.contains("# not run ("), "{full}");
    assert!(full.contains("# kubectl get pods; ls"), "{full}");
    t.seek(4);
    let s = run_script(&scenario_script(&t));
    assert_eq!(state(&s.cluster), state(&t.session.cluster));
}

#[test]
fn json_has_one_entry_per_action_with_the_summary() {
    let t = rollout();
    let v: serde_json::Value = serde_json::from_str(&timeline_json(&t)).unwrap();
    assert_eq!(v["format"], "dsim-timeline/1");
    assert_eq!(v["start"], "2025-01-01T00:00:00Z");
    assert!(v.get("warnings").is_none());
    let actions = v["actions"].as_array().unwrap();
    assert_eq!(actions.len(), t.position());
    for (i, a) in actions.iter().enumerate() {
        assert_eq!(a["index"], i);
        assert_eq!(a["ms"], t.times()[i].0 - start_time().0);
        assert_eq!(a["time"], t.times()[i].rfc3339());
    }
    assert_eq!(actions[0]["command"], "kubectl create namespace tools");
    assert_eq!(actions[1]["stdin"], true);
    assert_eq!(actions[3]["command"], "step");
    // The last entry is the timeline's state.
    let last = actions.last().unwrap();
    let ds = &t.session.cluster.store.daemonsets[&crate::cluster::Key::new("tools", "agent")];
    assert_eq!(last["daemonsets"][0]["name"], "agent");
    assert_eq!(
        last["daemonsets"][0]["desired"],
        ds.status.desired_number_scheduled
    );
    assert_eq!(
        last["daemonsets"][0]["upToDate"],
        ds.status.updated_number_scheduled
    );
    assert_eq!(
        last["daemonsets"][0]["available"],
        ds.status.number_available
    );
    let b = board(&t.session.cluster);
    for (n, card) in last["nodes"].as_array().unwrap().iter().zip(&b.nodes) {
        assert_eq!(n["name"], card.node.name.as_str());
        let pods = n["pods"].as_array().unwrap();
        assert_eq!(pods.len(), card.pods.len());
        for (p, cell) in pods.iter().zip(&card.pods) {
            assert_eq!(p["name"], &*cell.key.name);
            assert_eq!(p["state"], cell.state.name());
            assert_eq!(p["revision"], serde_json::json!(cell.revision));
        }
    }
    // Both revisions appear over the rollout.
    let text = timeline_json(&t);
    assert!(text.contains("\"revision\": 2"));
}

#[test]
fn json_and_svg_warn_when_a_replay_cannot_read_files() {
    struct OneFile;
    impl crate::session::FileSource for OneFile {
        fn read(&self, path: &str) -> Result<String, String> {
            (path == "nodes.yaml")
                .then(|| NODES.to_string())
                .ok_or_else(|| "no".into())
        }
        fn list_dir(&self, _: &str) -> Option<Vec<String>> {
            None
        }
    }
    let mut t = Timeline::new(Box::new(OneFile));
    t.run("kubectl apply -f nodes.yaml", None);
    let v: serde_json::Value = serde_json::from_str(&timeline_json(&t)).unwrap();
    assert!(v["warnings"][0].as_str().unwrap().contains("inline_files"));
    assert!(timeline_svg(&t, &SvgOptions::default()).contains("did not give"));
    // With the file inlined, the replay matches.
    let (argv, text) = inline_files(
        &[
            "kubectl".into(),
            "apply".into(),
            "-f".into(),
            "nodes.yaml".into(),
        ],
        None,
        &OneFile,
    )
    .unwrap();
    assert_eq!(argv[3], "-");
    let mut t = Timeline::new(Box::new(NoFiles));
    t.run(&command_line(&argv), Some(&text));
    let v: serde_json::Value = serde_json::from_str(&timeline_json(&t)).unwrap();
    assert!(v.get("warnings").is_none());
}

#[test]
fn inline_files_only_touches_single_readable_files() {
    struct F;
    impl crate::session::FileSource for F {
        fn read(&self, path: &str) -> Result<String, String> {
            Ok(format!("text of {path}"))
        }
        fn list_dir(&self, path: &str) -> Option<Vec<String>> {
            (path == "dir").then(Vec::new)
        }
    }
    let argv = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
    assert!(inline_files(&argv("kubectl apply -f dir"), None, &F).is_none());
    assert!(inline_files(&argv("kubectl apply -f a -f b"), None, &F).is_none());
    assert!(inline_files(&argv("kubectl apply -f -"), None, &F).is_none());
    assert!(inline_files(&argv("kubectl apply -f a"), Some("x"), &F).is_none());
    assert!(inline_files(&argv("kubectl get -f a"), None, &F).is_none());
    let (a, t) = inline_files(&argv("kubectl apply --filename=a.yaml -n x"), None, &F).unwrap();
    assert_eq!(a, argv("kubectl apply --filename=- -n x"));
    assert_eq!(t, "text of a.yaml");
}

#[test]
fn svg_is_self_contained_escaped_and_shows_states_and_markers() {
    let mut t = rollout();
    t.run("echo '<b>&\"'", None);
    let svg = timeline_svg(&t, &SvgOptions::default());
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(!svg.contains("href"), "no external references");
    assert!(!svg.contains("@import") && !svg.contains("url(http"));
    assert!(svg.contains("&lt;b&gt;&amp;&quot;"), "the echo is escaped");
    assert!(!svg.contains("<b>"));
    // Every node has a row, the rollout's states and both revisions show.
    for n in ["cp", "w1", "w2"] {
        assert!(svg.contains(&format!(">{n}</text>")), "{n}");
    }
    for (state, colour) in [
        (crate::view::PodState::ContainerCreating, "#54aeff"),
        (crate::view::PodState::Available, "#1a7f37"),
    ] {
        assert!(svg.contains(&format!("fill=\"{colour}\"/>")), "{state:?}");
    }
    assert!(
        svg.contains(">r1</text>") && svg.contains(">r2</text>"),
        "{svg}"
    );
    assert!(svg.contains("fill=\"url(#old)\""), "old revisions hatched");
    // One marker per command, numbered where there is room.
    let commands = t
        .actions()
        .iter()
        .filter(|a| matches!(a, crate::timeline::Action::Command { .. }))
        .count();
    assert_eq!(svg.matches("stroke-dasharray").count(), commands);
    let circles = svg.matches("<circle").count();
    assert!(circles >= 3 && circles <= commands, "{circles}");
    // Balanced tags (a cheap well-formedness check).
    assert_eq!(svg.matches("<g>").count(), svg.matches("</g>").count());
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
}

#[test]
fn svg_caps_rows_and_samples() {
    let mut nodes = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..45 {
        nodes.push_str(&format!(
            "- {{apiVersion: v1, kind: Node, metadata: {{name: n{i:02}}}}}\n"
        ));
    }
    let mut t = timeline(&[
        ("kubectl apply -f -", Some(&nodes)),
        (
            "kubectl apply -f -",
            Some(&DS.replace("namespace: tools", "namespace: default")),
        ),
    ]);
    for _ in 0..30 {
        t.run("kubectl get ds", None);
    }
    let opts = SvgOptions {
        max_samples: 8,
        ..Default::default()
    };
    let svg = timeline_svg(&t, &opts);
    assert!(svg.contains("+5 more nodes"), "{svg}");
    assert!(svg.contains(">n39</text>") && !svg.contains(">n40</text>"));
    assert!(svg.contains("+2 more commands"));
}

#[test]
fn kwok_kit_files() {
    let t = stuck();
    let kit = kwok_kit(&t);
    let names: Vec<&str> = kit.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["README.md", "nodes.yaml", "manifests.yaml", "replay.sh"]
    );
    let readme = kit.file("README.md").unwrap();
    for s in [
        "kind create cluster",
        &format!("KWOK_VERSION={KWOK_VERSION}"),
        "releases/download/${KWOK_VERSION}/kwok.yaml",
        "releases/download/${KWOK_VERSION}/stage-fast.yaml",
        "kubectl apply -f nodes.yaml",
        "sh replay.sh",
    ] {
        assert!(readme.contains(s), "{s}");
    }
    // Nodes: KWOK's annotation, label and taint, plus the user's labels and taints, and
    // the labels no kubelet will add.
    let nodes = kit.file("nodes.yaml").unwrap();
    let mut s = Session::new(Box::new(NoFiles));
    let out = s.run_command("kubectl apply -f -", Some(nodes));
    assert!(!out.failed, "{}", out.stderr);
    for (name, n) in &s.cluster.store.nodes {
        assert_eq!(
            n.metadata
                .annotations
                .get(KWOK_TAINT_KEY)
                .map(String::as_str),
            Some("fake")
        );
        assert_eq!(
            n.metadata.labels.get("type").map(String::as_str),
            Some("kwok")
        );
        assert!(n.metadata.labels.contains_key("kubernetes.io/hostname"));
        assert!(n
            .spec
            .taints
            .iter()
            .any(|t| t.key == KWOK_TAINT_KEY && t.effect == "NoSchedule"));
        let orig = &t.session.cluster.store.nodes[name];
        for (k, v) in &orig.metadata.labels {
            assert_eq!(n.metadata.labels.get(k), Some(v), "{name} {k}");
        }
        for taint in &orig.spec.taints {
            assert!(
                n.spec
                    .taints
                    .iter()
                    .any(|x| x.key == taint.key && x.effect == taint.effect),
                "{name}"
            );
        }
    }
    // Manifests: the DaemonSet keeps its own toleration and gets KWOK's, with a comment;
    // applied with the nodes it places pods as the simulation did.
    let manifests = kit.file("manifests.yaml").unwrap();
    assert!(
        manifests.contains("# DaemonSet agent: changed for KWOK"),
        "{manifests}"
    );
    let out = s.run_command("kubectl apply -f -", Some(manifests));
    assert!(!out.failed, "{}", out.stderr);
    let ds = &s.cluster.store.daemonsets[&crate::cluster::Key::new("tools", "agent")];
    let tol = &ds.spec.template.spec.tolerations;
    assert!(tol.iter().any(|t| t.key == "dedicated"));
    assert!(tol
        .iter()
        .any(|t| t.key == KWOK_TAINT_KEY && t.operator == "Exists"));
    let placed = |c: &Cluster| {
        let mut v: Vec<String> = c
            .store
            .pods
            .values()
            .map(|p| p.spec.node_name.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(placed(&s.cluster), placed(&t.session.cluster));
    // Replay: sim verbs become comments, inputs are converted.
    let replay = kit.file("replay.sh").unwrap();
    assert!(replay.starts_with("#!/bin/sh"));
    assert!(
        replay.contains("# simulator only: sim image agent:2 --unpullable"),
        "{replay}"
    );
    assert!(replay.contains("kubectl set image ds/agent c=agent:2 -n tools"));
    assert!(replay.contains("kwok.x-k8s.io/node: fake"));
    // Every line that is not a comment parses as a command the playground runs.
    let cmds = crate::script::parse_script(replay).unwrap();
    assert!(cmds
        .iter()
        .all(|c| ["kubectl", "sleep", "set"].contains(&c.argv[0].as_str())));
}

#[test]
fn kwok_toleration_is_not_added_twice() {
    let mut ds = serde_json::json!({"spec": {"template": {"spec": {"tolerations": [{"operator": "Exists"}]}}}});
    assert!(!kwok::add_kwok_toleration(&mut ds));
    let mut ds = serde_json::json!({"spec": {"template": {"spec": {}}}});
    assert!(kwok::add_kwok_toleration(&mut ds));
    assert!(!kwok::add_kwok_toleration(&mut ds));
}

#[test]
fn kwok_kit_says_which_daemonsets_also_run_on_kinds_control_plane() {
    let everywhere = DS.replace(
        "tolerations: [{key: dedicated, operator: Exists, effect: NoSchedule}]",
        "tolerations: [{operator: Exists}]",
    );
    let t = timeline(&[
        ("kubectl create namespace tools", None),
        ("kubectl apply -f -", Some(NODES)),
        ("kubectl apply -f -", Some(&everywhere)),
    ]);
    let kit = kwok_kit(&t);
    let m = kit.file("manifests.yaml").unwrap();
    assert!(
        m.contains("also places a pod on kind's real control-plane node"),
        "{m}"
    );
    assert!(
        !m.contains("changed for KWOK"),
        "Exists already tolerates KWOK's taint: {m}"
    );
    let r = kit.file("replay.sh").unwrap();
    assert!(
        r.contains("also places a pod on kind's real control-plane node"),
        "{r}"
    );
    // The usual DaemonSet does not tolerate the control-plane taint.
    let kit = kwok_kit(&stuck());
    assert!(!kit
        .file("manifests.yaml")
        .unwrap()
        .contains("kind's real control-plane"));
}

#[test]
fn replay_comments_say_what_plays_each_image_behaviours_part_on_kwok() {
    let comment = |line: &str| {
        let argv: Vec<String> = line.split(' ').map(String::from).collect();
        kwok::sim_comment(&argv)
    };
    let c = comment("sim image a:1 --unready-after=30");
    assert!(
        c.starts_with("# simulator only: sim image a:1 --unready-after=30\n"),
        "{c}"
    );
    assert!(c.contains("making them not ready later"), "{c}");
    assert!(comment("sim image a:1 --never-ready").contains("Holding pods not ready"));
    assert!(comment("sim image a:1 --unhealthy-after=60").contains("runs no probes"));
    assert!(comment("sim image a:1 --pull-seconds=9").contains("pulls no images"));
}
