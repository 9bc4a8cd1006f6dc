# Real manifests from other projects (sources in README.md).
kubectl apply -f nodes.yaml
kubectl apply -f k8s-docs-fluentd-elasticsearch.yaml
kubectl apply -f kube-prometheus-node-exporter.yaml
kubectl create namespace monitoring
kubectl apply -f kube-prometheus-node-exporter.yaml
kubectl apply -f nvidia-device-plugin.yaml
kubectl taint node k8s-node2 nvidia.com/gpu=present:NoSchedule
kubectl get ds -A
sleep 10
kubectl get pods -A -o wide
