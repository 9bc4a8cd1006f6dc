//! What a container does, read from the manifest: `command`/`args` of `true`, `false`,
//! `exit N` and `sleep N` (also as `sh -c "..."`, with the file commands `shell` follows)
//! finish; anything else runs until stopped. Exec probes are judged by `shell` against the
//! container's files at the moment of the probe; httpGet, tcpSocket and grpc probes succeed.

use crate::api::Container;
use serde_json::Value as Json;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Process {
    /// Runs until stopped (a daemon).
    Forever,
    /// Exits after `after` seconds with `code`.
    Exits { after: i64, code: i32 },
}

/// How `command` + `args` end: read by the small shell model (`shell`), which follows
/// `true`, `false`, `exit N`, `sleep N` and file commands, also as `sh -c "..."`.
pub fn judge(argv: &[String]) -> Process {
    super::shell::script(argv).end
}

/// A container's main process.
pub fn container_process(c: &Container) -> Process {
    let argv: Vec<String> = c.command.iter().chain(c.args.iter()).cloned().collect();
    if argv.is_empty() {
        return Process::Forever;
    }
    judge(&argv)
}

/// Timing fields of a probe with the API defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProbeTiming {
    pub initial_delay: i64,
    pub period: i64,
    pub timeout: i64,
    pub success_threshold: i64,
    pub failure_threshold: i64,
    /// The probe's own `terminationGracePeriodSeconds` (liveness and startup probes).
    pub termination_grace: Option<i64>,
}

pub fn timing(probe: &Json) -> ProbeTiming {
    let get = |k: &str, d: i64| {
        probe
            .get(k)
            .and_then(Json::as_i64)
            .filter(|v| *v > 0)
            .unwrap_or(d)
    };
    ProbeTiming {
        initial_delay: probe
            .get("initialDelaySeconds")
            .and_then(Json::as_i64)
            .unwrap_or(0)
            .max(0),
        period: get("periodSeconds", 10),
        timeout: get("timeoutSeconds", 1),
        success_threshold: get("successThreshold", 1),
        failure_threshold: get("failureThreshold", 3),
        termination_grace: probe
            .get("terminationGracePeriodSeconds")
            .and_then(Json::as_i64)
            .map(|v| v.max(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }
    #[test]
    fn commands() {
        assert_eq!(judge(&v(&["true"])), Process::Exits { after: 0, code: 0 });
        assert_eq!(
            judge(&v(&["/bin/false"])),
            Process::Exits { after: 0, code: 1 }
        );
        assert_eq!(
            judge(&v(&["sh", "-c", "exit 3"])),
            Process::Exits { after: 0, code: 3 }
        );
        assert_eq!(
            judge(&v(&["sleep", "30"])),
            Process::Exits { after: 30, code: 0 }
        );
        assert_eq!(
            judge(&v(&["sh", "-c", "sleep 5; exit 2"])),
            Process::Exits { after: 5, code: 2 }
        );
        assert_eq!(judge(&v(&["sleep", "infinity"])), Process::Forever);
        assert_eq!(
            judge(&v(&["fluentd", "-c", "/etc/fluent.conf"])),
            Process::Forever
        );
    }
    #[test]
    fn probe_defaults() {
        let t = timing(&serde_json::json!({"exec": {"command": ["true"]}}));
        assert_eq!(
            (
                t.initial_delay,
                t.period,
                t.timeout,
                t.success_threshold,
                t.failure_threshold
            ),
            (0, 10, 1, 1, 3)
        );
        let t = timing(
            &serde_json::json!({"initialDelaySeconds": 5, "periodSeconds": 5,
            "successThreshold": 2, "failureThreshold": 1, "terminationGracePeriodSeconds": 4}),
        );
        assert_eq!((t.initial_delay, t.period, t.success_threshold), (5, 5, 2));
        assert_eq!((t.failure_threshold, t.termination_grace), (1, Some(4)));
    }
}
