# lesson: Rollback to a revision
# namespace: logging
# Every pod template a DaemonSet has run is kept in a ControllerRevision, numbered in
# order (up to `revisionHistoryLimit` old ones, 10 by default). `kubectl rollout
# history` lists them and `kubectl rollout undo` puts an old template back.

# step: Three revisions
# fluentd was deployed with v2.5.2, then updated to v2.6.0 and to v2.7.0: three
# templates, three revisions. See them with
# `kubectl rollout history ds/fluentd -n logging` and one in detail with
# `--revision=1`. `kubectl get controllerrevisions -n logging` shows the objects.
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
kubectl set image ds/fluentd fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 -n logging
kubectl rollout status ds/fluentd -n logging
kubectl set image ds/fluentd fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.7.0 -n logging
kubectl rollout status ds/fluentd -n logging
# check: ds/fluentd has revisions 1,2,3
# check: ds/fluentd is at revision 3
# check: ds/fluentd uses image quay.io/fluentd_elasticsearch/fluentd:v2.7.0
# check: output of `kubectl rollout history ds/fluentd -n logging --revision=1` contains "fluentd:v2.5.2"

# step: Back to revision 1
# `kubectl rollout undo --to-revision=1` copies revision 1's template into the
# DaemonSet, and a rolling update follows. No new ControllerRevision is made: the
# old one becomes current again and is renumbered to the next number, 4. So the
# history afterwards reads 2, 3, 4.
# task: Roll fluentd back to revision 1 and wait for the rollout.
# solution: kubectl rollout undo ds/fluentd -n logging --to-revision=1
# solution: kubectl rollout status ds/fluentd -n logging
# check: ds/fluentd uses image quay.io/fluentd_elasticsearch/fluentd:v2.5.2
# check: ds/fluentd is at revision 4
# check: ds/fluentd has revisions 2,3,4
# check: ds/fluentd is rolled out
# check: ds/fluentd has 3 non-terminating pods of revision 4

# step: Undo the undo
# Without `--to-revision`, `kubectl rollout undo` goes back to the revision before
# the current one: the highest number below it. That is now revision 3, v2.7.0,
# which becomes revision 5.
# task: Run `kubectl rollout undo ds/fluentd -n logging` and wait for the rollout.
# solution: kubectl rollout undo ds/fluentd -n logging
# solution: kubectl rollout status ds/fluentd -n logging
# check: ds/fluentd uses image quay.io/fluentd_elasticsearch/fluentd:v2.7.0
# check: ds/fluentd is at revision 5
# check: ds/fluentd has revisions 2,4,5
# check: ds/fluentd is rolled out
