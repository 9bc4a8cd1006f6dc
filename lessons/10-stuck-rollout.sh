# lesson: A stuck rollout
# namespace: monitoring
# A rolling update waits for each new pod to become available before it goes on. If
# the new pods never get there, the rollout stops where it is: with
# `maxUnavailable: 1`, one node is without its agent and the others keep the old
# version. Nothing rolls back by itself.

# step: An agent on three workers
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
  name: agent
  namespace: monitoring
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: example.com/agent:1.0
EOF
kubectl rollout status ds/agent -n monitoring
# check: ds/agent has 3 available pods

# step: A bad image
# Someone tagged a release that was never pushed: `example.com/agent:2.0` cannot be
# pulled. (The `sim image` verb, run for you here, makes the playground's image
# pulls fail.) The kubelet reports `ErrImagePull`, then retries with a growing
# delay (`ImagePullBackOff`).
sim image example.com/agent:2.0 --unpullable
# task: Update the agent to `example.com/agent:2.0`, let half a minute pass
# (`sleep 30`), and look at `kubectl get pods -n monitoring` and
# `kubectl rollout status ds/agent -n monitoring --timeout=1m`.
# solution: kubectl set image ds/agent agent=example.com/agent:2.0 -n monitoring
# solution: sleep 30
# check: ds/agent has 1 pod in state ImagePullBackOff
# check: ds/agent has 2 available pods of revision 1
# check: ds/agent is not rolled out
# check: ds/agent updatedNumberScheduled is 1
# check: ds/agent numberAvailable is 2

# step: It stays stuck
# The new pod never becomes available, so the rollout's budget of one unavailable
# node stays used up and no other node is touched, however long you wait.
sleep 300
# check: ds/agent has 2 available pods of revision 1
# check: ds/agent has 1 pod of revision 2
# check: output of `kubectl rollout status ds/agent -n monitoring --timeout=30s` contains "timed out"

# step: Roll back
# `kubectl rollout undo` restores the previous template (revision 1, renumbered 3).
# The pods still running it count as updated at once and are left alone; only the
# broken pod is replaced.
# task: Undo the rollout and wait until it completes.
# solution: kubectl rollout undo ds/agent -n monitoring
# solution: kubectl rollout status ds/agent -n monitoring
# check: ds/agent uses image example.com/agent:1.0
# check: ds/agent is at revision 3
# check: ds/agent is rolled out
# check: ds/agent has 3 available pods
# check: there are no pods in state ImagePullBackOff
