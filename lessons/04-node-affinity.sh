# lesson: Node affinity: a DaemonSet for the GPU pool
# namespace: monitoring
# Node affinity is a richer nodeSelector. Its required part,
# `requiredDuringSchedulingIgnoredDuringExecution`, is a list of terms; a node
# matches when any one term matches, and a term matches when all of its expressions
# do. Expressions use the operators `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` and
# `Lt` on node labels (`matchExpressions`), or `In` and `NotIn` on the node's name
# (`matchFields` with the key `metadata.name`, the only field it supports).
#
# This lesson runs a GPU metrics exporter on the GPU nodes of a cluster.

# step: An exporter for the GPU nodes
# The cluster has a control plane, a CPU worker `cpu-1` and two GPU workers labelled
# with their accelerator. The exporter's template requires:
#
#     affinity:
#       nodeAffinity:
#         requiredDuringSchedulingIgnoredDuringExecution:
#           nodeSelectorTerms:
#           - matchExpressions:
#             - key: accelerator
#               operator: In
#               values: [nvidia-t4, nvidia-a100]
#
# so it runs on `gpu-1` and `gpu-2` only. A `preferredDuringScheduling...` rule
# would make no difference here: the DaemonSet controller decides placement from the
# required rules (and taints) alone.
kubectl apply -f - <<EOF
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: control-plane
    labels:
      node-role.kubernetes.io/control-plane: ""
  spec:
    taints:
    - key: node-role.kubernetes.io/control-plane
      effect: NoSchedule
- apiVersion: v1
  kind: Node
  metadata:
    name: cpu-1
- apiVersion: v1
  kind: Node
  metadata:
    name: gpu-1
    labels:
      accelerator: nvidia-t4
- apiVersion: v1
  kind: Node
  metadata:
    name: gpu-2
    labels:
      accelerator: nvidia-a100
EOF
kubectl create namespace monitoring
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: gpu-exporter
  namespace: monitoring
spec:
  selector:
    matchLabels:
      app: gpu-exporter
  template:
    metadata:
      labels:
        app: gpu-exporter
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: accelerator
                operator: In
                values: [nvidia-t4, nvidia-a100]
      containers:
      - name: exporter
        image: nvcr.io/nvidia/k8s/dcgm-exporter:3.3.5-3.4.0-ubuntu22.04
EOF
kubectl rollout status ds/gpu-exporter -n monitoring
# check: ds/gpu-exporter has a pod on gpu-1
# check: ds/gpu-exporter has a pod on gpu-2
# check: node/cpu-1 has no pods
# check: ds/gpu-exporter desiredNumberScheduled is 2

# step: A new kind of GPU
# A node with a new accelerator, `nvidia-l4`, has just joined as `gpu-3`. It got no
# exporter: `nvidia-l4` is not in the `In` list. Rather than list every model, ask
# only that the label exists: `operator: Exists`, with no `values`.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Node
metadata:
  name: gpu-3
  labels:
    accelerator: nvidia-l4
EOF
# task: Change the expression to `key: accelerator, operator: Exists` and wait for
# the rollout (`kubectl rollout status ds/gpu-exporter -n monitoring`). Changing the
# template replaces the pods on `gpu-1` and `gpu-2` too.
# solution: kubectl patch ds gpu-exporter -n monitoring --type merge -p '{"spec":{"template":{"spec":{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"accelerator","operator":"Exists"}]}]}}}}}}}'
# solution: kubectl rollout status ds/gpu-exporter -n monitoring
# check: ds/gpu-exporter has a pod on gpu-3
# check: ds/gpu-exporter has no pod on cpu-1
# check: ds/gpu-exporter has 3 pods of revision 2
# check: ds/gpu-exporter is rolled out

# step: IgnoredDuringExecution does not protect daemon pods
# For ordinary pods, `IgnoredDuringExecution` means the scheduler checks the rule once:
# a running pod stays when the node's labels change. The DaemonSet controller checks
# the required rules on every sync, so when a node stops matching, its daemon pod is
# deleted.
# task: Remove the `accelerator` label from `gpu-1` (`kubectl label node gpu-1
# accelerator-`) and let a few seconds pass.
# solution: kubectl label node gpu-1 accelerator-
# solution: sleep 5
# check: node/gpu-1 has no label accelerator
# check: ds/gpu-exporter has no pod on gpu-1
# check: ds/gpu-exporter desiredNumberScheduled is 2

# step: Leave one node out by name
# `gpu-2` is being repaired and should run no exporter, whatever its labels. Within
# one term, `matchExpressions` and `matchFields` must all match, so add to the term:
#
#     matchFields:
#     - key: metadata.name
#       operator: NotIn
#       values: [gpu-2]
# task: Add this `matchFields` expression to the term, wait a few seconds, and check
# that `gpu-2` has lost its pod while `gpu-3` keeps one.
# solution: kubectl patch ds gpu-exporter -n monitoring --type merge -p '{"spec":{"template":{"spec":{"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"accelerator","operator":"Exists"}],"matchFields":[{"key":"metadata.name","operator":"NotIn","values":["gpu-2"]}]}]}}}}}}}'
# solution: kubectl rollout status ds/gpu-exporter -n monitoring
# solution: sleep 5
# check: ds/gpu-exporter has no pod on gpu-2
# check: ds/gpu-exporter has a pod on gpu-3
# check: ds/gpu-exporter desiredNumberScheduled is 1
# check: ds/gpu-exporter is rolled out
