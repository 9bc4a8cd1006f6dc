//! Property tests: no panics on any input, and single-quoting round-trips.

use proptest::prelude::*;

use super::*;

fn sh_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// Strings made mostly of the characters the parser cares about.
fn shellish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\\"),
            Just("'"),
            Just("\""),
            Just(" "),
            Just("\t"),
            Just("\n"),
            Just("\r\n"),
            Just("#"),
            Just("|"),
            Just("<<"),
            Just("<<-"),
            Just("EOF"),
            Just("\tEOF"),
            Just("-"),
            Just(";"),
            Just("&"),
            Just(">"),
            Just("<"),
            Just("$"),
            Just("("),
            Just("`"),
            Just("2"),
            Just("cat"),
            Just("echo"),
            Just("a"),
            Just("é"),
            Just("\0"),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_arbitrary_strings(s in any::<String>()) {
        let _ = parse_script(&s);
        let _ = parse_line(&s);
    }

    #[test]
    fn never_panics_on_shellish_strings(s in shellish()) {
        if let Ok(cmds) = parse_script(&s) {
            for cmd in cmds {
                prop_assert!(cmd.line >= 1);
                // The text (without here-document) parses back to the same command.
                if !cmd.text.contains("<<") {
                    let again = parse_line(&cmd.text);
                    prop_assert!(again.is_ok(), "{:?} -> {:?}: {:?}", s, cmd.text, again);
                    let again = again.unwrap();
                    prop_assert_eq!(&again.argv, &cmd.argv);
                    prop_assert_eq!(&again.stdin, &cmd.stdin);
                }
            }
        }
        let _ = parse_line(&s);
    }

    #[test]
    fn single_quoted_words_round_trip(
        words in proptest::collection::vec("[^\0\r]*", 1..8)
    ) {
        let line = words.iter().map(|w| sh_quote(w)).collect::<Vec<_>>().join(" ");
        let cmd = parse_line(&line);
        prop_assert!(cmd.is_ok(), "{:?}: {:?}", line, cmd);
        let cmd = cmd.unwrap();
        prop_assert_eq!(&cmd.argv, &words);
        prop_assert_eq!(cmd.stdin, None);
        prop_assert_eq!(cmd.line, 1);
    }
}
