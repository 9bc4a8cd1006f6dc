//! §17 L: validation (S97–S106). Each manifest decodes (`decode_manifest`); the API
//! server step of `kubectl apply -f -` then refuses it with the exact message, each field
//! error carrying the manifest position ` (STDIN:line:col)`.
//!
//! Bad values of `intstr.IntOrString` print as v1.34+ prints them (`1`, `"110%"`), which is
//! the rendering the engine's validation chose; older servers print the Go struct.

use crate::harness::session as sess;
use engine::api::IntOrString;
use engine::cluster::Key;

const BASE: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: foo
spec:
  selector:
    matchLabels:
      name: simple-daemon
  template:
    metadata:
      labels:
        name: simple-daemon
    spec:
      containers:
      - name: foo
        image: foo/bar
";

/// BASE with `text` inserted before `  template:` (lines 9.. of the result).
fn before_template(text: &str) -> String {
    BASE.replace("  template:\n", &format!("{text}  template:\n"))
}

/// BASE with `text` inserted before `      containers:` (lines 14.. of the result).
fn before_containers(text: &str) -> String {
    BASE.replace("      containers:\n", &format!("{text}      containers:\n"))
}

fn rolling(block: &str) -> String {
    before_template(&format!(
        "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n{block}"
    ))
}

const INVALID: &str = "The DaemonSet \"foo\" is invalid: ";

/// Decodes, then applies, and checks the exact stderr.
#[track_caller]
fn expect_invalid(id: &str, yaml: &str, want: &str) {
    let docs = engine::manifest::decode_manifest(yaml, "STDIN");
    assert_eq!(docs.len(), 1, "{id}");
    assert!(docs[0].is_ok(), "{id}: the manifest decodes: {:?}", docs[0]);
    let mut s = sess::new();
    let o = s.run_command("kubectl apply -f -", Some(yaml));
    assert!(o.failed, "{id}: refused");
    assert_eq!(o.stdout, "", "{id}");
    assert_eq!(o.stderr, want, "{id}");
    assert!(
        s.cluster.store.daemonsets.is_empty(),
        "{id}: nothing stored"
    );
}

#[test]
fn s97_max_surge_alone_is_invalid_after_defaulting() {
    expect_invalid(
        "S97",
        &rolling("      maxSurge: 1\n"),
        &format!(
            "{INVALID}spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero (STDIN:12:7)\n"
        ),
    );
}

#[test]
fn s98_both_zero() {
    let want = format!(
        "{INVALID}spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0 (STDIN:12:7)\n"
    );
    expect_invalid(
        "S98 ints",
        &rolling("      maxUnavailable: 0\n      maxSurge: 0\n"),
        &want,
    );
    expect_invalid(
        "S98 percent",
        &rolling("      maxUnavailable: 0%\n      maxSurge: \"0%\"\n"),
        &want,
    );
}

#[test]
fn s99_bad_max_unavailable() {
    let path = "spec.updateStrategy.rollingUpdate.maxUnavailable";
    expect_invalid(
        "S99 110%",
        &rolling("      maxUnavailable: 110%\n"),
        &format!("{INVALID}{path}: Invalid value: \"110%\": must not be greater than 100% (STDIN:12:7)\n"),
    );
    expect_invalid(
        "S99 -1",
        &rolling("      maxUnavailable: -1\n"),
        &format!(
            "{INVALID}{path}: Invalid value: -1: must be greater than or equal to 0 (STDIN:12:7)\n"
        ),
    );
    // "abc" also counts as 0 (`IntValue` of a non-number), so V15 fires too.
    expect_invalid(
        "S99 abc",
        &rolling("      maxUnavailable: abc\n"),
        &format!(
            "{INVALID}\n* {path}: Invalid value: \"abc\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%') (STDIN:12:7)\n* {path}: Required value: cannot be 0 when maxSurge is 0 (STDIN:12:7)\n"
        ),
    );
}

#[test]
fn s100_restart_policy_must_be_always() {
    expect_invalid(
        "S100",
        &before_containers("      restartPolicy: OnFailure\n"),
        &format!(
            "{INVALID}spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\" (STDIN:14:7)\n"
        ),
    );
}

#[test]
fn s101_selector() {
    expect_invalid(
        "S101 empty selector",
        &BASE.replace("  selector:\n    matchLabels:\n      name: simple-daemon\n", "  selector: {}\n"),
        &format!(
            "{INVALID}spec.selector: Invalid value: v1.LabelSelector{{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}: empty selector is invalid for daemonset (STDIN:6:3)\n"
        ),
    );
    expect_invalid(
        "S101 selector does not match",
        &BASE.replace("    matchLabels:\n      name: simple-daemon\n", "    matchLabels:\n      name: other\n"),
        &format!(
            "{INVALID}spec.template.metadata.labels: Invalid value: map[string]string{{\"name\":\"simple-daemon\"}}: `selector` does not match template `labels` (STDIN:11:7)\n"
        ),
    );
}

#[test]
fn s102_selector_is_immutable() {
    let mut s = sess::new();
    let o = sess::apply(&mut s, BASE);
    assert_eq!(o.stdout, "daemonset.apps/foo created\n");
    let changed = BASE.replace("name: simple-daemon", "name: other");
    assert!(engine::manifest::decode_manifest(&changed, "STDIN")[0].is_ok());
    let o = s.run_command("kubectl apply -f -", Some(&changed));
    assert!(o.failed);
    assert_eq!(
        o.stderr,
        format!(
            "{INVALID}spec.selector: Invalid value: v1.LabelSelector{{MatchLabels:map[string]string{{\"name\":\"other\"}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}: field is immutable (STDIN:6:3)\n"
        )
    );
    let d = &s.cluster.store.daemonsets[&Key::new("default", "foo")];
    assert_eq!(
        d.spec
            .selector
            .as_ref()
            .unwrap()
            .match_labels
            .get("name")
            .map(String::as_str),
        Some("simple-daemon")
    );
}

#[test]
fn s103_negative_counts() {
    expect_invalid(
        "S103 minReadySeconds",
        &before_template("  minReadySeconds: -1\n"),
        &format!("{INVALID}spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0 (STDIN:9:3)\n"),
    );
    expect_invalid(
        "S103 revisionHistoryLimit",
        &before_template("  revisionHistoryLimit: -1\n"),
        &format!("{INVALID}spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0 (STDIN:9:3)\n"),
    );
}

#[test]
fn s104_active_deadline_seconds_is_forbidden() {
    expect_invalid(
        "S104",
        &before_containers("      activeDeadlineSeconds: 10\n"),
        &format!(
            "{INVALID}spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported (STDIN:14:7)\n"
        ),
    );
}

#[test]
fn s105_unknown_update_strategy_type() {
    expect_invalid(
        "S105",
        &before_template("  updateStrategy:\n    type: Foo\n"),
        &format!(
            "{INVALID}spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{{Type:\"Foo\", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}}: supported values: \"RollingUpdate\", \"OnDelete\" (STDIN:9:3)\n"
        ),
    );
}

#[test]
fn s106_on_delete_rolling_update_is_neither_validated_nor_defaulted() {
    let yaml = before_template(
        "  updateStrategy:\n    type: OnDelete\n    rollingUpdate:\n      maxUnavailable: 0\n",
    );
    assert!(engine::manifest::decode_manifest(&yaml, "STDIN")[0].is_ok());
    let mut s = sess::new();
    let o = sess::apply(&mut s, &yaml);
    assert_eq!(o.stdout, "daemonset.apps/foo created\n");
    let d = &s.cluster.store.daemonsets[&Key::new("default", "foo")];
    assert_eq!(d.spec.update_strategy.type_, "OnDelete");
    let ru = d
        .spec
        .update_strategy
        .rolling_update
        .as_ref()
        .expect("rollingUpdate kept");
    assert_eq!(ru.max_unavailable, Some(IntOrString::Int(0)));
    assert_eq!(ru.max_surge, None, "not defaulted");
}
