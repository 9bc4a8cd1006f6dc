//! The manifest editor: CodeMirror 6 behind a small JS shim (`js/editor/index.js`, bundled
//! into `js/editor-bundle.js` by `npm run build:editor`, which `scripts/setup.sh` and
//! Trunk's pre-build hook run), with YAML highlighting, line numbers, undo and redo, and
//! the diagnostics of the engine shown at their line and column.
//!
//! Keys: Ctrl/Cmd+Enter applies; Tab inserts two spaces (indents the lines of a
//! selection) and Shift+Tab dedents; Esc then Tab leaves the editor (so Tab never traps
//! keyboard users); Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo.
//!
//! The editor owns its text: the `value` prop is pushed into it only when it differs from
//! what the editor last reported through `on_change` (Reset, Undo of a reset, a restore),
//! so typing never resets it and its undo history stays whole.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::prelude::*;

use crate::diagnostics::{summary, Diagnostic};

/// Id of the editable element (the `<label for>` and the tests use it).
pub const EDITOR_ID: &str = "manifest-editor";
/// Id of the key help text the editor is described by.
pub const EDITOR_HELP_ID: &str = "manifest-editor-help";

mod shim {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/js/editor-bundle.js")]
    extern "C" {
        /// What `create` returns: the CodeMirror view and its label wiring.
        pub type Handle;

        pub fn create(parent: &web_sys::Element, options: &js_sys::Object) -> Handle;
        #[wasm_bindgen(js_name = setValue)]
        pub fn set_value(handle: &Handle, text: &str);
        #[wasm_bindgen(js_name = setDiagnostics)]
        pub fn set_diagnostics(handle: &Handle, list: &js_sys::Array);
        #[wasm_bindgen(js_name = revealLine)]
        pub fn reveal_line(handle: &Handle, line: u32);
        #[wasm_bindgen(js_name = setCursor)]
        pub fn set_cursor(handle: &Handle, line: u32, column: u32);
        pub fn relabel(handle: &Handle);
        pub fn destroy(handle: &Handle);
    }
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub value: AttrValue,
    pub on_change: Callback<String>,
    pub on_apply: Callback<()>,
    /// Problems to show at their line and column (and to announce).
    #[prop_or_default]
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// `(line, nonce)`: mark the 1-based line and scroll it into view; a new nonce asks
    /// again for the same line. `None` clears the mark.
    #[prop_or_default]
    pub reveal: Option<(u32, u32)>,
}

/// The latest callbacks, which the JS closures call through.
struct Callbacks {
    on_change: Callback<String>,
    on_apply: Callback<()>,
}

/// A live CodeMirror instance and what must live as long as it does.
struct Instance {
    handle: shim::Handle,
    /// The text the editor holds, as far as the component knows.
    text: Rc<RefCell<String>>,
    _on_change: Closure<dyn FnMut(String)>,
    _on_apply: Closure<dyn FnMut()>,
}

impl Drop for Instance {
    fn drop(&mut self) {
        shim::destroy(&self.handle);
    }
}

#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let host = use_node_ref();
    let instance = use_mut_ref(|| None::<Instance>);
    let callbacks = use_mut_ref(|| Callbacks {
        on_change: props.on_change.clone(),
        on_apply: props.on_apply.clone(),
    });
    {
        let mut cb = callbacks.borrow_mut();
        cb.on_change = props.on_change.clone();
        cb.on_apply = props.on_apply.clone();
    }

    // Create the editor once the host element exists; destroy it with the component.
    {
        let (host, instance, callbacks) = (host.clone(), instance.clone(), callbacks.clone());
        let value = props.value.to_string();
        use_effect_with((), move |_| {
            if let Some(el) = host.cast::<Element>() {
                *instance.borrow_mut() = Some(mount(&el, value, callbacks));
            }
            move || drop(instance.borrow_mut().take())
        });
    }

    // New text from outside (Reset, Undo, restore): into the editor. Runs after every
    // render, so that a `<label for>` rendered by the parent is found too.
    {
        let (instance, value) = (instance.clone(), props.value.clone());
        use_effect(move || {
            if let Some(inst) = instance.borrow().as_ref() {
                let stale = *inst.text.borrow() != *value;
                if stale {
                    *inst.text.borrow_mut() = value.to_string();
                    shim::set_value(&inst.handle, &value);
                }
                shim::relabel(&inst.handle);
            }
        });
    }

    {
        let instance = instance.clone();
        use_effect_with(props.diagnostics.clone(), move |list| {
            if let Some(inst) = instance.borrow().as_ref() {
                shim::set_diagnostics(&inst.handle, &to_js(list));
            }
        });
    }

    {
        let instance = instance.clone();
        use_effect_with(props.reveal, move |reveal| {
            if let Some(inst) = instance.borrow().as_ref() {
                shim::reveal_line(&inst.handle, reveal.map_or(0, |(line, _)| line));
            }
        });
    }

    let problems = summary(&props.diagnostics);
    html! {
        <>
            <div class="editor" ref={host} translate="no"></div>
            <div class="editor-problems">
                <p class="visually-hidden" role="status" aria-live="polite">{ problems }</p>
                if !props.diagnostics.is_empty() {
                    <ul class="problem-list" aria-label="Problems in the manifest">
                        { for props.diagnostics.iter().map(|d| problem_item(d, &instance)) }
                    </ul>
                }
            </div>
        </>
    }
}

/// One problem under the editor: a button that moves the cursor to it, and its message.
fn problem_item(d: &Diagnostic, instance: &Rc<RefCell<Option<Instance>>>) -> Html {
    let (line, column) = (d.line, d.column);
    let onclick = {
        let instance = instance.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(inst) = instance.borrow().as_ref() {
                shim::set_cursor(&inst.handle, line, column);
            }
        })
    };
    let severity = d.severity.as_str();
    html! {
        <li class={classes!("problem", format!("problem-{severity}"))}>
            <button type="button" class="link" {onclick}>
                { format!("Line {line}, column {column}") }
            </button>
            { ": " }
            <span class="problem-message">{ d.message.clone() }</span>
        </li>
    }
}

fn mount(el: &Element, value: String, callbacks: Rc<RefCell<Callbacks>>) -> Instance {
    let text = Rc::new(RefCell::new(value));
    let on_change = {
        let (text, callbacks) = (text.clone(), callbacks.clone());
        Closure::<dyn FnMut(String)>::new(move |new: String| {
            // Known before the app renders again, so that its render does not echo it back.
            *text.borrow_mut() = new.clone();
            let cb = callbacks.borrow().on_change.clone();
            cb.emit(new);
        })
    };
    let on_apply = Closure::<dyn FnMut()>::new(move || {
        let cb = callbacks.borrow().on_apply.clone();
        cb.emit(());
    });
    let options = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), v);
    };
    set("doc", &JsValue::from_str(&text.borrow()));
    set("id", &JsValue::from_str(EDITOR_ID));
    set("describedBy", &JsValue::from_str(EDITOR_HELP_ID));
    set("onChange", on_change.as_ref());
    set("onApply", on_apply.as_ref());
    let handle = shim::create(el, &options);
    Instance {
        handle,
        text,
        _on_change: on_change,
        _on_apply: on_apply,
    }
}

fn to_js(list: &[Diagnostic]) -> js_sys::Array {
    list.iter()
        .map(|d| {
            let o = js_sys::Object::new();
            let set = |k: &str, v: JsValue| {
                let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &v);
            };
            set("line", d.line.into());
            set("column", d.column.into());
            set("message", JsValue::from_str(&d.message));
            set("severity", JsValue::from_str(d.severity.as_str()));
            JsValue::from(o)
        })
        .collect()
}

/// The text of the editor whose editable element is `el` (tests and tools).
pub fn editor_text(el: &Element) -> Option<String> {
    js_sys::Reflect::get(el, &JsValue::from_str("value"))
        .ok()?
        .as_string()
}
