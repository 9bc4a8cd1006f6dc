kubectl get 'pods
kubectl get "ds
kubectl apply -f - <<EOF
no end
