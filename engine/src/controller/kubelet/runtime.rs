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
        /// When the readiness probe first succeeds (None: never).
        ready_at: Option<Time>,
        /// When the liveness probe has failed `failureThreshold` times.
        killed_at: Option<Time>,
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
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct PodRuntime {
    pub containers: Vec<Container>,
}

impl State {
    /// The next instant this state changes by itself.
    pub fn next_change(&self, now: Time) -> Option<Time> {
        match self {
            State::Creating { until, .. }
            | State::PullBackOff { until }
            | State::CrashBackOff { until } => Some(*until),
            State::Running {
                exits,
                ready_at,
                killed_at,
                ..
            } => [
                exits.map(|e| e.0),
                ready_at.filter(|r| *r > now),
                *killed_at,
            ]
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
