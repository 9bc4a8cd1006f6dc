//! Resource types as kubectl names them, with their short names and aliases.

use crate::api::*;
use crate::cluster::{Cluster, Key};
use serde_json::Value as Json;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Resource {
    Nodes,
    Pods,
    DaemonSets,
    Namespaces,
    ControllerRevisions,
    Events,
    PriorityClasses,
}

impl Resource {
    pub fn parse(s: &str) -> Option<Resource> {
        let s = s.to_ascii_lowercase();
        let base = s.split('.').next().unwrap_or("");
        Some(match base {
            "node" | "nodes" | "no" => Resource::Nodes,
            "pod" | "pods" | "po" => Resource::Pods,
            "daemonset" | "daemonsets" | "ds" => Resource::DaemonSets,
            "namespace" | "namespaces" | "ns" => Resource::Namespaces,
            "controllerrevision" | "controllerrevisions" => Resource::ControllerRevisions,
            "event" | "events" | "ev" => Resource::Events,
            "priorityclass" | "priorityclasses" | "pc" => Resource::PriorityClasses,
            _ => return None,
        })
    }

    /// The plural resource name (`daemonsets`).
    pub fn plural(self) -> &'static str {
        match self {
            Resource::Nodes => "nodes",
            Resource::Pods => "pods",
            Resource::DaemonSets => "daemonsets",
            Resource::Namespaces => "namespaces",
            Resource::ControllerRevisions => "controllerrevisions",
            Resource::Events => "events",
            Resource::PriorityClasses => "priorityclasses",
        }
    }

    /// `daemonset.apps`, as kubectl prints it in `daemonset.apps/fluentd created`.
    pub fn singular_qualified(self) -> &'static str {
        match self {
            Resource::Nodes => "node",
            Resource::Pods => "pod",
            Resource::DaemonSets => "daemonset.apps",
            Resource::Namespaces => "namespace",
            Resource::ControllerRevisions => "controllerrevision.apps",
            Resource::Events => "event",
            Resource::PriorityClasses => "priorityclass.scheduling.k8s.io",
        }
    }

    /// `daemonsets.apps`, as the API server names it in NotFound errors.
    pub fn plural_qualified(self) -> &'static str {
        match self {
            Resource::DaemonSets => "daemonsets.apps",
            Resource::ControllerRevisions => "controllerrevisions.apps",
            Resource::PriorityClasses => "priorityclasses.scheduling.k8s.io",
            r => r.plural(),
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Resource::Nodes => "Node",
            Resource::Pods => "Pod",
            Resource::DaemonSets => "DaemonSet",
            Resource::Namespaces => "Namespace",
            Resource::ControllerRevisions => "ControllerRevision",
            Resource::Events => "Event",
            Resource::PriorityClasses => "PriorityClass",
        }
    }

    pub fn api_version(self) -> &'static str {
        match self {
            Resource::DaemonSets | Resource::ControllerRevisions => "apps/v1",
            Resource::PriorityClasses => "scheduling.k8s.io/v1",
            _ => "v1",
        }
    }

    /// `schema.GroupVersionResource`'s text: `apps/v1, Resource=daemonsets`, `/v1, Resource=pods`.
    pub fn group_version_resource(self) -> String {
        let gv = self.api_version();
        let sep = if gv.contains('/') { "" } else { "/" };
        format!("{sep}{gv}, Resource={}", self.plural())
    }

    pub fn namespaced(self) -> bool {
        !matches!(
            self,
            Resource::Nodes | Resource::Namespaces | Resource::PriorityClasses
        )
    }

    /// Keys of every object of this type in `namespace` (None: all namespaces), sorted.
    pub fn list(self, c: &Cluster, namespace: Option<&str>) -> Vec<Key> {
        let ns_ok = |k: &Key| namespace.is_none_or(|n| &*k.namespace == n);
        match self {
            Resource::Nodes => c.store.nodes.keys().map(|n| Key::new("", n)).collect(),
            Resource::Namespaces => c.store.namespaces.keys().map(|n| Key::new("", n)).collect(),
            Resource::PriorityClasses => c
                .store
                .priority_classes
                .keys()
                .map(|n| Key::new("", n))
                .collect(),
            Resource::Pods => c.store.pods.keys().filter(|k| ns_ok(k)).cloned().collect(),
            Resource::DaemonSets => c
                .store
                .daemonsets
                .keys()
                .filter(|k| ns_ok(k))
                .cloned()
                .collect(),
            Resource::ControllerRevisions => c
                .store
                .revisions
                .keys()
                .filter(|k| ns_ok(k))
                .cloned()
                .collect(),
            Resource::Events => {
                let mut v: Vec<Key> = c
                    .store
                    .events
                    .iter()
                    .filter(|e| namespace.is_none_or(|n| e.metadata.namespace == n))
                    .map(|e| Key::of(&e.metadata))
                    .collect();
                v.dedup();
                v
            }
        }
    }

    pub fn meta<'a>(self, c: &'a Cluster, k: &Key) -> Option<&'a ObjectMeta> {
        Some(match self {
            Resource::Nodes => &c.store.nodes.get(&*k.name)?.metadata,
            Resource::Namespaces => &c.store.namespaces.get(&*k.name)?.metadata,
            Resource::PriorityClasses => &c.store.priority_classes.get(&*k.name)?.metadata,
            Resource::Pods => &c.store.pods.get(k)?.metadata,
            Resource::DaemonSets => &c.store.daemonsets.get(k)?.metadata,
            Resource::ControllerRevisions => &c.store.revisions.get(k)?.metadata,
            Resource::Events => &c.store.event(k)?.metadata,
        })
    }

    /// The object as the API server would return it (JSON, keys sorted).
    pub fn to_json(self, c: &Cluster, k: &Key) -> Option<Json> {
        let v = match self {
            Resource::Nodes => serde_json::to_value(c.store.nodes.get(&*k.name)?),
            Resource::Namespaces => serde_json::to_value(c.store.namespaces.get(&*k.name)?),
            Resource::PriorityClasses => {
                serde_json::to_value(c.store.priority_classes.get(&*k.name)?)
            }
            Resource::Pods => serde_json::to_value(c.store.pods.get(k)?),
            Resource::DaemonSets => serde_json::to_value(c.store.daemonsets.get(k)?),
            Resource::ControllerRevisions => serde_json::to_value(c.store.revisions.get(k)?),
            Resource::Events => serde_json::to_value(&**c.store.event(k)?),
        };
        let mut v = v.ok()?;
        if let Json::Object(m) = &mut v {
            m.insert("apiVersion".into(), Json::String(self.api_version().into()));
            m.insert("kind".into(), Json::String(self.kind().into()));
        }
        Some(v)
    }
}
