//! Words, quoting, comments, continuations, line numbers and command text.

use super::*;

fn argv(line: &str) -> Vec<String> {
    parse_line(line)
        .unwrap_or_else(|e| panic!("{line:?}: {e}"))
        .argv
}

fn words(ws: &[&str]) -> Vec<String> {
    ws.iter().map(|w| w.to_string()).collect()
}

#[test]
fn one_command_per_line_blank_lines_and_comments_skipped() {
    let cmds = parse_script(
        "\n# comment\n   \n\tkubectl get pods\n  # indented comment\nkubectl get ds\n\n",
    )
    .unwrap();
    assert_eq!(cmds.len(), 2);
    assert_eq!(cmds[0].argv, words(&["kubectl", "get", "pods"]));
    assert_eq!(cmds[0].line, 4);
    assert_eq!(cmds[0].text, "kubectl get pods");
    assert_eq!(cmds[0].stdin, None);
    assert_eq!(cmds[1].argv, words(&["kubectl", "get", "ds"]));
    assert_eq!(cmds[1].line, 6);
    assert!(parse_script("").unwrap().is_empty());
    assert!(parse_script("# only\n\n  \t\n").unwrap().is_empty());
}

#[test]
fn hash_starts_a_comment_only_at_the_start_of_a_word() {
    assert_eq!(argv("a#b"), words(&["a#b"]));
    assert_eq!(argv("a #b c"), words(&["a"]));
    assert_eq!(argv("a\t#b"), words(&["a"]));
    assert_eq!(argv("a '#b' \"#c\" \\#d"), words(&["a", "#b", "#c", "#d"]));
    assert_eq!(argv("x=#1"), words(&["x=#1"]));
    let cmd = parse_line("kubectl get pods   # trailing comment").unwrap();
    assert_eq!(cmd.text, "kubectl get pods");
}

#[test]
fn blanks_separate_words() {
    assert_eq!(argv("  a \t b   c  "), words(&["a", "b", "c"]));
}

#[test]
fn single_quotes_are_literal() {
    assert_eq!(
        argv(r#"echo 'a "b" \c $X `d` ; && | > #'"#),
        words(&["echo", r#"a "b" \c $X `d` ; && | > #"#])
    );
    assert_eq!(argv("'multi\nline'"), words(&["multi\nline"]));
    assert_eq!(argv("'a\\\nb'"), words(&["a\\\nb"]));
}

#[test]
fn double_quotes_escape_only_five_things() {
    assert_eq!(argv(r#""a\"b""#), words(&[r#"a"b"#]));
    assert_eq!(argv(r#""a\\b""#), words(&[r"a\b"]));
    assert_eq!(argv(r#""a\$b""#), words(&["a$b"]));
    assert_eq!(argv(r#""a\`b""#), words(&["a`b"]));
    assert_eq!(argv("\"a\\\nb\""), words(&["ab"]));
    assert_eq!(argv(r#""a\nb\'c""#), words(&[r"a\nb\'c"]));
    assert_eq!(argv(r#""it's; a && b | c""#), words(&["it's; a && b | c"]));
}

#[test]
fn backslash_outside_quotes_escapes_the_next_character() {
    assert_eq!(argv(r"a\ b"), words(&["a b"]));
    assert_eq!(argv(r"\;\&\|\>\<\(\)"), words(&[";&|><()"]));
    assert_eq!(argv(r"\\\'\x"), words(&[r"\'x"]));
    // A backslash ending the script stays literal.
    assert_eq!(argv(r"a \"), words(&["a", "\\"]));
}

#[test]
fn quotes_join_with_adjacent_text() {
    assert_eq!(argv(r#"a'b'"c"d"#), words(&["abcd"]));
    assert_eq!(
        argv(r#"--from-literal=k='v w'"#),
        words(&["--from-literal=k=v w"])
    );
}

#[test]
fn empty_quotes_give_an_empty_word() {
    assert_eq!(argv("a '' b"), words(&["a", "", "b"]));
    assert_eq!(argv(r#"a """#), words(&["a", ""]));
    assert_eq!(argv("''"), words(&[""]));
}

#[test]
fn no_expansion_of_variables_globs_or_tilde() {
    assert_eq!(
        argv("echo $X ${Y} \"$Z\" ~ *.yaml ?"),
        words(&["echo", "$X", "${Y}", "$Z", "~", "*.yaml", "?"])
    );
    assert_eq!(argv("a$"), words(&["a$"]));
}

#[test]
fn backslash_newline_continues_the_command() {
    let cmds = parse_script("kubectl get pods \\\n  -o wide   # trailing comment\nnext\n").unwrap();
    assert_eq!(cmds.len(), 2);
    assert_eq!(
        cmds[0].argv,
        words(&["kubectl", "get", "pods", "-o", "wide"])
    );
    assert_eq!(cmds[0].text, "kubectl get pods -o wide");
    assert_eq!(cmds[0].line, 1);
    assert_eq!(cmds[1].line, 3);
    // Inside a word the two parts join.
    let cmds = parse_script("kube\\\nctl get\n").unwrap();
    assert_eq!(cmds[0].argv, words(&["kubectl", "get"]));
    assert_eq!(cmds[0].text, "kubectl get");
    // Several continuations; one ending the script.
    let cmds = parse_script("a \\\n b \\\n\tc \\\n").unwrap();
    assert_eq!(cmds.len(), 1);
    assert_eq!(cmds[0].argv, words(&["a", "b", "c"]));
    assert_eq!(cmds[0].text, "a b c");
    // A comment after a continuation ends the command.
    let cmds = parse_script("a \\\n# c\nb\n").unwrap();
    assert_eq!(
        cmds.iter().map(|c| c.argv.clone()).collect::<Vec<_>>(),
        vec![words(&["a"]), words(&["b"])]
    );
    // A backslash in a comment does not continue.
    let cmds = parse_script("a # x \\\nb\n").unwrap();
    assert_eq!(cmds.len(), 2);
    // An escaped blank before the continuation is kept.
    let cmds = parse_script("a\\ \\\nb\n").unwrap();
    assert_eq!(cmds[0].argv, words(&["a b"]));
    assert_eq!(parse_line(&cmds[0].text).unwrap().argv, cmds[0].argv);
}

#[test]
fn quoted_strings_may_span_lines() {
    let cmds = parse_script("a 'x\ny' b\nc\n").unwrap();
    assert_eq!(cmds.len(), 2);
    assert_eq!(cmds[0].argv, words(&["a", "x\ny", "b"]));
    assert_eq!(cmds[0].text, "a 'x\ny' b");
    assert_eq!(cmds[1].line, 3);
}

#[test]
fn crlf_is_read_as_lf() {
    let cmds =
        parse_script("a b\r\nc \\\r\n d\r\nkubectl apply -f - <<EOF\r\nx: 1\r\nEOF\r\n").unwrap();
    assert_eq!(cmds.len(), 3);
    assert_eq!(cmds[0].argv, words(&["a", "b"]));
    assert_eq!(cmds[1].argv, words(&["c", "d"]));
    assert_eq!(cmds[2].stdin.as_deref(), Some("x: 1\n"));
}

#[test]
fn text_parses_back_to_the_same_argv() {
    for script in [
        "a   b 'c d' \"e\\\"f\"  # c",
        "a \\\n  b\\\nc",
        "x\\ \\\n y",
    ] {
        let cmd = parse_line(script).unwrap();
        assert_eq!(
            parse_line(&cmd.text).unwrap().argv,
            cmd.argv,
            "{script:?} -> {:?}",
            cmd.text
        );
    }
}

#[test]
fn parse_line_wants_exactly_one_command() {
    assert_eq!(
        parse_line("kubectl get pods").unwrap().argv,
        words(&["kubectl", "get", "pods"])
    );
    let e = parse_line("  # nothing").unwrap_err();
    assert_eq!(e.message, "empty command");
    let e = parse_line("a\nb").unwrap_err();
    assert_eq!((e.line, e.col), (2, 1));
    assert!(e.message.contains("more than one command"), "{e}");
}

#[test]
fn the_example_script() {
    let script = "# label a node, then apply
kubectl label node k8s-node1 disk=ssd
kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: DaemonSet
EOF
kubectl get pods \\
  -o wide   # trailing comment
cat <<EOF | kubectl apply -f -
kind: Namespace
EOF
";
    let cmds = parse_script(script).unwrap();
    let expected = vec![
        ScriptCommand {
            line: 2,
            text: "kubectl label node k8s-node1 disk=ssd".into(),
            argv: words(&["kubectl", "label", "node", "k8s-node1", "disk=ssd"]),
            stdin: None,
        },
        ScriptCommand {
            line: 3,
            text: "kubectl apply -f - <<'EOF'".into(),
            argv: words(&["kubectl", "apply", "-f", "-"]),
            stdin: Some("apiVersion: apps/v1\nkind: DaemonSet\n".into()),
        },
        ScriptCommand {
            line: 7,
            text: "kubectl get pods -o wide".into(),
            argv: words(&["kubectl", "get", "pods", "-o", "wide"]),
            stdin: None,
        },
        ScriptCommand {
            line: 9,
            text: "cat <<EOF | kubectl apply -f -".into(),
            argv: words(&["kubectl", "apply", "-f", "-"]),
            stdin: Some("kind: Namespace\n".into()),
        },
    ];
    assert_eq!(cmds, expected);
}

#[test]
fn a_continuation_between_a_cr_and_a_lf_stays_in_the_text() {
    // Found by fuzzing (fuzz/ script target): dropping the backslash-newline from the
    // text made a CRLF there, and the text parsed to a word without the CR.
    for line in ["get \"a\r\\\n\nb\"", "get a\r\\\n\"\nb\""] {
        let cmd = parse_line(line).unwrap();
        assert_eq!(cmd.argv, words(&["get", "a\r\nb"]), "{line:?}");
        let again = parse_line(&cmd.text).unwrap();
        assert_eq!(again.argv, cmd.argv, "{line:?} as {:?}", cmd.text);
    }
    // Elsewhere the text still leaves continuations out.
    assert_eq!(parse_line("get \"a\\\nb\"").unwrap().text, "get \"ab\"");
}

#[test]
fn crs_before_a_lf_are_dropped_so_text_parses_back() {
    // Found by fuzzing (fuzz/ script target): a quoted `\r\r\n` lost one CR at each parse.
    let cmd = parse_line("kubectl get 'a\r\r\nb' c\r").unwrap();
    assert_eq!(cmd.argv, words(&["kubectl", "get", "a\nb", "c\r"]));
    let again = parse_line(&cmd.text).unwrap();
    assert_eq!(again.argv, cmd.argv);
    let cmds = parse_script("a\r\r\nb\r\n\rc\r").unwrap();
    assert_eq!(
        cmds.iter().map(|c| c.argv.clone()).collect::<Vec<_>>(),
        vec![words(&["a"]), words(&["b"]), words(&["\rc\r"])]
    );
}
