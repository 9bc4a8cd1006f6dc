# lesson: Creating a DaemonSet
# namespace: logging
# A DaemonSet runs one copy of a pod on every node that qualifies. It has no
# `replicas` field: the number of pods follows the number of nodes. Log collectors
# (fluentd, filebeat), monitoring agents (node-exporter), network plugins (Calico,
# kube-proxy) and storage daemons run this way.
#
# In this lesson you deploy the fluentd log collector in its own namespace, watch its
# pods start, and see the DaemonSet follow nodes as they join and leave.

# step: Meet the cluster
# The cluster has three nodes, as kubeadm sets them up: a control plane and two
# workers. The control plane carries the taint
# `node-role.kubernetes.io/control-plane:NoSchedule`, which keeps ordinary pods off it.
#
# Look around with `kubectl get nodes` and `kubectl describe node control-plane`.
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
    name: worker-1
- apiVersion: v1
  kind: Node
  metadata:
    name: worker-2
EOF
# task: Create the namespace `logging`, where fluentd will run.
# solution: kubectl create namespace logging
# check: ns/logging exists

# step: Create the DaemonSet
# This is the fluentd DaemonSet. The parts that matter:
#
# - `spec.selector` picks the pods the DaemonSet owns. It must match the labels of
#   `spec.template`, or the API server rejects the object, and it cannot be changed
#   later.
# - `spec.template` is the pod that runs on each node: fluentd, reading the node's
#   `/var/log` through a hostPath volume.
# - There is no `replicas` field.
#
#     apiVersion: apps/v1
#     kind: DaemonSet
#     metadata:
#       name: fluentd
#       namespace: logging
#       labels:
#         app: fluentd-logging
#     spec:
#       selector:
#         matchLabels:
#           name: fluentd
#       template:
#         metadata:
#           labels:
#             name: fluentd
#         spec:
#           containers:
#           - name: fluentd-elasticsearch
#             image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
#             resources:
#               limits:
#                 memory: 200Mi
#               requests:
#                 cpu: 100m
#                 memory: 200Mi
#             volumeMounts:
#             - name: varlog
#               mountPath: /var/log
#           terminationGracePeriodSeconds: 30
#           volumes:
#           - name: varlog
#             hostPath:
#               path: /var/log
# task: Apply this manifest, then look at `kubectl get ds -n logging` and
# `kubectl get pods -n logging -o wide`.
# solution: kubectl apply -f - <<EOF
# apiVersion: apps/v1
# kind: DaemonSet
# metadata:
#   name: fluentd
#   namespace: logging
#   labels:
#     app: fluentd-logging
# spec:
#   selector:
#     matchLabels:
#       name: fluentd
#   template:
#     metadata:
#       labels:
#         name: fluentd
#     spec:
#       containers:
#       - name: fluentd-elasticsearch
#         image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
#         resources:
#           limits:
#             memory: 200Mi
#           requests:
#             cpu: 100m
#             memory: 200Mi
#         volumeMounts:
#         - name: varlog
#           mountPath: /var/log
#       terminationGracePeriodSeconds: 30
#       volumes:
#       - name: varlog
#         hostPath:
#           path: /var/log
# EOF
# check: ds/fluentd exists
# check: ds/fluentd has 2 pods
# check: ds/fluentd has a pod on worker-1
# check: ds/fluentd has a pod on worker-2
# check: ds/fluentd desiredNumberScheduled is 2

# step: Why not the control plane?
# DESIRED is 2, not 3. The DaemonSet controller asks of every node whether its pod
# should run there: the pod must match the node's labels (nodeSelector and node
# affinity) and tolerate the node's NoSchedule and NoExecute taints. The fluentd pod
# does not tolerate `node-role.kubernetes.io/control-plane:NoSchedule`, so the
# control plane gets no pod. `kubectl describe ds fluentd -n logging` says so for
# each node. (The lesson on taints shows how to tolerate it.)
#
# DaemonSet pods do get a few tolerations added for them, such as
# `node.kubernetes.io/unschedulable:NoSchedule` (so a cordoned node keeps its daemon)
# and `node.kubernetes.io/not-ready:NoExecute`; see them with
# `kubectl describe pod -n logging`.
# check: node/control-plane has taint node-role.kubernetes.io/control-plane:NoSchedule
# check: node/control-plane has no pods
# check: output of `kubectl describe ds fluentd -n logging` contains "control-plane"

# step: Wait until the pods are ready
# The pods exist, but their image is still being pulled: READY in `kubectl get ds`
# is 0. In this playground, time only moves when you let it: run the clock, or use a
# command that waits. `kubectl rollout status` waits until every node runs an updated
# pod that is available.
# task: Wait for the DaemonSet with `kubectl rollout status ds/fluentd -n logging`.
# solution: kubectl rollout status ds/fluentd -n logging
# check: ds/fluentd has 2 ready pods
# check: ds/fluentd numberReady is 2
# check: ds/fluentd is rolled out

# step: A node joins
# When a node joins, the DaemonSet controller creates a pod for it at once. Nobody
# scales anything.
# task: Add a node named `worker-3` (apply a Node object with that name).
# solution: kubectl apply -f - <<EOF
# apiVersion: v1
# kind: Node
# metadata:
#   name: worker-3
# EOF
# check: node/worker-3 exists
# check: ds/fluentd has a pod on worker-3
# check: ds/fluentd desiredNumberScheduled is 3

# step: A node leaves
# The DaemonSet controller does not delete pods of a node that was removed. The pod
# garbage collector does, once the node has been gone for a while (about 40 seconds
# here). Until then the pod is still listed.
# task: Delete the node `worker-3` and let a minute pass (`sleep 60`).
# solution: kubectl delete node worker-3
# solution: sleep 60
# check: node/worker-3 does not exist
# check: ds/fluentd has no pod on worker-3
# check: ds/fluentd has 2 pods
# check: ds/fluentd desiredNumberScheduled is 2
