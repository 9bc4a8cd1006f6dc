//! The Share panel: the scenario's link (the whole timeline in the fragment) and the
//! iframe snippet that embeds it in a documentation page.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The link's fragment (`v1.…`), or why there is none; `None` while it is made.
    pub fragment: Option<Result<String, String>>,
    /// The app's address without query or fragment, e.g. `https://example.org/playground/`.
    pub base: String,
    pub on_close: Callback<()>,
}

/// The iframe a documentation page pastes.
pub fn embed_snippet(base: &str, fragment: &str) -> String {
    format!(
        "<iframe src=\"{base}?embed=1#{fragment}\" title=\"DaemonSet Playground\" width=\"100%\" height=\"520\" style=\"border:0\" loading=\"lazy\"></iframe>"
    )
}

fn copy_of(r: &NodeRef) -> Callback<MouseEvent> {
    let r = r.clone();
    Callback::from(move |_: MouseEvent| {
        let Some(input) = r.cast::<HtmlInputElement>() else {
            return;
        };
        input.select();
        // The clipboard API needs a secure context; the selection is the fallback.
        let clipboard = gloo::utils::window().navigator().clipboard();
        let _ = clipboard.write_text(&input.value());
    })
}

#[function_component]
pub fn SharePanel(p: &ShareProps) -> Html {
    let link_ref = use_node_ref();
    let embed_ref = use_node_ref();
    let close = {
        let cb = p.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let body = match &p.fragment {
        None => html! { <p role="status">{ "Making the link…" }</p> },
        Some(Err(e)) => {
            html! { <p class="stderr">{ format!("This scenario cannot be shared as a link: {e}") }</p> }
        }
        Some(Ok(fragment)) => {
            let link = format!("{}#{fragment}", p.base);
            let snippet = embed_snippet(&p.base, fragment);
            html! {
                <>
                    <label for="share-link">{ format!("Link ({} characters): opens this scenario, at this point in time", link.len()) }</label>
                    <div class="copy-row">
                        <input id="share-link" ref={link_ref.clone()} class="code" readonly=true value={link} />
                        <button type="button" onclick={copy_of(&link_ref)}>{ "Copy link" }</button>
                    </div>
                    <label for="share-embed">{ "Embed in a page (pod grid and time controls; add &manifest=show, &autoplay=1 or &theme=dark to the address)" }</label>
                    <div class="copy-row">
                        <input id="share-embed" ref={embed_ref.clone()} class="code" readonly=true value={snippet} />
                        <button type="button" onclick={copy_of(&embed_ref)}>{ "Copy embed" }</button>
                    </div>
                </>
            }
        }
    };
    html! {
        <section class="panel share-panel" aria-labelledby="share-title">
            <div class="panel-header">
                <h2 id="share-title">{ "Share" }</h2>
                <button type="button" onclick={close} aria-label="Close the Share panel">{ "Close" }</button>
            </div>
            { body }
        </section>
    }
}
