//! A simulated kubelet per node. It starts bound pods (image pull, container start),
//! runs each container as its manifest says (see `process` and `shell`), probes startup,
//! readiness and liveness on their periods (see `probe`), kills a container whose
//! liveness or startup probe fails, restarts crashed containers with the kubelet's
//! back-off (10 s doubling to 5 min, `CrashLoopBackOff`), retries failed image pulls
//! (`ErrImagePull`, `ImagePullBackOff`), and finishes graceful deletion. A node whose
//! kubelet is stopped does none of this until it starts again.

mod probe;
pub mod process;
mod register;
mod runtime;
pub mod shell;
mod status;

pub use probe::on_timer as on_probe_timer;
pub use register::{node_ip, register_node};
pub use runtime::PodRuntime;

use super::pods::remove_pod;
use crate::api::*;
use crate::cluster::{object_ref, Cluster, Key, Shared, Timer};
use process::Process;
use runtime::{next_backoff, Container as Ctr, State};
use std::collections::BTreeSet;

/// How a scenario says an image behaves (`sim image ...`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageBehaviour {
    /// The pull fails (`ErrImagePull`, then `ImagePullBackOff`).
    pub unpullable: bool,
    /// Seconds a pull takes (None: the cluster default).
    pub pull_seconds: Option<i64>,
    /// Its readiness probes never succeed.
    pub never_ready: bool,
    /// Its readiness probes fail from this many seconds after the container starts.
    pub unready_after: Option<i64>,
    /// Its liveness probes fail from this many seconds after the container starts.
    pub unhealthy_after: Option<i64>,
    /// The process exits with code 1 this many seconds after it starts.
    pub crash_after: Option<i64>,
}

/// Seconds to create and start a container once its image is present.
const CREATE_SECONDS: i64 = 1;

/// Starts every bound pod the kubelet has not seen yet.
pub fn run(c: &mut Cluster) -> bool {
    if c.quiet.kubelet == Some(c.change_counter()) {
        return false;
    }
    // Only pods created or updated since the last look can have become startable.
    let queued = std::mem::take(&mut c.quiet.kubelet_queue);
    let fresh = if std::mem::take(&mut c.quiet.kubelet_must_look) {
        startable(c, None)
    } else {
        startable(c, Some(&queued))
    };
    #[cfg(debug_assertions)]
    assert_eq!(
        fresh,
        startable(c, None),
        "a pod became startable without a handler seeing it"
    );
    let changed = !fresh.is_empty();
    for k in fresh {
        start_pod(c, &k);
    }
    c.quiet.kubelet = (!changed).then(|| c.change_counter());
    changed
}

/// Bound pods without a runtime that the kubelet can start, among `among` (all if None),
/// in key order.
fn startable(c: &Cluster, among: Option<&BTreeSet<Key>>) -> Vec<Key> {
    let can_start = |k: &Key, p: &Pod| {
        !c.runtime.contains_key(k)
            && !p.spec.node_name.is_empty()
            && p.metadata.deletion_timestamp.is_none()
            && !p.is_terminal()
            && c.store.nodes.contains_key(&p.spec.node_name)
            && !c.stopped_kubelets.contains(&p.spec.node_name)
    };
    match among {
        Some(keys) => keys
            .iter()
            .filter(|k| c.store.pods.get(*k).is_some_and(|p| can_start(k, p)))
            .cloned()
            .collect(),
        None => c
            .store
            .pods
            .iter()
            .filter(|(k, p)| can_start(k, p))
            .map(|(k, _)| k.clone())
            .collect(),
    }
}

fn image_of(c: &Cluster, image: &str) -> ImageBehaviour {
    c.settings
        .images
        .get(image)
        .map(|b| (**b).clone())
        .unwrap_or_default()
}

/// `sim image`: how an image's probes behave changed. Its running containers follow from
/// now on: `--unready-after=N` / `--unhealthy-after=N` count from each container's start
/// but reach only the probes after this command (a probe due at this instant has run),
/// and `--reset` lets the probes succeed again.
pub fn image_changed(c: &mut Cluster, image: &str) {
    let now = c.now;
    let after_now = now.plus_ms(1);
    let b = image_of(c, image);
    let unready = if b.never_ready {
        Some(0)
    } else {
        b.unready_after
    };
    let follow = |old: Option<Time>, after: Option<i64>, since: Time| {
        let new = after.map(|s| since.plus_secs(s).max(after_now))?;
        // Failing already: it goes on from when it started.
        Some(old.filter(|t| *t <= now).unwrap_or(new))
    };
    let mut changed = Vec::new();
    for (key, rt) in c.runtime.iter_mut() {
        let Some(pod) = c.store.pods.get(key) else {
            continue;
        };
        let mut any = false;
        for (ctr, spec) in rt.containers.iter_mut().zip(&pod.spec.containers) {
            if spec.image != image {
                continue;
            }
            if let State::Running {
                since,
                unready_at,
                unhealthy_at,
                ..
            } = &mut ctr.state
            {
                let (r, h) = (
                    follow(*unready_at, unready, *since),
                    follow(*unhealthy_at, b.unhealthy_after, *since),
                );
                any |= (r, h) != (*unready_at, *unhealthy_at);
                (*unready_at, *unhealthy_at) = (r, h);
            }
        }
        if any {
            changed.push(key.clone());
        }
    }
    for key in changed {
        reschedule(c, &key);
    }
}

/// When pulling `image` on `node` (per imagePullPolicy and the node's image cache) ends.
fn pull_until(c: &Cluster, node: &str, ctr: &Container) -> (Time, bool) {
    let b = image_of(c, &ctr.image);
    let policy = ctr
        .rest
        .get("imagePullPolicy")
        .and_then(|v| v.as_str())
        .unwrap_or("IfNotPresent");
    let cached = c
        .node_images
        .get(node)
        .is_some_and(|images| images.contains(&ctr.image));
    let pull = match policy {
        "Never" => 0,
        "IfNotPresent" if cached && !b.unpullable => 0,
        _ => b.pull_seconds.unwrap_or(c.settings.container_start_seconds),
    };
    (
        c.now
            .plus_secs(pull + if pull > 0 { 0 } else { CREATE_SECONDS }),
        pull > 0,
    )
}

fn start_pod(c: &mut Cluster, key: &Key) {
    let now = c.now;
    let p = &c.store.pods[key];
    let mut rt = PodRuntime::default();
    let mut pulls = Vec::new();
    for ctr in &p.spec.containers {
        let (until, pulling) = pull_until(c, &p.spec.node_name, ctr);
        if pulling {
            pulls.push(format!("Pulling image \"{}\"", ctr.image));
        }
        rt.containers.push(Ctr {
            state: State::Creating { until, pulling },
            restarts: 0,
            backoff: 0,
            backoff_at: now,
            pull_backoff: 0,
            last: None,
            workers: probe::workers_for(ctr, now),
        });
    }
    let host_ip = node_ip(&p.spec.node_name);
    if !pulls.is_empty() {
        let pref = object_ref("Pod", "v1", &p.metadata);
        for msg in pulls {
            c.record_event(pref.clone(), "Normal", "Pulling", msg, "kubelet");
        }
    }
    // As `status::write` and `reschedule` would do once the runtime state is stored, with
    // the pod and the state in hand: every pod of a new DaemonSet starts here.
    let rv = c.new_resource_version();
    let p = c.store.pods.get_mut(key).expect("exists");
    p.status.host_ip = host_ip;
    p.status.start_time = Some(now);
    let ready = status::write_pod(&rt, p, rv, now);
    let timers = plan_timers(&mut rt, p, now);
    c.runtime.insert(key.clone(), Shared::new(rt));
    if let Some(owner) = ready {
        status::became_ready(c, key, &owner);
    }
    arm(c, key, timers);
}

fn event(c: &mut Cluster, pod: &Pod, type_: &'static str, reason: &'static str, msg: String) {
    let mut r = object_ref("Pod", "v1", &pod.metadata);
    r.field_path = String::new();
    c.record_event(r, type_, reason, msg, "kubelet");
}

/// Schedules the kubelet's next look at the pod, and its prober's next tick; a timer
/// already armed for that moment or earlier is not armed again.
fn reschedule(c: &mut Cluster, key: &Key) {
    let now = c.now;
    let Some(pod) = c.store.pods.get(key) else {
        return;
    };
    let Some(rt) = c.runtime.get_mut(key) else {
        return;
    };
    let timers = plan_timers(rt, pod, now);
    arm(c, key, timers);
}

/// When the kubelet's next look and the prober's next tick are due, of those not armed
/// already (for that moment or earlier); marked armed in `rt`.
fn plan_timers(rt: &mut PodRuntime, pod: &Pod, now: Time) -> (Option<Time>, Option<Time>) {
    let armed = |t: Option<Time>, at: Time| t.is_some_and(|t| t >= now && t <= at);
    let kubelet = rt
        .containers
        .iter()
        .filter_map(|x| x.state.next_change())
        .min()
        .map(|at| at.max(now))
        .filter(|at| !armed(rt.kubelet_at, *at));
    if let Some(at) = kubelet {
        rt.kubelet_at = Some(at);
    }
    let probe = probe::plan_pod(rt, pod, now).filter(|at| !armed(rt.probe_at, *at));
    if let Some(at) = probe {
        rt.probe_at = Some(at);
    }
    (kubelet, probe)
}

fn arm(c: &mut Cluster, key: &Key, (kubelet, probe): (Option<Time>, Option<Time>)) {
    if let Some(at) = kubelet {
        c.schedule(at, Timer::Kubelet(key.clone()));
    }
    if let Some(at) = probe {
        c.schedule(at, Timer::Probe(key.clone()));
    }
}

pub fn on_timer(c: &mut Cluster, key: &Key) {
    let now = c.now;
    let Some(p) = c.store.pods.get(key) else {
        c.runtime.remove(key);
        return;
    };
    if c.stopped_kubelets.contains(&p.spec.node_name) {
        return;
    }
    if let Some(deadline) = p.metadata.deletion_timestamp {
        let grace = p.metadata.deletion_grace_period_seconds.unwrap_or(0);
        let started = p
            .status
            .container_statuses
            .iter()
            .any(|s| s.started == Some(true));
        let stopped = deadline.plus_secs(stop_seconds(&p.spec, grace, started) - grace);
        if now >= stopped {
            c.runtime.remove(key);
            remove_pod(c, key);
        }
        return;
    }
    let Some(rt) = c.runtime.get_mut(key) else {
        return;
    };
    if rt.kubelet_at == Some(now) {
        rt.kubelet_at = None;
    }
    advance_pod(c, key);
    status::write(c, key);
    reschedule(c, key);
    c.pod_status_written(key);
}

/// Moves every container through the transitions that are due.
fn advance_pod(c: &mut Cluster, key: &Key) {
    let now = c.now;
    let pod = c.store.pods[key].clone();
    let node = pod.spec.node_name.clone();
    let mut rt = c.runtime.remove(key).expect("present");
    for (i, ctr) in rt.containers.iter_mut().enumerate() {
        let Some(spec) = pod.spec.containers.get(i) else {
            continue;
        };
        let image = image_of(c, &spec.image);
        // A few rounds: a container may exit at once and enter back-off in one instant.
        for _ in 0..4 {
            let due = ctr.state.next_change().is_some_and(|t| t <= now);
            if !due {
                break;
            }
            match ctr.state.clone() {
                State::Creating { pulling, .. } => {
                    if pulling && image.unpullable {
                        ctr.pull_backoff = next_backoff(ctr.pull_backoff);
                        let msg = format!(
                            "Failed to pull image \"{}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{}\": not found",
                            spec.image, spec.image
                        );
                        event(c, &pod, "Warning", "Failed", msg);
                        event(c, &pod, "Warning", "Failed", "Error: ErrImagePull".into());
                        ctr.state = State::PullBackOff {
                            until: now.plus_secs(ctr.pull_backoff),
                        };
                        continue;
                    }
                    if pulling {
                        let secs = image
                            .pull_seconds
                            .unwrap_or(c.settings.container_start_seconds);
                        event(c, &pod, "Normal", "Pulled", format!("Successfully pulled image \"{}\" in {secs}s ({secs}s including waiting)", spec.image));
                        c.node_images
                            .entry(node.clone())
                            .or_default()
                            .insert(spec.image.clone());
                    } else if ctr.restarts == 0 {
                        event(
                            c,
                            &pod,
                            "Normal",
                            "Pulled",
                            format!(
                                "Container image \"{}\" already present on machine",
                                spec.image
                            ),
                        );
                    }
                    event(
                        c,
                        &pod,
                        "Normal",
                        "Created",
                        format!("Created container: {}", spec.name),
                    );
                    event(
                        c,
                        &pod,
                        "Normal",
                        "Started",
                        format!("Started container {}", spec.name),
                    );
                    start_run(ctr, spec, &image, now);
                }
                State::PullBackOff { .. } => {
                    event(
                        c,
                        &pod,
                        "Normal",
                        "Pulling",
                        format!("Pulling image \"{}\"", spec.image),
                    );
                    let secs = image
                        .pull_seconds
                        .unwrap_or(c.settings.container_start_seconds);
                    ctr.state = State::Creating {
                        until: now.plus_secs(secs),
                        pulling: true,
                    };
                }
                State::Running {
                    since,
                    exits,
                    killed,
                    ..
                } => {
                    // The process exits by itself, or the kill after a failed liveness
                    // or startup probe (its `Killing` event was recorded then) ends.
                    let code = match (exits, killed) {
                        (Some((t, code)), k) if t <= now && k.is_none_or(|k| t <= k.0) => code,
                        (_, Some((t, code))) if t <= now => code,
                        _ => break,
                    };
                    ctr.last = Some((code, since, now));
                    // `IsInBackOffSince`: a container that crashes within its back-off
                    // waits out the rest of it; otherwise it restarts at once.
                    let until = ctr.backoff_at.plus_secs(ctr.backoff);
                    if ctr.backoff > 0 && now < until {
                        event(
                            c,
                            &pod,
                            "Warning",
                            "BackOff",
                            format!(
                                "Back-off restarting failed container {} in pod {}_{}({})",
                                spec.name,
                                pod.metadata.name,
                                pod.metadata.namespace,
                                pod.metadata.uid
                            ),
                        );
                        ctr.state = State::CrashBackOff { until };
                    } else {
                        restart(ctr, now);
                        start_run(ctr, spec, &image, now);
                        event(
                            c,
                            &pod,
                            "Normal",
                            "Started",
                            format!("Started container {}", spec.name),
                        );
                    }
                }
                State::CrashBackOff { .. } => {
                    restart(ctr, now);
                    event(
                        c,
                        &pod,
                        "Normal",
                        "Started",
                        format!("Started container {}", spec.name),
                    );
                    start_run(ctr, spec, &image, now);
                }
            }
        }
    }
    c.runtime.insert(key.clone(), rt);
}

/// Seconds a pod takes to stop after its deletion. A container whose main process
/// handles SIGTERM (an image's own entrypoint, or a program named in `command`) stops
/// within a second; `sleep` and `sh -c` scripts run as PID 1 ignore SIGTERM, so the
/// kubelet waits out the grace period and then kills them. A pod whose containers never
/// started goes at once.
pub fn stop_seconds(spec: &PodSpec, grace: i64, started: bool) -> i64 {
    if !started {
        return 0;
    }
    let ignores_sigterm = spec.containers.iter().any(ignores_sigterm);
    if ignores_sigterm {
        grace
    } else {
        grace.min(1)
    }
}

/// Whether a container's main process ignores SIGTERM: `sleep` and `sh -c` scripts run
/// as PID 1 do; an image's own entrypoint, or a program named in `command`, handles it.
fn ignores_sigterm(c: &Container) -> bool {
    let argv: Vec<&str> = c
        .command
        .iter()
        .chain(c.args.iter())
        .map(String::as_str)
        .collect();
    let first = argv.first().map(|a| a.rsplit('/').next().unwrap_or(a));
    matches!(
        first,
        Some("sleep" | "sh" | "bash" | "ash" | "dash" | "tail")
    )
}

/// How long the kubelet's kill of a container after a failed liveness or startup probe
/// takes, and its exit code: the probe's `terminationGracePeriodSeconds`, else the pod's
/// (30 s); a process that ignores SIGTERM is killed (137) when it is up, one that handles
/// it stops within a second (143).
fn kill_after(pod: &Pod, spec: &Container, probe: &serde_json::Value) -> (i64, i32) {
    let grace = process::timing(probe)
        .termination_grace
        .or(pod.spec.termination_grace_period_seconds)
        .unwrap_or(30)
        .max(0);
    if ignores_sigterm(spec) || grace == 0 {
        (grace, 137)
    } else {
        (grace.min(1), 143)
    }
}

/// `backOff.Next`: 10 s doubling to 5 min, starting over after 10 minutes without a crash.
fn restart(ctr: &mut Ctr, now: Time) {
    ctr.restarts += 1;
    if now.0 - ctr.backoff_at.0 > 600_000 {
        ctr.backoff = 0;
    }
    ctr.backoff = next_backoff(ctr.backoff);
    ctr.backoff_at = now;
}

/// A container (re)starts: its process runs, its probes start over.
fn start_run(ctr: &mut Ctr, spec: &Container, image: &ImageBehaviour, now: Time) {
    ctr.state = running_state(spec, image, now);
    probe::container_started(ctr, spec, now);
}

/// A freshly started container: when it exits, and from when a scenario makes its
/// probes fail.
fn running_state(spec: &Container, image: &ImageBehaviour, now: Time) -> State {
    let exits = match (process::container_process(spec), image.crash_after) {
        (_, Some(s)) => Some((now.plus_secs(s), 1)),
        (Process::Exits { after, code }, None) => Some((now.plus_secs(after), code)),
        (Process::Forever, None) => None,
    };
    let unready_after = if image.never_ready {
        Some(0)
    } else {
        image.unready_after
    };
    State::Running {
        since: now,
        exits,
        killed: None,
        unready_at: unready_after.map(|s| now.plus_secs(s)),
        unhealthy_at: image.unhealthy_after.map(|s| now.plus_secs(s)),
    }
}
