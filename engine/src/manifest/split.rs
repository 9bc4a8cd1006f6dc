//! Splits a YAML stream into documents at `---` / `...` lines, keeping line offsets, so
//! that each document is decoded (and fails) on its own, as kubectl's stream reader does.

pub struct Doc<'a> {
    pub text: &'a str,
    /// Lines before this document's first line.
    pub line_offset: u32,
}

fn is_marker(line: &str) -> bool {
    let l = line.trim_end_matches(['\r', '\n']);
    for m in ["---", "..."] {
        if let Some(rest) = l.strip_prefix(m) {
            if rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t') {
                return true;
            }
        }
    }
    false
}

pub fn split_documents(text: &str) -> Vec<Doc<'_>> {
    let mut docs = Vec::new();
    let mut start = 0usize;
    let mut start_line = 0u32;
    let mut offset = 0usize;
    let mut line_no = 0u32;
    for line in text.split_inclusive('\n') {
        if is_marker(line) {
            docs.push(Doc {
                text: &text[start..offset],
                line_offset: start_line,
            });
            // A `--- ` line may carry content after the marker; keep it with the next doc.
            let content_start = offset + 3;
            let rest = &text[content_start..offset + line.len()];
            if rest.trim().is_empty() || line.starts_with("...") {
                start = offset + line.len();
                start_line = line_no + 1;
            } else {
                start = content_start;
                start_line = line_no;
            }
        }
        offset += line.len();
        line_no += 1;
    }
    docs.push(Doc {
        text: &text[start..],
        line_offset: start_line,
    });
    docs.retain(|d| {
        d.text
            .lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    });
    docs
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn splits_with_offsets() {
        let d = split_documents("a: 1\n---\nb: 2\n---\n# only a comment\n---\n\nc: 3\n");
        assert_eq!(d.len(), 3);
        assert_eq!(d[1].text, "b: 2\n");
        assert_eq!(d[1].line_offset, 2);
        assert_eq!(d[2].line_offset, 6);
    }
}
