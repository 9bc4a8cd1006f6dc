//! Reading YAML and JSON manifests into positioned trees.
mod parse;
pub mod paths;
mod tree;

pub use parse::{parse_documents, ParseError, MAX_INPUT_BYTES};
pub use paths::{index_paths, is_plain_key, push_index, push_key};
pub use tree::{Node, Pos, Value, MAX_DEPTH};
