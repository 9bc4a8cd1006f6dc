<<EOF
x
EOF
kubectl apply -f - << 
kubectl apply -f - <<''

cat <<A <<B | kubectl apply -f -
A
B
