//! From manifest text to typed objects: documents, `List`s, kinds and versions, strict
//! field checking, with the line and column of every problem.

mod kinds;
mod split;

pub use kinds::{cluster_scoped, removed_hint, served};
pub use split::split_documents;

use crate::api::*;
use crate::cluster::SourceMap;
use crate::schema;
use crate::yaml::{self, Node, Pos, Value};

#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    DaemonSet(DaemonSet),
    Node(crate::api::Node),
    Namespace(Namespace),
    Pod(Pod),
    PriorityClass(PriorityClass),
    ControllerRevision(ControllerRevision),
    Other(Opaque),
}

impl Object {
    pub fn meta(&self) -> &ObjectMeta {
        match self {
            Object::DaemonSet(o) => &o.metadata,
            Object::Node(o) => &o.metadata,
            Object::Namespace(o) => &o.metadata,
            Object::Pod(o) => &o.metadata,
            Object::PriorityClass(o) => &o.metadata,
            Object::ControllerRevision(o) => &o.metadata,
            Object::Other(o) => &o.metadata,
        }
    }
    pub fn meta_mut(&mut self) -> &mut ObjectMeta {
        match self {
            Object::DaemonSet(o) => &mut o.metadata,
            Object::Node(o) => &mut o.metadata,
            Object::Namespace(o) => &mut o.metadata,
            Object::Pod(o) => &mut o.metadata,
            Object::PriorityClass(o) => &mut o.metadata,
            Object::ControllerRevision(o) => &mut o.metadata,
            Object::Other(o) => &mut o.metadata,
        }
    }
}

/// One object read from a manifest, with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub api_version: String,
    pub kind: String,
    pub object: Object,
    /// The object as written (JSON), for `kubectl apply`'s three-way merge.
    pub json: serde_json::Value,
    pub source: SourceMap,
    /// Position of the object's first line.
    pub pos: Pos,
}

/// A problem with one document, phrased as kubectl or the API server phrases it
/// (without the leading `error: `), with the line and column it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestError {
    pub pos: Pos,
    pub kind: ErrorKind,
    pub message: String,
    /// Advice of ours, printed after kubectl's own message.
    pub hint: Option<String>,
    /// For server-side errors: the object's identity, which kubectl checks first
    /// (`apply` refuses an object without a name before the server sees it).
    pub object: Option<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectId {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub namespace: String,
    /// Where `metadata` (or the document, if there is none) starts.
    pub metadata_pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// kubectl could not read the file (`error parsing`, `error validating`).
    Client,
    /// The API server refused the object (`Error from server (BadRequest)`).
    BadRequest,
    /// No such kind in that version (`resource mapping not found`).
    NoMatch,
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Items of a document: each object, or the error that stopped it.
pub type DocResult = Result<Decoded, ManifestError>;

/// Decodes every document of `text` (`file` names it in messages). A YAML syntax error
/// ends the stream there, as it does for kubectl; earlier documents still decode.
pub fn decode_manifest(text: &str, file: &str) -> Vec<DocResult> {
    let mut out = Vec::new();
    for doc in split_documents(text) {
        let nodes = match yaml::parse_documents(doc.text) {
            Ok(n) => n,
            Err(e) => {
                let pos = if e.pos.is_known() {
                    Pos::new(e.pos.line + doc.line_offset, e.pos.col)
                } else {
                    e.pos
                };
                out.push(Err(ManifestError {
                    pos,
                    kind: ErrorKind::Client,
                    message: format!(
                        "error parsing {file}: error converting YAML to JSON: yaml: line {}, column {}: {}",
                        pos.line, pos.col, e.message
                    ),
                    hint: None,
                    object: None,
                }));
                return out;
            }
        };
        for mut node in nodes {
            shift(&mut node, doc.line_offset);
            decode_node(&node, file, &mut out);
        }
    }
    out
}

fn shift(n: &mut Node, lines: u32) {
    if n.pos.is_known() {
        n.pos.line += lines;
    }
    match &mut n.value {
        Value::Seq(items) => items.iter_mut().for_each(|i| shift(i, lines)),
        Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
            shift(k, lines);
            shift(v, lines);
        }),
        _ => {}
    }
}

fn str_field(n: &Node, key: &str) -> String {
    n.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string()
}

fn decode_node(node: &Node, file: &str, out: &mut Vec<DocResult>) {
    if !matches!(node.value, Value::Map(_)) {
        out.push(Err(ManifestError {
            pos: node.pos,
            kind: ErrorKind::Client,
            message: format!(
                "error parsing {file}: error converting YAML to JSON: yaml: line {}, column {}: the document is a {}, not an object",
                node.pos.line,
                node.pos.col,
                node.json_kind()
            ),
            hint: None,
                    object: None,
        }));
        return;
    }
    let api_version = str_field(node, "apiVersion");
    let kind = str_field(node, "kind");
    if api_version.is_empty() || kind.is_empty() {
        let mut missing = Vec::new();
        if api_version.is_empty() {
            missing.push("apiVersion not set");
        }
        if kind.is_empty() {
            missing.push("kind not set");
        }
        let what = if missing.len() == 1 {
            missing[0].to_string()
        } else {
            format!("[{}]", missing.join(", "))
        };
        out.push(Err(ManifestError {
            pos: node.pos,
            kind: ErrorKind::Client,
            message: format!(
                "error validating \"{file}\": error validating data: {what}; if you choose to ignore these errors, turn validation off with --validate=false"
            ),
            hint: None,
                    object: None,
        }));
        return;
    }
    // `kind: List` (and `NodeList`, `DaemonSetList`, ... from `kubectl get -o yaml`).
    if kind == "List" || kind.ends_with("List") {
        match node.get("items").map(|i| &i.value) {
            Some(Value::Seq(items)) => {
                for item in items {
                    decode_node(item, file, out);
                }
            }
            Some(Value::Null) | None => {}
            Some(_) => out.push(Err(ManifestError {
                pos: node.get("items").map(|n| n.pos).unwrap_or(node.pos),
                kind: ErrorKind::Client,
                message: format!("error parsing {file}: items of a {kind} must be a list"),
                hint: None,
                object: None,
            })),
        }
        return;
    }
    let kind_pos = node.get("kind").map(|n| n.pos).unwrap_or(node.pos);
    let av_pos = node.get("apiVersion").map(|n| n.pos).unwrap_or(node.pos);
    if !served(&api_version, &kind) {
        let name = node
            .get("metadata")
            .map(|m| str_field(m, "name"))
            .unwrap_or_default();
        let ns = node
            .get("metadata")
            .map(|m| str_field(m, "namespace"))
            .unwrap_or_default();
        out.push(Err(ManifestError {
            pos: av_pos,
            kind: ErrorKind::NoMatch,
            message: format!(
                "resource mapping not found for name: {name:?} namespace: {ns:?} from {file:?}: no matches for kind {kind:?} in version {api_version:?}\nensure CRDs are installed first"
            ),
            hint: removed_hint(&api_version, &kind),
            object: None,
        }));
        let _ = kind_pos;
        return;
    }
    // Repeated keys never reach the API server: kubectl's YAML-to-JSON conversion keeps
    // the last one.
    let errors: Vec<schema::FieldError> = schema::check(&kind, node)
        .into_iter()
        .filter(|e| !matches!(e.kind, schema::FieldErrorKind::Duplicate))
        .collect();
    let meta = node.get("metadata");
    let id = ObjectId {
        api_version: api_version.clone(),
        kind: kind.clone(),
        name: meta.map(|m| str_field(m, "name")).unwrap_or_default(),
        namespace: meta.map(|m| str_field(m, "namespace")).unwrap_or_default(),
        metadata_pos: node
            .get("metadata")
            .map(|_| {
                if let Value::Map(e) = &node.value {
                    e.iter()
                        .find(|(k, _)| k.as_str() == Some("metadata"))
                        .map(|(k, _)| k.pos)
                        .unwrap_or(node.pos)
                } else {
                    node.pos
                }
            })
            .unwrap_or(node.pos),
    };
    let bad = |message: String, pos: Pos| ManifestError {
        pos,
        kind: ErrorKind::BadRequest,
        message,
        hint: None,
        object: Some(id.clone()),
    };
    let cannot = format!(
        "{kind} in version \"{}\" cannot be handled as a {kind}",
        version_of(&api_version)
    );
    if let Some(e) = schema::decode_error(&errors) {
        out.push(Err(bad(
            format!("{cannot}: {}", schema::render_type(e)),
            e.pos,
        )));
        return;
    }
    if let Some(msg) = schema::render_strict(&errors) {
        let pos = errors
            .iter()
            .find(|e| {
                matches!(
                    e.kind,
                    schema::FieldErrorKind::Unknown | schema::FieldErrorKind::Duplicate
                )
            })
            .map(|e| e.pos)
            .unwrap_or(node.pos);
        out.push(Err(bad(format!("{cannot}: {msg}"), pos)));
        return;
    }
    let json = node.to_json();
    let object = match to_object(&kind, json.clone()) {
        Ok(o) => o,
        Err(e) => {
            out.push(Err(bad(format!("{cannot}: {e}"), node.pos)));
            return;
        }
    };
    let source = SourceMap {
        file: file.to_string(),
        paths: yaml::index_paths(node),
    };
    out.push(Ok(Decoded {
        api_version,
        kind,
        object,
        json,
        source,
        pos: node.pos,
    }));
}

fn version_of(api_version: &str) -> &str {
    api_version.rsplit('/').next().unwrap_or(api_version)
}

/// Typed decoding of an already checked object.
pub fn to_object(kind: &str, json: serde_json::Value) -> Result<Object, String> {
    Ok(match kind {
        "DaemonSet" => Object::DaemonSet(FromJson::from_json(json)?),
        "Node" => Object::Node(FromJson::from_json(json)?),
        "Namespace" => Object::Namespace(FromJson::from_json(json)?),
        "Pod" => Object::Pod(FromJson::from_json(json)?),
        "PriorityClass" => Object::PriorityClass(FromJson::from_json(json)?),
        "ControllerRevision" => Object::ControllerRevision(FromJson::from_json(json)?),
        _ => Object::Other(FromJson::from_json(json)?),
    })
}
