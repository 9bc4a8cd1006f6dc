# Rollouts that stop: a new image that never gets ready, one that cannot be pulled,
# one that crashes, and a node whose kubelet stops.
kubectl apply -f nodes.yaml
kubectl apply -f agent.yaml
kubectl rollout status ds/agent -n kube-system
sim image example.com/agent:2.0 --never-ready
kubectl set image ds/agent agent=example.com/agent:2.0 -n kube-system
kubectl rollout status ds/agent -n kube-system --timeout=2m
kubectl get pods -n kube-system -o wide
kubectl get ds -n kube-system
# an image that cannot be pulled replaces the unavailable pod at once, and stalls again
sim image example.com/agent:3.0 --unpullable
kubectl set image ds/agent agent=example.com/agent:3.0 -n kube-system
sleep 40
kubectl get pods -n kube-system
kubectl describe pods -n kube-system -l app=agent
# a crashing image
sim image example.com/agent:4.0 --crash-after=3
kubectl set image ds/agent agent=example.com/agent:4.0 -n kube-system
sleep 90
kubectl get pods -n kube-system
kubectl rollout undo ds/agent -n kube-system --to-revision=1
kubectl rollout status ds/agent -n kube-system
# a node goes silent: after 50 s it is NotReady and tainted; the daemon pod stays
sim kubelet stop k8s-node2
sleep 60
kubectl get nodes
kubectl describe node k8s-node2
kubectl get ds -n kube-system
kubectl get pods -n kube-system -o wide
sim kubelet start k8s-node2
sleep 10
kubectl get nodes
kubectl get ds -n kube-system
