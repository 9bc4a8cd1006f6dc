# lesson: The OnDelete update strategy
# namespace: logging
# With `updateStrategy: {type: OnDelete}` the DaemonSet controller does not replace
# pods when the template changes. A node gets the new template only when its pod is
# deleted (by you, by an eviction, or because it failed) and the controller creates
# the replacement. You decide when each node is updated.

# step: fluentd with OnDelete
# fluentd runs on three workers with the OnDelete strategy. `kubectl rollout status`
# refuses to work for it: it only follows RollingUpdate.
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
  updateStrategy:
    type: OnDelete
  template:
    metadata:
      labels:
        name: fluentd
    spec:
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
EOF
sleep 10
# check: ds/fluentd has 3 ready pods
# check: output of `kubectl rollout status ds/fluentd -n logging` contains "only available for RollingUpdate"

# step: Change the template
# task: Change the image to `quay.io/fluentd_elasticsearch/fluentd:v2.6.0`, let some
# time pass (`sleep 30`) and look at the pods: nothing has been replaced. The
# DaemonSet is at revision 2, UP-TO-DATE in `kubectl get ds` is 0.
# solution: kubectl set image ds/fluentd fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 -n logging
# solution: sleep 30
# check: ds/fluentd is at revision 2
# check: ds/fluentd has 3 pods of revision 1
# check: ds/fluentd has no terminating pods
# check: ds/fluentd updatedNumberScheduled is 0

# step: Replace the pods
# Delete the pods yourself. `kubectl delete` waits until they are gone; the
# controller then creates new ones from the current template. You choose which nodes
# to update and when: delete one pod by name (`kubectl get pods -n logging -o wide`
# shows which is where) to update one node, or all of them at once, as here. OnDelete
# has no `maxUnavailable`: every node whose pod you delete is without its daemon
# until the new pod starts.
# task: Delete the fluentd pods (`-l name=fluentd`), let a few seconds pass, and
# compare the pods' images and ages with before.
# solution: kubectl delete pod -n logging -l name=fluentd
# solution: sleep 5
# check: ds/fluentd has 3 pods of revision 2
# check: ds/fluentd has no pods of revision 1
# check: ds/fluentd updatedNumberScheduled is 3
# check: ds/fluentd numberReady is 3
