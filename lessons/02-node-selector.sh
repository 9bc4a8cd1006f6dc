# lesson: nodeSelector: a DaemonSet for some nodes only
# Not every daemon belongs on every node. `ssd-monitor` watches SSDs, so it should
# run only where there is one. A `nodeSelector` in the pod template limits the
# DaemonSet to nodes that carry all of the given labels.

# step: A DaemonSet that waits for the right nodes
# The cluster has a control plane (`k8s-master`, tainted NoSchedule) and two workers.
# The DaemonSet below has just been applied. Its template says
#
#     nodeSelector:
#       disk: ssd
#
# and no node has that label yet, so DESIRED in `kubectl get ds` is 0 and there are
# no pods. That is not an error: the DaemonSet is waiting for matching nodes.
kubectl apply -f - <<EOF
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: k8s-master
    labels:
      node-role.kubernetes.io/control-plane: ""
  spec:
    taints:
    - key: node-role.kubernetes.io/control-plane
      effect: NoSchedule
- apiVersion: v1
  kind: Node
  metadata:
    name: k8s-node1
- apiVersion: v1
  kind: Node
  metadata:
    name: k8s-node2
EOF
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: main
        image: luksa/ssd-monitor
EOF
# check: ds/ssd-monitor has no pods
# check: ds/ssd-monitor desiredNumberScheduled is 0

# step: Label a node
# The DaemonSet controller watches nodes. As soon as a node gains the label, it
# matches the nodeSelector and gets a pod.
# task: Label `k8s-node1` with `disk=ssd`.
# solution: kubectl label node k8s-node1 disk=ssd
# check: node/k8s-node1 has label disk=ssd
# check: ds/ssd-monitor has a pod on k8s-node1
# check: ds/ssd-monitor has 1 pod
# check: ds/ssd-monitor desiredNumberScheduled is 1

# step: Change the label
# Suppose the disk of `k8s-node1` is replaced by a hard disk. When a node stops
# matching the nodeSelector, the DaemonSet controller deletes its pod right away
# (whatever the update strategy says), and the pod shuts down within its grace
# period. A deleted pod shows as Terminating until it has stopped, so let a few
# seconds pass before you look.
# task: Change the label of `k8s-node1` to `disk=hdd` (`--overwrite`), then wait a
# few seconds (`sleep 5`).
# solution: kubectl label node k8s-node1 disk=hdd --overwrite
# solution: sleep 5
# check: node/k8s-node1 has label disk=hdd
# check: ds/ssd-monitor has no pod on k8s-node1
# check: ds/ssd-monitor desiredNumberScheduled is 0

# step: The control plane
# A nodeSelector only narrows the nodes; it does not override taints. The control
# plane's `node-role.kubernetes.io/control-plane:NoSchedule` taint still keeps the
# pod away, even with the right label: the pod would also need a toleration.
# task: Label both `k8s-master` and `k8s-node2` with `disk=ssd`.
# solution: kubectl label node k8s-master disk=ssd
# solution: kubectl label node k8s-node2 disk=ssd
# check: node/k8s-master has label disk=ssd
# check: node/k8s-node2 has label disk=ssd
# check: ds/ssd-monitor has a pod on k8s-node2
# check: ds/ssd-monitor has no pod on k8s-master
# check: ds/ssd-monitor desiredNumberScheduled is 1
