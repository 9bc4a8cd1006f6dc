kubectl get pods; kubectl get ds
kubectl get pods && echo ok
kubectl get pods > out.txt
kubectl get $(echo pods)
kubectl get `echo ds`
(kubectl get pods)
kubectl get pods &
kubectl get pods 2>&1
kubectl get pods | grep x
