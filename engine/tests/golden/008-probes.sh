# Probes that change result over time. The Kubernetes docs' liveness example: the script
# removes /tmp/healthy 30 s after it starts; the probes at 30, 35 and 40 s fail and the
# third gets the container killed, which takes sh (it ignores SIGTERM) the 30 s grace
# period; then it restarts.
kubectl apply -f nodes.yaml
kubectl apply -f k8s-docs-exec-liveness.yaml
sleep 35
kubectl describe pod liveness-exec
sleep 10
kubectl get events
sleep 30
kubectl get pod liveness-exec
kubectl describe pod liveness-exec
kubectl delete pod liveness-exec --grace-period=0 --force
# Readiness that goes away mid-rollout: version 2.0 fails its readiness probes 20 s after
# it starts. The first new pod becomes available and the rollout moves on, then it turns
# unready, is unavailable, and the last old pod is not replaced.
kubectl apply -f agent-probed.yaml
kubectl rollout status ds/probed -n kube-system
sim image example.com/probed:2.0 --unready-after=20
kubectl set image ds/probed agent=example.com/probed:2.0 -n kube-system
sleep 22
kubectl get pods -n kube-system -o wide
kubectl get ds -n kube-system
sleep 1
kubectl get pods -n kube-system -o wide
kubectl get ds -n kube-system
kubectl get pod probed-xcgcv -n kube-system -o yaml
kubectl rollout status ds/probed -n kube-system --timeout=60s
kubectl get ds probed -n kube-system -o yaml
kubectl describe pods -n kube-system -l app=probed
