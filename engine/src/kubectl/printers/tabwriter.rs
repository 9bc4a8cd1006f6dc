//! Go's `text/tabwriter` (and `github.com/liggitt/tabwriter`, which kubectl uses for
//! tables) with a space pad character: cells are tab-terminated, the last cell of a line
//! is not part of any column, and a column's width is fixed per *column block* (a run of
//! consecutive lines that have a cell in that column).
//!
//! kubectl uses `(minwidth 6, padding 3)` for `get` and `(minwidth 0, padding 2)` for
//! `describe`.

struct Cell {
    text: String,
    width: usize,
}

struct Line {
    cells: Vec<Cell>,
    /// False only for the text after the final newline.
    newline: bool,
}

struct Writer<'a> {
    lines: &'a [Line],
    minwidth: usize,
    padding: usize,
    widths: Vec<usize>,
    out: String,
}

/// Formats `text` as Go's tabwriter does with `padchar = ' '` and no flags.
pub fn tabwrite(text: &str, minwidth: usize, padding: usize) -> String {
    let mut lines: Vec<Line> = Vec::new();
    let mut segments: Vec<&str> = text.split('\n').collect();
    let last = segments.pop().unwrap_or("");
    for seg in segments {
        lines.push(Line {
            cells: split_cells(seg, true),
            newline: true,
        });
    }
    if !last.is_empty() {
        lines.push(Line {
            cells: split_cells(last, false),
            newline: false,
        });
    }
    let mut w = Writer {
        lines: &lines,
        minwidth,
        padding,
        widths: Vec::new(),
        out: String::with_capacity(text.len() * 2),
    };
    w.format(0, lines.len());
    w.out
}

/// Splits a line into cells; `terminated` lines keep an empty trailing cell (Go's writer
/// terminates the current cell on newline even when empty), the unterminated tail does not.
fn split_cells(seg: &str, terminated: bool) -> Vec<Cell> {
    let mut cells: Vec<Cell> = seg
        .split('\t')
        .map(|t| Cell {
            text: t.to_string(),
            width: t.chars().count(),
        })
        .collect();
    if !terminated && cells.last().is_some_and(|c| c.text.is_empty()) {
        cells.pop();
    }
    cells
}

impl Writer<'_> {
    fn format(&mut self, line0: usize, line1: usize) {
        let column = self.widths.len();
        let mut line0 = line0;
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].cells.len() {
                this += 1;
                continue;
            }
            // A cell exists in this column: print the lines before the block.
            self.write_lines(line0, this);
            line0 = this;
            let mut width = self.minwidth;
            while this < line1 {
                let cells = &self.lines[this].cells;
                if column + 1 >= cells.len() {
                    break;
                }
                width = width.max(cells[column].width + self.padding);
                this += 1;
            }
            self.widths.push(width);
            self.format(line0, this);
            self.widths.pop();
            line0 = this;
            // Go's loop increments past the line that ended the block; that line has no
            // cell in this column, so skipping its check changes nothing.
            if this < line1 {
                this += 1;
            }
        }
        self.write_lines(line0, line1);
    }

    fn write_lines(&mut self, line0: usize, line1: usize) {
        for line in &self.lines[line0..line1] {
            for (j, c) in line.cells.iter().enumerate() {
                self.out.push_str(&c.text);
                if let Some(&w) = self.widths.get(j) {
                    for _ in c.width..w {
                        self.out.push(' ');
                    }
                }
            }
            if line.newline {
                self.out.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tabwrite;

    #[test]
    fn kubectl_table() {
        let t = "NAME\tREADY\tSTATUS\nfluentd-abcde\t1/1\tRunning\n";
        assert_eq!(
            tabwrite(t, 6, 3),
            "NAME            READY   STATUS\nfluentd-abcde   1/1     Running\n"
        );
    }

    #[test]
    fn column_blocks() {
        // A line without tabs ends every column block.
        let t = "Name:\tx\nLabels:\ta=b\n\tc=d\nDesired Number: 1\nPods Status:\t1\n";
        assert_eq!(
            tabwrite(t, 0, 2),
            "Name:    x\nLabels:  a=b\n         c=d\nDesired Number: 1\nPods Status:  1\n"
        );
    }

    #[test]
    fn nested_blocks() {
        // Column 1 is a separate block for the lines that have three cells.
        let t = "a\tb\tc\nlonger\tx\ny\tzzzzzz\tq\n";
        assert_eq!(tabwrite(t, 0, 1), "a      b c\nlonger x\ny      zzzzzz q\n");
    }

    #[test]
    fn unicode_width_is_runes() {
        assert_eq!(tabwrite("é\tx\nab\ty\n", 0, 1), "é  x\nab y\n");
    }
}
