//! What happens when the app panics: the message goes to the browser console
//! (console_error_panic_hook) and an overlay tells the user, instead of a page
//! that silently stops responding.

use wasm_bindgen::JsCast;

/// Id of the overlay element (at most one is shown).
pub const OVERLAY_ID: &str = "panic-overlay";

/// Installs the hook. Must run before the app is mounted, or Yew installs its own.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_overlay(&info.to_string());
    }));
}

/// Shows the "something went wrong" overlay with `details`, built with plain DOM calls
/// (the Yew app can no longer be trusted to render). Does nothing if one is shown already.
pub fn show_overlay(details: &str) {
    let _ = try_show_overlay(details);
}

fn try_show_overlay(details: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id(OVERLAY_ID).is_some() {
        return Some(());
    }
    let el = |tag: &str, class: &str, text: &str| -> Option<web_sys::Element> {
        let e = document.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        if !text.is_empty() {
            e.set_text_content(Some(text));
        }
        Some(e)
    };

    let overlay = el("div", "panic-overlay", "")?;
    overlay.set_id(OVERLAY_ID);
    let _ = overlay.set_attribute("role", "alertdialog");
    let _ = overlay.set_attribute("aria-modal", "true");
    let _ = overlay.set_attribute("aria-labelledby", "panic-title");
    let _ = overlay.set_attribute("aria-describedby", "panic-text");

    let card = el("div", "panic-card", "")?;
    let title = el("h2", "", "Something went wrong")?;
    title.set_id("panic-title");
    let text = el(
        "p",
        "",
        "The playground hit an internal error and stopped. Your editor text is saved in \
         this browser; reload the page to continue.",
    )?;
    text.set_id("panic-text");
    // A link to the page itself reloads it, with no script needed.
    let reload = el("a", "button primary", "Reload the page")?;
    let _ = reload.set_attribute("href", "");
    let more = el("details", "", "")?;
    let summary = el("summary", "", "Technical details")?;
    let pre = el("pre", "", details)?;
    more.append_child(&summary).ok()?;
    more.append_child(&pre).ok()?;

    for child in [&title, &text, &reload, &more] {
        card.append_child(child).ok()?;
    }
    overlay.append_child(&card).ok()?;
    document.body()?.append_child(&overlay).ok()?;
    if let Ok(link) = reload.dyn_into::<web_sys::HtmlElement>() {
        let _ = link.focus();
    }
    Some(())
}
