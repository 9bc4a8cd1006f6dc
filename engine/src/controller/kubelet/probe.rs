//! The kubelet's prober (`pkg/kubelet/prober`): one worker per probe of a container.
//!
//! As upstream's worker: probing starts `initialDelaySeconds` after the container
//! started, then runs every `periodSeconds` (the simulator has no jitter: ticks are at
//! start + initialDelay + k × period). A result is set after `successThreshold`
//! consecutive successes or `failureThreshold` consecutive failures; the counts carry on
//! across a restart, as upstream's `lastResult`/`resultRun` do. Readiness starts as
//! failure for every new container, liveness as success, startup as unknown. Until the
//! startup probe succeeds, readiness and liveness are not probed; when it does,
//! readiness is probed at once (the kubelet's manual trigger) and liveness at its next
//! tick. A liveness or startup result of failure puts the worker on hold and the kubelet
//! kills the container (`Killing`), which then restarts as after a crash. Every failed
//! probe records `Unhealthy` (`<Kind> probe failed: <output>`).
//!
//! Results are worked out ahead: between two moments where a probe's outcome can change
//! (a file the script touches, `sim image --unready-after`), a run of successes that
//! changes nothing is skipped, so no timer fires for a healthy container.

use super::process::{timing, ProbeTiming};
use super::runtime::{Container as Ctr, PodRuntime, ProbeKind, State, Worker};
use super::shell::{self, Outcome, Script};
use crate::api::*;
use crate::cluster::{Cluster, Key};
use serde_json::Value as Json;

pub(super) fn probe_of(spec: &Container, kind: ProbeKind) -> Option<&Json> {
    match kind {
        ProbeKind::Startup => spec.startup_probe.as_ref(),
        ProbeKind::Readiness => spec.readiness_probe.as_ref(),
        ProbeKind::Liveness => spec.liveness_probe.as_ref(),
    }
    .filter(|p| p.is_object())
}

fn initial(kind: ProbeKind) -> Option<bool> {
    match kind {
        ProbeKind::Readiness => Some(false),
        ProbeKind::Liveness => Some(true),
        ProbeKind::Startup => None,
    }
}

/// The workers for a container's probes, as the prober manager adds them with the pod.
pub(super) fn workers_for(spec: &Container, now: Time) -> Vec<Worker> {
    [
        ProbeKind::Startup,
        ProbeKind::Readiness,
        ProbeKind::Liveness,
    ]
    .into_iter()
    .filter(|k| probe_of(spec, *k).is_some())
    .map(|kind| Worker {
        kind,
        next: now,
        wake: None,
        result: initial(kind),
        last: None,
        run: 0,
        on_hold: false,
    })
    .collect()
}

/// A new container (first start or restart) at `now`: results back to their initial
/// values, probing from `initialDelaySeconds` on.
pub(super) fn container_started(ctr: &mut Ctr, spec: &Container, now: Time) {
    for w in &mut ctr.workers {
        let Some(p) = probe_of(spec, w.kind) else {
            continue;
        };
        w.result = initial(w.kind);
        w.on_hold = false;
        w.next = now.plus_secs(timing(p).initial_delay);
        w.wake = None;
    }
}

/// What a probe of a running container sees at a moment.
struct Eval<'a> {
    spec: &'a Container,
    script: Script,
    since: Time,
    unready_at: Option<Time>,
    unhealthy_at: Option<Time>,
    pod_ip: &'a str,
}

impl<'a> Eval<'a> {
    fn new(spec: &'a Container, state: &State, pod_ip: &'a str) -> Option<Eval<'a>> {
        let State::Running {
            since,
            unready_at,
            unhealthy_at,
            ..
        } = state
        else {
            return None;
        };
        let argv: Vec<String> = spec.command.iter().chain(&spec.args).cloned().collect();
        Some(Eval {
            spec,
            script: shell::script(&argv),
            since: *since,
            unready_at: *unready_at,
            unhealthy_at: *unhealthy_at,
            pod_ip,
        })
    }

    fn forced(&self, kind: ProbeKind) -> Option<Time> {
        match kind {
            ProbeKind::Readiness => self.unready_at,
            ProbeKind::Liveness => self.unhealthy_at,
            ProbeKind::Startup => None,
        }
    }

    fn outcome(&self, kind: ProbeKind, probe: &Json, at: Time) -> Outcome {
        if self.forced(kind).is_some_and(|f| at >= f) {
            return Outcome::Failure(failure_output(probe, self.spec, self.pod_ip));
        }
        match exec_command(probe) {
            Some(argv) => shell::exec_probe(
                &argv,
                &self.script.files_at(at.0 - self.since.0),
                timing(probe).timeout,
            ),
            None => Outcome::Success,
        }
    }

    /// The first moment after `at` at which the probe's outcome may change.
    fn next_change_after(&self, kind: ProbeKind, probe: &Json, at: Time) -> Option<Time> {
        let forced = self.forced(kind).filter(|f| *f > at);
        let files = exec_command(probe)
            .and_then(|_| self.script.next_change_after(at.0 - self.since.0))
            .map(|ms| Time(self.since.0 + ms));
        forced.into_iter().chain(files).min()
    }
}

fn exec_command(probe: &Json) -> Option<Vec<String>> {
    let cmd = probe.pointer("/exec/command")?.as_array()?;
    Some(
        cmd.iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
    )
}

/// What a failing probe of each kind reports when a scenario makes it fail
/// (`sim image --unready-after` / `--unhealthy-after`).
fn failure_output(probe: &Json, spec: &Container, pod_ip: &str) -> String {
    if probe.get("httpGet").is_some() {
        return "HTTP probe failed with statuscode: 503".into();
    }
    if let Some(t) = probe.get("tcpSocket") {
        let port = match t.get("port") {
            Some(Json::String(name)) => spec
                .ports
                .iter()
                .find(|p| &p.name == name)
                .map(|p| p.container_port.to_string())
                .unwrap_or_else(|| name.clone()),
            Some(v) => v.to_string(),
            None => String::new(),
        };
        let host = t.get("host").and_then(Json::as_str).unwrap_or(pod_ip);
        return format!("dial tcp {host}:{port}: connect: connection refused");
    }
    if probe.get("grpc").is_some() {
        return "service unhealthy (responded with \"NOT_SERVING\")".into();
    }
    String::new()
}

fn period_ms(t: &ProbeTiming) -> i64 {
    t.period * 1000
}

/// Accounts for the ticks before `now` that were skipped: all of them successes.
fn catch_up(w: &mut Worker, t: &ProbeTiming, now: Time) {
    if w.next >= now {
        return;
    }
    let p = period_ms(t);
    let k = (now.0 - w.next.0 + p - 1) / p;
    w.run = if w.last == Some(true) {
        w.run.saturating_add(k)
    } else {
        k
    };
    w.last = Some(true);
    w.next = Time(w.next.0 + k * p);
}

/// The tick at which the worker next does something the kubelet shows: a failure
/// (an `Unhealthy` event, perhaps a changed result) or a success that changes the result.
fn plan(w: &Worker, t: &ProbeTiming, ev: &Eval, probe: &Json, started: bool) -> Option<Time> {
    if w.on_hold {
        return None;
    }
    match w.kind {
        ProbeKind::Startup if started => return None,
        ProbeKind::Readiness | ProbeKind::Liveness if !started => return None,
        _ => {}
    }
    let p = period_ms(t);
    let (mut at, mut last, mut run) = (w.next, w.last, w.run);
    for _ in 0..1000 {
        if let Outcome::Failure(_) = ev.outcome(w.kind, probe, at) {
            return Some(at);
        }
        let r = if last == Some(true) {
            run.saturating_add(1)
        } else {
            1
        };
        if r >= t.success_threshold && w.result != Some(true) {
            return Some(at);
        }
        (last, run) = (Some(true), r);
        if r >= t.success_threshold {
            // Steady: nothing to do until the outcome can change.
            let c = ev.next_change_after(w.kind, probe, at)?;
            let k = (c.0 - at.0 + p - 1) / p;
            at = Time(at.0 + k.max(1) * p);
        } else {
            at = Time(at.0 + p);
        }
    }
    Some(at)
}

/// Plans every worker of the pod; the earliest wake, if any.
pub(super) fn plan_pod(rt: &mut PodRuntime, pod: &Pod, now: Time) -> Option<Time> {
    let mut earliest: Option<Time> = None;
    for (i, ctr) in rt.containers.iter_mut().enumerate() {
        if ctr.workers.is_empty() {
            continue;
        }
        let Some(spec) = pod.spec.containers.get(i) else {
            continue;
        };
        let started = ctr.started();
        let Some(ev) = Eval::new(spec, &ctr.state, &pod.status.pod_ip) else {
            for w in &mut ctr.workers {
                w.wake = None;
            }
            continue;
        };
        for w in &mut ctr.workers {
            let Some(probe) = probe_of(spec, w.kind) else {
                continue;
            };
            let t = timing(probe);
            if let Some(missed) = w.wake.filter(|at| *at < now) {
                // The kubelet was stopped: its ticks from then on did not run.
                catch_up(w, &t, missed);
                let p = period_ms(&t);
                let k = (now.0 - w.next.0 + p - 1).max(0) / p;
                w.next = Time(w.next.0 + k * p);
            }
            w.wake = plan(w, &t, &ev, probe, started);
            if let Some(t) = w.wake {
                earliest = Some(earliest.map_or(t, |e| e.min(t)));
            }
        }
    }
    earliest
}

/// `Timer::Probe`: the workers whose tick is due probe their container.
pub fn on_timer(c: &mut Cluster, key: &Key) {
    let now = c.now;
    let Some(p) = c.store.pods.get(key) else {
        return;
    };
    // A stopped kubelet probes nothing (it plans again when it starts); a pod being
    // deleted is no longer probed.
    if c.stopped_kubelets.contains(&p.spec.node_name) || p.metadata.deletion_timestamp.is_some() {
        return;
    }
    match c.runtime.get_mut(key) {
        Some(rt) if rt.probe_at == Some(now) => rt.probe_at = None,
        _ => return,
    }
    let pod = p.clone();
    let mut rt = c.runtime.remove(key).expect("present");
    let mut events: Vec<(&str, &str, String)> = Vec::new();
    let mut visible = false;
    for (i, ctr) in rt.containers.iter_mut().enumerate() {
        if !ctr.workers.iter().any(|w| w.wake == Some(now)) {
            continue;
        }
        let Some(spec) = pod.spec.containers.get(i) else {
            continue;
        };
        let Some(ev) = Eval::new(spec, &ctr.state, &pod.status.pod_ip) else {
            continue;
        };
        let before = (ctr.started(), ctr.ready());
        let mut kill: Option<(ProbeKind, &Json)> = None;
        for w in &mut ctr.workers {
            if w.wake != Some(now) {
                continue;
            }
            let probe = probe_of(spec, w.kind).expect("a worker has its probe");
            let t = timing(probe);
            catch_up(w, &t, now);
            w.wake = None;
            w.next = now.plus_secs(t.period);
            let out = ev.outcome(w.kind, probe, now);
            let success = out == Outcome::Success;
            if let Outcome::Failure(msg) = out {
                events.push((
                    "Warning",
                    "Unhealthy",
                    format!("{} probe failed: {msg}", w.kind.name()),
                ));
            }
            w.run = if w.last == Some(success) {
                w.run.saturating_add(1)
            } else {
                1
            };
            w.last = Some(success);
            let threshold = if success {
                t.success_threshold
            } else {
                t.failure_threshold
            };
            if w.run < threshold {
                continue;
            }
            w.result = Some(success);
            if !success && w.kind != ProbeKind::Readiness {
                w.on_hold = true;
                w.run = 0;
                kill = kill.or(Some((w.kind, probe)));
            }
        }
        if let Some((kind, probe)) = kill {
            if let State::Running { killed, .. } = &mut ctr.state {
                if killed.is_none() {
                    let (secs, code) = super::kill_after(&pod, spec, probe);
                    *killed = Some((now.plus_secs(secs), code));
                    let what = if kind == ProbeKind::Startup {
                        "startup"
                    } else {
                        "liveness"
                    };
                    events.push((
                        "Normal",
                        "Killing",
                        format!(
                            "Container {} failed {what} probe, will be restarted",
                            spec.name
                        ),
                    ));
                    visible = true;
                }
            }
        }
        if !before.0 && ctr.started() {
            // Started: readiness is probed at once, liveness from its next tick.
            for w in &mut ctr.workers {
                let Some(probe) = probe_of(spec, w.kind) else {
                    continue;
                };
                let p = period_ms(&timing(probe));
                match w.kind {
                    ProbeKind::Readiness => w.next = w.next.max(now),
                    ProbeKind::Liveness if w.next <= now => {
                        let k = (now.0 - w.next.0) / p + 1;
                        w.next = Time(w.next.0 + k * p);
                    }
                    _ => {}
                }
            }
        }
        visible |= before != (ctr.started(), ctr.ready());
    }
    c.runtime.insert(key.clone(), rt);
    for (type_, reason, msg) in events {
        super::event(c, &pod, type_, reason, msg);
    }
    if visible {
        super::status::write(c, key);
        c.pod_status_written(key);
    }
    super::reschedule(c, key);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn container(args: &[&str], readiness: Option<Json>, liveness: Option<Json>) -> Container {
        Container {
            name: "c".into(),
            image: "busybox".into(),
            args: args.iter().map(|s| s.to_string()).collect(),
            readiness_probe: readiness,
            liveness_probe: liveness,
            ..Default::default()
        }
    }

    fn running(since: Time, unready_at: Option<Time>) -> State {
        State::Running {
            since,
            exits: None,
            killed: None,
            unready_at,
            unhealthy_at: None,
        }
    }

    /// Drives one worker as the timer would: returns the moments it acted and the
    /// result after each.
    fn drive(
        spec: &Container,
        kind: ProbeKind,
        state: &State,
        until: Time,
    ) -> Vec<(i64, bool, Option<bool>)> {
        let start = Time(0);
        let mut ctr = Ctr {
            state: state.clone(),
            restarts: 0,
            backoff: 0,
            backoff_at: start,
            pull_backoff: 0,
            last: None,
            workers: workers_for(spec, start),
        };
        container_started(&mut ctr, spec, start);
        let ev = Eval::new(spec, state, "10.0.0.1").unwrap();
        let probe = probe_of(spec, kind).unwrap();
        let t = timing(probe);
        let mut seen = Vec::new();
        let idx = ctr.workers.iter().position(|w| w.kind == kind).unwrap();
        loop {
            let started = ctr.started();
            let w = &mut ctr.workers[idx];
            let Some(at) = plan(w, &t, &ev, probe, started) else {
                break;
            };
            if at > until {
                break;
            }
            catch_up(w, &t, at);
            w.next = at.plus_secs(t.period);
            let ok = ev.outcome(kind, probe, at) == Outcome::Success;
            w.run = if w.last == Some(ok) { w.run + 1 } else { 1 };
            w.last = Some(ok);
            if w.run
                >= if ok {
                    t.success_threshold
                } else {
                    t.failure_threshold
                }
            {
                w.result = Some(ok);
                if !ok && kind == ProbeKind::Liveness {
                    w.on_hold = true;
                    w.run = 0;
                }
            }
            seen.push((at.0 / 1000, ok, w.result));
        }
        seen
    }

    #[test]
    fn docs_liveness_example_fails_three_times_then_holds() {
        let spec = container(
            &[
                "/bin/sh",
                "-c",
                "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
            ],
            None,
            Some(
                json!({"exec": {"command": ["cat", "/tmp/healthy"]}, "initialDelaySeconds": 5, "periodSeconds": 5}),
            ),
        );
        let seen = drive(
            &spec,
            ProbeKind::Liveness,
            &running(Time(0), None),
            Time(600_000),
        );
        // Successes before 30 s change nothing; the file is gone at 30 s.
        assert_eq!(
            seen,
            vec![
                (30, false, Some(true)),
                (35, false, Some(true)),
                (40, false, Some(false)),
            ]
        );
    }

    #[test]
    fn readiness_thresholds_and_unready_after() {
        let spec = container(
            &[],
            Some(
                json!({"httpGet": {"path": "/", "port": 80}, "initialDelaySeconds": 5,
                "periodSeconds": 10, "successThreshold": 2, "failureThreshold": 2}),
            ),
            None,
        );
        let seen = drive(
            &spec,
            ProbeKind::Readiness,
            &running(Time(0), Some(Time(42_000))),
            Time(80_000),
        );
        assert_eq!(
            seen,
            vec![
                // Two successes make it ready (the first only counts).
                (15, true, Some(true)),
                // From 42 s the probe fails: not ready at the second failure.
                (45, false, Some(true)),
                (55, false, Some(false)),
                (65, false, Some(false)),
                (75, false, Some(false)),
            ]
        );
        // (5 s was a success that changed nothing the kubelet shows: no wake.)
        let ev_ready = drive(
            &spec,
            ProbeKind::Readiness,
            &running(Time(0), None),
            Time(600_000),
        );
        assert_eq!(ev_ready, vec![(15, true, Some(true))]);
    }

    #[test]
    fn failure_output_names_the_handler() {
        let spec = container(&[], None, None);
        assert_eq!(
            failure_output(&json!({"httpGet": {"port": 80}}), &spec, "10.1.2.3"),
            "HTTP probe failed with statuscode: 503"
        );
        assert_eq!(
            failure_output(&json!({"tcpSocket": {"port": 8080}}), &spec, "10.1.2.3"),
            "dial tcp 10.1.2.3:8080: connect: connection refused"
        );
        assert_eq!(
            failure_output(&json!({"exec": {"command": ["x"]}}), &spec, "ip"),
            ""
        );
    }

    /// A healthy DaemonSet costs no probe timers once its results are steady, whatever
    /// the probes' periods.
    #[test]
    fn steady_probes_arm_no_timers() {
        let mut s = crate::session::Session::new(Box::new(crate::session::NoFiles));
        let nodes = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a}}\n- {apiVersion: v1, kind: Node, metadata: {name: b}}\n";
        let ds = r#"apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - name: agent
        image: agent:1
        livenessProbe:
          exec: {command: [cat, /etc/agent.conf]}
          periodSeconds: 1
        readinessProbe:
          httpGet: {path: /healthz, port: 8080}
          periodSeconds: 2
"#;
        for (line, stdin) in [
            ("kubectl apply -f -", Some(nodes)),
            ("kubectl apply -f -", Some(ds)),
            ("sleep 60", None),
        ] {
            assert!(!s.run_command(line, stdin).failed, "{line}");
        }
        let c = &s.cluster;
        assert_eq!(c.store.pods.len(), 2);
        assert!(c.store.pods.values().all(|p| p.is_ready()));
        assert!(c.runtime.values().all(|rt| rt.probe_at.is_none()));
        assert!(c
            .runtime
            .values()
            .flat_map(|rt| &rt.containers)
            .flat_map(|ctr| &ctr.workers)
            .all(|w| w.wake.is_none() && w.result == Some(true)));
    }
}
