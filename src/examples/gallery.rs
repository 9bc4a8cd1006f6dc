//! The examples gallery: each example is a cluster, a manifest for the editor, and the
//! commands of its story, all run through the same kubectl interpreter as the console.

/// One gallery entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// Node manifests applied first.
    pub nodes: &'static str,
    /// The editor's text, applied after the nodes.
    pub manifest: &'static str,
    /// Commands run after the manifest is applied (the story's set-up).
    pub story: &'static [&'static str],
    /// What to try next, shown with the example.
    pub next: &'static str,
}

const STARTER_NODES: &str = super::STARTER_NODES;
const FIVE_WORKERS: &str = include_str!("gallery/five-workers.yaml");

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "fluentd-logging",
        title: "fluentd in the logging namespace",
        summary: "A log collector on every node; tolerations let it run on the control plane too.",
        nodes: STARTER_NODES,
        manifest: include_str!("gallery/fluentd-logging.yaml"),
        story: &[],
        next: "Delete the tolerations and Apply: the control-plane pod goes away.",
    },
    Example {
        id: "ssd-monitor",
        title: "ssd-monitor with nodeSelector",
        summary: "Runs only where disk=ssd. Label a node and a pod appears; change the label and it goes.",
        nodes: include_str!("gallery/ssd-monitor-nodes.yaml"),
        manifest: include_str!("gallery/ssd-monitor.yaml"),
        story: &[],
        next: "kubectl label node worker-3 disk=ssd",
    },
    Example {
        id: "node-exporter",
        title: "node-exporter with hostNetwork and tolerations",
        summary: "`operator: Exists` without a key tolerates every taint, NoExecute included.",
        nodes: include_str!("gallery/node-exporter-nodes.yaml"),
        manifest: include_str!("gallery/node-exporter.yaml"),
        story: &[],
        next: "Select infra-1 to see which toleration tolerates its taint.",
    },
    Example {
        id: "gpu-pool",
        title: "A GPU pool with node affinity",
        summary: "Required node affinity picks the GPU nodes; a toleration lets the pod onto them.",
        nodes: include_str!("gallery/gpu-nodes.yaml"),
        manifest: include_str!("gallery/gpu-device-plugin.yaml"),
        story: &[],
        next: "Select gpu-3: its nvidia.com/gpu.present label is \"false\".",
    },
    Example {
        id: "priority-class",
        title: "A DaemonSet with its PriorityClass",
        summary: "Two documents in one buffer: the PriorityClass is created first, then the DaemonSet that names it.",
        nodes: STARTER_NODES,
        manifest: include_str!("gallery/priority-class.yaml"),
        story: &[],
        next: "kubectl get priorityclasses",
    },
    Example {
        id: "rolling-update",
        title: "Rolling update, one node at a time",
        summary: "maxUnavailable: 1 and minReadySeconds: 5. A new image is set; press Play to watch it roll.",
        nodes: FIVE_WORKERS,
        manifest: include_str!("gallery/agent-max-unavailable.yaml"),
        story: &["sleep 15s", "kubectl set image ds/agent agent=registry.example/agent:2.0"],
        next: "kubectl rollout history ds/agent, then roll back from the Revisions panel.",
    },
    Example {
        id: "stuck-image",
        title: "Stuck: a new image that never gets ready",
        summary: "The new image cannot be pulled. maxUnavailable: 1 stops the rollout after the first node.",
        nodes: FIVE_WORKERS,
        manifest: include_str!("gallery/agent-max-unavailable.yaml"),
        story: &[
            "sleep 15s",
            "sim image registry.example/agent:2.0-typo --unpullable",
            "kubectl set image ds/agent agent=registry.example/agent:2.0-typo",
        ],
        next: "kubectl rollout undo ds/agent",
    },
    Example {
        id: "stuck-surge-hostport",
        title: "Stuck: surge with a hostPort",
        summary: "With maxSurge the new pod must start beside the old one, but both want host port 8080.",
        nodes: FIVE_WORKERS,
        manifest: include_str!("gallery/agent-surge-hostport.yaml"),
        story: &["sleep 15s", "kubectl set image ds/agent agent=registry.example/agent:2.0"],
        next: "Select the Pending pod to read the scheduler's message.",
    },
    Example {
        id: "stuck-not-ready",
        title: "Stuck: a NotReady node",
        summary: "worker-5's kubelet stops. The node turns NotReady, and its new pod never starts.",
        nodes: FIVE_WORKERS,
        manifest: include_str!("gallery/agent-max-unavailable.yaml"),
        story: &[
            "sleep 15s",
            "sim kubelet stop worker-5",
            "sleep 60s",
            "kubectl set image ds/agent agent=registry.example/agent:2.0",
        ],
        next: "sim kubelet start worker-5",
    },
];

pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}
