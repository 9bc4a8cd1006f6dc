# Seed 003: the manifest as the article prints it, with its indentation lost.
kubectl apply -f node-exporter-flat.yaml
