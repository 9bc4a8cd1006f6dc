//! The root component: owns the engine session and the [`Model`], turns widget
//! callbacks into [`Msg`]s, and saves the editor text.

use std::rc::Rc;

use engine::session::Session;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::editor::{EDITOR_HELP_ID, EDITOR_ID};
use crate::components::{ApplyOutput, Console, Editor};
use crate::examples::DEFAULT_MANIFEST;
use crate::model::{Model, Msg};
use crate::storage;

pub struct App {
    model: Model,
    session: Session,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(_ctx: &Context<Self>) -> Self {
        App {
            model: Model::new(storage::load_editor()),
            session: crate::examples::starter_session(),
        }
    }

    fn update(&mut self, _ctx: &Context<Self>, msg: Msg) -> bool {
        let effects = self.model.update(msg, &mut self.session);
        if effects.save_editor {
            if self.model.editor == DEFAULT_MANIFEST {
                storage::clear_editor();
            } else {
                storage::save_editor(&self.model.editor);
            }
        }
        effects.render
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let m = &self.model;
        let undo_reset = {
            let link = link.clone();
            Callback::from(move |_: MouseEvent| {
                link.send_message(Msg::UndoReset);
                // The Undo button goes away; keep focus somewhere useful.
                focus(EDITOR_ID);
            })
        };

        html! {
            <div class="app">
                <header class="app-header">
                    <h1>{ "DaemonSet Playground" }</h1>
                    <p class="tagline">
                        { "Edit a manifest, apply it to a simulated cluster, and explore it with kubectl. \
                           Everything runs in your browser." }
                    </p>
                </header>
                <main class="workspace">
                    <section class="panel editor-panel" aria-labelledby="editor-title">
                        <div class="panel-header">
                            <h2 id="editor-title"><label for={EDITOR_ID}>{ "Manifest" }</label></h2>
                            <div class="toolbar">
                                <button
                                    type="button"
                                    class="primary"
                                    onclick={link.callback(|_| Msg::Apply)}
                                    aria-keyshortcuts="Control+Enter Meta+Enter"
                                    title="Apply (Ctrl+Enter / ⌘+Enter)"
                                >
                                    { "Apply" }
                                </button>
                                <button
                                    type="button"
                                    onclick={link.callback(|_| Msg::Reset)}
                                    title="Replace the editor text with the example DaemonSet"
                                >
                                    { "Reset" }
                                </button>
                            </div>
                        </div>
                        <Editor
                            value={AttrValue::from(m.editor.clone())}
                            on_change={link.callback(Msg::EditorChanged)}
                            on_apply={link.callback(|()| Msg::Apply)}
                            diagnostics={Rc::default()}
                            reveal={None}
                        />
                        <div class="editor-footer">
                            <p id={EDITOR_HELP_ID} class="hint">
                                <kbd>{ "Ctrl" }</kbd>{ "+" }<kbd>{ "Enter" }</kbd>{ " applies. " }
                                <kbd>{ "Tab" }</kbd>{ " indents; " }<kbd>{ "Esc" }</kbd>{ " then " }
                                <kbd>{ "Tab" }</kbd>{ " leaves the editor. Saved in this browser." }
                            </p>
                            <div class="reset-note" role="status">
                                if m.before_reset.is_some() {
                                    { "Editor reset to the example. " }
                                    <button type="button" class="link" onclick={undo_reset}>{ "Undo" }</button>
                                }
                            </div>
                        </div>
                    </section>
                    <section class="panel output-panel" aria-labelledby="apply-title">
                        <div class="panel-header">
                            <h2 id="apply-title">{ "Apply output" }</h2>
                        </div>
                        <ApplyOutput output={m.apply_output.clone()} runs={m.apply_runs} />
                    </section>
                    <section class="panel console-panel" aria-labelledby="console-title">
                        <div class="panel-header">
                            <h2 id="console-title">{ "Console" }</h2>
                            <div class="toolbar">
                                <button
                                    type="button"
                                    onclick={link.callback(|_| Msg::ConsoleClear)}
                                    disabled={m.scrollback.is_empty()}
                                >
                                    { "Clear" }
                                </button>
                            </div>
                        </div>
                        <Console
                            entries={m.scrollback.clone()}
                            input={AttrValue::from(m.console_input.clone())}
                            on_input={link.callback(Msg::ConsoleInput)}
                            on_run={link.callback(|()| Msg::ConsoleRun)}
                            on_history_prev={link.callback(|()| Msg::HistoryPrev)}
                            on_history_next={link.callback(|()| Msg::HistoryNext)}
                        />
                    </section>
                </main>
            </div>
        }
    }
}

fn focus(id: &str) {
    if let Some(el) = gloo::utils::document().get_element_by_id(id) {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<HtmlElement>(el) {
            let _ = el.focus();
        }
    }
}
