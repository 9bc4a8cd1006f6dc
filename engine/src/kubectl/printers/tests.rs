//! Golden tests of `kubectl get` tables and output formats, over a small cluster built by
//! inserting objects into the store. The expected tables follow printers.go's cells and
//! kubectl's tabwriter (3-space gaps, minimum column width 6).

use super::*;
use crate::api::time::EPOCH_MS;
use crate::api::*;
use crate::cluster::{Cluster, Key, SourceMap};
use crate::yaml::Pos;
use serde_json::json;

pub(crate) const T0: i64 = EPOCH_MS;
pub(crate) const MIN: i64 = 60_000;

pub(crate) fn at(ms: i64) -> String {
    Time(T0 + ms).rfc3339()
}

fn from<T: crate::api::FromJson>(v: serde_json::Value) -> T {
    T::from_json(v).expect("fixture decodes")
}

/// Two nodes, a DaemonSet with two pods, a crash-looping pod, events; now = T0 + 1h.
pub(crate) fn fixture() -> Cluster {
    fixture_at(T0)
}

/// The fixture with its clock starting at `t0` (ms since the epoch).
pub(crate) fn fixture_at(t0: i64) -> Cluster {
    let at = |ms: i64| Time(t0 + ms).rfc3339();
    let mut c = Cluster::new();
    c.now = Time(t0 + 60 * MIN);
    let n1: Node = from(json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": "n1", "uid": "uid-n1", "creationTimestamp": at(0),
            "labels": {"kubernetes.io/hostname": "n1", "node-role.kubernetes.io/control-plane": "", "disk": "ssd"},
            "annotations": {"node.alpha.kubernetes.io/ttl": "0"}},
        "spec": {"taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}], "podCIDR": "10.244.0.0/24"},
        "status": {
            "capacity": {"cpu": "4", "memory": "16Gi", "pods": "110", "ephemeral-storage": "100Gi"},
            "allocatable": {"cpu": "3800m", "memory": "15Gi", "pods": "110", "ephemeral-storage": "100Gi"},
            "conditions": [
                {"type": "MemoryPressure", "status": "False", "lastHeartbeatTime": at(59 * MIN), "lastTransitionTime": at(0),
                 "reason": "KubeletHasSufficientMemory", "message": "kubelet has sufficient memory available"},
                {"type": "Ready", "status": "True", "lastHeartbeatTime": at(59 * MIN), "lastTransitionTime": at(MIN),
                 "reason": "KubeletReady", "message": "kubelet is posting ready status"}],
            "addresses": [{"type": "InternalIP", "address": "10.0.0.1"}, {"type": "Hostname", "address": "n1"}],
            "nodeInfo": {"kubeletVersion": "v1.34.0", "osImage": "Ubuntu 24.04 LTS", "kernelVersion": "6.8.0-31-generic",
                "containerRuntimeVersion": "containerd://1.7.13", "operatingSystem": "linux", "architecture": "amd64",
                "machineID": "m1", "systemUUID": "s1", "bootID": "b1"}}
    }));
    let n2: Node = from(json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": "n2", "uid": "uid-n2", "creationTimestamp": at(30 * MIN), "labels": {"kubernetes.io/hostname": "n2"}},
        "spec": {"unschedulable": true, "taints": [
            {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"},
            {"key": "node.kubernetes.io/unreachable", "effect": "NoExecute"},
            {"key": "node.kubernetes.io/unreachable", "effect": "NoSchedule"}]},
        "status": {"capacity": {"cpu": "2", "memory": "4Gi"},
            "conditions": [{"type": "Ready", "status": "Unknown", "lastHeartbeatTime": at(40 * MIN), "lastTransitionTime": at(45 * MIN),
                "reason": "NodeStatusUnknown", "message": "Kubelet stopped posting node status."}],
            "addresses": [{"type": "InternalIP", "address": "10.0.0.2"}, {"type": "ExternalIP", "address": "203.0.113.9"}],
            "nodeInfo": {"kubeletVersion": "v1.33.1"}}
    }));
    c.store.nodes.insert("n1".into(), n1.into());
    c.store.nodes.insert("n2".into(), n2.into());

    let ds: DaemonSet = from(json!({
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": "fluentd", "namespace": "kube-system", "uid": "uid-ds", "generation": 1, "creationTimestamp": at(10 * MIN),
            "labels": {"k8s-app": "fluentd-logging"}, "annotations": {"deprecated.daemonset.template.generation": "1"}},
        "spec": {
            "selector": {"matchLabels": {"name": "fluentd"}},
            "template": {"metadata": {"labels": {"name": "fluentd"}},
                "spec": {"containers": [{"name": "fluentd", "image": "fluentd:v1.16",
                    "resources": {"limits": {"memory": "200Mi"}, "requests": {"cpu": "100m", "memory": "200Mi"}},
                    "volumeMounts": [{"name": "varlog", "mountPath": "/var/log"}]}],
                    "tolerations": [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}],
                    "volumes": [{"name": "varlog", "hostPath": {"path": "/var/log", "type": ""}}]}},
            "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}}},
        "status": {"currentNumberScheduled": 2, "desiredNumberScheduled": 2, "numberMisscheduled": 0, "numberReady": 1,
            "updatedNumberScheduled": 2, "numberAvailable": 1, "numberUnavailable": 1, "observedGeneration": 1}
    }));
    let ds_key = Key::new("kube-system", "fluentd");
    c.store.daemonsets.insert(ds_key.clone(), ds.into());
    let mut src = SourceMap {
        file: "fluentd.yaml".into(),
        ..Default::default()
    };
    src.paths
        .insert("spec.template.spec.tolerations".into(), Pos::new(21, 9));
    src.paths
        .insert("spec.template.spec".into(), Pos::new(14, 7));
    c.store.sources.insert(ds_key, src);

    let owner = json!([{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "fluentd", "uid": "uid-ds", "controller": true, "blockOwnerDeletion": true}]);
    let ds_pod_spec = |node: &str| {
        json!({"nodeName": node, "containers": [{"name": "fluentd", "image": "fluentd:v1.16",
            "resources": {"limits": {"memory": "200Mi"}, "requests": {"cpu": "100m", "memory": "200Mi"}},
            "volumeMounts": [{"name": "varlog", "mountPath": "/var/log"},
                {"name": "kube-api-access-x", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true}]}],
            "serviceAccountName": "default", "priority": 0,
            "volumes": [{"name": "varlog", "hostPath": {"path": "/var/log", "type": ""}}],
            "tolerations": [
                {"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"},
                {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"},
                {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"},
                {"key": "node.kubernetes.io/disk-pressure", "operator": "Exists", "effect": "NoSchedule"}]})
    };
    let p1: Pod = from(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "fluentd-abcde", "namespace": "kube-system", "uid": "uid-p1", "creationTimestamp": at(10 * MIN),
            "labels": {"name": "fluentd", "controller-revision-hash": "6d8f9c7b5", "pod-template-generation": "1"},
            "ownerReferences": owner},
        "spec": ds_pod_spec("n1"),
        "status": {"phase": "Running", "hostIP": "10.0.0.1", "podIP": "10.244.0.5", "podIPs": [{"ip": "10.244.0.5"}],
            "startTime": at(10 * MIN), "qosClass": "Burstable",
            "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"},
                {"type": "ContainersReady", "status": "True"}, {"type": "PodScheduled", "status": "True"}],
            "containerStatuses": [{"name": "fluentd", "image": "fluentd:v1.16", "imageID": "docker.io/library/fluentd@sha256:0123",
                "containerID": "containerd://abc", "ready": true, "restartCount": 0, "started": true,
                "state": {"running": {"startedAt": at(10 * MIN + 2000)}}}]}
    }));
    let p2: Pod = from(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "fluentd-fghij", "namespace": "kube-system", "uid": "uid-p2", "creationTimestamp": at(58 * MIN),
            "labels": {"name": "fluentd", "controller-revision-hash": "6d8f9c7b5", "pod-template-generation": "1"},
            "ownerReferences": owner},
        "spec": ds_pod_spec("n2"),
        "status": {"phase": "Pending", "hostIP": "10.0.0.2", "startTime": at(58 * MIN), "qosClass": "Burstable",
            "conditions": [{"type": "Initialized", "status": "True"},
                {"type": "Ready", "status": "False", "reason": "ContainersNotReady"}, {"type": "PodScheduled", "status": "True"}],
            "containerStatuses": [{"name": "fluentd", "image": "fluentd:v1.16", "imageID": "", "ready": false, "restartCount": 0,
                "started": false, "state": {"waiting": {"reason": "ContainerCreating"}}}]}
    }));
    let web: Pod = from(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web", "namespace": "default", "uid": "uid-web", "creationTimestamp": at(20 * MIN), "labels": {"app": "web"}},
        "spec": {"nodeName": "n1", "containers": [
            {"name": "app", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}]},
            {"name": "sidecar", "image": "busybox", "command": ["sh", "-c", "exit 1"]}]},
        "status": {"phase": "Running", "hostIP": "10.0.0.1", "podIP": "10.244.0.9", "podIPs": [{"ip": "10.244.0.9"}],
            "startTime": at(20 * MIN),
            "conditions": [{"type": "Ready", "status": "False"}],
            "containerStatuses": [
                {"name": "app", "ready": true, "restartCount": 0, "state": {"running": {"startedAt": at(20 * MIN)}}},
                {"name": "sidecar", "ready": false, "restartCount": 3,
                    "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 40s"}},
                    "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": at(57 * MIN), "finishedAt": at(58 * MIN)}}}]}
    }));
    for p in [p1, p2, web] {
        c.store.pods.insert(Key::of(&p.metadata), p.into());
    }

    let ev = |name: &str,
              kind: &str,
              obj: &str,
              ns: &str,
              uid: &str,
              type_: &str,
              reason: &str,
              msg: &str,
              count: i32,
              first: i64,
              last: i64,
              comp: &str|
     -> Event {
        from(json!({
            "apiVersion": "v1", "kind": "Event",
            "metadata": {"name": name, "namespace": if ns.is_empty() { "default" } else { ns }, "creationTimestamp": at(first)},
            "involvedObject": {"apiVersion": "v1", "kind": kind, "name": obj, "namespace": ns, "uid": uid},
            "reason": reason, "message": msg, "type": type_, "count": count,
            "firstTimestamp": at(first), "lastTimestamp": at(last), "source": {"component": comp}
        }))
    };
    c.store.events = vec![
        ev(
            "fluentd.1",
            "DaemonSet",
            "fluentd",
            "kube-system",
            "uid-ds",
            "Normal",
            "SuccessfulCreate",
            "Created pod: fluentd-abcde",
            1,
            10 * MIN,
            10 * MIN,
            "daemonset-controller",
        ),
        ev(
            "fluentd-abcde.1",
            "Pod",
            "fluentd-abcde",
            "kube-system",
            "uid-p1",
            "Normal",
            "Scheduled",
            "Successfully assigned kube-system/fluentd-abcde to n1",
            1,
            10 * MIN,
            10 * MIN,
            "default-scheduler",
        ),
        ev(
            "fluentd.2",
            "DaemonSet",
            "fluentd",
            "kube-system",
            "uid-ds",
            "Normal",
            "SuccessfulCreate",
            "Created pod: fluentd-fghij",
            1,
            58 * MIN,
            58 * MIN,
            "daemonset-controller",
        ),
        ev(
            "web.1",
            "Pod",
            "web",
            "default",
            "uid-web",
            "Warning",
            "BackOff",
            "Back-off restarting failed container sidecar in pod web_default(uid-web)",
            5,
            25 * MIN,
            59 * MIN,
            "kubelet",
        ),
        ev(
            "n2.1",
            "Node",
            "n2",
            "",
            "uid-n2",
            "Normal",
            "NodeNotReady",
            "Node n2 status is now: NodeNotReady",
            1,
            45 * MIN,
            45 * MIN,
            "node-controller",
        ),
    ]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();

    let rev: ControllerRevision = from(json!({
        "apiVersion": "apps/v1", "kind": "ControllerRevision",
        "metadata": {"name": "fluentd-6d8f9c7b5", "namespace": "kube-system", "uid": "uid-rev", "creationTimestamp": at(10 * MIN),
            "labels": {"name": "fluentd", "controller-revision-hash": "6d8f9c7b5"}, "ownerReferences": owner},
        "data": {"spec": {"template": {"$patch": "replace"}}}, "revision": 1
    }));
    c.store.revisions.insert(Key::of(&rev.metadata), rev.into());
    let pc: PriorityClass = from(json!({
        "apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
        "metadata": {"name": "node-critical", "uid": "uid-pc", "creationTimestamp": at(0)},
        "value": 2000001000, "description": "Used for node-critical pods.", "preemptionPolicy": "PreemptLowerPriority"
    }));
    c.store
        .priority_classes
        .insert("node-critical".into(), pc.into());
    c
}

fn opts(output: OutputFormat) -> PrintOptions {
    PrintOptions {
        output,
        show_labels: false,
        all_namespaces: false,
        no_headers: false,
        label_columns: vec![],
    }
}

fn get(c: &Cluster, res: Resource, ns: Option<&str>, o: &PrintOptions) -> String {
    print_get(c, res, &res.list(c, ns), o, false)
}

#[test]
fn nodes_table_and_wide() {
    let c = fixture();
    assert_eq!(
        get(&c, Resource::Nodes, None, &opts(OutputFormat::Table)),
        "\
NAME   STATUS                        ROLES           AGE   VERSION
n1     Ready                         control-plane   60m   v1.34.0
n2     NotReady,SchedulingDisabled   <none>          30m   v1.33.1
"
    );
    assert_eq!(
        get(&c, Resource::Nodes, None, &opts(OutputFormat::Wide)),
        "\
NAME   STATUS                        ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE           KERNEL-VERSION     CONTAINER-RUNTIME
n1     Ready                         control-plane   60m   v1.34.0   10.0.0.1      <none>        Ubuntu 24.04 LTS   6.8.0-31-generic   containerd://1.7.13
n2     NotReady,SchedulingDisabled   <none>          30m   v1.33.1   10.0.0.2      203.0.113.9   <unknown>          <unknown>          <unknown>
"
    );
}

#[test]
fn pods_table_statuses_and_restarts() {
    let c = fixture();
    let mut o = opts(OutputFormat::Table);
    o.all_namespaces = true;
    assert_eq!(
        get(&c, Resource::Pods, None, &o),
        "\
NAMESPACE     NAME            READY   STATUS              RESTARTS     AGE
default       web             1/2     CrashLoopBackOff    3 (2m ago)   40m
kube-system   fluentd-abcde   1/1     Running             0            50m
kube-system   fluentd-fghij   0/1     ContainerCreating   0            2m
"
    );
    assert_eq!(
        get(&c, Resource::Pods, Some("kube-system"), &opts(OutputFormat::Wide)),
        "\
NAME            READY   STATUS              RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES
fluentd-abcde   1/1     Running             0          50m   10.244.0.5   n1     <none>           <none>
fluentd-fghij   0/1     ContainerCreating   0          2m    <none>       n2     <none>           <none>
"
    );
}

#[test]
fn labels_columns_and_no_headers() {
    let c = fixture();
    let mut o = opts(OutputFormat::Table);
    o.show_labels = true;
    o.label_columns = vec!["controller-revision-hash".into(), "app".into()];
    assert_eq!(
        get(&c, Resource::Pods, Some("kube-system"), &o),
        "\
NAME            READY   STATUS              RESTARTS   AGE   CONTROLLER-REVISION-HASH   APP   LABELS
fluentd-abcde   1/1     Running             0          50m   6d8f9c7b5                        controller-revision-hash=6d8f9c7b5,name=fluentd,pod-template-generation=1
fluentd-fghij   0/1     ContainerCreating   0          2m    6d8f9c7b5                        controller-revision-hash=6d8f9c7b5,name=fluentd,pod-template-generation=1
"
    );
    let mut o = opts(OutputFormat::Table);
    o.no_headers = true;
    o.label_columns = vec!["kubernetes.io/hostname".into()];
    assert_eq!(
        get(&c, Resource::Nodes, None, &o),
        "\
n1    Ready                         control-plane   60m   v1.34.0   n1
n2    NotReady,SchedulingDisabled   <none>          30m   v1.33.1   n2
"
    );
    // Cluster-scoped kinds never get a NAMESPACE column.
    let mut o = opts(OutputFormat::Table);
    o.all_namespaces = true;
    o.label_columns = vec!["kubernetes.io/hostname".into()];
    assert!(get(&c, Resource::Nodes, None, &o).starts_with("NAME   STATUS"));
    assert!(get(&c, Resource::Nodes, None, &o).contains("   HOSTNAME\n"));
}

#[test]
fn daemonsets_table_and_wide() {
    let c = fixture();
    assert_eq!(
        get(
            &c,
            Resource::DaemonSets,
            Some("kube-system"),
            &opts(OutputFormat::Table)
        ),
        "\
NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
fluentd   2         2         1       2            1           <none>          50m
"
    );
    let mut o = opts(OutputFormat::Wide);
    o.all_namespaces = true;
    assert_eq!(
        get(&c, Resource::DaemonSets, None, &o),
        "\
NAMESPACE     NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS   IMAGES          SELECTOR
kube-system   fluentd   2         2         1       2            1           <none>          50m   fluentd      fluentd:v1.16   name=fluentd
"
    );
}

#[test]
fn other_kinds_tables() {
    let c = fixture();
    assert_eq!(
        get(&c, Resource::Namespaces, None, &opts(OutputFormat::Table)),
        "\
NAME              STATUS   AGE
default           Active   60m
kube-node-lease   Active   60m
kube-public       Active   60m
kube-system       Active   60m
"
    );
    assert_eq!(
        get(
            &c,
            Resource::ControllerRevisions,
            Some("kube-system"),
            &opts(OutputFormat::Table)
        ),
        "\
NAME                CONTROLLER               REVISION   AGE
fluentd-6d8f9c7b5   daemonset.apps/fluentd   1          50m
"
    );
    assert_eq!(
        get(
            &c,
            Resource::PriorityClasses,
            None,
            &opts(OutputFormat::Table)
        ),
        "\
NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY
node-critical             2000001000   false            60m   PreemptLowerPriority
system-cluster-critical   2000000000   false            60m   PreemptLowerPriority
system-node-critical      2000001000   false            60m   PreemptLowerPriority
"
    );
}

#[test]
fn events_table_keeps_order() {
    let c = fixture();
    let mut o = opts(OutputFormat::Table);
    o.all_namespaces = true;
    assert_eq!(
        get(&c, Resource::Events, None, &o),
        "\
NAMESPACE     LAST SEEN   TYPE      REASON             OBJECT              MESSAGE
kube-system   50m         Normal    SuccessfulCreate   daemonset/fluentd   Created pod: fluentd-abcde
kube-system   50m         Normal    Scheduled          pod/fluentd-abcde   Successfully assigned kube-system/fluentd-abcde to n1
kube-system   2m          Normal    SuccessfulCreate   daemonset/fluentd   Created pod: fluentd-fghij
default       60s         Warning   BackOff            pod/web             Back-off restarting failed container sidecar in pod web_default(uid-web)
default       15m         Normal    NodeNotReady       node/n2             Node n2 status is now: NodeNotReady
"
    );
    assert_eq!(
        get(&c, Resource::Events, Some("default"), &opts(OutputFormat::Wide)),
        "\
LAST SEEN   TYPE      REASON         OBJECT    SUBOBJECT   SOURCE            MESSAGE                                                                    FIRST SEEN   COUNT   NAME
60s         Warning   BackOff        pod/web               kubelet           Back-off restarting failed container sidecar in pod web_default(uid-web)   35m          5       web.1
15m         Normal    NodeNotReady   node/n2               node-controller   Node n2 status is now: NodeNotReady                                        15m          1       n2.1
"
    );
}

#[test]
fn names_and_empty_lists() {
    let c = fixture();
    assert_eq!(
        get(&c, Resource::DaemonSets, None, &opts(OutputFormat::Name)),
        "daemonset.apps/fluentd\n"
    );
    assert_eq!(
        get(&c, Resource::Nodes, None, &opts(OutputFormat::Name)),
        "node/n1\nnode/n2\n"
    );
    assert_eq!(
        get(&c, Resource::PriorityClasses, None, &opts(OutputFormat::Name)),
        "priorityclass.scheduling.k8s.io/node-critical\npriorityclass.scheduling.k8s.io/system-cluster-critical\n\
         priorityclass.scheduling.k8s.io/system-node-critical\n"
    );
    assert_eq!(
        print_get(&c, Resource::Pods, &[], &opts(OutputFormat::Table), false),
        ""
    );
    assert_eq!(
        print_get(&c, Resource::Pods, &[], &opts(OutputFormat::Yaml), false),
        "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n"
    );
    assert_eq!(
        print_get(&c, Resource::Pods, &[], &opts(OutputFormat::Json), false),
        "{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n"
    );
}

#[test]
fn yaml_single_object_and_list() {
    let c = fixture();
    let key = Key::new("", "node-critical");
    let one = print_get(
        &c,
        Resource::PriorityClasses,
        std::slice::from_ref(&key),
        &opts(OutputFormat::Yaml),
        true,
    );
    assert_eq!(
        one,
        "\
apiVersion: scheduling.k8s.io/v1
description: Used for node-critical pods.
kind: PriorityClass
metadata:
  creationTimestamp: \"2025-01-01T00:00:00Z\"
  name: node-critical
  uid: uid-pc
preemptionPolicy: PreemptLowerPriority
value: 2000001000
"
    );
    let list = print_get(
        &c,
        Resource::PriorityClasses,
        std::slice::from_ref(&key),
        &opts(OutputFormat::Yaml),
        false,
    );
    assert_eq!(
        list,
        "\
apiVersion: v1
items:
- apiVersion: scheduling.k8s.io/v1
  description: Used for node-critical pods.
  kind: PriorityClass
  metadata:
    creationTimestamp: \"2025-01-01T00:00:00Z\"
    name: node-critical
    uid: uid-pc
  preemptionPolicy: PreemptLowerPriority
  value: 2000001000
kind: List
metadata:
  resourceVersion: \"\"
"
    );
    let json = print_get(
        &c,
        Resource::PriorityClasses,
        std::slice::from_ref(&key),
        &opts(OutputFormat::Json),
        true,
    );
    assert!(
        json.starts_with("{\n    \"apiVersion\": \"scheduling.k8s.io/v1\",\n    \"description\"")
    );
}

fn pod(v: serde_json::Value) -> Pod {
    from(v)
}

fn status_of(p: &Pod) -> (String, String, String) {
    let row = table::pod_row(Time(T0 + 60 * MIN), p);
    (row[1].clone(), row[2].clone(), row[3].clone())
}

#[test]
fn pod_status_rules() {
    let s = |v| status_of(&pod(v));
    // Terminating wins over Running while not terminal.
    assert_eq!(
        s(
            json!({"metadata": {"name": "a", "deletionTimestamp": at(61 * MIN)},
            "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Running", "containerStatuses": [{"name": "c", "ready": true, "state": {"running": {}}}]}})
        ),
        ("1/1".into(), "Terminating".into(), "0".into())
    );
    // NodeLost pods being deleted show Unknown.
    assert_eq!(
        s(json!({"metadata": {"name": "a", "deletionTimestamp": at(0)}, "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Running", "reason": "NodeLost"}})).1,
        "Unknown"
    );
    // Completed containers.
    assert_eq!(
        s(
            json!({"metadata": {"name": "a"}, "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Succeeded", "containerStatuses": [{"name": "c", "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}})
        ),
        ("0/1".into(), "Completed".into(), "0".into())
    );
    // Terminated without a reason.
    assert_eq!(
        s(json!({"metadata": {"name": "a"}, "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Failed", "containerStatuses": [{"name": "c", "state": {"terminated": {"exitCode": 137, "signal": 9}}}]}})).1,
        "Signal:9"
    );
    // Init containers.
    assert_eq!(
        s(json!({"metadata": {"name": "a"}, "spec": {"initContainers": [{"name": "i1"}, {"name": "i2"}], "containers": [{"name": "c"}]},
            "status": {"phase": "Pending", "initContainerStatuses": [
                {"name": "i1", "state": {"terminated": {"exitCode": 0}}},
                {"name": "i2", "state": {"running": {}}}],
                "containerStatuses": [{"name": "c", "state": {"waiting": {"reason": "PodInitializing"}}}]}})).1,
        "Init:1/2"
    );
    assert_eq!(
        s(
            json!({"metadata": {"name": "a"}, "spec": {"initContainers": [{"name": "i1"}], "containers": [{"name": "c"}]},
            "status": {"phase": "Pending", "initContainerStatuses": [
                {"name": "i1", "restartCount": 2, "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                 "lastState": {"terminated": {"exitCode": 1, "finishedAt": at(55 * MIN)}}}]}})
        ),
        (
            "0/1".into(),
            "Init:CrashLoopBackOff".into(),
            "2 (5m ago)".into()
        )
    );
    // A restartable (sidecar) init container counts toward READY.
    assert_eq!(
        s(
            json!({"metadata": {"name": "a"}, "spec": {"initContainers": [{"name": "side", "restartPolicy": "Always"}], "containers": [{"name": "c"}]},
            "status": {"phase": "Running", "conditions": [{"type": "Initialized", "status": "True"}],
                "initContainerStatuses": [{"name": "side", "ready": true, "started": true, "state": {"running": {}}}],
                "containerStatuses": [{"name": "c", "ready": true, "state": {"running": {}}}]}})
        ),
        ("2/2".into(), "Running".into(), "0".into())
    );
    // Scheduling gates and plain Pending.
    assert_eq!(
        s(json!({"metadata": {"name": "a"}, "spec": {"containers": [{"name": "c"}]},
            "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]}})).1,
        "SchedulingGated"
    );
    assert_eq!(
        s(
            json!({"metadata": {"name": "a"}, "spec": {"containers": [{"name": "c"}]}, "status": {"phase": "Pending"}})
        ),
        ("0/1".into(), "Pending".into(), "0".into())
    );
    // Completed with a container still running and the pod not Ready.
    assert_eq!(
        s(json!({"metadata": {"name": "a"}, "spec": {"containers": [{"name": "a"}, {"name": "b"}]},
            "status": {"phase": "Running", "containerStatuses": [
                {"name": "a", "ready": true, "state": {"running": {}}},
                {"name": "b", "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}})).1,
        "NotReady"
    );
}

#[test]
fn table_cells_are_cut_at_line_breaks() {
    let mut c = fixture();
    std::sync::Arc::make_mut(&mut c.store.events[0]).message = "first line\nsecond line".into();
    let out = get(
        &c,
        Resource::Events,
        Some("kube-system"),
        &opts(OutputFormat::Table),
    );
    assert!(out.contains("   first line...\n"), "{out}");
}

/// Writes server-side tables (columns and full rows) and our `get` outputs for a
/// differential run of kubectl's client-side table printing against a fake API server.
#[test]
#[ignore]
fn dump_tables_for_kubectl() {
    let dir = std::env::var("TABLE_DIR").unwrap();
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let mut c = fixture_at(now_ms - 60 * MIN);
    crate::kubectl::describe::tests::add_extras(&mut c, now_ms - 60 * MIN);
    let mut tables = serde_json::Map::new();
    for res in [
        Resource::Nodes,
        Resource::Pods,
        Resource::DaemonSets,
        Resource::Namespaces,
        Resource::ControllerRevisions,
        Resource::Events,
        Resource::PriorityClasses,
    ] {
        let cols: Vec<serde_json::Value> = table::columns(res)
            .iter()
            .map(|c| json!({"name": c.name, "type": "string", "format": if c.name == "Name" { "name" } else { "" }, "description": "", "priority": if c.wide { 1 } else { 0 }}))
            .collect();
        let mut rows = Vec::new();
        for k in res.list(&c, None) {
            let r = table::row(&c, res, &k).unwrap();
            rows.push(json!({"cells": r.cells, "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                "metadata": {"name": r.meta.name, "namespace": r.meta.namespace, "labels": r.meta.labels, "uid": r.meta.uid}}}));
        }
        tables.insert(res.plural().into(), json!({"columns": cols, "rows": rows}));
        for (tag, fmt, labels, cols_l, nh) in [
            ("plain", OutputFormat::Table, false, vec![], false),
            ("wide", OutputFormat::Wide, false, vec![], false),
            (
                "labels",
                OutputFormat::Table,
                true,
                vec!["name".to_string(), "kubernetes.io/hostname".to_string()],
                false,
            ),
            ("noheaders", OutputFormat::Wide, true, vec![], true),
        ] {
            let o = PrintOptions {
                output: fmt,
                show_labels: labels,
                all_namespaces: res.namespaced(),
                no_headers: nh,
                label_columns: cols_l,
            };
            std::fs::write(
                format!("{dir}/{}_{tag}.txt", res.plural()),
                get(&c, res, None, &o),
            )
            .unwrap();
        }
    }
    std::fs::write(
        format!("{dir}/tables.json"),
        serde_json::Value::Object(tables).to_string(),
    )
    .unwrap();
}

#[test]
fn kind_prefixed_names() {
    let c = fixture();
    let o = opts(OutputFormat::Table);
    assert_eq!(
        print_get_with_kind(
            &c,
            Resource::DaemonSets,
            &Resource::DaemonSets.list(&c, None),
            &o
        ),
        "\
NAME                     DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
daemonset.apps/fluentd   2         2         1       2            1           <none>          50m
"
    );
    assert!(
        print_get_with_kind(&c, Resource::Nodes, &Resource::Nodes.list(&c, None), &o)
            .contains("\nnode/n1 ")
    );
}
