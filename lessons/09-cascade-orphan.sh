# lesson: Deleting a DaemonSet with --cascade=orphan
# namespace: logging
# Deleting a DaemonSet normally deletes its pods too: the garbage collector follows
# the pods' `ownerReferences`. With `kubectl delete --cascade=orphan` (written
# `--cascade=false` in older kubectl and tutorials) the garbage collector removes
# those references instead and the pods keep running, owned by nobody.

# step: fluentd on three workers
kubectl apply -f - <<EOF
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: worker-1
- apiVersion: v1
  kind: Node
  metadata:
    name: worker-2
- apiVersion: v1
  kind: Node
  metadata:
    name: worker-3
EOF
kubectl create namespace logging
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  namespace: logging
spec:
  selector:
    matchLabels:
      name: fluentd
  template:
    metadata:
      labels:
        name: fluentd
    spec:
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
EOF
kubectl rollout status ds/fluentd -n logging
# check: ds/fluentd has 3 ready pods

# step: Orphan the pods
# task: Delete the DaemonSet with `--cascade=orphan` and list the pods.
# solution: kubectl delete ds fluentd -n logging --cascade=orphan
# check: ds/fluentd does not exist
# check: there are 3 pods labelled name=fluentd without an owner
# check: there are no terminating pods

# step: Adoption
# A new DaemonSet whose selector matches the orphans adopts them, and the old
# ControllerRevision too. When its template is the same, the pods' revision hash
# matches, so nothing restarts: the pods keep their names and ages. (With a
# different template, a RollingUpdate DaemonSet would replace them.)
# task: Apply the fluentd DaemonSet again, unchanged (its manifest is below), and
# compare the pod names with those before.
#
#     apiVersion: apps/v1
#     kind: DaemonSet
#     metadata:
#       name: fluentd
#       namespace: logging
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
# solution: kubectl apply -f - <<EOF
# apiVersion: apps/v1
# kind: DaemonSet
# metadata:
#   name: fluentd
#   namespace: logging
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
# EOF
# check: ds/fluentd has 3 pods
# check: ds/fluentd has 3 pods of revision 1
# check: there are no pods without an owner
# check: there are no terminating pods

# step: Delete it for good
# Without `--cascade` (the same as `--cascade=background`), the DaemonSet goes at
# once and the garbage collector deletes its pods.
# task: Delete the DaemonSet the usual way and let a few seconds pass.
# solution: kubectl delete ds fluentd -n logging
# solution: sleep 5
# check: ds/fluentd does not exist
# check: there are no pods labelled name=fluentd
