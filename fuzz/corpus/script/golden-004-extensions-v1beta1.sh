# Seed 004: a DaemonSet written for extensions/v1beta1, removed in Kubernetes 1.16.
kubectl apply -f nodes.yaml
kubectl apply -f fluentd-extensions-v1beta1.yaml
kubectl get ds
