//! The lexer (Go's `text/template/parse/lex.go`): template text into tokens.

use super::quote::{is_print, quote};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tok {
    Error,
    Bool,
    Char,
    CharConstant,
    Complex,
    Assign,
    Declare,
    Eof,
    Field,
    Identifier,
    LeftDelim,
    LeftParen,
    Number,
    Pipe,
    RawString,
    RightDelim,
    RightParen,
    Space,
    Str,
    Text,
    Variable,
    // Keywords.
    Block,
    Break,
    Continue,
    Dot,
    Define,
    Else,
    End,
    If,
    Nil,
    Range,
    Template,
    With,
}

fn keyword(word: &str) -> Option<Tok> {
    Some(match word {
        "." => Tok::Dot,
        "block" => Tok::Block,
        "break" => Tok::Break,
        "continue" => Tok::Continue,
        "define" => Tok::Define,
        "else" => Tok::Else,
        "end" => Tok::End,
        "if" => Tok::If,
        "range" => Tok::Range,
        "nil" => Tok::Nil,
        "template" => Tok::Template,
        "with" => Tok::With,
        _ => return None,
    })
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) kind: Tok,
    pub(super) pos: usize,
    pub(super) val: String,
    pub(super) line: usize,
}

impl Token {
    /// `item.String()`: how parse errors show a token.
    pub(super) fn describe(&self) -> String {
        match self.kind {
            Tok::Eof => "EOF".into(),
            Tok::Error => self.val.clone(),
            Tok::Block
            | Tok::Break
            | Tok::Continue
            | Tok::Dot
            | Tok::Define
            | Tok::Else
            | Tok::End
            | Tok::If
            | Tok::Nil
            | Tok::Range
            | Tok::Template
            | Tok::With => format!("<{}>", self.val),
            _ if self.val.len() > 10 => {
                let head: String = self.val.chars().take(10).collect();
                format!("{}...", quote(&head, false))
            }
            _ => quote(&self.val, false),
        }
    }
}

#[derive(Clone, Copy)]
enum State {
    Text,
    LeftDelim,
    Comment,
    RightDelim,
    InsideAction,
    Space,
    Identifier,
    Field,
    Variable,
    Char,
    Quote,
    RawQuote,
    Number,
}

struct Lexer<'s> {
    input: &'s str,
    pos: usize,
    start: usize,
    at_eof: bool,
    paren_depth: i64,
    line: usize,
    start_line: usize,
    inside_action: bool,
    tokens: Vec<Token>,
}

/// All the tokens of `input`, ending with `Eof` or `Error`.
pub(super) fn lex(input: &str) -> Vec<Token> {
    let mut l = Lexer {
        input,
        pos: 0,
        start: 0,
        at_eof: false,
        paren_depth: 0,
        line: 1,
        start_line: 1,
        inside_action: false,
        tokens: Vec::new(),
    };
    loop {
        // Each state either consumes input or moves on; `None` means a token was emitted.
        let mut state = if l.inside_action {
            State::InsideAction
        } else {
            State::Text
        };
        while let Some(next) = l.step(state) {
            state = next;
        }
        if matches!(l.tokens.last().map(|t| t.kind), Some(Tok::Eof | Tok::Error)) {
            return l.tokens;
        }
    }
}

pub(super) fn count_nl(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
}

fn is_space(r: char) -> bool {
    matches!(r, ' ' | '\t' | '\r' | '\n')
}

/// Go's `isAlphaNumeric` (by the engine's character classes, which keep the Unicode
/// tables out of the browser build).
fn is_alnum(r: char) -> bool {
    r == '_' || crate::case::is_alphabetic(r) || crate::case::is_numeric(r)
}

fn has_left_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0] == b'-' && is_space(b[1] as char)
}

fn has_right_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && is_space(b[0] as char) && b[1] == b'-'
}

fn left_trim_length(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_space).len()
}

fn right_trim_length(s: &str) -> usize {
    s.len() - s.trim_end_matches(is_space).len()
}

/// `%#U`: `U+0041 'A'`.
fn sharp_u(r: Option<char>) -> String {
    let Some(r) = r else {
        return "U+FFFFFFFFFFFFFFFF".into();
    };
    if is_print(r) {
        format!("U+{:04X} '{r}'", r as u32)
    } else {
        format!("U+{:04X}", r as u32)
    }
}

impl Lexer<'_> {
    fn step(&mut self, state: State) -> Option<State> {
        match state {
            State::Text => self.lex_text(),
            State::LeftDelim => self.lex_left_delim(),
            State::Comment => self.lex_comment(),
            State::RightDelim => self.lex_right_delim(),
            State::InsideAction => self.lex_inside_action(),
            State::Space => self.lex_space(),
            State::Identifier => self.lex_identifier(),
            State::Field => self.lex_field_or_variable(Tok::Field),
            State::Variable => self.lex_field_or_variable(Tok::Variable),
            State::Char => self.lex_quoted('\'', Tok::CharConstant, "character constant"),
            State::Quote => self.lex_quoted('"', Tok::Str, "quoted string"),
            State::RawQuote => self.lex_raw_quote(),
            State::Number => self.lex_number(),
        }
    }

    fn next(&mut self) -> Option<char> {
        let Some(c) = self.input[self.pos..].chars().next() else {
            self.at_eof = true;
            return None;
        };
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn backup(&mut self) {
        if self.at_eof {
            return;
        }
        if let Some(c) = self.input[..self.pos].chars().next_back() {
            self.pos -= c.len_utf8();
            if c == '\n' {
                self.line -= 1;
            }
        }
    }

    fn peek(&mut self) -> Option<char> {
        let c = self.next();
        self.backup();
        c
    }

    fn accept(&mut self, valid: &str) -> bool {
        match self.next() {
            Some(c) if valid.contains(c) => true,
            _ => {
                self.backup();
                false
            }
        }
    }

    fn accept_run(&mut self, valid: &str) {
        while self.accept(valid) {}
    }

    fn this_item(&mut self, kind: Tok) -> Token {
        let t = Token {
            kind,
            pos: self.start,
            val: self.input[self.start..self.pos].to_string(),
            line: self.start_line,
        };
        self.start = self.pos;
        self.start_line = self.line;
        t
    }

    fn emit(&mut self, kind: Tok) -> Option<State> {
        let t = self.this_item(kind);
        self.tokens.push(t);
        None
    }

    fn ignore(&mut self) {
        self.line += count_nl(&self.input[self.start..self.pos]);
        self.start = self.pos;
        self.start_line = self.line;
    }

    fn errorf(&mut self, msg: String) -> Option<State> {
        self.tokens.push(Token {
            kind: Tok::Error,
            pos: self.start,
            val: msg,
            line: self.start_line,
        });
        None
    }

    fn lex_text(&mut self) -> Option<State> {
        let Some(x) = self.input[self.pos..].find("{{") else {
            self.pos = self.input.len();
            if self.pos > self.start {
                self.line += count_nl(&self.input[self.start..self.pos]);
                return self.emit(Tok::Text);
            }
            return self.emit(Tok::Eof);
        };
        if x > 0 {
            self.pos += x;
            let trim = if has_left_trim_marker(&self.input[self.pos + 2..]) {
                right_trim_length(&self.input[self.start..self.pos])
            } else {
                0
            };
            self.pos -= trim;
            self.line += count_nl(&self.input[self.start..self.pos]);
            let item = self.this_item(Tok::Text);
            self.pos += trim;
            self.ignore();
            if !item.val.is_empty() {
                self.tokens.push(item);
                return None;
            }
        }
        Some(State::LeftDelim)
    }

    fn lex_left_delim(&mut self) -> Option<State> {
        self.pos += 2;
        let after = if has_left_trim_marker(&self.input[self.pos..]) {
            2
        } else {
            0
        };
        if self.input[self.pos + after..].starts_with("/*") {
            self.pos += after;
            self.ignore();
            return Some(State::Comment);
        }
        let item = self.this_item(Tok::LeftDelim);
        self.inside_action = true;
        self.pos += after;
        self.ignore();
        self.paren_depth = 0;
        self.tokens.push(item);
        None
    }

    fn lex_comment(&mut self) -> Option<State> {
        self.pos += 2;
        let Some(x) = self.input[self.pos..].find("*/") else {
            return self.errorf("unclosed comment".into());
        };
        self.pos += x + 2;
        let (delim, trim) = self.at_right_delim();
        if !delim {
            return self.errorf("comment ends before closing delimiter".into());
        }
        self.line += count_nl(&self.input[self.start..self.pos]);
        self.this_item(Tok::Text); // Comments are dropped.
        if trim {
            self.pos += 2;
        }
        self.pos += 2;
        if trim {
            self.pos += left_trim_length(&self.input[self.pos..]);
        }
        self.ignore();
        Some(State::Text)
    }

    /// Whether the input is at `}}`, and whether ` -` precedes it.
    fn at_right_delim(&self) -> (bool, bool) {
        let rest = &self.input[self.pos..];
        if has_right_trim_marker(rest) && rest[2..].starts_with("}}") {
            return (true, true);
        }
        (rest.starts_with("}}"), false)
    }

    fn lex_right_delim(&mut self) -> Option<State> {
        let (_, trim) = self.at_right_delim();
        if trim {
            self.pos += 2;
            self.ignore();
        }
        self.pos += 2;
        let item = self.this_item(Tok::RightDelim);
        if trim {
            self.pos += left_trim_length(&self.input[self.pos..]);
            self.ignore();
        }
        self.inside_action = false;
        self.tokens.push(item);
        None
    }

    fn lex_inside_action(&mut self) -> Option<State> {
        if self.at_right_delim().0 {
            if self.paren_depth == 0 {
                return Some(State::RightDelim);
            }
            return self.errorf("unclosed left paren".into());
        }
        let Some(r) = self.next() else {
            return self.errorf("unclosed action".into());
        };
        let next_is_digit = self
            .input
            .as_bytes()
            .get(self.pos)
            .is_some_and(u8::is_ascii_digit);
        match r {
            _ if is_space(r) => {
                self.backup(); // Put it back in case of " -}}".
                Some(State::Space)
            }
            '=' => self.emit(Tok::Assign),
            ':' => {
                if self.next() != Some('=') {
                    return self.errorf("expected :=".into());
                }
                self.emit(Tok::Declare)
            }
            '|' => self.emit(Tok::Pipe),
            '"' => Some(State::Quote),
            '`' => Some(State::RawQuote),
            '$' => Some(State::Variable),
            '\'' => Some(State::Char),
            '.' if self.pos < self.input.len() && !next_is_digit => Some(State::Field),
            '.' | '+' | '-' | '0'..='9' => {
                self.backup();
                Some(State::Number)
            }
            _ if is_alnum(r) => {
                self.backup();
                Some(State::Identifier)
            }
            '(' => {
                self.paren_depth += 1;
                self.emit(Tok::LeftParen)
            }
            ')' => {
                self.paren_depth -= 1;
                if self.paren_depth < 0 {
                    return self.errorf("unexpected right paren".into());
                }
                self.emit(Tok::RightParen)
            }
            _ if r.is_ascii() && is_print(r) => self.emit(Tok::Char),
            _ => self.errorf(format!(
                "unrecognized character in action: {}",
                sharp_u(Some(r))
            )),
        }
    }

    fn lex_space(&mut self) -> Option<State> {
        let mut spaces = 0;
        while self.peek().is_some_and(is_space) {
            self.next();
            spaces += 1;
        }
        let rest = &self.input[self.pos - 1..];
        if has_right_trim_marker(rest) && rest[2..].starts_with("}}") {
            self.backup(); // Before the space of " -}}".
            if spaces == 1 {
                return Some(State::RightDelim);
            }
        }
        self.emit(Tok::Space)
    }

    fn lex_identifier(&mut self) -> Option<State> {
        let r = loop {
            let r = self.next();
            if !r.is_some_and(is_alnum) {
                break r;
            }
        };
        self.backup();
        if !self.at_terminator() {
            return self.errorf(format!("bad character {}", sharp_u(r)));
        }
        let word = &self.input[self.start..self.pos];
        let kind = match keyword(word) {
            Some(k) => k,
            None if word.starts_with('.') => Tok::Field,
            None if word == "true" || word == "false" => Tok::Bool,
            None => Tok::Identifier,
        };
        self.emit(kind)
    }

    /// A field `.name` or a variable `$name`; the `.` or `$` has been read.
    fn lex_field_or_variable(&mut self, kind: Tok) -> Option<State> {
        if self.at_terminator() {
            return self.emit(if kind == Tok::Variable {
                Tok::Variable
            } else {
                Tok::Dot
            });
        }
        let r = loop {
            let r = self.next();
            if !r.is_some_and(is_alnum) {
                self.backup();
                break r;
            }
        };
        if !self.at_terminator() {
            return self.errorf(format!("bad character {}", sharp_u(r)));
        }
        self.emit(kind)
    }

    fn at_terminator(&mut self) -> bool {
        match self.peek() {
            None => true,
            Some(r) if is_space(r) || matches!(r, '.' | ',' | '|' | ':' | ')' | '(') => true,
            Some(_) => self.input[self.pos..].starts_with("}}"),
        }
    }

    /// A `'…'` or `"…"` literal (checked by the parser); the opening quote has been read.
    fn lex_quoted(&mut self, quote: char, kind: Tok, what: &str) -> Option<State> {
        loop {
            match self.next() {
                Some('\\') => {
                    if matches!(self.next(), None | Some('\n')) {
                        return self.errorf(format!("unterminated {what}"));
                    }
                }
                None | Some('\n') => return self.errorf(format!("unterminated {what}")),
                Some(c) if c == quote => break,
                Some(_) => {}
            }
        }
        self.emit(kind)
    }

    fn lex_raw_quote(&mut self) -> Option<State> {
        loop {
            match self.next() {
                None => return self.errorf("unterminated raw quoted string".into()),
                Some('`') => break,
                Some(_) => {}
            }
        }
        self.emit(Tok::RawString)
    }

    fn lex_number(&mut self) -> Option<State> {
        if !self.scan_number() {
            let text = quote(&self.input[self.start..self.pos], false);
            return self.errorf(format!("bad number syntax: {text}"));
        }
        if matches!(self.peek(), Some('+' | '-')) {
            if !self.scan_number() || !self.input[..self.pos].ends_with('i') {
                let text = quote(&self.input[self.start..self.pos], false);
                return self.errorf(format!("bad number syntax: {text}"));
            }
            return self.emit(Tok::Complex);
        }
        self.emit(Tok::Number)
    }

    fn scan_number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 11 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 23 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        self.accept("i");
        if self.peek().is_some_and(is_alnum) {
            self.next();
            return false;
        }
        true
    }
}
