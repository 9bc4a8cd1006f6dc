//! Splits a script into commands of tokens: words, pipes and here-documents
//! (with their bodies read). Unsupported operators are rejected here.

use std::mem;

use super::cursor::Cursor;
use super::heredoc::read_body;
use super::word::{is_blank, is_operator_char, lex_word};
use super::ScriptError;

pub(super) enum Token {
    Word { text: String },
    Pipe { line: u32, col: u32 },
    Heredoc { line: u32, col: u32, body: String },
}

/// The tokens of one command, where it starts, and its text.
pub(super) struct RawCommand {
    pub line: u32,
    pub col: u32,
    pub text: String,
    pub tokens: Vec<Token>,
}

/// A here-document whose body comes after the next newline.
struct Pending {
    token: usize,
    delim: String,
    strip_tabs: bool,
    quoted: bool,
    line: u32,
    col: u32,
}

pub(super) struct Lexer<'a> {
    cur: Cursor<'a>,
    tokens: Vec<Token>,
    pending: Vec<Pending>,
    /// Where the current command's first token starts.
    start: Option<(u32, u32)>,
    /// How many separator blanks end `cur.text` (dropped at the end of the command).
    sep_run: usize,
    /// After a line continuation: the next line's leading blanks are not recorded.
    squeeze: bool,
    /// The byte offset where the last word ended, and whether it was all
    /// unquoted digits (an IO number such as the `2` of `2>`).
    word_end: Option<(usize, bool)>,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            cur: Cursor::new(src),
            tokens: Vec::new(),
            pending: Vec::new(),
            start: None,
            sep_run: 0,
            squeeze: false,
            word_end: None,
        }
    }

    /// The next command, or None at the end of the script.
    pub fn next_command(&mut self) -> Result<Option<RawCommand>, ScriptError> {
        loop {
            let Some(c) = self.cur.peek() else {
                return self.at_eof();
            };
            match c {
                ' ' | '\t' => self.blank(),
                '\n' => {
                    self.cur.skip();
                    if !self.pending.is_empty() {
                        self.read_bodies()?;
                    }
                    if self.start.is_none() {
                        continue;
                    }
                    if matches!(self.tokens.last(), Some(Token::Pipe { .. })) {
                        self.continuation();
                        continue;
                    }
                    return Ok(Some(self.finish()));
                }
                '#' => self.comment(),
                '\\' if self.cur.at_continuation() => {
                    self.cur.skip();
                    self.cur.skip();
                    self.continuation();
                }
                c if is_operator_char(c) => self.operator()?,
                _ => self.word()?,
            }
        }
    }

    fn at_eof(&mut self) -> Result<Option<RawCommand>, ScriptError> {
        if let Some(p) = self.pending.first() {
            return Err(unterminated(p));
        }
        if let Some(Token::Pipe { line, col }) = self.tokens.last() {
            return Err(ScriptError::new(
                *line,
                *col,
                "unexpected end of script after '|'",
            ));
        }
        if self.start.is_none() {
            return Ok(None);
        }
        Ok(Some(self.finish()))
    }

    fn finish(&mut self) -> RawCommand {
        let mut text = mem::take(&mut self.cur.text);
        text.truncate(text.len().saturating_sub(self.sep_run));
        let (line, col) = self.start.take().unwrap_or((self.cur.line, 1));
        self.cur.recording = false;
        self.sep_run = 0;
        self.squeeze = false;
        self.word_end = None;
        RawCommand {
            line,
            col,
            text,
            tokens: mem::take(&mut self.tokens),
        }
    }

    /// Called before a token starts.
    fn begin_token(&mut self) {
        if self.start.is_none() {
            self.start = Some((self.cur.line, self.cur.col));
            self.cur.recording = true;
        }
        self.squeeze = false;
        self.sep_run = 0;
    }

    fn blank(&mut self) {
        if self.squeeze {
            self.cur.skip();
        } else {
            self.cur.take();
            if self.start.is_some() {
                self.sep_run += 1;
            }
        }
    }

    /// A line continuation between tokens: the command text gets one space.
    fn continuation(&mut self) {
        if self.start.is_some() {
            let keep = self.cur.text.len().saturating_sub(self.sep_run);
            self.cur.text.truncate(keep);
            self.cur.text.push(' ');
            self.sep_run = 1;
        }
        self.squeeze = true;
    }

    fn comment(&mut self) {
        while let Some(c) = self.cur.peek() {
            if c == '\n' {
                break;
            }
            self.cur.skip();
        }
    }

    fn word(&mut self) -> Result<(), ScriptError> {
        self.begin_token();
        let word = lex_word(&mut self.cur)?;
        let digits = !word.quoted && word.text.bytes().all(|b| b.is_ascii_digit());
        self.word_end = Some((self.cur.pos, digits));
        self.tokens.push(Token::Word { text: word.text });
        Ok(())
    }

    /// The IO number right before a redirection (`2` in `2>`), if any.
    fn io_number(&self) -> Option<&str> {
        match (self.tokens.last(), self.word_end) {
            (Some(Token::Word { text }), Some((end, true))) if end == self.cur.pos => Some(text),
            _ => None,
        }
    }

    fn operator(&mut self) -> Result<(), ScriptError> {
        let (line, col) = (self.cur.line, self.cur.col);
        let c = self.cur.peek();
        let next = self.cur.peek_at(1);
        if c == Some('<') && next == Some('<') && self.cur.peek_at(2) != Some('<') {
            if self.io_number().is_none() {
                return self.heredoc(line, col);
            }
        } else if c == Some('|') && next != Some('|') && next != Some('&') {
            self.begin_token();
            self.cur.take();
            self.word_end = None;
            self.tokens.push(Token::Pipe { line, col });
            return Ok(());
        }
        let op = match (c, next) {
            (Some('&'), Some('&')) => "&&",
            (Some('&'), Some('>')) => "&>",
            (Some(';'), Some(';')) => ";;",
            (Some('|'), Some('|')) => "||",
            (Some('|'), Some('&')) => "|&",
            (Some('>'), Some('>')) => ">>",
            (Some('>'), Some('&')) => ">&",
            (Some('>'), Some('|')) => ">|",
            (Some('<'), Some('<')) if self.cur.peek_at(2) == Some('<') => "<<<",
            (Some('<'), Some('<')) => "<<",
            (Some('<'), Some('&')) => "<&",
            (Some('<'), Some('>')) => "<>",
            (Some('&'), _) => "&",
            (Some(';'), _) => ";",
            (Some('>'), _) => ">",
            (Some('<'), _) => "<",
            (Some('('), _) => "(",
            (Some(')'), _) => ")",
            _ => "|",
        };
        let hint = match op {
            ";" | ";;" | "&&" | "||" => "put each command on its own line",
            "&" => "background jobs are not supported",
            "(" | ")" => "subshells are not supported",
            "|&" => "only `echo ... | command` and `cat <<EOF | command` are supported",
            "<<<" => "here-strings are not supported; use a here-document",
            _ => "redirections are not supported",
        };
        let (op, line, col) = match self.io_number() {
            Some(digits) if matches!(c, Some('<' | '>')) => {
                let start_col = col.saturating_sub(super::to_u32(digits.chars().count()));
                (format!("{digits}{op}"), line, start_col)
            }
            _ => (op.to_string(), line, col),
        };
        Err(ScriptError::new(
            line,
            col,
            format!("unsupported shell syntax: '{op}' ({hint})"),
        ))
    }

    fn heredoc(&mut self, line: u32, col: u32) -> Result<(), ScriptError> {
        self.begin_token();
        self.cur.take();
        self.cur.take();
        let strip_tabs = self.cur.peek() == Some('-');
        if strip_tabs {
            self.cur.take();
        }
        loop {
            match self.cur.peek() {
                Some(c) if is_blank(c) => {
                    self.cur.take();
                }
                Some('\\') if self.cur.at_continuation() => {
                    self.cur.skip();
                    self.cur.skip();
                }
                _ => break,
            }
        }
        let missing = match self.cur.peek() {
            None => true,
            Some(c) => c == '\n' || c == '#' || is_operator_char(c),
        };
        if missing {
            return Err(ScriptError::new(
                line,
                col,
                "here-document delimiter is missing after '<<'",
            ));
        }
        let word = lex_word(&mut self.cur)?;
        if word.text.is_empty() {
            return Err(ScriptError::new(
                line,
                col,
                "here-document delimiter is empty",
            ));
        }
        self.word_end = None;
        self.pending.push(Pending {
            token: self.tokens.len(),
            delim: word.text,
            strip_tabs,
            quoted: word.quoted,
            line,
            col,
        });
        self.tokens.push(Token::Heredoc {
            line,
            col,
            body: String::new(),
        });
        Ok(())
    }

    /// Reads the bodies of the pending here-documents, in order, from the cursor
    /// (which is at the start of the line after the command).
    fn read_bodies(&mut self) -> Result<(), ScriptError> {
        for p in mem::take(&mut self.pending) {
            let src = self.cur.src();
            let Some(body) = read_body(src, self.cur.pos, &p.delim, p.strip_tabs, p.quoted) else {
                return Err(unterminated(&p));
            };
            self.cur.jump(body.end, body.lines);
            if let Some(Token::Heredoc { body: slot, .. }) = self.tokens.get_mut(p.token) {
                *slot = body.text;
            }
        }
        Ok(())
    }
}

fn unterminated(p: &Pending) -> ScriptError {
    ScriptError::new(
        p.line,
        p.col,
        format!(
            "here-document at line {} delimited by end-of-file (wanted '{}')",
            p.line, p.delim
        ),
    )
}
