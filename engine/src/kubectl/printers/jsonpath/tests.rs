//! Cases after client-go's `jsonpath_test.go`, with kubectl's missing keys allowed.

use super::{execute, parse, values};
use serde_json::{json, Value as Json};

fn store() -> Json {
    json!({
        "kind": "List",
        "items": [
            {"metadata": {"name": "pod-a", "labels": {"app.kubernetes.io/name": "agent"}},
             "spec": {"nodeName": "node-1", "containers": [{"image": "a:1"}, {"image": "b:1"}]},
             "status": {"phase": "Running", "restarts": 0}},
            {"metadata": {"name": "pod-b"},
             "spec": {"nodeName": "node-2", "containers": [{"image": "a:2"}]},
             "status": {"phase": "Pending", "restarts": 3}},
            {"metadata": {"name": "pod-c"},
             "spec": {"containers": []},
             "status": {"phase": "Running", "restarts": 12}}
        ]
    })
}

fn run(template: &str) -> Result<String, String> {
    execute(&parse(template)?, &store())
}

fn ok(template: &str) -> String {
    run(template).unwrap_or_else(|e| panic!("{template}: {e}"))
}

#[test]
fn fields_wildcards_and_text() {
    assert_eq!(ok("{.kind}"), "List");
    assert_eq!(ok("kind: {.kind}!"), "kind: List!");
    assert_eq!(ok("{.items[*].metadata.name}"), "pod-a pod-b pod-c");
    assert_eq!(ok("{$.items[*].spec.nodeName}"), "node-1 node-2");
    assert_eq!(ok("{.items[0].spec.containers[*].image}"), "a:1 b:1");
    assert_eq!(ok("{.items[*].status.restarts}"), "0 3 12");
    assert_eq!(ok(r#"{.kind}{"\n"}"#), "List\n");
}

#[test]
fn missing_keys_print_nothing() {
    assert_eq!(ok("{.nope}"), "");
    assert_eq!(ok("[{.items[0].metadata.nope.deeper}]"), "[]");
    assert_eq!(ok("{.items[*].metadata.labels.app}"), "");
}

#[test]
fn indexes_and_slices() {
    assert_eq!(ok("{.items[-1].metadata.name}"), "pod-c");
    assert_eq!(ok("{.items[0:2].metadata.name}"), "pod-a pod-b");
    assert_eq!(ok("{.items[1:].metadata.name}"), "pod-b pod-c");
    assert_eq!(ok("{.items[::2].metadata.name}"), "pod-a pod-c");
    assert_eq!(ok("{.items[0,2].metadata.name}"), "pod-a pod-c");
    assert_eq!(
        run("{.items[5]}").unwrap_err(),
        "array index out of bounds: index 5, length 3"
    );
    assert_eq!(
        run("{.kind[0]}").unwrap_err(),
        "string is not array or slice"
    );
}

#[test]
fn escaped_dots_and_quoted_keys() {
    assert_eq!(
        ok(r"{.items[0].metadata.labels.app\.kubernetes\.io/name}"),
        "agent"
    );
    assert_eq!(ok("{.items[0].metadata['name']}"), "pod-a");
}

#[test]
fn filters_compare_and_test_existence() {
    assert_eq!(
        ok(r#"{.items[?(@.status.phase=="Running")].metadata.name}"#),
        "pod-a pod-c"
    );
    assert_eq!(
        ok("{.items[?(@.status.restarts > 2)].metadata.name}"),
        "pod-b pod-c"
    );
    assert_eq!(
        ok("{.items[?(@.spec.nodeName)].metadata.name}"),
        "pod-a pod-b"
    );
    assert_eq!(
        ok(r#"{.items[?(@.spec.nodeName != "node-1")].metadata.name}"#),
        "pod-b"
    );
    assert_eq!(
        run(r#"{.items[?(@.status.restarts == "3")].metadata.name}"#).unwrap_err(),
        "incompatible types for comparison"
    );
}

#[test]
fn range_repeats_its_body_for_each_value() {
    assert_eq!(
        ok(r#"{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}"#),
        "pod-a\tRunning\npod-b\tPending\npod-c\tRunning\n"
    );
    assert_eq!(
        ok(r#"{range .items[*]}[{range .spec.containers[*]}{.image};{end}]{end}"#),
        "[a:1;b:1;][a:2;][]"
    );
    assert_eq!(ok("{range .nope[*]}x{end}after"), "after");
    assert_eq!(run("{end}").unwrap_err(), "not in range, nothing to end");
}

#[test]
fn maps_and_lists_print_as_compact_json() {
    assert_eq!(
        ok("{.items[0].spec.containers}"),
        r#"[{"image":"a:1"},{"image":"b:1"}]"#
    );
    let data = json!({"m": {"b": "<x&y>", "a": [1, 2.5, true, null]}});
    assert_eq!(
        execute(&parse("{.m}").unwrap(), &data).unwrap(),
        r#"{"a":[1,2.5,true,null],"b":"\u003cx\u0026y\u003e"}"#
    );
}

#[test]
fn recursive_descent_finds_every_level() {
    assert_eq!(ok("{..nodeName}"), "node-1 node-2");
    assert_eq!(ok("{.items[0]..image}"), "a:1 b:1");
}

#[test]
fn parse_errors_are_client_go_s() {
    assert_eq!(parse("{.kind").unwrap_err(), "unclosed action");
    assert_eq!(
        parse("{#}").unwrap_err(),
        "unrecognized character in action: U+0023 '#'"
    );
    assert_eq!(parse("{.items[x]}").unwrap_err(), "invalid array index x");
    assert_eq!(parse("{foo}").unwrap_err(), "unrecognized identifier foo");
}

#[test]
fn values_are_every_result_of_every_action() {
    let t = parse("{.items[*].metadata.name}").unwrap();
    let v = values(&t, &store()).unwrap();
    assert_eq!(v, vec![json!("pod-a"), json!("pod-b"), json!("pod-c")]);
}

#[test]
fn hostile_templates_end_in_errors() {
    let deep = format!("{{.a{}}}", "[0]".repeat(10_000));
    assert!(run(&deep).is_ok());
    let nested = format!("{{{}}}", "[".repeat(100) + &"]".repeat(100));
    assert!(run(&nested).is_err());
    // Ranges over every value below every value below …: a deep tree makes that
    // exponential, and the evaluation stops.
    fn tree(depth: usize) -> Json {
        if depth == 0 {
            return json!(1);
        }
        json!({"l": tree(depth - 1), "r": tree(depth - 1)})
    }
    let ranges = "{range ..*}".repeat(8) + "x" + &"{end}".repeat(8);
    assert_eq!(
        execute(&parse(&ranges).unwrap(), &tree(14)).unwrap_err(),
        "template is too expensive to evaluate"
    );
}
