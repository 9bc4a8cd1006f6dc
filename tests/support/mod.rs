//! What the browser tests share: one mounted copy of the app and ways to drive it as
//! a user would. Each test file uses a part of it.
#![allow(dead_code)]

use gloo::timers::future::TimeoutFuture;
use playground::components::console::CONSOLE_INPUT_ID;
use playground::components::editor::EDITOR_ID;
use playground::storage::STATE_KEY;
use playground::App;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, InputEvent, InputEventInit,
    KeyboardEvent, KeyboardEventInit,
};
use yew::AppHandle;

/// One mounted copy of the app.
pub struct Mounted {
    pub root: Element,
    pub handle: Option<AppHandle<App>>,
}

impl Mounted {
    /// The app as a reload finds it: with whatever state is saved.
    pub async fn new() -> Mounted {
        ensure_styles();
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = playground::mount(root.clone());
        settle().await;
        Mounted {
            root,
            handle: Some(handle),
        }
    }

    /// The app with no saved state.
    pub async fn fresh() -> Mounted {
        forget_saved_text();
        Mounted::new().await
    }

    pub fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.unchecked_into())
            .collect()
    }

    /// The accessible names (`aria-label`) of what `selector` matches.
    pub fn labels(&self, selector: &str) -> Vec<String> {
        self.all(selector)
            .iter()
            .filter_map(|e| e.get_attribute("aria-label"))
            .collect()
    }

    pub fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }

    pub fn editor(&self) -> HtmlTextAreaElement {
        self.find(&format!("#{EDITOR_ID}")).unchecked_into()
    }

    pub fn console_input(&self) -> HtmlInputElement {
        self.find(&format!("#{CONSOLE_INPUT_ID}")).unchecked_into()
    }

    /// The button whose text or accessible name is `name`.
    pub fn button(&self, name: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            .find(|b| {
                b.text_content().as_deref() == Some(name)
                    || b.get_attribute("aria-label").as_deref() == Some(name)
            })
            .unwrap_or_else(|| panic!("no button {name:?}"))
            .unchecked_into()
    }

    pub async fn click(&self, name: &str) {
        self.button(name).click();
        settle().await;
    }

    /// Clicks the first button whose accessible name starts with `prefix`.
    pub async fn click_starting(&self, prefix: &str) {
        let b = self
            .all("button")
            .into_iter()
            .find(|b| {
                b.get_attribute("aria-label")
                    .is_some_and(|l| l.starts_with(prefix))
            })
            .unwrap_or_else(|| panic!("no button named {prefix}…"));
        b.unchecked_into::<HtmlElement>().click();
        settle().await;
    }

    /// Types into the editor as the browser would: new value, then an `input` event.
    pub async fn set_editor(&self, text: &str) {
        let editor = self.editor();
        editor.set_value(text);
        fire_input(&editor);
        settle().await;
    }

    /// Types `line` into the console and presses Enter.
    pub async fn run_console(&self, line: &str) {
        let input = self.console_input();
        input.set_value(line);
        fire_input(&input);
        settle().await;
        press(&input, "Enter", false).await;
    }

    /// Unmounts the app and forgets the saved editor text.
    pub fn unmount(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
        forget_saved_text();
    }
}

/// The app's stylesheet, as index.html links it (the editor's layout depends on it).
pub fn ensure_styles() {
    let document = gloo::utils::document();
    if document.get_element_by_id("app-styles").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("app-styles");
        style.set_text_content(Some(include_str!("../../static/style.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
}

/// Waits until Yew has processed every pending message and render.
pub async fn settle() {
    TimeoutFuture::new(0).await;
    yew::scheduler::flush().await;
}

pub fn fire_input(target: &Element) {
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

pub async fn press(target: &Element, key: &str, ctrl: bool) -> KeyboardEvent {
    press_with(target, key, ctrl, false).await
}

pub async fn press_with(target: &Element, key: &str, ctrl: bool, shift: bool) -> KeyboardEvent {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    settle().await;
    event
}

pub fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The editor text in the saved state, once the app's save pause has passed.
pub async fn saved_text() -> Option<String> {
    TimeoutFuture::new(600).await;
    let state = local_storage().get_item(STATE_KEY).unwrap()?;
    let v: serde_json::Value = serde_json::from_str(&state).unwrap();
    v["editor"].as_str().map(str::to_string)
}

pub fn forget_saved_text() {
    local_storage().remove_item(STATE_KEY).unwrap();
}

/// A key pressed with the focus on the page itself (no control focused).
pub async fn key_on_body(key: &str) {
    press(&gloo::utils::document().body().unwrap(), key, false).await;
}
