kubectl apply -f - <<EOF
apiVersion: v1
kind: Node
metadata:
  name: n1
EOF
cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Namespace
metadata: {name: $NS}
EOF
kubectl apply -f - <<-"END"
	apiVersion: v1
	kind: Node
	metadata: {name: tabbed}
	END
kubectl apply -f - <<\X
a \$b \\ c\
X
