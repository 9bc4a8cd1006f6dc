//! YAML and JSON printers against real `kubectl label --local -f <file> zz=1 -o yaml|json`
//! (kubectl v1.32) output, pasted here. Inputs carry the `zz` label kubectl adds.

use super::{to_json_pretty, to_yaml};

#[test]
fn yaml_tricky_strings() {
    let v: serde_json::Value = serde_json::from_str(r######"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "t", "annotations": {"e": "", "t": "true", "f": "false", "fl": "1.0", "oct": "0755", "colon": ":", "hash": "#", "dash": "- x", "lead": " lead", "trail": "trail ", "multi": "a\nb", "multi2": "a\nb\n", "uni": "héllo ✓", "null": "null", "tilde": "~", "yes": "yes", "no": "no", "on": "on", "off": "off", "y": "y", "n": "n", "Y": "Y", "num": "123", "neg": "-5", "exp": "1e3", "hex": "0x1F", "inf": ".inf", "nan": ".nan", "star": "*a", "amp": "&a", "bang": "!a", "pct": "%a", "at": "@a", "bt": "`a", "q": "'a", "dq": "\"a", "brace": "{a}", "brack": "[a]", "comma": "a,b", "cs": "a: b", "hs": "a #b", "qm": "? a", "pipe": "|", "gt": ">", "tab": "a\tb", "date": "2025-01-01", "ts": "2025-01-01T00:00:00Z", "dot": ".", "ver": "1.2.3", "under": "1_000", "plus": "+1", "colonend": "a:", "long": "aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa", "ctrl": "a\u0001b", "bom": "﻿a", "nel": "ab", "bs": "a\\b", "eq": "=", "lt": "<none>", "Null": "Null", "NULL": "NULL", "True": "True", "TRUE": "TRUE", "yEs": "yEs", "Off": "Off", "dotnum": ".5", "numdot": "5.", "sp": " ", "trailnl": "abc\n", "leadnl": "\nabc", "crlf": "a\r\nb", "spnl": "a \nb", "0o": "0o17", "bin": "0b101", "sexa": "1:20", "ddash": "---", "dots": "..."}, "labels": {"zz": "1"}}, "data": {"k": "v"}, "x": {"emptymap": {}, "emptylist": [], "nul": null, "int": 5, "float": 1.5, "float1": 1.0, "nested": [{"a": 1, "b": [1, 2]}, [3, 4], []], "bool": true, "sci": 1e+21, "small": 1e-06, "neg": -0.0}}"######).unwrap();
    let want = r######"apiVersion: v1
data:
  k: v
kind: ConfigMap
metadata:
  annotations:
    0o: "0o17"
    "NULL": "NULL"
    "Null": "Null"
    "Off": "Off"
    "TRUE": "TRUE"
    "True": "True"
    "Y": "Y"
    amp: '&a'
    at: '@a'
    bang: '!a'
    bin: "0b101"
    bom: "\uFEFF\x61"
    brace: '{a}'
    brack: '[a]'
    bs: a\b
    bt: '`a'
    colon: ':'
    colonend: 'a:'
    comma: a,b
    crlf: "a\r\nb"
    cs: 'a: b'
    ctrl: "a\x01b"
    dash: '- x'
    date: "2025-01-01"
    ddash: '---'
    dot: .
    dotnum: ".5"
    dots: '...'
    dq: '"a'
    e: ""
    eq: =
    exp: "1e3"
    f: "false"
    fl: "1.0"
    gt: '>'
    hash: '#'
    hex: "0x1F"
    hs: 'a #b'
    inf: ".inf"
    lead: ' lead'
    leadnl: |2-

      abc
    long: aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa
      aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa
    lt: <none>
    multi: |-
      a
      b
    multi2: |
      a
      b
    "n": "n"
    nan: ".nan"
    neg: "-5"
    nel: a b
    "no": "no"
    "null": "null"
    num: "123"
    numdot: "5."
    oct: "0755"
    "off": "off"
    "on": "on"
    pct: '%a'
    pipe: '|'
    plus: "+1"
    q: '''a'
    qm: '? a'
    sexa: "1:20"
    sp: ' '
    spnl: "a \nb"
    star: '*a'
    t: "true"
    tab: "a\tb"
    tilde: "~"
    trail: 'trail '
    trailnl: |
      abc
    ts: "2025-01-01T00:00:00Z"
    under: "1_000"
    uni: héllo ✓
    ver: 1.2.3
    "y": "y"
    yEs: yEs
    "yes": "yes"
  labels:
    zz: "1"
  name: t
x:
  bool: true
  emptylist: []
  emptymap: {}
  float: 1.5
  float1: 1
  int: 5
  neg: 0
  nested:
  - a: 1
    b:
    - 1
    - 2
  - - 3
    - 4
  - []
  nul: null
  sci: 1e+21
  small: 1e-06
"######;
    assert_eq!(to_yaml(&v), want);
}

#[test]
fn json_tricky_strings() {
    let v: serde_json::Value = serde_json::from_str(r######"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "t", "annotations": {"e": "", "t": "true", "f": "false", "fl": "1.0", "oct": "0755", "colon": ":", "hash": "#", "dash": "- x", "lead": " lead", "trail": "trail ", "multi": "a\nb", "multi2": "a\nb\n", "uni": "héllo ✓", "null": "null", "tilde": "~", "yes": "yes", "no": "no", "on": "on", "off": "off", "y": "y", "n": "n", "Y": "Y", "num": "123", "neg": "-5", "exp": "1e3", "hex": "0x1F", "inf": ".inf", "nan": ".nan", "star": "*a", "amp": "&a", "bang": "!a", "pct": "%a", "at": "@a", "bt": "`a", "q": "'a", "dq": "\"a", "brace": "{a}", "brack": "[a]", "comma": "a,b", "cs": "a: b", "hs": "a #b", "qm": "? a", "pipe": "|", "gt": ">", "tab": "a\tb", "date": "2025-01-01", "ts": "2025-01-01T00:00:00Z", "dot": ".", "ver": "1.2.3", "under": "1_000", "plus": "+1", "colonend": "a:", "long": "aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa", "ctrl": "a\u0001b", "bom": "﻿a", "nel": "ab", "bs": "a\\b", "eq": "=", "lt": "<none>", "Null": "Null", "NULL": "NULL", "True": "True", "TRUE": "TRUE", "yEs": "yEs", "Off": "Off", "dotnum": ".5", "numdot": "5.", "sp": " ", "trailnl": "abc\n", "leadnl": "\nabc", "crlf": "a\r\nb", "spnl": "a \nb", "0o": "0o17", "bin": "0b101", "sexa": "1:20", "ddash": "---", "dots": "..."}, "labels": {"zz": "1"}}, "data": {"k": "v"}, "x": {"emptymap": {}, "emptylist": [], "nul": null, "int": 5, "float": 1.5, "float1": 1.0, "nested": [{"a": 1, "b": [1, 2]}, [3, 4], []], "bool": true, "sci": 1e+21, "small": 1e-06, "neg": -0.0}}"######).unwrap();
    let want = r######"{
    "apiVersion": "v1",
    "data": {
        "k": "v"
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "0o": "0o17",
            "NULL": "NULL",
            "Null": "Null",
            "Off": "Off",
            "TRUE": "TRUE",
            "True": "True",
            "Y": "Y",
            "amp": "\u0026a",
            "at": "@a",
            "bang": "!a",
            "bin": "0b101",
            "bom": "﻿a",
            "brace": "{a}",
            "brack": "[a]",
            "bs": "a\\b",
            "bt": "`a",
            "colon": ":",
            "colonend": "a:",
            "comma": "a,b",
            "crlf": "a\r\nb",
            "cs": "a: b",
            "ctrl": "a\u0001b",
            "dash": "- x",
            "date": "2025-01-01",
            "ddash": "---",
            "dot": ".",
            "dotnum": ".5",
            "dots": "...",
            "dq": "\"a",
            "e": "",
            "eq": "=",
            "exp": "1e3",
            "f": "false",
            "fl": "1.0",
            "gt": "\u003e",
            "hash": "#",
            "hex": "0x1F",
            "hs": "a #b",
            "inf": ".inf",
            "lead": " lead",
            "leadnl": "\nabc",
            "long": "aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa",
            "lt": "\u003cnone\u003e",
            "multi": "a\nb",
            "multi2": "a\nb\n",
            "n": "n",
            "nan": ".nan",
            "neg": "-5",
            "nel": "ab",
            "no": "no",
            "null": "null",
            "num": "123",
            "numdot": "5.",
            "oct": "0755",
            "off": "off",
            "on": "on",
            "pct": "%a",
            "pipe": "|",
            "plus": "+1",
            "q": "'a",
            "qm": "? a",
            "sexa": "1:20",
            "sp": " ",
            "spnl": "a \nb",
            "star": "*a",
            "t": "true",
            "tab": "a\tb",
            "tilde": "~",
            "trail": "trail ",
            "trailnl": "abc\n",
            "ts": "2025-01-01T00:00:00Z",
            "under": "1_000",
            "uni": "héllo ✓",
            "ver": "1.2.3",
            "y": "y",
            "yEs": "yEs",
            "yes": "yes"
        },
        "labels": {
            "zz": "1"
        },
        "name": "t"
    },
    "x": {
        "bool": true,
        "emptylist": [],
        "emptymap": {},
        "float": 1.5,
        "float1": 1,
        "int": 5,
        "neg": -0,
        "nested": [
            {
                "a": 1,
                "b": [
                    1,
                    2
                ]
            },
            [
                3,
                4
            ],
            []
        ],
        "nul": null,
        "sci": 1e+21,
        "small": 0.000001
    }
}
"######;
    assert_eq!(to_json_pretty(&v), want);
}

#[test]
fn yaml_folding_and_escapes() {
    let v: serde_json::Value = serde_json::from_str(r######"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "t", "annotations": {"emoji": "a😀b", "ls": "a b", "lsn": "a b\n", "nel2": "a  b", "nel3": "ab", "longsq": "- bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb", "longdq": "\tccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc", "longdq2": "\tccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc", "nospace": "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", "lit": "x\neeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee\n", "bsl": "\b\f\u001f<>&", "sortA": "", "sort_b": "", "sort-c": "", "sort.d": "", "sort9": "", "sort10": "", "sort010": "", "sortB": "", "sortÄ": "", "plus": "|+x", "trailsp": "a\n b\n", "trailnl2": "a\n\n", "tabonly": "\t", "colonsp": "a:b", "hashnosp": "a#b", "qmark": "?x", "dashx": "-x", "dquote": "a\"b", "squote": "a'b", "at2": "a@b", "percent": "a%", "lt": "<<"}, "labels": {"zz": "1"}}, "x": {"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": "v", "kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk ": "w", "f": 1234567.5, "g": 1e-07, "h": 123456789012.25, "i": 0.1, "j": 1e+20, "k": 1.5e+300, "zz": "a\n\n"}}"######).unwrap();
    let want = r######"apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    at2: a@b
    bsl: "\b\f\x1F<>&"
    colonsp: a:b
    dashx: -x
    dquote: a"b
    emoji: "a\U0001F600b"
    hashnosp: a#b
    lit: |
      x
      eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee
    longdq: "\tccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc
      ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc"
    longdq2: "\tccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc
      \ ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc"
    longsq: '- bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb
      bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb'
    ls: 'a       b'
    lsn: |
      a       b
    lt: <<
    nel2: a b
    nel3: |-
      a
      b
    nospace: dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd
    percent: a%
    plus: '|+x'
    qmark: ?x
    sort-c: ""
    sort.d: ""
    sort_b: ""
    sort9: ""
    sort10: ""
    sort010: ""
    sortA: ""
    sortB: ""
    sortÄ: ""
    squote: a'b
    tabonly: "\t"
    trailnl2: |+
      a

    trailsp: |
      a
       b
  labels:
    zz: "1"
  name: t
x:
  f: 1.2345675e+06
  g: 1e-07
  h: 1.2345678901225e+11
  i: 0.1
  j: 1e+20
  k: 1.5e+300
  ? 'kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk
    kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk '
  : w
  ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
  : v
  zz: |+
    a

"######;
    assert_eq!(to_yaml(&v), want);
}

#[test]
fn json_folding_and_escapes() {
    let v: serde_json::Value = serde_json::from_str(r######"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "t", "annotations": {"emoji": "a😀b", "ls": "a b", "lsn": "a b\n", "nel2": "a  b", "nel3": "ab", "longsq": "- bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb", "longdq": "\tccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc", "longdq2": "\tccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc", "nospace": "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd", "lit": "x\neeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee\n", "bsl": "\b\f\u001f<>&", "sortA": "", "sort_b": "", "sort-c": "", "sort.d": "", "sort9": "", "sort10": "", "sort010": "", "sortB": "", "sortÄ": "", "plus": "|+x", "trailsp": "a\n b\n", "trailnl2": "a\n\n", "tabonly": "\t", "colonsp": "a:b", "hashnosp": "a#b", "qmark": "?x", "dashx": "-x", "dquote": "a\"b", "squote": "a'b", "at2": "a@b", "percent": "a%", "lt": "<<"}, "labels": {"zz": "1"}}, "x": {"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": "v", "kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk ": "w", "f": 1234567.5, "g": 1e-07, "h": 123456789012.25, "i": 0.1, "j": 1e+20, "k": 1.5e+300, "zz": "a\n\n"}}"######).unwrap();
    let want = r######"{
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "at2": "a@b",
            "bsl": "\b\f\u001f\u003c\u003e\u0026",
            "colonsp": "a:b",
            "dashx": "-x",
            "dquote": "a\"b",
            "emoji": "a😀b",
            "hashnosp": "a#b",
            "lit": "x\neeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee eeeeeeeee\n",
            "longdq": "\tccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc ccccccccc",
            "longdq2": "\tccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc  ccccccccc",
            "longsq": "- bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb bbbbbbbbb",
            "ls": "a\u2028b",
            "lsn": "a\u2028b\n",
            "lt": "\u003c\u003c",
            "nel2": "a  b",
            "nel3": "ab",
            "nospace": "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
            "percent": "a%",
            "plus": "|+x",
            "qmark": "?x",
            "sort-c": "",
            "sort.d": "",
            "sort010": "",
            "sort10": "",
            "sort9": "",
            "sortA": "",
            "sortB": "",
            "sort_b": "",
            "sortÄ": "",
            "squote": "a'b",
            "tabonly": "\t",
            "trailnl2": "a\n\n",
            "trailsp": "a\n b\n"
        },
        "labels": {
            "zz": "1"
        },
        "name": "t"
    },
    "x": {
        "f": 1234567.5,
        "g": 1e-7,
        "h": 123456789012.25,
        "i": 0.1,
        "j": 100000000000000000000,
        "k": 1.5e+300,
        "kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk kk ": "w",
        "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": "v",
        "zz": "a\n\n"
    }
}
"######;
    assert_eq!(to_json_pretty(&v), want);
}

#[test]
fn yaml_nested() {
    let v: serde_json::Value = serde_json::from_str(r######"{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "fluentd", "namespace": "kube-system", "labels": {"zz": "1"}}, "spec": {"selector": {"matchLabels": {"app": "fluentd"}}, "template": {"metadata": {"labels": {"app": "fluentd"}}, "spec": {"containers": [{"name": "fluentd", "image": "fluentd:v1", "args": ["-c", "/etc/fluentd.conf", "--flag=yes"], "command": [], "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "line1\nline2\n"}, {"name": "C", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}], "resources": {"limits": {"memory": "200Mi"}, "requests": {"cpu": "100m", "memory": "200Mi"}}, "ports": [{"containerPort": 24224, "hostPort": 24224}]}], "tolerations": [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}], "volumes": [{"name": "varlog", "hostPath": {"path": "/var/log"}}, {"name": "e", "emptyDir": {}}], "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "disk", "operator": "In", "values": ["ssd", "nvme"]}]}]}}}}}}, "x": {"lists": [[], {}, [[1, [2, []]], {"a": {}}], "- item", "multi\nline", "  lead", null, true, 3.25], "": "empty key", "yes": 1, "1": "one", "a: b": "c", "-x": "d", "key with spaces": "v", "#h": "h"}}"######).unwrap();
    let want = r######"apiVersion: apps/v1
kind: DaemonSet
metadata:
  labels:
    zz: "1"
  name: fluentd
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: fluentd
  template:
    metadata:
      labels:
        app: fluentd
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: disk
                operator: In
                values:
                - ssd
                - nvme
      containers:
      - args:
        - -c
        - /etc/fluentd.conf
        - --flag=yes
        command: []
        env:
        - name: A
          value: "1"
        - name: B
          value: |
            line1
            line2
        - name: C
          valueFrom:
            fieldRef:
              fieldPath: spec.nodeName
        image: fluentd:v1
        name: fluentd
        ports:
        - containerPort: 24224
          hostPort: 24224
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
      tolerations:
      - effect: NoSchedule
        key: node-role.kubernetes.io/control-plane
        operator: Exists
      volumes:
      - hostPath:
          path: /var/log
        name: varlog
      - emptyDir: {}
        name: e
x:
  "": empty key
  '#h': h
  -x: d
  "1": one
  'a: b': c
  key with spaces: v
  lists:
  - []
  - {}
  - - - 1
      - - 2
        - []
    - a: {}
  - '- item'
  - |-
    multi
    line
  - '  lead'
  - null
  - true
  - 3.25
  "yes": 1
"######;
    assert_eq!(to_yaml(&v), want);
}

#[test]
fn json_nested() {
    let v: serde_json::Value = serde_json::from_str(r######"{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "fluentd", "namespace": "kube-system", "labels": {"zz": "1"}}, "spec": {"selector": {"matchLabels": {"app": "fluentd"}}, "template": {"metadata": {"labels": {"app": "fluentd"}}, "spec": {"containers": [{"name": "fluentd", "image": "fluentd:v1", "args": ["-c", "/etc/fluentd.conf", "--flag=yes"], "command": [], "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "line1\nline2\n"}, {"name": "C", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}], "resources": {"limits": {"memory": "200Mi"}, "requests": {"cpu": "100m", "memory": "200Mi"}}, "ports": [{"containerPort": 24224, "hostPort": 24224}]}], "tolerations": [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}], "volumes": [{"name": "varlog", "hostPath": {"path": "/var/log"}}, {"name": "e", "emptyDir": {}}], "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "disk", "operator": "In", "values": ["ssd", "nvme"]}]}]}}}}}}, "x": {"lists": [[], {}, [[1, [2, []]], {"a": {}}], "- item", "multi\nline", "  lead", null, true, 3.25], "": "empty key", "yes": 1, "1": "one", "a: b": "c", "-x": "d", "key with spaces": "v", "#h": "h"}}"######).unwrap();
    let want = r######"{
    "apiVersion": "apps/v1",
    "kind": "DaemonSet",
    "metadata": {
        "labels": {
            "zz": "1"
        },
        "name": "fluentd",
        "namespace": "kube-system"
    },
    "spec": {
        "selector": {
            "matchLabels": {
                "app": "fluentd"
            }
        },
        "template": {
            "metadata": {
                "labels": {
                    "app": "fluentd"
                }
            },
            "spec": {
                "affinity": {
                    "nodeAffinity": {
                        "requiredDuringSchedulingIgnoredDuringExecution": {
                            "nodeSelectorTerms": [
                                {
                                    "matchExpressions": [
                                        {
                                            "key": "disk",
                                            "operator": "In",
                                            "values": [
                                                "ssd",
                                                "nvme"
                                            ]
                                        }
                                    ]
                                }
                            ]
                        }
                    }
                },
                "containers": [
                    {
                        "args": [
                            "-c",
                            "/etc/fluentd.conf",
                            "--flag=yes"
                        ],
                        "command": [],
                        "env": [
                            {
                                "name": "A",
                                "value": "1"
                            },
                            {
                                "name": "B",
                                "value": "line1\nline2\n"
                            },
                            {
                                "name": "C",
                                "valueFrom": {
                                    "fieldRef": {
                                        "fieldPath": "spec.nodeName"
                                    }
                                }
                            }
                        ],
                        "image": "fluentd:v1",
                        "name": "fluentd",
                        "ports": [
                            {
                                "containerPort": 24224,
                                "hostPort": 24224
                            }
                        ],
                        "resources": {
                            "limits": {
                                "memory": "200Mi"
                            },
                            "requests": {
                                "cpu": "100m",
                                "memory": "200Mi"
                            }
                        }
                    }
                ],
                "tolerations": [
                    {
                        "effect": "NoSchedule",
                        "key": "node-role.kubernetes.io/control-plane",
                        "operator": "Exists"
                    }
                ],
                "volumes": [
                    {
                        "hostPath": {
                            "path": "/var/log"
                        },
                        "name": "varlog"
                    },
                    {
                        "emptyDir": {},
                        "name": "e"
                    }
                ]
            }
        }
    },
    "x": {
        "": "empty key",
        "#h": "h",
        "-x": "d",
        "1": "one",
        "a: b": "c",
        "key with spaces": "v",
        "lists": [
            [],
            {},
            [
                [
                    1,
                    [
                        2,
                        []
                    ]
                ],
                {
                    "a": {}
                }
            ],
            "- item",
            "multi\nline",
            "  lead",
            null,
            true,
            3.25
        ],
        "yes": 1
    }
}
"######;
    assert_eq!(to_json_pretty(&v), want);
}

#[test]
fn yaml_pod_keys_and_lists() {
    let v: serde_json::Value = serde_json::from_str(r######"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"app.kubernetes.io/name": "x", "app": "y", "app-x": "z", "app_x": "w", "App": "v", "app2": "u", "app10": "t", "zz": "1"}}, "spec": {"containers": [{"name": "c", "image": "busybox", "command": ["sh", "-c", "echo hello; sleep 3600"], "args": ["a\tb", "x\ny", ""]}]}}"######).unwrap();
    let want = r######"apiVersion: v1
kind: Pod
metadata:
  labels:
    App: v
    app: "y"
    app-x: z
    app.kubernetes.io/name: x
    app_x: w
    app2: u
    app10: t
    zz: "1"
  name: p
spec:
  containers:
  - args:
    - "a\tb"
    - |-
      x
      y
    - ""
    command:
    - sh
    - -c
    - echo hello; sleep 3600
    image: busybox
    name: c
"######;
    assert_eq!(to_yaml(&v), want);
}

#[test]
fn json_pod_keys_and_lists() {
    let v: serde_json::Value = serde_json::from_str(r######"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"app.kubernetes.io/name": "x", "app": "y", "app-x": "z", "app_x": "w", "App": "v", "app2": "u", "app10": "t", "zz": "1"}}, "spec": {"containers": [{"name": "c", "image": "busybox", "command": ["sh", "-c", "echo hello; sleep 3600"], "args": ["a\tb", "x\ny", ""]}]}}"######).unwrap();
    let want = r######"{
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {
        "labels": {
            "App": "v",
            "app": "y",
            "app-x": "z",
            "app.kubernetes.io/name": "x",
            "app10": "t",
            "app2": "u",
            "app_x": "w",
            "zz": "1"
        },
        "name": "p"
    },
    "spec": {
        "containers": [
            {
                "args": [
                    "a\tb",
                    "x\ny",
                    ""
                ],
                "command": [
                    "sh",
                    "-c",
                    "echo hello; sleep 3600"
                ],
                "image": "busybox",
                "name": "c"
            }
        ]
    }
}
"######;
    assert_eq!(to_json_pretty(&v), want);
}
