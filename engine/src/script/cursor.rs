//! A position in the script text: byte offset, 1-based line and column, and
//! the command text recorded so far.

pub(super) struct Cursor<'a> {
    src: &'a str,
    pub pos: usize,
    pub line: u32,
    pub col: u32,
    /// The text of the current command, as consumed with [`Cursor::take`].
    pub text: String,
    /// Whether [`Cursor::take`] appends to `text`.
    pub recording: bool,
}

impl<'a> Cursor<'a> {
    pub fn new(src: &'a str) -> Cursor<'a> {
        Cursor {
            src,
            pos: 0,
            line: 1,
            col: 1,
            text: String::new(),
            recording: false,
        }
    }

    pub fn src(&self) -> &'a str {
        self.src
    }

    pub fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    /// The character `n` characters ahead (0 is the next one).
    pub fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(n)
    }

    /// True at an unconsumed backslash-newline.
    pub fn at_continuation(&self) -> bool {
        self.src[self.pos..].starts_with("\\\n")
    }

    /// Consumes a backslash-newline inside a word. The command's text leaves it out, but
    /// for after a CR: there it would make a CRLF, whose CR the script reader drops, and
    /// the text would no longer parse to the same word.
    pub fn continuation_in_word(&mut self) {
        if self.text.ends_with('\r') {
            self.take();
            self.take();
        } else {
            self.skip();
            self.skip();
        }
    }

    /// Consumes the next character, recording it in `text` when recording.
    pub fn take(&mut self) -> Option<char> {
        let c = self.skip()?;
        if self.recording {
            self.text.push(c);
        }
        Some(c)
    }

    /// Consumes the next character without recording it.
    pub fn skip(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line = self.line.saturating_add(1);
            self.col = 1;
        } else {
            self.col = self.col.saturating_add(1);
        }
        Some(c)
    }

    /// Moves to byte offset `pos`, the start of a line, `lines` lines further down.
    pub fn jump(&mut self, pos: usize, lines: u32) {
        self.pos = pos;
        self.line = self.line.saturating_add(lines);
        self.col = 1;
    }
}
