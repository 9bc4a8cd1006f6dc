# Seed 002: fluentd in the logging namespace, then taints, nodeSelector, affinity, priority.
kubectl apply -f workers.yaml
kubectl get nodes
kubectl apply -f fluentd.yaml
kubectl create ns logging
kubectl apply -f fluentd.yaml
kubectl get daemonset -n logging
kubectl get pods -n logging -o wide
sleep 5
kubectl get pods -n logging -o wide
kubectl get ds
# a NoExecute taint evicts the pod that does not tolerate it
kubectl taint node k8s-worker-2 app=fluentd-logging:NoExecute
kubectl get pods -n logging -o wide
kubectl apply -f fluentd-toleration.yaml
sleep 35
kubectl get pods -n logging -o wide
kubectl get ds -n logging
# nodeSelector: only nodes labelled type=platform-tools
kubectl label node k8s-worker-1 type=platform-tools
kubectl apply -f fluentd-nodeselector.yaml
sleep 35
kubectl get pods -n logging -o wide
kubectl apply -f fluentd-affinity.yaml
kubectl get ds -n logging -o wide
kubectl apply -f priority-class.yaml
kubectl get priorityClass
kubectl apply -f fluentd-priority.yaml
kubectl get ds -n logging
