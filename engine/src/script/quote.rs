//! The script reader's inverse: words written back as sh-style text that
//! [`parse_line`](super::parse_line) reads to the same words. Share links, exports,
//! lessons and the app's board commands all write command lines with it.

/// Characters that never need quoting.
fn is_plain(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c)
}

/// One word: bare when it is made only of `A–Z a–z 0–9 - _ . / : = , @ % +`, else in
/// single quotes (a `'` in it becomes `'\''`; the empty word is `''`). A CR just before
/// a LF is kept apart from it (`'\r''\n'`) because the script reader drops CRs before a LF.
pub fn quote_word(word: &str) -> String {
    if !word.is_empty() && word.chars().all(is_plain) {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len() + 2);
    out.push('\'');
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => out.push_str("'\\''"),
            '\r' if chars.peek() == Some(&'\n') => out.push_str("\r''"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// The words joined by spaces, each as [`quote_word`] writes it: a command line that
/// `parse_line` reads back to exactly `argv`.
pub fn command_line(argv: &[String]) -> String {
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
        crate::script::parse_line(&command_line(argv)).unwrap().argv
    }

    #[test]
    fn plain_words_stay_plain_and_others_are_quoted() {
        assert_eq!(quote_word("worker-1"), "worker-1");
        assert_eq!(quote_word("a b"), "'a b'");
        assert_eq!(quote_word("it's"), r"'it'\''s'");
        assert_eq!(quote_word(""), "''");
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
        let line = command_line(&argv);
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
