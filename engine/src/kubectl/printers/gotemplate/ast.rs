//! The parse tree (Go's `text/template/parse/node.go`), and how its nodes print back
//! as template text for error messages.

use super::quote::quote;
use std::collections::BTreeMap;

#[derive(Debug)]
pub(super) enum Node {
    Text {
        pos: usize,
        text: String,
    },
    Action {
        pos: usize,
        pipe: Pipe,
    },
    If(Branch),
    Range(Branch),
    With(Branch),
    Template {
        pos: usize,
        name: String,
        pipe: Option<Pipe>,
    },
    Break {
        pos: usize,
    },
    Continue {
        pos: usize,
    },
}

#[derive(Debug)]
pub(super) struct Branch {
    pub(super) pos: usize,
    pub(super) pipe: Pipe,
    pub(super) list: Vec<Node>,
    pub(super) else_list: Option<Vec<Node>>,
}

#[derive(Debug)]
pub(super) struct Pipe {
    pub(super) pos: usize,
    pub(super) is_assign: bool,
    pub(super) decl: Vec<String>,
    pub(super) cmds: Vec<Cmd>,
}

#[derive(Debug)]
pub(super) struct Cmd {
    pub(super) pos: usize,
    pub(super) args: Vec<Arg>,
}

/// An operand of a command.
#[derive(Debug)]
pub(super) enum Arg {
    Field {
        pos: usize,
        ident: Vec<String>,
    },
    /// A term followed by fields: `(pipeline).a.b`.
    Chain {
        pos: usize,
        node: Box<Arg>,
        fields: Vec<String>,
    },
    Ident {
        pos: usize,
        name: String,
    },
    Var {
        pos: usize,
        ident: Vec<String>,
    },
    Dot(usize),
    Nil(usize),
    Bool(usize, bool),
    Num {
        pos: usize,
        text: String,
        num: Number,
    },
    Str {
        pos: usize,
        quoted: String,
        text: String,
    },
    Pipe(Box<Pipe>),
}

/// A numeric constant under every type that can hold it, as Go's `NumberNode`.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Number {
    pub(super) is_int: bool,
    pub(super) is_uint: bool,
    pub(super) is_float: bool,
    pub(super) int: i64,
    pub(super) float: f64,
}

/// The templates of one parse: the main one (`output`) and those `define`d.
pub(super) type TreeSet = BTreeMap<String, Vec<Node>>;

impl Arg {
    pub(super) fn pos(&self) -> usize {
        match self {
            Arg::Field { pos, .. }
            | Arg::Chain { pos, .. }
            | Arg::Ident { pos, .. }
            | Arg::Var { pos, .. }
            | Arg::Num { pos, .. }
            | Arg::Str { pos, .. }
            | Arg::Dot(pos)
            | Arg::Nil(pos)
            | Arg::Bool(pos, _) => *pos,
            Arg::Pipe(p) => p.pos,
        }
    }

    pub(super) fn write(&self, s: &mut String) {
        match self {
            Arg::Field { ident, .. } => ident.iter().for_each(|id| {
                s.push('.');
                s.push_str(id);
            }),
            Arg::Chain { node, fields, .. } => {
                if let Arg::Pipe(p) = node.as_ref() {
                    s.push('(');
                    p.write(s);
                    s.push(')');
                } else {
                    node.write(s);
                }
                fields.iter().for_each(|f| {
                    s.push('.');
                    s.push_str(f);
                });
            }
            Arg::Ident { name, .. } => s.push_str(name),
            Arg::Var { ident, .. } => s.push_str(&ident.join(".")),
            Arg::Dot(_) => s.push('.'),
            Arg::Nil(_) => s.push_str("nil"),
            Arg::Bool(_, b) => s.push_str(if *b { "true" } else { "false" }),
            Arg::Num { text, .. } => s.push_str(text),
            Arg::Str { quoted, .. } => s.push_str(quoted),
            Arg::Pipe(p) => p.write(s),
        }
    }

    pub(super) fn string(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }
}

impl Pipe {
    pub(super) fn write(&self, s: &mut String) {
        if !self.decl.is_empty() {
            s.push_str(&self.decl.join(", "));
            s.push_str(if self.is_assign { " = " } else { " := " });
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                s.push_str(" | ");
            }
            c.write(s);
        }
    }
}

impl Cmd {
    pub(super) fn write(&self, s: &mut String) {
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            if let Arg::Pipe(p) = arg {
                s.push('(');
                p.write(s);
                s.push(')');
            } else {
                arg.write(s);
            }
        }
    }
}

impl Node {
    pub(super) fn pos(&self) -> usize {
        match self {
            Node::Text { pos, .. }
            | Node::Action { pos, .. }
            | Node::Template { pos, .. }
            | Node::Break { pos }
            | Node::Continue { pos } => *pos,
            Node::If(b) | Node::Range(b) | Node::With(b) => b.pos,
        }
    }

    pub(super) fn write(&self, s: &mut String) {
        match self {
            Node::Text { text, .. } => s.push_str(text),
            Node::Action { pipe, .. } => {
                s.push_str("{{");
                pipe.write(s);
                s.push_str("}}");
            }
            Node::If(b) => b.write("if", s),
            Node::Range(b) => b.write("range", s),
            Node::With(b) => b.write("with", s),
            Node::Template { name, pipe, .. } => {
                s.push_str("{{template ");
                s.push_str(&quote(name, false));
                if let Some(p) = pipe {
                    s.push(' ');
                    p.write(s);
                }
                s.push_str("}}");
            }
            Node::Break { .. } => s.push_str("{{break}}"),
            Node::Continue { .. } => s.push_str("{{continue}}"),
        }
    }
}

impl Branch {
    fn write(&self, keyword: &str, s: &mut String) {
        s.push_str("{{");
        s.push_str(keyword);
        s.push(' ');
        self.pipe.write(s);
        s.push_str("}}");
        self.list.iter().for_each(|n| n.write(s));
        if let Some(list) = &self.else_list {
            s.push_str("{{else}}");
            list.iter().for_each(|n| n.write(s));
        }
        s.push_str("{{end}}");
    }
}
