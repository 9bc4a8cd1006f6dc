//! API defaults, as the API server applies them before validating and storing an object
//! (`pkg/apis/apps/v1/defaults.go`, `pkg/apis/core/v1/defaults.go` and the declarative
//! `+default` markers), plus the admission plugins that fill pod fields a user sees in
//! `kubectl get pod -o yaml` (ServiceAccount, Priority, DefaultTolerationSeconds).
//!
//! Fields the engine does not model live in `rest` maps as JSON and are defaulted there.
//! Shape: Kubernetes v1.32 (hostNetwork ports are defaulted on Pods only, since v1.28).

use crate::api::{
    Container, DaemonSet, IntOrString, Namespace, Node, Pod, PodSpec, PodTemplateSpec,
    PriorityClass, ResourceRequirements, RollingUpdateDaemonSet, Toleration,
};
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeMap;

/// `v1.DefaultTerminationGracePeriodSeconds`.
pub const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS: i64 = 30;
/// `v1.DefaultSchedulerName`.
pub const DEFAULT_SCHEDULER_NAME: &str = "default-scheduler";
/// `v1.TerminationMessagePathDefault`.
pub const TERMINATION_MESSAGE_PATH_DEFAULT: &str = "/dev/termination-log";
/// `SecretVolumeSourceDefaultMode` and its ConfigMap, DownwardAPI and Projected twins (0644).
pub const VOLUME_DEFAULT_MODE: i64 = 0o644;
/// `DefaultTolerationSeconds` admission: the seconds given to not-ready/unreachable.
pub const DEFAULT_TOLERATION_SECONDS: i64 = 300;

/// `SetDefaults_DaemonSet` (apps/v1) and the pod template defaults.
///
/// An empty `updateStrategy.type` becomes `RollingUpdate`; only for `RollingUpdate` is a
/// missing `rollingUpdate` created and `maxUnavailable` (int 1) and `maxSurge` (int 0)
/// filled. With `OnDelete` a user's `rollingUpdate` is left exactly as written.
/// `revisionHistoryLimit` defaults to 10.
pub fn set_defaults_daemonset(ds: &mut DaemonSet) {
    let us = &mut ds.spec.update_strategy;
    if us.type_.is_empty() {
        us.type_ = "RollingUpdate".into();
    }
    if us.type_ == "RollingUpdate" {
        let ru = us
            .rolling_update
            .get_or_insert_with(RollingUpdateDaemonSet::default);
        if ru.max_unavailable.is_none() {
            ru.max_unavailable = Some(IntOrString::Int(1));
        }
        if ru.max_surge.is_none() {
            ru.max_surge = Some(IntOrString::Int(0));
        }
    }
    if ds.spec.revision_history_limit.is_none() {
        ds.spec.revision_history_limit = Some(10);
    }
    set_defaults_pod_template(&mut ds.spec.template);
}

/// The defaults of a `PodTemplateSpec` (its spec's).
pub fn set_defaults_pod_template(t: &mut PodTemplateSpec) {
    set_defaults_pod_spec(&mut t.spec);
}

/// `SetDefaults_PodSpec` and the defaults of everything inside a pod spec: containers, ports,
/// probes, lifecycle handlers, env field references and volumes.
pub fn set_defaults_pod_spec(spec: &mut PodSpec) {
    rest_default(&mut spec.rest, "dnsPolicy", json!("ClusterFirst"));
    if spec.restart_policy.is_empty() {
        spec.restart_policy = "Always".into();
    }
    rest_default(&mut spec.rest, "securityContext", json!({}));
    if spec.termination_grace_period_seconds.is_none() {
        spec.termination_grace_period_seconds = Some(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
    }
    if spec.scheduler_name.is_empty() {
        spec.scheduler_name = DEFAULT_SCHEDULER_NAME.into();
    }
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
    {
        set_defaults_container(c);
    }
    if let Some(Json::Array(ecs)) = spec.rest.get_mut("ephemeralContainers") {
        for ec in ecs.iter_mut() {
            if let Json::Object(m) = ec {
                default_container_json(m);
            }
        }
    }
    if let Some(Json::Array(vols)) = spec.rest.get_mut("volumes") {
        for v in vols.iter_mut() {
            if let Json::Object(m) = v {
                default_volume(m);
            }
        }
    }
    normalize_service_account(spec);
}

/// The storage round trip of the deprecated `serviceAccount` field: it is an alias of
/// `serviceAccountName` (which wins when both are set) and is always written back equal to it.
pub fn normalize_service_account(spec: &mut PodSpec) {
    let name = spec
        .rest
        .get("serviceAccountName")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    let deprecated = spec
        .rest
        .get("serviceAccount")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    let effective = if name.is_empty() { deprecated } else { name };
    if effective.is_empty() {
        spec.rest.remove("serviceAccountName");
        spec.rest.remove("serviceAccount");
    } else {
        spec.rest
            .insert("serviceAccountName".into(), Json::from(effective.clone()));
        spec.rest
            .insert("serviceAccount".into(), Json::from(effective));
    }
}

/// `SetDefaults_Container` plus the container's nested defaults: imagePullPolicy from the
/// image (see [`default_image_pull_policy`]), terminationMessagePath and -Policy,
/// `resources: {}` (a struct, never absent, in Go), ports' protocol TCP, probe timings,
/// httpGet path and scheme, env `fieldRef.apiVersion: v1`.
pub fn set_defaults_container(c: &mut Container) {
    if c.rest
        .get("imagePullPolicy")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .is_empty()
    {
        c.rest.insert(
            "imagePullPolicy".into(),
            Json::from(default_image_pull_policy(&c.image)),
        );
    }
    rest_default(
        &mut c.rest,
        "terminationMessagePath",
        json!(TERMINATION_MESSAGE_PATH_DEFAULT),
    );
    rest_default(&mut c.rest, "terminationMessagePolicy", json!("File"));
    if c.resources.is_none() {
        c.resources = Some(ResourceRequirements::default());
    }
    for p in c.ports.iter_mut() {
        if p.protocol.is_empty() {
            p.protocol = "TCP".into();
        }
    }
    for probe in [
        &mut c.liveness_probe,
        &mut c.readiness_probe,
        &mut c.startup_probe,
    ]
    .into_iter()
    .flatten()
    {
        if let Json::Object(m) = probe {
            default_probe(m);
        }
    }
    default_container_extras(&mut c.rest);
}

/// Container defaults for a container kept as raw JSON (ephemeral containers).
fn default_container_json(m: &mut Map<String, Json>) {
    let image = m
        .get("image")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    if m.get("imagePullPolicy")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .is_empty()
    {
        m.insert(
            "imagePullPolicy".into(),
            Json::from(default_image_pull_policy(&image)),
        );
    }
    map_default(
        m,
        "terminationMessagePath",
        json!(TERMINATION_MESSAGE_PATH_DEFAULT),
    );
    map_default(m, "terminationMessagePolicy", json!("File"));
    map_default(m, "resources", json!({}));
    if let Some(Json::Array(ports)) = m.get_mut("ports") {
        for p in ports.iter_mut() {
            if let Json::Object(pm) = p {
                map_default(pm, "protocol", json!("TCP"));
            }
        }
    }
    for k in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(Json::Object(pm)) = m.get_mut(k) {
            default_probe(pm);
        }
    }
    let mut rest: BTreeMap<String, Json> =
        crate::sort::btree_map(m.iter().map(|(k, v)| (k.clone(), v.clone())));
    default_container_extras(&mut rest);
    for (k, v) in rest {
        m.insert(k, v);
    }
}

/// Lifecycle handlers' httpGet and env `fieldRef` defaults, on a container's JSON fields.
fn default_container_extras(rest: &mut BTreeMap<String, Json>) {
    if let Some(Json::Object(lc)) = rest.get_mut("lifecycle") {
        for k in ["postStart", "preStop"] {
            if let Some(Json::Object(h)) = lc.get_mut(k) {
                default_handler(h);
            }
        }
    }
    if let Some(Json::Array(env)) = rest.get_mut("env") {
        for e in env.iter_mut() {
            if let Some(Json::Object(fr)) = e.pointer_mut("/valueFrom/fieldRef") {
                map_default(fr, "apiVersion", json!("v1"));
            }
        }
    }
}

/// `SetDefaults_Probe` and its handler's defaults.
fn default_probe(m: &mut Map<String, Json>) {
    for (k, v) in [
        ("timeoutSeconds", 1),
        ("periodSeconds", 10),
        ("successThreshold", 1),
        ("failureThreshold", 3),
    ] {
        let unset = m
            .get(k)
            .is_none_or(|x| x.is_null() || x.as_i64() == Some(0));
        if unset {
            m.insert(k.into(), Json::from(v));
        }
    }
    default_handler(m);
}

/// `SetDefaults_HTTPGetAction` (path `/`, scheme `HTTP`) and the gRPC action's
/// `service: ""` (a `+default=""` marker).
fn default_handler(m: &mut Map<String, Json>) {
    if let Some(Json::Object(h)) = m.get_mut("httpGet") {
        map_default_nonempty(h, "path", json!("/"));
        map_default_nonempty(h, "scheme", json!("HTTP"));
    }
    if let Some(Json::Object(g)) = m.get_mut("grpc") {
        map_default(g, "service", json!(""));
    }
}

/// `SetDefaults_Volume` and the volume sources' defaults.
fn default_volume(m: &mut Map<String, Json>) {
    if m.keys().all(|k| k == "name") {
        m.insert("emptyDir".into(), json!({}));
    }
    for k in ["secret", "configMap", "downwardAPI", "projected"] {
        if let Some(Json::Object(src)) = m.get_mut(k) {
            map_default(src, "defaultMode", json!(VOLUME_DEFAULT_MODE));
        }
    }
    if let Some(Json::Object(hp)) = m.get_mut("hostPath") {
        map_default(hp, "type", json!(""));
    }
    if let Some(Json::Array(items)) = m.get_mut("downwardAPI").and_then(|d| d.get_mut("items")) {
        default_field_refs(items);
    }
    if let Some(Json::Array(sources)) = m.get_mut("projected").and_then(|p| p.get_mut("sources")) {
        for s in sources.iter_mut() {
            if let Some(Json::Object(t)) = s.get_mut("serviceAccountToken") {
                map_default(t, "expirationSeconds", json!(3600));
            }
            if let Some(Json::Array(items)) =
                s.get_mut("downwardAPI").and_then(|d| d.get_mut("items"))
            {
                default_field_refs(items);
            }
        }
    }
}

fn default_field_refs(items: &mut [Json]) {
    for it in items.iter_mut() {
        if let Some(Json::Object(fr)) = it.get_mut("fieldRef") {
            map_default(fr, "apiVersion", json!("v1"));
        }
    }
}

fn rest_default(rest: &mut BTreeMap<String, Json>, k: &str, v: Json) {
    if rest
        .get(k)
        .is_none_or(|x| x.is_null() || x.as_str() == Some(""))
    {
        rest.insert(k.into(), v);
    }
}

fn map_default(m: &mut Map<String, Json>, k: &str, v: Json) {
    if m.get(k).is_none_or(|x| x.is_null()) {
        m.insert(k.into(), v);
    }
}

fn map_default_nonempty(m: &mut Map<String, Json>, k: &str, v: Json) {
    if m.get(k)
        .is_none_or(|x| x.is_null() || x.as_str() == Some(""))
    {
        m.insert(k.into(), v);
    }
}

/// The imagePullPolicy `SetDefaults_Container` picks: `Always` when the image's tag is
/// `latest`, including when no tag and no digest is given (the tag then defaults to
/// `latest`); `IfNotPresent` otherwise, also for digests without a tag and for names
/// that do not parse.
pub fn default_image_pull_policy(image: &str) -> &'static str {
    match image_tag(image) {
        Some(tag) if tag == "latest" => "Always",
        _ => "IfNotPresent",
    }
}

/// `parsers.ParseImageName`'s tag: `Some("latest")` when neither a tag nor a digest is
/// given, `Some("")` for a digest without a tag, `None` when the reference does not parse
/// (`dockerref.ParseNormalizedNamed`).
pub fn image_tag(image: &str) -> Option<String> {
    // A bare 64-hex identifier is refused as a name.
    if image.len() == 64
        && image
            .bytes()
            .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
    {
        return None;
    }
    let (name_tag, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest {
        if !valid_digest(d) {
            return None;
        }
    }
    let (name, tag) = match name_tag.rfind(':') {
        Some(i) if !name_tag[i + 1..].contains('/') => (&name_tag[..i], Some(&name_tag[i + 1..])),
        _ => (name_tag, None),
    };
    if let Some(t) = tag {
        if !valid_tag(t) {
            return None;
        }
    }
    if !valid_name(name) {
        return None;
    }
    Some(match (tag, digest) {
        (Some(t), _) => t.to_string(),
        (None, Some(_)) => String::new(),
        (None, None) => "latest".into(),
    })
}

/// `[\w][\w.-]{0,127}`
fn valid_tag(t: &str) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && word(b[0])
        && b.iter().all(|&c| word(c) || c == b'.' || c == b'-')
}

/// `algorithm:encoded`, algorithm `[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*`, encoded
/// at least 32 hex digits.
fn valid_digest(d: &str) -> bool {
    let Some((alg, enc)) = d.split_once(':') else {
        return false;
    };
    let alg_ok = alg.split(['-', '_', '+', '.']).all(|part| {
        let b = part.as_bytes();
        !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(|c| c.is_ascii_alphanumeric())
    });
    alg_ok && enc.len() >= 32 && enc.bytes().all(|c| c.is_ascii_hexdigit())
}

/// A repository name: optional domain (with a `.` or `:`, or `localhost`, or with capitals),
/// then lowercase path components; 255 characters at most.
fn valid_name(name: &str) -> bool {
    if name.is_empty() || name.len() > 255 {
        return false;
    }
    let (domain, remainder) = match name.split_once('/') {
        Some((first, rest))
            if first.contains('.')
                || first.contains(':')
                || first == "localhost"
                || crate::case::to_lowercase(first) != first =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    };
    if let Some(d) = domain {
        if !valid_domain(d) {
            return false;
        }
    }
    !remainder.is_empty() && remainder.split('/').all(valid_path_component)
}

/// `domain-component ('.' domain-component)* (':' port)?`, components
/// `[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?`.
fn valid_domain(d: &str) -> bool {
    let (host, port) = match d.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (d, None),
    };
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    !host.is_empty()
        && host.split('.').all(|c| {
            let b = c.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
        })
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn valid_path_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        let ok = sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// What the API server adds to a new Pod, assuming no PriorityClass is involved (run
/// [`admit_pod_priority`] first when PriorityClasses exist):
///
/// * the pod spec defaults ([`set_defaults_pod_spec`]);
/// * `SetDefaults_Pod`: requests default to limits, `enableServiceLinks: true`, and with
///   hostNetwork every unset hostPort becomes its containerPort;
/// * ServiceAccount admission: `serviceAccountName` (and the deprecated `serviceAccount`)
///   `default` (the token volume it also mounts is not added);
/// * Priority admission without a class: `priority: 0`, `preemptionPolicy: PreemptLowerPriority`;
/// * DefaultTolerationSeconds admission: not-ready and unreachable `NoExecute` tolerations
///   for 300s, unless the pod already tolerates them.
pub fn set_defaults_pod(pod: &mut Pod) {
    set_defaults_pod_spec(&mut pod.spec);
    let spec = &mut pod.spec;
    for c in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut())
    {
        if let Some(r) = c.resources.as_mut() {
            if !r.limits.is_empty() {
                for (k, v) in r.limits.clone() {
                    r.requests.entry(k).or_insert(v);
                }
            }
        }
    }
    rest_default(&mut spec.rest, "enableServiceLinks", json!(true));
    if spec.host_network {
        for c in spec
            .containers
            .iter_mut()
            .chain(spec.init_containers.iter_mut())
        {
            for p in c.ports.iter_mut() {
                if p.host_port.unwrap_or(0) == 0 {
                    p.host_port = Some(p.container_port);
                }
            }
        }
    }
    if spec
        .rest
        .get("serviceAccountName")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .is_empty()
    {
        spec.rest
            .insert("serviceAccountName".into(), json!("default"));
        spec.rest.insert("serviceAccount".into(), json!("default"));
    }
    if spec.priority_class_name.is_empty() && spec.priority.is_none() {
        spec.priority = Some(0);
    }
    if spec.priority_class_name.is_empty() {
        rest_default(
            &mut spec.rest,
            "preemptionPolicy",
            json!("PreemptLowerPriority"),
        );
    }
    add_default_toleration_seconds(spec);
}

/// The DefaultTolerationSeconds admission plugin: a pod that does not tolerate the
/// not-ready (resp. unreachable) `NoExecute` taint gets a toleration for it with
/// `tolerationSeconds: 300`. A toleration with an empty key or effect counts as one.
pub fn add_default_toleration_seconds(spec: &mut PodSpec) {
    let tolerates = |key: &str| {
        spec.tolerations.iter().any(|t| {
            (t.key == key || t.key.is_empty()) && (t.effect == "NoExecute" || t.effect.is_empty())
        })
    };
    let not_ready = tolerates("node.kubernetes.io/not-ready");
    let unreachable = tolerates("node.kubernetes.io/unreachable");
    let tol = |key: &str| Toleration {
        key: key.into(),
        operator: "Exists".into(),
        value: String::new(),
        effect: "NoExecute".into(),
        toleration_seconds: Some(DEFAULT_TOLERATION_SECONDS),
    };
    if !not_ready {
        spec.tolerations.push(tol("node.kubernetes.io/not-ready"));
    }
    if !unreachable {
        spec.tolerations.push(tol("node.kubernetes.io/unreachable"));
    }
}

/// The Priority admission plugin on pod creation. Without a `priorityClassName` the
/// global-default class (the lowest-valued one if several) is used if any, else priority
/// 0 and `PreemptLowerPriority`. An unknown class, or a `priority` / `preemptionPolicy`
/// that differs from the class's, is refused with the plugin's message (the API server
/// prefixes it with `pods "<name>" is forbidden: `).
pub fn admit_pod_priority(spec: &mut PodSpec, classes: &[PriorityClass]) -> Result<(), String> {
    let (name, value, policy) = if spec.priority_class_name.is_empty() {
        let default = classes
            .iter()
            .filter(|c| c.global_default)
            .min_by_key(|c| c.value);
        match default {
            Some(c) => (
                c.metadata.name.clone(),
                c.value,
                c.preemption_policy.clone(),
            ),
            None => (String::new(), 0, Some("PreemptLowerPriority".to_string())),
        }
    } else {
        match classes
            .iter()
            .find(|c| c.metadata.name == spec.priority_class_name)
        {
            Some(c) => (
                c.metadata.name.clone(),
                c.value,
                c.preemption_policy.clone(),
            ),
            None => {
                return Err(format!(
                    "no PriorityClass with name {} was found",
                    spec.priority_class_name
                ))
            }
        }
    };
    if let Some(p) = spec.priority {
        if p != value {
            return Err(format!(
                "the integer value of priority ({p}) must not be provided in pod spec; priority admission controller computed {value} from the given PriorityClass name"
            ));
        }
    }
    spec.priority_class_name = name;
    spec.priority = Some(value);
    // A stored PriorityClass always has a policy (it defaults to PreemptLowerPriority).
    let policy = policy.unwrap_or_else(|| "PreemptLowerPriority".into());
    if let Some(have) = spec.rest.get("preemptionPolicy").and_then(|v| v.as_str()) {
        if have != policy {
            return Err(format!(
                "the string value of PreemptionPolicy ({have}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name"
            ));
        }
    }
    spec.rest
        .insert("preemptionPolicy".into(), Json::from(policy));
    Ok(())
}

/// `SetDefaults_NodeStatus`: allocatable copies capacity when it is absent.
pub fn set_defaults_node(node: &mut Node) {
    if node.status.allocatable.is_empty() && !node.status.capacity.is_empty() {
        node.status.allocatable = node.status.capacity.clone();
    }
}

/// `SetDefaults_Namespace` and `SetDefaults_NamespaceStatus`: the
/// `kubernetes.io/metadata.name` label and phase `Active`.
pub fn set_defaults_namespace(ns: &mut Namespace) {
    if !ns.metadata.name.is_empty() {
        ns.metadata.labels.insert(
            "kubernetes.io/metadata.name".into(),
            ns.metadata.name.clone(),
        );
    }
    if ns.status.phase.is_empty() {
        ns.status.phase = "Active".into();
    }
}

#[cfg(test)]
mod tests;
