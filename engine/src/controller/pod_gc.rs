//! PodGC: pods bound to nodes that no longer exist are deleted after a quarantine.

use crate::cluster::{Cluster, Key};
use crate::controller::pods::remove_pod;

pub fn run(c: &mut Cluster) {
    let gone: Vec<Key> = c
        .store
        .pods
        .iter()
        .filter(|(_, p)| {
            !p.spec.node_name.is_empty() && !c.store.nodes.contains_key(&p.spec.node_name)
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in gone {
        remove_pod(c, &k);
    }
}
