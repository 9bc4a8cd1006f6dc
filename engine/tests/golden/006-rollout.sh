# Seed 002's update, rollback and deletion walk-through.
kubectl apply -f workers.yaml
kubectl create ns logging
kubectl apply -f fluentd.yaml
kubectl rollout status daemonset/fluentd -n logging
kubectl set image ds/fluentd fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v2.6.0 -n logging
kubectl rollout status ds fluentd -n logging
kubectl rollout history daemonset fluentd -n logging
kubectl get controllerrevisions -n logging
kubectl rollout undo daemonset fluentd -n logging --to-revision=1
kubectl rollout status ds fluentd -n logging
kubectl rollout history daemonset fluentd -n logging
kubectl rollout undo daemonset fluentd -n logging --to-revision=3
kubectl rollout undo daemonset fluentd -n logging --to-revision=7
kubectl describe daemonset -n logging
kubectl delete daemonset fluentd -n logging --cascade=false
kubectl get pods -n logging
kubectl apply -f fluentd.yaml
kubectl get pods -n logging
kubectl get ds -n logging
kubectl delete ds fluentd -n logging
kubectl get pods -n logging
