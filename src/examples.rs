//! Manifests shipped with the app, and the examples gallery.

pub mod gallery;

/// What the editor holds on first visit and after Reset.
pub const DEFAULT_MANIFEST: &str = include_str!("examples/fluentd-daemonset.yaml");

/// The nodes a fresh session starts with, so that a first Apply has somewhere to run.
pub const STARTER_NODES: &str = include_str!("examples/starter-nodes.yaml");

/// A session with the starter nodes.
pub fn starter_session() -> engine::session::Session {
    let mut s = engine::session::Session::new(Box::new(engine::session::NoFiles));
    let out = s.run_command("kubectl apply -f -", Some(STARTER_NODES));
    debug_assert!(!out.failed, "{}", out.stderr);
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn starter_nodes_load_and_the_default_manifest_lands_on_the_workers() {
        let mut s = super::starter_session();
        assert_eq!(s.cluster.store.nodes.len(), 3);
        let out = s.run_command("kubectl apply -f -", Some(super::DEFAULT_MANIFEST));
        assert!(!out.failed, "{}", out.stderr);
        let mut nodes: Vec<String> = s
            .cluster
            .store
            .pods
            .values()
            .map(|p| p.spec.node_name.clone())
            .collect();
        engine::sort::sort(&mut nodes);
        // The example tolerates the control-plane taint, so it runs on all three nodes.
        assert_eq!(nodes, ["control-plane", "worker-1", "worker-2"]);
    }
}
