//! An index from field paths to positions, to point validation errors that name
//! a field (`spec.template.spec.tolerations[1].key`) at a line and column.
//!
//! # Path rule
//! * A mapping key that is a plain identifier (only `A-Z a-z 0-9 _ -`, not empty)
//!   is appended as `.key`, without the dot at the start of the path:
//!   `spec.template.metadata.labels.app`.
//! * Any other key is appended as `["key"]`, with `"` and `\` escaped by a `\`:
//!   `metadata.labels["node-role.kubernetes.io/master"]`, `data["a b"]`.
//! * A sequence item is appended as `[i]`, counting from 0: `containers[0].ports[1]`.
//! * Keys that are not strings are written as text first (`1`, `true`), as
//!   kubectl does when it converts YAML to JSON.
//!
//! A mapping entry maps to the position of its key; a sequence item to the
//! position of the item. The root itself (the empty path) is not in the index.
//! When a key is repeated, the later entry wins, as it does when Go decodes it.

use super::tree::{Node, Pos, Value};
use std::collections::BTreeMap;

/// Every field path under `root` (see the module documentation), with the
/// position of its key (mapping entries) or of the item (sequence items).
pub fn index_paths(root: &Node) -> BTreeMap<String, Pos> {
    let mut index = BTreeMap::new();
    let mut path = String::new();
    walk(root, &mut path, &mut index);
    index
}

fn walk(node: &Node, path: &mut String, index: &mut BTreeMap<String, Pos>) {
    match &node.value {
        Value::Map(entries) => {
            for (k, v) in entries {
                let len = path.len();
                push_key(path, &k.key_text());
                index.insert(path.clone(), k.pos);
                walk(v, path, index);
                path.truncate(len);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                push_index(path, i);
                index.insert(path.clone(), item.pos);
                walk(item, path, index);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Whether `key` is written `.key` (else `["key"]`).
pub fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Appends a mapping key to `path` by the module's rule.
pub fn push_key(path: &mut String, key: &str) {
    if is_plain_key(key) {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push_str("[\"");
        for ch in key.chars() {
            if ch == '"' || ch == '\\' {
                path.push('\\');
            }
            path.push(ch);
        }
        path.push_str("\"]");
    }
}

/// Appends a sequence index to `path`: `[i]`.
pub fn push_index(path: &mut String, i: usize) {
    path.push('[');
    path.push_str(&i.to_string());
    path.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse_documents;

    fn index(text: &str) -> BTreeMap<String, Pos> {
        index_paths(&parse_documents(text).unwrap()[0])
    }

    const DS: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd
  labels:
    app: fluentd
    node-role.kubernetes.io/master: \"\"
spec:
  template:
    spec:
      tolerations:
      - key: a
        operator: Exists
      - key: node-role.kubernetes.io/control-plane
        effect: NoSchedule
      containers:
      - name: c
        args: [\"-v\", \"2\"]
";

    #[test]
    fn fields_map_to_their_keys() {
        let ix = index(DS);
        assert_eq!(ix["apiVersion"], Pos::new(1, 1));
        assert_eq!(ix["metadata"], Pos::new(3, 1));
        assert_eq!(ix["metadata.name"], Pos::new(4, 3));
        assert_eq!(ix["metadata.labels.app"], Pos::new(6, 5));
        assert_eq!(ix["spec.template.spec.tolerations[1].key"], Pos::new(14, 9));
        assert_eq!(
            ix["spec.template.spec.tolerations[1].effect"],
            Pos::new(15, 9)
        );
        assert_eq!(ix["spec.template.spec.containers[0].name"], Pos::new(17, 9));
    }

    #[test]
    fn sequence_items_map_to_the_item() {
        let ix = index(DS);
        assert_eq!(ix["spec.template.spec.tolerations[0]"], Pos::new(12, 9));
        assert_eq!(
            ix["spec.template.spec.containers[0].args[1]"],
            Pos::new(18, 22)
        );
    }

    #[test]
    fn keys_that_are_not_identifiers_are_quoted() {
        let ix = index(DS);
        assert_eq!(
            ix["metadata.labels[\"node-role.kubernetes.io/master\"]"],
            Pos::new(7, 5)
        );
        let ix = index("data:\n  \"a \\\"b\\\"\": 1\n  x_y-Z9: 2\n  \"\": 3\n  1: 4\n");
        assert!(ix.contains_key("data[\"a \\\"b\\\"\"]"), "{ix:?}");
        assert!(ix.contains_key("data.x_y-Z9"));
        assert!(ix.contains_key("data[\"\"]"));
        assert!(ix.contains_key("data.1"));
    }

    #[test]
    fn root_sequence_and_repeated_keys() {
        let ix = index("- a: 1\n- b: [x, {c: 2}]\n");
        assert_eq!(ix["[0]"], Pos::new(1, 3));
        assert_eq!(ix["[0].a"], Pos::new(1, 3));
        assert!(ix.contains_key("[1].b[1].c"));
        // parse_documents keeps repeated keys; the later one wins in the index.
        let root: Node = crate::yaml::parse_documents("a: 1\nb: 2\na: 3\n")
            .unwrap()
            .remove(0);
        let ix = index_paths(&root);
        assert_eq!(ix["a"], Pos::new(3, 1));
        assert_eq!(ix.len(), 2);
    }

    #[test]
    fn path_builders() {
        let mut p = String::new();
        push_key(&mut p, "spec");
        push_index(&mut p, 3);
        push_key(&mut p, "a/b");
        push_key(&mut p, "c");
        assert_eq!(p, "spec[3][\"a/b\"].c");
        assert!(!is_plain_key(""));
        assert!(!is_plain_key("a.b"));
        assert!(is_plain_key("hostNetwork"));
    }
}
