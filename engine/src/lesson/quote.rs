//! Writes argv back as one command line that the script parser reads to the same words.

/// Characters that never need quoting.
fn is_plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_-+=:,./@%^".contains(c)
}

/// One word, quoted only when it must be: `abc` stays, `a b` becomes `'a b'`,
/// `it's` becomes `'it'\''s'`, the empty word becomes `''`.
pub fn quote_word(w: &str) -> String {
    if !w.is_empty() && w.chars().all(is_plain) {
        return w.to_string();
    }
    let mut out = String::with_capacity(w.len() + 2);
    out.push('\'');
    for c in w.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// The words joined by spaces, each quoted as [`quote_word`] does.
/// `crate::script::parse_line(&quote_argv(argv))` gives back `argv`.
pub fn quote_argv(argv: &[String]) -> String {
    argv.iter()
        .map(|w| quote_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip(argv: &[String]) -> Vec<String> {
        crate::script::parse_line(&quote_argv(argv)).unwrap().argv
    }

    #[test]
    fn plain_words_stay_plain_and_others_are_quoted() {
        let argv: Vec<String> = [
            "kubectl",
            "patch",
            "ds/x",
            "-p",
            "{\"a\": [1]}",
            "",
            "it's",
            "#x",
            "$HOME",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let line = quote_argv(&argv);
        assert_eq!(
            line,
            "kubectl patch ds/x -p '{\"a\": [1]}' '' 'it'\\''s' '#x' '$HOME'"
        );
        assert_eq!(round_trip(&argv), argv);
    }

    proptest! {
        #[test]
        fn any_words_round_trip(words in proptest::collection::vec("[ -~\\n\\t\u{e9}]{0,12}", 1..6)) {
            // A first word is needed for parse_line to see a command at all.
            let mut argv = vec!["cmd".to_string()];
            argv.extend(words);
            prop_assert_eq!(round_trip(&argv), argv);
        }
    }
}
