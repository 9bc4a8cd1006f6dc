//! How a command's output is shown: stdout as is, stderr in the error colour.

use engine::session::Output;
use yew::prelude::*;

use crate::model::APPLY_COMMAND;

/// Id of the live region that shows what Apply printed.
pub const APPLY_OUTPUT_ID: &str = "apply-output";

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    pub output: Output,
}

/// One command's output.
#[function_component]
pub fn OutputText(props: &OutputProps) -> Html {
    let Output {
        stdout,
        stderr,
        failed,
    } = &props.output;
    let quiet = stdout.is_empty() && stderr.is_empty();
    html! {
        <pre class={classes!("output", failed.then_some("failed"))}>
            if !stdout.is_empty() { <span class="stdout">{ stdout.clone() }</span> }
            if !stderr.is_empty() { <span class="stderr">{ stderr.clone() }</span> }
            if quiet { <span class="quiet">{ "(no output)" }</span> }
        </pre>
    }
}

#[derive(Properties, PartialEq)]
pub struct ApplyOutputProps {
    /// What the last Apply printed; `None` before the first one.
    pub output: Option<Output>,
    /// How many times Apply ran; a new run replays the highlight even if the text is the same.
    pub runs: u32,
}

/// The pane under the editor with the result of the last Apply.
#[function_component]
pub fn ApplyOutput(props: &ApplyOutputProps) -> Html {
    html! {
        <div id={APPLY_OUTPUT_ID} class="apply-output" role="status" aria-live="polite">
            if let Some(output) = &props.output {
                <div key={props.runs} class="run">
                    <pre class="echo">{ format!("$ {APPLY_COMMAND}") }</pre>
                    <OutputText output={output.clone()} />
                </div>
            } else {
                <p class="placeholder">
                    { "Apply runs " }<code>{ APPLY_COMMAND }</code>
                    { " with the manifest; its output shows here." }
                </p>
            }
        </div>
    }
}
