//! The inspector: the selected node (labels, taints, cordon, kubelet, and why each
//! DaemonSet does or does not run there, linked to the manifest line) or pod
//! (`kubectl describe pod`). Every change is a kubectl command.

use engine::view::{NodeDetail, PodDetail};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::model::commands::{self, parse_taint, Command, TaintSpec};
use crate::model::Selection;

/// The file name the engine gives to manifests applied from the editor.
pub const EDITOR_FILE: &str = "STDIN";

#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    Node {
        detail: NodeDetail,
        status: String,
        kubelet_stopped: bool,
    },
    Pod(PodDetail),
}

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub detail: Option<Detail>,
    pub on_run: Callback<Command>,
    pub on_reveal: Callback<u32>,
    pub on_select: Callback<Selection>,
    pub on_duplicate: Callback<String>,
}

#[function_component]
pub fn Inspector(p: &InspectorProps) -> Html {
    match &p.detail {
        None => html! {
            <p class="placeholder">{ "Select a node or a pod on the board to see why it is there." }</p>
        },
        Some(Detail::Pod(d)) => pod_view(d, p),
        Some(Detail::Node {
            detail,
            status,
            kubelet_stopped,
        }) => {
            html! { <NodeInspector detail={detail.clone()} status={status.clone()} kubelet_stopped={*kubelet_stopped}
            on_run={p.on_run.clone()} on_reveal={p.on_reveal.clone()} on_select={p.on_select.clone()}
            on_duplicate={p.on_duplicate.clone()} /> }
        }
    }
}

fn pod_view(d: &PodDetail, p: &InspectorProps) -> Html {
    let delete = {
        let (cb, key) = (p.on_run.clone(), d.key.clone());
        Callback::from(move |_: MouseEvent| cb.emit(commands::delete_pod(&key)))
    };
    let node = {
        let (cb, n) = (p.on_select.clone(), d.node.clone());
        Callback::from(move |_: MouseEvent| cb.emit(Selection::Node(n.clone())))
    };
    html! {
        <div class="inspect pod-inspect">
            <h3>{ format!("Pod {}", d.key.name) }</h3>
            <div class="toolbar">
                if !d.node.is_empty() {
                    <button type="button" onclick={node}>{ format!("Node {}", d.node) }</button>
                }
                <button type="button" onclick={delete}>{ "Delete pod" }</button>
            </div>
            <pre class="describe" aria-label="kubectl describe pod">{ d.describe.clone() }</pre>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NodeInspectorProps {
    detail: NodeDetail,
    status: String,
    kubelet_stopped: bool,
    on_run: Callback<Command>,
    on_reveal: Callback<u32>,
    on_select: Callback<Selection>,
    on_duplicate: Callback<String>,
}

fn input_value(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn clear(r: &NodeRef) {
    if let Some(i) = r.cast::<HtmlInputElement>() {
        i.set_value("");
    }
}

#[function_component]
fn NodeInspector(p: &NodeInspectorProps) -> Html {
    let d = &p.detail;
    let name = d.name.clone();
    let run = |c: Command| {
        let cb = p.on_run.clone();
        Callback::from(move |_: MouseEvent| cb.emit(c.clone()))
    };
    let (label_key, label_value) = (use_node_ref(), use_node_ref());
    let (taint_key, taint_value, taint_effect) = (use_node_ref(), use_node_ref(), use_node_ref());
    let add_label = {
        let (cb, name, k, v) = (
            p.on_run.clone(),
            name.clone(),
            label_key.clone(),
            label_value.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let key = input_value(&k).trim().to_string();
            if key.is_empty() {
                return;
            }
            cb.emit(commands::label(&name, &key, input_value(&v).trim()));
            clear(&k);
            clear(&v);
        })
    };
    let add_taint = {
        let (cb, name) = (p.on_run.clone(), name.clone());
        let (k, v, eff) = (taint_key.clone(), taint_value.clone(), taint_effect.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let key = input_value(&k).trim().to_string();
            if key.is_empty() {
                return;
            }
            let effect = eff
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_else(|| "NoSchedule".into());
            cb.emit(commands::taint(
                &name,
                &TaintSpec::new(&key, input_value(&v).trim(), &effect),
            ));
            clear(&k);
            clear(&v);
        })
    };
    let duplicate = {
        let (cb, name) = (p.on_duplicate.clone(), name.clone());
        Callback::from(move |_: MouseEvent| cb.emit(name.clone()))
    };
    html! {
        <div class="inspect node-inspect">
            <h3>{ format!("Node {}", d.name) }<span class="node-status">{ p.status.clone() }</span></h3>
            <div class="toolbar">
                <button type="button" onclick={run(commands::cordon(&name, !d.unschedulable))}>
                    { if d.unschedulable { "Uncordon" } else { "Cordon" } }
                </button>
                <button type="button" onclick={run(commands::kubelet(&name, p.kubelet_stopped))}>
                    { if p.kubelet_stopped { "Start kubelet" } else { "Stop kubelet" } }
                </button>
                <button type="button" onclick={duplicate} title="A new node with the same labels and taints">{ "Duplicate" }</button>
                <button type="button" class="danger" onclick={run(commands::delete_node(&name))}>{ "Delete node" }</button>
            </div>

            <h4>{ "Why daemon pods are here, or not" }</h4>
            if d.placements.is_empty() {
                <p class="placeholder">{ "No DaemonSets yet." }</p>
            }
            <ul class="placements">
                { for d.placements.iter().map(|pl| {
                    let reveal = pl.source.as_ref().filter(|(f, _, _)| f == EDITOR_FILE).map(|(_, line, col)| {
                        let (cb, line, col) = (p.on_reveal.clone(), *line, *col);
                        html! {
                            <button type="button" class="link source" onclick={Callback::from(move |_: MouseEvent| cb.emit(line))}
                                title={format!("Show line {line} in the manifest")}>{ format!("manifest line {line}:{col}") }</button>
                        }
                    });
                    let field = pl.field.clone().map(|f| html! { <code class="field">{ f }</code> });
                    html! {
                        <li class={classes!(if pl.should_run { "yes" } else { "no" })}>
                            <strong>{ pl.daemonset.to_string() }</strong>{ ": " }{ pl.text.clone() }
                            { for field }{ for reveal }
                        </li>
                    }
                }) }
            </ul>

            <h4>{ "Labels" }</h4>
            <ul class="chips">
                { for d.labels.iter().map(|(k, v)| html! {
                    <li class="chip"><code>{ if v.is_empty() { k.clone() } else { format!("{k}={v}") } }</code>
                        <button type="button" class="remove" aria-label={format!("Remove label {k}")}
                            onclick={run(commands::unlabel(&name, k))}>{ "×" }</button></li>
                }) }
            </ul>
            <form class="inline-form" onsubmit={add_label} aria-label="Add a label">
                <input ref={label_key} class="code" placeholder="key" aria-label="Label key" />
                <span>{ "=" }</span>
                <input ref={label_value} class="code" placeholder="value" aria-label="Label value" />
                <button type="submit">{ "Add label" }</button>
            </form>

            <h4>{ "Taints" }</h4>
            <ul class="chips">
                { for d.taints.iter().filter_map(|t| parse_taint(t).map(|ts| (t.clone(), ts))).map(|(t, ts)| html! {
                    <li class="chip"><code>{ t.clone() }</code>
                        <button type="button" class="remove" aria-label={format!("Remove taint {t}")}
                            onclick={run(commands::untaint(&name, &ts.key, &ts.effect))}>{ "×" }</button></li>
                }) }
            </ul>
            <form class="inline-form" onsubmit={add_taint} aria-label="Add a taint">
                <input ref={taint_key} class="code" placeholder="key" aria-label="Taint key" />
                <span>{ "=" }</span>
                <input ref={taint_value} class="code" placeholder="value" aria-label="Taint value" />
                <select ref={taint_effect} aria-label="Taint effect">
                    <option>{ "NoSchedule" }</option>
                    <option>{ "PreferNoSchedule" }</option>
                    <option>{ "NoExecute" }</option>
                </select>
                <button type="submit">{ "Add taint" }</button>
            </form>
        </div>
    }
}
