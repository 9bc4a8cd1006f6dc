# Output templates and field selectors as the Kubernetes docs use them: the commands of
# "Perform a Rolling Update on a DaemonSet" (its go-template), JSONPath with range and
# filters, custom columns, and lists narrowed by field (events by the object they are
# about, pods by node), with the API server's refusals of fields a kind cannot be
# selected by.
kubectl apply -f nodes.yaml
kubectl apply -f k8s-docs-fluentd-elasticsearch.yaml
kubectl get ds/fluentd-elasticsearch -o go-template='{{.spec.updateStrategy.type}}{{"\n"}}' -n kube-system
kubectl rollout status ds/fluentd-elasticsearch -n kube-system
kubectl get pods -n kube-system -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.spec.nodeName}{"\t"}{.status.phase}{"\n"}{end}'
kubectl get pods -n kube-system -o custom-columns=POD:.metadata.name,NODE:.spec.nodeName,IMAGE:.spec.containers[*].image,HOSTPORT:.spec.containers[*].ports[*].hostPort
kubectl get nodes -o jsonpath='{.items[?(@.spec.taints)].metadata.name}{"\n"}'
kubectl get nodes -o jsonpath='{.items[0].metadata.labels.node-role\.kubernetes\.io/control-plane}{"|"}{.items[1].metadata.labels}{"\n"}'
kubectl get ds fluentd-elasticsearch -n kube-system -o jsonpath='{.status.numberReady}/{.status.desiredNumberScheduled}{"\n"}'
kubectl get ds -n kube-system -o go-template='{{range .items}}{{.metadata.name}}: {{len .spec.template.spec.containers}} container(s), {{index .metadata.labels "k8s-app"}}{{"\n"}}{{end}}'
kubectl get events -n kube-system --field-selector involvedObject.kind=DaemonSet
kubectl get pods -n kube-system --field-selector spec.nodeName=k8s-node1 -o name
kubectl get pods -n kube-system --field-selector status.phase!=Running
kubectl get nodes --field-selector spec.unschedulable=false -o name
kubectl get pods --field-selector spec.foo=bar
kubectl get nodes --field-selector metadata.namespace=default
kubectl get ds -n kube-system --field-selector spec.updateStrategy.type=OnDelete
kubectl get ds -n kube-system -o jsonpath='{.items[0'
kubectl get ns default -o jsonpath='{.status[0]}'
kubectl get ds -n kube-system -o custom-columns=NAME
kubectl get ds -n kube-system -o go-template
# kubectl events: oldest first, the object as Kind/name.
kubectl events -n kube-system --for daemonset/fluentd-elasticsearch
kubectl events -n kube-system --types=Warning
kubectl events --for fluentd-elasticsearch
