#!/bin/bash
# Differential check of `kubectl describe` and `kubectl get` tables against kubectl v1.32.
#   (from the repository root) D=$(mktemp -d) T=$(mktemp -d)
#   DESCRIBE_DIR=$D cargo test -p engine dump_for_kubectl -- --ignored
#   TABLE_DIR=$T cargo test -p engine dump_tables_for_kubectl -- --ignored
#   bash engine/src/kubectl/describe/testdata/compare.sh $D $T
# Expected differences: ages that moved on while kubectl ran, and the simulated node Lease.
set -u
D=$1; T=$2; HERE=$(dirname "$0")
python3 "$HERE/fake_apiserver.py" "$D" 18765 & S1=$!
python3 "$HERE/fake_apiserver.py" "$T" 18766 & S2=$!
trap 'kill $S1 $S2' EXIT
sleep 1
kc() { # port
  local f; f=$(mktemp)
  printf 'apiVersion: v1\nkind: Config\nclusters:\n- name: f\n  cluster:\n    server: http://127.0.0.1:%s\ncontexts:\n- name: f\n  context:\n    cluster: f\n    user: u\ncurrent-context: f\nusers:\n- name: u\n  user: {}\n' "$1" > "$f"
  echo "$f"
}
K1=$(kc 18765); K2=$(kc 18766); fail=0
for f in "$D"/*.txt; do
  b=$(basename "$f" .txt); [ "$b" = now ] && continue
  res=${b%%_*}; rest=${b#*_}; ns=${rest%%_*}; name=${rest#*_}
  nsarg=(); [ -n "$ns" ] && nsarg=(-n "$ns")
  KUBECONFIG=$K1 kubectl describe "$res" "${nsarg[@]}" "$name" > /tmp/exp.$$ 2>&1
  sed -e '/^DaemonSet placement:/,$d' -e '/^Node placement:/,$d' "$f" > /tmp/mine.$$
  diff -q /tmp/exp.$$ /tmp/mine.$$ >/dev/null || { fail=$((fail+1)); echo "=== describe $b"; diff /tmp/exp.$$ /tmp/mine.$$ | head -20; }
done
for res in nodes pods daemonsets namespaces controllerrevisions events priorityclasses; do
  A=(-A); case $res in nodes|namespaces|priorityclasses) A=();; esac
  for tag in plain wide labels noheaders; do
    case $tag in plain) o=();; wide) o=(-o wide);; labels) o=(--show-labels -L name,kubernetes.io/hostname);; noheaders) o=(-o wide --show-labels --no-headers);; esac
    KUBECONFIG=$K2 kubectl get $res "${A[@]}" "${o[@]}" > /tmp/exp.$$ 2>&1
    diff -q /tmp/exp.$$ "$T/${res}_$tag.txt" >/dev/null || { fail=$((fail+1)); echo "=== get $res $tag"; diff /tmp/exp.$$ "$T/${res}_$tag.txt" | head -10; }
  done
done
rm -f /tmp/exp.$$ /tmp/mine.$$ "$K1" "$K2"
echo "differences: $fail"
