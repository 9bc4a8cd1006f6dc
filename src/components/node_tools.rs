//! Shaping the cluster: add a worker or a control plane, generate a pool, or paste the
//! nodes of a real cluster (`kubectl get nodes -o yaml`).

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::model::Msg;

#[derive(Properties, PartialEq)]
pub struct NodeToolsProps {
    pub on_msg: Callback<Msg>,
}

fn value(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

#[function_component]
pub fn NodeTools(p: &NodeToolsProps) -> Html {
    let send = |m: Msg| {
        let cb = p.on_msg.clone();
        Callback::from(move |_: MouseEvent| cb.emit(m.clone()))
    };
    let (prefix, count, labels, taint) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let import = use_node_ref();
    let add_pool = {
        let cb = p.on_msg.clone();
        let (prefix, count, labels, taint) =
            (prefix.clone(), count.clone(), labels.clone(), taint.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            cb.emit(Msg::AddPool {
                prefix: value(&prefix),
                count: value(&count).trim().parse().unwrap_or(0),
                labels: value(&labels),
                taint: value(&taint),
            });
        })
    };
    let do_import = {
        let (cb, import) = (p.on_msg.clone(), import.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(t) = import.cast::<HtmlTextAreaElement>() {
                if !t.value().trim().is_empty() {
                    cb.emit(Msg::ImportNodes(t.value()));
                    t.set_value("");
                }
            }
        })
    };
    html! {
        <div class="node-tools">
            <div class="toolbar">
                <button type="button" onclick={send(Msg::AddNode)}>{ "Add node" }</button>
                <button type="button" onclick={send(Msg::AddControlPlane)} title="A node with the control-plane label and NoSchedule taint">{ "Add control plane" }</button>
            </div>
            <details>
                <summary>{ "Add a pool of nodes" }</summary>
                <form class="inline-form pool-form" onsubmit={add_pool} aria-label="Add a pool of nodes">
                    <label>{ "Name prefix " }<input ref={prefix} class="code" value="pool" size="8" /></label>
                    <label>{ "Nodes " }<input ref={count} type="number" min="1" max="5000" value="10" size="5" /></label>
                    <label>{ "Labels " }<input ref={labels} class="code" placeholder="disk=ssd,zone=a" size="16" /></label>
                    <label>{ "Taint " }<input ref={taint} class="code" placeholder="gpu=true:NoSchedule" size="18" /></label>
                    <button type="submit">{ "Add pool" }</button>
                </form>
            </details>
            <details>
                <summary>{ "Import nodes from a real cluster" }</summary>
                <form class="import-form" onsubmit={do_import} aria-label="Import nodes">
                    <label for="import-nodes">{ "Paste the output of " }<code>{ "kubectl get nodes -o yaml" }</code></label>
                    <textarea id="import-nodes" ref={import} class="code" rows="6" spellcheck="false" />
                    <button type="submit">{ "Import" }</button>
                </form>
            </details>
        </div>
    }
}
