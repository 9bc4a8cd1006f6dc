//! Light, dark, or the system's choice; kept in storage and set on `<html data-theme>`.

use crate::storage;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System theme",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    pub fn parse(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.id() == s)
    }

    pub fn load() -> Theme {
        storage::load(storage::THEME_KEY)
            .and_then(|s| Theme::parse(&s))
            .unwrap_or(Theme::System)
    }

    /// Shows the theme and remembers it.
    pub fn apply(self, remember: bool) {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("data-theme", self.id());
        }
        if remember {
            storage::save(storage::THEME_KEY, self.id());
        }
    }
}
