# lesson: Taints and tolerations
# namespace: logging
# A taint on a node repels pods that do not tolerate it. The effect decides how hard:
#
# - `NoSchedule`: no new pod is placed there; pods already running stay.
# - `NoExecute`: pods that do not tolerate it are also evicted.
# - `PreferNoSchedule`: a soft preference of the scheduler; the DaemonSet controller
#   ignores it.
#
# This lesson taints a worker under the fluentd DaemonSet and then teaches fluentd to
# tolerate it, and the control plane's taint too.

# step: fluentd on two workers
# fluentd runs on `worker-1` and `worker-2`, but not on `control-plane`, whose
# `node-role.kubernetes.io/control-plane:NoSchedule` taint it does not tolerate.
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
kubectl create namespace logging
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  namespace: logging
  labels:
    app: fluentd-logging
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
      terminationGracePeriodSeconds: 30
EOF
kubectl rollout status ds/fluentd -n logging
# check: ds/fluentd has 2 ready pods
# check: node/control-plane has no pods

# step: NoSchedule keeps running pods
# A `NoSchedule` taint only stops new pods. For a DaemonSet that means: the pod
# already on the node keeps running, but the node no longer counts in DESIRED, and
# the pod counts as misscheduled (`numberMisscheduled`). If it were deleted, no new
# pod would replace it.
#
# The status shows this only after the DaemonSet's next sync. A node change wakes a
# DaemonSet only when it must create or delete a pod on that node (or already counts
# misscheduled pods), so right after the taint `kubectl get ds` still says DESIRED 2.
# Any write to the DaemonSet or its pods brings the status up to date, for example a
# label on the DaemonSet.
# task: Taint `worker-2` with `app=fluentd-logging:NoSchedule`, then label the
# DaemonSet (`kubectl label ds fluentd -n logging tainted=worker-2`) and look at
# `kubectl get ds -n logging`.
# solution: kubectl taint node worker-2 app=fluentd-logging:NoSchedule
# solution: kubectl label ds fluentd -n logging tainted=worker-2
# check: node/worker-2 has taint app=fluentd-logging:NoSchedule
# check: ds/fluentd has 1 pod on worker-2
# check: ds/fluentd desiredNumberScheduled is 1
# check: ds/fluentd numberMisscheduled is 1

# step: NoExecute evicts
# A `NoExecute` taint that the pod does not tolerate removes it: the DaemonSet
# controller deletes its pod there (and the taint eviction controller would too).
# task: Remove the NoSchedule taint from `worker-2` (`app:NoSchedule-`), taint it with
# `app=fluentd-logging:NoExecute` instead, and let a few seconds pass (`sleep 5`).
# solution: kubectl taint node worker-2 app:NoSchedule-
# solution: kubectl taint node worker-2 app=fluentd-logging:NoExecute
# solution: sleep 5
# check: node/worker-2 has no taint app:NoSchedule
# check: node/worker-2 has taint app=fluentd-logging:NoExecute
# check: ds/fluentd has no pod on worker-2
# check: ds/fluentd desiredNumberScheduled is 1
# check: ds/fluentd numberMisscheduled is 0

# step: Tolerate the taint
# A toleration in the pod template lets the pod onto the tainted node:
#
#     tolerations:
#     - key: app
#       operator: Equal
#       value: fluentd-logging
#       effect: NoExecute
#
# Adding it changes the pod template, so the DaemonSet gets a new revision and its
# pods are replaced one by one (a rolling update); `worker-2` gets a pod of the new
# revision.
# task: Add this toleration to the DaemonSet (edit and apply the manifest, or use
# `kubectl patch`), then wait for `kubectl rollout status ds/fluentd -n logging`.
# solution: kubectl patch ds fluentd -n logging --type merge -p '{"spec":{"template":{"spec":{"tolerations":[{"key":"app","operator":"Equal","value":"fluentd-logging","effect":"NoExecute"}]}}}}'
# solution: kubectl rollout status ds/fluentd -n logging
# check: ds/fluentd has a pod on worker-2
# check: ds/fluentd is at revision 2
# check: ds/fluentd has 2 pods of revision 2
# check: ds/fluentd is rolled out

# step: The control plane too
# Node agents such as log collectors usually belong on the control plane as well.
# Tolerate its taint with
#
#     - key: node-role.kubernetes.io/control-plane
#       operator: Exists
#       effect: NoSchedule
#
# `operator: Exists` matches the key whatever its value. Keep the first toleration:
# tolerations are a list, and a list in a patch or an apply replaces the old one.
# task: Make fluentd tolerate the control plane's taint as well, and wait for the
# rollout.
# solution: kubectl patch ds fluentd -n logging --type merge -p '{"spec":{"template":{"spec":{"tolerations":[{"key":"app","operator":"Equal","value":"fluentd-logging","effect":"NoExecute"},{"key":"node-role.kubernetes.io/control-plane","operator":"Exists","effect":"NoSchedule"}]}}}}'
# solution: kubectl rollout status ds/fluentd -n logging
# check: ds/fluentd has a pod on control-plane
# check: ds/fluentd has a pod on worker-2
# check: ds/fluentd desiredNumberScheduled is 3
# check: ds/fluentd is rolled out
