//! Manifests shipped with the app.

/// What the editor holds on first visit and after Reset.
pub const DEFAULT_MANIFEST: &str = include_str!("examples/fluentd-daemonset.yaml");
