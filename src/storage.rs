//! The editor text in `localStorage`, so it survives a reload.
//!
//! Storage may be missing or refuse writes (private browsing, quota, disabled
//! cookies): the app then works as before, only without persistence.

/// The key the editor text is kept under (bump the suffix if the format ever changes).
pub const EDITOR_KEY: &str = "daemonset-playground.editor.v1";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The editor text saved by an earlier visit, if any.
pub fn load_editor() -> Option<String> {
    local_storage()?.get_item(EDITOR_KEY).ok().flatten()
}

pub fn save_editor(text: &str) {
    let saved = local_storage().map(|s| s.set_item(EDITOR_KEY, text).is_ok());
    if saved != Some(true) {
        gloo::console::warn!("could not save the editor text in localStorage");
    }
}

/// Forgets the saved text (after Reset the example is shown again on reload).
pub fn clear_editor() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(EDITOR_KEY);
    }
}
