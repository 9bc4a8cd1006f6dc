//! The manifest editor: a textarea with a line-number gutter.
//!
//! Keys: Ctrl/Cmd+Enter applies; Tab inserts two spaces; Esc then Tab leaves the
//! editor (so Tab never traps keyboard users); Shift+Tab moves focus back as usual.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDocument, HtmlTextAreaElement};
use yew::prelude::*;

use crate::text;

/// Id of the textarea (the `<label for>` and the tests use it).
pub const EDITOR_ID: &str = "manifest-editor";
/// Id of the key help text the textarea is described by.
pub const EDITOR_HELP_ID: &str = "manifest-editor-help";

const INDENT: &str = "  ";

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub value: AttrValue,
    pub on_change: Callback<String>,
    pub on_apply: Callback<()>,
}

#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let textarea = use_node_ref();
    let gutter = use_node_ref();
    // Set by Esc; the next Tab then moves focus instead of indenting.
    let tab_leaves = use_mut_ref(|| false);
    let lines = text::line_count(&props.value);
    let numbers = use_memo(lines, |&n| text::gutter_numbers(n));

    // After every render (new lines, new text from Reset) the gutter follows the textarea.
    {
        let (textarea, gutter) = (textarea.clone(), gutter.clone());
        use_effect(move || sync_gutter(&textarea, &gutter));
    }

    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            on_change.emit(ta.value());
        })
    };
    let onscroll = {
        let (textarea, gutter) = (textarea.clone(), gutter.clone());
        Callback::from(move |_: Event| sync_gutter(&textarea, &gutter))
    };
    let onkeydown = {
        let on_apply = props.on_apply.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: KeyboardEvent| {
            let plain = !(e.ctrl_key() || e.meta_key() || e.alt_key() || e.shift_key());
            let leave = std::mem::replace(&mut *tab_leaves.borrow_mut(), false);
            match e.key().as_str() {
                "Enter" if e.ctrl_key() || e.meta_key() => {
                    e.prevent_default();
                    on_apply.emit(());
                }
                "Escape" => *tab_leaves.borrow_mut() = true,
                "Tab" if plain && !leave => {
                    e.prevent_default();
                    let ta: HtmlTextAreaElement = e.target_unchecked_into();
                    insert_indent(&ta, &on_change);
                }
                _ => {}
            }
        })
    };

    html! {
        <div class="editor">
            <pre class="gutter" ref={gutter} aria-hidden="true">{ (*numbers).clone() }</pre>
            <textarea
                id={EDITOR_ID}
                ref={textarea}
                class="code"
                value={props.value.clone()}
                {oninput}
                {onkeydown}
                {onscroll}
                wrap="off"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-describedby={EDITOR_HELP_ID}
            />
        </div>
    }
}

fn sync_gutter(textarea: &NodeRef, gutter: &NodeRef) {
    if let (Some(ta), Some(g)) = (textarea.cast::<Element>(), gutter.cast::<Element>()) {
        g.set_scroll_top(ta.scroll_top());
    }
}

/// Replaces the selection with two spaces. `execCommand` keeps the browser's undo
/// history and fires `input` itself; `setRangeText` is the fallback.
fn insert_indent(ta: &HtmlTextAreaElement, on_change: &Callback<String>) {
    let document: HtmlDocument = gloo::utils::document().unchecked_into();
    if document
        .exec_command_with_show_ui_and_value("insertText", false, INDENT)
        .unwrap_or(false)
    {
        return;
    }
    let start = ta.selection_start().ok().flatten().unwrap_or(0);
    if ta.set_range_text(INDENT).is_ok() {
        let caret = start + INDENT.len() as u32;
        let _ = ta.set_selection_range(caret, caret);
        on_change.emit(ta.value());
    }
}
