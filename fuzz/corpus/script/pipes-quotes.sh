echo '{"apiVersion":"v1","kind":"Node","metadata":{"name":"e"}}' | kubectl apply -f -
echo -n -n "a b" | kubectl create -f -
kubectl label node "n 1" 'disk=s s' a\ b=c "x=\"q\"" # comment
kubectl get pods \
  -o wide \
  -A |
  cat
kubectl get ds -o 'jsonpath={.items[*].metadata.name}'a#b "" ''
