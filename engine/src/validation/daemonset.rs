//! DaemonSet validation (`pkg/apis/apps/validation/validation.go`: `ValidateDaemonSet`,
//! `ValidateDaemonSetSpec`, `ValidateDaemonSetUpdateStrategy`, `ValidateRollingUpdateDaemonSet`,
//! and `registry/apps/daemonset/strategy.go` `ValidateUpdate` for the selector). Expects
//! an object the defaults were applied to (`crate::defaults::set_defaults_daemonset`).

use super::field::{child, dedup, FieldError};
use super::meta::{selector_converts, validate_label_selector, validate_object_meta, NameRule};
use super::names::{is_valid_percent, percent_errors};
use super::pod::{validate_pod_template_spec, PodValidationOptions};
use super::render::{int_or_string, label_selector, label_selector_ptr, quote, string_map};
use crate::api::{
    DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy, IntOrString, RollingUpdateDaemonSet,
};

const NEGATIVE: &str = "must be greater than or equal to 0";

/// `ValidateDaemonSet`: metadata (name is a DNS subdomain, labels, annotations) and spec.
pub fn validate_daemonset(ds: &DaemonSet) -> Vec<FieldError> {
    let mut errs = validate_object_meta(&ds.metadata, "metadata", NameRule::DnsSubdomain, true);
    errs.extend(validate_daemonset_spec(&ds.spec, "spec"));
    errs
}

/// What the API server checks on an update (strategy `ValidateUpdate`): everything
/// `validate_daemonset` checks on the new object, then the selector must not change (U1).
/// Duplicates, which upstream produces by validating the spec twice, are removed here as the
/// status message removes them.
pub fn validate_daemonset_update(old: &DaemonSet, new: &DaemonSet) -> Vec<FieldError> {
    let mut errs = validate_daemonset(new);
    if old.spec.selector != new.spec.selector {
        errs.push(FieldError::invalid(
            "spec.selector",
            label_selector_ptr(new.spec.selector.as_ref()),
            "field is immutable",
        ));
    }
    dedup(errs)
}

/// `ValidateDaemonSetSpec` (V1–V15 of the semantics document), in upstream order.
pub fn validate_daemonset_spec(spec: &DaemonSetSpec, path: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let sel_path = child(path, "selector");
    errs.extend(validate_label_selector(spec.selector.as_ref(), &sel_path));

    // V1: a nil selector selects nothing, so it fails here too.
    if selector_converts(spec.selector.as_ref()) {
        let labels = &spec.template.metadata.labels;
        let matches = spec.selector.as_ref().is_some_and(|s| s.matches(labels));
        if !matches {
            errs.push(FieldError::invalid(
                child(&child(&child(path, "template"), "metadata"), "labels"),
                string_map(labels),
                "`selector` does not match template `labels`",
            ));
        }
    }
    // V2
    if let Some(sel) = spec.selector.as_ref().filter(|s| s.is_empty()) {
        errs.push(FieldError::invalid(
            &sel_path,
            label_selector(sel),
            "empty selector is invalid for daemonset",
        ));
    }
    // V4
    let tpl = child(path, "template");
    errs.extend(validate_pod_template_spec(
        &spec.template,
        &tpl,
        PodValidationOptions::default(),
    ));
    let tpl_spec = child(&tpl, "spec");
    // V5
    if spec.template.spec.restart_policy != "Always" {
        errs.push(FieldError::not_supported(
            child(&tpl_spec, "restartPolicy"),
            quote(&spec.template.spec.restart_policy),
            &["Always"],
        ));
    }
    // V6
    if spec.template.spec.active_deadline_seconds.is_some() {
        errs.push(FieldError::forbidden(
            child(&tpl_spec, "activeDeadlineSeconds"),
            "activeDeadlineSeconds in DaemonSet is not Supported",
        ));
    }
    // V7 (V8, the internal templateGeneration, is set by the API server itself)
    if spec.min_ready_seconds < 0 {
        errs.push(FieldError::invalid_int(
            child(path, "minReadySeconds"),
            spec.min_ready_seconds as i64,
            NEGATIVE,
        ));
    }
    // V10–V15
    errs.extend(validate_update_strategy(
        &spec.update_strategy,
        &child(path, "updateStrategy"),
    ));
    // V9
    if let Some(limit) = spec.revision_history_limit {
        if limit < 0 {
            errs.push(FieldError::invalid_int(
                child(path, "revisionHistoryLimit"),
                limit as i64,
                NEGATIVE,
            ));
        }
    }
    errs
}

/// `ValidateDaemonSetUpdateStrategy` (V10, V11; OnDelete ignores `rollingUpdate`).
pub fn validate_update_strategy(strategy: &DaemonSetUpdateStrategy, path: &str) -> Vec<FieldError> {
    match strategy.type_.as_str() {
        "OnDelete" => Vec::new(),
        "RollingUpdate" => match &strategy.rolling_update {
            None => vec![FieldError::required(child(path, "rollingUpdate"), "")],
            Some(ru) => validate_rolling_update(ru, &child(path, "rollingUpdate")),
        },
        _ => vec![FieldError::not_supported(
            path,
            render_strategy(strategy),
            &["RollingUpdate", "OnDelete"],
        )],
    }
}

/// `%#v` of the internal `apps.DaemonSetUpdateStrategy` the API server prints for V10.
fn render_strategy(s: &DaemonSetUpdateStrategy) -> String {
    let ru = match s.rolling_update {
        // Go prints the pointer's address here, which changes from run to run.
        Some(_) => "(*apps.RollingUpdateDaemonSet)(0xc000a1b2e0)",
        None => "(*apps.RollingUpdateDaemonSet)(nil)",
    };
    format!(
        "apps.DaemonSetUpdateStrategy{{Type:{}, RollingUpdate:{ru}}}",
        quote(&s.type_)
    )
}

/// `ValidateRollingUpdateDaemonSet` (V12–V15). An absent value counts as int 0, as the zero
/// `IntOrString` of the internal type does.
pub fn validate_rolling_update(ru: &RollingUpdateDaemonSet, path: &str) -> Vec<FieldError> {
    let zero = IntOrString::Int(0);
    let mu = ru.max_unavailable.as_ref().unwrap_or(&zero);
    let ms = ru.max_surge.as_ref().unwrap_or(&zero);
    let mu_path = child(path, "maxUnavailable");
    let ms_path = child(path, "maxSurge");
    let mut errs = Vec::new();
    errs.extend(validate_positive_int_or_percent(mu, &mu_path));
    errs.extend(validate_positive_int_or_percent(ms, &ms_path));
    errs.extend(not_more_than_100_percent(mu, &mu_path));
    errs.extend(not_more_than_100_percent(ms, &ms_path));
    let has_unavailable = int_or_percent_value(mu) != 0;
    let has_surge = int_or_percent_value(ms) != 0;
    if has_unavailable && has_surge {
        errs.push(FieldError::invalid(
            &ms_path,
            int_or_string(ms),
            "may not be set when maxUnavailable is non-zero",
        ));
    } else if !has_unavailable && !has_surge {
        errs.push(FieldError::required(
            &mu_path,
            "cannot be 0 when maxSurge is 0",
        ));
    }
    errs
}

/// `ValidatePositiveIntOrPercent`.
pub fn validate_positive_int_or_percent(v: &IntOrString, path: &str) -> Vec<FieldError> {
    match v {
        IntOrString::Str(s) => percent_errors(s)
            .into_iter()
            .map(|m| FieldError::invalid(path, int_or_string(v), m))
            .collect(),
        IntOrString::Int(i) if *i < 0 => vec![FieldError::invalid_int(path, *i as i64, NEGATIVE)],
        IntOrString::Int(_) => Vec::new(),
    }
}

/// `IsNotMoreThan100Percent`.
pub fn not_more_than_100_percent(v: &IntOrString, path: &str) -> Vec<FieldError> {
    match percent_value(v) {
        Some(p) if p > 100 => vec![FieldError::invalid(
            path,
            int_or_string(v),
            "must not be greater than 100%",
        )],
        _ => Vec::new(),
    }
}

/// `getPercentValue`: the number of a valid `N%` string.
fn percent_value(v: &IntOrString) -> Option<i64> {
    match v {
        IntOrString::Str(s) if is_valid_percent(s) => Some(go_atoi(&s[..s.len() - 1]).unwrap_or(0)),
        _ => None,
    }
}

/// `getIntOrPercentValue`: a valid percent's number, else `IntValue()` (so `"2"` is 2 and
/// any other string 0).
pub fn int_or_percent_value(v: &IntOrString) -> i64 {
    if let Some(p) = percent_value(v) {
        return p;
    }
    match v {
        IntOrString::Int(i) => *i as i64,
        IntOrString::Str(s) => go_atoi(s).unwrap_or(0),
    }
}

/// `strconv.Atoi` as `IntValue` uses it: an optional sign and decimal digits; out of range
/// gives the clamped value, any other error 0 (returned as `None`).
fn go_atoi(s: &str) -> Option<i64> {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut v: i128 = 0;
    for c in digits.bytes() {
        v = (v * 10 + (c - b'0') as i128).min(i64::MAX as i128 + 1);
    }
    let v = if neg { -v } else { v };
    Some(v.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::defaults::set_defaults_daemonset;
    use serde_json::json;

    /// A valid DaemonSet as a user writes it; `patch` edits the JSON before decoding.
    fn ds_with(patch: impl FnOnce(&mut serde_json::Value)) -> DaemonSet {
        let mut v = json!({
            "apiVersion": "apps/v1",
            "kind": "DaemonSet",
            "metadata": {"name": "x", "namespace": "default"},
            "spec": {
                "selector": {"matchLabels": {"app": "x"}},
                "template": {
                    "metadata": {"labels": {"app": "x"}},
                    "spec": {"containers": [{"name": "c", "image": "nginx:1.25"}]}
                }
            }
        });
        patch(&mut v);
        let mut ds: DaemonSet = crate::api::FromJson::from_json(v).expect("decodes");
        set_defaults_daemonset(&mut ds);
        ds
    }

    fn msgs(errs: &[FieldError]) -> Vec<String> {
        errs.iter().map(|e| e.to_string()).collect()
    }

    const PCT: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
    const RU: &str = "spec.updateStrategy.rollingUpdate";

    #[test]
    fn defaulted_minimal_daemonset_is_valid() {
        assert_eq!(
            msgs(&validate_daemonset(&ds_with(|_| {}))),
            Vec::<String>::new()
        );
    }

    /// §17 L, S97–S106: each input with the exact messages the API server gives.
    #[test]
    fn scenarios_s97_to_s106() {
        type Patch = Box<dyn FnOnce(&mut serde_json::Value)>;
        let ru = |ru: serde_json::Value| -> Patch {
            Box::new(move |v| {
                v["spec"]["updateStrategy"] = json!({"type": "RollingUpdate", "rollingUpdate": ru})
            })
        };
        let cases: Vec<(&str, Patch, Vec<String>)> = vec![
            (
                "S97 only maxSurge: 1",
                ru(json!({"maxSurge": 1})),
                vec![format!("{RU}.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero")],
            ),
            (
                "S98 both 0",
                ru(json!({"maxUnavailable": 0, "maxSurge": 0})),
                vec![format!("{RU}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0")],
            ),
            (
                "S98 0% and 0",
                ru(json!({"maxUnavailable": "0%", "maxSurge": 0})),
                vec![format!("{RU}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0")],
            ),
            (
                "S99 110%",
                ru(json!({"maxUnavailable": "110%"})),
                vec![format!("{RU}.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%")],
            ),
            (
                "S99 -1",
                ru(json!({"maxUnavailable": -1})),
                vec![format!("{RU}.maxUnavailable: Invalid value: -1: must be greater than or equal to 0")],
            ),
            (
                "S99 abc (also zero, so V15)",
                ru(json!({"maxUnavailable": "abc"})),
                vec![
                    format!("{RU}.maxUnavailable: Invalid value: \"abc\": {PCT}"),
                    format!("{RU}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"),
                ],
            ),
            (
                "S100 restartPolicy OnFailure",
                Box::new(|v| v["spec"]["template"]["spec"]["restartPolicy"] = json!("OnFailure")),
                vec!["spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"".into()],
            ),
            (
                "S101 empty selector",
                Box::new(|v| v["spec"]["selector"] = json!({})),
                vec!["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset".into()],
            ),
            (
                "S101 selector not matching the template",
                Box::new(|v| v["spec"]["selector"] = json!({"matchLabels": {"app": "y"}})),
                vec!["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`".into()],
            ),
            (
                "S101 no selector at all",
                Box::new(|v| {
                    v["spec"].as_object_mut().unwrap().remove("selector");
                }),
                vec!["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`".into()],
            ),
            (
                "S103 minReadySeconds -1 and revisionHistoryLimit -1",
                Box::new(|v| {
                    v["spec"]["minReadySeconds"] = json!(-1);
                    v["spec"]["revisionHistoryLimit"] = json!(-1);
                }),
                vec![
                    "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0".into(),
                    "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0".into(),
                ],
            ),
            (
                "S104 activeDeadlineSeconds",
                Box::new(|v| v["spec"]["template"]["spec"]["activeDeadlineSeconds"] = json!(30)),
                vec!["spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported".into()],
            ),
            (
                "S105 updateStrategy Foo",
                Box::new(|v| v["spec"]["updateStrategy"] = json!({"type": "Foo"})),
                vec!["spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:\"Foo\", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: \"RollingUpdate\", \"OnDelete\"".into()],
            ),
            (
                "S106 OnDelete with rollingUpdate maxUnavailable 0",
                Box::new(|v| v["spec"]["updateStrategy"] = json!({"type": "OnDelete", "rollingUpdate": {"maxUnavailable": 0}})),
                vec![],
            ),
            (
                "V12 bare numeric string is invalid but counts as 2 for V14",
                ru(json!({"maxUnavailable": "2", "maxSurge": 1})),
                vec![
                    format!("{RU}.maxUnavailable: Invalid value: \"2\": {PCT}"),
                    format!("{RU}.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"),
                ],
            ),
            ("surge mode is valid", ru(json!({"maxUnavailable": 0, "maxSurge": "10%"})), vec![]),
            ("100% is valid", ru(json!({"maxUnavailable": "100%"})), vec![]),
        ];
        for (name, patch, want) in cases {
            let ds = ds_with(patch);
            assert_eq!(msgs(&validate_daemonset(&ds)), want, "{name}");
        }
    }

    #[test]
    fn s102_selector_is_immutable() {
        let old = ds_with(|_| {});
        let new = ds_with(|v| {
            v["spec"]["selector"] = json!({"matchLabels": {"app": "x", "tier": "t"}});
            v["spec"]["template"]["metadata"]["labels"] = json!({"app": "x", "tier": "t"});
        });
        assert_eq!(
            msgs(&validate_daemonset_update(&old, &new)),
            vec!["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"x\", \"tier\":\"t\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"]
        );
        assert_eq!(
            invalid_message_of(&validate_daemonset_update(&old, &new)),
            "The DaemonSet \"x\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"x\", \"tier\":\"t\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"
        );
        // Changing only the template is fine.
        let new = ds_with(|v| {
            v["spec"]["template"]["spec"]["containers"][0]["image"] = json!("nginx:1.26")
        });
        assert_eq!(
            msgs(&validate_daemonset_update(&old, &new)),
            Vec::<String>::new()
        );
        // A selector change that also breaks the template labels reports both.
        let new = ds_with(|v| v["spec"]["selector"] = json!({"matchLabels": {"app": "y"}}));
        assert_eq!(
            msgs(&validate_daemonset_update(&old, &new)),
            vec![
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`",
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"y\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable",
            ]
        );
    }

    fn invalid_message_of(errs: &[FieldError]) -> String {
        super::super::field::invalid_message("DaemonSet", "x", errs)
    }

    #[test]
    fn selector_expressions() {
        let ds = ds_with(|v| {
            v["spec"]["selector"] = json!({"matchExpressions": [
                {"key": "app", "operator": "In", "values": ["x"]},
                {"key": "tier", "operator": "Exists", "values": ["a"]}
            ]})
        });
        assert_eq!(
            msgs(&validate_daemonset(&ds)),
            vec!["spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]
        );
        let ds = ds_with(|v| {
            v["spec"]["selector"] =
                json!({"matchExpressions": [{"key": "app", "operator": "In", "values": ["x"]}]})
        });
        assert_eq!(msgs(&validate_daemonset(&ds)), Vec::<String>::new());
        let ds = ds_with(|v| {
            v["spec"]["selector"] =
                json!({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["x"]}]})
        });
        assert_eq!(
            msgs(&validate_daemonset(&ds)),
            vec!["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\"}: `selector` does not match template `labels`"]
        );
    }

    #[test]
    fn metadata_and_template() {
        let ds = ds_with(|v| {
            v["metadata"]["name"] = json!("Fluentd");
            v["spec"]["template"]["spec"]["containers"] = json!([]);
        });
        assert_eq!(
            msgs(&validate_daemonset(&ds)),
            vec![
                "metadata.name: Invalid value: \"Fluentd\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.template.spec.containers: Required value",
            ]
        );
        let ds = ds_with(|v| {
            v["spec"]["template"]["spec"]["containers"][0]["image"] = json!("");
            v["spec"]["template"]["spec"]["tolerations"] =
                json!([{"key": "k", "operator": "Exists", "value": "v"}]);
        });
        assert_eq!(
            msgs(&validate_daemonset(&ds)),
            vec![
                "spec.template.spec.containers[0].image: Required value",
                "spec.template.spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
            ]
        );
        // Template labels are checked at spec.template.labels (upstream's path).
        let ds = ds_with(|v| {
            v["spec"]["selector"] = json!({"matchLabels": {"app": "x"}});
            v["spec"]["template"]["metadata"]["labels"] = json!({"app": "x", "bad key": "v"});
        });
        assert_eq!(
            msgs(&validate_daemonset(&ds)),
            vec!["spec.template.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]
        );
    }

    #[test]
    fn several_errors_message() {
        let ds = ds_with(|v| {
            v["spec"]["minReadySeconds"] = json!(-1);
            v["spec"]["template"]["spec"]["restartPolicy"] = json!("Never");
        });
        assert_eq!(
            super::super::field::invalid_message("DaemonSet", "x", &validate_daemonset(&ds)),
            "The DaemonSet \"x\" is invalid: \n* spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"\n* spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"
        );
        assert_eq!(
            super::super::field::status_message("DaemonSet.apps", "x", &validate_daemonset(&ds)),
            "DaemonSet.apps \"x\" is invalid: [spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\", spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0]"
        );
    }

    #[test]
    fn zero_ness() {
        let v = |s: &str| int_or_percent_value(&IntOrString::Str(s.into()));
        assert_eq!(v("0%"), 0);
        assert_eq!(v("5%"), 5);
        assert_eq!(v("2"), 2);
        assert_eq!(v("+2"), 2);
        assert_eq!(v("abc"), 0);
        assert_eq!(v("-5%"), 0);
        assert_eq!(v("99999999999999999999"), i64::MAX);
        assert_eq!(int_or_percent_value(&IntOrString::Int(-1)), -1);
    }
}
