//! The parser (Go's `text/template/parse/parse.go`): tokens into the parse trees of
//! one template set.

use super::ast::{Arg, Branch, Cmd, Node, Pipe, TreeSet};
use super::funcs::Func;
use super::lex::{lex, Tok, Token};
use super::literal::{parse_number, unquote};
use super::quote::quote;
use super::{MAX_PARSE_DEPTH, NAME};

/// What one `textOrAction` yields: a node, or the `{{end}}`/`{{else}}` closing a list.
enum Item {
    Node(Node),
    End,
    Else,
}

impl Item {
    fn describe(&self) -> String {
        match self {
            Item::End => "{{end}}".into(),
            Item::Else => "{{else}}".into(),
            Item::Node(n) => {
                let mut s = String::new();
                n.write(&mut s);
                s
            }
        }
    }
}

/// The per-template parse state, which a `define` or `block` body starts afresh.
struct TreeState {
    vars: Vec<String>,
    range_depth: usize,
    action_line: usize,
}

struct Parser {
    toks: Vec<Token>,
    i: usize,
    /// The newest token read: Go reports parse errors at its line.
    furthest: usize,
    vars: Vec<String>,
    action_line: usize,
    range_depth: usize,
    block_depth: usize,
    paren_depth: usize,
    set: TreeSet,
}

type PResult<T> = Result<T, String>;

pub(super) fn parse(text: &str) -> PResult<TreeSet> {
    let mut p = Parser {
        toks: lex(text),
        i: 0,
        furthest: 0,
        vars: vec!["$".into()],
        action_line: 0,
        range_depth: 0,
        block_depth: 0,
        paren_depth: 0,
        set: TreeSet::new(),
    };
    let root = p.parse_top()?;
    p.add(NAME.into(), root)?;
    Ok(p.set)
}

fn is_empty_tree(list: &[Node]) -> bool {
    list.iter()
        .all(|n| matches!(n, Node::Text { text, .. } if text.trim().is_empty()))
}

impl Parser {
    fn tok(&self, i: usize) -> Token {
        self.toks.get(i).cloned().unwrap_or_else(|| Token {
            kind: Tok::Eof,
            pos: 0,
            val: String::new(),
            line: self.toks.last().map_or(1, |t| t.line),
        })
    }

    fn next(&mut self) -> Token {
        let t = self.tok(self.i);
        self.furthest = self.furthest.max(self.i);
        self.i += 1;
        t
    }

    fn backup(&mut self) {
        self.i = self.i.saturating_sub(1);
    }

    fn peek(&mut self) -> Token {
        self.furthest = self.furthest.max(self.i);
        self.tok(self.i)
    }

    fn next_non_space(&mut self) -> Token {
        loop {
            let t = self.next();
            if t.kind != Tok::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Token {
        let t = self.next_non_space();
        self.backup();
        t
    }

    fn errorf<T>(&self, msg: impl AsRef<str>) -> PResult<T> {
        Err(self.error(msg.as_ref()))
    }

    fn error(&self, msg: &str) -> String {
        let line = self.tok(self.furthest).line;
        format!("template: {NAME}:{line}: {msg}")
    }

    fn unexpected<T>(&self, t: &Token, context: &str) -> PResult<T> {
        Err(self.unexpected_error(t, context))
    }

    fn unexpected_error(&self, t: &Token, context: &str) -> String {
        if t.kind != Tok::Error {
            return self.error(&format!("unexpected {} in {context}", t.describe()));
        }
        let mut extra = String::new();
        if self.action_line != 0 && self.action_line != t.line {
            extra = format!(" in action started at {NAME}:{}", self.action_line);
            if t.val.ends_with(" action") {
                extra = extra[" in action".len()..].to_string();
            }
        }
        self.error(&format!("{}{extra}", t.describe()))
    }

    fn expect(&mut self, kind: Tok, context: &str) -> PResult<Token> {
        let t = self.next_non_space();
        if t.kind != kind {
            return self.unexpected(&t, context);
        }
        Ok(t)
    }

    fn enter_block(&mut self) -> PResult<()> {
        if self.block_depth >= MAX_PARSE_DEPTH {
            return self.errorf("max nesting depth exceeded");
        }
        self.block_depth += 1;
        Ok(())
    }

    fn fresh_tree(&mut self) -> TreeState {
        TreeState {
            vars: std::mem::replace(&mut self.vars, vec!["$".into()]),
            range_depth: std::mem::take(&mut self.range_depth),
            action_line: std::mem::take(&mut self.action_line),
        }
    }

    fn restore_tree(&mut self, s: TreeState) {
        self.vars = s.vars;
        self.range_depth = s.range_depth;
        self.action_line = s.action_line;
    }

    /// `Tree.add`: a non-empty definition wins over an empty one; two non-empty clash.
    fn add(&mut self, name: String, root: Vec<Node>) -> PResult<()> {
        match self.set.get(&name) {
            Some(old) if !is_empty_tree(old) => {
                if !is_empty_tree(&root) {
                    let name = quote(&name, false);
                    return self
                        .errorf(format!("template: multiple definition of template {name}"));
                }
            }
            _ => {
                self.set.insert(name, root);
            }
        }
        Ok(())
    }

    fn parse_top(&mut self) -> PResult<Vec<Node>> {
        let mut root = Vec::new();
        while self.peek().kind != Tok::Eof {
            if self.peek().kind == Tok::LeftDelim {
                let delim = self.i;
                self.next();
                if self.next_non_space().kind == Tok::Define {
                    self.parse_definition()?;
                    continue;
                }
                self.i = delim;
            }
            match self.text_or_action()? {
                Item::Node(n) => root.push(n),
                other => return self.errorf(format!("unexpected {}", other.describe())),
            }
        }
        Ok(root)
    }

    fn parse_definition(&mut self) -> PResult<()> {
        const CONTEXT: &str = "define clause";
        let t = self.next_non_space();
        if !matches!(t.kind, Tok::Str | Tok::RawString) {
            return self.unexpected(&t, CONTEXT);
        }
        let name = unquote(&t.val).map_err(|e| self.error(&e))?;
        self.expect(Tok::RightDelim, CONTEXT)?;
        let saved = self.fresh_tree();
        let (root, end) = self.item_list()?;
        if !matches!(end, Item::End) {
            return self.errorf(format!("unexpected {} in {CONTEXT}", end.describe()));
        }
        self.restore_tree(saved);
        self.add(name, root)
    }

    /// Nodes up to the `{{end}}` or `{{else}}` that closes them.
    fn item_list(&mut self) -> PResult<(Vec<Node>, Item)> {
        let mut list = Vec::new();
        while self.peek_non_space().kind != Tok::Eof {
            match self.text_or_action()? {
                Item::Node(n) => list.push(n),
                end => return Ok((list, end)),
            }
        }
        self.errorf("unexpected EOF")
    }

    fn text_or_action(&mut self) -> PResult<Item> {
        let t = self.next_non_space();
        match t.kind {
            Tok::Text => Ok(Item::Node(Node::Text {
                pos: t.pos,
                text: t.val,
            })),
            Tok::LeftDelim => {
                self.action_line = t.line;
                let item = self.action();
                self.action_line = 0;
                item
            }
            _ => self.unexpected(&t, "input"),
        }
    }

    fn action(&mut self) -> PResult<Item> {
        let t = self.next_non_space();
        match t.kind {
            Tok::Block => return self.block_control().map(Item::Node),
            Tok::Break | Tok::Continue => return self.break_or_continue(&t).map(Item::Node),
            Tok::Else => return self.else_control(),
            Tok::End => {
                self.expect(Tok::RightDelim, "end")?;
                return Ok(Item::End);
            }
            Tok::If => return self.parse_control("if").map(|b| Item::Node(Node::If(b))),
            Tok::Range => {
                return self
                    .parse_control("range")
                    .map(|b| Item::Node(Node::Range(b)))
            }
            Tok::Template => return self.template_control().map(Item::Node),
            Tok::With => {
                return self
                    .parse_control("with")
                    .map(|b| Item::Node(Node::With(b)))
            }
            _ => {}
        }
        self.backup();
        let pos = self.peek().pos;
        let pipe = self.pipeline("command", Tok::RightDelim)?;
        Ok(Item::Node(Node::Action { pos, pipe }))
    }

    fn break_or_continue(&mut self, keyword: &Token) -> PResult<Node> {
        let name = format!("{{{{{}}}}}", keyword.val);
        let t = self.next_non_space();
        if t.kind != Tok::RightDelim {
            return self.unexpected(&t, &name);
        }
        if self.range_depth == 0 {
            return self.errorf(format!("{name} outside {{{{range}}}}"));
        }
        Ok(if keyword.kind == Tok::Break {
            Node::Break { pos: keyword.pos }
        } else {
            Node::Continue { pos: keyword.pos }
        })
    }

    fn else_control(&mut self) -> PResult<Item> {
        // `{{else if …}}` and `{{else with …}}` leave the keyword for parse_control.
        if matches!(self.peek_non_space().kind, Tok::If | Tok::With) {
            return Ok(Item::Else);
        }
        self.expect(Tok::RightDelim, "else")?;
        Ok(Item::Else)
    }

    fn parse_control(&mut self, context: &str) -> PResult<Branch> {
        self.enter_block()?;
        let mark = self.vars.len();
        let pipe = self.pipeline(context, Tok::RightDelim)?;
        let is_range = context == "range";
        self.range_depth += usize::from(is_range);
        let (list, next) = self.item_list()?;
        self.range_depth -= usize::from(is_range);
        let mut else_list = None;
        if let Item::Else = next {
            let chained = self.peek().kind;
            if context == "if" && chained == Tok::If {
                self.next();
                else_list = Some(vec![Node::If(self.parse_control("if")?)]);
            } else if context == "with" && chained == Tok::With {
                self.next();
                else_list = Some(vec![Node::With(self.parse_control("with")?)]);
            } else {
                let (list, end) = self.item_list()?;
                if !matches!(end, Item::End) {
                    return self.errorf(format!("expected end; found {}", end.describe()));
                }
                else_list = Some(list);
            }
        }
        self.vars.truncate(mark);
        self.block_depth -= 1;
        Ok(Branch {
            pos: pipe.pos,
            pipe,
            list,
            else_list,
        })
    }

    fn block_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "block clause";
        let t = self.next_non_space();
        let name = self.template_name(&t, CONTEXT)?;
        let pipe = self.pipeline(CONTEXT, Tok::RightDelim)?;
        self.enter_block()?;
        let saved = self.fresh_tree();
        let (root, end) = self.item_list()?;
        if !matches!(end, Item::End) {
            return self.errorf(format!("unexpected {} in {CONTEXT}", end.describe()));
        }
        self.restore_tree(saved);
        self.block_depth -= 1;
        self.add(name.clone(), root)?;
        Ok(Node::Template {
            pos: t.pos,
            name,
            pipe: Some(pipe),
        })
    }

    fn template_control(&mut self) -> PResult<Node> {
        const CONTEXT: &str = "template clause";
        let t = self.next_non_space();
        let name = self.template_name(&t, CONTEXT)?;
        let pipe = if self.next_non_space().kind != Tok::RightDelim {
            self.backup();
            Some(self.pipeline(CONTEXT, Tok::RightDelim)?)
        } else {
            None
        };
        Ok(Node::Template {
            pos: t.pos,
            name,
            pipe,
        })
    }

    fn template_name(&self, t: &Token, context: &str) -> PResult<String> {
        match t.kind {
            Tok::Str | Tok::RawString => unquote(&t.val).map_err(|e| self.error(&e)),
            _ => self.unexpected(t, context),
        }
    }

    /// `declarations? command ('|' command)*`, up to `end`.
    fn pipeline(&mut self, context: &str, end: Tok) -> PResult<Pipe> {
        let pos = self.peek_non_space().pos;
        let mut pipe = Pipe {
            pos,
            is_assign: false,
            decl: Vec::new(),
            cmds: Vec::new(),
        };
        while self.peek_non_space().kind == Tok::Variable {
            let at_var = self.i;
            let v = self.next();
            let next = self.peek_non_space();
            match next.kind {
                Tok::Assign | Tok::Declare => {
                    pipe.is_assign = next.kind == Tok::Assign;
                    self.next_non_space();
                    pipe.decl.push(v.val.clone());
                    self.vars.push(v.val);
                }
                Tok::Char if next.val == "," => {
                    self.next_non_space();
                    pipe.decl.push(v.val.clone());
                    self.vars.push(v.val);
                    if context == "range" && pipe.decl.len() < 2 {
                        match self.peek_non_space().kind {
                            Tok::Variable | Tok::RightDelim | Tok::RightParen => continue,
                            _ => return self.errorf("range can only initialize variables"),
                        }
                    }
                    return self.errorf(format!("too many declarations in {context}"));
                }
                _ => self.i = at_var, // An operand, not a declaration.
            }
            break;
        }
        loop {
            let t = self.next_non_space();
            if t.kind == end {
                self.check_pipeline(&pipe, context)?;
                return Ok(pipe);
            }
            match t.kind {
                Tok::Bool
                | Tok::CharConstant
                | Tok::Complex
                | Tok::Dot
                | Tok::Field
                | Tok::Identifier
                | Tok::Number
                | Tok::Nil
                | Tok::RawString
                | Tok::Str
                | Tok::Variable
                | Tok::LeftParen => {
                    self.backup();
                    let cmd = self.command()?;
                    pipe.cmds.push(cmd);
                }
                _ => return self.unexpected(&t, context),
            }
        }
    }

    fn check_pipeline(&self, pipe: &Pipe, context: &str) -> PResult<()> {
        if pipe.cmds.is_empty() {
            return self.errorf(format!("missing value for {context}"));
        }
        for (i, c) in pipe.cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args.first(),
                Some(Arg::Bool(..) | Arg::Dot(_) | Arg::Nil(_) | Arg::Num { .. } | Arg::Str { .. })
            ) {
                return self.errorf(format!(
                    "non executable command in pipeline stage {}",
                    i + 1
                ));
            }
        }
        Ok(())
    }

    fn command(&mut self) -> PResult<Cmd> {
        let pos = self.peek_non_space().pos;
        let mut args = Vec::new();
        loop {
            self.peek_non_space();
            if let Some(arg) = self.operand()? {
                args.push(arg);
            }
            let t = self.next();
            match t.kind {
                Tok::Space => continue,
                Tok::RightDelim | Tok::RightParen => self.backup(),
                Tok::Pipe => {}
                _ => return self.unexpected(&t, "operand"),
            }
            break;
        }
        if args.is_empty() {
            return self.errorf("empty command");
        }
        Ok(Cmd { pos, args })
    }

    /// A term and the fields that follow it.
    fn operand(&mut self) -> PResult<Option<Arg>> {
        let Some(node) = self.term()? else {
            return Ok(None);
        };
        if self.peek().kind != Tok::Field {
            return Ok(Some(node));
        }
        let pos = self.peek().pos;
        let mut fields = Vec::new();
        while self.peek().kind == Tok::Field {
            fields.push(self.next().val[1..].to_string());
        }
        Ok(Some(match node {
            Arg::Field { mut ident, .. } => {
                ident.extend(fields);
                Arg::Field { pos, ident }
            }
            Arg::Var { mut ident, .. } => {
                ident.extend(fields);
                Arg::Var { pos, ident }
            }
            Arg::Bool(..) | Arg::Str { .. } | Arg::Num { .. } | Arg::Nil(_) | Arg::Dot(_) => {
                let term = quote(&node.string(), false);
                return self.errorf(format!("unexpected . after term {term}"));
            }
            node => Arg::Chain {
                pos,
                node: Box::new(node),
                fields,
            },
        }))
    }

    fn term(&mut self) -> PResult<Option<Arg>> {
        let t = self.next_non_space();
        let pos = t.pos;
        Ok(Some(match t.kind {
            Tok::Identifier => {
                if Func::lookup(&t.val).is_none() {
                    return self.errorf(format!("function {} not defined", quote(&t.val, false)));
                }
                Arg::Ident { pos, name: t.val }
            }
            Tok::Dot => Arg::Dot(pos),
            Tok::Nil => Arg::Nil(pos),
            Tok::Variable => {
                if !self.vars.contains(&t.val) {
                    let name = quote(&t.val, false);
                    return self.errorf(format!("undefined variable {name}"));
                }
                Arg::Var {
                    pos,
                    ident: vec![t.val],
                }
            }
            Tok::Field => Arg::Field {
                pos,
                ident: vec![t.val[1..].to_string()],
            },
            Tok::Bool => Arg::Bool(pos, t.val == "true"),
            Tok::CharConstant | Tok::Complex | Tok::Number => {
                let num = parse_number(&t.val, t.kind).map_err(|e| self.error(&e))?;
                Arg::Num {
                    pos,
                    text: t.val,
                    num,
                }
            }
            Tok::LeftParen => {
                if self.paren_depth >= MAX_PARSE_DEPTH {
                    return self.errorf("max expression depth exceeded");
                }
                self.paren_depth += 1;
                let pipe = self.pipeline("parenthesized pipeline", Tok::RightParen)?;
                self.paren_depth -= 1;
                Arg::Pipe(Box::new(pipe))
            }
            Tok::Str | Tok::RawString => {
                let text = unquote(&t.val).map_err(|e| self.error(&e))?;
                Arg::Str {
                    pos,
                    quoted: t.val,
                    text,
                }
            }
            _ => {
                self.backup();
                return Ok(None);
            }
        }))
    }
}
