//! The app's state in `localStorage`, so that a reload restores it.
//!
//! Storage may be missing or refuse writes (private browsing, quota, disabled
//! cookies): the app then works as before, only without persistence.

/// The whole state (editor, timeline, settings), as `model::saved` encodes it.
pub const STATE_KEY: &str = "daemonset-playground.state.v1";
/// The state as it was before a shared link replaced it.
pub const BEFORE_LINK_KEY: &str = "daemonset-playground.state.before-link.v1";
/// Light, dark or system.
pub const THEME_KEY: &str = "daemonset-playground.theme";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Saves `text`; false if the browser refused (the caller may tell the user).
pub fn save(key: &str, text: &str) -> bool {
    let saved = local_storage().map(|s| s.set_item(key, text).is_ok());
    if saved != Some(true) {
        gloo::console::warn!("could not save the playground's state in localStorage");
    }
    saved == Some(true)
}

pub fn clear(key: &str) {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(key);
    }
}
