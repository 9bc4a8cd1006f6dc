//! Shell-style command history for the console (↑/↓), independent of the DOM.

/// Most commands kept; older ones are dropped first.
pub const HISTORY_LIMIT: usize = 200;

/// Past commands plus where ↑/↓ browsing currently is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// Index into `entries` while browsing; `None` when editing a fresh line.
    cursor: Option<usize>,
    /// The unfinished line typed before browsing started, given back by ↓ at the end.
    draft: String,
}

impl History {
    pub fn new() -> History {
        History::default()
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Records a command that was run and stops browsing. Blank lines and a repeat
    /// of the previous command are not recorded (like bash's `ignoreboth`).
    pub fn push(&mut self, command: &str) {
        self.cursor = None;
        self.draft.clear();
        let command = command.trim();
        if command.is_empty() || self.entries.last().map(String::as_str) == Some(command) {
            return;
        }
        self.entries.push(command.to_string());
        if self.entries.len() > HISTORY_LIMIT {
            let excess = self.entries.len() - HISTORY_LIMIT;
            self.entries.drain(..excess);
        }
    }

    /// ↑: the previous command, or `None` when there is nothing older.
    /// `current` is the line as typed, kept to be restored by ↓.
    pub fn prev(&mut self, current: &str) -> Option<String> {
        let index = match self.cursor {
            None if self.entries.is_empty() => return None,
            None => {
                self.draft = current.to_string();
                self.entries.len() - 1
            }
            Some(0) => return None,
            Some(i) => i - 1,
        };
        self.cursor = Some(index);
        Some(self.entries[index].clone())
    }

    /// ↓: the next command, the saved draft after the newest one, or `None`
    /// when not browsing.
    pub fn next(&mut self) -> Option<String> {
        let i = self.cursor?;
        if i + 1 < self.entries.len() {
            self.cursor = Some(i + 1);
            Some(self.entries[i + 1].clone())
        } else {
            self.cursor = None;
            Some(std::mem::take(&mut self.draft))
        }
    }

    /// Typing leaves browsing mode: the next ↑ starts from the newest command again.
    pub fn stop_browsing(&mut self) {
        self.cursor = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(cmds: &[&str]) -> History {
        let mut h = History::new();
        for c in cmds {
            h.push(c);
        }
        h
    }

    #[test]
    fn empty_history_gives_nothing() {
        let mut h = History::new();
        assert_eq!(h.prev("abc"), None);
        assert_eq!(h.next(), None);
    }

    #[test]
    fn up_walks_back_and_stops_at_oldest() {
        let mut h = with(&["a", "b", "c"]);
        assert_eq!(h.prev("").as_deref(), Some("c"));
        assert_eq!(h.prev("").as_deref(), Some("b"));
        assert_eq!(h.prev("").as_deref(), Some("a"));
        assert_eq!(h.prev(""), None);
    }

    #[test]
    fn down_walks_forward_then_restores_draft() {
        let mut h = with(&["a", "b"]);
        assert_eq!(h.prev("kubectl ge").as_deref(), Some("b"));
        assert_eq!(h.prev("b").as_deref(), Some("a"));
        assert_eq!(h.next().as_deref(), Some("b"));
        assert_eq!(h.next().as_deref(), Some("kubectl ge"));
        assert_eq!(h.next(), None);
    }

    #[test]
    fn blank_and_repeated_commands_are_not_recorded() {
        let h = with(&["a", "  ", "a", "b", "a"]);
        assert_eq!(h.entries(), ["a", "b", "a"]);
    }

    #[test]
    fn push_resets_browsing() {
        let mut h = with(&["a", "b"]);
        h.prev("");
        h.prev("");
        h.push("c");
        assert_eq!(h.prev("").as_deref(), Some("c"));
    }

    #[test]
    fn oldest_entries_are_dropped_past_the_limit() {
        let mut h = History::new();
        for i in 0..HISTORY_LIMIT + 5 {
            h.push(&format!("cmd {i}"));
        }
        assert_eq!(h.entries().len(), HISTORY_LIMIT);
        assert_eq!(h.entries()[0], "cmd 5");
    }
}
