//! Template execution (Go's `text/template/exec.go`): walks the parse tree over the
//! data and writes the output.

use super::ast::{Arg, Branch, Cmd, Node, Number, Pipe, TreeSet};
use super::fmt::sprint;
use super::funcs::{call_builtin, Func};
use super::lex::count_nl;
use super::quote::quote;
use super::value::{is_true, Val};
use super::{MAX_EXEC_NESTING, MAX_OUTPUT, MAX_STEPS, MAX_TEMPLATE_DEPTH, NAME};
use serde_json::Value as Json;
use std::borrow::Cow;

/// The node an error is reported at (Go's `state.at`).
#[derive(Clone, Copy)]
enum At<'a> {
    None,
    Node(&'a Node),
    Pipe(&'a Pipe),
    Cmd(&'a Cmd),
    Arg(&'a Arg),
}

impl At<'_> {
    fn pos(self) -> usize {
        match self {
            At::None => 0,
            At::Node(n) => n.pos(),
            At::Pipe(p) => p.pos,
            At::Cmd(c) => c.pos,
            At::Arg(a) => a.pos(),
        }
    }

    fn string(self) -> String {
        let mut s = String::new();
        match self {
            At::None => {}
            At::Node(n) => n.write(&mut s),
            At::Pipe(p) => p.write(&mut s),
            At::Cmd(c) => c.write(&mut s),
            At::Arg(a) => a.write(&mut s),
        }
        s
    }
}

/// How a walk ends early: an error, or `{{break}}`/`{{continue}}` on the way to their
/// `range`.
enum Flow {
    Fail(String),
    Break,
    Continue,
}

type Exe<T> = Result<T, Flow>;

/// The static type of a function parameter, which decides how an argument is checked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Param {
    /// No type (the receiver of a chain).
    Untyped,
    /// `reflect.Value`: the value as it is.
    Value,
    /// `interface{}`.
    Any,
    Str,
}

struct Exec<'a> {
    set: &'a TreeSet,
    text: &'a str,
    /// The executing template's name.
    name: &'a str,
    out: String,
    at: At<'a>,
    vars: Vec<(&'a str, Val<'a>)>,
    depth: usize,
    nesting: usize,
    steps: u64,
}

pub(super) fn execute(set: &TreeSet, text: &str, data: &Json) -> Result<String, String> {
    let root = Val::of_json(data);
    let mut ex = Exec {
        set,
        text,
        name: NAME,
        out: String::new(),
        at: At::None,
        vars: vec![("$", root.clone())],
        depth: 0,
        nesting: 0,
        steps: 0,
    };
    let Some(main) = set.get(NAME) else {
        return Err(format!(
            "template: {NAME}: {} is an incomplete or empty template",
            quote(NAME, false)
        ));
    };
    match ex.walk_nested(&root, main) {
        Err(Flow::Fail(e)) => Err(e),
        _ => Ok(ex.out),
    }
}

impl<'a> Exec<'a> {
    fn fail<T>(&self, msg: impl AsRef<str>) -> Exe<T> {
        Err(Flow::Fail(self.error(msg.as_ref())))
    }

    /// Go's `ExecError`: where (line, byte column), in which template, at which node.
    fn error(&self, msg: &str) -> String {
        if let At::None = self.at {
            return format!("template: {}: {msg}", self.name);
        }
        let pos = self.at.pos().min(self.text.len());
        let before = &self.text[..pos];
        let col = before.rfind('\n').map_or(pos, |nl| pos - nl - 1);
        let line = 1 + count_nl(before);
        format!(
            "template: {NAME}:{line}:{col}: executing {} at <{}>: {msg}",
            quote(self.name, false),
            self.at.string()
        )
    }

    fn tick(&mut self) -> Exe<()> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return self.fail(format!("template execution exceeded {MAX_STEPS} steps"));
        }
        Ok(())
    }

    fn write(&mut self, s: &str) -> Exe<()> {
        if self.out.len() + s.len() > MAX_OUTPUT {
            return self.fail("output exceeds 16 MiB");
        }
        self.out.push_str(s);
        Ok(())
    }

    fn walk_nested(&mut self, dot: &Val<'a>, list: &'a [Node]) -> Exe<()> {
        if self.nesting >= MAX_EXEC_NESTING {
            return self.fail(format!(
                "exceeded maximum nesting depth ({MAX_EXEC_NESTING})"
            ));
        }
        self.nesting += 1;
        let result = list.iter().try_for_each(|n| self.walk(dot, n));
        self.nesting -= 1;
        result
    }

    fn walk(&mut self, dot: &Val<'a>, node: &'a Node) -> Exe<()> {
        self.at = At::Node(node);
        self.tick()?;
        match node {
            Node::Text { text, .. } => self.write(text),
            Node::Action { pipe, .. } => {
                // Declared variables persist until the enclosing {{end}}.
                let val = self.eval_pipeline(dot, pipe)?;
                if !pipe.decl.is_empty() {
                    return Ok(());
                }
                self.at = At::Node(node);
                match val {
                    Val::Invalid => self.write("<no value>"),
                    v => self.write(&sprint(&[v.to_any()])),
                }
            }
            Node::If(b) => self.walk_if_or_with(dot, b, false),
            Node::With(b) => self.walk_if_or_with(dot, b, true),
            Node::Range(b) => self.walk_range(dot, node, b),
            Node::Template { name, pipe, .. } => self.walk_template(dot, node, name, pipe),
            Node::Break { .. } => Err(Flow::Break),
            Node::Continue { .. } => Err(Flow::Continue),
        }
    }

    fn walk_if_or_with(&mut self, dot: &Val<'a>, b: &'a Branch, with: bool) -> Exe<()> {
        let mark = self.vars.len();
        let result = self.if_or_with(dot, b, with);
        self.vars.truncate(mark);
        result
    }

    fn if_or_with(&mut self, dot: &Val<'a>, b: &'a Branch, with: bool) -> Exe<()> {
        let val = self.eval_pipeline(dot, &b.pipe)?;
        if is_true(&val) {
            let dot = if with { &val } else { dot };
            self.walk_nested(dot, &b.list)
        } else if let Some(list) = &b.else_list {
            self.walk_nested(dot, list)
        } else {
            Ok(())
        }
    }

    fn walk_range(&mut self, dot: &Val<'a>, node: &'a Node, b: &'a Branch) -> Exe<()> {
        self.at = At::Node(node);
        let mark = self.vars.len();
        let result = self.range(dot, b);
        self.vars.truncate(mark);
        match result? {
            true => Ok(()),
            false => match &b.else_list {
                Some(list) => self.walk_nested(dot, list),
                None => Ok(()),
            },
        }
    }

    /// Runs the body of a `range` for each element; false when there were none.
    fn range(&mut self, dot: &Val<'a>, b: &'a Branch) -> Exe<bool> {
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let mark = self.vars.len();
        if matches!(val, Val::Int(_) | Val::I64(_) | Val::U8(_)) && b.pipe.decl.len() > 1 {
            let v = sprint(&[Some(val)]);
            return self.fail(format!(
                "can't use {v} to iterate over more than one variable"
            ));
        }
        match val {
            Val::Int(n) => self.range_ints(b, mark, n, Val::Int),
            Val::I64(n) => self.range_ints(b, mark, n, Val::I64),
            Val::U8(n) => self.range_ints(b, mark, i64::from(n), |i| Val::U8(i as u8)),
            Val::Slice(items) => {
                for (i, item) in items.iter().enumerate() {
                    if !self.iteration(b, mark, Val::Int(i as i64), Val::Iface(item))? {
                        break;
                    }
                }
                Ok(!items.is_empty())
            }
            Val::Map(m) => {
                for (k, v) in m {
                    if !self.iteration(b, mark, Val::Str(Cow::Borrowed(k)), Val::Iface(v))? {
                        break;
                    }
                }
                Ok(!m.is_empty())
            }
            Val::Invalid => Ok(false),
            v => {
                let v = sprint(&[Some(v)]);
                self.fail(format!("range can't iterate over {v}"))
            }
        }
    }

    fn range_ints(
        &mut self,
        b: &'a Branch,
        mark: usize,
        n: i64,
        make: fn(i64) -> Val<'a>,
    ) -> Exe<bool> {
        for i in 0..n {
            if !self.iteration(b, mark, Val::Invalid, make(i))? {
                break;
            }
        }
        Ok(n > 0)
    }

    /// One pass of a `range` body; false after `{{break}}`.
    fn iteration(
        &mut self,
        b: &'a Branch,
        mark: usize,
        index: Val<'a>,
        elem: Val<'a>,
    ) -> Exe<bool> {
        self.tick()?;
        let pipe = &b.pipe;
        if pipe.is_assign {
            // With two variables the index comes first; with one, the element.
            match pipe.decl.as_slice() {
                [only] => self.set_var(only, elem.clone())?,
                [first, second, ..] => {
                    self.set_var(first, index)?;
                    self.set_var(second, elem.clone())?;
                }
                [] => {}
            }
        } else {
            // The declarations were pushed by the pipeline: the element is on top.
            let n = self.vars.len();
            if !pipe.decl.is_empty() {
                self.vars[n - 1].1 = elem.clone();
            }
            if pipe.decl.len() > 1 {
                self.vars[n - 2].1 = index;
            }
        }
        let result = self.walk_nested(&elem, &b.list);
        self.vars.truncate(mark);
        match result {
            Ok(()) | Err(Flow::Continue) => Ok(true),
            Err(Flow::Break) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn walk_template(
        &mut self,
        dot: &Val<'a>,
        node: &'a Node,
        name: &'a str,
        pipe: &'a Option<Pipe>,
    ) -> Exe<()> {
        self.at = At::Node(node);
        let set = self.set;
        let Some(tree) = set.get(name) else {
            return self.fail(format!("template {} not defined", quote(name, false)));
        };
        if self.depth >= MAX_TEMPLATE_DEPTH {
            return self.fail(format!(
                "exceeded maximum template depth ({MAX_TEMPLATE_DEPTH})"
            ));
        }
        let dot = match pipe {
            Some(p) => self.eval_pipeline(dot, p)?,
            None => Val::Invalid,
        };
        // Templates see none of the caller's variables.
        let vars = std::mem::replace(&mut self.vars, vec![("$", dot.clone())]);
        let outer = std::mem::replace(&mut self.name, name);
        self.depth += 1;
        let result = self.walk_nested(&dot, tree);
        self.depth -= 1;
        self.name = outer;
        self.vars = vars;
        result
    }

    fn set_var(&mut self, name: &str, value: Val<'a>) -> Exe<()> {
        match self.vars.iter_mut().rev().find(|(n, _)| *n == name) {
            Some(slot) => {
                slot.1 = value;
                Ok(())
            }
            None => self.fail(format!("undefined variable: {name}")),
        }
    }

    fn var_value(&self, name: &str) -> Exe<Val<'a>> {
        match self.vars.iter().rev().find(|(n, _)| *n == name) {
            Some((_, v)) => Ok(v.clone()),
            None => self.fail(format!("undefined variable: {name}")),
        }
    }

    /// The pipeline's value, with an interface taken apart; declarations are pushed.
    fn eval_pipeline(&mut self, dot: &Val<'a>, pipe: &'a Pipe) -> Exe<Val<'a>> {
        self.at = At::Pipe(pipe);
        let mut value = None;
        for cmd in &pipe.cmds {
            // Each command's value is the next one's final argument.
            let v = self.eval_command(dot, cmd, value.take())?;
            value = Some(v.unbox());
        }
        let value = value.unwrap_or(Val::Invalid);
        for name in &pipe.decl {
            if pipe.is_assign {
                self.set_var(name, value.clone())?;
            } else {
                self.vars.push((name.as_str(), value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: &[Arg], fin: &Option<Val<'a>>) -> Exe<()> {
        if args.len() > 1 || fin.is_some() {
            let name = args.first().map(Arg::string).unwrap_or_default();
            return self.fail(format!("can't give argument to non-function {name}"));
        }
        Ok(())
    }

    fn eval_command(&mut self, dot: &Val<'a>, cmd: &'a Cmd, fin: Option<Val<'a>>) -> Exe<Val<'a>> {
        self.tick()?;
        let Some(first) = cmd.args.first() else {
            return Ok(Val::Invalid);
        };
        match first {
            Arg::Field { .. } | Arg::Chain { .. } | Arg::Var { .. } => {
                return self.eval_fields(dot, first, &cmd.args, fin)
            }
            Arg::Ident { name, .. } => {
                return self.eval_function(dot, first, name, At::Cmd(cmd), &cmd.args[1..], fin)
            }
            Arg::Pipe(p) => {
                self.not_a_function(&cmd.args, &fin)?;
                return self.eval_pipeline(dot, p);
            }
            _ => {}
        }
        self.at = At::Arg(first);
        self.not_a_function(&cmd.args, &fin)?;
        match first {
            Arg::Bool(_, b) => Ok(Val::Bool(*b)),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Nil(_) => self.fail("nil is not a command"),
            Arg::Num { text, num, .. } => self.ideal_constant(first, text, num),
            Arg::Str { text, .. } => Ok(Val::Str(Cow::Borrowed(text))),
            _ => self.fail(format!(
                "can't evaluate command {}",
                quote(&first.string(), false)
            )),
        }
    }

    /// A number constant whose type only its syntax tells.
    fn ideal_constant(&mut self, node: &'a Arg, text: &str, num: &Number) -> Exe<Val<'a>> {
        self.at = At::Arg(node);
        let hex_int = text.len() > 2
            && text.starts_with('0')
            && matches!(text.as_bytes()[1], b'x' | b'X')
            && !text.contains(['p', 'P']);
        let rune = text.starts_with('\'');
        if num.is_float && !hex_int && !rune && text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Ok(Val::F64(num.float));
        }
        if num.is_int {
            return Ok(Val::Int(num.int));
        }
        if num.is_uint {
            return self.fail(format!("{text} overflows int"));
        }
        Ok(Val::Invalid)
    }

    /// A field chain, `(pipeline).fields` or `$var.fields` at the head of a command
    /// whose other words (`args[1..]`) would be method arguments.
    fn eval_fields(
        &mut self,
        dot: &Val<'a>,
        node: &'a Arg,
        args: &'a [Arg],
        fin: Option<Val<'a>>,
    ) -> Exe<Val<'a>> {
        self.at = At::Arg(node);
        let (receiver, ident) = match node {
            Arg::Field { ident, .. } => (dot.clone(), ident.as_slice()),
            Arg::Chain {
                node: inner,
                fields,
                ..
            } => {
                if let Arg::Nil(_) = inner.as_ref() {
                    let chain = node.string();
                    return self.fail(format!("indirection through explicit nil in {chain}"));
                }
                (
                    self.eval_arg(dot, Param::Untyped, inner)?,
                    fields.as_slice(),
                )
            }
            Arg::Var { ident, .. } => {
                let value = self.var_value(&ident[0])?;
                if ident.len() == 1 {
                    self.not_a_function(args, &fin)?;
                    return Ok(value);
                }
                (value, &ident[1..])
            }
            _ => return Ok(Val::Invalid),
        };
        let Some((last, init)) = ident.split_last() else {
            return self.fail("internal error: no fields in evalChainNode");
        };
        let mut receiver = receiver;
        for name in init {
            receiver = self.eval_field(name, &[], None, receiver)?;
        }
        self.eval_field(last, args, fin, receiver)
    }

    fn eval_field(
        &mut self,
        name: &str,
        args: &[Arg],
        fin: Option<Val<'a>>,
        receiver: Val<'a>,
    ) -> Exe<Val<'a>> {
        if !receiver.is_valid() {
            return Ok(Val::Invalid); // missingkey=default
        }
        let typ = receiver.type_name();
        if receiver.is_nil_iface() {
            return self.fail(format!("nil pointer evaluating {typ}.{name}"));
        }
        match receiver.unbox() {
            Val::Map(m) => {
                if args.len() > 1 || fin.is_some() {
                    return self.fail(format!("{name} is not a method but has arguments"));
                }
                Ok(m.get(name).map_or(Val::Invalid, Val::Iface))
            }
            _ => self.fail(format!("can't evaluate field {name} in type {typ}")),
        }
    }

    fn eval_function(
        &mut self,
        dot: &Val<'a>,
        node: &'a Arg,
        name: &str,
        call_at: At<'a>,
        args: &'a [Arg],
        fin: Option<Val<'a>>,
    ) -> Exe<Val<'a>> {
        self.at = At::Arg(node);
        let Some(f) = Func::lookup(name) else {
            return self.fail(format!("{} is not a defined function", quote(name, false)));
        };
        let (fixed, variadic) = f.signature();
        let num_in = args.len() + usize::from(fin.is_some());
        if variadic.is_some() && num_in < fixed.len() {
            return self.fail(format!(
                "wrong number of args for {name}: want at least {} got {}",
                fixed.len(),
                args.len()
            ));
        }
        if variadic.is_none() && num_in != fixed.len() {
            return self.fail(format!(
                "wrong number of args for {name}: want {} got {num_in}",
                fixed.len()
            ));
        }
        if let Func::And | Func::Or = f {
            // They stop at the first argument that decides, unevaluated ones included.
            let want = f == Func::Or;
            let mut v = Val::Invalid;
            for arg in args {
                v = self.eval_arg(dot, Param::Value, arg)?;
                if is_true(&v) == want {
                    return Ok(v);
                }
            }
            return Ok(fin.unwrap_or(v));
        }
        let param = |i: usize| fixed.get(i).copied().or(variadic).unwrap_or(Param::Any);
        let mut argv = Vec::with_capacity(num_in);
        for (i, arg) in args.iter().enumerate() {
            argv.push(self.eval_arg(dot, param(i), arg)?);
        }
        if let Some(fin) = fin {
            let p = if variadic.is_none() || num_in - 1 < fixed.len() {
                param(num_in - 1)
            } else {
                variadic.unwrap_or(Param::Any)
            };
            argv.push(self.validate_type(fin, p)?);
        }
        let callee = match (args.first(), argv.first()) {
            (Some(a), _) => a.string(),
            (None, Some(Val::Str(s))) => s.to_string(),
            (None, Some(v)) => format!("<{} Value>", v.type_name()),
            (None, None) => String::new(),
        };
        match call_builtin(f, argv, &callee) {
            Ok(Val::Str(s)) if s.len() > MAX_OUTPUT => {
                self.at = call_at;
                self.fail(format!("error calling {name}: result exceeds 16 MiB"))
            }
            Ok(v) => Ok(v),
            Err(e) => {
                self.at = call_at;
                self.fail(format!("error calling {name}: {e}"))
            }
        }
    }

    /// `validateType`: checks a value against the parameter it is passed as.
    fn validate_type(&self, v: Val<'a>, p: Param) -> Exe<Val<'a>> {
        if p != Param::Str {
            return Ok(v);
        }
        match v {
            Val::Invalid => self.fail("invalid value; expected string"),
            Val::Str(_) => Ok(v),
            Val::Iface(Json::String(s)) => Ok(Val::Str(Cow::Borrowed(s))),
            Val::Iface(Json::Null) => {
                self.fail("wrong type for value; expected string; got interface {}")
            }
            v => {
                let got = v.unbox().type_name();
                self.fail(format!("wrong type for value; expected string; got {got}"))
            }
        }
    }

    fn eval_arg(&mut self, dot: &Val<'a>, p: Param, n: &'a Arg) -> Exe<Val<'a>> {
        self.at = At::Arg(n);
        let v = match n {
            Arg::Dot(_) => dot.clone(),
            Arg::Nil(_) if p == Param::Str => return self.fail("cannot assign nil to string"),
            Arg::Nil(_) => return Ok(Val::Invalid),
            Arg::Field { .. } => self.eval_fields(dot, n, std::slice::from_ref(n), None)?,
            Arg::Chain { .. } | Arg::Var { .. } => self.eval_fields(dot, n, &[], None)?,
            Arg::Pipe(pipe) => self.eval_pipeline(dot, pipe)?,
            Arg::Ident { name, .. } => self.eval_function(dot, n, name, At::Arg(n), &[], None)?,
            Arg::Str { text, .. } => return Ok(Val::Str(Cow::Borrowed(text))),
            _ if p == Param::Str => {
                return self.fail(format!("expected string; found {}", n.string()))
            }
            Arg::Bool(_, b) => return Ok(Val::Bool(*b)),
            Arg::Num { text, num, .. } => return self.ideal_constant(n, text, num),
        };
        self.validate_type(v, p)
    }
}
