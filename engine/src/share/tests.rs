//! Unit tests of share links: the format, hostile links, property tests.

use super::*;
use crate::script::command_line;
use proptest::prelude::*;
use std::time::{Duration, Instant};

fn cmd(line: &str, stdin: Option<&str>) -> Action {
    Action::Command {
        line: line.into(),
        stdin: stdin.map(String::from),
    }
}

fn sample() -> Scenario {
    Scenario {
        files: [(
            "nodes.yaml".to_string(),
            "apiVersion: v1\nkind: Node\nmetadata: {name: a}\n".to_string(),
        )]
        .into_iter()
        .collect(),
        actions: vec![
            cmd("kubectl apply -f nodes.yaml", None),
            cmd(
                "kubectl apply -f -",
                Some("apiVersion: apps/v1\nkind: DaemonSet\n"),
            ),
            Action::Step,
            Action::Step,
            Action::Step,
            cmd("kubectl get pods", None),
            Action::Step,
        ],
        position: 4,
        editor: Some("kind: DaemonSet\n".into()),
    }
}

/// A fragment with `json` as its data, packed as a v1 link is.
fn link_of_json(json: &str) -> String {
    testing::fragment_of_json(json.as_bytes())
}

/// Decodes and checks that it took well under a second (3 s allowed: a debug build on a
/// busy 2-core machine; these take milliseconds).
fn decode_quickly(link: &str) -> Result<Scenario, ShareError> {
    let started = Instant::now();
    let r = Scenario::decode(link);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "decode took {took:?}");
    if let Err(e) = &r {
        assert!(!e.to_string().is_empty());
    }
    r
}

#[test]
fn round_trip_keeps_everything() {
    let s = sample();
    let link = s.encode().unwrap();
    assert!(link.starts_with("v1."), "{link}");
    assert!(link[3..]
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    assert_eq!(Scenario::decode(&link).unwrap(), s);
    // As the app reads it from location.hash, and as pasted with spaces around.
    assert_eq!(Scenario::decode(&format!("#{link}")).unwrap(), s);
    assert_eq!(Scenario::decode(&format!("  #{link}\n")).unwrap(), s);
    // Encoding is deterministic.
    assert_eq!(s.encode().unwrap(), link);
}

#[test]
fn the_json_is_compact_and_runs_of_steps_are_numbers() {
    let json = sample().to_json().to_string();
    assert_eq!(
        json,
        r#"{"a":["kubectl apply -f nodes.yaml",["kubectl apply -f -","apiVersion: apps/v1\nkind: DaemonSet\n"],3,"kubectl get pods",1],"e":"kind: DaemonSet\n","f":{"nodes.yaml":"apiVersion: v1\nkind: Node\nmetadata: {name: a}\n"},"p":4}"#
    );
    // Position at the end and no files or editor: only the actions.
    let s = Scenario {
        actions: vec![Action::Step, Action::Step],
        position: 2,
        ..Default::default()
    };
    assert_eq!(s.to_json().to_string(), r#"{"a":[2]}"#);
    assert_eq!(Scenario::decode(&s.encode().unwrap()).unwrap(), s);
}

#[test]
fn an_empty_scenario_is_a_short_link() {
    let link = Scenario::default().encode().unwrap();
    assert!(link.len() < 20, "{link}");
    assert_eq!(Scenario::decode(&link).unwrap(), Scenario::default());
    assert_eq!(
        Scenario::decode(&link_of_json("{}")).unwrap(),
        Scenario::default()
    );
}

#[test]
fn hand_written_json_with_every_form() {
    let s = decode_quickly(&link_of_json(
        r#"{"f":{"a.yaml":"x"},"a":["kubectl get nodes",["kubectl apply -f -","y"],2],"p":1,"e":"z"}"#,
    ))
    .unwrap();
    assert_eq!(s.files["a.yaml"], "x");
    assert_eq!(
        s.actions,
        [
            cmd("kubectl get nodes", None),
            cmd("kubectl apply -f -", Some("y")),
            Action::Step,
            Action::Step
        ]
    );
    assert_eq!(s.position, 1);
    assert_eq!(s.editor.as_deref(), Some("z"));
}

// ---------------------------------------------------------------------------
// Damaged and hostile links: each gives its own error, at once.
// ---------------------------------------------------------------------------

#[test]
fn a_huge_input_is_refused_unread() {
    let huge = format!("v1.{}", "A".repeat(MAX_LINK_CHARS + 1));
    assert!(matches!(
        decode_quickly(&huge),
        Err(ShareError::TooLong { chars }) if chars == MAX_LINK_CHARS + 4
    ));
    let enormous = "x".repeat(64 << 20);
    let started = Instant::now();
    assert!(matches!(
        Scenario::decode(&enormous),
        Err(ShareError::TooLong { .. })
    ));
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn not_a_link() {
    for text in [
        "",
        "#",
        "hello",
        "v",
        "v1",
        "vx.abc",
        "V1.abc",
        "v.abc",
        "1.abc",
        "v1234567890.x",
    ] {
        assert_eq!(decode_quickly(text), Err(ShareError::NotALink), "{text:?}");
    }
    assert!(ShareError::NotALink.to_string().contains("'v1.'"));
}

#[test]
fn an_unknown_version_names_both_versions() {
    let e = decode_quickly("v2.eJyrrgUAAXUA-Q").unwrap_err();
    assert_eq!(
        e,
        ShareError::UnknownVersion {
            version: "2".into()
        }
    );
    let msg = e.to_string();
    assert!(msg.contains("format version 2"), "{msg}");
    assert!(msg.contains("reads version 1"), "{msg}");
    assert!(msg.contains("newer playground"), "{msg}");
    let old = decode_quickly("#v0.xyz").unwrap_err().to_string();
    assert!(
        old.contains("format version 0") && !old.contains("newer"),
        "{old}"
    );
}

#[test]
fn not_base64() {
    let link = sample().encode().unwrap();
    let mut bad = link.clone();
    bad.insert(10, '+');
    assert_eq!(
        decode_quickly(&bad),
        Err(ShareError::NotBase64 {
            index: 7,
            found: '+'
        })
    );
    // Percent-escaped or with an '=' pad, as a careless copy may give.
    assert!(matches!(
        decode_quickly(&format!("{link}%3D")),
        Err(ShareError::NotBase64 { found: '%', .. })
    ));
    assert!(matches!(
        decode_quickly("v1.é"),
        Err(ShareError::NotBase64 {
            index: 0,
            found: 'é'
        })
    ));
    assert!(decode_quickly(&bad)
        .unwrap_err()
        .to_string()
        .contains("character 8 of its data is '+'"));
}

#[test]
fn truncated_links_are_damaged() {
    let link = sample().encode().unwrap();
    for cut in [4, 5, 10, link.len() / 2, link.len() - 3, link.len() - 1] {
        match decode_quickly(&link[..cut]) {
            Err(ShareError::Damaged { .. }) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
    assert_eq!(
        decode_quickly("v1."),
        Err(ShareError::Damaged {
            reason: "its data ends too soon".into()
        })
    );
}

#[test]
fn a_changed_character_is_caught() {
    let link = sample().encode().unwrap();
    let mut caught = 0;
    for i in 3..link.len() {
        let mut b = link.clone().into_bytes();
        b[i] = if b[i] == b'A' { b'B' } else { b'A' };
        let changed = String::from_utf8(b).unwrap();
        match Scenario::decode(&changed) {
            // Some bits of DEFLATE data change nothing (the unused bits of the last
            // character, parts of a Huffman table's header): the same scenario is fine,
            // another one would be a change the checksum missed.
            Ok(s) => assert_eq!(s, sample(), "changing character {i} went unseen"),
            Err(_) => caught += 1,
        }
    }
    assert!(
        caught >= (link.len() - 3) * 9 / 10,
        "{caught} of {}",
        link.len() - 3
    );
}

#[test]
fn a_decompression_bomb_stops_at_the_limit() {
    // 100 MiB of zeros packs into about 100 KB: a link of about 140,000 characters.
    let zeros = vec![0u8; 100 << 20];
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 10);
    let link = format!("v1.{}", base64::encode(&packed));
    assert!(link.len() < MAX_LINK_CHARS, "{}", link.len());
    assert_eq!(decode_quickly(&link), Err(ShareError::TooLarge));
    // Just over the limit, and JSON at that: the same.
    let big = format!("{{\"e\":\"{}\"}}", "x".repeat(MAX_DATA_BYTES));
    assert_eq!(
        decode_quickly(&link_of_json(&big)),
        Err(ShareError::TooLarge)
    );
    // Just under: fine.
    let under = format!("{{\"e\":\"{}\"}}", "x".repeat(MAX_DATA_BYTES - 8));
    assert_eq!(
        decode_quickly(&link_of_json(&under))
            .unwrap()
            .editor
            .unwrap()
            .len(),
        MAX_DATA_BYTES - 8
    );
}

#[test]
fn data_that_is_not_utf8_or_not_json_is_damaged() {
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&[0xff, 0xfe, b'{'], 6);
    let e = decode_quickly(&format!("v1.{}", base64::encode(&packed))).unwrap_err();
    assert!(
        matches!(e, ShareError::Damaged { ref reason } if reason.contains("UTF-8")),
        "{e:?}"
    );
    for json in ["", "{", "{\"a\":[}", "{} x", "nul"] {
        match decode_quickly(&link_of_json(json)) {
            Err(ShareError::Damaged { reason }) => assert!(reason.contains("not JSON"), "{reason}"),
            other => panic!("{json:?}: {other:?}"),
        }
    }
}

#[test]
fn json_of_the_wrong_shape_is_invalid() {
    for (json, says) in [
        ("[]", "expected struct Raw"),
        ("1", "expected struct Raw"),
        (r#"{"x":1}"#, "unknown field `x`"),
        (r#"{"a":{}}"#, "a list of actions"),
        (r#"{"a":[true]}"#, "an action"),
        (r#"{"a":[1.5]}"#, "an action"),
        (r#"{"a":[-1]}"#, "an action"),
        (r#"{"a":[0]}"#, "at least 1"),
        (
            r#"{"a":[["only a line"]]}"#,
            "[command line, standard input]",
        ),
        (r#"{"a":[["a","b","c"]]}"#, "[command line, standard input]"),
        (r#"{"a":[["a",1]]}"#, "expected a string"),
        (r#"{"f":[]}"#, "file paths"),
        (r#"{"f":{"a":1}}"#, "expected a string"),
        (r#"{"f":{"a":"x","a":"y"}}"#, "appears twice"),
        (r#"{"p":-1}"#, "expected u64"),
        (r#"{"p":"1"}"#, "expected u64"),
        (r#"{"e":[]}"#, "expected a string"),
        (r#"{"a":null}"#, ""),
    ] {
        match decode_quickly(&link_of_json(json)) {
            Err(ShareError::Invalid { reason }) => {
                assert!(reason.contains(says), "{json}: {reason}")
            }
            // `null` is an absent member.
            Ok(s) if json.contains("null") => assert_eq!(s, Scenario::default()),
            other => panic!("{json}: {other:?}"),
        }
    }
}

#[test]
fn deep_nesting_is_refused_not_recursed() {
    let json = format!("{{\"a\":[{}{}]}}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(decode_quickly(&link_of_json(&json)).is_err());
}

#[test]
fn too_many_actions_are_counted_and_refused() {
    // One more than the limit, written as one run of steps.
    let json = format!(r#"{{"a":["kubectl get nodes",{MAX_ACTIONS}]}}"#);
    assert_eq!(
        decode_quickly(&link_of_json(&json)),
        Err(ShareError::TooManyActions {
            count: MAX_ACTIONS as u64 + 1
        })
    );
    // A few bytes that claim an enormous run: refused, not expanded.
    let json = format!(r#"{{"a":[{},{}]}}"#, u64::MAX, u64::MAX);
    assert_eq!(
        decode_quickly(&link_of_json(&json)),
        Err(ShareError::TooManyActions { count: u64::MAX })
    );
    // Many separate commands.
    let json = format!(r#"{{"a":[{}"x"]}}"#, "\"x\",".repeat(3 * MAX_ACTIONS));
    assert_eq!(
        decode_quickly(&link_of_json(&json)),
        Err(ShareError::TooManyActions {
            count: 3 * MAX_ACTIONS as u64 + 1
        })
    );
    // Exactly the limit is fine.
    let json = format!(r#"{{"a":[{MAX_ACTIONS}],"p":0}}"#);
    let s = decode_quickly(&link_of_json(&json)).unwrap();
    assert_eq!(s.actions.len(), MAX_ACTIONS);
    assert_eq!(s.position, 0);
    // Encoding refuses what decoding would refuse.
    let mut s = s;
    s.actions.push(Action::Step);
    assert!(matches!(s.encode(), Err(ShareError::TooManyActions { .. })));
}

#[test]
fn too_many_files() {
    let files: Vec<String> = (0..=MAX_FILES).map(|i| format!("\"f{i}\":\"\"")).collect();
    let json = format!("{{\"f\":{{{}}}}}", files.join(","));
    assert_eq!(
        decode_quickly(&link_of_json(&json)),
        Err(ShareError::TooManyFiles {
            count: MAX_FILES + 1
        })
    );
}

#[test]
fn a_position_past_the_end_is_refused() {
    assert_eq!(
        decode_quickly(&link_of_json(r#"{"a":["x",2],"p":4}"#)),
        Err(ShareError::BadPosition {
            position: 4,
            actions: 3
        })
    );
    let s = Scenario {
        position: 1,
        ..Default::default()
    };
    assert!(matches!(s.encode(), Err(ShareError::BadPosition { .. })));
}

// ---------------------------------------------------------------------------
// Replay.
// ---------------------------------------------------------------------------

const NODES: &str = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a}}\n- {apiVersion: v1, kind: Node, metadata: {name: b}}\n";
const DS: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: c, image: img:1}]}\n";

fn pods(t: &Timeline) -> String {
    format!("{:?}", t.session.cluster.store.pods)
}

#[test]
fn replay_reads_inline_files_and_stops_at_the_position() {
    let mut s = Scenario {
        files: [("dir/nodes.yaml".to_string(), NODES.to_string())].into(),
        actions: vec![
            cmd("kubectl apply -f dir", None),
            cmd("kubectl apply -f -", Some(DS)),
            Action::Step,
            Action::Step,
            Action::Step,
            cmd("kubectl get pods -o name", None),
        ],
        position: 6,
        editor: None,
    };
    let mut outputs = Vec::new();
    let t = s.replay_with(|i, r| {
        outputs.push((i, r.output.clone()));
        ControlFlow::Continue(())
    });
    assert_eq!(t.position(), 6);
    assert_eq!(t.len(), 6);
    assert_eq!(outputs[0].1.stdout, "node/a created\nnode/b created\n");
    assert_eq!(outputs[1].1.stdout, "daemonset.apps/d created\n");
    assert_eq!(outputs[5].1.stdout.lines().count(), 2, "{:?}", outputs[5]);
    let at_end = pods(&t);

    // At position 2 the steps are there but not applied; stepping replays them.
    s.position = 2;
    let mut t2 = Scenario::decode(&s.encode().unwrap()).unwrap().replay();
    assert_eq!(t2.position(), 2);
    assert_eq!(t2.len(), 6);
    let mut direct = Timeline::new(Box::new(s.file_source()));
    direct.push(s.actions[0].clone());
    direct.push(s.actions[1].clone());
    assert_eq!(pods(&t2), pods(&direct));
    while t2.position() < 6 {
        t2.step().unwrap();
    }
    assert_eq!(pods(&t2), at_end);
}

#[test]
fn replay_with_can_stop_early() {
    let s = Scenario {
        actions: vec![cmd("sleep 1", None); 10],
        position: 10,
        ..Default::default()
    };
    let t = s.replay_with(|i, _| {
        if i == 3 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(t.len(), 4);
    assert_eq!(t.position(), 4);
}

#[test]
fn a_missing_inline_file_fails_as_on_disk() {
    let s = Scenario {
        actions: vec![cmd("kubectl apply -f nodes.yaml", None)],
        position: 1,
        ..Default::default()
    };
    let mut out = None;
    s.replay_with(|_, r| {
        out = Some(r.output.clone());
        ControlFlow::Continue(())
    });
    let out = out.unwrap();
    assert!(out.failed);
    assert!(
        out.stderr
            .contains("the path \"nodes.yaml\" does not exist"),
        "{}",
        out.stderr
    );
}

// ---------------------------------------------------------------------------
// Command lines.
// ---------------------------------------------------------------------------

#[test]
fn command_lines_quote_only_what_needs_it() {
    let argv = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        command_line(&argv(&[
            "kubectl",
            "label",
            "node",
            "n1",
            "disk=ssd",
            "--overwrite"
        ])),
        "kubectl label node n1 disk=ssd --overwrite"
    );
    assert_eq!(
        command_line(&argv(&[
            "kubectl",
            "patch",
            "ds",
            "x",
            "-p",
            "{\"spec\": {}}",
            "",
            "it's"
        ])),
        r#"kubectl patch ds x -p '{"spec": {}}' '' 'it'\''s'"#
    );
    assert_eq!(command_line(&argv(&["a\r\nb"])), "'a\r''\nb'");
}

fn any_word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z=./:-]{1,8}",
        "[^\u{0}]{0,12}",
        proptest::collection::vec(
            prop_oneof![
                Just("'"),
                Just("\""),
                Just("\\"),
                Just("\r"),
                Just("\n"),
                Just("\r\n"),
                Just(" "),
                Just("\t"),
                Just("#"),
                Just("|"),
                Just("<<"),
                Just("EOF"),
                Just("$("),
                Just("`"),
                Just(";"),
                Just("&"),
                Just(">"),
                Just("2"),
                Just("x"),
            ],
            0..8
        )
        .prop_map(|v| v.concat()),
    ]
}

fn any_action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Step),
        (".{0,40}", proptest::option::of(".{0,40}"))
            .prop_map(|(line, stdin)| Action::Command { line, stdin }),
    ]
}

fn any_scenario() -> impl Strategy<Value = Scenario> {
    (
        proptest::collection::btree_map("[a-z/.]{1,12}", ".{0,60}", 0..4),
        proptest::collection::vec(any_action(), 0..30),
        proptest::option::of(".{0,60}"),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(files, actions, editor, at)| Scenario {
            files,
            position: at.index(actions.len() + 1),
            actions,
            editor,
        })
}

proptest! {
    #[test]
    fn command_lines_parse_back_to_their_words(argv in proptest::collection::vec(any_word(), 1..5)) {
        let line = command_line(&argv);
        let parsed = crate::script::parse_line(&line);
        prop_assert!(parsed.is_ok(), "{:?} → {:?}: {:?}", argv, line, parsed);
        let parsed = parsed.unwrap();
        prop_assert_eq!(&parsed.argv, &argv, "line {:?}", line);
        prop_assert_eq!(parsed.stdin, None);
    }

    #[test]
    fn encode_then_decode_is_identity(s in any_scenario()) {
        let link = s.encode().unwrap();
        prop_assert_eq!(Scenario::decode(&link).unwrap(), s);
    }

    #[test]
    fn decode_never_panics_on_any_text(text in ".{0,200}") {
        let _ = Scenario::decode(&text).map_err(|e| e.to_string());
    }

    #[test]
    fn decode_never_panics_on_base64_data(data in "[A-Za-z0-9_-]{0,300}") {
        let _ = Scenario::decode(&format!("v1.{data}")).map_err(|e| e.to_string());
    }

    #[test]
    fn decode_never_panics_on_changed_links(
        s in any_scenario(),
        at in any::<prop::sample::Index>(),
        with in "[A-Za-z0-9_-]{0,3}",
        cut in any::<bool>(),
    ) {
        let link = s.encode().unwrap();
        let i = at.index(link.len());
        let changed = if cut {
            link[..i].to_string()
        } else {
            format!("{}{}{}", &link[..i], with, &link[(i + 1).min(link.len())..])
        };
        let _ = Scenario::decode(&changed).map_err(|e| e.to_string());
    }

    #[test]
    fn decode_never_panics_on_packed_json_junk(json in "[\\[\\]{}\",:0-9a-z\\\\ ]{0,80}") {
        let _ = Scenario::decode(&link_of_json(&json)).map_err(|e| e.to_string());
    }
}

/// The browser app packs a link's text with the browser's compressor, whose zlib stream
/// differs from miniz_oxide's at level 10 (here: level 1, and stored blocks only).
#[test]
fn a_link_packed_by_another_zlib_encoder_opens() {
    let s = sample();
    let data = s.link_data().unwrap();
    for level in [0, 1] {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(data.text.as_bytes(), level);
        let link = data.finish(&packed).unwrap();
        assert!(link.starts_with("v1."), "{link}");
        assert_eq!(Scenario::decode(&link).unwrap(), s);
    }
    let lesson = "# lesson: L\n# step: one\nkubectl get ds\n";
    let data = lesson_link_data(lesson).unwrap();
    let link = data
        .finish(&miniz_oxide::deflate::compress_to_vec_zlib(
            lesson.as_bytes(),
            1,
        ))
        .unwrap();
    assert!(link.starts_with(LESSON_PREFIX), "{link}");
    assert_eq!(lesson_from_link(&link).unwrap(), lesson);
}

#[test]
fn link_data_keeps_the_limits() {
    let data = sample().link_data().unwrap();
    let too_long = vec![0u8; MAX_LINK_CHARS];
    assert!(matches!(
        data.finish(&too_long),
        Err(ShareError::TooLong { .. })
    ));
    let big = "#".repeat(MAX_DATA_BYTES + 1);
    assert_eq!(lesson_link_data(&big), Err(ShareError::TooLarge));
    let mut s = sample();
    s.position = s.actions.len() + 1;
    assert!(matches!(s.link_data(), Err(ShareError::BadPosition { .. })));
}
