//! The kubectl (and `sim`) command lines behind every board action, so the console shows
//! what each click did and a share link or a reload replays it.

use engine::script::quote_word as quote;
use serde_json::{json, Value};

/// A command line and its standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    pub line: String,
    pub stdin: Option<String>,
}

impl Command {
    pub fn line(line: impl Into<String>) -> Command {
        Command {
            line: line.into(),
            stdin: None,
        }
    }
    fn apply(stdin: String) -> Command {
        Command {
            line: "kubectl apply -f -".into(),
            stdin: Some(stdin),
        }
    }
}

/// A taint as the board edits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaintSpec {
    pub key: String,
    pub value: String,
    pub effect: String,
}

impl TaintSpec {
    pub fn new(key: &str, value: &str, effect: &str) -> TaintSpec {
        TaintSpec {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
        }
    }
    fn json(&self) -> Value {
        let mut t = json!({"key": self.key, "effect": self.effect});
        if !self.value.is_empty() {
            t["value"] = json!(self.value);
        }
        t
    }
    /// `key=value:Effect` (or `key:Effect`), as `kubectl taint` takes it.
    pub fn arg(&self) -> String {
        if self.value.is_empty() {
            format!("{}:{}", self.key, self.effect)
        } else {
            format!("{}={}:{}", self.key, self.value, self.effect)
        }
    }
}

/// The label and taint a kubeadm control-plane node carries.
pub const CONTROL_PLANE_LABEL: &str = "node-role.kubernetes.io/control-plane";

fn node_json(name: &str, labels: &[(String, String)], taints: &[TaintSpec]) -> Value {
    let mut node = json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": name}});
    if !labels.is_empty() {
        let mut map = serde_json::Map::new();
        for (k, v) in labels {
            map.insert(k.clone(), json!(v));
        }
        node["metadata"]["labels"] = Value::Object(map);
    }
    if !taints.is_empty() {
        node["spec"] = json!({"taints": taints.iter().map(TaintSpec::json).collect::<Vec<_>>()});
    }
    node
}

/// Nodes as a YAML (JSON is YAML) `List`, one line per node.
fn node_list(nodes: Vec<Value>) -> String {
    let mut s = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for n in nodes {
        s.push_str(&format!("- {n}\n"));
    }
    s
}

pub fn add_node(name: &str, labels: &[(String, String)], taints: &[TaintSpec]) -> Command {
    Command::apply(node_list(vec![node_json(name, labels, taints)]))
}

/// `count` nodes named `prefix-1`, `prefix-2`, … (numbers already taken are skipped).
pub fn add_pool(
    prefix: &str,
    count: usize,
    labels: &[(String, String)],
    taints: &[TaintSpec],
    taken: &dyn Fn(&str) -> bool,
) -> Command {
    let mut nodes = Vec::with_capacity(count);
    let mut i = 1;
    while nodes.len() < count {
        let name = format!("{prefix}-{i}");
        if !taken(&name) {
            nodes.push(node_json(&name, labels, taints));
        }
        i += 1;
    }
    Command::apply(node_list(nodes))
}

pub fn add_control_plane(name: &str) -> Command {
    add_node(
        name,
        &[(CONTROL_PLANE_LABEL.into(), String::new())],
        &[TaintSpec::new(CONTROL_PLANE_LABEL, "", "NoSchedule")],
    )
}

/// The first `prefix-N` not taken.
pub fn free_name(prefix: &str, taken: &dyn Fn(&str) -> bool) -> String {
    (1..)
        .map(|i| format!("{prefix}-{i}"))
        .find(|n| !taken(n))
        .expect("some name is free")
}

pub fn label(node: &str, key: &str, value: &str) -> Command {
    Command::line(format!(
        "kubectl label node {} {} --overwrite",
        quote(node),
        quote(&format!("{key}={value}"))
    ))
}

pub fn unlabel(node: &str, key: &str) -> Command {
    Command::line(format!(
        "kubectl label node {} {}",
        quote(node),
        quote(&format!("{key}-"))
    ))
}

pub fn taint(node: &str, t: &TaintSpec) -> Command {
    Command::line(format!(
        "kubectl taint node {} {} --overwrite",
        quote(node),
        quote(&t.arg())
    ))
}

/// Removes the taint with this `key:Effect`.
pub fn untaint(node: &str, key: &str, effect: &str) -> Command {
    Command::line(format!(
        "kubectl taint node {} {}",
        quote(node),
        quote(&format!("{key}:{effect}-"))
    ))
}

pub fn cordon(node: &str, on: bool) -> Command {
    let verb = if on { "cordon" } else { "uncordon" };
    Command::line(format!("kubectl {verb} {}", quote(node)))
}

pub fn kubelet(node: &str, run: bool) -> Command {
    let verb = if run { "start" } else { "stop" };
    Command::line(format!("sim kubelet {verb} {}", quote(node)))
}

pub fn delete_node(node: &str) -> Command {
    Command::line(format!("kubectl delete node {}", quote(node)))
}

pub fn delete_pod(pod: &engine::cluster::Key) -> Command {
    Command::line(format!(
        "kubectl delete pod {} -n {} --wait=false",
        quote(&pod.name),
        quote(&pod.namespace)
    ))
}

pub fn rollback(ds: &engine::cluster::Key, revision: i64) -> Command {
    Command::line(format!(
        "kubectl rollout undo ds/{} -n {} --to-revision={revision}",
        quote(&ds.name),
        quote(&ds.namespace)
    ))
}

/// `key=value:Effect` (or `key:Effect`) back into its parts.
pub fn parse_taint(s: &str) -> Option<TaintSpec> {
    let (kv, effect) = s.trim().rsplit_once(':')?;
    let (key, value) = kv.split_once('=').unwrap_or((kv, ""));
    if key.is_empty() || effect.is_empty() {
        return None;
    }
    Some(TaintSpec::new(key, value, effect))
}

/// `a=b,c=d` (or `a=b c=d`; `e` alone is `e=""`) into labels.
pub fn parse_labels(s: &str) -> Vec<(String, String)> {
    s.split([',', ' '])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|w| match w.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (w.to_string(), String::new()),
        })
        .collect()
}

/// Largest pool the board makes at once: Kubernetes' own cluster limit.
pub const MAX_POOL: usize = 5_000;

#[cfg(test)]
mod tests {
    use super::*;
    use engine::session::{NoFiles, Session};

    fn run(s: &mut Session, c: &Command) -> engine::session::Output {
        let out = s.run_command(&c.line, c.stdin.as_deref());
        assert!(!out.failed, "{}: {}", c.line, out.stderr);
        out
    }

    #[test]
    fn labels_and_taints_parse_as_kubectl_writes_them() {
        assert_eq!(
            parse_labels("disk=ssd, zone=a gpu"),
            [
                ("disk".to_string(), "ssd".to_string()),
                ("zone".to_string(), "a".to_string()),
                ("gpu".to_string(), String::new())
            ]
        );
        assert_eq!(
            parse_taint("k=v:NoExecute"),
            Some(TaintSpec::new("k", "v", "NoExecute"))
        );
        assert_eq!(
            parse_taint("k:NoSchedule"),
            Some(TaintSpec::new("k", "", "NoSchedule"))
        );
        assert_eq!(parse_taint("nothing"), None);
    }

    #[test]
    fn board_commands_do_what_they_say_in_the_engine() {
        let mut s = Session::new(Box::new(NoFiles));
        run(
            &mut s,
            &add_node(
                "w1",
                &[("disk".into(), "ssd".into())],
                &[TaintSpec::new("gpu", "true", "NoSchedule")],
            ),
        );
        let n = &s.cluster.store.nodes["w1"];
        assert_eq!(n.metadata.labels["disk"], "ssd");
        assert_eq!(n.spec.taints[0].to_string_k8s(), "gpu=true:NoSchedule");

        run(&mut s, &label("w1", "disk", "hdd"));
        run(&mut s, &unlabel("w1", "disk"));
        run(&mut s, &untaint("w1", "gpu", "NoSchedule"));
        run(&mut s, &taint("w1", &TaintSpec::new("x", "", "NoExecute")));
        run(&mut s, &cordon("w1", true));
        let n = &s.cluster.store.nodes["w1"];
        assert!(!n.metadata.labels.contains_key("disk"));
        assert_eq!(
            n.spec
                .taints
                .iter()
                .map(|t| t.to_string_k8s())
                .collect::<Vec<_>>(),
            ["x:NoExecute", "node.kubernetes.io/unschedulable:NoSchedule"]
        );
        run(&mut s, &kubelet("w1", false));
        assert!(s.cluster.stopped_kubelets.contains("w1"));
        run(&mut s, &delete_node("w1"));
        assert!(s.cluster.store.nodes.is_empty());
    }

    #[test]
    fn pools_skip_taken_names_and_control_planes_carry_their_taint() {
        let mut s = Session::new(Box::new(NoFiles));
        run(&mut s, &add_node("gpu-2", &[], &[]));
        let taken = |n: &str| n == "gpu-2";
        run(
            &mut s,
            &add_pool("gpu", 3, &[("accel".into(), "nvidia".into())], &[], &taken),
        );
        let names: Vec<&String> = s.cluster.store.nodes.keys().collect();
        assert_eq!(names, ["gpu-1", "gpu-2", "gpu-3", "gpu-4"]);
        assert_eq!(
            s.cluster.store.nodes["gpu-4"].metadata.labels["accel"],
            "nvidia"
        );
        run(&mut s, &add_control_plane("cp"));
        assert_eq!(
            s.cluster.store.nodes["cp"].spec.taints[0].to_string_k8s(),
            "node-role.kubernetes.io/control-plane:NoSchedule"
        );
        assert_eq!(free_name("gpu", &|n| n == "gpu-1"), "gpu-2");
    }
}
