//! Cases for the go-template printer; each expectation is what kubectl (Go's
//! text/template over the decoded object) prints.

use super::quote::quote;
use super::render;
use serde_json::{json, Value as Json};

fn ds(name: &str, image: &str) -> Json {
    json!({
        "apiVersion": "apps/v1",
        "kind": "DaemonSet",
        "metadata": {
            "name": name,
            "namespace": "kube-system",
            "labels": {"app.kubernetes.io/name": name, "tier": "logging"},
            "generation": 2,
            "creationTimestamp": null
        },
        "spec": {
            "revisionHistoryLimit": 10,
            "selector": {"matchLabels": {"name": name}},
            "template": {"spec": {"containers": [
                {"name": name, "image": image},
                {"name": "sidecar", "image": "busybox"}
            ]}},
            "updateStrategy": {
                "type": "RollingUpdate",
                "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}
            }
        },
        "status": {
            "desiredNumberScheduled": 3,
            "numberReady": 3,
            "ratio": 0.5,
            "big": 1000000.0,
            "mid": 100000.0
        }
    })
}

fn list() -> Json {
    json!({
        "apiVersion": "v1",
        "items": [ds("fluentd", "fluentd:v2"), ds("node-exporter", "prom/node-exporter")],
        "kind": "List",
        "metadata": {"resourceVersion": ""}
    })
}

fn ok(template: &str) -> String {
    render(template, &ds("fluentd", "fluentd:v2")).unwrap_or_else(|e| panic!("{template}: {e}"))
}

fn err(template: &str) -> String {
    match render(template, &ds("fluentd", "fluentd:v2")) {
        Ok(out) => panic!("{template}: expected an error, got {out:?}"),
        Err(e) => e,
    }
}

/// The error of an execution, without kubectl's `error executing template "…": ` prefix.
fn exec_err(template: &str) -> String {
    let e = err(template);
    let prefix = format!(
        "error: error executing template {}: ",
        quote(template, false)
    );
    e.strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("not an execution error: {e}"))
        .to_string()
}

/// The error of a parse, without kubectl's `error parsing template …, ` prefix.
fn parse_err(template: &str) -> String {
    let e = err(template);
    let prefix = format!("error: error parsing template {template}, ");
    e.strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("not a parse error: {e}"))
        .to_string()
}

#[test]
fn kubernetes_docs_examples() {
    assert_eq!(
        ok("{{.spec.updateStrategy.type}}{{\"\\n\"}}"),
        "RollingUpdate\n"
    );
    let names = render(
        "{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}",
        &list(),
    );
    assert_eq!(names.unwrap(), "fluentd\nnode-exporter\n");
    let template = "{{range .items}}{{.metadata.name}}{{\"\\t\"}}{{.status.numberReady}}/{{.status.desiredNumberScheduled}}{{\"\\n\"}}{{end}}";
    assert_eq!(
        render(template, &list()).unwrap(),
        "fluentd\t3/3\nnode-exporter\t3/3\n"
    );
    assert_eq!(render("{{len .items}}", &list()).unwrap(), "2");
}

#[test]
fn fields_index_and_missing_keys() {
    assert_eq!(
        ok("{{index .metadata.labels \"app.kubernetes.io/name\"}}"),
        "fluentd"
    );
    assert_eq!(
        ok("{{index .spec.template.spec.containers 0 \"image\"}}"),
        "fluentd:v2"
    );
    assert_eq!(
        ok("{{(index .spec.template.spec.containers 1).name}}"),
        "sidecar"
    );
    assert_eq!(ok("{{index \"abc\" 1}}"), "98");
    assert_eq!(ok("{{.spec.foo}}"), "<no value>");
    assert_eq!(ok("{{.spec.foo.bar}}"), "<no value>");
    assert_eq!(ok("{{index .metadata.labels \"nope\"}}"), "<no value>");
    // null is the nil interface: <no value> at an action, <nil> inside fmt.
    assert_eq!(ok("{{.metadata.creationTimestamp}}"), "<no value>");
    assert_eq!(ok("{{printf \"%v\" .spec.foo}}"), "<nil>");
    assert_eq!(ok("{{.spec.foo | printf \"%v\"}}"), "<nil>");
    assert_eq!(ok("{{print .spec.foo}}"), "<nil>");
    assert_eq!(
        ok("{{with .metadata}}{{$.kind}}/{{.name}}{{end}}"),
        "DaemonSet/fluentd"
    );
}

#[test]
fn len_and_comparisons() {
    assert_eq!(ok("{{len .metadata.labels}} {{len .metadata.name}}"), "2 7");
    assert_eq!(
        ok("{{if eq .spec.updateStrategy.type \"OnDelete\"}}a{{else}}b{{end}}"),
        "b"
    );
    assert_eq!(
        ok("{{if eq .spec.updateStrategy.type \"OnDelete\"}}a{{else if eq .spec.updateStrategy.type \"RollingUpdate\"}}b{{else}}c{{end}}"),
        "b"
    );
    assert_eq!(
        ok("{{if eq .spec.updateStrategy.type \"OnDelete\" \"RollingUpdate\"}}yes{{end}}"),
        "yes"
    );
    assert_eq!(
        ok("{{if eq .spec.revisionHistoryLimit 10}}ten{{end}}"),
        "ten"
    );
    assert_eq!(ok("{{if lt .status.ratio 0.75}}low{{end}}"), "low");
    assert_eq!(
        ok("{{gt .metadata.name \"a\"}} {{ne 1 2}} {{le 2 2}} {{ge 1 2}}"),
        "true true true false"
    );
    assert_eq!(ok("{{eq .spec.foo nil}}"), "true");
    assert_eq!(
        exec_err("{{eq .status.ratio 1}}"),
        "template: output:1:2: executing \"output\" at <eq .status.ratio 1>: error calling eq: incompatible types for comparison: float64 and int"
    );
    assert_eq!(
        exec_err("{{len .spec.foo}}"),
        "template: output:1:2: executing \"output\" at <len .spec.foo>: error calling len: reflect: call of reflect.Value.Type on zero Value"
    );
    assert!(exec_err("{{len .spec.revisionHistoryLimit}}")
        .ends_with("error calling len: len of type int64"));
    assert!(
        exec_err("{{lt true false}}").ends_with("error calling lt: invalid type for comparison")
    );
}

#[test]
fn logic_functions() {
    assert_eq!(ok("{{or .spec.foo \"default\"}}"), "default");
    assert_eq!(
        ok("{{and .metadata.name .spec.revisionHistoryLimit}}"),
        "10"
    );
    assert_eq!(ok("{{and 1 0 2}} {{or 0 \"\"}}"), "0 ");
    assert_eq!(ok("{{not .spec.foo}} {{not .metadata}}"), "true false");
}

#[test]
fn printf_verbs_and_widths() {
    assert_eq!(
        ok("{{printf \"%-10s|%5d|%05.1f|%x|%q|%t\" .metadata.name .spec.revisionHistoryLimit .status.ratio 255 .metadata.name true}}"),
        "fluentd   |   10|000.5|ff|\"fluentd\"|true"
    );
    assert_eq!(
        ok("{{printf \"%v|%6.2f|%e|%g\" .status.big .status.ratio .status.mid .status.mid}}"),
        "1e+06|  0.50|1.000000e+05|100000"
    );
    assert_eq!(
        ok("{{printf \"%+d|% d|%08.3f|%c|%U|%x|%X|%o|%b\" 5 5 -3.14159 65 128512 \"hi\" 255 8 5}}"),
        "+5| 5|-003.142|A|U+1F600|6869|FF|10|101"
    );
    assert_eq!(
        ok("{{printf \"%*d|%.2s|%5.1q\" 4 42 \"xyz\" \"héllo\"}}"),
        "  42|xy|  \"h\""
    );
    // After %[1]s the next operand is the second one, which is no width.
    assert_eq!(
        ok("{{printf \"%[2]s %[1]s|%*d|%.2s|%5.1q\" \"a\" \"b\" 4 42 \"xyz\"}}"),
        "b a|%!(BADWIDTH)4|%!s(int=42)|  \"x\""
    );
    assert_eq!(
        ok("{{printf \"%d %s\" \"x\" 3}}"),
        "%!d(string=x) %!s(int=3)"
    );
    assert_eq!(ok("{{printf \"%s %d\"}}"), "%!s(MISSING) %!d(MISSING)");
    assert_eq!(ok("{{printf \"a\" 1 \"b\"}}"), "a%!(EXTRA int=1, string=b)");
    assert_eq!(ok("{{printf \"100%% %z\" 1}}"), "100% %!z(int=1)");
    assert_eq!(
        ok("{{printf \"%T %T %T %T %T\" .metadata.labels .spec.template.spec.containers 1 .status.ratio .spec.foo}}"),
        "map[string]interface {} []interface {} int float64 <nil>"
    );
    assert_eq!(ok("{{printf \"%d\" .metadata.labels}}"), "map[%!d(string=app.kubernetes.io/name):%!d(string=fluentd) %!d(string=tier):%!d(string=logging)]");
    assert_eq!(ok("{{printf \"%#v\" .spec.updateStrategy}}"), "map[string]interface {}{\"rollingUpdate\":map[string]interface {}{\"maxSurge\":0, \"maxUnavailable\":1}, \"type\":\"RollingUpdate\"}");
    assert_eq!(
        ok("{{printf \"%.3g|%g|%g|%v\" 1234.5678 0.00001 1e21 -0.0}}"),
        "1.23e+03|1e-05|1e+21|-0"
    );
    assert_eq!(ok("{{.metadata.name | printf \"%q\"}}"), "\"fluentd\"");
}

#[test]
fn print_and_println() {
    assert_eq!(ok("{{print 1 2 \"a\" \"b\" 3}}"), "1 2ab3");
    assert_eq!(ok("{{println \"a\" 1}}"), "a 1\n");
}

#[test]
fn printing_values() {
    assert_eq!(
        ok("{{.metadata.labels}}"),
        "map[app.kubernetes.io/name:fluentd tier:logging]"
    );
    assert_eq!(
        ok("{{.spec.template.spec.containers}}"),
        "[map[image:fluentd:v2 name:fluentd] map[image:busybox name:sidecar]]"
    );
    assert_eq!(
        ok("{{.spec.updateStrategy}}"),
        "map[rollingUpdate:map[maxSurge:0 maxUnavailable:1] type:RollingUpdate]"
    );
    assert_eq!(
        ok("{{.status}}"),
        "map[big:1e+06 desiredNumberScheduled:3 mid:100000 numberReady:3 ratio:0.5]"
    );
    let data = json!({"a": [1, 2.5, null, true, "x", {"k": null}, []]});
    assert_eq!(
        render("{{.a}}", &data).unwrap(),
        "[1 2.5 <nil> true x map[k:<nil>] []]"
    );
    assert_eq!(
        ok("{{1.50}} {{1e3}} {{0x1F}} {{'a'}} {{\"\\u00e9\\t\"}} {{`raw\\n`}} {{true}} {{-5}} {{1_000}}"),
        "1.5 1000 31 97 é\t raw\\n true -5 1000"
    );
}

#[test]
fn trim_markers_and_comments() {
    assert_eq!(ok("a  {{- .metadata.name -}}  b"), "afluentdb");
    assert_eq!(
        ok("a {{/* note */}} b|a \n{{- /* note */ -}}\n b"),
        "a  b|ab"
    );
    let template = "{{range .items -}}\n  {{.metadata.name}}\n{{end}}";
    assert_eq!(
        render(template, &list()).unwrap(),
        "fluentd\nnode-exporter\n"
    );
    assert_eq!(ok("{{-3}}|{{- 3 -}}|"), "-3|3|");
}

#[test]
fn range_and_variables() {
    assert_eq!(
        ok("{{range $i, $c := .spec.template.spec.containers}}{{$i}}={{$c.name}} {{end}}"),
        "0=fluentd 1=sidecar "
    );
    assert_eq!(
        ok("{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}"),
        "app.kubernetes.io/name=fluentd;tier=logging;"
    );
    assert_eq!(
        ok("{{range $c := .spec.template.spec.containers}}{{$c.image}},{{end}}"),
        "fluentd:v2,busybox,"
    );
    assert_eq!(ok("{{range .spec.foo}}x{{else}}none{{end}}"), "none");
    assert_eq!(ok("{{range 3}}{{.}}{{end}}"), "012");
    assert_eq!(
        ok("{{range $i, $c := .spec.template.spec.containers}}{{if eq $i 1}}{{break}}{{end}}{{$c.name}}{{end}}"),
        "fluentd"
    );
    assert_eq!(
        ok("{{range $i, $c := .spec.template.spec.containers}}{{if eq $i 0}}{{continue}}{{end}}{{$c.name}}{{end}}"),
        "sidecar"
    );
    assert_eq!(
        ok("{{$n := .metadata.name}}{{$n}}-{{$n = \"x\"}}{{$n}}"),
        "fluentd-x"
    );
    assert_eq!(
        ok("{{$x := 1}}{{if true}}{{$x = 2}}{{$y := 3}}{{end}}{{$x}}"),
        "2"
    );
    assert_eq!(
        ok("{{with .spec.foo}}x{{else with .kind}}{{.}}{{end}}"),
        "DaemonSet"
    );
}

#[test]
fn templates_and_blocks() {
    assert_eq!(
        ok("{{define \"T\"}}<{{.}}>{{end}}{{template \"T\" .metadata.name}}"),
        "<fluentd>"
    );
    assert_eq!(ok("{{block \"B\" .kind}}[{{.}}]{{end}}"), "[DaemonSet]");
    assert_eq!(
        exec_err("{{template \"nope\"}}"),
        "template: output:1:11: executing \"output\" at <{{template \"nope\"}}>: template \"nope\" not defined"
    );
    let recursive = exec_err("{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}");
    assert_eq!(
        recursive,
        "template: output:1:25: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template depth (100)"
    );
}

#[test]
fn escaping_functions() {
    assert_eq!(
        ok("{{html \"<a href='x'>&</a>\"}}"),
        "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
    );
    assert_eq!(ok("{{js \"it's <b>\"}}"), "it\\'s \\u003Cb\\u003E");
    assert_eq!(ok("{{urlquery \"a b&c=d/é\"}}"), "a+b%26c%3Dd%2F%C3%A9");
    assert_eq!(ok("{{html .spec.foo}}"), "&lt;no value&gt;");
}

#[test]
fn kubectl_functions() {
    assert_eq!(ok("{{base64decode \"aGVsbG8=\"}}"), "hello");
    assert_eq!(
        exec_err("{{\"aGVsbG8\" | base64decode}}"),
        "template: output:1:14: executing \"output\" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 4"
    );
    assert_eq!(
        exec_err("{{base64decode .spec.foo}}"),
        "template: output:1:20: executing \"output\" at <.spec.foo>: invalid value; expected string"
    );
    assert_eq!(
        ok("{{exists . \"metadata\" \"labels\" \"tier\"}} {{exists . \"metadata\" \"nope\"}}"),
        "true false"
    );
    assert_eq!(ok("{{exists .metadata \"creationTimestamp\"}}"), "false");
    assert_eq!(
        ok("{{exists .spec.template.spec.containers 1}} {{exists .spec.template.spec.containers 5}}"),
        "true false"
    );
}

#[test]
fn parse_errors() {
    assert_eq!(
        err("{{.spec.foo"),
        "error: error parsing template {{.spec.foo, template: output:1: unclosed action"
    );
    assert_eq!(
        parse_err("{{.spec.foo}"),
        "template: output:1: bad character U+007D '}'"
    );
    assert_eq!(
        parse_err("{{.metadata.labels.app-name}}"),
        "template: output:1: bad character U+002D '-'"
    );
    assert_eq!(
        parse_err("{{if .a}}x"),
        "template: output:1: unexpected EOF"
    );
    assert_eq!(
        parse_err("{{end}}"),
        "template: output:1: unexpected {{end}}"
    );
    assert_eq!(
        parse_err("{{nope .a}}"),
        "template: output:1: function \"nope\" not defined"
    );
    assert_eq!(
        parse_err("{{$x}}"),
        "template: output:1: undefined variable \"$x\""
    );
    assert_eq!(
        parse_err("{{break}}"),
        "template: output:1: {{break}} outside {{range}}"
    );
    assert_eq!(
        parse_err("{{.a\n\n"),
        "template: output:3: unclosed action started at output:1"
    );
    assert_eq!(
        parse_err("x\n{{if .a}}\n{{.b"),
        "template: output:3: unclosed action"
    );
    assert_eq!(
        parse_err("{{printf \"%d\" (len .items}}"),
        "template: output:1: unclosed left paren"
    );
    assert_eq!(
        parse_err("{{.a | \"x\"}}"),
        "template: output:1: non executable command in pipeline stage 2"
    );
    assert_eq!(
        parse_err("{{if}}{{end}}"),
        "template: output:1: missing value for if"
    );
    assert_eq!(
        parse_err("{{range $i, $e, $f := .items}}{{end}}"),
        "template: output:1: too many declarations in range"
    );
    assert_eq!(
        parse_err("{{\"abc}}"),
        "template: output:1: unterminated quoted string"
    );
    assert_eq!(
        parse_err("{{/* x }}"),
        "template: output:1: unclosed comment"
    );
    assert_eq!(
        parse_err("{{3x}}"),
        "template: output:1: bad number syntax: \"3x\""
    );
    assert_eq!(
        parse_err("{{.a.b 1 | (}}"),
        "template: output:1: unclosed left paren"
    );
    assert_eq!(
        parse_err("{{if .a}}{{else}}{{else}}{{end}}"),
        "template: output:1: expected end; found {{else}}"
    );
    assert_eq!(
        parse_err("{{with 1}}{{define \"x\"}}{{end}}{{end}}"),
        "template: output:1: unexpected <define> in command"
    );
}

#[test]
fn execution_errors() {
    assert_eq!(
        exec_err("{{.metadata.name.foo}}"),
        "template: output:1:11: executing \"output\" at <.metadata.name.foo>: can't evaluate field foo in type interface {}"
    );
    assert_eq!(
        exec_err("{{with .metadata.name}}{{.foo}}{{end}}"),
        "template: output:1:25: executing \"output\" at <.foo>: can't evaluate field foo in type string"
    );
    assert_eq!(
        exec_err("{{$x := .metadata.name}}{{$x.foo}}"),
        "template: output:1:28: executing \"output\" at <$x.foo>: can't evaluate field foo in type string"
    );
    assert_eq!(
        exec_err("{{.metadata.creationTimestamp.seconds}}"),
        "template: output:1:11: executing \"output\" at <.metadata.creationTimestamp.seconds>: nil pointer evaluating interface {}.seconds"
    );
    assert_eq!(
        exec_err("x\n{{.metadata.name.foo}}"),
        "template: output:2:11: executing \"output\" at <.metadata.name.foo>: can't evaluate field foo in type interface {}"
    );
    let data = json!({"a": [1, 2, 3]});
    assert_eq!(
        render("{{index .a 5}}", &data).unwrap_err(),
        "error: error executing template \"{{index .a 5}}\": template: output:1:2: executing \"output\" at <index .a 5>: error calling index: index out of range: 5"
    );
    assert!(render("{{index .a 3}}", &data)
        .unwrap_err()
        .ends_with("error calling index: reflect: slice index out of range"));
    assert!(
        exec_err("{{range .metadata.name}}{{end}}").ends_with("range can't iterate over fluentd")
    );
    assert!(exec_err("{{nil}}").ends_with("nil is not a command"));
    assert!(exec_err("{{.metadata.name 1}}").ends_with("name is not a method but has arguments"));
    assert!(exec_err("{{\"x\" 1}}").ends_with("can't give argument to non-function \"x\""));
    assert!(
        exec_err("{{index}}").ends_with("wrong number of args for index: want at least 1 got 0")
    );
    assert!(exec_err("{{printf 3}}").ends_with("expected string; found 3"));
}

#[test]
fn limits() {
    assert!(exec_err("{{range 100000000}}{{end}}").contains("steps"));
    let parens = format!("{{{{{}1{}}}}}", "(".repeat(150), ")".repeat(150));
    assert_eq!(
        parse_err(&parens),
        "template: output:1: max expression depth exceeded"
    );
    let ifs = format!("{}x{}", "{{if 1}}".repeat(150), "{{end}}".repeat(150));
    assert_eq!(
        parse_err(&ifs),
        "template: output:1: max nesting depth exceeded"
    );
    let big = exec_err("{{range 20}}{{printf \"%1000000d\" 1}}{{end}}");
    assert!(big.ends_with("output exceeds 16 MiB"), "{big}");
}

#[test]
fn never_panics_on_truncated_or_odd_templates() {
    let samples = [
        "{{range $i, $c := .spec.template.spec.containers}}{{if eq $i 1}}{{break}}{{end}}{{printf \"%-5.2q|%[2]*d\" $c.name 3 4}}{{end}}",
        "{{define \"t\"}}{{block \"b\" .}}{{with $x := index . \"kind\"}}{{$x | html | js}}{{end}}{{end}}{{end}}{{template \"t\" .}}",
        "{{- /* c */ -}}{{'\\x41'}}{{\"\\u00e9\\377\"}}{{`a\rb`}}{{0x1p-2}}{{1i}}{{(.).a}}{{slice .metadata.name 1 3}}",
        "{{printf \"%[0]d %[9]s %.*f %*s %! %\" 1 -2 3.5}}{{exists nil}}{{call .x}}{{len nil}}",
        "\u{0}{{\u{1}}}{{é}}{{.é}}{{$€}}{{#}}{{)}}",
    ];
    let data = ds("fluentd", "fluentd:v2");
    for sample in samples {
        for (at, _) in sample.char_indices() {
            let _ = render(&sample[..at], &data);
        }
        let _ = render(sample, &data);
        let _ = render(sample, &json!(null));
        let _ = render(sample, &json!([1, "a"]));
    }
}
