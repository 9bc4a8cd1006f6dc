//! Live checking of manifest text without a cluster, for an editor: every problem that
//! `kubectl apply -f -` would report before it needs to look at the cluster (YAML syntax,
//! kinds and versions, unknown fields and wrong types, a missing name, the API server's
//! defaults and validation), each with the line and column it points at.
//!
//! What needs a cluster is not checked: whether the namespace exists, and the rules of an
//! update (a DaemonSet's selector is immutable).

use crate::cluster::SourceMap;
use crate::manifest::{cluster_scoped, decode_manifest, Decoded, ErrorKind, Object};
use crate::validation::{self, FieldError};
use crate::yaml::Pos;

/// One problem, at a 1-based line and column of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: u32,
    pub column: u32,
    /// kubectl's message without its framing (`error: `, `Error from server (BadRequest):
    /// error when creating "STDIN": `) and without the position; advice of ours follows on
    /// lines of its own that start with `hint: `.
    pub message: String,
}

/// The name kubectl gives standard input, which the messages mention.
const FILE: &str = "STDIN";

/// Checks every document of `text` as `kubectl apply -f -` would, in document order.
/// A YAML syntax error ends the check there (kubectl stops reading at it too).
pub fn check_manifests(text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for doc in decode_manifest(text, FILE) {
        match doc {
            Err(e) => {
                // kubectl needs the name before it talks to the server, and says so first.
                if let Some(o) = e.object.as_ref().filter(|o| o.name.is_empty()) {
                    push(&mut out, o.metadata_pos, EMPTY_NAME.to_string());
                }
                let mut message = e.message.clone();
                if e.kind != ErrorKind::BadRequest {
                    // Positions are the editor's to show; YAML errors carry them in the text.
                    message = message
                        .replace(&format!("line {}, column {}: ", e.pos.line, e.pos.col), "");
                }
                if let Some(h) = &e.hint {
                    message.push_str("\nhint: ");
                    message.push_str(h);
                }
                push(&mut out, e.pos, message);
            }
            Ok(d) => check_object(d, &mut out),
        }
    }
    out
}

const EMPTY_NAME: &str = "resource name may not be empty";

fn check_object(d: Decoded, out: &mut Vec<Diagnostic>) {
    let Decoded {
        kind,
        mut object,
        source,
        pos,
        ..
    } = d;
    let metadata_pos = source.find("metadata").map(|(_, p)| p).unwrap_or(pos);
    if object.meta().name.is_empty() {
        push(out, metadata_pos, EMPTY_NAME.to_string());
        return;
    }
    // As `kubectl apply` sends it: namespaced objects land in `default` unless they say
    // otherwise, cluster-scoped ones in no namespace.
    let namespace = if cluster_scoped(&kind) {
        String::new()
    } else if object.meta().namespace.is_empty() {
        "default".to_string()
    } else {
        object.meta().namespace.clone()
    };
    object.meta_mut().namespace = namespace;
    let errs: Vec<FieldError> = match object {
        Object::DaemonSet(mut ds) => {
            crate::defaults::set_defaults_daemonset(&mut ds);
            validation::validate_daemonset(&ds)
        }
        Object::Node(node) => validation::validate_node(&node),
        Object::Namespace(ns) => validation::validate_namespace(&ns),
        // The API server's other checks of these kinds are not simulated (apply neither).
        Object::Pod(_)
        | Object::PriorityClass(_)
        | Object::ControllerRevision(_)
        | Object::Other(_) => Vec::new(),
    };
    for e in validation::dedup(errs) {
        push(out, field_pos(&source, &e.path, pos), e.to_string());
    }
}

/// Where a field path was written, or its nearest written parent, or the object.
fn field_pos(source: &SourceMap, path: &str, object: Pos) -> Pos {
    // Upstream's node validation names a node's taints `metadata.taints` (sic); they are
    // written under `spec`.
    if let Some(rest) = path.strip_prefix("metadata.taints") {
        if let Some((_, p)) = source.find(&format!("spec.taints{rest}")) {
            return p;
        }
    }
    source.find(path).map(|(_, p)| p).unwrap_or(object)
}

fn push(out: &mut Vec<Diagnostic>, pos: Pos, message: String) {
    let (line, column) = if pos.is_known() {
        (pos.line, pos.col.max(1))
    } else {
        (1, 1)
    };
    let d = Diagnostic {
        line,
        column,
        message,
    };
    if !out.contains(&d) {
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{NoFiles, Session};

    const GOOD: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
        - name: agent
          image: busybox:1.36
";

    fn at(d: &Diagnostic) -> (u32, u32) {
        (d.line, d.column)
    }

    /// What `kubectl apply -f -` prints on an empty cluster, for comparison.
    fn apply_stderr(text: &str) -> String {
        let mut s = Session::new(Box::new(NoFiles));
        s.run_command("kubectl create namespace kube-system", None);
        s.run_command("kubectl apply -f -", Some(text)).stderr
    }

    #[test]
    fn a_valid_manifest_has_no_diagnostics() {
        assert_eq!(check_manifests(GOOD), []);
        assert_eq!(apply_stderr(GOOD), "");
        assert_eq!(check_manifests(""), []);
        assert_eq!(check_manifests("# just a comment\n"), []);
    }

    #[test]
    fn unknown_field_at_its_key() {
        let text = GOOD.replace("      containers:", "      containres:");
        let got = check_manifests(&text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(at(&got[0]), (15, 7));
        assert_eq!(
            got[0].message,
            "DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: unknown field \"spec.template.spec.containres\""
        );
        // The same message and place as kubectl apply.
        let stderr = apply_stderr(&text);
        assert!(
            stderr.contains(&format!("{} (STDIN:15:7)", got[0].message)),
            "{stderr}"
        );
    }

    #[test]
    fn wrong_type_at_its_value() {
        let text = GOOD.replace("image: busybox:1.36", "image: [busybox]");
        let got = check_manifests(&text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(at(&got[0]), (17, 18));
        assert!(
            got[0]
                .message
                .contains("json: cannot unmarshal array into Go struct field Container.spec.template.spec.containers.image of type string"),
            "{}",
            got[0].message
        );
        assert!(apply_stderr(&text).contains(&got[0].message));
    }

    #[test]
    fn yaml_syntax_error_with_its_line_and_column() {
        let got = check_manifests("apiVersion: v1\nkind: Namespace\nmetadata: {name: [a\n");
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(at(&got[0]), (3, 18));
        assert_eq!(
            got[0].message,
            "error parsing STDIN: error converting YAML to JSON: yaml: unclosed bracket '['"
        );
        let tab = check_manifests("apiVersion: v1\nkind: Namespace\nmetadata:\n\tname: x\n");
        assert_eq!(at(&tab[0]), (4, 1));
        assert!(tab[0]
            .message
            .contains("found character that cannot start any token"));
    }

    #[test]
    fn selector_that_does_not_match_the_template() {
        let text = GOOD.replace("        app: agent\n", "        app: other\n");
        let got = check_manifests(&text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(
            got[0].message,
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`"
        );
        assert_eq!(at(&got[0]), (12, 7));
        assert!(apply_stderr(&text).contains(&format!("{} (STDIN:12:7)", got[0].message)));
    }

    #[test]
    fn every_validation_error_is_reported() {
        let text = GOOD
            .replace("name: agent\n  namespace", "name: Agent_1\n  namespace")
            .replace("        - name: agent\n", "        - name: \"\"\n");
        let got = check_manifests(&text);
        let paths: Vec<&str> = got
            .iter()
            .map(|d| d.message.split(':').next().unwrap())
            .collect();
        assert_eq!(
            paths,
            ["metadata.name", "spec.template.spec.containers[0].name"],
            "{got:#?}"
        );
        assert_eq!(at(&got[0]), (4, 3));
        assert_eq!(at(&got[1]), (16, 11));
    }

    #[test]
    fn each_document_is_checked_and_the_second_one_is_bad() {
        let text = format!(
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tools\n---\n{}",
            GOOD.replace("  selector:\n", "  selectr:\n")
        );
        let got = check_manifests(&text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(at(&got[0]), (12, 3));
        assert!(got[0].message.contains("unknown field \"spec.selectr\""));
        // Three documents: the first and third are fine, the second has no kind.
        let three = format!("{GOOD}---\napiVersion: v1\nmetadata:\n  name: x\n---\n{GOOD}");
        let got = check_manifests(&three);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(at(&got[0]), (19, 1));
        assert!(got[0].message.contains("kind not set"));
    }

    #[test]
    fn removed_api_version_with_its_hint() {
        let text = GOOD.replace("apps/v1", "extensions/v1beta1");
        let got = check_manifests(&text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(at(&got[0]), (1, 13));
        assert!(got[0]
            .message
            .contains("no matches for kind \"DaemonSet\" in version \"extensions/v1beta1\""));
        assert!(got[0]
            .message
            .contains("\nhint: DaemonSet is served as apps/v1"));
    }

    #[test]
    fn missing_name_is_reported_at_metadata() {
        let text = GOOD.replace("  name: agent\n  namespace", "  namespace");
        let got = check_manifests(&text);
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(at(&got[0]), (3, 1));
        assert_eq!(got[0].message, EMPTY_NAME);
        // Fields that lost their indentation: the name, then the server's own complaint.
        let flat = "apiVersion: apps/v1\nkind: DaemonSet\nname: x\n";
        let got = check_manifests(flat);
        assert_eq!(got.len(), 2, "{got:#?}");
        assert_eq!(got[0].message, EMPTY_NAME);
        assert_eq!(at(&got[1]), (3, 1));
        assert!(got[1].message.contains("unknown field \"name\""));
    }

    #[test]
    fn nodes_are_validated_too() {
        let text = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nspec:\n  taints:\n    - key: a\n      effect: Sometimes\n";
        let got = check_manifests(text);
        assert_eq!(got.len(), 1, "{got:#?}");
        // Upstream's path for a node's taints, at the place they are written.
        assert!(
            got[0]
                .message
                .starts_with("metadata.taints[0].effect: Unsupported value: \"Sometimes\""),
            "{}",
            got[0].message
        );
        assert_eq!(at(&got[0]), (8, 7));
    }
}
