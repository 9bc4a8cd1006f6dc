//! Probes that change result over time: the Kubernetes docs' liveness example (a script
//! that removes the file its exec probe reads), readiness flipping during a rolling
//! update (`sim image --unready-after`), and startup probes; checked at simulated
//! seconds through kubectl commands.

use engine::api::{FromJson, Pod, Time};
use engine::session::{NoFiles, Session};

mod common;
use common::run;

/// Seconds since the session's clock started.
fn elapsed(s: &Session, t0: Time) -> i64 {
    (s.cluster.now.0 - t0.0) / 1000
}

/// Lets simulated time pass until `secs` after `t0`.
fn at(s: &mut Session, t0: Time, secs: i64) {
    let d = secs - elapsed(s, t0);
    assert!(d >= 0, "already {}s past the start", elapsed(s, t0));
    if d > 0 {
        run(s, &format!("sleep {d}"), None);
    }
    assert_eq!(elapsed(s, t0), secs);
}

fn pod<'a>(s: &'a Session, name: &str) -> &'a Pod {
    s.cluster
        .store
        .pods
        .values()
        .find(|p| p.metadata.name == name)
        .unwrap_or_else(|| panic!("no pod {name}"))
}

/// (reason, message, count, first seen s, last seen s) of the events about `name`.
fn events(s: &Session, t0: Time, name: &str) -> Vec<(String, String, i32, i64, i64)> {
    s.cluster
        .store
        .events
        .iter()
        .filter(|e| e.involved_object.name == name)
        .map(|e| {
            (
                e.reason.to_string(),
                e.message.clone(),
                e.count,
                (e.first_timestamp.0 - t0.0) / 1000,
                (e.last_timestamp.0 - t0.0) / 1000,
            )
        })
        .collect()
}

fn probe_events(s: &Session, t0: Time, name: &str) -> Vec<(String, String, i32, i64, i64)> {
    events(s, t0, name)
        .into_iter()
        .filter(|e| e.0 == "Unhealthy" || e.0 == "Killing")
        .collect()
}

fn container_status(s: &Session, name: &str) -> engine::api::ContainerStatus {
    pod(s, name).status.container_statuses[0].clone()
}

const NODE: &str = "apiVersion: v1\nkind: Node\nmetadata:\n  name: node01\n";

/// The docs' "Define a liveness command" example, unchanged.
const LIVENESS_EXEC: &str = r#"apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox:1.27.2
    args:
    - /bin/sh
    - -c
    - touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
    livenessProbe:
      exec:
        command:
        - cat
        - /tmp/healthy
      initialDelaySeconds: 5
      periodSeconds: 5
"#;

/// The container starts at 2 s (the image pull). Probes run at 7, 12, ... s; the script
/// removes /tmp/healthy at 32 s, so the probes at 32, 37 and 42 s fail and the third
/// one has the container killed. `sh` ignores SIGTERM: the kill takes the 30 s grace
/// period and ends with 137 at 72 s, when the container restarts (no back-off yet). The
/// new container does the same 70 s later.
#[test]
fn docs_liveness_example_kills_and_restarts_on_time() {
    let mut s = Session::new(Box::new(NoFiles));
    let t0 = s.cluster.now;
    run(&mut s, "kubectl apply -f -", Some(NODE));
    run(&mut s, "kubectl apply -f -", Some(LIVENESS_EXEC));
    let name = "liveness-exec";
    let unhealthy =
        "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory";
    let killing = "Container liveness failed liveness probe, will be restarted";

    at(&mut s, t0, 31);
    assert!(probe_events(&s, t0, name).is_empty(), "healthy until 32 s");
    at(&mut s, t0, 32);
    assert_eq!(
        probe_events(&s, t0, name),
        vec![("Unhealthy".into(), unhealthy.into(), 1, 32, 32)]
    );
    at(&mut s, t0, 41);
    assert_eq!(
        probe_events(&s, t0, name),
        vec![("Unhealthy".into(), unhealthy.into(), 2, 32, 37)]
    );
    at(&mut s, t0, 42);
    assert_eq!(
        probe_events(&s, t0, name),
        vec![
            ("Unhealthy".into(), unhealthy.into(), 3, 32, 42),
            ("Killing".into(), killing.into(), 1, 42, 42),
        ]
    );
    // Being killed: still running (and ready: it has no readiness probe) for the grace period.
    at(&mut s, t0, 71);
    let st = container_status(&s, name);
    assert_eq!(st.restart_count, 0);
    assert!(st.state.get("running").is_some() && st.ready);
    // No more probes while the kill is under way (the worker is on hold).
    assert_eq!(probe_events(&s, t0, name)[0].2, 3);

    at(&mut s, t0, 72);
    let st = container_status(&s, name);
    assert_eq!(st.restart_count, 1);
    let last = st.last_state.as_ref().unwrap()["terminated"].clone();
    assert_eq!(last["exitCode"], 137);
    assert_eq!(last["reason"], "Error");
    assert_eq!(last["startedAt"], "2025-01-01T00:00:02Z");
    assert_eq!(last["finishedAt"], "2025-01-01T00:01:12Z");
    assert_eq!(st.state["running"]["startedAt"], "2025-01-01T00:01:12Z");
    let out = run(&mut s, "kubectl get pod liveness-exec", None);
    assert!(
        out.contains("liveness-exec   1/1     Running   1 (0s ago)"),
        "{out}"
    );

    // The second container: the file goes at 102 s, the kill at 112 s, the restart at 142 s.
    at(&mut s, t0, 111);
    assert_eq!(probe_events(&s, t0, name)[0].2, 5);
    at(&mut s, t0, 112);
    assert_eq!(
        probe_events(&s, t0, name),
        vec![
            ("Unhealthy".into(), unhealthy.into(), 6, 32, 112),
            ("Killing".into(), killing.into(), 2, 42, 112),
        ]
    );
    at(&mut s, t0, 141);
    assert_eq!(container_status(&s, name).restart_count, 1);
    at(&mut s, t0, 142);
    assert_eq!(container_status(&s, name).restart_count, 2);
}

/// The same pod with the probe as a readiness probe: Ready goes False at the first
/// failure past the threshold (1 here) and stays; nothing is restarted.
#[test]
fn docs_example_as_readiness_probe_goes_unready() {
    let mut s = Session::new(Box::new(NoFiles));
    let t0 = s.cluster.now;
    run(&mut s, "kubectl apply -f -", Some(NODE));
    let manifest = LIVENESS_EXEC
        .replace("livenessProbe", "readinessProbe")
        .replace(
            "periodSeconds: 5",
            "periodSeconds: 5\n      failureThreshold: 1",
        );
    run(&mut s, "kubectl apply -f -", Some(&manifest));
    let name = "liveness-exec";
    at(&mut s, t0, 6);
    assert!(
        !pod(&s, name).is_ready(),
        "initialDelaySeconds: not ready before 7 s"
    );
    at(&mut s, t0, 7);
    assert!(pod(&s, name).is_ready());
    at(&mut s, t0, 31);
    assert!(pod(&s, name).is_ready());
    at(&mut s, t0, 32);
    let p = pod(&s, name);
    assert!(!p.is_ready());
    let ready = p.condition("Ready").unwrap();
    assert_eq!(ready.last_transition_time.unwrap().0 - t0.0, 32_000);
    assert_eq!(ready.reason, "ContainersNotReady");
    assert_eq!(
        p.condition("ContainersReady")
            .unwrap()
            .last_transition_time
            .unwrap()
            .0
            - t0.0,
        32_000
    );
    at(&mut s, t0, 300);
    assert!(!pod(&s, name).is_ready());
    assert_eq!(container_status(&s, name).restart_count, 0);
    let out = run(&mut s, "kubectl get pods", None);
    assert!(out.contains("liveness-exec   0/1     Running   0"), "{out}");
    assert!(probe_events(&s, t0, name)
        .iter()
        .all(|e| e.0 == "Unhealthy" && e.1.starts_with("Readiness probe failed: cat: ")));
}

const NODES3: &str = "apiVersion: v1\nkind: List\nitems:\n\
- {apiVersion: v1, kind: Node, metadata: {name: node-a}}\n\
- {apiVersion: v1, kind: Node, metadata: {name: node-b}}\n\
- {apiVersion: v1, kind: Node, metadata: {name: node-c}}\n";

const AGENT: &str = r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  minReadySeconds: 10
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 1}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: example.com/agent:1.0
        readinessProbe:
          httpGet: {path: /healthz, port: 8080}
          periodSeconds: 5
          failureThreshold: 1
"#;

fn ds_status(s: &Session) -> (i32, i32, i32, i32) {
    let d = s.cluster.store.daemonsets.values().next().unwrap();
    (
        d.status.updated_number_scheduled,
        d.status.number_ready,
        d.status.number_available,
        d.status.number_unavailable,
    )
}

fn agent_pods(s: &Session) -> Vec<(String, String, bool)> {
    let mut v: Vec<_> = s
        .cluster
        .store
        .pods
        .values()
        .map(|p| {
            (
                p.spec.node_name.clone(),
                p.spec.containers[0].image.clone(),
                p.is_ready(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Version 2.0 turns unready 20 s after it starts. The first updated pod is Ready, then
/// available after minReadySeconds, so the rollout moves on to the second node; when
/// the first pod turns unready it counts as unavailable, and with maxUnavailable 1 the
/// last old pod is not replaced: the rollout stalls with 2 of 3 updated.
#[test]
fn readiness_flips_during_a_rolling_update() {
    let mut s = Session::new(Box::new(NoFiles));
    run(&mut s, "kubectl apply -f -", Some(NODES3));
    run(&mut s, "kubectl apply -f -", Some(AGENT));
    run(&mut s, "kubectl rollout status ds/agent", None);
    run(
        &mut s,
        "sim image example.com/agent:2.0 --unready-after=20",
        None,
    );
    run(
        &mut s,
        "kubectl set image ds/agent agent=example.com/agent:2.0",
        None,
    );
    let t0 = s.cluster.now;
    // The first new pod is created at once; its container starts after the 2 s pull and
    // is ready at its first probe.
    at(&mut s, t0, 3);
    let first = s
        .cluster
        .store
        .pods
        .values()
        .find(|p| p.spec.containers[0].image == "example.com/agent:2.0")
        .expect("a new pod")
        .metadata
        .name
        .clone();
    let started = |s: &Session| {
        let st = container_status(s, &first);
        let t = Time::from_json(st.state["running"]["startedAt"].clone()).unwrap();
        (t.0 - t0.0) / 1000
    };
    let start = started(&s);
    assert!(pod(&s, &first).is_ready());
    // Probes at start + 0, 5, ..., 15 succeed; the one at start + 20 fails.
    at(&mut s, t0, start + 19);
    assert!(pod(&s, &first).is_ready());
    let (updated, ..) = ds_status(&s);
    assert_eq!(
        updated, 2,
        "the first new pod was available: the rollout moved on"
    );
    at(&mut s, t0, start + 20);
    let p = pod(&s, &first);
    assert!(!p.is_ready());
    assert_eq!(
        p.condition("Ready")
            .unwrap()
            .last_transition_time
            .unwrap()
            .0
            - t0.0,
        (start + 20) * 1000
    );
    assert!(!p.status.container_statuses[0].ready);
    let out = run(&mut s, "kubectl get pods", None);
    assert!(
        out.lines()
            .any(|l| l.starts_with(&first) && l.contains(" 0/1 ")),
        "{out}"
    );
    // Give the second new pod time to become available, and the controller every chance
    // to go on: it does not, the unready pod uses the whole budget.
    at(&mut s, t0, start + 60);
    let pods = agent_pods(&s);
    assert_eq!(pods.len(), 3);
    assert_eq!(
        pods.iter()
            .filter(|p| p.1 == "example.com/agent:1.0")
            .count(),
        1,
        "one old pod left: {pods:?}"
    );
    // Both new pods are unready by now (each 20 s after it started); the old one is ready.
    assert_eq!(ds_status(&s), (2, 1, 1, 2));
    let out = run(&mut s, "kubectl get ds agent", None);
    assert!(
        out.contains("agent   3         3         1       2            1"),
        "{out}"
    );
    let out = s.run_command("kubectl rollout status ds/agent --timeout=30s", None);
    assert!(out.failed, "the rollout stalls: {}", out.stdout);
    assert!(out.stdout.contains("2 out of 3 new pods have been updated"));
    // Failed readiness probes are reported as the kubelet does.
    assert!(events(&s, t0, &first).iter().any(|e| e.0 == "Unhealthy"
        && e.1 == "Readiness probe failed: HTTP probe failed with statuscode: 503"));
}

/// `sim image` on an image already running: its pods turn unready at their next probe
/// tick past the moment, and `--reset` brings them back at the tick after.
#[test]
fn unready_after_flips_running_pods_and_reset_brings_them_back() {
    let mut s = Session::new(Box::new(NoFiles));
    run(&mut s, "kubectl apply -f -", Some(NODES3));
    run(&mut s, "kubectl apply -f -", Some(AGENT));
    run(&mut s, "kubectl rollout status ds/agent", None);
    run(&mut s, "sleep 60", None);
    let t0 = s.cluster.now;
    let starts: Vec<i64> = s
        .cluster
        .store
        .pods
        .values()
        .map(|p| {
            let st = &p.status.container_statuses[0];
            let t = Time::from_json(st.state["running"]["startedAt"].clone()).unwrap();
            t.0
        })
        .collect();
    // All three started at the same second here; their ticks are start + 5k.
    assert!(starts.iter().all(|t| *t == starts[0]));
    let next_tick = |after: i64| {
        let k = (after - starts[0] + 4999) / 5000;
        (starts[0] + k * 5000 - t0.0) / 1000
    };
    // They have run for over a minute: "from 10 s after the start" means from now.
    let out = run(
        &mut s,
        "sim image example.com/agent:1.0 --unready-after=10",
        None,
    );
    assert_eq!(
        out,
        "image example.com/agent:1.0: fails its readiness probes from 10s after it starts\n"
    );
    assert_eq!(ds_status(&s).1, 3, "nothing changes before the next probe");
    // A probe due at this very instant ran before the command: the next one fails.
    let down = next_tick(t0.0 + 1);
    if down > 0 {
        at(&mut s, t0, down - 1);
        assert_eq!(ds_status(&s).1, 3);
    }
    at(&mut s, t0, down);
    assert_eq!(ds_status(&s), (3, 0, 0, 3));
    let out = run(&mut s, "kubectl get ds agent", None);
    assert!(
        out.contains("agent   3         3         0       3            0"),
        "{out}"
    );
    // Back to normal: ready at the next tick, available minReadySeconds later.
    at(&mut s, t0, down + 2);
    run(&mut s, "sim image example.com/agent:1.0 --reset", None);
    let up = down + 5;
    at(&mut s, t0, up - 1);
    assert_eq!(ds_status(&s).1, 0);
    at(&mut s, t0, up);
    assert_eq!(ds_status(&s), (3, 3, 0, 3));
    at(&mut s, t0, up + 10);
    assert_eq!(ds_status(&s), (3, 3, 3, 0));
}

/// Readiness that comes back: a script that makes its ready file late and removes it for
/// a while; Ready follows, with successThreshold 2.
#[test]
fn readiness_comes_and_goes_with_the_script() {
    let mut s = Session::new(Box::new(NoFiles));
    let t0 = s.cluster.now;
    run(&mut s, "kubectl apply -f -", Some(NODE));
    let manifest = r#"apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: web
    image: busybox
    command: ["sh", "-c", "sleep 10 && echo ok > /tmp/ready; sleep 30; rm /tmp/ready; sleep 20; touch /tmp/ready; exec sleep infinity"]
    readinessProbe:
      exec: {command: ["test", "-f", "/tmp/ready"]}
      periodSeconds: 5
      successThreshold: 2
      failureThreshold: 2
"#;
    run(&mut s, "kubectl apply -f -", Some(manifest));
    // Started at 2 s: the file exists from 12 s to 42 s and from 62 s on. Ticks at 2, 7, ...
    let mut seen = Vec::new();
    let mut was = false;
    for t in 1..=120 {
        at(&mut s, t0, t);
        let r = pod(&s, "web").is_ready();
        if r != was {
            seen.push((t, r));
            was = r;
        }
    }
    // Successes at 12 and 17 (ready at the second); failures at 42, 47 (unready at the
    // second); successes at 62, 67.
    assert_eq!(seen, vec![(17, true), (47, false), (67, true)]);
    assert_eq!(container_status(&s, "web").restart_count, 0);
    let unhealthy: Vec<_> = probe_events(&s, t0, "web");
    // Failures at 2 and 7 (the file is not there yet) and 42, 47, 52, 57.
    assert_eq!(
        unhealthy,
        vec![(
            "Unhealthy".into(),
            "Readiness probe failed: ".into(),
            6,
            2,
            57
        )]
    );
}

/// A startup probe holds readiness and liveness back until it succeeds; one that never
/// succeeds has the container killed after failureThreshold failures.
#[test]
fn startup_probe_gates_the_others_and_kills_when_it_fails() {
    let mut s = Session::new(Box::new(NoFiles));
    let t0 = s.cluster.now;
    run(&mut s, "kubectl apply -f -", Some(NODE));
    let manifest = |name: &str, script: &str| {
        format!(
            r#"apiVersion: v1
kind: Pod
metadata: {{name: {name}}}
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: busybox
    command: ["/bin/sh", "-c", "{script}"]
    startupProbe:
      exec: {{command: ["cat", "/tmp/started"]}}
      periodSeconds: 5
      failureThreshold: 4
    readinessProbe:
      httpGet: {{path: /ready, port: 8080}}
      periodSeconds: 30
"#
        )
    };
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&manifest(
            "slow",
            "sleep 12; touch /tmp/started; sleep 3600",
        )),
    );
    run(
        &mut s,
        "kubectl apply -f -",
        Some(&manifest("never", "rm -f /tmp/started; sleep 3600")),
    );
    // Both start at 2 s. "slow" makes its file at 14 s: startup probes fail at 2, 7, 12
    // and succeed at 17; readiness is probed at once then, so the pod is Ready at 17 s.
    at(&mut s, t0, 16);
    let st = container_status(&s, "slow");
    assert_eq!((st.started, st.ready), (Some(false), false));
    assert_eq!(pod(&s, "slow").status.phase, "Running");
    at(&mut s, t0, 17);
    let st = container_status(&s, "slow");
    assert_eq!((st.started, st.ready), (Some(true), true));
    assert_eq!(
        probe_events(&s, t0, "slow"),
        vec![(
            "Unhealthy".into(),
            "Startup probe failed: cat: can't open '/tmp/started': No such file or directory"
                .into(),
            3,
            2,
            12
        )]
    );
    // "never": the fourth failure (17 s) kills it; sh ignores SIGTERM, so the kill takes
    // the pod's 5 s grace period; it restarts at 22 s and is not started again.
    let k = probe_events(&s, t0, "never");
    assert_eq!(k.len(), 2);
    assert_eq!(
        (k[1].0.as_str(), k[1].1.as_str(), k[1].3),
        (
            "Killing",
            "Container app failed startup probe, will be restarted",
            17
        )
    );
    at(&mut s, t0, 22);
    let st = container_status(&s, "never");
    assert_eq!(st.restart_count, 1);
    assert_eq!(st.last_state.unwrap()["terminated"]["exitCode"], 137);
    assert_eq!(st.started, Some(false));
}

/// `--unhealthy-after`: a daemon's liveness probe starts failing; the daemon (an image
/// entrypoint, which handles SIGTERM) stops within a second of the kill, with 143.
#[test]
fn unhealthy_after_restarts_a_daemon() {
    let mut s = Session::new(Box::new(NoFiles));
    let t0 = s.cluster.now;
    run(&mut s, "kubectl apply -f -", Some(NODE));
    run(&mut s, "sim image nginx:1.27 --unhealthy-after=25", None);
    let manifest = r#"apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    livenessProbe:
      tcpSocket: {port: 80}
      periodSeconds: 10
"#;
    run(&mut s, "kubectl apply -f -", Some(manifest));
    // Started at 2 s; ticks at 2, 12, 22, 32, ...; failing from 27 s: 32, 42, 52.
    at(&mut s, t0, 52);
    let ip = pod(&s, "web").status.pod_ip.clone();
    let ev = probe_events(&s, t0, "web");
    assert_eq!(
        ev,
        vec![
            (
                "Unhealthy".into(),
                format!("Liveness probe failed: dial tcp {ip}:80: connect: connection refused"),
                3,
                32,
                52
            ),
            (
                "Killing".into(),
                "Container nginx failed liveness probe, will be restarted".into(),
                1,
                52,
                52
            ),
        ]
    );
    assert_eq!(container_status(&s, "web").restart_count, 0);
    at(&mut s, t0, 53);
    let st = container_status(&s, "web");
    assert_eq!(st.restart_count, 1);
    assert_eq!(st.last_state.unwrap()["terminated"]["exitCode"], 143);
}

/// The same script gives the same transcript.
#[test]
fn deterministic() {
    let script = |s: &mut Session| {
        let mut out = String::new();
        out += &run(s, "kubectl apply -f -", Some(NODE));
        out += &run(s, "kubectl apply -f -", Some(LIVENESS_EXEC));
        out += &run(s, "sleep 150", None);
        out += &run(s, "kubectl describe pod liveness-exec", None);
        out += &run(s, "kubectl get events -o yaml", None);
        out
    };
    let a = script(&mut Session::new(Box::new(NoFiles)));
    let b = script(&mut Session::new(Box::new(NoFiles)));
    assert!(a.contains("Killing"));
    assert_eq!(a, b);
}
