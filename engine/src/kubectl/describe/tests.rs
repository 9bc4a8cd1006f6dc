//! Golden tests of `kubectl describe`.

use super::*;
use crate::api::{Node, Pod};
use crate::kubectl::printers::tests::{fixture, fixture_at, MIN};
use serde_json::json;

fn from<T: crate::api::FromJson>(v: serde_json::Value) -> T {
    T::from_json(v).expect("fixture decodes")
}

/// More objects for describe: a pod using most container and volume features (being
/// deleted), a node without conditions or allocatable and with extended resources.
pub(crate) fn add_extras(c: &mut Cluster, t0: i64) {
    let at = |ms: i64| Time(t0 + ms).rfc3339();
    let long = "x".repeat(150);
    let pod: Pod = from(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "complex", "namespace": "default", "uid": "uid-complex", "creationTimestamp": at(5 * MIN),
            "deletionTimestamp": at(61 * MIN), "deletionGracePeriodSeconds": 30,
            "labels": {"app": "complex"},
            "annotations": {"long": long, "multi": "line one\nline two\n", "short": "v",
                "kubectl.kubernetes.io/last-applied-configuration": "{}"}},
        "spec": {"nodeName": "n3", "serviceAccountName": "sa1", "priority": 1000, "priorityClassName": "high",
            "nodeSelector": {"disk": "ssd", "zone": "a"},
            "readinessGates": [{"conditionType": "example.com/feature"}],
            "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
                {"key": "dedicated", "operator": "Equal", "value": "db", "effect": "NoSchedule"}, {"operator": "Exists"}],
            "initContainers": [
                {"name": "init-config", "image": "busybox:1.36", "command": ["sh", "-c", "cp /a /b"]},
                {"name": "proxy", "image": "envoy:v1", "restartPolicy": "Always", "ports": [{"containerPort": 15001, "protocol": "TCP"}]}],
            "containers": [{"name": "app", "image": "nginx:1.27",
                "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}, {"name": "metrics", "containerPort": 9090, "hostPort": 19090, "protocol": "UDP"}],
                "args": ["--v=2", "first\nsecond"],
                "env": [{"name": "A", "value": "x"}, {"name": "ML", "value": "l1\nl2"},
                    {"name": "NODE", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "spec.nodeName"}}},
                    {"name": "POD", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                    {"name": "LBL", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels['app']"}}},
                    {"name": "UID", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.uid"}}},
                    {"name": "NS", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}},
                    {"name": "LBLS", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"}}},
                    {"name": "ANN", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.annotations['short']"}}},
                    {"name": "SA", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "spec.serviceAccountName"}}},
                    {"name": "IP", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "status.podIP"}}},
                    {"name": "S", "valueFrom": {"secretKeyRef": {"name": "s1", "key": "k1"}}},
                    {"name": "C", "valueFrom": {"configMapKeyRef": {"name": "cm1", "key": "k2", "optional": true}}},
                    {"name": "MEM", "valueFrom": {"resourceFieldRef": {"containerName": "app", "resource": "limits.memory", "divisor": "1Mi"}}},
                    {"name": "CPUREQ", "valueFrom": {"resourceFieldRef": {"resource": "requests.cpu", "divisor": "1m"}}}],
                "envFrom": [{"configMapRef": {"name": "cm1"}}, {"prefix": "P_", "secretRef": {"name": "s1", "optional": true}}],
                "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "250m", "memory": "128Mi"}},
                "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"}, "initialDelaySeconds": 3,
                    "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
                "readinessProbe": {"exec": {"command": ["cat", "/tmp/ready"]}, "timeoutSeconds": 1, "periodSeconds": 5,
                    "successThreshold": 1, "failureThreshold": 3},
                "startupProbe": {"tcpSocket": {"port": "http"}, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1,
                    "failureThreshold": 30},
                "volumeMounts": [{"name": "config", "mountPath": "/etc/config", "readOnly": true},
                    {"name": "data", "mountPath": "/data", "subPath": "app"}]}],
            "volumes": [
                {"name": "cache", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
                {"name": "config", "configMap": {"name": "cm1", "defaultMode": 420}},
                {"name": "creds", "secret": {"secretName": "s1", "optional": true}},
                {"name": "kube-api-access", "projected": {"sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"secret": {"name": "s2"}},
                    {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                    {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}]}},
                {"name": "podinfo", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}},
                    {"path": "cpu", "resourceFieldRef": {"containerName": "app", "resource": "limits.cpu"}}]}},
                {"name": "data", "persistentVolumeClaim": {"claimName": "data-pvc"}},
                {"name": "tmp", "emptyDir": {}}]},
        "status": {"phase": "Running", "hostIP": "10.0.0.3", "podIP": "10.244.2.7", "podIPs": [{"ip": "10.244.2.7"}, {"ip": "fd00::7"}],
            "startTime": at(5 * MIN), "qosClass": "Burstable", "nominatedNodeName": "n3",
            "conditions": [{"type": "example.com/feature", "status": "True"}, {"type": "Initialized", "status": "True"},
                {"type": "Ready", "status": "False"}, {"type": "PodScheduled", "status": "True"}],
            "initContainerStatuses": [
                {"name": "init-config", "image": "busybox:1.36", "imageID": "", "ready": false, "restartCount": 0,
                    "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": at(5 * MIN), "finishedAt": at(6 * MIN)}}},
                {"name": "proxy", "image": "envoy:v1", "imageID": "", "ready": true, "restartCount": 1, "started": true,
                    "state": {"running": {"startedAt": at(6 * MIN)}},
                    "lastState": {"terminated": {"exitCode": 2, "startedAt": at(6 * MIN), "finishedAt": at(7 * MIN)}}}],
            "containerStatuses": [{"name": "app", "image": "nginx:1.27", "imageID": "", "ready": false, "restartCount": 2,
                "state": {"running": {"startedAt": at(50 * MIN)}},
                "lastState": {"terminated": {"exitCode": 137, "reason": "OOMKilled", "message": "out of memory", "signal": 9,
                    "startedAt": at(40 * MIN), "finishedAt": at(49 * MIN)}}}]}
    }));
    c.store
        .pods
        .insert(crate::cluster::Key::of(&pod.metadata), pod.into());
    let n3: Node = from(json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": "n3", "uid": "uid-n3", "creationTimestamp": at(2 * MIN), "labels": {"kubernetes.io/role": "db"},
            "annotations": {"multi": "a\nb"}},
        "spec": {"podCIDRs": ["10.244.2.0/24", "fd00::/64"], "providerID": "sim://n3"},
        "status": {"capacity": {"cpu": "8", "memory": "32Gi", "pods": "110", "hugepages-2Mi": "1Gi", "example.com/gpu": "2"}}
    }));
    c.store.nodes.insert("n3".into(), n3.into());
    let mut ev: crate::api::Event = from(json!({
        "apiVersion": "v1", "kind": "Event",
        "metadata": {"name": "complex.1", "namespace": "default", "creationTimestamp": at(49 * MIN)},
        "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": "complex", "namespace": "default", "uid": "uid-complex",
            "fieldPath": "spec.containers{app}"},
        "reason": "Killing", "message": "Stopping container app  ", "type": "Normal", "count": 2,
        "firstTimestamp": at(49 * MIN), "lastTimestamp": at(59 * MIN), "source": {"component": "kubelet", "host": "n3"}
    }));
    ev.count = 2;
    c.store.events.push(std::sync::Arc::new(ev));
}

/// Writes the fixture's objects and our describe outputs for a differential run against a
/// real kubectl talking to a fake API server (see the report of this module's author).
#[test]
#[ignore]
fn dump_for_kubectl() {
    let dir = std::env::var("DESCRIBE_DIR").unwrap();
    let now_ms = match std::env::var("DESCRIBE_FIXED") {
        Ok(_) => crate::api::time::EPOCH_MS + 60 * 60_000,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64,
    };
    let mut c = fixture_at(now_ms - 60 * 60_000);
    add_extras(&mut c, now_ms - 60 * 60_000);
    let mut objects = Vec::new();
    for res in [
        Resource::Nodes,
        Resource::Pods,
        Resource::DaemonSets,
        Resource::Namespaces,
        Resource::ControllerRevisions,
        Resource::Events,
        Resource::PriorityClasses,
    ] {
        for k in res.list(&c, None) {
            objects.push(res.to_json(&c, &k).unwrap());
            let text = describe(&c, res, &k);
            let name = format!("{}_{}_{}", res.plural(), k.namespace, k.name);
            std::fs::write(format!("{dir}/{name}.txt"), text).unwrap();
        }
    }
    std::fs::write(
        format!("{dir}/objects.json"),
        serde_json::to_string_pretty(&objects).unwrap(),
    )
    .unwrap();
    use crate::kubectl::printers::{print_get, OutputFormat, PrintOptions};
    for (fmt, ext) in [(OutputFormat::Yaml, "yaml"), (OutputFormat::Json, "json")] {
        let o = PrintOptions {
            output: fmt,
            show_labels: false,
            all_namespaces: true,
            no_headers: false,
            label_columns: vec![],
        };
        let keys = Resource::Pods.list(&c, None);
        std::fs::write(
            format!("{dir}/get_pods.{ext}"),
            print_get(&c, Resource::Pods, &keys, &o, false),
        )
        .unwrap();
        let one = [Key::new("kube-system", "fluentd")];
        std::fs::write(
            format!("{dir}/get_ds.{ext}"),
            print_get(&c, Resource::DaemonSets, &one, &o, true),
        )
        .unwrap();
    }
    std::fs::write(format!("{dir}/now.txt"), c.now.rfc3339()).unwrap();
}

#[test]
fn rfc1123z_dates() {
    assert_eq!(
        rfc1123z(Some(Time(crate::api::time::EPOCH_MS))),
        "Wed, 01 Jan 2025 00:00:00 +0000"
    );
    assert_eq!(
        rfc1123z(Time::parse_rfc3339("2024-02-29T13:05:09Z")),
        "Thu, 29 Feb 2024 13:05:09 +0000"
    );
    assert_eq!(rfc1123z(None), "Mon, 01 Jan 0001 00:00:00 +0000");
    let _ = fixture();
}

/// The fixture and the extras at T0 (now = T0 + 1h).
fn full() -> Cluster {
    let mut c = fixture();
    add_extras(&mut c, crate::api::time::EPOCH_MS);
    c
}

// Goldens: our output, checked line by line against kubectl v1.32 `describe` talking to a fake
// API server serving these objects (differences only in the simulated node Lease).

#[test]
fn describe_node_n1() {
    let got = describe(&full(), Resource::Nodes, &Key::new("", "n1"));
    let want = r######"Name:               n1
Roles:              control-plane
Labels:             disk=ssd
                    kubernetes.io/hostname=n1
                    node-role.kubernetes.io/control-plane=
Annotations:        node.alpha.kubernetes.io/ttl: 0
CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
Taints:             node-role.kubernetes.io/control-plane:NoSchedule
Unschedulable:      false
Lease:
  HolderIdentity:  n1
  AcquireTime:     <unset>
  RenewTime:       Wed, 01 Jan 2025 01:00:00 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Wed, 01 Jan 2025 00:59:00 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  Ready            True    Wed, 01 Jan 2025 00:59:00 +0000   Wed, 01 Jan 2025 00:01:00 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  10.0.0.1
  Hostname:    n1
Capacity:
  cpu:                4
  ephemeral-storage:  100Gi
  memory:             16Gi
  pods:               110
Allocatable:
  cpu:                3800m
  ephemeral-storage:  100Gi
  memory:             15Gi
  pods:               110
System Info:
  Machine ID:                 m1
  System UUID:                s1
  Boot ID:                    b1
  Kernel Version:             6.8.0-31-generic
  OS Image:                   Ubuntu 24.04 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.7.13
  Kubelet Version:            v1.34.0
  Kube-Proxy Version:         
PodCIDR:                      10.244.0.0/24
Non-terminated Pods:          (2 in total)
  Namespace                   Name             CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----             ------------  ----------  ---------------  -------------  ---
  default                     web              0 (0%)        0 (0%)      0 (0%)           0 (0%)         40m
  kube-system                 fluentd-abcde    100m (2%)     0 (0%)      200Mi (1%)       200Mi (1%)     50m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                100m (2%)   0 (0%)
  memory             200Mi (1%)  200Mi (1%)
  ephemeral-storage  0 (0%)      0 (0%)
Events:              <none>
DaemonSet placement:
  kube-system/fluentd: eligible (taint node-role.kubernetes.io/control-plane:NoSchedule tolerated by tolerations[0])
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_node_n2_not_ready() {
    let got = describe(&full(), Resource::Nodes, &Key::new("", "n2"));
    let want = r######"Name:               n2
Roles:              <none>
Labels:             kubernetes.io/hostname=n2
Annotations:        <none>
CreationTimestamp:  Wed, 01 Jan 2025 00:30:00 +0000
Taints:             node.kubernetes.io/unreachable:NoExecute
                    node.kubernetes.io/unreachable:NoSchedule
                    node.kubernetes.io/unschedulable:NoSchedule
Unschedulable:      true
Lease:
  HolderIdentity:  n2
  AcquireTime:     <unset>
  RenewTime:       Wed, 01 Jan 2025 00:40:00 +0000
Conditions:
  Type    Status    LastHeartbeatTime                 LastTransitionTime                Reason              Message
  ----    ------    -----------------                 ------------------                ------              -------
  Ready   Unknown   Wed, 01 Jan 2025 00:40:00 +0000   Wed, 01 Jan 2025 00:45:00 +0000   NodeStatusUnknown   Kubelet stopped posting node status.
Addresses:
  InternalIP:  10.0.0.2
  ExternalIP:  203.0.113.9
Capacity:
  cpu:     2
  memory:  4Gi
System Info:
  Machine ID:                 
  System UUID:                
  Boot ID:                    
  Kernel Version:             
  OS Image:                   
  Operating System:           
  Architecture:               
  Container Runtime Version:  
  Kubelet Version:            v1.33.1
  Kube-Proxy Version:         
Non-terminated Pods:          (1 in total)
  Namespace                   Name             CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----             ------------  ----------  ---------------  -------------  ---
  kube-system                 fluentd-fghij    100m (5%)     0 (0%)      200Mi (4%)       200Mi (4%)     2m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                100m (5%)   0 (0%)
  memory             200Mi (4%)  200Mi (4%)
  ephemeral-storage  0 (0%)      0 (0%)
Events:
  Type    Reason        Age   From             Message
  ----    ------        ----  ----             -------
  Normal  NodeNotReady  15m   node-controller  Node n2 status is now: NodeNotReady
DaemonSet placement:
  kube-system/fluentd: not eligible for a new pod: taint node.kubernetes.io/unreachable:NoSchedule is not tolerated (a running pod may stay) (fluentd.yaml:21:9 spec.template.spec.tolerations)
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_node_n3_extended_resources() {
    let got = describe(&full(), Resource::Nodes, &Key::new("", "n3"));
    let want = r######"Name:               n3
Roles:              db
Labels:             kubernetes.io/role=db
Annotations:        multi:
                      a
                      b
CreationTimestamp:  Wed, 01 Jan 2025 00:02:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  n3
  AcquireTime:     <unset>
  RenewTime:       <unset>
Addresses:
Capacity:
  cpu:              8
  example.com/gpu:  2
  hugepages-2Mi:    1Gi
  memory:           32Gi
  pods:             110
System Info:
  Machine ID:                 
  System UUID:                
  Boot ID:                    
  Kernel Version:             
  OS Image:                   
  Operating System:           
  Architecture:               
  Container Runtime Version:  
  Kubelet Version:            
  Kube-Proxy Version:         
PodCIDRs:                     10.244.2.0/24,fd00::/64
ProviderID:                   sim://n3
Non-terminated Pods:          (1 in total)
  Namespace                   Name       CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----       ------------  ----------  ---------------  -------------  ---
  default                     complex    250m (3%)     500m (6%)   128Mi (0%)       256Mi (0%)     55m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                250m (3%)   500m (6%)
  memory             128Mi (0%)  256Mi (0%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
  example.com/gpu    0           0
Events:              <none>
DaemonSet placement:
  kube-system/fluentd: eligible
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_pod_daemon() {
    let got = describe(
        &full(),
        Resource::Pods,
        &Key::new("kube-system", "fluentd-abcde"),
    );
    let want = r######"Name:             fluentd-abcde
Namespace:        kube-system
Priority:         0
Service Account:  default
Node:             n1/10.0.0.1
Start Time:       Wed, 01 Jan 2025 00:10:00 +0000
Labels:           controller-revision-hash=6d8f9c7b5
                  name=fluentd
                  pod-template-generation=1
Annotations:      <none>
Status:           Running
IP:               10.244.0.5
IPs:
  IP:           10.244.0.5
Controlled By:  DaemonSet/fluentd
Containers:
  fluentd:
    Container ID:   containerd://abc
    Image:          fluentd:v1.16
    Image ID:       docker.io/library/fluentd@sha256:0123
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Wed, 01 Jan 2025 00:10:02 +0000
    Ready:          True
    Restart Count:  0
    Limits:
      memory:  200Mi
    Requests:
      cpu:        100m
      memory:     200Mi
    Environment:  <none>
    Mounts:
      /var/log from varlog (rw)
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x (ro)
Conditions:
  Type              Status
  Initialized       True 
  Ready             True 
  ContainersReady   True 
  PodScheduled      True 
Volumes:
  varlog:
    Type:          HostPath (bare host directory volume)
    Path:          /var/log
    HostPathType:  
QoS Class:         Burstable
Node-Selectors:    <none>
Tolerations:       node-role.kubernetes.io/control-plane:NoSchedule op=Exists
                   node.kubernetes.io/disk-pressure:NoSchedule op=Exists
                   node.kubernetes.io/not-ready:NoExecute op=Exists
                   node.kubernetes.io/unreachable:NoExecute op=Exists
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  50m   default-scheduler  Successfully assigned kube-system/fluentd-abcde to n1
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_pod_pending() {
    let got = describe(
        &full(),
        Resource::Pods,
        &Key::new("kube-system", "fluentd-fghij"),
    );
    let want = r######"Name:             fluentd-fghij
Namespace:        kube-system
Priority:         0
Service Account:  default
Node:             n2/10.0.0.2
Start Time:       Wed, 01 Jan 2025 00:58:00 +0000
Labels:           controller-revision-hash=6d8f9c7b5
                  name=fluentd
                  pod-template-generation=1
Annotations:      <none>
Status:           Pending
IP:               
IPs:              <none>
Controlled By:    DaemonSet/fluentd
Containers:
  fluentd:
    Container ID:   
    Image:          fluentd:v1.16
    Image ID:       
    Port:           <none>
    Host Port:      <none>
    State:          Waiting
      Reason:       ContainerCreating
    Ready:          False
    Restart Count:  0
    Limits:
      memory:  200Mi
    Requests:
      cpu:        100m
      memory:     200Mi
    Environment:  <none>
    Mounts:
      /var/log from varlog (rw)
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x (ro)
Conditions:
  Type           Status
  Initialized    True 
  Ready          False 
  PodScheduled   True 
Volumes:
  varlog:
    Type:          HostPath (bare host directory volume)
    Path:          /var/log
    HostPathType:  
QoS Class:         Burstable
Node-Selectors:    <none>
Tolerations:       node-role.kubernetes.io/control-plane:NoSchedule op=Exists
                   node.kubernetes.io/disk-pressure:NoSchedule op=Exists
                   node.kubernetes.io/not-ready:NoExecute op=Exists
                   node.kubernetes.io/unreachable:NoExecute op=Exists
Events:            <none>
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_pod_crashloop() {
    let got = describe(&full(), Resource::Pods, &Key::new("default", "web"));
    let want = r######"Name:         web
Namespace:    default
Node:         n1/10.0.0.1
Start Time:   Wed, 01 Jan 2025 00:20:00 +0000
Labels:       app=web
Annotations:  <none>
Status:       Running
IP:           10.244.0.9
IPs:
  IP:  10.244.0.9
Containers:
  app:
    Container ID:   
    Image:          nginx:1.27
    Image ID:       
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Wed, 01 Jan 2025 00:20:00 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
  sidecar:
    Container ID:  
    Image:         busybox
    Image ID:      
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      exit 1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
      Started:      Wed, 01 Jan 2025 00:57:00 +0000
      Finished:     Wed, 01 Jan 2025 00:58:00 +0000
    Ready:          False
    Restart Count:  3
    Environment:    <none>
    Mounts:         <none>
Conditions:
  Type           Status
  Ready          False 
Volumes:         <none>
QoS Class:       BestEffort
Node-Selectors:  <none>
Tolerations:     <none>
Events:
  Type     Reason   Age                From     Message
  ----     ------   ----               ----     -------
  Warning  BackOff  60s (x5 over 35m)  kubelet  Back-off restarting failed container sidecar in pod web_default(uid-web)
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_pod_complex_terminating() {
    let got = describe(&full(), Resource::Pods, &Key::new("default", "complex"));
    let want = r######"Name:                      complex
Namespace:                 default
Priority:                  1000
Priority Class Name:       high
Service Account:           sa1
Node:                      n3/10.0.0.3
Start Time:                Wed, 01 Jan 2025 00:05:00 +0000
Labels:                    app=complex
Annotations:               long:
                             xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...
                           multi:
                             line one
                             line two
                           short: v
Status:                    Terminating (lasts <invalid>)
Termination Grace Period:  30s
IP:                        10.244.2.7
IPs:
  IP:               10.244.2.7
  IP:               fd00::7
NominatedNodeName:  n3
Init Containers:
  init-config:
    Container ID:  
    Image:         busybox:1.36
    Image ID:      
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
      -c
      cp /a /b
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Wed, 01 Jan 2025 00:05:00 +0000
      Finished:     Wed, 01 Jan 2025 00:06:00 +0000
    Ready:          False
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
  proxy:
    Container ID:   
    Image:          envoy:v1
    Image ID:       
    Port:           15001/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Wed, 01 Jan 2025 00:06:00 +0000
    Last State:     Terminated
      Exit Code:    2
      Started:      Wed, 01 Jan 2025 00:06:00 +0000
      Finished:     Wed, 01 Jan 2025 00:07:00 +0000
    Ready:          True
    Restart Count:  1
    Environment:    <none>
    Mounts:         <none>
Containers:
  app:
    Container ID:  
    Image:         nginx:1.27
    Image ID:      
    Ports:         80/TCP, 9090/UDP
    Host Ports:    0/TCP, 19090/UDP
    Args:
      --v=2
      first
      second
    State:          Running
      Started:      Wed, 01 Jan 2025 00:50:00 +0000
    Last State:     Terminated
      Reason:       OOMKilled
      Message:      out of memory
      Exit Code:    137
      Signal:       9
      Started:      Wed, 01 Jan 2025 00:40:00 +0000
      Finished:     Wed, 01 Jan 2025 00:49:00 +0000
    Ready:          False
    Restart Count:  2
    Limits:
      cpu:     500m
      memory:  256Mi
    Requests:
      cpu:      250m
      memory:   128Mi
    Liveness:   http-get http://:8080/healthz delay=3s timeout=1s period=10s #success=1 #failure=3
    Readiness:  exec [cat /tmp/ready] delay=0s timeout=1s period=5s #success=1 #failure=3
    Startup:    tcp-socket :http delay=0s timeout=1s period=10s #success=1 #failure=30
    Environment Variables from:
      cm1  ConfigMap                Optional: false
      s1   Secret with prefix 'P_'  Optional: true
    Environment:
      A:       x
      ML:      l1
               l2
      NODE:     (v1:spec.nodeName)
      POD:     complex (v1:metadata.name)
      LBL:      (v1:metadata.labels['app'])
      UID:      (v1:metadata.uid)
      NS:      default (v1:metadata.namespace)
      LBLS:     (v1:metadata.labels)
      ANN:      (v1:metadata.annotations['short'])
      SA:       (v1:spec.serviceAccountName)
      IP:       (v1:status.podIP)
      S:       <set to the key 'k1' in secret 's1'>       Optional: false
      C:       <set to the key 'k2' of config map 'cm1'>  Optional: true
      MEM:     256 (limits.memory)
      CPUREQ:  250 (requests.cpu)
    Mounts:
      /data from data (rw,path="app")
      /etc/config from config (ro)
Readiness Gates:
  Type                  Status
  example.com/feature   True 
Conditions:
  Type                  Status
  example.com/feature   True 
  Initialized           True 
  Ready                 False 
  PodScheduled          True 
Volumes:
  cache:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     Memory
    SizeLimit:  64Mi
  config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      cm1
    Optional:  false
  creds:
    Type:        Secret (a volume populated by a Secret)
    SecretName:  s1
    Optional:    true
  kube-api-access:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    SecretName:              s2
    SecretOptionalName:      <nil>
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
  podinfo:
    Type:  DownwardAPI (a volume populated by information about the pod)
    Items:
      metadata.labels -> labels
      limits.cpu -> cpu
  data:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  data-pvc
    ReadOnly:   false
  tmp:
    Type:        EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:      
    SizeLimit:   <unset>
QoS Class:       Burstable
Node-Selectors:  disk=ssd
                 zone=a
Tolerations:     op=Exists
                 dedicated=db:NoSchedule
                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
Events:
  Type    Reason   Age                From     Message
  ----    ------   ----               ----     -------
  Normal  Killing  60s (x2 over 11m)  kubelet  Stopping container app
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_daemonset() {
    let got = describe(
        &full(),
        Resource::DaemonSets,
        &Key::new("kube-system", "fluentd"),
    );
    let want = r######"Name:           fluentd
Selector:       name=fluentd
Node-Selector:  <none>
Labels:         k8s-app=fluentd-logging
Annotations:    deprecated.daemonset.template.generation: 1
Desired Number of Nodes Scheduled: 2
Current Number of Nodes Scheduled: 2
Number of Nodes Scheduled with Up-to-date Pods: 2
Number of Nodes Scheduled with Available Pods: 1
Number of Nodes Misscheduled: 0
Pods Status:  1 Running / 1 Waiting / 0 Succeeded / 0 Failed
Pod Template:
  Labels:  name=fluentd
  Containers:
   fluentd:
    Image:      fluentd:v1.16
    Port:       <none>
    Host Port:  <none>
    Limits:
      memory:  200Mi
    Requests:
      cpu:        100m
      memory:     200Mi
    Environment:  <none>
    Mounts:
      /var/log from varlog (rw)
  Volumes:
   varlog:
    Type:          HostPath (bare host directory volume)
    Path:          /var/log
    HostPathType:  
  Node-Selectors:  <none>
  Tolerations:     node-role.kubernetes.io/control-plane:NoSchedule op=Exists
Events:
  Type    Reason            Age   From                  Message
  ----    ------            ----  ----                  -------
  Normal  SuccessfulCreate  50m   daemonset-controller  Created pod: fluentd-abcde
  Normal  SuccessfulCreate  2m    daemonset-controller  Created pod: fluentd-fghij
Node placement:
  n1: eligible (taint node-role.kubernetes.io/control-plane:NoSchedule tolerated by tolerations[0]); pod fluentd-abcde
  n2: not eligible for a new pod: taint node.kubernetes.io/unreachable:NoSchedule is not tolerated (a running pod may stay) (fluentd.yaml:21:9 spec.template.spec.tolerations); pod fluentd-fghij
  n3: eligible
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_namespace() {
    let got = describe(&full(), Resource::Namespaces, &Key::new("", "default"));
    let want = r######"Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_priority_class() {
    let got = describe(
        &full(),
        Resource::PriorityClasses,
        &Key::new("", "node-critical"),
    );
    let want = r######"Name:              node-critical
Value:             2000001000
GlobalDefault:     false
PreemptionPolicy:  PreemptLowerPriority
Description:       Used for node-critical pods.
Annotations:       <none>
Events:            <none>
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_controller_revision_generic() {
    let got = describe(
        &full(),
        Resource::ControllerRevisions,
        &Key::new("kube-system", "fluentd-6d8f9c7b5"),
    );
    let want = r######"Name:         fluentd-6d8f9c7b5
Namespace:    kube-system
Labels:       controller-revision-hash=6d8f9c7b5
              name=fluentd
Annotations:  <none>
API Version:  apps/v1
Data:
  Spec:
    Template:
      $patch:  replace
Kind:          ControllerRevision
Metadata:
  Creation Timestamp:  2025-01-01T00:10:00Z
  Owner References:
    API Version:           apps/v1
    Block Owner Deletion:  true
    Controller:            true
    Kind:                  DaemonSet
    Name:                  fluentd
    UID:                   uid-ds
  UID:                     uid-rev
Revision:                  1
Events:                    <none>
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}

#[test]
fn describe_event_generic() {
    let got = describe(&full(), Resource::Events, &Key::new("default", "web.1"));
    let want = r######"Name:             web.1
Namespace:        default
Labels:           <none>
Annotations:      <none>
API Version:      v1
Count:            5
First Timestamp:  2025-01-01T00:25:00Z
Involved Object:
  API Version:   v1
  Kind:          Pod
  Name:          web
  Namespace:     default
  UID:           uid-web
Kind:            Event
Last Timestamp:  2025-01-01T00:59:00Z
Message:         Back-off restarting failed container sidecar in pod web_default(uid-web)
Metadata:
  Creation Timestamp:  2025-01-01T00:25:00Z
Reason:                BackOff
Source:
  Component:  kubelet
Type:         Warning
Events:       <none>
"######;
    assert_eq!(got, want, "\n--- got ---\n{got}");
}
