//! Small text helpers for the editor, independent of the DOM.

/// How many lines the editor shows for `text` (a trailing newline starts a new, empty line).
pub fn line_count(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count() + 1
}

/// The gutter's content: `1\n2\n…\nN`, one number per line of `text`.
pub fn gutter_numbers(lines: usize) -> String {
    let mut out = String::with_capacity(lines * 4);
    for n in 1..=lines.max(1) {
        if n > 1 {
            out.push('\n');
        }
        out.push_str(&n.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_like_a_textarea() {
        assert_eq!(line_count(""), 1);
        assert_eq!(line_count("a"), 1);
        assert_eq!(line_count("a\n"), 2);
        assert_eq!(line_count("a\nb\nc"), 3);
    }

    #[test]
    fn gutter_has_one_number_per_line() {
        assert_eq!(gutter_numbers(0), "1");
        assert_eq!(gutter_numbers(1), "1");
        assert_eq!(gutter_numbers(3), "1\n2\n3");
    }
}
