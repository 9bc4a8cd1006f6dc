//! Here-documents.

use super::*;

fn one(script: &str) -> ScriptCommand {
    let mut cmds = parse_script(script).unwrap_or_else(|e| panic!("{script:?}: {e}"));
    assert_eq!(cmds.len(), 1, "{cmds:?}");
    cmds.remove(0)
}

fn words(ws: &[&str]) -> Vec<String> {
    ws.iter().map(|w| w.to_string()).collect()
}

#[test]
fn all_delimiter_forms() {
    for head in [
        "<<EOF",
        "<< EOF",
        "<<'EOF'",
        "<<\"EOF\"",
        "<<\\EOF",
        "<<E'O'F",
        "<<  \t'EOF'",
    ] {
        let cmd = one(&format!("kubectl apply -f - {head}\na: 1\n  b: 2\nEOF\n"));
        assert_eq!(cmd.argv, words(&["kubectl", "apply", "-f", "-"]), "{head}");
        assert_eq!(cmd.stdin.as_deref(), Some("a: 1\n  b: 2\n"), "{head}");
        assert_eq!(cmd.text, format!("kubectl apply -f - {head}"));
    }
}

#[test]
fn heredoc_anywhere_on_the_line() {
    let cmd = one("kubectl <<EOF apply -f -\nx\nEOF\n");
    assert_eq!(cmd.argv, words(&["kubectl", "apply", "-f", "-"]));
    assert_eq!(cmd.stdin.as_deref(), Some("x\n"));
    let cmd = one("kubectl apply -f -<<EOF\nx\nEOF");
    assert_eq!(cmd.argv, words(&["kubectl", "apply", "-f", "-"]));
    assert_eq!(cmd.stdin.as_deref(), Some("x\n"));
}

#[test]
fn body_lines_are_not_commands_and_lines_continue_after() {
    let cmds = parse_script("a <<EOF\nkubectl delete all\n# not a comment\n'\nEOF\nb\n").unwrap();
    assert_eq!(cmds.len(), 2);
    assert_eq!(
        cmds[0].stdin.as_deref(),
        Some("kubectl delete all\n# not a comment\n'\n")
    );
    assert_eq!(cmds[1].argv, words(&["b"]));
    assert_eq!(cmds[1].line, 6);
}

#[test]
fn delimiter_must_match_the_whole_line() {
    let cmd = one("a <<EOF\n EOF\nEOF \nEOFX\nEOF\n");
    assert_eq!(cmd.stdin.as_deref(), Some(" EOF\nEOF \nEOFX\n"));
}

#[test]
fn empty_body() {
    assert_eq!(one("a <<EOF\nEOF\n").stdin.as_deref(), Some(""));
}

#[test]
fn dash_strips_leading_tabs_from_body_and_delimiter() {
    let cmd = one("a <<-EOF\n\t\tx: 1\n\t  y\n  \tz\n\tEOF\n");
    assert_eq!(cmd.stdin.as_deref(), Some("x: 1\n  y\n  \tz\n"));
    // Without the dash, tabs stay and a tab-indented delimiter does not end the body.
    let cmd = one("a <<EOF\n\tx\n\tEOF\nEOF\n");
    assert_eq!(cmd.stdin.as_deref(), Some("\tx\n\tEOF\n"));
    let cmd = one("a <<- 'EOF'\n\tx\n\t\tEOF\n");
    assert_eq!(cmd.stdin.as_deref(), Some("x\n"));
}

#[test]
fn unquoted_body_gets_backslash_processing_but_no_expansion() {
    let cmd = one("a <<EOF\n$HOME \\$X \\\\ \\` \\n \"q\"\njoin\\\ned\nEOF\n");
    assert_eq!(
        cmd.stdin.as_deref(),
        Some("$HOME $X \\ ` \\n \"q\"\njoined\n")
    );
    let cmd = one("a <<'EOF'\n$HOME \\$X \\\\ \\`\njoin\\\nEOF\n");
    assert_eq!(cmd.stdin.as_deref(), Some("$HOME \\$X \\\\ \\`\njoin\\\n"));
}

#[test]
fn continuation_after_the_heredoc_operator() {
    let cmd = one("kubectl apply <<EOF \\\n  -f -\nbody\nEOF\n");
    assert_eq!(cmd.argv, words(&["kubectl", "apply", "-f", "-"]));
    assert_eq!(cmd.stdin.as_deref(), Some("body\n"));
    assert_eq!(cmd.text, "kubectl apply <<EOF -f -");
}

#[test]
fn body_ending_the_script_without_newline() {
    let cmd = one("a <<EOF\nx\nEOF");
    assert_eq!(cmd.stdin.as_deref(), Some("x\n"));
}

#[test]
fn heredoc_in_parse_line() {
    let cmd = parse_line("kubectl apply -f - <<EOF\nkind: Namespace\nEOF").unwrap();
    assert_eq!(cmd.argv, words(&["kubectl", "apply", "-f", "-"]));
    assert_eq!(cmd.stdin.as_deref(), Some("kind: Namespace\n"));
}

#[test]
fn unterminated_heredoc() {
    let e = parse_script("x\nkubectl apply -f - <<EOF\nkind: A\n").unwrap_err();
    assert_eq!((e.line, e.col), (2, 20));
    assert_eq!(
        e.message,
        "here-document at line 2 delimited by end-of-file (wanted 'EOF')"
    );
    assert_eq!(
        e.to_string(),
        "line 2, column 20: here-document at line 2 delimited by end-of-file (wanted 'EOF')"
    );
    let e = parse_script("a <<'END'").unwrap_err();
    assert_eq!((e.line, e.col), (1, 3));
    assert!(e.message.contains("(wanted 'END')"), "{e}");
}

#[test]
fn empty_or_missing_delimiter() {
    for (script, col) in [
        ("a <<''\nx\n\n", 3),
        ("a <<\"\"\n", 3),
        ("a <<\n", 3),
        ("a << # c\n", 3),
        ("a <<", 3),
        ("a <<|b", 3),
    ] {
        let e = parse_script(script).unwrap_err();
        assert_eq!((e.line, e.col), (1, col), "{script:?}");
        assert!(e.message.contains("delimiter"), "{script:?}: {e}");
    }
}

#[test]
fn two_heredocs_on_one_command_are_rejected() {
    let e = parse_script("a <<A <<B\nx\nA\ny\nB\n").unwrap_err();
    assert_eq!((e.line, e.col), (1, 7));
    assert!(
        e.message.starts_with("unsupported shell syntax: '<<'"),
        "{e}"
    );
}

#[test]
fn heredoc_without_command() {
    let e = parse_script("\n  <<EOF\nx\nEOF\n").unwrap_err();
    assert_eq!((e.line, e.col), (2, 3));
    assert!(e.message.contains("without a command"), "{e}");
}

#[test]
fn here_string_is_unsupported() {
    let e = parse_script("a <<<x\n").unwrap_err();
    assert_eq!((e.line, e.col), (1, 3));
    assert!(
        e.message.starts_with("unsupported shell syntax: '<<<'"),
        "{e}"
    );
}
