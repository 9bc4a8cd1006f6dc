//! The shell-like script parser behind `dsim run SCRIPT` and the browser console.
//!
//! A script is a list of commands, one per line, written as a POSIX shell
//! would read them, so that a script that works here also works in `sh`:
//!
//! - Lines may end with CRLF: the CRs just before a LF are dropped.
//! - Blank lines are skipped. `#` starts a comment only at the start of a word
//!   (`a#b` is one word, `a #b` is the word `a`).
//! - An unquoted backslash at the end of a line continues the command on the
//!   next line. A `|` at the end of a line also continues it, as in sh.
//! - Single quotes keep everything literally. Double quotes keep everything
//!   except `\"`, `\\`, `\$`, `` \` `` and backslash-newline. Outside quotes a
//!   backslash escapes the next character. `''` and `""` give an empty word.
//! - Here-documents: `<<EOF`, `<< EOF`, `<<'EOF'`, `<<"EOF"`, `<<\EOF` and `<<-EOF`
//!   (which strips leading TABs from the body lines and from the delimiter line).
//!   The body lines up to the delimiter line become the command's stdin, each
//!   line ending with a newline. In an unquoted here-document `\\`, `\$`, `` \` ``
//!   and backslash-newline are processed as sh does; other text stays as is.
//! - `cat <<EOF | command`, `echo words | command` and `echo -n words | command`
//!   feed the command's stdin.
//!
//! **No expansion happens**: `$X`, `${X}`, `~`, `*` and `?` stay literal text
//! (there is no environment to expand from). Command substitution (`$(...)`,
//! backticks), `;`, `&&`, `||`, `&`, other pipelines, subshells and redirections
//! (`>`, `>>`, `<`, `2>`, ...) are rejected with an "unsupported shell syntax"
//! error naming the operator, at its line and column.
//!
//! The parser runs in linear time and never panics; a script is limited to
//! [`MAX_SCRIPT_BYTES`] bytes and [`MAX_COMMANDS`] commands.

mod command;
mod cursor;
mod heredoc;
mod lexer;
mod quote;
mod word;

pub use quote::{command_line, quote_word};

#[cfg(test)]
mod tests_basic;
#[cfg(test)]
mod tests_errors;
#[cfg(test)]
mod tests_heredoc;
#[cfg(test)]
mod tests_pipes;
#[cfg(test)]
mod tests_prop;

use std::borrow::Cow;
use std::fmt;

/// The largest script accepted, in bytes.
pub const MAX_SCRIPT_BYTES: usize = 8 * 1024 * 1024;
/// The most commands a script may hold.
pub const MAX_COMMANDS: usize = 100_000;

/// One command of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptCommand {
    /// The 1-based line where the command starts.
    pub line: u32,
    /// The command as written, without its trailing comment and without the
    /// here-document body; lines joined by a backslash (or a trailing `|`) are
    /// joined with a space. Parsing `text` again gives the same `argv`.
    pub text: String,
    /// The words of the command, after quote removal (no expansion).
    pub argv: Vec<String>,
    /// The here-document body, or the text piped in by `echo`/`cat <<EOF`.
    pub stdin: Option<String>,
}

/// Why a script could not be parsed, and where (1-based, columns in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl ScriptError {
    pub(crate) fn new(line: u32, col: u32, message: impl Into<String>) -> ScriptError {
        ScriptError {
            line,
            col,
            message: message.into(),
        }
    }
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.col, self.message
        )
    }
}

impl std::error::Error for ScriptError {}

/// Parses a whole script into its commands (see the module documentation for the syntax).
pub fn parse_script(text: &str) -> Result<Vec<ScriptCommand>, ScriptError> {
    if text.len() > MAX_SCRIPT_BYTES {
        return Err(ScriptError::new(
            1,
            1,
            format!(
                "script is too large: {} bytes (the limit is {} bytes)",
                text.len(),
                MAX_SCRIPT_BYTES
            ),
        ));
    }
    let text: Cow<str> = if text.contains("\r\n") {
        Cow::Owned(crlf_to_lf(text))
    } else {
        Cow::Borrowed(text)
    };
    if let Some(at) = text.find('\0') {
        let (line, col) = position_of(&text, at);
        return Err(ScriptError::new(line, col, "NUL byte in script"));
    }
    let mut lexer = lexer::Lexer::new(&text);
    let mut commands = Vec::new();
    while let Some(raw) = lexer.next_command()? {
        if commands.len() == MAX_COMMANDS {
            return Err(ScriptError::new(
                raw.line,
                raw.col,
                format!("too many commands (the limit is {MAX_COMMANDS})"),
            ));
        }
        commands.push(command::build(raw)?);
    }
    Ok(commands)
}

/// Parses one console line into exactly one command. The string may hold more
/// than one line only to continue the command (backslash, quotes) or to give
/// the body of its here-document.
pub fn parse_line(line: &str) -> Result<ScriptCommand, ScriptError> {
    let mut commands = parse_script(line)?.into_iter();
    match (commands.next(), commands.next()) {
        (Some(command), None) => Ok(command),
        (None, _) => Err(ScriptError::new(1, 1, "empty command")),
        (Some(_), Some(second)) => Err(ScriptError::new(
            second.line,
            1,
            "more than one command (enter one command at a time)",
        )),
    }
}

/// Reads CRLF line ends as LF: every run of CRs just before a LF is dropped (a file
/// converted to CRLF twice ends its lines with `\r\r\n`). Dropping the whole run, not one
/// CR, leaves no `\r\n` behind, so a command's `text` parses again to the same `argv`
/// (a quoted word holding `\r\r\n` would otherwise lose one CR at each parse).
fn crlf_to_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        if lines.peek().is_some() {
            out.push_str(line.trim_end_matches('\r'));
            out.push('\n');
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The 1-based line and column (in characters) of byte offset `at` of `text`.
fn position_of(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let col = before[line_start..].chars().count() + 1;
    (to_u32(line), to_u32(col))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
