//! What a container does, read from the manifest: `command`/`args` of `true`, `false`,
//! `exit N` and `sleep N` (also as `sh -c "..."`) finish; anything else runs until stopped.
//! Exec probes are judged the same way; httpGet, tcpSocket and grpc probes succeed.

use crate::api::Container;
use serde_json::Value as Json;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Process {
    /// Runs until stopped (a daemon).
    Forever,
    /// Exits after `after` seconds with `code`.
    Exits { after: i64, code: i32 },
}

/// The shell words of `command` + `args`, unwrapping `sh -c "script"`.
fn script_of(argv: &[String]) -> Vec<String> {
    let is_shell = |s: &str| {
        matches!(
            s.rsplit('/').next().unwrap_or(s),
            "sh" | "bash" | "ash" | "dash"
        )
    };
    if argv.len() >= 3 && is_shell(&argv[0]) && argv[1] == "-c" {
        return argv[2].split_whitespace().map(String::from).collect();
    }
    if argv.len() >= 2 && is_shell(&argv[0]) && argv[1].starts_with("-c") && argv[1].len() > 2 {
        return argv[1][2..].split_whitespace().map(String::from).collect();
    }
    argv.to_vec()
}

/// Reads `true`, `false`, `exit N`, `sleep N` (and `sleep N; exit M`, `sleep N && false`).
pub fn judge(argv: &[String]) -> Process {
    let words = script_of(argv);
    let mut after = 0i64;
    let mut i = 0;
    while i < words.len() {
        let w = words[i].trim_end_matches(';');
        let base = w.rsplit('/').next().unwrap_or(w);
        match base {
            "true" | ":" => return Process::Exits { after, code: 0 },
            "false" => return Process::Exits { after, code: 1 },
            "exit" => {
                let code = words
                    .get(i + 1)
                    .and_then(|c| c.trim_end_matches(';').parse().ok())
                    .unwrap_or(0);
                return Process::Exits { after, code };
            }
            "sleep" => {
                let Some(n) = words.get(i + 1).map(|s| s.trim_end_matches(';')) else {
                    return Process::Forever;
                };
                match crate::session::parse_duration_args(&[n.to_string()]) {
                    Ok(ms) if n != "infinity" => after += (ms + 999) / 1000,
                    _ => return Process::Forever,
                }
                i += 2;
                if words.get(i).is_some_and(|w| w == "&&" || w == ";") {
                    i += 1;
                    continue;
                }
                if i >= words.len() {
                    return Process::Exits { after, code: 0 };
                }
                continue;
            }
            _ => return Process::Forever,
        }
    }
    Process::Forever
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
    pub failure_threshold: i64,
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
        failure_threshold: get("failureThreshold", 3),
    }
}

/// Whether a probe succeeds: exec probes by their command, network probes always.
pub fn probe_succeeds(probe: &Json) -> bool {
    let Some(cmd) = probe.pointer("/exec/command").and_then(Json::as_array) else {
        return true;
    };
    let argv: Vec<String> = cmd
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    match judge(&argv) {
        Process::Forever => true,
        Process::Exits { after, code } => code == 0 && after < timing(probe).timeout,
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
    fn probes() {
        assert!(probe_succeeds(
            &serde_json::json!({"httpGet": {"path": "/", "port": 80}})
        ));
        assert!(!probe_succeeds(
            &serde_json::json!({"exec": {"command": ["false"]}})
        ));
        assert!(probe_succeeds(
            &serde_json::json!({"exec": {"command": ["cat", "/tmp/healthy"]}})
        ));
        assert!(!probe_succeeds(
            &serde_json::json!({"exec": {"command": ["sleep", "5"]}, "timeoutSeconds": 1})
        ));
    }
}
