//! Always in view: `kubectl get ds` for every DaemonSet and the line
//! `kubectl rollout status` would print now.

use engine::view::Board;
use yew::prelude::*;

use super::board::Shared;

#[derive(Properties, PartialEq)]
pub struct StatusProps {
    pub board: Shared<Board>,
}

#[function_component]
pub fn DaemonSetStatus(p: &StatusProps) -> Html {
    let rows = &p.board.0.daemonsets;
    let Some(first) = rows.first() else {
        return html! {
            <p class="placeholder ds-status">{ "No DaemonSets yet: edit the manifest and press Apply." }</p>
        };
    };
    let multi_ns = rows.iter().any(|r| r.key.namespace != first.key.namespace);
    html! {
        <div class="ds-status">
            <table class="kubectl-table" aria-label="kubectl get ds">
                <thead><tr>
                    if multi_ns { <th scope="col">{ "NAMESPACE" }</th> }
                    { for first.header.iter().map(|h| html! { <th scope="col">{ h.clone() }</th> }) }
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr>
                            if multi_ns { <td>{ r.key.namespace.clone() }</td> }
                            { for r.cells.iter().map(|c| html! { <td>{ c.clone() }</td> }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <ul class="rollout-lines" aria-live="polite" aria-label="kubectl rollout status">
                { for rows.iter().map(|r| html! {
                    <li class={classes!(r.rolled_out.then_some("done"))}>
                        <code>{ r.rollout.clone() }</code>
                    </li>
                }) }
            </ul>
        </div>
    }
}
