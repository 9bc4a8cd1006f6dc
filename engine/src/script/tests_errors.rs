//! Error positions, limits and hostile input.

use super::*;

#[test]
fn display_format() {
    let e = ScriptError::new(3, 7, "oops");
    assert_eq!(e.to_string(), "line 3, column 7: oops");
}

#[test]
fn unterminated_quotes_are_reported_where_they_open() {
    let e = parse_script("ok\nkubectl get 'pods\nmore\n").unwrap_err();
    assert_eq!((e.line, e.col), (2, 13));
    assert!(
        e.message.contains("unterminated single-quoted string"),
        "{e}"
    );
    let e = parse_script("a \"b\\\"\n").unwrap_err();
    assert_eq!((e.line, e.col), (1, 3));
    assert!(
        e.message.contains("unterminated double-quoted string"),
        "{e}"
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    let e = parse_script("échö ñ 'x").unwrap_err();
    assert_eq!((e.line, e.col), (1, 8));
    let e = parse_script("ü\té ; b").unwrap_err();
    assert_eq!((e.line, e.col), (1, 5));
}

#[test]
fn columns_after_crlf_lines() {
    let e = parse_script("a\r\nb ; c\r\n").unwrap_err();
    assert_eq!((e.line, e.col), (2, 3));
}

#[test]
fn nul_bytes_are_rejected() {
    let e = parse_script("a\nbc\0d\n").unwrap_err();
    assert_eq!((e.line, e.col), (2, 3));
    assert!(e.message.contains("NUL"), "{e}");
    let e = parse_script("a <<EOF\nx\0\nEOF\n").unwrap_err();
    assert_eq!((e.line, e.col), (2, 2));
}

#[test]
fn script_size_limit() {
    let big = "#".repeat(MAX_SCRIPT_BYTES + 1);
    let e = parse_script(&big).unwrap_err();
    assert_eq!((e.line, e.col), (1, 1));
    assert!(e.message.contains("too large"), "{e}");
    let just = "#".repeat(MAX_SCRIPT_BYTES);
    assert!(parse_script(&just).unwrap().is_empty());
}

#[test]
fn command_count_limit() {
    let ok = "a\n".repeat(MAX_COMMANDS);
    assert_eq!(parse_script(&ok).unwrap().len(), MAX_COMMANDS);
    let too_many = "a\n".repeat(MAX_COMMANDS + 1);
    let e = parse_script(&too_many).unwrap_err();
    assert_eq!((e.line, e.col), (MAX_COMMANDS as u32 + 1, 1));
    assert!(e.message.contains("too many commands"), "{e}");
}

#[test]
fn hostile_input_is_linear() {
    // Millions of backslashes, one huge line, many continuations, a huge quote.
    let n = 3_000_000;
    let cmd = parse_line(&"\\".repeat(n)).unwrap();
    assert_eq!(cmd.argv, vec!["\\".repeat(n / 2)]);
    let cmds = parse_script(&"\\\n".repeat(n)).unwrap();
    assert!(cmds.is_empty());
    let cmds = parse_script(&"a \\\n".repeat(n / 2)).unwrap();
    assert_eq!(cmds.len(), 1);
    assert_eq!(cmds[0].argv.len(), n / 2);
    let cmd = parse_line(&"x ".repeat(n)).unwrap();
    assert_eq!(cmd.argv.len(), n);
    let e = parse_script(&format!("'{}", "y\n".repeat(n))).unwrap_err();
    assert_eq!((e.line, e.col), (1, 1));
    let e = parse_script(&format!("a <<EOF\n{}", "EOF \n".repeat(n / 2))).unwrap_err();
    assert_eq!((e.line, e.col), (1, 3));
    let cmds = parse_script(&"#\n".repeat(n)).unwrap();
    assert!(cmds.is_empty());
}

#[test]
fn lossy_utf8_is_fine() {
    let text = String::from_utf8_lossy(b"kubectl get \xff\xfe pods\n").into_owned();
    let cmd = parse_line(&text).unwrap();
    assert_eq!(cmd.argv.len(), 4);
    assert_eq!(cmd.argv[2], "\u{fffd}\u{fffd}");
}
