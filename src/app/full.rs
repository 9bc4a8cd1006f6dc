//! The playground's full layout: manifest, output and console on the left; time,
//! nodes, inspector and revisions on the right.

use engine::view::{diff_lines, inspect_node, inspect_pod, revision_template};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{focus, send_change, time_bar, App, AppMsg};
use crate::components::editor::{EDITOR_HELP_ID, EDITOR_ID};
use crate::components::inspector::Detail;
use crate::components::lesson::lesson_title;
use crate::components::LessonPanel;
use crate::components::{
    ApplyOutput, Board, Console, DaemonSetStatus, Editor, Inspector, Legend, NodeTools, Revisions,
    SharePanel, Shared,
};
use crate::examples::gallery::EXAMPLES;
use crate::model::export::ExportKind;
use crate::model::lesson::LessonMsg;
use crate::model::links::LinkState;
use crate::model::{Msg, Selection};
use crate::theme::Theme;

/// The lessons menu's entry that opens a file instead.
const OPEN_FILE: &str = "open-file";
const LESSON_FILE_ID: &str = "lesson-file";

pub(super) fn view(app: &App, ctx: &Context<App>) -> Html {
    let link = ctx.link();
    let m = &*app.model.borrow();
    let cb = &app.cb;
    let send = |msg: Msg| {
        let cb = cb.msg.clone();
        Callback::from(move |_: MouseEvent| cb.emit(msg.clone()))
    };
    let undo_reset = {
        let cb = cb.msg.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Msg::UndoReset);
            focus(EDITOR_ID);
        })
    };
    let on_lesson = {
        let cb = cb.msg.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let id = s.value();
            s.set_value("");
            if id == OPEN_FILE {
                if let Some(input) = gloo::utils::document().get_element_by_id(LESSON_FILE_ID) {
                    if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(input)
                    {
                        input.click();
                    }
                }
            } else if !id.is_empty() {
                cb.emit(Msg::Lesson(LessonMsg::StartBuiltin(id)));
            }
        })
    };
    let on_lesson_file = link.callback(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        AppMsg::LessonFile(input.files().and_then(|f| f.get(0)))
    });
    let on_example = {
        let cb = cb.msg.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let id = s.value();
            if !id.is_empty() {
                cb.emit(Msg::LoadExample(id));
            }
            s.set_value("");
        })
    };
    let on_theme = link.callback(|e: Event| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        AppMsg::Theme(Theme::parse(&s.value()).unwrap_or(Theme::System))
    });
    let board = Shared(m.board.clone());
    let c = &m.timeline.session.cluster;
    let detail = match &m.selection {
        Selection::None => None,
        Selection::Node(n) => inspect_node(c, n).map(|detail| {
            let card = m.board.card(n);
            Detail::Node {
                detail,
                status: card.map(|c| c.node.status.clone()).unwrap_or_default(),
                kubelet_stopped: card.is_some_and(|c| c.node.kubelet_stopped),
            }
        }),
        Selection::Pod(k) => inspect_pod(c, k).map(Detail::Pod),
    };
    let diff = m.diff.as_ref().and_then(|d| {
        let key = |name: &str| engine::cluster::Key::new(&d.daemonset.namespace, name);
        Some(diff_lines(
            &revision_template(c, &key(&d.from))?,
            &revision_template(c, &key(&d.to))?,
        ))
    });

    html! {
        <div class="app">
            <header class="app-header">
                <div class="title">
                    <h1>{ "DaemonSet Playground" }</h1>
                    <p class="tagline">
                        { "Apply a DaemonSet to a simulated cluster, shape its nodes, and watch where pods land and how a rollout moves. Everything runs in your browser." }
                    </p>
                </div>
                <div class="toolbar header-tools">
                    <label>
                        <span class="visually-hidden">{ "Examples" }</span>
                        <select onchange={on_example} aria-label="Load an example">
                            <option value="" selected=true>{ "Examples…" }</option>
                            { for EXAMPLES.iter().map(|e| html! { <option value={e.id}>{ e.title }</option> }) }
                        </select>
                    </label>
                        <label>
                            <span class="visually-hidden">{ "Lessons" }</span>
                            <select onchange={on_lesson} aria-label="Start a lesson">
                                <option value="" selected=true>{ "Lessons…" }</option>
                                { for engine::lesson::BUILTIN.iter().map(|(id, text)| html! {
                                    <option value={*id}>{ lesson_title(text) }</option>
                                }) }
                                <option value={OPEN_FILE}>{ "Open a lesson file…" }</option>
                            </select>
                        </label>
                        <input type="file" id={LESSON_FILE_ID} class="visually-hidden" accept=".sh,.txt,text/plain"
                            onchange={on_lesson_file} aria-label="Lesson file" tabindex="-1" />
                    <label>
                        <span class="visually-hidden">{ "Theme" }</span>
                        <select onchange={on_theme} aria-label="Theme">
                            { for Theme::ALL.iter().map(|t| html! {
                                <option value={t.id()} selected={*t == app.theme}>{ t.label() }</option>
                            }) }
                        </select>
                    </label>
                    <button type="button" class="primary" onclick={send(Msg::Share(m.share.is_none()))}
                        aria-expanded={m.share.is_some().to_string()}
                        title="A link to this scenario, and an iframe to embed it">{ "Share" }</button>
                    <details class="menu export-menu">
                        <summary>{ "Export" }</summary>
                        <ul role="list">
                            { for ExportKind::ALL.iter().map(|k| {
                                let k = *k;
                                html! { <li><button type="button" onclick={link.callback(move |_| AppMsg::Export(k))}>{ k.label() }</button></li> }
                            }) }
                        </ul>
                    </details>
                    <button type="button" onclick={send(Msg::ResetCluster)}
                        title="Start again from the three-node starter cluster (the editor keeps its text)">{ "Reset cluster" }</button>
                </div>
            </header>
            if let Some(n) = &m.notice {
                <div class="notice" role="alert">
                    { n.clone() }
                    if app.before_link {
                        { " Your previous work was kept: " }
                        <button type="button" class="link" onclick={link.callback(|_| AppMsg::RestoreBeforeLink)}>{ "go back to it" }</button>
                        { "." }
                    }
                    <button type="button" class="link dismiss" onclick={send(Msg::DismissNotice)} aria-label="Dismiss">{ "×" }</button>
                </div>
            }
            if let Some(link) = &m.share {
                <SharePanel fragment={match link { LinkState::Made(r) => Some(r.clone()), _ => None }} base={crate::launch::app_base()} on_close={cb.close_share.clone()} />
            }
            if let Some(l) = &m.lesson {
                <LessonPanel state={l.clone()} on_msg={cb.lesson.clone()} />
            }
            if let Some(e) = m.example {
                <div class="example-note" role="status">
                    <strong>{ e.title }</strong>{ ": " }{ e.summary }
                    <span class="try">{ " Try: " }<code>{ e.next }</code></span>
                </div>
            }
            <main class="workspace">
                <div class="column">
                    <section class="panel editor-panel" aria-labelledby="editor-title">
                        <div class="panel-header">
                            <h2 id="editor-title"><label for={EDITOR_ID}>{ "Manifest" }</label></h2>
                            <div class="toolbar">
                                <label class="toggle" title="Apply a moment after you stop typing">
                                    <input type="checkbox" checked={m.auto_apply}
                                        onchange={send_change(&cb.msg, Msg::ToggleAutoApply)} />
                                    { "Auto-apply" }
                                </label>
                                <button type="button" class="primary" onclick={send(Msg::Apply)}
                                    aria-keyshortcuts="Control+Enter Meta+Enter" title="Apply (Ctrl+Enter / ⌘+Enter)">{ "Apply" }</button>
                                <button type="button" onclick={send(Msg::Reset)}
                                    title="Replace the editor text with the example DaemonSet">{ "Reset" }</button>
                            </div>
                        </div>
                        <Editor
                            value={AttrValue::from(m.editor.clone())}
                            on_change={cb.editor_changed.clone()}
                            on_apply={cb.apply.clone()}
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
                        <div class="panel-header"><h2 id="apply-title">{ "Apply output" }</h2></div>
                        <ApplyOutput output={m.apply_output.clone()} runs={m.apply_runs} />
                    </section>
                    <section class="panel console-panel" aria-labelledby="console-title">
                        <div class="panel-header">
                            <h2 id="console-title">{ "Console" }</h2>
                            <div class="toolbar">
                                <button type="button" onclick={send(Msg::ConsoleClear)} disabled={m.scrollback.is_empty()}>{ "Clear" }</button>
                            </div>
                        </div>
                        <Console
                            entries={m.scrollback.clone()}
                            input={AttrValue::from(m.console_input.clone())}
                            completions={m.completions.clone()}
                            on_input={cb.console.input.clone()}
                            on_run={cb.console.run.clone()}
                            on_complete={cb.console.complete.clone()}
                            on_history_prev={cb.console.history_prev.clone()}
                            on_history_next={cb.console.history_next.clone()}
                        />
                    </section>
                </div>
                <div class="column">
                    <section class="panel sim-panel" aria-labelledby="sim-title">
                        <div class="panel-header"><h2 id="sim-title">{ "Time" }</h2></div>
                        { time_bar(m, cb) }
                        <DaemonSetStatus board={board.clone()} />
                    </section>
                    <section class="panel board-panel" aria-labelledby="board-title">
                        <div class="panel-header">
                            <h2 id="board-title">{ format!("Nodes ({})", m.board.nodes.len()) }</h2>
                        </div>
                        <NodeTools on_msg={cb.msg.clone()} />
                        <Legend />
                        <Board board={board.clone()} changed={Shared(m.changed.clone())}
                            selection={m.selection.clone()} on_select={cb.select.clone()} />
                    </section>
                    <section class="panel inspector-panel" aria-labelledby="inspector-title">
                        <div class="panel-header"><h2 id="inspector-title">{ "Inspector" }</h2></div>
                        <Inspector {detail} on_run={cb.run.clone()} on_reveal={cb.reveal.clone()}
                            on_select={cb.select.clone()} on_duplicate={cb.duplicate.clone()} />
                    </section>
                    <section class="panel revisions-panel" aria-labelledby="revisions-title">
                        <div class="panel-header"><h2 id="revisions-title">{ "Revisions" }</h2></div>
                        <Revisions board={board} diff={m.diff.clone()} diff_lines={diff}
                            on_run={cb.run.clone()} on_diff={cb.diff.clone()} />
                    </section>
                </div>
            </main>
        </div>
    }
}
