# A DaemonSet with a nodeSelector follows a node label.
kubectl apply -f nodes.yaml
kubectl label node k8s-node1 disk=ssd
kubectl apply -f ssd-monitor.yaml
kubectl get ds
