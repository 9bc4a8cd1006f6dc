//! `describePod`, the container and volume sections it shares with `DescribePodTemplate`,
//! and the QoS class.

use super::quantity::{show, Quantity};
use super::{
    annotations_multiline, describe_events, events_for, labels_multiline, rfc1123z,
    tolerations_multiline, W,
};
use crate::api::*;
use crate::cluster::{Cluster, Key};
use crate::kubectl::printers::util::{
    go_value, host_ip, image_id, jarr, jint, jstr, jtime, pod_ip, since,
};
use serde_json::Value as Json;

pub fn describe_pod(c: &Cluster, key: &Key) -> String {
    let Some(pod) = c.store.pods.get(key) else {
        return String::new();
    };
    let now = c.now;
    let mut w = W::new();
    let m = &pod.metadata;
    w.write(0, &format!("Name:\t{}\n", m.name));
    w.write(0, &format!("Namespace:\t{}\n", m.namespace));
    if let Some(p) = pod.spec.priority {
        w.write(0, &format!("Priority:\t{p}\n"));
    }
    if !pod.spec.priority_class_name.is_empty() {
        w.write(
            0,
            &format!("Priority Class Name:\t{}\n", pod.spec.priority_class_name),
        );
    }
    let rt = pod
        .spec
        .rest
        .get("runtimeClassName")
        .and_then(Json::as_str)
        .unwrap_or("");
    if !rt.is_empty() {
        w.write(0, &format!("Runtime Class Name:\t{rt}\n"));
    }
    let sa = pod
        .spec
        .rest
        .get("serviceAccountName")
        .and_then(Json::as_str)
        .unwrap_or("");
    if !sa.is_empty() {
        w.write(0, &format!("Service Account:\t{sa}\n"));
    }
    if pod.spec.node_name.is_empty() {
        w.write(0, "Node:\t<none>\n");
    } else {
        w.write(
            0,
            &format!("Node:\t{}/{}\n", pod.spec.node_name, host_ip(pod)),
        );
    }
    if let Some(t) = pod.status.start_time {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(Some(t))));
    }
    labels_multiline(&mut w, "Labels", &m.labels);
    annotations_multiline(&mut w, "Annotations", &m.annotations);
    if m.deletion_timestamp.is_some()
        && pod.status.phase != "Failed"
        && pod.status.phase != "Succeeded"
    {
        w.write(
            0,
            &format!(
                "Status:\tTerminating (lasts {})\n",
                since(now, m.deletion_timestamp)
            ),
        );
        w.write(
            0,
            &format!(
                "Termination Grace Period:\t{}s\n",
                m.deletion_grace_period_seconds.unwrap_or(0)
            ),
        );
    } else {
        w.write(0, &format!("Status:\t{}\n", pod.status.phase));
    }
    if !pod.status.reason.is_empty() {
        w.write(0, &format!("Reason:\t{}\n", pod.status.reason));
    }
    if !pod.status.message.is_empty() {
        w.write(0, &format!("Message:\t{}\n", pod.status.message));
    }
    if let Some(sp) = pod
        .spec
        .rest
        .get("securityContext")
        .and_then(|s| s.get("seccompProfile"))
    {
        w.write(0, &format!("SeccompProfile:\t{}\n", jstr(Some(sp), "type")));
        if jstr(Some(sp), "type") == "Localhost" {
            w.write(
                0,
                &format!(
                    "LocalhostProfile:\t{}\n",
                    jstr(Some(sp), "localhostProfile")
                ),
            );
        }
    }
    w.write(0, &format!("IP:\t{}\n", pod_ip(pod)));
    let ips = jarr(pod.status.rest.get("podIPs"));
    if ips.is_empty() {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        for ip in ips {
            w.write(1, &format!("IP:\t{}\n", jstr(Some(ip), "ip")));
        }
    }
    if let Some(r) = m.controller_ref() {
        w.write(0, &format!("Controlled By:\t{}/{}\n", r.kind, r.name));
    }
    let nominated = pod
        .status
        .rest
        .get("nominatedNodeName")
        .and_then(Json::as_str)
        .unwrap_or("");
    if !nominated.is_empty() {
        w.write(0, &format!("NominatedNodeName:\t{nominated}\n"));
    }
    if !pod.spec.init_containers.is_empty() {
        let statuses: Vec<ContainerStatus> = jarr(pod.status.rest.get("initContainerStatuses"))
            .iter()
            .filter_map(|s| ContainerStatus::from_json(s.clone()).ok())
            .collect();
        describe_containers(
            &mut w,
            "Init Containers",
            &pod.spec.init_containers,
            Some(&statuses),
            Some(pod),
            "",
        );
    }
    describe_containers(
        &mut w,
        "Containers",
        &pod.spec.containers,
        Some(&pod.status.container_statuses),
        Some(pod),
        "",
    );
    let gates = jarr(pod.spec.rest.get("readinessGates"));
    if !gates.is_empty() {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for g in gates {
            let t = jstr(Some(g), "conditionType");
            let status = pod
                .condition(t)
                .map(|c| c.status.clone())
                .unwrap_or_else(|| "<none>".into());
            w.write(1, &format!("{t} \t{status} \n"));
        }
    }
    if !pod.status.conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in &pod.status.conditions {
            w.write(1, &format!("{} \t{} \n", c.type_, c.status));
        }
    }
    describe_volumes(&mut w, jarr(pod.spec.rest.get("volumes")), "");
    let qos = if pod.status.qos_class.is_empty() {
        qos_class(&pod.spec)
    } else {
        pod.status.qos_class.to_string()
    };
    w.write(0, &format!("QoS Class:\t{qos}\n"));
    labels_multiline(&mut w, "Node-Selectors", &pod.spec.node_selector);
    tolerations_multiline(&mut w, "", "Tolerations", &pod.spec.tolerations);
    describe_topology(
        &mut w,
        jarr(pod.spec.rest.get("topologySpreadConstraints")),
        "",
    );
    let events = events_for(c, None, &m.namespace, &m.name, &[m.uid.as_str()]);
    describe_events(&mut w, now, &events);
    w.finish()
}

/// `DescribePodTemplate`.
pub fn describe_pod_template(w: &mut W, t: &PodTemplateSpec) {
    w.write(0, "Pod Template:\n");
    labels_multiline(w, "  Labels", &t.metadata.labels);
    if !t.metadata.annotations.is_empty() {
        annotations_multiline(w, "  Annotations", &t.metadata.annotations);
    }
    let sa = t
        .spec
        .rest
        .get("serviceAccountName")
        .and_then(Json::as_str)
        .unwrap_or("");
    if !sa.is_empty() {
        w.write(1, &format!("Service Account:\t{sa}\n"));
    }
    if !t.spec.init_containers.is_empty() {
        describe_containers(
            w,
            "Init Containers",
            &t.spec.init_containers,
            None,
            None,
            "  ",
        );
    }
    describe_containers(w, "Containers", &t.spec.containers, None, None, "  ");
    describe_volumes(w, jarr(t.spec.rest.get("volumes")), "  ");
    describe_topology(w, jarr(t.spec.rest.get("topologySpreadConstraints")), "  ");
    if !t.spec.priority_class_name.is_empty() {
        w.write(
            1,
            &format!("Priority Class Name:\t{}\n", t.spec.priority_class_name),
        );
    }
    labels_multiline(w, "  Node-Selectors", &t.spec.node_selector);
    tolerations_multiline(w, "", "  Tolerations", &t.spec.tolerations);
}

fn describe_containers(
    w: &mut W,
    label: &str,
    containers: &[Container],
    statuses: Option<&[ContainerStatus]>,
    pod: Option<&Pod>,
    space: &str,
) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    w.write(0, &format!("{space}{label}:{none}\n"));
    for ctr in containers {
        let status = statuses.and_then(|s| s.iter().find(|s| s.name == ctr.name));
        let name_indent = if space.is_empty() { "" } else { " " };
        w.write(1, &format!("{name_indent}{}:\n", ctr.name));
        if let Some(s) = status {
            w.write(
                2,
                &format!(
                    "Container ID:\t{}\n",
                    s.rest
                        .get("containerID")
                        .and_then(Json::as_str)
                        .unwrap_or("")
                ),
            );
        }
        w.write(2, &format!("Image:\t{}\n", ctr.image));
        if let Some(s) = status {
            w.write(2, &format!("Image ID:\t{}\n", image_id(s)));
        }
        let ports: Vec<String> = ctr
            .ports
            .iter()
            .map(|p| port_string(p.container_port, p))
            .collect();
        let ports = ports.join(", ");
        if ports.contains(',') {
            w.write(2, &format!("Ports:\t{ports}\n"));
        } else {
            w.write(2, &format!("Port:\t{}\n", or_none(&ports)));
        }
        let host_ports: Vec<String> = ctr
            .ports
            .iter()
            .map(|p| port_string(p.host_port.unwrap_or(0), p))
            .collect();
        let host_ports = host_ports.join(", ");
        if host_ports.contains(',') {
            w.write(2, &format!("Host Ports:\t{host_ports}\n"));
        } else {
            w.write(2, &format!("Host Port:\t{}\n", or_none(&host_ports)));
        }
        if let Some(sp) = ctr
            .rest
            .get("securityContext")
            .and_then(|s| s.get("seccompProfile"))
        {
            w.write(2, &format!("SeccompProfile:\t{}\n", jstr(Some(sp), "type")));
            if jstr(Some(sp), "type") == "Localhost" {
                w.write(
                    3,
                    &format!(
                        "LocalhostProfile:\t{}\n",
                        jstr(Some(sp), "localhostProfile")
                    ),
                );
            }
        }
        if !ctr.command.is_empty() {
            w.write(2, "Command:\n");
            for s in ctr.command.iter().flat_map(|c| c.split('\n')) {
                w.write(3, &format!("{s}\n"));
            }
        }
        if !ctr.args.is_empty() {
            w.write(2, "Args:\n");
            for s in ctr.args.iter().flat_map(|c| c.split('\n')) {
                w.write(3, &format!("{s}\n"));
            }
        }
        if let Some(s) = status {
            describe_state(w, "State", &s.state);
            if let Some(last) = s
                .last_state
                .as_ref()
                .filter(|l| l.get("terminated").is_some_and(Json::is_object))
            {
                describe_state(w, "Last State", last);
            }
            w.write(
                2,
                &format!("Ready:\t{}\n", if s.ready { "True" } else { "False" }),
            );
            w.write(2, &format!("Restart Count:\t{}\n", s.restart_count));
        }
        if let Some(r) = &ctr.resources {
            for (title, list) in [("Limits", &r.limits), ("Requests", &r.requests)] {
                if !list.is_empty() {
                    w.write(2, &format!("{title}:\n"));
                }
                for (name, q) in list {
                    w.write(3, &format!("{name}:\t{}\n", show(q)));
                }
            }
        }
        for (title, probe) in [
            ("Liveness", &ctr.liveness_probe),
            ("Readiness", &ctr.readiness_probe),
            ("Startup", &ctr.startup_probe),
        ] {
            if let Some(p) = probe {
                w.write(2, &format!("{title}:\t{}\n", describe_probe(p)));
            }
        }
        let env_from = jarr(ctr.rest.get("envFrom"));
        if !env_from.is_empty() {
            w.write(2, "Environment Variables from:\n");
            for e in env_from {
                let (from, r) = if let Some(r) = e.get("configMapRef") {
                    ("ConfigMap", Some(r))
                } else if let Some(r) = e.get("secretRef") {
                    ("Secret", Some(r))
                } else {
                    ("", None)
                };
                let name = jstr(r, "name");
                let optional = r
                    .and_then(|r| r.get("optional"))
                    .and_then(Json::as_bool)
                    .unwrap_or(false);
                let prefix = jstr(Some(e), "prefix");
                if prefix.is_empty() {
                    w.write(3, &format!("{name}\t{from}\tOptional: {optional}\n"));
                } else {
                    w.write(
                        3,
                        &format!("{name}\t{from} with prefix '{prefix}'\tOptional: {optional}\n"),
                    );
                }
            }
        }
        describe_env(w, ctr, pod);
        let mut mounts: Vec<&Json> = jarr(ctr.rest.get("volumeMounts")).iter().collect();
        if mounts.is_empty() {
            w.write(2, "Mounts:\t<none>\n");
        } else {
            w.write(2, "Mounts:\n");
        }
        crate::sort::sort_by(&mut mounts, |a, b| {
            jstr(Some(a), "mountPath").cmp(jstr(Some(b), "mountPath"))
        });
        for mnt in mounts {
            let mut flags = vec![
                if mnt.get("readOnly").and_then(Json::as_bool) == Some(true) {
                    "ro".to_string()
                } else {
                    "rw".to_string()
                },
            ];
            let sub = jstr(Some(mnt), "subPath");
            if !sub.is_empty() {
                flags.push(format!("path={sub:?}"));
            }
            w.write(
                3,
                &format!(
                    "{} from {} ({})\n",
                    jstr(Some(mnt), "mountPath"),
                    jstr(Some(mnt), "name"),
                    flags.join(",")
                ),
            );
        }
        let mut devices: Vec<&Json> = jarr(ctr.rest.get("volumeDevices")).iter().collect();
        if !devices.is_empty() {
            w.write(2, "Devices:\n");
            crate::sort::sort_by(&mut devices, |a, b| {
                jstr(Some(a), "devicePath").cmp(jstr(Some(b), "devicePath"))
            });
            for d in devices {
                w.write(
                    3,
                    &format!(
                        "{} from {}\n",
                        jstr(Some(d), "devicePath"),
                        jstr(Some(d), "name")
                    ),
                );
            }
        }
    }
}

fn or_none(s: &str) -> &str {
    if s.is_empty() {
        "<none>"
    } else {
        s
    }
}

/// `port/PROTOCOL` (kubectl v1.32 does not add the port's name).
fn port_string(port: i32, p: &ContainerPort) -> String {
    format!("{port}/{}", p.protocol)
}

fn describe_state(w: &mut W, name: &str, state: &Json) {
    let get = |k: &str| state.get(k).filter(|v| v.is_object());
    if let Some(r) = get("running") {
        w.write(2, &format!("{name}:\tRunning\n"));
        w.write(
            3,
            &format!("Started:\t{}\n", rfc1123z(jtime(Some(r), "startedAt"))),
        );
    } else if let Some(wt) = get("waiting") {
        w.write(2, &format!("{name}:\tWaiting\n"));
        let reason = jstr(Some(wt), "reason");
        if !reason.is_empty() {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
    } else if let Some(t) = get("terminated") {
        w.write(2, &format!("{name}:\tTerminated\n"));
        let reason = jstr(Some(t), "reason");
        if !reason.is_empty() {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
        let message = jstr(Some(t), "message");
        if !message.is_empty() {
            w.write(3, &format!("Message:\t{message}\n"));
        }
        w.write(3, &format!("Exit Code:\t{}\n", jint(Some(t), "exitCode")));
        if jint(Some(t), "signal") > 0 {
            w.write(3, &format!("Signal:\t{}\n", jint(Some(t), "signal")));
        }
        w.write(
            3,
            &format!("Started:\t{}\n", rfc1123z(jtime(Some(t), "startedAt"))),
        );
        w.write(
            3,
            &format!("Finished:\t{}\n", rfc1123z(jtime(Some(t), "finishedAt"))),
        );
    } else {
        w.write(2, &format!("{name}:\tWaiting\n"));
    }
}

fn int_or_string(v: Option<&Json>) -> String {
    match v {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Number(n)) => n.to_string(),
        _ => "0".into(),
    }
}

/// `DescribeProbe`.
fn describe_probe(p: &Json) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        jint(Some(p), "initialDelaySeconds"),
        jint(Some(p), "timeoutSeconds"),
        jint(Some(p), "periodSeconds"),
        jint(Some(p), "successThreshold"),
        jint(Some(p), "failureThreshold")
    );
    if let Some(e) = p.get("exec") {
        let cmd: Vec<String> = jarr(e.get("command")).iter().map(go_value).collect();
        return format!("exec [{}] {attrs}", cmd.join(" "));
    }
    if let Some(h) = p.get("httpGet") {
        let scheme = crate::case::to_lowercase(jstr(Some(h), "scheme"));
        let port = int_or_string(h.get("port"));
        let host = jstr(Some(h), "host");
        let host = if port.is_empty() {
            host.to_string()
        } else if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let path = jstr(Some(h), "path");
        let mut url = String::new();
        if !scheme.is_empty() {
            url.push_str(&scheme);
            url.push(':');
        }
        if !scheme.is_empty() || !host.is_empty() {
            if !host.is_empty() || !path.is_empty() {
                url.push_str("//");
            }
            url.push_str(&host);
        }
        if !path.is_empty() && !path.starts_with('/') && !host.is_empty() {
            url.push('/');
        }
        url.push_str(path);
        return format!("http-get {url} {attrs}");
    }
    if let Some(t) = p.get("tcpSocket") {
        return format!(
            "tcp-socket {}:{} {attrs}",
            jstr(Some(t), "host"),
            int_or_string(t.get("port"))
        );
    }
    if let Some(g) = p.get("grpc") {
        return format!(
            "grpc <pod>:{} {} {attrs}",
            jint(Some(g), "port"),
            jstr(Some(g), "service")
        );
    }
    format!("unknown {attrs}")
}

fn describe_env(w: &mut W, ctr: &Container, pod: Option<&Pod>) {
    let env = jarr(ctr.rest.get("env"));
    if env.is_empty() {
        w.write(2, "Environment:\t<none>\n");
        return;
    }
    w.write(2, "Environment:\n");
    for e in env {
        let name = jstr(Some(e), "name");
        let Some(from) = e.get("valueFrom").filter(|v| v.is_object()) else {
            for (i, s) in jstr(Some(e), "value").split('\n').enumerate() {
                if i == 0 {
                    w.write(3, &format!("{name}:\t{s}\n"));
                } else {
                    w.write(3, &format!("\t{s}\n"));
                }
            }
            continue;
        };
        if let Some(f) = from.get("fieldRef") {
            let path = jstr(Some(f), "fieldPath");
            let value = pod.map(|p| field_path_value(p, path)).unwrap_or_default();
            w.write(
                3,
                &format!(
                    "{name}:\t{value} ({}:{path})\n",
                    jstr(Some(f), "apiVersion")
                ),
            );
        } else if let Some(r) = from.get("resourceFieldRef") {
            let resource = jstr(Some(r), "resource");
            let mut value = resource_field_value(ctr, r);
            if value == "0" && (resource == "limits.cpu" || resource == "limits.memory") {
                value = "node allocatable".into();
            }
            w.write(3, &format!("{name}:\t{value} ({resource})\n"));
        } else if let Some(s) = from.get("secretKeyRef") {
            let optional = s.get("optional").and_then(Json::as_bool).unwrap_or(false);
            w.write(
                3,
                &format!(
                    "{name}:\t<set to the key '{}' in secret '{}'>\tOptional: {optional}\n",
                    jstr(Some(s), "key"),
                    jstr(Some(s), "name")
                ),
            );
        } else if let Some(s) = from.get("configMapKeyRef") {
            let optional = s.get("optional").and_then(Json::as_bool).unwrap_or(false);
            w.write(
                3,
                &format!(
                    "{name}:\t<set to the key '{}' of config map '{}'>\tOptional: {optional}\n",
                    jstr(Some(s), "key"),
                    jstr(Some(s), "name")
                ),
            );
        }
    }
}

/// `EnvValueRetriever`: kubectl's scheme converts only the generic field labels
/// (`metadata.name`, `metadata.namespace`); every other path shows empty.
fn field_path_value(pod: &Pod, path: &str) -> String {
    match path {
        "metadata.name" => pod.metadata.name.clone(),
        "metadata.namespace" => pod.metadata.namespace.clone(),
        _ => String::new(),
    }
}

/// `ExtractContainerResourceValue`: the container's request or limit over the divisor,
/// rounded up.
fn resource_field_value(ctr: &Container, r: &Json) -> String {
    let resource = jstr(Some(r), "resource");
    let Some((kind, name)) = resource.split_once('.') else {
        return String::new();
    };
    let res = ctr.resources.as_ref();
    let list = match kind {
        "limits" => res.map(|r| &r.limits),
        "requests" => res.map(|r| &r.requests),
        _ => return String::new(),
    };
    let q = list
        .and_then(|l| l.get(name))
        .and_then(Quantity::from_json)
        .unwrap_or(Quantity::ZERO);
    let divisor = r
        .get("divisor")
        .and_then(Quantity::from_json)
        .filter(|d| d.milli != 0);
    let ceil_div = |a: i128, b: i128| (a + b - 1).div_euclid(b);
    if name == "cpu" {
        let d = divisor.map(|d| d.milli).unwrap_or(1000);
        ceil_div(q.milli, d).to_string()
    } else {
        let d = divisor.map(|d| d.value()).unwrap_or(1).max(1);
        ceil_div(q.value(), d).to_string()
    }
}

pub fn describe_volumes(w: &mut W, volumes: &[Json], space: &str) {
    if volumes.is_empty() {
        w.write(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.write(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        w.write(1, &format!("{name_indent}{}:\n", jstr(Some(v), "name")));
        let opt = |s: &Json| s.get("optional").and_then(Json::as_bool).unwrap_or(false);
        if let Some(h) = v.get("hostPath") {
            let t = h.get("type").and_then(Json::as_str).unwrap_or("<none>");
            w.write(
                2,
                &format!(
                    "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{t}\n",
                    jstr(Some(h), "path")
                ),
            );
        } else if let Some(e) = v.get("emptyDir") {
            let size = e
                .get("sizeLimit")
                .and_then(Quantity::from_json)
                .filter(|q| q.milli > 0)
                .map(|q| q.canonical())
                .unwrap_or_else(|| "<unset>".into());
            w.write(
                2,
                &format!(
                    "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{size}\n",
                    jstr(Some(e), "medium")
                ),
            );
        } else if let Some(s) = v.get("secret") {
            w.write(
                2,
                &format!(
                    "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                    jstr(Some(s), "secretName"),
                    opt(s)
                ),
            );
        } else if let Some(cm) = v.get("configMap") {
            w.write(
                2,
                &format!(
                    "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                    jstr(Some(cm), "name"),
                    opt(cm)
                ),
            );
        } else if let Some(pvc) = v.get("persistentVolumeClaim") {
            w.write(
                2,
                &format!(
                    "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                    jstr(Some(pvc), "claimName"),
                    pvc.get("readOnly").and_then(Json::as_bool).unwrap_or(false)
                ),
            );
        } else if let Some(d) = v.get("downwardAPI") {
            w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
            for item in jarr(d.get("items")) {
                if let Some(f) = item.get("fieldRef") {
                    w.write(
                        3,
                        &format!(
                            "{} -> {}\n",
                            jstr(Some(f), "fieldPath"),
                            jstr(Some(item), "path")
                        ),
                    );
                }
                if let Some(f) = item.get("resourceFieldRef") {
                    w.write(
                        3,
                        &format!(
                            "{} -> {}\n",
                            jstr(Some(f), "resource"),
                            jstr(Some(item), "path")
                        ),
                    );
                }
            }
        } else if let Some(p) = v.get("projected") {
            w.write(
                2,
                "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
            );
            for s in jarr(p.get("sources")) {
                // kubectl v1.32 prints the *bool itself: <nil>, or an address when set (shown
                // here as the value).
                let ptr = |x: &Json| {
                    x.get("optional")
                        .and_then(Json::as_bool)
                        .map(|b| b.to_string())
                        .unwrap_or("<nil>".into())
                };
                if let Some(x) = s.get("secret") {
                    w.write(
                        2,
                        &format!(
                            "SecretName:\t{}\n    SecretOptionalName:\t{}\n",
                            jstr(Some(x), "name"),
                            ptr(x)
                        ),
                    );
                } else if s.get("downwardAPI").is_some() {
                    w.write(2, "DownwardAPI:\ttrue\n");
                } else if let Some(x) = s.get("configMap") {
                    w.write(
                        2,
                        &format!(
                            "ConfigMapName:\t{}\n    ConfigMapOptional:\t{}\n",
                            jstr(Some(x), "name"),
                            ptr(x)
                        ),
                    );
                } else if let Some(x) = s.get("serviceAccountToken") {
                    w.write(
                        2,
                        &format!(
                            "TokenExpirationSeconds:\t{}\n",
                            jint(Some(x), "expirationSeconds")
                        ),
                    );
                }
            }
        } else {
            w.write(1, "<unknown>\n");
        }
    }
}

fn describe_topology(w: &mut W, tscs: &[Json], space: &str) {
    if tscs.is_empty() {
        return;
    }
    let mut sorted: Vec<&Json> = tscs.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| {
        jstr(Some(a), "topologyKey").cmp(jstr(Some(b), "topologyKey"))
    });
    w.write(0, &format!("{space}Topology Spread Constraints:\t"));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.write(0, space);
            w.write(0, "\t");
        }
        w.write(0, &format!("{}:", jstr(Some(t), "topologyKey")));
        w.write(0, jstr(Some(t), "whenUnsatisfiable"));
        w.write(
            0,
            &format!(" when max skew {} is exceeded", jint(Some(t), "maxSkew")),
        );
        if let Some(sel) = t.get("labelSelector") {
            let sel = LabelSelector::from_json(sel.clone()).ok();
            w.write(
                0,
                &format!(
                    " for selector {}",
                    crate::kubectl::printers::util::format_label_selector(sel.as_ref())
                ),
            );
        }
        w.write(0, "\n");
    }
}

/// `qos.GetPodQOS` when the status does not say: BestEffort, Guaranteed or Burstable.
pub fn qos_class(spec: &PodSpec) -> String {
    // Sums by resource name (cpu, memory): lists of at most two.
    let mut requests: Vec<(&str, Quantity)> = Vec::new();
    let mut limits: Vec<(&str, Quantity)> = Vec::new();
    fn add<'a>(sums: &mut Vec<(&'a str, Quantity)>, name: &'a str, q: &Quantity) {
        match sums.iter_mut().find(|(k, _)| *k == name) {
            Some((_, e)) => e.milli += q.milli,
            None => sums.push((
                name,
                Quantity {
                    milli: q.milli,
                    format: q.format,
                },
            )),
        }
    }
    let mut guaranteed = true;
    for ctr in spec.containers.iter().chain(&spec.init_containers) {
        let Some(r) = &ctr.resources else {
            guaranteed = false;
            continue;
        };
        for (name, q) in &r.requests {
            if name != "cpu" && name != "memory" {
                continue;
            }
            if let Some(q) = Quantity::from_json(q).filter(|q| q.milli > 0) {
                add(&mut requests, name, &q);
            }
        }
        let mut found = 0;
        for (name, q) in &r.limits {
            if name != "cpu" && name != "memory" {
                continue;
            }
            if let Some(q) = Quantity::from_json(q).filter(|q| q.milli > 0) {
                found += 1;
                add(&mut limits, name, &q);
            }
        }
        if found < 2 {
            guaranteed = false;
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort".into();
    }
    if guaranteed
        && requests.iter().any(|(k, r)| {
            limits
                .iter()
                .find(|(l, _)| l == k)
                .is_none_or(|(_, l)| l.milli != r.milli)
        })
    {
        guaranteed = false;
    }
    if guaranteed && requests.len() == limits.len() {
        "Guaranteed".into()
    } else {
        "Burstable".into()
    }
}

/// `resourcehelper.PodRequests` / `PodLimits` for one resource: the containers' sum, at
/// least the largest init container's.
pub fn pod_resource(spec: &PodSpec, limits: bool, name: &str) -> Quantity {
    let pick = |c: &Container| -> Option<Quantity> {
        let r = c.resources.as_ref()?;
        let list = if limits { &r.limits } else { &r.requests };
        list.get(name).and_then(Quantity::from_json)
    };
    let mut sum: Option<Quantity> = None;
    for c in &spec.containers {
        if let Some(q) = pick(c) {
            sum = Some(match sum {
                Some(s) => s.add(q),
                None => q,
            });
        }
    }
    for c in &spec.init_containers {
        if let Some(q) = pick(c) {
            if sum.is_none_or(|s| q.milli > s.milli) {
                sum = Some(q);
            }
        }
    }
    sum.unwrap_or(Quantity::ZERO)
}
