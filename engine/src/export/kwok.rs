//! A kit to replay a scenario on a real cluster: kind, with KWOK faking the nodes.
//!
//! KWOK (<https://kwok.sigs.k8s.io/>) runs in the cluster and, with the release manifests'
//! settings, manages the Nodes annotated `kwok.x-k8s.io/node: fake`: it keeps them Ready
//! and moves the pods bound to them to Running and Ready (its `stage-fast` Stages). The
//! node template follows KWOK's "Manage nodes and pods" page: that annotation, the
//! `type: kwok` label, and the taint `kwok.x-k8s.io/node=fake:NoSchedule` that keeps real
//! workloads off the fake nodes; so each DaemonSet gets a toleration for that taint.

use super::script::{comment, sleeps, step_runs};
use super::yaml::{clean_meta, node_spec, objects, render, Exported};
use super::{command_line, item, with_heredoc, Item};
use crate::api::{DaemonSet, FromJson, Node, Taint, Toleration};
use crate::placement::tolerations::tolerates;
use crate::timeline::Timeline;
use serde_json::{json, Value as Json};
use std::collections::BTreeMap;

/// The KWOK release the kit installs (a variable in the README; newer ones should work).
pub const KWOK_VERSION: &str = "v0.7.0";
/// The annotation, label and taint key KWOK's node template uses.
pub const KWOK_TAINT_KEY: &str = "kwok.x-k8s.io/node";

/// The files of the kit: (file name, text).
#[derive(Clone, Debug, PartialEq)]
pub struct KwokKit {
    pub files: Vec<(String, String)>,
}

impl KwokKit {
    pub fn file(&self, name: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }
}

fn kwok_taint() -> Taint {
    Taint {
        key: KWOK_TAINT_KEY.into(),
        value: "fake".into(),
        effect: "NoSchedule".into(),
        time_added: None,
    }
}

/// A simulated node as a KWOK fake node: all its labels (no kubelet will add
/// `kubernetes.io/hostname` and the others), the KWOK annotations, the `type: kwok`
/// label (unless the user's `type` label is there), the user's taints plus KWOK's, and
/// its capacity and allocatable resources.
pub(crate) fn kwok_node(n: &Node) -> Exported {
    let none = BTreeMap::new();
    let mut meta = clean_meta(&n.metadata, &none);
    let mut comments = vec![format!(
        "KWOK fake node {}: annotation {KWOK_TAINT_KEY}: fake, label type: kwok, taint {KWOK_TAINT_KEY}=fake:NoSchedule (KWOK's node template)",
        n.metadata.name
    )];
    let m = meta.as_object_mut().expect("object");
    let ann = m
        .entry("annotations")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("object");
    ann.insert(KWOK_TAINT_KEY.into(), json!("fake"));
    ann.insert("node.alpha.kubernetes.io/ttl".into(), json!("0"));
    let labels = m
        .entry("labels")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("object");
    match labels.get("type").and_then(Json::as_str) {
        None => {
            labels.insert("type".into(), json!("kwok"));
        }
        Some("kwok") => {}
        Some(other) => comments.push(format!(
            "the scenario's label type={other} is kept, so this node has no type=kwok label"
        )),
    }
    let mut spec = node_spec(n);
    let taints = spec
        .as_object_mut()
        .expect("object")
        .entry("taints")
        .or_insert_with(|| json!([]));
    let has = taints
        .as_array()
        .is_some_and(|a| a.iter().any(|t| t["key"] == KWOK_TAINT_KEY));
    if !has {
        if let Some(a) = taints.as_array_mut() {
            a.push(serde_json::to_value(kwok_taint()).unwrap_or_default());
        }
    }
    let mut status = json!({
        "allocatable": n.status.allocatable,
        "capacity": n.status.capacity,
    });
    if let Some(info) = n.status.rest.get("nodeInfo") {
        let mut info = info.clone();
        info["kubeletVersion"] = json!("fake");
        info["kubeProxyVersion"] = json!("fake");
        status["nodeInfo"] = info;
    }
    Exported {
        kind: "Node".into(),
        name: n.metadata.name.clone(),
        json: json!({
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": meta,
            "spec": spec,
            "status": status,
        }),
        comments,
    }
}

/// Adds the toleration for KWOK's taint to a DaemonSet (as JSON) unless its tolerations
/// already tolerate it; returns whether it added one.
pub(crate) fn add_kwok_toleration(ds: &mut Json) -> bool {
    let current: Vec<Toleration> = ds
        .pointer("/spec/template/spec/tolerations")
        .and_then(|v| FromJson::from_json(v.clone()).ok())
        .unwrap_or_default();
    if current.iter().any(|t| tolerates(t, &kwok_taint())) {
        return false;
    }
    let Some(spec) = ds
        .pointer_mut("/spec/template/spec")
        .and_then(Json::as_object_mut)
    else {
        return false;
    };
    let list = spec.entry("tolerations").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    if let Some(a) = list.as_array_mut() {
        a.push(json!({"key": KWOK_TAINT_KEY, "operator": "Exists", "effect": "NoSchedule"}));
    }
    true
}

/// kind's control-plane node as `kind create cluster --name dsim` makes it (the labels
/// and taint that matter to placement).
fn kind_control_plane() -> Node {
    let mut n = Node::default();
    n.metadata.name = "dsim-control-plane".into();
    for (k, v) in [
        ("node-role.kubernetes.io/control-plane", ""),
        (
            "node.kubernetes.io/exclude-from-external-load-balancers",
            "",
        ),
    ] {
        n.metadata.labels.insert(k.into(), v.into());
    }
    n.spec.taints.push(Taint {
        key: "node-role.kubernetes.io/control-plane".into(),
        value: String::new(),
        effect: "NoSchedule".into(),
        time_added: None,
    });
    crate::controller::kubelet::register_node(&crate::cluster::Cluster::new(), &mut n);
    n
}

/// Whether the DaemonSet would also run a pod on kind's real control-plane node.
fn runs_on_kind(ds: &DaemonSet) -> bool {
    crate::placement::node_should_run_daemon_pod(&kind_control_plane(), ds).should_run
}

fn kind_comment(name: &str) -> String {
    format!(
        "DaemonSet {name} also places a pod on kind's real control-plane node, dsim-control-plane (it tolerates that node's taint): that pod pulls and runs the real image, and `kubectl rollout status` waits for it."
    )
}

fn toleration_comment(name: &str) -> String {
    format!(
        "DaemonSet {name}: changed for KWOK: a toleration {{key: {KWOK_TAINT_KEY}, operator: Exists, effect: NoSchedule}} was added to the pod template so that its pods may land on the fake nodes, which carry that taint. Its nodeSelector, affinity and other tolerations are as in the simulation."
    )
}

/// A manifest of a replayed command, converted as the kit's files are: Nodes become KWOK
/// fake nodes, DaemonSets get the toleration. None when it does not decode (then the
/// command keeps its text).
fn convert_manifest(text: &str) -> Option<String> {
    let docs = crate::manifest::decode_manifest(text, "STDIN");
    if docs.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for d in docs {
        let d = d.ok()?;
        match d.object {
            crate::manifest::Object::Node(mut n) => {
                // What the simulator's kubelet adds, KWOK's node must carry itself.
                crate::controller::kubelet::register_node(&crate::cluster::Cluster::new(), &mut n);
                out.push(kwok_node(&n));
            }
            crate::manifest::Object::DaemonSet(ds) => {
                let mut json = d.json.clone();
                let mut comments = vec![];
                if add_kwok_toleration(&mut json) {
                    comments.push(toleration_comment(&ds.metadata.name));
                }
                if runs_on_kind(&ds) {
                    comments.push(kind_comment(&ds.metadata.name));
                }
                out.push(Exported {
                    kind: "DaemonSet".into(),
                    name: ds.metadata.name.clone(),
                    json,
                    comments,
                });
            }
            other => out.push(Exported {
                kind: d.kind.clone(),
                name: other.meta().name.clone(),
                json: d.json.clone(),
                comments: vec![],
            }),
        }
    }
    Some(render("", &out))
}

/// What a simulator verb becomes in `replay.sh`: a comment saying what it did and what,
/// if anything, plays its part on KWOK.
pub(super) fn sim_comment(argv: &[String]) -> String {
    let line = command_line(argv);
    let why = match argv.get(1).map(String::as_str) {
        Some("image") if argv.iter().any(|a| a == "--unpullable") => {
            "KWOK pulls no images: pods on fake nodes run whatever the image, so there is no ImagePullBackOff here. On a real node, an image tag that does not exist gives it."
        }
        Some("image") if argv.iter().any(|a| a.starts_with("--crash-after")) => {
            "KWOK runs no containers, so nothing crashes. KWOK's Stages can mark containers failed (see https://kwok.sigs.k8s.io/docs/user/stages-configuration/); this kit does not set that up."
        }
        Some("image") if argv.iter().any(|a| a == "--never-ready" || a.starts_with("--unready-after")) => {
            "KWOK's stage-fast makes every pod on a fake node Ready and keeps it so. Holding pods not ready, or making them not ready later, needs a Stage of your own (https://kwok.sigs.k8s.io/docs/user/stages-configuration/)."
        }
        Some("image") if argv.iter().any(|a| a.starts_with("--unhealthy-after")) => {
            "KWOK runs no probes, so no liveness probe fails and nothing is restarted. KWOK's Stages can mark containers restarted (see https://kwok.sigs.k8s.io/docs/user/stages-configuration/); this kit does not set that up."
        }
        Some("image") => "KWOK pulls no images and starts pods at once (stage-fast).",
        Some("kubelet") | Some("network") | Some("node") => {
            "KWOK keeps its fake nodes Ready; this kit has no equivalent."
        }
        _ => "simulator only; no equivalent on KWOK.",
    };
    format!("# simulator only: {line}\n#   {why}\n")
}

fn replay_script(t: &Timeline) -> String {
    let pos = t.position();
    let actions = &t.actions()[..pos];
    let mut out = String::new();
    out.push_str(
        "#!/bin/sh\n\
         # Replays the DaemonSet Playground scenario on a real cluster (kind + KWOK), command\n\
         # by command. Run it against a cluster prepared as README.md says, without applying\n\
         # nodes.yaml and manifests.yaml first: the scenario creates its nodes and objects.\n\
         #\n\
         # Nodes in the manifests below are KWOK fake nodes and DaemonSets tolerate KWOK's\n\
         # taint (see the comments above them). `sleep` waits the simulated time that passed\n\
         # in the playground; pods on KWOK nodes are Ready at once, so you may shorten it.\n\
         # `sim` verbs (images that cannot be pulled, kubelets that stop, ...) are simulator\n\
         # only: they are comments here, with what plays their part on KWOK, if anything.\n\
         set -u\n\n",
    );
    let runs = step_runs(t);
    let mut i = 0;
    while i < actions.len() {
        if let Some(&(_, stop, ms)) = runs.iter().find(|r| r.0 == i) {
            if ms > 0 {
                out.push_str("# the playground's clock moved on here\n");
                for s in sleeps(ms) {
                    out.push_str(&s);
                    out.push('\n');
                }
            }
            i = stop;
            continue;
        }
        match item(&actions[i]) {
            Item::Command { argv, stdin } => match argv.first().map(String::as_str) {
                Some("sim") => out.push_str(&sim_comment(&argv)),
                Some("kubectl") => {
                    let line = command_line(&argv);
                    match stdin {
                        Some(body) => {
                            let converted = convert_manifest(&body);
                            if converted.is_none() {
                                out.push_str("# (input kept as written: it does not decode)\n");
                            }
                            out.push_str(&with_heredoc(
                                &line,
                                converted.as_deref().unwrap_or(&body),
                            ));
                        }
                        None => {
                            if let Some((_, path, _)) = super::file_arg(&argv) {
                                if path != "-" {
                                    out.push_str(&format!(
                                        "# reads {path}: give its Nodes the KWOK annotation, label and taint and its DaemonSets the toleration (see nodes.yaml, manifests.yaml)\n"
                                    ));
                                }
                            }
                            out.push_str(&line);
                            out.push('\n');
                        }
                    }
                }
                _ => {
                    let line = command_line(&argv);
                    match stdin {
                        Some(body) => out.push_str(&with_heredoc(&line, &body)),
                        None => {
                            out.push_str(&line);
                            out.push('\n');
                        }
                    }
                }
            },
            Item::Invalid { line, error } => {
                out.push_str(&format!("# not run in the playground ({error}):\n"));
                out.push_str(&comment(&line));
            }
            Item::Empty | Item::Step => {}
        }
        i += 1;
    }
    out
}

fn readme(t: &Timeline, nodes: usize, daemonsets: &[String]) -> String {
    let sims = t.actions()[..t.position()]
        .iter()
        .filter(|a| matches!(item(a), Item::Command { argv, .. } if argv.first().map(String::as_str) == Some("sim")))
        .count();
    let mut s = String::new();
    s.push_str("# Replay kit: a DaemonSet Playground scenario on kind with KWOK\n\n");
    s.push_str(&format!(
        "This kit recreates the scenario's {nodes} node(s) as KWOK fake nodes in a kind cluster, with \
         its DaemonSet(s) ({}). KWOK (Kubernetes WithOut Kubelet, <https://kwok.sigs.k8s.io/>) \
         keeps fake Nodes Ready and plays the kubelet's part for the pods bound to them, so the \
         DaemonSet controller, the scheduler and kubectl are the real ones.\n\n",
        if daemonsets.is_empty() { "none".to_string() } else { daemonsets.join(", ") }
    ));
    s.push_str("| file | what |\n|---|---|\n");
    s.push_str("| `nodes.yaml` | the scenario's nodes at the end, as KWOK fake nodes |\n");
    s.push_str("| `manifests.yaml` | the other objects at the end (namespaces, priority classes, DaemonSets) |\n");
    s.push_str("| `replay.sh` | the scenario's commands in order |\n\n");
    s.push_str("## Prerequisites\n\n");
    s.push_str("- Docker (or another container runtime kind supports)\n");
    s.push_str("- [kind](https://kind.sigs.k8s.io/) and kubectl\n");
    s.push_str("- network access to github.com for KWOK's release manifests\n\n");
    s.push_str("## 1. A cluster with KWOK\n\n```sh\n");
    s.push_str("kind create cluster --name dsim\n");
    s.push_str("kubectl config use-context kind-dsim\n\n");
    s.push_str(
        "# KWOK in the cluster, as https://kwok.sigs.k8s.io/docs/user/kwok-in-cluster/ says\n",
    );
    s.push_str("KWOK_REPO=kubernetes-sigs/kwok\n");
    s.push_str(&format!(
        "KWOK_VERSION={KWOK_VERSION}   # pinned; see https://github.com/kubernetes-sigs/kwok/releases\n"
    ));
    s.push_str("kubectl apply -f \"https://github.com/${KWOK_REPO}/releases/download/${KWOK_VERSION}/kwok.yaml\"\n");
    s.push_str("# the default Stages: without them KWOK does nothing to nodes and pods\n");
    s.push_str("kubectl apply -f \"https://github.com/${KWOK_REPO}/releases/download/${KWOK_VERSION}/stage-fast.yaml\"\n");
    s.push_str("kubectl -n kube-system rollout status deployment/kwok-controller\n```\n\n");
    s.push_str("## 2a. The end state\n\n```sh\n");
    s.push_str("kubectl apply -f nodes.yaml\n");
    s.push_str("kubectl apply -f manifests.yaml\n");
    s.push_str("kubectl get nodes\n");
    s.push_str("kubectl get ds -A\n");
    s.push_str("kubectl get pods -A -o wide\n```\n\n");
    s.push_str("## 2b. Or the whole story\n\n");
    s.push_str("On a fresh cluster from step 1 (without applying the two files above):\n\n```sh\nsh replay.sh\n```\n\n");
    s.push_str("## What changes on KWOK\n\n");
    s.push_str(&format!(
        "- Fake nodes follow KWOK's node template: the annotation `{KWOK_TAINT_KEY}: fake` (the \
         release manifests' kwok manages exactly the nodes that have it), the label `type: kwok`, \
         and the taint `{KWOK_TAINT_KEY}=fake:NoSchedule` that keeps real workloads off them. \
         Each DaemonSet therefore gets a toleration for that taint (commented where it is added); \
         nothing else in it changes.\n"
    ));
    s.push_str("- kind's own node, `dsim-control-plane`, is a real node the simulation did not have. It carries \
                the `node-role.kubernetes.io/control-plane:NoSchedule` taint, so only DaemonSets that tolerate \
                it (for example with `operator: Exists`) run a real pod there, with the real image; \
                `kubectl rollout status` then waits for that pod too (the manifests say which DaemonSets do).\n");
    s.push_str("- KWOK runs no containers and pulls no images: with `stage-fast`, pods on fake nodes become \
                Running and Ready at once. Crash loops, failing probes and image pulls, and the simulation's \
                timings, do not happen here.\n");
    if sims > 0 {
        s.push_str(&format!(
            "- The scenario has {sims} `sim` command(s) (simulator only); `replay.sh` keeps them as \
             comments that say what, if anything, plays their part on KWOK.\n"
        ));
    }
    s.push_str("- `kubectl patch` of a DaemonSet's tolerations in the scenario replaces the list, and with it \
                the added toleration: add it back in `replay.sh` if the pods must stay on the fake nodes.\n\n");
    s.push_str("## Clean up\n\n```sh\nkind delete cluster --name dsim\n```\n");
    s
}

/// The kit: `README.md` (prerequisites and exact commands), `nodes.yaml` (the nodes at
/// the timeline's position as KWOK fake nodes), `manifests.yaml` (the other objects,
/// DaemonSets with the toleration for KWOK's taint) and `replay.sh` (the commands in
/// order).
pub fn kwok_kit(t: &Timeline) -> KwokKit {
    let c = &t.session.cluster;
    let nodes: Vec<Exported> = c
        .store
        .nodes
        .values()
        .filter(|n| !n.metadata.is_deleting())
        .map(|n| kwok_node(n))
        .collect();
    let mut others = objects(c, false);
    let mut ds_names = Vec::new();
    for o in &mut others {
        if o.kind == "DaemonSet" {
            ds_names.push(o.name.clone());
            if add_kwok_toleration(&mut o.json) {
                o.comments.push(toleration_comment(&o.name));
            }
            if c.store.daemonsets.values().any(|d| {
                d.metadata.name == o.name
                    && o.json["metadata"]["namespace"] == d.metadata.namespace.as_str()
                    && runs_on_kind(d)
            }) {
                o.comments.push(kind_comment(&o.name));
            }
        }
    }
    let nodes_yaml = render(
        "# The scenario's nodes as KWOK fake nodes (kubectl apply -f nodes.yaml).\n",
        &nodes,
    );
    let manifests = render(
        "# The scenario's objects for a cluster with KWOK fake nodes (kubectl apply -f manifests.yaml).\n",
        &others,
    );
    KwokKit {
        files: vec![
            ("README.md".into(), readme(t, nodes.len(), &ds_names)),
            ("nodes.yaml".into(), nodes_yaml),
            ("manifests.yaml".into(), manifests),
            ("replay.sh".into(), replay_script(t)),
        ],
    }
}
