//! The one word the pod grid colours a pod by.

use crate::api::{Pod, Time};
use crate::kubectl::printers::table::pod_summary;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PodState {
    /// Not bound to a node yet (or waiting on the scheduler).
    Pending,
    ContainerCreating,
    /// Containers run but the pod is not Ready.
    Running,
    /// Ready, but not for `minReadySeconds` yet.
    Ready,
    /// Ready for at least `minReadySeconds`: counts as available in the DaemonSet status.
    Available,
    Terminating,
    CrashLoopBackOff,
    /// `ErrImagePull` or `ImagePullBackOff`.
    ImagePullBackOff,
    Failed,
    Succeeded,
}

impl PodState {
    pub const ALL: [PodState; 10] = [
        PodState::Pending,
        PodState::ContainerCreating,
        PodState::Running,
        PodState::Ready,
        PodState::Available,
        PodState::Terminating,
        PodState::CrashLoopBackOff,
        PodState::ImagePullBackOff,
        PodState::Failed,
        PodState::Succeeded,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PodState::Pending => "Pending",
            PodState::ContainerCreating => "ContainerCreating",
            PodState::Running => "Running",
            PodState::Ready => "Ready",
            PodState::Available => "Available",
            PodState::Terminating => "Terminating",
            PodState::CrashLoopBackOff => "CrashLoopBackOff",
            PodState::ImagePullBackOff => "ImagePullBackOff",
            PodState::Failed => "Failed",
            PodState::Succeeded => "Succeeded",
        }
    }

    /// A CSS-friendly name.
    pub fn class(self) -> &'static str {
        match self {
            PodState::Pending => "pending",
            PodState::ContainerCreating => "creating",
            PodState::Running => "running",
            PodState::Ready => "ready",
            PodState::Available => "available",
            PodState::Terminating => "terminating",
            PodState::CrashLoopBackOff => "crashloop",
            PodState::ImagePullBackOff => "imagepull",
            PodState::Failed => "failed",
            PodState::Succeeded => "succeeded",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            PodState::Pending => "not scheduled yet",
            PodState::ContainerCreating => "pulling the image and starting containers",
            PodState::Running => "running, not ready",
            PodState::Ready => "ready, waiting out minReadySeconds",
            PodState::Available => "ready for minReadySeconds: available",
            PodState::Terminating => "shutting down within its grace period",
            PodState::CrashLoopBackOff => "a container keeps exiting; the kubelet backs off",
            PodState::ImagePullBackOff => "the image cannot be pulled",
            PodState::Failed => "all containers ended, at least one failed",
            PodState::Succeeded => "all containers ended successfully",
        }
    }
}

/// Classifies a pod as the grid shows it, from the same reason `kubectl get pods` prints.
pub fn pod_state(pod: &Pod, min_ready_seconds: i32, now: Time) -> PodState {
    pod_state_for(pod, &pod_summary(pod).2, min_ready_seconds, now)
}

/// [`pod_state`] given the STATUS that `kubectl get pods` prints for the pod.
pub fn pod_state_for(pod: &Pod, reason: &str, min_ready_seconds: i32, now: Time) -> PodState {
    if pod.metadata.deletion_timestamp.is_some() {
        return PodState::Terminating;
    }
    match pod.status.phase.as_ref() {
        "Failed" => return PodState::Failed,
        "Succeeded" => return PodState::Succeeded,
        _ => {}
    }
    match reason {
        "CrashLoopBackOff" => return PodState::CrashLoopBackOff,
        "ImagePullBackOff" | "ErrImagePull" => return PodState::ImagePullBackOff,
        "ContainerCreating" | "PodInitializing" => return PodState::ContainerCreating,
        _ => {}
    }
    if pod.spec.node_name.is_empty() || pod.status.phase == "Pending" {
        return if pod.spec.node_name.is_empty() {
            PodState::Pending
        } else {
            PodState::ContainerCreating
        };
    }
    if pod.is_available(min_ready_seconds, now) {
        PodState::Available
    } else if pod.is_ready() {
        PodState::Ready
    } else {
        PodState::Running
    }
}
