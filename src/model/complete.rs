//! Tab completion in the console: commands, kubectl verbs, resource types and the
//! names of the objects in the cluster.

use engine::cluster::Cluster;

const PROGRAMS: &[&str] = &["kubectl", "sim", "sleep", "echo"];
const VERBS: &[&str] = &[
    "apply", "create", "get", "describe", "delete", "label", "taint", "cordon", "uncordon",
    "drain", "rollout", "set", "patch", "events",
];
const ROLLOUT: &[&str] = &["status", "history", "undo", "restart"];
const TYPES: &[&str] = &[
    "daemonsets",
    "ds",
    "pods",
    "po",
    "nodes",
    "no",
    "controllerrevisions",
    "events",
    "namespaces",
    "ns",
    "priorityclasses",
];
const SIM: &[&str] = &["image", "kubelet", "network", "node"];
/// Flags whose value is the next word (unless written `--flag=value`).
const VALUE_FLAGS: &[&str] = &[
    "-n",
    "--namespace",
    "-o",
    "--output",
    "-l",
    "--selector",
    "-f",
    "--filename",
    "-p",
    "--patch",
    "--type",
    "--to-revision",
    "--timeout",
    "--field-selector",
    "--template",
    "--for",
    "--types",
];

/// What Tab does to `line`: the new line, and the candidates when there are several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub line: String,
    pub candidates: Vec<String>,
}

fn names_of(c: &Cluster, ty: &str) -> Vec<String> {
    match ty {
        "nodes" | "node" | "no" => c.store.nodes.keys().cloned().collect(),
        "pods" | "pod" | "po" => c.store.pods.keys().map(|k| k.name.to_string()).collect(),
        "daemonsets" | "daemonset" | "ds" => c
            .store
            .daemonsets
            .keys()
            .map(|k| k.name.to_string())
            .collect(),
        "controllerrevisions" | "controllerrevision" => c
            .store
            .revisions
            .keys()
            .map(|k| k.name.to_string())
            .collect(),
        "namespaces" | "namespace" | "ns" => c.store.namespaces.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

fn candidates(c: &Cluster, words: &[&str], word: &str) -> Vec<String> {
    let owned = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // `type/name` completes the name.
    if let Some((ty, _)) = word.split_once('/') {
        return names_of(c, ty)
            .into_iter()
            .map(|n| format!("{ty}/{n}"))
            .collect();
    }
    // The words that are not flags nor the values of flags that take one.
    let mut positional: Vec<&str> = Vec::new();
    let mut value_next = false;
    for w in words {
        if std::mem::take(&mut value_next) {
            continue;
        }
        if w.starts_with('-') {
            value_next = VALUE_FLAGS.contains(w);
        } else {
            positional.push(w);
        }
    }
    match positional.as_slice() {
        [] => owned(PROGRAMS),
        ["kubectl"] => owned(VERBS),
        ["sim"] => owned(SIM),
        ["sim", "kubelet" | "network" | "node"] => owned(match positional[1] {
            "kubelet" => &["stop", "start"],
            "network" => &["cut", "restore"],
            _ => &["not-ready", "ready"],
        }),
        ["sim", "kubelet" | "network" | "node", _, ..] => names_of(c, "nodes"),
        ["kubectl", "rollout"] => owned(ROLLOUT),
        ["kubectl", "rollout", _] => c
            .store
            .daemonsets
            .keys()
            .map(|k| format!("ds/{}", k.name))
            .collect(),
        ["kubectl", "cordon" | "uncordon" | "drain", ..] => names_of(c, "nodes"),
        ["kubectl", "taint" | "label"] => owned(&["node", "nodes"]),
        ["kubectl", "taint" | "label", ty] => names_of(c, ty),
        ["kubectl", "get" | "describe" | "delete" | "patch"] => owned(TYPES),
        ["kubectl", "get" | "describe" | "delete" | "patch", ty, ..] => names_of(c, ty),
        ["kubectl", "set"] => owned(&["image"]),
        ["kubectl", "set", "image"] => c
            .store
            .daemonsets
            .keys()
            .map(|k| format!("ds/{}", k.name))
            .collect(),
        _ => Vec::new(),
    }
}

fn common_prefix(xs: &[String]) -> String {
    let Some(first) = xs.first() else {
        return String::new();
    };
    let mut end = first.len();
    for x in &xs[1..] {
        end = first
            .char_indices()
            .zip(x.chars())
            .take_while(|((_, a), b)| a == b)
            .map(|((i, a), _)| i + a.len_utf8())
            .last()
            .unwrap_or(0)
            .min(end);
    }
    first[..end].to_string()
}

pub fn complete(c: &Cluster, line: &str) -> Completion {
    let (head, word) = match line.rfind(' ') {
        Some(i) => (&line[..=i], &line[i + 1..]),
        None => ("", line),
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    let mut matching: Vec<String> = candidates(c, &words, word)
        .into_iter()
        .filter(|w| w.starts_with(word))
        .collect();
    engine::sort::sort(&mut matching);
    matching.dedup();
    match matching.len() {
        0 => Completion {
            line: line.to_string(),
            candidates: Vec::new(),
        },
        1 => Completion {
            line: format!("{head}{} ", matching[0]),
            candidates: Vec::new(),
        },
        _ => Completion {
            line: format!("{head}{}", common_prefix(&matching)),
            candidates: matching,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::session::{NoFiles, Session};

    fn cluster() -> Session {
        let mut s = Session::new(Box::new(NoFiles));
        let nodes = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: worker-1}}\n- {apiVersion: v1, kind: Node, metadata: {name: worker-2}}\n- {apiVersion: v1, kind: Node, metadata: {name: control-plane}}\n";
        assert!(!s.run_command("kubectl apply -f -", Some(nodes)).failed);
        s
    }

    #[test]
    fn completes_programs_verbs_and_types() {
        let s = cluster();
        assert_eq!(complete(&s.cluster, "kub").line, "kubectl ");
        assert_eq!(complete(&s.cluster, "kubectl ro").line, "kubectl rollout ");
        assert_eq!(
            complete(&s.cluster, "kubectl get da").line,
            "kubectl get daemonsets "
        );
        let c = complete(&s.cluster, "kubectl de");
        assert_eq!(c.line, "kubectl de");
        assert_eq!(c.candidates, ["delete", "describe"]);
    }

    #[test]
    fn completes_node_names_to_their_common_prefix() {
        let s = cluster();
        let c = complete(&s.cluster, "kubectl cordon w");
        assert_eq!(c.line, "kubectl cordon worker-");
        assert_eq!(c.candidates, ["worker-1", "worker-2"]);
        assert_eq!(
            complete(&s.cluster, "kubectl describe node c").line,
            "kubectl describe node control-plane "
        );
        assert_eq!(
            complete(&s.cluster, "kubectl get nodes/worker-2").line,
            "kubectl get nodes/worker-2 "
        );
        assert_eq!(
            complete(&s.cluster, "sim kubelet stop con").line,
            "sim kubelet stop control-plane "
        );
    }

    #[test]
    fn flags_and_their_values_are_skipped_wherever_they_are() {
        let s = cluster();
        assert_eq!(
            complete(&s.cluster, "kubectl -n default get da").line,
            "kubectl -n default get daemonsets "
        );
        assert_eq!(
            complete(&s.cluster, "kubectl get -o wide nodes w").line,
            "kubectl get -o wide nodes worker-"
        );
    }

    #[test]
    fn nothing_to_complete_leaves_the_line() {
        let s = cluster();
        let c = complete(&s.cluster, "kubectl get pods zz");
        assert_eq!(c.line, "kubectl get pods zz");
        assert!(c.candidates.is_empty());
    }
}
