//! `kubectl get`, `describe` and `delete` of events on a cluster with thousands of them:
//! each event is found by its key and each object's events by the object, not by walking
//! the list once for each (which took minutes at 5,000 nodes).

use engine::session::{NoFiles, Session};

mod common;
use common::run;

const DS: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec: {containers: [{name: c, image: img:1}]}\n";

fn cluster(nodes: usize) -> Session {
    let mut s = Session::new(Box::new(NoFiles));
    let mut list = String::from("apiVersion: v1\nkind: List\nitems:\n");
    for i in 0..nodes {
        list.push_str(&format!(
            "- {{apiVersion: v1, kind: Node, metadata: {{name: n{i}}}}}\n"
        ));
    }
    run(&mut s, "kubectl apply -f -", Some(&list));
    run(&mut s, "kubectl apply -f -", Some(DS));
    run(&mut s, "sleep 1m", None);
    s
}

#[test]
fn every_event_is_listed_and_described_with_its_object() {
    let mut s = cluster(2_000);
    let events = s.cluster.store.events.len();
    assert!(events > 8_000, "{events} events");
    let listed = run(&mut s, "kubectl get events --no-headers", None);
    assert_eq!(listed.lines().count(), events);
    let pod = s
        .cluster
        .store
        .pods
        .values()
        .last()
        .unwrap()
        .metadata
        .name
        .clone();
    let described = run(&mut s, &format!("kubectl describe pod {pod}"), None);
    let tail = described.split("Events:").nth(1).unwrap();
    for reason in ["Scheduled", "Pulling", "Pulled", "Created", "Started"] {
        assert!(tail.contains(reason), "{reason} missing from\n{tail}");
    }
}

#[test]
fn deleting_every_event_leaves_none_and_a_repeated_name_is_not_found() {
    let mut s = cluster(2_000);
    let first = s.cluster.store.events[0].metadata.name.clone();
    let o = s.run_command(&format!("kubectl delete event {first} {first}"), None);
    assert_eq!(o.stdout, format!("event \"{first}\" deleted\n"));
    assert_eq!(
        o.stderr,
        format!("Error from server (NotFound): events \"{first}\" not found\n")
    );
    let left = s.cluster.store.events.len();
    let deleted = run(&mut s, "kubectl delete events --all", None);
    assert_eq!(deleted.lines().count(), left);
    assert!(s.cluster.store.events.is_empty());
}
