//! Here-document bodies: the lines after the command, up to the delimiter line.

/// A body read from the script.
pub(super) struct Body {
    pub text: String,
    /// The byte offset just past the delimiter line.
    pub end: usize,
    /// How many newlines were consumed (body lines and the delimiter line).
    pub lines: u32,
}

/// Reads the body that starts at byte offset `start` of `src`, or None if the
/// script ends before the delimiter line. With `strip_tabs` (`<<-`) leading TABs
/// are removed from each line. Unless `quoted`, the body is unescaped as sh does.
pub(super) fn read_body(
    src: &str,
    start: usize,
    delim: &str,
    strip_tabs: bool,
    quoted: bool,
) -> Option<Body> {
    let mut pos = start;
    let mut lines = 0u32;
    let mut raw = String::new();
    // Whether the previous line ended with an escaping backslash (unquoted
    // bodies only): the next line joins it and cannot be the delimiter.
    let mut continued = false;
    while pos < src.len() {
        let rest = &src[pos..];
        let (line, next) = match rest.find('\n') {
            Some(i) => {
                lines = lines.saturating_add(1);
                (&rest[..i], pos + i + 1)
            }
            None => (rest, src.len()),
        };
        pos = next;
        // A line joined to the previous one by backslash-newline keeps its tabs.
        let line = if strip_tabs && !continued {
            line.trim_start_matches('\t')
        } else {
            line
        };
        if !continued && line == delim {
            let text = if quoted { raw } else { unescape(&raw) };
            return Some(Body {
                text,
                end: pos,
                lines,
            });
        }
        continued = !quoted && ends_with_odd_backslashes(line);
        raw.push_str(line);
        raw.push('\n');
    }
    None
}

fn ends_with_odd_backslashes(line: &str) -> bool {
    line.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// The backslash processing of an unquoted here-document: `\\`, `\$` and `` \` ``
/// lose the backslash and backslash-newline disappears; nothing is expanded.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\n') => {}
            Some(e @ ('\\' | '$' | '`')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescape_follows_sh() {
        assert_eq!(
            unescape("a\\\\b \\$X \\` \\\"q\\\" \\n\n"),
            "a\\b $X ` \\\"q\\\" \\n\n"
        );
        assert_eq!(unescape("joined\\\nline\n"), "joinedline\n");
        assert_eq!(unescape("end\\"), "end\\");
    }

    #[test]
    fn body_stops_at_delimiter_and_counts_lines() {
        let src = "a\nb\nEOF\nrest\n";
        let body = read_body(src, 0, "EOF", false, true).unwrap();
        assert_eq!(body.text, "a\nb\n");
        assert_eq!(body.lines, 3);
        assert_eq!(&src[body.end..], "rest\n");
    }

    #[test]
    fn delimiter_without_final_newline() {
        let body = read_body("x\nEOF", 0, "EOF", false, true).unwrap();
        assert_eq!(body.text, "x\n");
        assert_eq!(body.end, 5);
        assert_eq!(body.lines, 1);
    }

    #[test]
    fn continued_line_is_not_the_delimiter() {
        let body = read_body("a\\\nEOF\nEOF\n", 0, "EOF", false, false).unwrap();
        assert_eq!(body.text, "aEOF\n");
        // Quoted: no continuation, the first EOF ends the body.
        let body = read_body("a\\\nEOF\nEOF\n", 0, "EOF", false, true).unwrap();
        assert_eq!(body.text, "a\\\n");
        // An escaped backslash does not continue.
        let body = read_body("a\\\\\nEOF\n", 0, "EOF", false, false).unwrap();
        assert_eq!(body.text, "a\\\n");
    }

    #[test]
    fn dash_keeps_tabs_of_a_continued_line() {
        // As bash and dash: the joined line is one logical line, stripped once.
        let body = read_body("\tcont\\\n\tk: v\n\tEOF\n", 0, "EOF", true, false).unwrap();
        assert_eq!(body.text, "cont\tk: v\n");
    }

    #[test]
    fn missing_delimiter() {
        assert!(read_body("a\nEOFX\n EOF\n", 0, "EOF", false, true).is_none());
        assert!(read_body("", 0, "EOF", false, true).is_none());
    }
}
