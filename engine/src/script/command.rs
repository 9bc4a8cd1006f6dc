//! Turns the tokens of one command into a [`ScriptCommand`]: argv, and stdin
//! from a here-document or from `echo ... |` / `cat <<EOF |`.

use super::lexer::{RawCommand, Token};
use super::{ScriptCommand, ScriptError};

#[derive(Default)]
struct Segment {
    words: Vec<String>,
    /// The here-document body and where its `<<` is.
    heredoc: Option<(String, u32, u32)>,
}

const PIPE_HINT: &str =
    "unsupported shell syntax: '|' (only `echo ... | command` and `cat <<EOF | command` are supported)";

pub(super) fn build(raw: RawCommand) -> Result<ScriptCommand, ScriptError> {
    let mut left: Option<(Segment, u32, u32)> = None;
    let mut seg = Segment::default();
    for token in raw.tokens {
        match token {
            Token::Word { text } => seg.words.push(text),
            Token::Heredoc { line, col, body } => {
                if seg.heredoc.is_some() {
                    return Err(ScriptError::new(
                        line,
                        col,
                        "unsupported shell syntax: '<<' (more than one here-document for one command)",
                    ));
                }
                seg.heredoc = Some((body, line, col));
            }
            Token::Pipe { line, col } => {
                if seg.words.is_empty() {
                    return Err(ScriptError::new(
                        line,
                        col,
                        "syntax error near unexpected token '|'",
                    ));
                }
                if left.is_some() {
                    return Err(ScriptError::new(line, col, PIPE_HINT));
                }
                left = Some((std::mem::take(&mut seg), line, col));
            }
        }
    }
    if seg.words.is_empty() {
        // The lexer never ends a command on a pipe, so this is a lone here-document.
        let (line, col) = seg
            .heredoc
            .as_ref()
            .map_or((raw.line, raw.col), |h| (h.1, h.2));
        return Err(ScriptError::new(
            line,
            col,
            "here-document without a command",
        ));
    }
    let stdin = match left {
        None => seg.heredoc.map(|h| h.0),
        Some((left, line, col)) => {
            if let Some((_, hl, hc)) = seg.heredoc {
                return Err(ScriptError::new(
                    hl,
                    hc,
                    "unsupported shell syntax: '<<' after a pipe (the command would get two inputs)",
                ));
            }
            Some(piped_text(left, line, col)?)
        }
    };
    Ok(ScriptCommand {
        line: raw.line,
        text: raw.text,
        argv: seg.words,
        stdin,
    })
}

/// What the left side of a pipe writes: `cat <<EOF` its body, `echo` its words.
fn piped_text(left: Segment, line: u32, col: u32) -> Result<String, ScriptError> {
    let words = &left.words;
    match words[0].as_str() {
        "cat" if words.len() == 1 || (words.len() == 2 && words[1] == "-") => match left.heredoc {
            Some((body, _, _)) => Ok(body),
            None => Err(ScriptError::new(line, col, PIPE_HINT)),
        },
        "echo" => {
            let mut args = &words[1..];
            let mut newline = true;
            while args.first().is_some_and(|a| a == "-n") {
                newline = false;
                args = &args[1..];
            }
            let mut out = args.join(" ");
            if newline {
                out.push('\n');
            }
            Ok(out)
        }
        _ => Err(ScriptError::new(line, col, PIPE_HINT)),
    }
}
