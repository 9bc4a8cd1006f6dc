//! Pipelines from `echo`/`cat <<EOF`, and unsupported operators.

use super::*;

fn words(ws: &[&str]) -> Vec<String> {
    ws.iter().map(|w| w.to_string()).collect()
}

fn unsupported(script: &str, op: &str, line: u32, col: u32) {
    let e = parse_script(script).unwrap_err();
    let want = format!("unsupported shell syntax: '{op}'");
    assert!(e.message.starts_with(&want), "{script:?}: {e}");
    assert_eq!((e.line, e.col), (line, col), "{script:?}: {e}");
}

#[test]
fn cat_heredoc_pipe() {
    let cmds =
        parse_script("cat <<EOF | kubectl apply -f -\nkind: Namespace\nEOF\nnext\n").unwrap();
    assert_eq!(cmds.len(), 2);
    assert_eq!(cmds[0].argv, words(&["kubectl", "apply", "-f", "-"]));
    assert_eq!(cmds[0].stdin.as_deref(), Some("kind: Namespace\n"));
    assert_eq!(cmds[0].text, "cat <<EOF | kubectl apply -f -");
    assert_eq!(cmds[0].line, 1);
    let cmd = parse_line("cat - <<'X'|kubectl apply -f -\na\nX").unwrap();
    assert_eq!(cmd.stdin.as_deref(), Some("a\n"));
    assert_eq!(cmd.argv, words(&["kubectl", "apply", "-f", "-"]));
}

#[test]
fn echo_pipe() {
    let cmd = parse_line("echo 'kind: Namespace' | kubectl apply -f -").unwrap();
    assert_eq!(cmd.argv, words(&["kubectl", "apply", "-f", "-"]));
    assert_eq!(cmd.stdin.as_deref(), Some("kind: Namespace\n"));
    let cmd = parse_line("echo a   \"b  c\" | k").unwrap();
    assert_eq!(cmd.stdin.as_deref(), Some("a b  c\n"));
    let cmd = parse_line("echo -n x | k").unwrap();
    assert_eq!(cmd.stdin.as_deref(), Some("x"));
    let cmd = parse_line("echo | k").unwrap();
    assert_eq!(cmd.stdin.as_deref(), Some("\n"));
    let cmd = parse_line("echo 'a | b'|k").unwrap();
    assert_eq!(cmd.stdin.as_deref(), Some("a | b\n"));
    assert_eq!(cmd.argv, words(&["k"]));
}

#[test]
fn pipe_at_end_of_line_continues() {
    let cmds = parse_script("echo x |\n\n  # comment\n  kubectl apply -f -\nnext").unwrap();
    assert_eq!(cmds.len(), 2);
    assert_eq!(cmds[0].argv, words(&["kubectl", "apply", "-f", "-"]));
    assert_eq!(cmds[0].stdin.as_deref(), Some("x\n"));
    assert_eq!(cmds[0].text, "echo x | kubectl apply -f -");
    // The body of a here-document comes right after the line with the `<<`.
    let cmds = parse_script("cat <<EOF |\nbody\nEOF\nkubectl apply -f -\n").unwrap();
    assert_eq!(cmds.len(), 1);
    assert_eq!(cmds[0].stdin.as_deref(), Some("body\n"));
    assert_eq!(cmds[0].argv, words(&["kubectl", "apply", "-f", "-"]));
}

#[test]
fn other_pipelines_are_unsupported() {
    unsupported("kubectl get pods | grep x", "|", 1, 18);
    unsupported("cat file | kubectl apply -f -", "|", 1, 10);
    unsupported("cat | kubectl apply -f -", "|", 1, 5);
    unsupported("echo a | b | c", "|", 1, 12);
    unsupported("cat <<EOF | k <<X\na\nEOF\nb\nX\n", "<<", 1, 15);
    let e = parse_script("| a").unwrap_err();
    assert_eq!((e.line, e.col), (1, 1));
    let e = parse_script("echo a | | b").unwrap_err();
    assert_eq!((e.line, e.col), (1, 10));
    let e = parse_script("echo a |\n\n").unwrap_err();
    assert_eq!(
        (e.line, e.col, e.message.as_str()),
        (1, 8, "unexpected end of script after '|'")
    );
}

#[test]
fn lists_are_unsupported() {
    unsupported("a; b", ";", 1, 2);
    unsupported("a ;; b", ";;", 1, 3);
    unsupported("x\n  a && b", "&&", 2, 5);
    unsupported("a || b", "||", 1, 3);
    unsupported("a &", "&", 1, 3);
    unsupported("a |& b", "|&", 1, 3);
}

#[test]
fn redirections_are_unsupported() {
    unsupported("a > out", ">", 1, 3);
    unsupported("a >> out", ">>", 1, 3);
    unsupported("a < in", "<", 1, 3);
    unsupported("a 2> err", "2>", 1, 3);
    unsupported("a 2>&1", "2>&", 1, 3);
    unsupported("a x>y", ">", 1, 4);
    unsupported("a &> out", "&>", 1, 3);
    unsupported("a <> f", "<>", 1, 3);
    unsupported("a >| f", ">|", 1, 3);
    unsupported("a <&0", "<&", 1, 3);
    // `'2'>` is a word followed by a redirection, not an IO number.
    unsupported("a '2'>x", ">", 1, 6);
}

#[test]
fn subshells_and_substitutions_are_unsupported() {
    unsupported("(a)", "(", 1, 1);
    unsupported("a )", ")", 1, 3);
    unsupported("a $(date)", "$(", 1, 3);
    unsupported("a \"x$(date)\"", "$(", 1, 5);
    unsupported("a `date`", "`", 1, 3);
    unsupported("a \"`date`\"", "`", 1, 4);
}

#[test]
fn operators_inside_quotes_are_text() {
    let cmd = parse_line(r#"a ';' "&&" '|' ">" \; x\&\&y "2>" '$(x)' \`"#).unwrap();
    assert_eq!(
        cmd.argv,
        words(&["a", ";", "&&", "|", ">", ";", "x&&y", "2>", "$(x)", "`"])
    );
}
