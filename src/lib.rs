//! DaemonSet Playground: the browser app.
//!
//! Layout: `model` is the pure state machine (`Model` + `Msg`, no DOM); `app` is the
//! Yew component that owns the engine `Session` and the model and wires both to the
//! widgets in `components`; `storage` and `panic` are the only other browser-facing
//! pieces.

pub mod app;
pub mod components;
pub mod diagnostics;
pub mod download;
pub mod examples;
pub mod highlight;
pub mod history;
pub mod launch;
pub mod model;
pub mod panic;
pub mod storage;
pub mod theme;
pub mod warm_up;

pub use app::App;

/// Id of the element the app mounts into (see `index.html`).
pub const ROOT_ID: &str = "app";

/// Entry point of the browser build: installs the panic hook and mounts the app.
pub fn run() {
    panic::install();
    let document = gloo::utils::document();
    let root = match document.get_element_by_id(ROOT_ID) {
        Some(root) => {
            // Drop the static "Loading…" placeholder from index.html.
            root.set_inner_html("");
            root
        }
        None => document.body().expect("document has no body").into(),
    };
    mount(root);
    register_service_worker();
}

/// Registers `sw.js` (static/sw.js), which lets the app open offline after a first visit.
/// Only over http(s): a page opened from a file has no service workers.
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "https:" && protocol != "http:" {
        return;
    }
    let container = window.navigator().service_worker();
    // Relative to the page, so the app works from any folder of a static host.
    let failed = wasm_bindgen::closure::Closure::once(|e: wasm_bindgen::JsValue| {
        gloo::console::warn!(
            "the service worker could not be registered; no offline use:",
            e
        );
    });
    let _ = container.register("sw.js").catch(&failed);
    failed.forget();
}

/// Mounts the app into `root` (used by `run` and by the browser tests).
pub fn mount(root: web_sys::Element) -> yew::AppHandle<App> {
    yew::Renderer::<App>::with_root(root).render()
}
