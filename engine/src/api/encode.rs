//! Encoding the object model as JSON: each struct lists its fields once ([`ToTree`],
//! written by [`json_fields!`]) and one `Serialize` walks the result for every serializer
//! (`to_value`, `to_string`), where serde's derived `Serialize` compiled each struct and
//! field once per serializer.
//!
//! The output is what the derived code wrote, byte for byte: fields in declaration order,
//! `omitempty` fields left out when empty (`""`, `0`, `false`, `[]`, `{}`, absent), then a
//! struct's `rest` in key order. (The revision hash depends on it.)

use super::intstr::IntOrString;
use super::time::Time;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// A JSON value that keeps the order of an object's fields.
pub enum Tree<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Str(&'a str),
    String(String),
    Json(&'a Json),
    Object(Vec<(&'a str, Tree<'a>)>),
    Array(Vec<Tree<'a>>),
}

pub trait ToTree {
    fn to_tree(&self) -> Tree<'_>;
    /// Go's `omitempty`: whether the field is left out.
    fn is_empty(&self) -> bool {
        false
    }
}

impl Serialize for Tree<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Tree::Null => s.serialize_none(),
            Tree::Bool(b) => s.serialize_bool(*b),
            Tree::Int(i) => s.serialize_i64(*i),
            Tree::Str(v) => s.serialize_str(v),
            Tree::String(v) => s.serialize_str(v),
            Tree::Json(v) => v.serialize(s),
            Tree::Object(fields) => {
                let mut m = s.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
            Tree::Array(items) => s.collect_seq(items),
        }
    }
}

impl ToTree for String {
    fn to_tree(&self) -> Tree<'_> {
        Tree::Str(self)
    }
    fn is_empty(&self) -> bool {
        self.is_empty()
    }
}

impl ToTree for std::borrow::Cow<'static, str> {
    fn to_tree(&self) -> Tree<'_> {
        Tree::Str(self)
    }
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

impl ToTree for bool {
    fn to_tree(&self) -> Tree<'_> {
        Tree::Bool(*self)
    }
    fn is_empty(&self) -> bool {
        !*self
    }
}

impl ToTree for i32 {
    fn to_tree(&self) -> Tree<'_> {
        Tree::Int(*self as i64)
    }
    fn is_empty(&self) -> bool {
        *self == 0
    }
}

impl ToTree for i64 {
    fn to_tree(&self) -> Tree<'_> {
        Tree::Int(*self)
    }
    fn is_empty(&self) -> bool {
        *self == 0
    }
}

impl ToTree for Json {
    fn to_tree(&self) -> Tree<'_> {
        Tree::Json(self)
    }
}

impl ToTree for Time {
    fn to_tree(&self) -> Tree<'_> {
        Tree::String(self.rfc3339())
    }
}

impl ToTree for IntOrString {
    fn to_tree(&self) -> Tree<'_> {
        match self {
            IntOrString::Int(i) => Tree::Int(*i as i64),
            IntOrString::Str(s) => Tree::Str(s),
        }
    }
}

impl<T: ToTree> ToTree for Option<T> {
    fn to_tree(&self) -> Tree<'_> {
        self.as_ref().map_or(Tree::Null, T::to_tree)
    }
    fn is_empty(&self) -> bool {
        self.is_none()
    }
}

impl<T: ToTree> ToTree for crate::cluster::Shared<T> {
    fn to_tree(&self) -> Tree<'_> {
        T::to_tree(self)
    }
    fn is_empty(&self) -> bool {
        T::is_empty(self)
    }
}

impl<T: ToTree> ToTree for Vec<T> {
    fn to_tree(&self) -> Tree<'_> {
        Tree::Array(self.iter().map(T::to_tree).collect())
    }
    fn is_empty(&self) -> bool {
        self.is_empty()
    }
}

impl<T: ToTree> ToTree for BTreeMap<String, T> {
    fn to_tree(&self) -> Tree<'_> {
        Tree::Object(
            self.iter()
                .map(|(k, v)| (k.as_str(), v.to_tree()))
                .collect(),
        )
    }
    fn is_empty(&self) -> bool {
        self.is_empty()
    }
}

/// The JSON of a struct of the object model: `FromJson` (see [`from_json!`], which takes
/// the same list), [`ToTree`] and `Serialize`. A field marked `omitempty` is left out
/// when empty; the fields are written in the order listed, which must be the struct's.
///
/// [`from_json!`]: super::decode::from_json
macro_rules! json_fields {
    ($ty:ident { $($kind:ident $field:ident: $json:literal $($omit:ident)?),* $(,)? } $($rest:ident)?) => {
        $crate::api::decode::from_json!($ty { $($kind $field: $json),* } $($rest)?);

        impl $crate::api::encode::ToTree for $ty {
            #[allow(clippy::vec_init_then_push)]
            fn to_tree(&self) -> $crate::api::encode::Tree<'_> {
                use $crate::api::encode::ToTree;
                let mut m = Vec::new();
                $($crate::api::encode::json_fields!(@put m self $field $json $($omit)?);)*
                $(for (k, v) in &self.$rest {
                    m.push((k.as_str(), $crate::api::encode::Tree::Json(v)));
                })?
                $crate::api::encode::Tree::Object(m)
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::api::encode::ToTree::to_tree(self).serialize(s)
            }
        }
    };
    (@put $m:ident $self:ident $field:ident $json:literal omitempty) => {
        if !ToTree::is_empty(&$self.$field) {
            $m.push(($json, ToTree::to_tree(&$self.$field)));
        }
    };
    (@put $m:ident $self:ident $field:ident $json:literal) => {
        $m.push(($json, ToTree::to_tree(&$self.$field)));
    };
}
pub(crate) use json_fields;
