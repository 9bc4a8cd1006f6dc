//! Revisions of each DaemonSet: the ControllerRevision list, a diff of two revisions'
//! pod templates, and rollback (`kubectl rollout undo --to-revision`).

use engine::cluster::Key;
use engine::view::{Board, DiffLine};
use yew::prelude::*;

use super::board::Shared;
use crate::model::commands;
use crate::model::commands::Command;
use crate::model::DiffChoice;

#[derive(Properties, PartialEq)]
pub struct RevisionsProps {
    pub board: Shared<Board>,
    pub diff: Option<DiffChoice>,
    /// The diff's lines, computed by the app from the cluster.
    pub diff_lines: Option<Vec<DiffLine>>,
    pub on_run: Callback<Command>,
    pub on_diff: Callback<Option<DiffChoice>>,
}

#[function_component]
pub fn Revisions(p: &RevisionsProps) -> Html {
    let ds = &p.board.0.daemonsets;
    if ds.is_empty() {
        return html! { <p class="placeholder">{ "Revisions appear once a DaemonSet exists." }</p> };
    }
    html! {
        <div class="revisions">
            { for ds.iter().map(|d| {
                let current = d.revisions.last().cloned();
                html! {
                    <section class="ds-revisions" aria-label={format!("Revisions of {}", d.key)}>
                        <h3>{ d.key.to_string() }</h3>
                        <table class="kubectl-table">
                            <thead><tr><th scope="col">{ "REVISION" }</th><th scope="col">{ "CONTROLLERREVISION" }</th><th></th></tr></thead>
                            <tbody>
                            { for d.revisions.iter().rev().map(|r| {
                                let is_current = current.as_ref().is_some_and(|c| c.name == r.name);
                                let rollback = {
                                    let (cb, key, n) = (p.on_run.clone(), d.key.clone(), r.revision);
                                    Callback::from(move |_: MouseEvent| cb.emit(commands::rollback(&key, n)))
                                };
                                let diff = current.as_ref().filter(|_| !is_current).map(|c| {
                                    let choice = DiffChoice { daemonset: d.key.clone(), from: r.name.clone(), to: c.name.clone() };
                                    let shown = p.diff.as_ref() == Some(&choice);
                                    let cb = p.on_diff.clone();
                                    let onclick = Callback::from(move |_: MouseEvent| cb.emit((!shown).then(|| choice.clone())));
                                    html! { <button type="button" {onclick} aria-pressed={shown.to_string()}>{ "Diff with current" }</button> }
                                });
                                html! {
                                    <tr class={classes!(is_current.then_some("current"))}>
                                        <td>{ r.revision }{ if is_current { " (current)" } else { "" } }</td>
                                        <td><code>{ r.name.clone() }</code></td>
                                        <td class="actions">
                                            if !is_current {
                                                <button type="button" onclick={rollback}>{ format!("Roll back to {}", r.revision) }</button>
                                            }
                                            { for diff }
                                        </td>
                                    </tr>
                                }
                            }) }
                            </tbody>
                        </table>
                        if let (Some(choice), Some(lines)) = (p.diff.as_ref().filter(|c| c.daemonset == d.key), p.diff_lines.as_ref()) {
                            { diff_view(choice, lines, &d.key) }
                        }
                    </section>
                }
            }) }
        </div>
    }
}

fn diff_view(c: &DiffChoice, lines: &[DiffLine], _ds: &Key) -> Html {
    html! {
        <figure class="diff">
            <figcaption>{ format!("{} → {}", c.from, c.to) }</figcaption>
            <pre aria-label="Pod template diff">
                { for lines.iter().map(|l| match l {
                    DiffLine::Same(t) => html! { <span class="same">{ format!("  {t}\n") }</span> },
                    DiffLine::Removed(t) => html! { <del>{ format!("- {t}\n") }</del> },
                    DiffLine::Added(t) => html! { <ins>{ format!("+ {t}\n") }</ins> },
                }) }
            </pre>
        </figure>
    }
}
