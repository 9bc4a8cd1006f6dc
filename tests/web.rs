//! Browser tests of the app, in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p playground`.
//!
//! Each test mounts its own copy of the app into a fresh `<div>` and removes it
//! afterwards; queries are scoped to that div.

use gloo::timers::future::TimeoutFuture;
use playground::components::console::{CONSOLE_INPUT_ID, SCROLLBACK_ID};
use playground::components::editor::EDITOR_ID;
use playground::components::output::APPLY_OUTPUT_ID;
use playground::examples::DEFAULT_MANIFEST;
use playground::storage::STATE_KEY;
use playground::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, InputEvent, InputEventInit,
    KeyboardEvent, KeyboardEventInit,
};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

/// One mounted copy of the app.
struct Mounted {
    root: Element,
    handle: Option<AppHandle<App>>,
}

impl Mounted {
    async fn new() -> Mounted {
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

    fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    fn text(&self, selector: &str) -> String {
        self.find(selector).text_content().unwrap_or_default()
    }

    fn editor(&self) -> HtmlTextAreaElement {
        self.find(&format!("#{EDITOR_ID}")).unchecked_into()
    }

    fn console_input(&self) -> HtmlInputElement {
        self.find(&format!("#{CONSOLE_INPUT_ID}")).unchecked_into()
    }

    fn button(&self, label: &str) -> HtmlElement {
        let buttons = self.root.query_selector_all("button").unwrap();
        (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .map(|b| b.unchecked_into::<HtmlElement>())
            .find(|b| b.text_content().as_deref() == Some(label))
            .unwrap_or_else(|| panic!("no button {label:?}"))
    }

    /// Types into the editor as the browser would: new value, then an `input` event.
    async fn set_editor(&self, text: &str) {
        let editor = self.editor();
        editor.set_value(text);
        fire_input(&editor);
        settle().await;
    }

    /// Types `line` into the console and presses Enter.
    async fn run_console(&self, line: &str) {
        let input = self.console_input();
        input.set_value(line);
        fire_input(&input);
        settle().await;
        press(&input, "Enter", false).await;
    }

    /// Unmounts the app and forgets the saved editor text.
    fn unmount(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
        forget_saved_text();
    }
}

/// Waits until Yew has processed every pending message and render.
async fn settle() {
    TimeoutFuture::new(0).await;
    yew::scheduler::flush().await;
}

fn fire_input(target: &Element) {
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

async fn press(target: &Element, key: &str, ctrl: bool) -> KeyboardEvent {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    settle().await;
    event
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The editor text in the saved state, once the app's save pause has passed.
async fn saved_text() -> Option<String> {
    TimeoutFuture::new(600).await;
    let state = local_storage().get_item(STATE_KEY).unwrap()?;
    let v: serde_json::Value = serde_json::from_str(&state).unwrap();
    v["editor"].as_str().map(str::to_string)
}

fn forget_saved_text() {
    local_storage().remove_item(STATE_KEY).unwrap();
}

#[wasm_bindgen_test]
async fn editor_and_console_render_with_accessible_labels() {
    forget_saved_text();
    let app = Mounted::new().await;

    assert_eq!(app.text(&format!("label[for={EDITOR_ID}]")), "Manifest");
    assert_eq!(app.editor().value(), DEFAULT_MANIFEST);
    let lines = DEFAULT_MANIFEST.split('\n').count();
    assert_eq!(app.text(".gutter").split('\n').count(), lines);
    assert_eq!(
        app.find(".gutter").get_attribute("aria-hidden").as_deref(),
        Some("true")
    );

    assert_eq!(
        app.text(&format!("label[for={CONSOLE_INPUT_ID}] .visually-hidden")),
        "kubectl command"
    );
    let log = app.find(&format!("#{SCROLLBACK_ID}"));
    assert_eq!(log.get_attribute("role").as_deref(), Some("log"));
    assert_eq!(
        log.get_attribute("aria-label").as_deref(),
        Some("Console output")
    );
    let apply_output = app.find(&format!("#{APPLY_OUTPUT_ID}"));
    assert_eq!(
        apply_output.get_attribute("aria-live").as_deref(),
        Some("polite")
    );
    for label in ["Apply", "Reset", "Run", "Clear"] {
        app.button(label);
    }
    app.unmount();
}

#[wasm_bindgen_test]
async fn console_echoes_the_command_and_shows_its_output() {
    let app = Mounted::new().await;
    app.run_console("kubectl get ds").await;

    assert_eq!(app.text(".scrollback .entry pre.echo"), "$ kubectl get ds");
    let output = app.text(".scrollback .entry pre.output");
    assert!(!output.trim().is_empty(), "engine output is shown");
    assert_eq!(app.console_input().value(), "", "the input line is cleared");
    app.unmount();
}

#[wasm_bindgen_test]
async fn console_history_with_arrow_keys() {
    let app = Mounted::new().await;
    app.run_console("kubectl get ds").await;
    app.run_console("kubectl get pods").await;
    let input = app.console_input();

    let event = press(&input, "ArrowUp", false).await;
    assert!(event.default_prevented());
    assert_eq!(input.value(), "kubectl get pods");
    press(&input, "ArrowUp", false).await;
    assert_eq!(input.value(), "kubectl get ds");
    press(&input, "ArrowDown", false).await;
    assert_eq!(input.value(), "kubectl get pods");
    press(&input, "ArrowDown", false).await;
    assert_eq!(input.value(), "");
    app.unmount();
}

#[wasm_bindgen_test]
async fn apply_button_and_ctrl_enter_show_the_engine_output() {
    let app = Mounted::new().await;
    assert!(app
        .root
        .query_selector(".apply-output pre.output")
        .unwrap()
        .is_none());

    app.button("Apply").click();
    settle().await;
    let shown = app.text(".apply-output");
    assert!(shown.contains("$ kubectl apply -f -"), "{shown:?}");
    assert!(!app.text(".apply-output pre.output").trim().is_empty());

    app.find(".apply-output").set_inner_html("");
    let event = press(&app.editor(), "Enter", true).await;
    assert!(
        event.default_prevented(),
        "Ctrl+Enter does not insert a newline"
    );
    assert!(!app.text(".apply-output pre.output").trim().is_empty());
    app.unmount();
}

#[wasm_bindgen_test]
async fn tab_inserts_two_spaces() {
    let app = Mounted::new().await;
    app.set_editor("ab").await;
    let editor = app.editor();
    editor.focus().unwrap();
    editor.set_selection_range(1, 1).unwrap();

    let event = press(&editor, "Tab", false).await;
    assert!(event.default_prevented(), "Tab does not move focus");
    assert_eq!(editor.value(), "a  b");
    assert_eq!(editor.selection_start().unwrap(), Some(3));
    assert_eq!(
        saved_text().await.as_deref(),
        Some("a  b"),
        "the model saw the edit"
    );

    // Esc, then Tab: the browser's focus move is left alone.
    press(&editor, "Escape", false).await;
    let event = press(&editor, "Tab", false).await;
    assert!(!event.default_prevented());
    assert_eq!(editor.value(), "a  b");
    app.unmount();
}

#[wasm_bindgen_test]
async fn editor_text_is_saved_restored_and_reset() {
    forget_saved_text();
    let mut app = Mounted::new().await;
    app.set_editor("kind: DaemonSet\n# mine\n").await;
    assert_eq!(
        saved_text().await.as_deref(),
        Some("kind: DaemonSet\n# mine\n")
    );
    // A second copy (as after a reload) starts from the saved text.
    app.handle.take().unwrap().destroy();
    app.root.remove();
    let again = Mounted::new().await;
    assert_eq!(again.editor().value(), "kind: DaemonSet\n# mine\n");

    again.button("Reset").click();
    settle().await;
    assert_eq!(again.editor().value(), DEFAULT_MANIFEST);
    assert_eq!(
        saved_text().await.as_deref(),
        Some(DEFAULT_MANIFEST),
        "after Reset a reload shows the example"
    );
    again.button("Undo").click();
    settle().await;
    assert_eq!(again.editor().value(), "kind: DaemonSet\n# mine\n");
    assert_eq!(
        saved_text().await.as_deref(),
        Some("kind: DaemonSet\n# mine\n")
    );
    again.unmount();
}

#[wasm_bindgen_test]
async fn panic_overlay_is_shown_once() {
    playground::panic::show_overlay("boom at src/x.rs:1");
    playground::panic::show_overlay("second");
    let document = gloo::utils::document();
    let overlays = document.query_selector_all(".panic-overlay").unwrap();
    assert_eq!(overlays.length(), 1);
    let overlay = document
        .get_element_by_id(playground::panic::OVERLAY_ID)
        .unwrap();
    assert_eq!(
        overlay.get_attribute("role").as_deref(),
        Some("alertdialog")
    );
    let text = overlay.text_content().unwrap();
    assert!(text.contains("Something went wrong"));
    assert!(text.contains("boom at src/x.rs:1"));
    overlay.remove();
}
