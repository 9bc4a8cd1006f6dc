# One DaemonSet on 20 nodes, then a rolling update: the size budget of a share link.
kubectl apply -f nodes.yaml
kubectl apply -f fluentd.yaml
kubectl rollout status ds/fluentd-elasticsearch -n kube-system
kubectl set image ds/fluentd-elasticsearch fluentd-elasticsearch=quay.io/fluentd_elasticsearch/fluentd:v5.0.2 -n kube-system
kubectl rollout status ds/fluentd-elasticsearch -n kube-system
kubectl get ds -n kube-system -o wide
kubectl rollout history ds/fluentd-elasticsearch -n kube-system
