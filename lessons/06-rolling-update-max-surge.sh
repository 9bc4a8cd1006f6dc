# lesson: Rolling update with maxSurge
# namespace: monitoring
# With `maxSurge` above 0, a rolling update starts the new pod on a node before it
# deletes the old one: for a moment the node runs both, and the old pod is deleted
# once the new one is available. The daemon never stops on that node. `maxSurge`
# caps how many nodes are in this state at once.

# step: node-exporter on three workers
# node-exporter runs with the default strategy: `maxUnavailable: 1`, `maxSurge: 0`.
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
kubectl create namespace monitoring
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
spec:
  selector:
    matchLabels:
      app: node-exporter
  template:
    metadata:
      labels:
        app: node-exporter
    spec:
      containers:
      - name: node-exporter
        image: prom/node-exporter:v1.7.0
EOF
kubectl rollout status ds/node-exporter -n monitoring
# check: ds/node-exporter has 3 ready pods
# check: output of `kubectl get ds node-exporter -n monitoring -o yaml` contains "maxUnavailable: 1"

# step: Switch to surge
# `maxUnavailable` and `maxSurge` cannot both be non-zero, and cannot both be zero.
# Since `maxUnavailable` defaults to 1, setting only `maxSurge: 1` is rejected: set
# `maxUnavailable: 0` in the same change. Try it both ways.
# task: Set the strategy to `maxSurge: 1` and `maxUnavailable: 0`.
# solution: kubectl patch ds node-exporter -n monitoring -p '{"spec":{"updateStrategy":{"rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}'
# check: output of `kubectl get ds node-exporter -n monitoring -o yaml` contains "maxSurge: 1"
# check: output of `kubectl get ds node-exporter -n monitoring -o yaml` contains "maxUnavailable: 0"
# check: ds/node-exporter is at revision 1

# step: Surge
# Now change the image. On one node a second pod starts next to the old one, which
# keeps running: the DaemonSet has four pods for three nodes, and all three old pods
# are still available.
# task: Change the image to `prom/node-exporter:v1.8.0` without waiting
# (`kubectl set image ds/node-exporter node-exporter=prom/node-exporter:v1.8.0 -n monitoring`).
# solution: kubectl set image ds/node-exporter node-exporter=prom/node-exporter:v1.8.0 -n monitoring
# check: ds/node-exporter has 4 pods
# check: ds/node-exporter has 1 pod of revision 2
# check: ds/node-exporter has 3 available pods of revision 1
# check: ds/node-exporter numberAvailable is 3

# step: Finish the rollout
# When the new pod is available its old neighbour is deleted and the next node
# surges. A caution for real clusters: a pod that uses a `hostPort` (or
# `hostNetwork`) cannot surge, because the new pod needs the port the old one holds;
# it stays Pending and the rollout stalls.
# task: Wait for the rollout with `kubectl rollout status ds/node-exporter -n monitoring`.
# solution: kubectl rollout status ds/node-exporter -n monitoring
# check: ds/node-exporter is rolled out
# check: ds/node-exporter has 3 non-terminating pods of revision 2
# check: ds/node-exporter has no non-terminating pods of revision 1
