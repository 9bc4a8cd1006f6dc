use super::strict::parse_quantity;
use super::*;
use crate::yaml::{parse_documents, Node, Pos};

fn doc(text: &str) -> Node {
    parse_documents(text).unwrap().remove(0)
}

/// Parses keeping repeated keys (`parse_documents` keeps every entry).
pub(crate) fn doc_with_duplicates(text: &str) -> Node {
    doc(text)
}

fn errors(kind: &str, text: &str) -> Vec<FieldError> {
    check(kind, &doc(text))
}

fn type_messages(errs: &[FieldError]) -> Vec<String> {
    errs.iter().map(render_type).collect()
}

/// The fluentd-elasticsearch DaemonSet from the Kubernetes documentation.
const FLUENTD: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
      # these tolerations are to have the daemonset runnable on control plane nodes
      # remove them if your control plane nodes should not run pods
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      - key: node-role.kubernetes.io/master
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v5.0.1
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
        volumeMounts:
        - name: varlog
          mountPath: /var/log
      # it may be desirable to set a high priority class to ensure that a DaemonSet Pod
      # preempts running Pods
      # priorityClassName: important
      terminationGracePeriodSeconds: 30
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
"#;

/// `kubectl get node kind-control-plane -o yaml`, abridged only in the lists.
const NODE: &str = r#"apiVersion: v1
kind: Node
metadata:
  annotations:
    kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
    node.alpha.kubernetes.io/ttl: "0"
    volumes.kubernetes.io/controller-managed-attach-detach: "true"
  creationTimestamp: "2025-09-02T08:14:31Z"
  labels:
    beta.kubernetes.io/arch: amd64
    beta.kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: kind-control-plane
    kubernetes.io/os: linux
    node-role.kubernetes.io/control-plane: ""
    node.kubernetes.io/exclude-from-external-load-balancers: ""
  managedFields:
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:metadata:
        f:annotations:
          .: {}
          f:kubeadm.alpha.kubernetes.io/cri-socket: {}
          f:volumes.kubernetes.io/controller-managed-attach-detach: {}
        f:labels:
          .: {}
          f:beta.kubernetes.io/arch: {}
          f:kubernetes.io/hostname: {}
      f:spec:
        f:providerID: {}
    manager: kubelet
    operation: Update
    time: "2025-09-02T08:14:31Z"
  - apiVersion: v1
    fieldsType: FieldsV1
    fieldsV1:
      f:status:
        f:conditions:
          k:{"type":"Ready"}:
            f:lastHeartbeatTime: {}
            f:message: {}
        f:images: {}
        f:nodeInfo:
          f:bootID: {}
    manager: kubelet
    operation: Update
    subresource: status
    time: "2025-09-02T08:15:02Z"
  name: kind-control-plane
  resourceVersion: "612"
  uid: 0f6f4a3c-8a55-4c57-a4a5-3fd0b0e1d7d1
spec:
  podCIDR: 10.244.0.0/24
  podCIDRs:
  - 10.244.0.0/24
  providerID: kind://docker/kind/kind-control-plane
  taints:
  - effect: NoSchedule
    key: node-role.kubernetes.io/control-plane
status:
  addresses:
  - address: 172.18.0.2
    type: InternalIP
  - address: kind-control-plane
    type: Hostname
  allocatable:
    cpu: "8"
    ephemeral-storage: 102626232Ki
    hugepages-1Gi: "0"
    hugepages-2Mi: "0"
    memory: 16283148Ki
    pods: "110"
  capacity:
    cpu: "8"
    ephemeral-storage: 102626232Ki
    hugepages-1Gi: "0"
    hugepages-2Mi: "0"
    memory: 16283148Ki
    pods: "110"
  conditions:
  - lastHeartbeatTime: "2025-09-02T08:15:02Z"
    lastTransitionTime: "2025-09-02T08:14:28Z"
    message: kubelet has sufficient memory available
    reason: KubeletHasSufficientMemory
    status: "False"
    type: MemoryPressure
  - lastHeartbeatTime: "2025-09-02T08:15:02Z"
    lastTransitionTime: "2025-09-02T08:14:28Z"
    message: kubelet has no disk pressure
    reason: KubeletHasNoDiskPressure
    status: "False"
    type: DiskPressure
  - lastHeartbeatTime: "2025-09-02T08:15:02Z"
    lastTransitionTime: "2025-09-02T08:14:28Z"
    message: kubelet has sufficient PID available
    reason: KubeletHasSufficientPID
    status: "False"
    type: PIDPressure
  - lastHeartbeatTime: "2025-09-02T08:15:02Z"
    lastTransitionTime: "2025-09-02T08:14:55Z"
    message: kubelet is posting ready status
    reason: KubeletReady
    status: "True"
    type: Ready
  daemonEndpoints:
    kubeletEndpoint:
      Port: 10250
  features:
    supplementalGroupsPolicy: true
  images:
  - names:
    - registry.k8s.io/etcd@sha256:d6a8a4d7e1a5a4c1e4d5b3f6c9e2d7c8b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5
    - registry.k8s.io/etcd:3.6.4-0
    sizeBytes: 74311308
  - names:
    - registry.k8s.io/kube-apiserver-amd64:v1.34.0
    - registry.k8s.io/kube-apiserver:v1.34.0
    sizeBytes: 30096765
  - names:
    - registry.k8s.io/pause:3.10.1
    sizeBytes: 320448
  nodeInfo:
    architecture: amd64
    bootID: 4cf1f7b2-6c51-4f34-9d8f-8b3f2d8d1b7e
    containerRuntimeVersion: containerd://2.1.3
    kernelVersion: 6.8.0-79-generic
    kubeProxyVersion: ""
    kubeletVersion: v1.34.0
    machineID: 6b1c8f3d2a4e4f0c9e7d5b3a1c2e4f6a
    operatingSystem: linux
    osImage: Debian GNU/Linux 12 (bookworm)
    swap: {}
    systemUUID: 6b1c8f3d-2a4e-4f0c-9e7d-5b3a1c2e4f6a
  runtimeHandlers:
  - features:
      recursiveReadOnlyMounts: true
      userNamespaces: true
    name: runc
  - features:
      recursiveReadOnlyMounts: true
      userNamespaces: true
    name: ""
"#;

/// A Pod with most of what a DaemonSet's Pod template uses.
const POD: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: agent-x7k2p
  generateName: agent-
  namespace: monitoring
  creationTimestamp: null
  ownerReferences:
  - apiVersion: apps/v1
    blockOwnerDeletion: true
    controller: true
    kind: DaemonSet
    name: agent
    uid: 3c1e2d4f-1111-2222-3333-444455556666
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields:
          - key: metadata.name
            operator: In
            values: [worker-1]
  containers:
  - name: agent
    image: example.com/agent:1.2
    imagePullPolicy: IfNotPresent
    args: ["--v=2"]
    env:
    - name: NODE_NAME
      valueFrom:
        fieldRef:
          apiVersion: v1
          fieldPath: spec.nodeName
    - name: MEM
      valueFrom:
        resourceFieldRef:
          resource: limits.memory
          divisor: 1Mi
    ports:
    - containerPort: 9100
      hostPort: 9100
      name: metrics
      protocol: TCP
    livenessProbe:
      httpGet:
        path: /healthz
        port: metrics
      initialDelaySeconds: 5
      periodSeconds: 10
    readinessProbe:
      tcpSocket:
        port: 9100
    securityContext:
      privileged: true
      capabilities:
        add: [SYS_ADMIN]
      runAsUser: 0
    resources:
      limits: {cpu: 0.5, memory: 128Mi}
      requests: {cpu: 50m, memory: 64Mi}
    volumeMounts:
    - {name: proc, mountPath: /host/proc, readOnly: true}
  dnsPolicy: ClusterFirstWithHostNet
  hostNetwork: true
  hostPID: true
  nodeSelector:
    kubernetes.io/os: linux
  priorityClassName: system-node-critical
  restartPolicy: Always
  serviceAccountName: agent
  terminationGracePeriodSeconds: 30
  tolerations:
  - operator: Exists
  - key: node.kubernetes.io/not-ready
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 300
  volumes:
  - name: proc
    hostPath: {path: /proc, type: Directory}
  - name: cache
    emptyDir: {sizeLimit: 1Gi}
  - name: cfg
    configMap: {name: agent, defaultMode: 420, items: [{key: a, path: a.yaml}]}
status:
  phase: Running
  podIP: 172.18.0.3
  podIPs: [{ip: 172.18.0.3}]
  hostIP: 172.18.0.3
  qosClass: Burstable
  startTime: "2025-09-02T08:20:00Z"
  conditions:
  - type: Ready
    status: "True"
    lastProbeTime: null
    lastTransitionTime: "2025-09-02T08:20:05Z"
  containerStatuses:
  - name: agent
    image: example.com/agent:1.2
    imageID: example.com/agent@sha256:00
    containerID: containerd://abc
    ready: true
    started: true
    restartCount: 0
    state:
      running: {startedAt: "2025-09-02T08:20:03Z"}
    lastState: {}
"#;

fn fluentd_with(from: &str, to: &str) -> String {
    assert!(FLUENTD.contains(from), "{from}");
    FLUENTD.replacen(from, to, 1)
}

#[test]
fn docs_daemonset_has_no_errors() {
    assert_eq!(errors("DaemonSet", FLUENTD), vec![]);
}

#[test]
fn real_node_with_full_status_has_no_errors() {
    assert_eq!(errors("Node", NODE), vec![]);
}

#[test]
fn pod_with_probes_env_and_status_has_no_errors() {
    assert_eq!(errors("Pod", POD), vec![]);
}

#[test]
fn the_other_roots_accept_real_objects() {
    let ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n  labels:\n    kubernetes.io/metadata.name: monitoring\nspec:\n  finalizers: [kubernetes]\nstatus:\n  phase: Active\n";
    assert_eq!(errors("Namespace", ns), vec![]);
    let pc = "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\nvalue: 1000000\nglobalDefault: false\npreemptionPolicy: PreemptLowerPriority\ndescription: for agents\n";
    assert_eq!(errors("PriorityClass", pc), vec![]);
    let cr = "apiVersion: apps/v1\nkind: ControllerRevision\nmetadata:\n  name: agent-5d8f\n  ownerReferences: []\nrevision: 2\ndata:\n  spec:\n    template:\n      $patch: replace\n      anything: [1, {x: y}]\n      spec: {containers: 5}\n";
    assert_eq!(errors("ControllerRevision", cr), vec![]);
}

#[test]
fn typo_is_an_unknown_field_at_its_key() {
    let text = fluentd_with("        image: quay.io", "        imagee: quay.io");
    let errs = errors("DaemonSet", &text);
    assert_eq!(
        errs,
        vec![FieldError {
            pos: Pos::new(28, 9),
            path: "spec.template.spec.containers[0].imagee".into(),
            kind: FieldErrorKind::Unknown,
            fatal: false,
        }]
    );
    assert_eq!(
        render_strict(&errs).as_deref(),
        Some(r#"strict decoding error: unknown field "spec.template.spec.containers[0].imagee""#)
    );
    assert_eq!(decode_error(&errs), None);
}

#[test]
fn unknown_fields_everywhere_are_all_reported_in_order() {
    let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadta:\n  name: x\nspec:\n  foo: 1\n  template:\n    spec:\n      containers:\n      - name: a\n      - name: b\n        Image: x\n        ports: [{containerPort: 80, hostport: 80}]\n";
    let errs = errors("DaemonSet", text);
    let got: Vec<_> = errs
        .iter()
        .map(|e| (e.path.as_str(), e.pos.line, e.pos.col))
        .collect();
    assert_eq!(
        got,
        vec![
            ("metadta", 3, 1),
            ("spec.foo", 6, 3),
            ("spec.template.spec.containers[1].Image", 12, 9),
            ("spec.template.spec.containers[1].ports[0].hostport", 13, 37),
        ]
    );
    assert_eq!(
        render_strict(&errs).unwrap(),
        "strict decoding error: unknown field \"metadta\", unknown field \"spec.foo\", \
         unknown field \"spec.template.spec.containers[1].Image\", \
         unknown field \"spec.template.spec.containers[1].ports[0].hostport\""
    );
}

#[test]
fn the_value_of_an_unknown_field_is_not_checked() {
    let errs = errors(
        "DaemonSet",
        "spec:\n  extra:\n    nested: {deeper: 1}\n    hostNetwork: \"x\"\n",
    );
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].path, "spec.extra");
}

#[test]
fn duplicate_fields_are_reported_at_the_second_key() {
    let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\n  labels:\n    app: x\n    app: z\n  name: b\n";
    let errs = check("DaemonSet", &doc_with_duplicates(text));
    assert_eq!(
        errs,
        vec![
            FieldError {
                pos: Pos::new(7, 5),
                path: "metadata.labels.app".into(),
                kind: FieldErrorKind::Duplicate,
                fatal: false
            },
            FieldError {
                pos: Pos::new(8, 3),
                path: "metadata.name".into(),
                kind: FieldErrorKind::Duplicate,
                fatal: false
            },
        ]
    );
    assert_eq!(
        render_strict(&errs).unwrap(),
        r#"strict decoding error: duplicate field "metadata.labels.app", duplicate field "metadata.name""#
    );
}

#[test]
fn top_level_duplicate_reads_like_the_server() {
    let errs = check(
        "Namespace",
        &doc_with_duplicates("kind: Namespace\nkind: Namespace\nmetadata: {name: a}\n"),
    );
    assert_eq!(
        render_strict(&errs).unwrap(),
        r#"strict decoding error: duplicate field "kind""#
    );
    assert_eq!(errs[0].pos, Pos::new(2, 1));
}

#[test]
fn repeated_strict_messages_are_rendered_once() {
    let errs = check(
        "Namespace",
        &doc_with_duplicates("metadata:\n  name: a\n  name: b\n  name: c\n  x: 1\n"),
    );
    assert_eq!(errs.len(), 3);
    assert_eq!(
        render_strict(&errs).unwrap(),
        r#"strict decoding error: duplicate field "metadata.name", unknown field "metadata.x""#
    );
}

#[test]
fn wrong_scalar_types_read_like_go() {
    let text = fluentd_with(
        "      terminationGracePeriodSeconds: 30",
        "      hostNetwork: \"true\"",
    );
    let errs = errors("DaemonSet", &text);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].pos, Pos::new(41, 20));
    assert_eq!(errs[0].path, "spec.template.spec.hostNetwork");
    assert_eq!(
        errs[0].kind,
        FieldErrorKind::Type {
            go_struct: "PodSpec".into(),
            go_type: "bool".into(),
            got: "string"
        }
    );
    assert_eq!(
        render_type(&errs[0]),
        "json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.hostNetwork of type bool"
    );
    assert_eq!(decode_error(&errs), Some(&errs[0]));
    assert_eq!(render_strict(&errs), None);
}

#[test]
fn type_errors_name_the_innermost_struct_and_drop_indices() {
    let text = "spec:\n  minReadySeconds: \"10\"\n  template:\n    metadata:\n      labels: {app: 1}\n    spec:\n      terminationGracePeriodSeconds: 1.5\n      restartPolicy: 5\n      containers:\n      - name: 7\n        args: --v=2\n        ports:\n        - containerPort: \"80\"\n";
    let errs = errors("DaemonSet", text);
    assert_eq!(
        type_messages(&errs),
        vec![
            "json: cannot unmarshal string into Go struct field DaemonSetSpec.spec.minReadySeconds of type int32",
            "json: cannot unmarshal number into Go struct field ObjectMeta.spec.template.metadata.labels of type string",
            "json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.terminationGracePeriodSeconds of type int64",
            "json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.restartPolicy of type v1.RestartPolicy",
            "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.name of type string",
            "json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.args of type []string",
            "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32",
        ]
    );
    assert_eq!(errs[1].pos, Pos::new(5, 21));
    assert_eq!(errs[1].path, "spec.template.metadata.labels");
    assert!(errs.iter().all(|e| !e.fatal));
}

#[test]
fn metadata_labels_number_reads_like_the_go_message() {
    let errs = errors(
        "Namespace",
        "metadata:\n  name: a\n  labels:\n    tier: 3\n",
    );
    assert_eq!(errs[0].path, "metadata.labels");
    assert_eq!(
        errs[0].kind,
        FieldErrorKind::Type {
            go_struct: "ObjectMeta".into(),
            go_type: "string".into(),
            got: "number"
        }
    );
    assert_eq!(
        render_type(&errs[0]),
        "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"
    );
}

#[test]
fn wrong_container_types_name_the_go_type() {
    let errs = errors(
        "DaemonSet",
        "spec:\n  template:\n    spec:\n      containers: {name: a}\n      tolerations: [5]\n      nodeSelector: [a]\n",
    );
    assert_eq!(
        type_messages(&errs),
        vec![
            "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container",
            "json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.tolerations of type v1.Toleration",
            "json: cannot unmarshal array into Go struct field PodSpec.spec.template.spec.nodeSelector of type map[string]string",
        ]
    );
    let errs = errors("DaemonSet", "spec: []\n");
    assert_eq!(
        render_type(&errs[0]),
        "json: cannot unmarshal array into Go struct field DaemonSet.spec of type v1.DaemonSetSpec"
    );
    let errs = errors("DaemonSet", "- a\n");
    assert_eq!(
        render_type(&errs[0]),
        "json: cannot unmarshal array into Go value of type v1.DaemonSet"
    );
}

#[test]
fn embedded_structs_appear_in_go_paths() {
    let text = fluentd_with("          path: /var/log\n", "          path: 5\n");
    let errs = errors("DaemonSet", &text);
    assert_eq!(
        type_messages(&errs),
        vec!["json: cannot unmarshal number into Go struct field HostPathVolumeSource.spec.template.spec.volumes.VolumeSource.hostPath.path of type string"]
    );
    let errs = errors("Pod", "spec:\n  containers:\n  - name: a\n    livenessProbe:\n      httpGet: 1\n      periodSeconds: x\n");
    assert_eq!(
        type_messages(&errs),
        vec![
            "json: cannot unmarshal number into Go struct field Probe.spec.containers.livenessProbe.ProbeHandler.httpGet of type v1.HTTPGetAction",
            "json: cannot unmarshal string into Go struct field Probe.spec.containers.livenessProbe.periodSeconds of type int32",
        ]
    );
    let errs = errors("DaemonSet", "kind: 5\n");
    assert_eq!(
        render_type(&errs[0]),
        "json: cannot unmarshal number into Go struct field DaemonSet.TypeMeta.kind of type string"
    );
}

#[test]
fn integers_must_be_whole_and_in_range() {
    let ok = "spec:\n  minReadySeconds: 3.0\n  revisionHistoryLimit: 2147483647\n  template:\n    spec:\n      activeDeadlineSeconds: 9999999999\n";
    assert_eq!(errors("DaemonSet", ok), vec![]);
    let bad = "spec:\n  minReadySeconds: 2147483648\n  revisionHistoryLimit: -2147483649\n  template:\n    spec:\n      priority: 1e3\n      activeDeadlineSeconds: 0.5\n      hostPID: 1\n";
    let errs = errors("DaemonSet", bad);
    let got: Vec<_> = errs
        .iter()
        .map(|e| match &e.kind {
            FieldErrorKind::Type { go_type, got, .. } => format!("{} {go_type} {got}", e.path),
            k => panic!("{k:?}"),
        })
        .collect();
    assert_eq!(
        got,
        vec![
            "spec.minReadySeconds int32 number",
            "spec.revisionHistoryLimit int32 number",
            "spec.template.spec.activeDeadlineSeconds int64 number",
            "spec.template.spec.hostPID bool number",
        ]
    );
}

#[test]
fn int_or_string_takes_ints_and_strings() {
    for value in ["\"10%\"", "1", "0", "25%", "2.0"] {
        let text = format!(
            "spec:\n  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: {value}\n      maxSurge: 0\n"
        );
        assert_eq!(errors("DaemonSet", &text), vec![], "{value}");
    }
    let text = "spec:\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: true\n      maxSurge: 1.5\n";
    let errs = errors("DaemonSet", text);
    assert_eq!(
        type_messages(&errs),
        vec![
            "json: cannot unmarshal bool into Go struct field RollingUpdateDaemonSet.spec.updateStrategy.rollingUpdate.maxUnavailable of type int32",
            "json: cannot unmarshal number into Go struct field RollingUpdateDaemonSet.spec.updateStrategy.rollingUpdate.maxSurge of type int32",
        ]
    );
    assert!(errs.iter().all(|e| e.fatal));
}

#[test]
fn quantities_take_numbers_and_quantity_strings() {
    let text = fluentd_with(
        "            cpu: 100m",
        "            cpu: 0.5\n            nvidia.com/gpu: 1",
    );
    assert_eq!(errors("DaemonSet", &text), vec![]);
    let text = fluentd_with(
        "            memory: 200Mi\n          requests",
        "            memory: 200MB\n          requests",
    );
    let errs = errors("DaemonSet", &text);
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs[0].path,
        "spec.template.spec.containers[0].resources.limits.memory"
    );
    assert_eq!(errs[0].pos, Pos::new(31, 21));
    assert_eq!(render_type(&errs[0]), super::strict::QUANTITY_FORMAT);
    assert!(errs[0].fatal);
    let errs = errors("Pod", "spec:\n  overhead: {cpu: true}\n  volumes:\n  - name: a\n    emptyDir: {sizeLimit: lots}\n");
    assert_eq!(
        type_messages(&errs),
        vec![
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        ]
    );
}

#[test]
fn quantity_syntax_follows_parse_quantity() {
    for ok in [
        "0", "1", "100m", "0.5", ".5", "1.", "1.5Gi", "+1", "-1", "1e3", "1E-3", "2Ei", "12E",
        "  3Ki ", "-", "000", "1e+9",
    ] {
        assert_eq!(parse_quantity(ok), Ok(()), "{ok:?}");
    }
    let format = Err(super::strict::QUANTITY_FORMAT);
    for (bad, want) in [
        ("", format),
        ("abc", format),
        ("1 Gi", format),
        ("1.5.5", format),
        ("100x", format),
        ("200MB", format),
        ("1Gi5", Err("unable to parse quantity's suffix")),
        ("100mm", Err("unable to parse quantity's suffix")),
        ("1ki", Err("unable to parse quantity's suffix")),
        ("1e", Err("unable to parse quantity's suffix")),
        ("m", Err("unable to parse numeric part of quantity")),
        (".", Err("unable to parse numeric part of quantity")),
        ("+.Mi", Err("unable to parse numeric part of quantity")),
    ] {
        assert_eq!(parse_quantity(bad), want, "{bad:?}");
    }
}

#[test]
fn times_take_strings_and_free_form_takes_anything() {
    let errs = errors("Namespace", "metadata:\n  creationTimestamp: 5\n  managedFields:\n  - fieldsV1: [1, 2]\n    time: null\n");
    assert_eq!(
        type_messages(&errs),
        vec!["json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string"]
    );
    assert!(errs[0].fatal);
}

#[test]
fn null_is_accepted_everywhere() {
    let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\n  creationTimestamp: null\n  labels: null\nspec:\n  minReadySeconds: null\n  selector: null\n  template:\n    metadata: {creationTimestamp: null}\n    spec:\n      hostNetwork: ~\n      containers: [null, {name: a, resources: {limits: {cpu: null}}}]\n      tolerations: null\n  updateStrategy: {rollingUpdate: {maxUnavailable: null}}\nstatus: null\n";
    assert_eq!(errors("DaemonSet", text), vec![]);
}

#[test]
fn decode_error_prefers_the_first_fatal_error() {
    let text = "spec:\n  minReadySeconds: x\n  updateStrategy:\n    rollingUpdate: {maxUnavailable: [1], maxSurge: false}\n";
    let errs = errors("DaemonSet", text);
    assert_eq!(errs.len(), 3);
    assert_eq!(decode_error(&errs), Some(&errs[1]));
    let errs = errors(
        "DaemonSet",
        "spec:\n  minReadySeconds: x\n  revisionHistoryLimit: y\n  foo: 1\n",
    );
    assert_eq!(decode_error(&errs), Some(&errs[0]));
    assert_eq!(
        render_strict(&errs).as_deref(),
        Some(r#"strict decoding error: unknown field "spec.foo""#)
    );
}

#[test]
fn fields_are_case_sensitive_and_json_works_too() {
    let errs = errors(
        "Pod",
        r#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"Name": "a"}, "spec": {"containers": [{"name": "a", "image": "b"}]}}"#,
    );
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].path, "metadata.Name");
    assert_eq!(errs[0].kind, FieldErrorKind::Unknown);
}

#[test]
fn roots() {
    for k in [
        "DaemonSet",
        "Node",
        "Pod",
        "Namespace",
        "ControllerRevision",
        "PriorityClass",
    ] {
        assert!(known_root(k), "{k}");
    }
    assert!(!known_root("Deployment"));
    assert!(!known_root("PodSpec"));
    assert_eq!(errors("Deployment", "spec: {foo: 1}\n"), vec![]);
}

#[test]
fn table_decodes_and_is_consistent() {
    let s = schema();
    assert_eq!(s.len(), table::STRUCTS.len());
    fn check_ty(ty: &Ty, n: usize) {
        match ty {
            Ty::Obj(i) => assert!((*i as usize) < n),
            Ty::List(t) | Ty::Map(t) => check_ty(t, n),
            _ => {}
        }
    }
    for def in s {
        assert!(
            def.fields.windows(2).all(|w| w[0].name < w[1].name),
            "{} not sorted",
            def.name
        );
        for f in &def.fields {
            check_ty(&f.ty, s.len());
            assert_eq!(def.field(f.name).map(|i| def.fields[i].name), Some(f.name));
        }
    }
    let field = |st: &str, f: &str| {
        let def = s.iter().find(|d| d.name == st).unwrap();
        go_type(&def.fields[def.field(f).unwrap()].ty)
    };
    assert_eq!(field("PodSpec", "containers"), "[]v1.Container");
    assert_eq!(field("PodSpec", "terminationGracePeriodSeconds"), "int64");
    assert_eq!(field("ContainerPort", "hostPort"), "int32");
    assert_eq!(field("ResourceRequirements", "limits"), "v1.ResourceList");
    assert_eq!(field("ObjectMeta", "labels"), "map[string]string");
    assert_eq!(field("ObjectMeta", "uid"), "types.UID");
    assert_eq!(field("Toleration", "effect"), "v1.TaintEffect");
    assert_eq!(field("DaemonEndpoint", "Port"), "int32");
    assert_eq!(
        field("RollingUpdateDaemonSet", "maxSurge"),
        "intstr.IntOrString"
    );
}

const _: () = assert!(STATIC_BYTES < 40_000, "the schema table should stay small");
