//! The kubectl console: a scrollback of commands with their output, and an input line.
//!
//! Keys in the input: Enter runs, Tab completes, ↑/↓ browse the history.

use std::rc::Rc;

use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use super::OutputText;
use crate::model::ConsoleEntry;

/// Id of the input line (the `<label for>` and the tests use it).
pub const CONSOLE_INPUT_ID: &str = "console-input";
/// Id of the scrollback.
pub const SCROLLBACK_ID: &str = "console-scrollback";

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub entries: Rc<Vec<ConsoleEntry>>,
    pub input: AttrValue,
    pub on_input: Callback<String>,
    pub on_run: Callback<()>,
    pub on_history_prev: Callback<()>,
    pub on_history_next: Callback<()>,
    pub on_complete: Callback<()>,
    /// Candidates offered by the last Tab.
    #[prop_or_default]
    pub completions: Vec<String>,
}

#[function_component]
pub fn Console(props: &ConsoleProps) -> Html {
    let scrollback = use_node_ref();

    // Keep the newest output in view.
    {
        let scrollback = scrollback.clone();
        use_effect_with(props.entries.clone(), move |_| {
            if let Some(el) = scrollback.cast::<Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_input.emit(input.value());
        })
    };
    let onkeydown = {
        let on_run = props.on_run.clone();
        let on_prev = props.on_history_prev.clone();
        let on_next = props.on_history_next.clone();
        let on_complete = props.on_complete.clone();
        let empty = props.input.is_empty();
        Callback::from(move |e: KeyboardEvent| {
            if e.is_composing() || e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            let callback = match e.key().as_str() {
                // On an empty line Tab moves focus on, as everywhere else.
                "Tab" if !e.shift_key() && !empty => &on_complete,
                "Enter" => &on_run,
                "ArrowUp" => &on_prev,
                "ArrowDown" => &on_next,
                _ => return,
            };
            e.prevent_default();
            callback.emit(());
        })
    };
    let onclick_run = {
        let on_run = props.on_run.clone();
        Callback::from(move |_: MouseEvent| on_run.emit(()))
    };

    html! {
        <>
            <div
                id={SCROLLBACK_ID}
                class="scrollback"
                ref={scrollback}
                role="log"
                aria-label="Console output"
                tabindex="0"
            >
                if props.entries.is_empty() {
                    <p class="placeholder">
                        { "Type a command such as " }<code>{ "kubectl get ds" }</code>
                        { " below and press Enter." }
                    </p>
                }
                { for props.entries.iter().map(|entry| html! {
                    <div class="entry">
                        <pre class="echo">{ format!("$ {}", entry.command) }</pre>
                        <OutputText output={entry.output.clone()} />
                    </div>
                }) }
            </div>
            <div class="prompt">
                <label for={CONSOLE_INPUT_ID}>
                    <span class="prompt-sign" aria-hidden="true">{ "$" }</span>
                    <span class="visually-hidden">{ "kubectl command" }</span>
                </label>
                <input
                    id={CONSOLE_INPUT_ID}
                    class="code"
                    type="text"
                    value={props.input.clone()}
                    {oninput}
                    {onkeydown}
                    placeholder="kubectl get ds"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-describedby="console-help"
                />
                <button type="button" onclick={onclick_run}>{ "Run" }</button>
            </div>
            <p id="console-completions" class="completions" aria-live="polite">
                { props.completions.join("  ") }
            </p>
            <p id="console-help" class="hint">{ "Enter runs the command; Tab completes names; ↑ and ↓ go through earlier commands." }</p>
        </>
    }
}
