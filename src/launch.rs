//! How the page was opened: the full app or the embed (`?embed=1`), the embed's
//! options, and a shared scenario in the fragment (`#v1.…`).
//!
//! Embed options (query parameters):
//! - `embed=1` — the chrome-less view for an iframe: time controls, status, the grid;
//! - `manifest=show|edit` — also show the manifest, read-only or editable (default: hidden);
//! - `autoplay=1` — start playing at once;
//! - `theme=light|dark` — follow the host page's theme (default: the reader's system theme).
//!
//! `?lesson=ID` (full app) starts a built-in lesson, e.g. `?lesson=03-taints-tolerations`.

use crate::theme::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ManifestMode {
    #[default]
    Hidden,
    ReadOnly,
    Editable,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct EmbedOptions {
    pub manifest: ManifestMode,
    pub autoplay: bool,
    pub theme: Option<Theme>,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Launch {
    pub embed: Option<EmbedOptions>,
    /// The fragment without `#`, when there is one.
    pub fragment: Option<String>,
    /// `?lesson=ID`: start this built-in lesson (unless it is already in progress).
    pub lesson: Option<String>,
}

impl Launch {
    /// The fragment is a lesson (`#lesson.v1.…`), not a scenario.
    pub fn lesson_link(&self) -> Option<&str> {
        self.fragment
            .as_deref()
            .filter(|f| f.starts_with(engine::share::LESSON_PREFIX))
    }
}

/// Parses `search` (`?a=b&…`) and `hash` (`#…`) as `location` gives them.
pub fn parse(search: &str, hash: &str) -> Launch {
    let params: Vec<(&str, &str)> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    let get = |k: &str| params.iter().rev().find(|(n, _)| *n == k).map(|(_, v)| *v);
    let on = |k: &str| matches!(get(k), Some("1" | "true" | "yes" | ""));
    let embed = (get("embed").is_some() && on("embed")).then(|| EmbedOptions {
        manifest: match get("manifest") {
            Some("show" | "ro" | "1") => ManifestMode::ReadOnly,
            Some("edit" | "rw") => ManifestMode::Editable,
            _ => ManifestMode::Hidden,
        },
        autoplay: get("autoplay").is_some() && on("autoplay"),
        theme: get("theme").and_then(Theme::parse),
    });
    let fragment = hash.strip_prefix('#').unwrap_or(hash);
    Launch {
        embed,
        fragment: (!fragment.is_empty()).then(|| fragment.to_string()),
        lesson: get("lesson").filter(|l| !l.is_empty()).map(str::to_string),
    }
}

/// The app's address without query or fragment, e.g. `https://example.org/playground/`.
pub fn app_base() -> String {
    let l = gloo::utils::window().location();
    format!(
        "{}{}",
        l.origin().unwrap_or_default(),
        l.pathname().unwrap_or_default()
    )
}

/// The page's own launch options.
pub fn current() -> Launch {
    let location = gloo::utils::window().location();
    parse(
        &location.search().unwrap_or_default(),
        &location.hash().unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_full_app_without_parameters() {
        assert_eq!(parse("", ""), Launch::default());
        assert_eq!(parse("?x=1", "#").fragment, None);
    }

    #[test]
    fn embed_options_and_the_fragment() {
        let l = parse("?embed=1&manifest=show&autoplay=1&theme=dark", "#v1.abc");
        assert_eq!(
            l.embed,
            Some(EmbedOptions {
                manifest: ManifestMode::ReadOnly,
                autoplay: true,
                theme: Some(Theme::Dark),
            })
        );
        assert_eq!(l.fragment.as_deref(), Some("v1.abc"));
        let l = parse("?embed=1&manifest=edit&theme=purple", "");
        let e = l.embed.unwrap();
        assert_eq!(
            (e.manifest, e.autoplay, e.theme),
            (ManifestMode::Editable, false, None)
        );
        assert_eq!(parse("?embed=0", "").embed, None);
        assert_eq!(
            parse("?lesson=07-rollback", "").lesson.as_deref(),
            Some("07-rollback")
        );
    }
}
