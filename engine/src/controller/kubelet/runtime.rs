//! The kubelet's view of a pod's containers: what each is doing and until when.

use crate::api::Time;

#[derive(Clone, Debug, PartialEq)]
pub enum State {
    /// Pulling the image (or creating the container) until the given time.
    Creating { until: Time, pulling: bool },
    /// The pull failed; `ImagePullBackOff` until the given time, then another pull.
    PullBackOff { until: Time },
    Running {
        since: Time,
        /// When the process exits by itself, and with which code.
        exits: Option<(Time, i32)>,
        /// A liveness or startup probe failed: the kubelet is killing the container,
        /// which ends at this time with this exit code.
        killed: Option<(Time, i32)>,
        /// `sim image --unready-after`: readiness probes fail from this time on.
        unready_at: Option<Time>,
        /// `sim image --unhealthy-after`: liveness probes fail from this time on.
        unhealthy_at: Option<Time>,
    },
    /// `CrashLoopBackOff` until the given time, then a restart.
    CrashBackOff { until: Time },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Container {
    pub state: State,
    pub restarts: i32,
    /// The kubelet's restart back-off for this container, in seconds (0: none yet).
    pub backoff: i64,
    /// The last time the back-off was raised; it resets after 10 minutes of running.
    pub backoff_at: Time,
    pub pull_backoff: i64,
    /// The previous run: (exit code, started, finished).
    pub last: Option<(i32, Time, Time)>,
    /// The prober's workers for this container (startup, readiness, liveness).
    pub workers: Vec<Worker>,
}

impl Container {
    pub fn worker(&self, kind: ProbeKind) -> Option<&Worker> {
        self.workers.iter().find(|w| w.kind == kind)
    }

    /// Running, and its startup probe (if any) has succeeded (`Started`).
    pub fn started(&self) -> bool {
        matches!(self.state, State::Running { .. })
            && self
                .worker(ProbeKind::Startup)
                .is_none_or(|w| w.result == Some(true))
    }

    /// Started, and its readiness probe (if any) holds success (`Ready`).
    pub fn ready(&self) -> bool {
        self.started()
            && self
                .worker(ProbeKind::Readiness)
                .is_none_or(|w| w.result == Some(true))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeKind {
    Startup,
    Readiness,
    Liveness,
}

impl ProbeKind {
    /// As the kubelet names it in events.
    pub fn name(self) -> &'static str {
        match self {
            ProbeKind::Startup => "Startup",
            ProbeKind::Readiness => "Readiness",
            ProbeKind::Liveness => "Liveness",
        }
    }
}

/// A prober worker (`pkg/kubelet/prober/worker.go`) for one probe of one container.
#[derive(Clone, Debug, PartialEq)]
pub struct Worker {
    pub kind: ProbeKind,
    /// The next tick of the probe period not yet accounted for.
    pub next: Time,
    /// The tick the worker next acts at; the ticks before it are successes that change
    /// nothing the kubelet shows, so no timer fires for them.
    pub wake: Option<Time>,
    /// The result the kubelet holds for the current container (None: unknown).
    pub result: Option<bool>,
    /// The last probe's result and how many times in a row it came (`resultRun`).
    pub last: Option<bool>,
    pub run: i64,
    /// A liveness or startup failure: no probing until the container is replaced.
    pub on_hold: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct PodRuntime {
    pub containers: Vec<Container>,
    /// When the armed `Timer::Kubelet` for this pod fires, so no second one is armed.
    pub kubelet_at: Option<Time>,
    /// When the armed `Timer::Probe` for this pod fires.
    pub probe_at: Option<Time>,
}

impl State {
    /// The next instant this state changes by itself.
    pub fn next_change(&self) -> Option<Time> {
        match self {
            State::Creating { until, .. }
            | State::PullBackOff { until }
            | State::CrashBackOff { until } => Some(*until),
            State::Running { exits, killed, .. } => [exits.map(|e| e.0), killed.map(|k| k.0)]
                .into_iter()
                .flatten()
                .min(),
        }
    }
}

/// Kubelet back-off: 10 s doubling to 5 min.
pub fn next_backoff(cur: i64) -> i64 {
    if cur == 0 {
        10
    } else {
        (cur * 2).min(300)
    }
}
