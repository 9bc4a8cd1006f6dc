//! The lesson panel: the step's narration and task, its checks as they stand, and the
//! buttons to go on, to be shown, or to go back to a step.

use engine::lesson::paragraphs;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::model::lesson::{LessonMsg, LessonState};

#[derive(Properties, PartialEq)]
pub struct LessonProps {
    pub state: LessonState,
    pub on_msg: Callback<LessonMsg>,
}

#[function_component]
pub fn LessonPanel(p: &LessonProps) -> Html {
    let l = &p.state;
    let steps = &l.lesson.steps;
    let i = l.progress.step;
    let step = &steps[i];
    let send = |m: LessonMsg| {
        let cb = p.on_msg.clone();
        Callback::from(move |_: MouseEvent| cb.emit(m.clone()))
    };
    let on_reset = {
        let cb = p.on_msg.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(n) = s.value().parse::<usize>() {
                cb.emit(LessonMsg::ResetTo(n));
            }
        })
    };
    let done = l.step_done();
    let last = i + 1 == steps.len();
    html! {
        <section class="panel lesson-panel" aria-labelledby="lesson-title">
            <div class="panel-header">
                <h2 id="lesson-title">{ format!("Lesson: {}", l.lesson.title) }</h2>
                <button type="button" onclick={send(LessonMsg::Leave)}>{ "Leave lesson" }</button>
            </div>
            if i == 0 && !l.lesson.intro.is_empty() {
                <div class="lesson-intro">
                    { for paragraphs(&l.lesson.intro).into_iter().map(|t| html! { <p>{ inline_code(&t) }</p> }) }
                </div>
            }
            <h3>{ format!("Step {} of {}: {}", i + 1, steps.len(), step.title) }</h3>
            { for paragraphs(&step.narration).into_iter().map(|t| html! { <p>{ inline_code(&t) }</p> }) }
            if let Some(task) = &step.task {
                <p class="lesson-task"><strong>{ "Your turn: " }</strong>{ inline_code(task) }</p>
            }
            <ul class="lesson-checks" aria-live="polite" aria-label="Checks">
                { for l.results.iter().map(|r| html! {
                    <li class={if r.passed { "passed" } else { "pending" }}>
                        <span class="visually-hidden">{ if r.passed { "Done: " } else { "Not yet: " } }</span>
                        <code>{ r.check.clone() }</code>
                        <span class="explanation">{ format!(" — {}", r.explanation) }</span>
                    </li>
                }) }
            </ul>
            <div class="toolbar">
                if !step.solutions.is_empty() && !done {
                    <button type="button" onclick={send(LessonMsg::ShowMe)} title="Run this step's solution">{ "Show me" }</button>
                }
                if !last {
                    <button type="button" class={classes!(done.then_some("primary"))} onclick={send(LessonMsg::Next)}>
                        { if done { "Next step" } else { "Skip to the next step" } }
                    </button>
                } else if done {
                    <span class="lesson-finished" role="status">{ "Lesson complete." }</span>
                }
                if let Some(href) = l.link.as_ref().map(|f| format!("{}#{f}", crate::launch::app_base())) {
                    <a class="lesson-link" {href} title="A link that opens this lesson (for a class)">{ "Link to this lesson" }</a>
                }
                <label>
                    <span class="visually-hidden">{ "Go back to a step" }</span>
                    <select onchange={on_reset} aria-label="Go back to a step">
                        <option value="" selected=true>{ "Go back to step…" }</option>
                        { for steps.iter().enumerate().map(|(k, s)| html! {
                            <option value={k.to_string()}>{ format!("{}. {}", k + 1, s.title) }</option>
                        }) }
                    </select>
                </label>
            </div>
        </section>
    }
}

/// The title of a built-in lesson, from its `# lesson:` line.
pub fn lesson_title(text: &str) -> &str {
    text.lines()
        .find_map(|l| l.strip_prefix("# lesson:"))
        .map(str::trim)
        .unwrap_or("Lesson")
}

/// Text with `backquoted` parts shown as code (the lessons' only markup).
fn inline_code(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
            html! { <code>{ part.to_string() }</code> }
        } else {
            html! { { part.to_string() } }
        }) }
    }
}
