# lesson: Rolling update with maxUnavailable
# namespace: logging
# When the pod template of a DaemonSet changes, the default update strategy,
# `RollingUpdate`, replaces its pods a few nodes at a time. With `maxSurge: 0` (the
# default) a node's old pod is deleted first and the new pod is created once the old
# one is gone, so the node has no daemon for a moment. `maxUnavailable` (default 1)
# caps how many nodes may be without an available daemon pod at once.

# step: fluentd on four workers
# fluentd runs on four workers with
#
#     updateStrategy:
#       type: RollingUpdate
#       rollingUpdate:
#         maxUnavailable: 1
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
- apiVersion: v1
  kind: Node
  metadata:
    name: worker-4
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
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
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
# check: ds/fluentd has 4 ready pods
# check: ds/fluentd is at revision 1

# step: Start the update
# A new image is a change of the pod template: the DaemonSet gets revision 2 (a
# ControllerRevision holds each template) and the rollout starts. Right after the
# change, exactly one old pod is terminating and the other three still run revision 1.
# task: Change the image to `quay.io/fluentd_elasticsearch/fluentd:v2.6.0` with
# `kubectl set image ds/fluentd fluentd-elasticsearch=... -n logging`, without
# waiting, and look at `kubectl get pods -n logging`.
# solution: kubectl set image ds/fluentd fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 -n logging
# check: ds/fluentd is at revision 2
# check: ds/fluentd has 1 terminating pod
# check: ds/fluentd has 3 non-terminating pods of revision 1
# check: ds/fluentd is not rolled out

# step: Let it finish
# The next node's turn comes only when the new pod is available (Ready, and Ready for
# `minReadySeconds` if set). Step the clock to watch one node at a time, or wait.
# task: Wait for the rollout with `kubectl rollout status ds/fluentd -n logging`.
# solution: kubectl rollout status ds/fluentd -n logging
# check: ds/fluentd is rolled out
# check: ds/fluentd has 4 non-terminating pods of revision 2
# check: ds/fluentd updatedNumberScheduled is 4

# step: Faster: maxUnavailable 50%
# A percentage is taken of the nodes that should run the pod and rounded up, so 50%
# of 4 is 2 nodes at a time. (Deployments round maxUnavailable down; DaemonSets round
# it up.) Changing the strategy alone is not a template change and replaces nothing.
# task: Set `maxUnavailable` to `50%` (for example
# `kubectl patch ds fluentd -n logging -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxUnavailable":"50%"}}}}'`),
# then change the image to `quay.io/fluentd_elasticsearch/fluentd:v2.7.0`, without
# waiting.
# solution: kubectl patch ds fluentd -n logging -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxUnavailable":"50%"}}}}'
# solution: kubectl set image ds/fluentd fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.7.0 -n logging
# check: output of `kubectl get ds fluentd -n logging -o yaml` contains "maxUnavailable: 50%"
# check: ds/fluentd is at revision 3
# check: ds/fluentd has 2 terminating pods
# check: ds/fluentd has 2 non-terminating pods of revision 2

# step: Two at a time
# The rollout goes on two nodes at a time until every node runs revision 3.
kubectl rollout status ds/fluentd -n logging
# check: ds/fluentd is rolled out
# check: ds/fluentd has 4 non-terminating pods of revision 3
