//! One word: quoting, escapes and quote removal (no expansion).

use super::cursor::Cursor;
use super::ScriptError;

pub(super) struct Word {
    pub text: String,
    /// True if any part of the word was quoted or escaped.
    pub quoted: bool,
}

pub(super) fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The characters that start a shell operator when unquoted.
pub(super) fn is_operator_char(c: char) -> bool {
    matches!(c, '|' | '&' | ';' | '<' | '>' | '(' | ')')
}

fn substitution(cur: &Cursor, what: &str) -> ScriptError {
    ScriptError::new(
        cur.line,
        cur.col,
        format!("unsupported shell syntax: '{what}' (command substitution is not supported)"),
    )
}

/// Reads a word starting at the cursor, which is on a character that starts
/// one (not a blank, newline, operator, `#` or backslash-newline).
pub(super) fn lex_word(cur: &mut Cursor) -> Result<Word, ScriptError> {
    let mut text = String::new();
    let mut quoted = false;
    while let Some(c) = cur.peek() {
        match c {
            c if is_blank(c) || c == '\n' || is_operator_char(c) => break,
            '\'' => {
                quoted = true;
                single_quoted(cur, &mut text)?;
            }
            '"' => {
                quoted = true;
                double_quoted(cur, &mut text)?;
            }
            '\\' if cur.at_continuation() => cur.continuation_in_word(),
            '\\' => {
                cur.take();
                match cur.take() {
                    Some(escaped) => {
                        quoted = true;
                        text.push(escaped);
                    }
                    // A backslash at the very end of the script stays literal.
                    None => text.push('\\'),
                }
            }
            '`' => return Err(substitution(cur, "`")),
            '$' if cur.peek_at(1) == Some('(') => return Err(substitution(cur, "$(")),
            _ => {
                cur.take();
                text.push(c);
            }
        }
    }
    Ok(Word { text, quoted })
}

fn single_quoted(cur: &mut Cursor, text: &mut String) -> Result<(), ScriptError> {
    let (line, col) = (cur.line, cur.col);
    cur.take();
    loop {
        match cur.take() {
            Some('\'') => return Ok(()),
            Some(c) => text.push(c),
            None => {
                return Err(ScriptError::new(
                    line,
                    col,
                    "unterminated single-quoted string",
                ))
            }
        }
    }
}

fn double_quoted(cur: &mut Cursor, text: &mut String) -> Result<(), ScriptError> {
    let (line, col) = (cur.line, cur.col);
    cur.take();
    loop {
        match cur.peek() {
            None => {
                return Err(ScriptError::new(
                    line,
                    col,
                    "unterminated double-quoted string",
                ))
            }
            Some('"') => {
                cur.take();
                return Ok(());
            }
            Some('\\') if cur.at_continuation() => cur.continuation_in_word(),
            Some('\\') => {
                cur.take();
                match cur.peek() {
                    Some(e @ ('"' | '\\' | '$' | '`')) => {
                        cur.take();
                        text.push(e);
                    }
                    _ => text.push('\\'),
                }
            }
            Some('`') => return Err(substitution(cur, "`")),
            Some('$') if cur.peek_at(1) == Some('(') => return Err(substitution(cur, "$(")),
            Some(c) => {
                cur.take();
                text.push(c);
            }
        }
    }
}
