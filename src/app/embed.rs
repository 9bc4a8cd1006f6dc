//! The embed: a chrome-less view for an iframe in a documentation page. Time controls,
//! the status lines and the grid; the manifest only when the link asks for it. Nothing
//! is saved, so an embed never disturbs the reader's own playground.

use yew::prelude::*;

use super::{time_bar, App};
use crate::components::{Board, DaemonSetStatus, Editor, Legend, Shared};
use crate::launch::{EmbedOptions, ManifestMode};
use crate::model::Msg;

pub(super) fn view(app: &App, _ctx: &Context<App>) -> Html {
    let m = &*app.model.borrow();
    let cb = &app.cb;
    let opts: &EmbedOptions = app.embed.as_ref().expect("embed view without options");
    let board = Shared(m.board.clone());
    let apply = {
        let cb = cb.msg.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Msg::Apply))
    };
    // The full playground with the same scenario, in a new tab.
    let open_full = app.full_link.clone();
    html! {
        <div class="app embed">
            <header class="embed-header">
                { time_bar(m, cb) }
                if let Some(href) = open_full {
                    <a class="open-full" {href} target="_blank" rel="noopener">{ "Open in the playground ↗" }</a>
                }
            </header>
            if let Some(n) = &m.notice {
                <div class="notice" role="alert">{ n.clone() }</div>
            }
            <DaemonSetStatus board={board.clone()} />
            <div class="embed-body">
                if opts.manifest != ManifestMode::Hidden {
                    <section class="embed-manifest" aria-label="Manifest">
                        if opts.manifest == ManifestMode::Editable {
                            <Editor
                                value={AttrValue::from(m.editor.clone())}
                                on_change={cb.editor_changed.clone()}
                                on_apply={cb.apply.clone()}
                            />
                            <button type="button" class="primary" onclick={apply}>{ "Apply" }</button>
                        } else {
                            <pre class="manifest-readonly" tabindex="0">{ m.editor.clone() }</pre>
                        }
                    </section>
                }
                <section class="embed-board" aria-label="Nodes">
                    <Legend />
                    <Board board={board} changed={Shared(m.changed.clone())}
                        selection={m.selection.clone()} on_select={cb.select.clone()} />
                </section>
            </div>
        </div>
    }
}
