kubectl get nodes
kubectl get ds -A
\
