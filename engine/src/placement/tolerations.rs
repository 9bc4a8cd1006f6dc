//! Taints and tolerations: `ToleratesTaint`, `FindMatchingUntoleratedTaint`, and the
//! tolerations every DaemonSet pod gets (`util.AddOrUpdateDaemonPodTolerations`).

use crate::api::{PodSpec, Taint, Toleration};

pub const TAINT_NOT_READY: &str = "node.kubernetes.io/not-ready";
pub const TAINT_UNREACHABLE: &str = "node.kubernetes.io/unreachable";
pub const TAINT_DISK_PRESSURE: &str = "node.kubernetes.io/disk-pressure";
pub const TAINT_MEMORY_PRESSURE: &str = "node.kubernetes.io/memory-pressure";
pub const TAINT_PID_PRESSURE: &str = "node.kubernetes.io/pid-pressure";
pub const TAINT_UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";
pub const TAINT_NETWORK_UNAVAILABLE: &str = "node.kubernetes.io/network-unavailable";

fn exists(key: &str, effect: &str) -> Toleration {
    Toleration {
        key: key.into(),
        operator: "Exists".into(),
        effect: effect.into(),
        ..Default::default()
    }
}

/// The tolerations the DaemonSet controller adds to every daemon pod.
pub fn default_daemon_tolerations(host_network: bool) -> Vec<Toleration> {
    let mut v = vec![
        exists(TAINT_NOT_READY, "NoExecute"),
        exists(TAINT_UNREACHABLE, "NoExecute"),
        exists(TAINT_DISK_PRESSURE, "NoSchedule"),
        exists(TAINT_MEMORY_PRESSURE, "NoSchedule"),
        exists(TAINT_PID_PRESSURE, "NoSchedule"),
        exists(TAINT_UNSCHEDULABLE, "NoSchedule"),
    ];
    if host_network {
        v.push(exists(TAINT_NETWORK_UNAVAILABLE, "NoSchedule"));
    }
    v
}

/// `v1helper.AddOrUpdateTolerationInPodSpec` for each default: a user toleration equal in
/// key, operator, value and effect is replaced by the default (losing its tolerationSeconds).
pub fn add_daemon_tolerations(spec: &mut PodSpec) {
    for t in default_daemon_tolerations(spec.host_network) {
        add_or_update(&mut spec.tolerations, t);
    }
}

fn add_or_update(list: &mut Vec<Toleration>, t: Toleration) {
    let same = |o: &Toleration| {
        o.key == t.key
            && o.effect == t.effect
            && normalized_op(&o.operator) == normalized_op(&t.operator)
            && o.value == t.value
    };
    if let Some(i) = list.iter().position(same) {
        list[i] = t;
    } else {
        list.push(t);
    }
}

fn normalized_op(op: &str) -> &str {
    if op.is_empty() {
        "Equal"
    } else {
        op
    }
}

/// `Toleration.ToleratesTaint` (with the v1.35 `Lt`/`Gt` operators).
pub fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    if !t.effect.is_empty() && t.effect != taint.effect {
        return false;
    }
    if !t.key.is_empty() && t.key != taint.key {
        return false;
    }
    match t.operator.as_str() {
        "" | "Equal" => t.value == taint.value,
        "Exists" => true,
        "Lt" | "Gt" => match (taint.value.parse::<i64>(), t.value.parse::<i64>()) {
            (Ok(a), Ok(b)) => {
                if t.operator == "Lt" {
                    a < b
                } else {
                    a > b
                }
            }
            _ => false,
        },
        _ => false,
    }
}

/// `FindMatchingUntoleratedTaint`: the first taint (in node order) passing `filter` that no
/// toleration tolerates.
pub fn find_untolerated<'a>(
    taints: &'a [Taint],
    tolerations: &[Toleration],
    filter: impl Fn(&Taint) -> bool,
) -> Option<&'a Taint> {
    taints
        .iter()
        .filter(|t| filter(t))
        .find(|taint| !tolerations.iter().any(|t| tolerates(t, taint)))
}
