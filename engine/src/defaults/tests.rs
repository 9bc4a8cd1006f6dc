use super::*;
use crate::api::{FromJson, ObjectMeta};
use serde_json::json;

fn ds(v: serde_json::Value) -> DaemonSet {
    FromJson::from_json(v).expect("decodes")
}

fn minimal(strategy: serde_json::Value) -> DaemonSet {
    ds(json!({
        "metadata": {"name": "x"},
        "spec": {
            "selector": {"matchLabels": {"app": "x"}},
            "updateStrategy": strategy,
            "template": {"metadata": {"labels": {"app": "x"}}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}}
        }
    }))
}

#[test]
fn daemonset_strategy_defaults() {
    let mut d = minimal(json!({}));
    set_defaults_daemonset(&mut d);
    let us = serde_json::to_value(&d.spec.update_strategy).unwrap();
    assert_eq!(
        us,
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}})
    );
    assert_eq!(d.spec.revision_history_limit, Some(10));

    // Only maxSurge written: maxUnavailable still becomes 1 (the S97 gotcha).
    let mut d = minimal(json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "10%"}}));
    set_defaults_daemonset(&mut d);
    let us = serde_json::to_value(&d.spec.update_strategy).unwrap();
    assert_eq!(
        us,
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": "10%"}})
    );

    // OnDelete keeps a user's rollingUpdate untouched, and adds none.
    let mut d = minimal(json!({"type": "OnDelete", "rollingUpdate": {"maxUnavailable": 0}}));
    set_defaults_daemonset(&mut d);
    let us = serde_json::to_value(&d.spec.update_strategy).unwrap();
    assert_eq!(
        us,
        json!({"type": "OnDelete", "rollingUpdate": {"maxUnavailable": 0}})
    );
    let mut d = minimal(json!({"type": "OnDelete"}));
    set_defaults_daemonset(&mut d);
    assert_eq!(d.spec.update_strategy.rolling_update, None);

    // An unknown type is left alone (validation rejects it).
    let mut d = minimal(json!({"type": "Foo"}));
    set_defaults_daemonset(&mut d);
    assert_eq!(d.spec.update_strategy.rolling_update, None);

    // A written revisionHistoryLimit, even 0, is kept.
    let mut d = minimal(json!({}));
    d.spec.revision_history_limit = Some(0);
    set_defaults_daemonset(&mut d);
    assert_eq!(d.spec.revision_history_limit, Some(0));
}

#[test]
fn daemonset_template_as_get_o_yaml_shows_it() {
    let mut d = ds(json!({
        "metadata": {"name": "fluentd"},
        "spec": {
            "selector": {"matchLabels": {"app": "fluentd"}},
            "template": {
                "metadata": {"labels": {"app": "fluentd"}},
                "spec": {
                    "hostNetwork": true,
                    "containers": [{
                        "name": "fluentd",
                        "image": "fluentd:v1.16",
                        "ports": [{"containerPort": 24224}],
                        "env": [{"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}],
                        "readinessProbe": {"httpGet": {"port": 24224}},
                        "volumeMounts": [{"name": "varlog", "mountPath": "/var/log"}]
                    }],
                    "volumes": [
                        {"name": "varlog", "hostPath": {"path": "/var/log"}},
                        {"name": "cfg", "configMap": {"name": "fluentd"}},
                        {"name": "scratch"}
                    ]
                }
            }
        }
    }));
    set_defaults_daemonset(&mut d);
    let spec = serde_json::to_value(&d.spec.template.spec).unwrap();
    assert_eq!(
        spec,
        json!({
            "hostNetwork": true,
            "containers": [{
                "name": "fluentd",
                "image": "fluentd:v1.16",
                "imagePullPolicy": "IfNotPresent",
                // Templates keep hostPort unset since v1.28; only Pods get it.
                "ports": [{"containerPort": 24224, "protocol": "TCP"}],
                "env": [{"name": "NODE", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "spec.nodeName"}}}],
                "readinessProbe": {
                    "httpGet": {"port": 24224, "path": "/", "scheme": "HTTP"},
                    "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3
                },
                "resources": {},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "volumeMounts": [{"name": "varlog", "mountPath": "/var/log"}]
            }],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "schedulerName": "default-scheduler",
            "dnsPolicy": "ClusterFirst",
            "securityContext": {},
            "volumes": [
                {"name": "varlog", "hostPath": {"path": "/var/log", "type": ""}},
                {"name": "cfg", "configMap": {"name": "fluentd", "defaultMode": 420}},
                {"name": "scratch", "emptyDir": {}}
            ]
        })
    );
}

#[test]
fn user_values_are_kept() {
    let mut d = ds(json!({
        "metadata": {"name": "x"},
        "spec": {"template": {"spec": {
            "restartPolicy": "OnFailure",
            "terminationGracePeriodSeconds": 5,
            "dnsPolicy": "Default",
            "schedulerName": "mine",
            "containers": [{"name": "c", "image": "nginx", "imagePullPolicy": "Never",
                            "terminationMessagePolicy": "FallbackToLogsOnError",
                            "ports": [{"containerPort": 53, "protocol": "UDP"}],
                            "livenessProbe": {"exec": {"command": ["true"]}, "periodSeconds": 3}}]
        }}}
    }));
    set_defaults_daemonset(&mut d);
    let s = &d.spec.template.spec;
    assert_eq!(s.restart_policy, "OnFailure");
    assert_eq!(s.termination_grace_period_seconds, Some(5));
    assert_eq!(s.rest["dnsPolicy"], json!("Default"));
    assert_eq!(s.scheduler_name, "mine");
    let c = &s.containers[0];
    assert_eq!(c.rest["imagePullPolicy"], json!("Never"));
    assert_eq!(
        c.rest["terminationMessagePolicy"],
        json!("FallbackToLogsOnError")
    );
    assert_eq!(c.ports[0].protocol, "UDP");
    assert_eq!(
        c.liveness_probe.as_ref().unwrap(),
        &json!({"exec": {"command": ["true"]}, "periodSeconds": 3, "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3})
    );
}

#[test]
fn image_pull_policy_rules() {
    let digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    let cases: Vec<(String, &str)> = vec![
        ("nginx".into(), "Always"),
        ("nginx:latest".into(), "Always"),
        ("nginx:1.25".into(), "IfNotPresent"),
        ("nginx:Latest".into(), "IfNotPresent"),
        ("docker.io/library/nginx".into(), "Always"),
        ("registry.k8s.io/pause:3.9".into(), "IfNotPresent"),
        ("localhost:5000/img".into(), "Always"),
        ("localhost:5000/img:v1".into(), "IfNotPresent"),
        ("my.registry:5000/team/img:latest".into(), "Always"),
        (format!("nginx@{digest}"), "IfNotPresent"),
        (format!("nginx:latest@{digest}"), "Always"),
        (format!("nginx:1.25@{digest}"), "IfNotPresent"),
        // Names that do not parse: no tag, so IfNotPresent.
        ("Nginx".into(), "IfNotPresent"),
        ("nginx:".into(), "IfNotPresent"),
        ("nginx@sha256:short".into(), "IfNotPresent"),
        ("".into(), "IfNotPresent"),
        ("a".repeat(64), "IfNotPresent"),
        ("my__img".into(), "Always"),
        ("my___img".into(), "IfNotPresent"),
        ("my--img".into(), "Always"),
        ("MyRegistry/img".into(), "Always"),
        ("team/Img".into(), "IfNotPresent"),
    ];
    for (image, want) in cases {
        assert_eq!(default_image_pull_policy(&image), want, "{image}");
    }
    assert_eq!(image_tag(&format!("nginx@{digest}")), Some(String::new()));
    assert_eq!(image_tag("nginx"), Some("latest".into()));
}

fn pod(v: serde_json::Value) -> Pod {
    FromJson::from_json(v).expect("decodes")
}

#[test]
fn pod_defaults_and_admission() {
    let mut p = pod(json!({
        "metadata": {"name": "p", "namespace": "default"},
        "spec": {
            "hostNetwork": true,
            "containers": [{"name": "c", "image": "nginx", "ports": [{"containerPort": 80}],
                            "resources": {"limits": {"cpu": "500m"}, "requests": {"memory": "64Mi"}}}]
        }
    }));
    set_defaults_pod(&mut p);
    let spec = serde_json::to_value(&p.spec).unwrap();
    assert_eq!(
        spec,
        json!({
            "hostNetwork": true,
            "containers": [{
                "name": "c", "image": "nginx", "imagePullPolicy": "Always",
                "ports": [{"containerPort": 80, "hostPort": 80, "protocol": "TCP"}],
                "resources": {"limits": {"cpu": "500m"}, "requests": {"cpu": "500m", "memory": "64Mi"}},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File"
            }],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "priority": 0,
            "schedulerName": "default-scheduler",
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": true,
            "preemptionPolicy": "PreemptLowerPriority",
            "securityContext": {},
            "serviceAccount": "default",
            "serviceAccountName": "default",
            "tolerations": [
                {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
                {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}
            ]
        })
    );
}

#[test]
fn default_toleration_seconds_respects_existing() {
    let mut spec = PodSpec {
        tolerations: vec![Toleration {
            key: "node.kubernetes.io/not-ready".into(),
            operator: "Exists".into(),
            effect: "NoExecute".into(),
            ..Default::default()
        }]
        .into(),
        ..Default::default()
    };
    add_default_toleration_seconds(&mut spec);
    assert_eq!(spec.tolerations.len(), 2);
    assert_eq!(spec.tolerations[1].key, "node.kubernetes.io/unreachable");
    // An empty key with an empty effect tolerates everything: nothing is added.
    let mut spec = PodSpec {
        tolerations: vec![Toleration {
            operator: "Exists".into(),
            ..Default::default()
        }]
        .into(),
        ..Default::default()
    };
    add_default_toleration_seconds(&mut spec);
    assert_eq!(spec.tolerations.len(), 1);
}

#[test]
fn service_account_alias() {
    let mut spec = PodSpec::default();
    spec.rest.insert("serviceAccount".into(), json!("legacy"));
    set_defaults_pod_spec(&mut spec);
    assert_eq!(spec.rest["serviceAccountName"], json!("legacy"));
    assert_eq!(spec.rest["serviceAccount"], json!("legacy"));
    let mut spec = PodSpec::default();
    spec.rest.insert("serviceAccountName".into(), json!("new"));
    spec.rest.insert("serviceAccount".into(), json!("old"));
    set_defaults_pod_spec(&mut spec);
    assert_eq!(spec.rest["serviceAccount"], json!("new"));
    let mut spec = PodSpec::default();
    set_defaults_pod_spec(&mut spec);
    assert!(!spec.rest.contains_key("serviceAccountName"));
}

fn class(name: &str, value: i32, global: bool, policy: Option<&str>) -> PriorityClass {
    PriorityClass {
        metadata: ObjectMeta {
            name: name.into(),
            ..Default::default()
        },
        value,
        global_default: global,
        preemption_policy: policy.map(String::from),
        ..Default::default()
    }
}

#[test]
fn priority_admission() {
    let classes = vec![
        class("high", 1000, false, Some("Never")),
        class("base", 10, true, None),
        class("base2", 20, true, None),
    ];
    let mut spec = PodSpec::default();
    admit_pod_priority(&mut spec, &classes).unwrap();
    assert_eq!(
        (spec.priority_class_name.as_str(), spec.priority),
        ("base", Some(10))
    );
    assert_eq!(spec.rest["preemptionPolicy"], json!("PreemptLowerPriority"));

    let mut spec = PodSpec {
        priority_class_name: "high".into(),
        ..Default::default()
    };
    admit_pod_priority(&mut spec, &classes).unwrap();
    assert_eq!(spec.priority, Some(1000));
    assert_eq!(spec.rest["preemptionPolicy"], json!("Never"));

    let mut spec = PodSpec {
        priority_class_name: "nope".into(),
        ..Default::default()
    };
    assert_eq!(
        admit_pod_priority(&mut spec, &classes),
        Err("no PriorityClass with name nope was found".into())
    );

    let mut spec = PodSpec {
        priority_class_name: "high".into(),
        priority: Some(5),
        ..Default::default()
    };
    assert_eq!(
        admit_pod_priority(&mut spec, &classes),
        Err("the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name".into())
    );

    let mut spec = PodSpec::default();
    admit_pod_priority(&mut spec, &[]).unwrap();
    assert_eq!(
        (spec.priority_class_name.as_str(), spec.priority),
        ("", Some(0))
    );
}

#[test]
fn node_and_namespace() {
    let mut n = Node::default();
    n.status.capacity.insert("cpu".into(), json!("4"));
    set_defaults_node(&mut n);
    assert_eq!(n.status.allocatable["cpu"], json!("4"));
    let mut n2 = Node::default();
    n2.status.capacity.insert("cpu".into(), json!("4"));
    n2.status.allocatable.insert("cpu".into(), json!("3"));
    set_defaults_node(&mut n2);
    assert_eq!(n2.status.allocatable["cpu"], json!("3"));

    let mut ns = Namespace {
        metadata: ObjectMeta {
            name: "team".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    set_defaults_namespace(&mut ns);
    assert_eq!(ns.metadata.labels["kubernetes.io/metadata.name"], "team");
    assert_eq!(ns.status.phase, "Active");
}

#[test]
fn defaulted_template_validates() {
    let mut d = minimal(json!({}));
    set_defaults_daemonset(&mut d);
    assert!(crate::validation::validate_daemonset(&d).is_empty());
    // Without defaults the API server's own required fields are missing.
    let raw = minimal(json!({"type": "OnDelete"}));
    let msgs: Vec<String> = crate::validation::validate_daemonset(&raw)
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        msgs,
        vec![
            "spec.template.spec.terminationGracePeriodSeconds: Required value",
            "spec.template.spec.containers[0].terminationMessagePolicy: Required value",
            "spec.template.spec.containers[0].imagePullPolicy: Required value",
            "spec.template.spec.restartPolicy: Required value",
            "spec.template.spec.dnsPolicy: Required value",
            "spec.template.spec.restartPolicy: Unsupported value: \"\": supported values: \"Always\"",
        ]
    );
}
