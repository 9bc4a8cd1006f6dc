# Seed 001: a DaemonSet with a nodeSelector follows a node label.
kubectl apply -f nodes.yaml
kubectl label node k8s-node1 disk=ssd
kubectl apply -f ssd-monitor-daemonset.yaml
kubectl get ds
kubectl get pods -o wide
# changing the label makes the node ineligible: its pod is deleted
kubectl label nodes k8s-node1 disk=hdd
kubectl label nodes k8s-node1 disk=hdd --overwrite
kubectl get ds
kubectl get pods
sleep 30
kubectl get pods
# the tutorial's manifest as printed, indented with tabs
kubectl apply -f ssd-monitor-tabs.yaml
