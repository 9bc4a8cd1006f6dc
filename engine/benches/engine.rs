//! Benchmarks: `cargo bench -p engine`. Figures are in the README.

use criterion::{criterion_group, criterion_main, Criterion};
use engine::api::DaemonSet;
use engine::cluster::Cluster;
use engine::placement::node_should_run_daemon_pod;
use engine::session::{NoFiles, Session};
use std::hint::black_box;

/// A `kubectl get nodes -o yaml`-shaped NodeList: labels, a taint on every tenth node,
/// and a full status.
pub fn node_list_yaml(n: usize) -> String {
    let mut s = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..n {
        s.push_str(&format!(
            "- apiVersion: v1\n  kind: Node\n  metadata:\n    name: node-{i:05}\n    labels:\n      kubernetes.io/hostname: node-{i:05}\n      kubernetes.io/os: linux\n      topology.kubernetes.io/zone: zone-{}\n",
            i % 3
        ));
        if i % 10 == 0 {
            s.push_str("  spec:\n    taints:\n    - key: dedicated\n      value: gpu\n      effect: NoSchedule\n");
        }
        s.push_str(&format!(
            "  status:\n    allocatable:\n      cpu: \"8\"\n      memory: 32Gi\n      pods: \"110\"\n    capacity:\n      cpu: \"8\"\n      memory: 32Gi\n      pods: \"110\"\n    conditions:\n    - type: Ready\n      status: \"True\"\n      reason: KubeletReady\n      message: kubelet is posting ready status\n      lastHeartbeatTime: \"2025-01-01T00:00:00Z\"\n      lastTransitionTime: \"2025-01-01T00:00:00Z\"\n    addresses:\n    - address: 10.0.{}.{}\n      type: InternalIP\n    nodeInfo:\n      kubeletVersion: v1.34.0\n      osImage: Ubuntu 24.04 LTS\n      kernelVersion: 6.8.0\n      containerRuntimeVersion: containerd://2.1.0\n      architecture: amd64\n      operatingSystem: linux\n      bootID: \"\"\n      machineID: \"\"\n      systemUUID: \"\"\n      kubeProxyVersion: \"\"\n",
            i / 250,
            i % 250
        ));
    }
    s
}

const DS: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 10%\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      nodeSelector:\n        kubernetes.io/os: linux\n      tolerations:\n      - key: dedicated\n        operator: Exists\n        effect: NoSchedule\n      containers:\n      - name: agent\n        image: agent:1\n";

fn cluster_with_nodes(n: usize) -> Session {
    let mut s = Session::new(Box::new(NoFiles));
    let o = s.run_command("kubectl apply -f -", Some(&node_list_yaml(n)));
    assert!(!o.failed, "{}", o.stderr);
    s
}

fn benches(c: &mut Criterion) {
    let text = node_list_yaml(5000);
    c.bench_function("decode 5000-node NodeList", |b| {
        b.iter(|| {
            black_box(engine::manifest::decode_manifest(black_box(&text), "nodes.yaml").len())
        })
    });

    let session = cluster_with_nodes(5000);
    let docs = engine::manifest::decode_manifest(DS, "ds.yaml");
    let Ok(engine::manifest::Decoded {
        object: engine::manifest::Object::DaemonSet(ds),
        ..
    }) = &docs[0]
    else {
        panic!("not a DaemonSet")
    };
    let ds: DaemonSet = ds.clone();
    let cluster: &Cluster = &session.cluster;
    c.bench_function("placement of one DaemonSet over 5000 nodes", |b| {
        b.iter(|| {
            cluster
                .store
                .nodes
                .values()
                .filter(|n| node_should_run_daemon_pod(n, &ds).should_run)
                .count()
        })
    });

    let mut group = c.benchmark_group("cluster");
    group.sample_size(10);
    group.bench_function(
        "apply a DaemonSet to 5000 nodes and run until all pods are ready",
        |b| {
            b.iter_batched(
                || cluster_with_nodes(5000),
                |mut s| {
                    let o = s.run_command("kubectl apply -f -", Some(DS));
                    assert!(!o.failed);
                    s.run_command("sleep 10", None);
                    black_box(s)
                },
                criterion::BatchSize::LargeInput,
            )
        },
    );
    // Bulk node changes with a DaemonSet running: the node queue's worker looks at the
    // pods once for all the changed nodes.
    for cmd in [
        "kubectl label nodes --all extra=yes",
        "kubectl taint nodes --all k=v:NoSchedule",
    ] {
        group.bench_function(format!("{cmd} on 5000 nodes"), |b| {
            b.iter_batched(
                || {
                    let mut s = cluster_with_nodes(5000);
                    assert!(!s.run_command("kubectl apply -f -", Some(DS)).failed);
                    s.run_command("sleep 10", None);
                    s
                },
                |mut s| {
                    let o = s.run_command(cmd, None);
                    assert!(!o.failed, "{}", o.stderr);
                    black_box(s)
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    // The same rollout at growing sizes: the time should grow linearly with the nodes.
    for n in [1000, 2000, 5000] {
        group.bench_function(
            format!("rolling update of {n} nodes, maxUnavailable 10%"),
            |b| rollout(b, n, DS, "sleep 30m"),
        );
    }
    let surge = DS.replace(
        "maxUnavailable: 10%",
        "maxSurge: 10%\n      maxUnavailable: 0",
    );
    for n in [1000, 2000, 5000] {
        group.bench_function(
            format!("rolling update of {n} nodes, maxSurge 10% maxUnavailable 0"),
            |b| rollout(b, n, &surge, "sleep 30m"),
        );
    }
    // One node at a time: as many steps as nodes, each a sync over every node (as
    // upstream's), so this one grows with the square of the nodes.
    let one = DS.replace(
        "maxUnavailable: 10%",
        "maxSurge: 1\n      maxUnavailable: 0",
    );
    for n in [250, 500] {
        group.bench_function(
            format!("rolling update of {n} nodes, maxSurge 1 maxUnavailable 0"),
            |b| rollout(b, n, &one, "sleep 24h"),
        );
    }
    group.finish();
}

/// Applies `ds` to `n` nodes and lets every pod become ready (not measured), then
/// measures changing the image and letting `sleep` pass (checked: the rollout is over).
fn rollout(b: &mut criterion::Bencher, n: usize, ds: &str, sleep: &str) {
    b.iter_batched(
        || {
            let mut s = cluster_with_nodes(n);
            assert!(!s.run_command("kubectl apply -f -", Some(ds)).failed);
            s.run_command("sleep 10", None);
            s
        },
        |mut s| {
            let o = s.run_command(
                "kubectl apply -f -",
                Some(&ds.replace("agent:1", "agent:2")),
            );
            assert!(!o.failed);
            s.run_command(sleep, None);
            let st = &s
                .cluster
                .store
                .daemonsets
                .values()
                .next()
                .expect("one")
                .status;
            assert_eq!(st.updated_number_scheduled, st.desired_number_scheduled);
            assert_eq!(st.number_available, st.desired_number_scheduled);
            black_box(s)
        },
        criterion::BatchSize::LargeInput,
    )
}

criterion_group!(engine_benches, benches);
criterion_main!(engine_benches);
