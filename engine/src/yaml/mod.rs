//! Reading YAML and JSON manifests into positioned trees.
mod parse;
mod tree;

pub use parse::{parse_documents, ParseError, MAX_INPUT_BYTES};
pub use tree::{Node, Pos, Value, MAX_DEPTH};
