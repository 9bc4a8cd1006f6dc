//! The manifest editor: a plain textarea over a highlighted copy of its text, with a
//! line-number gutter and the engine's diagnostics at their line and column.
//!
//! * Highlighting: [`crate::highlight`] tokenizes the lines in view; the textarea's own
//!   text is transparent, so its caret, selection, IME, spell-check off and native
//!   undo/redo (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y) are the browser's.
//! * Diagnostics: the word at the line and column is underlined, the line tinted, its
//!   number marked (with the message as a tooltip), the message written after the line's
//!   end, listed under the editor (each entry moves the cursor there) and announced
//!   through a polite live region.
//! * Keys: Ctrl/Cmd+Enter applies; Tab inserts two spaces (indents the lines of a
//!   multi-line selection) and Shift+Tab dedents; Enter keeps the indentation (one level
//!   more after a `key:`); Esc then Tab leaves the editor (so Tab never traps keyboard
//!   users). Edits go through `execCommand("insertText")`, which keeps the undo history.
//!
//! The textarea owns its text: `value` is written into it only when it differs from what
//! the textarea last reported through `on_change` (Reset, Undo of a reset, a restore), so
//! typing never resets it and native undo keeps working.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlDocument, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::diagnostics::{summary, Diagnostic, Severity};
use crate::highlight::{self, Kind, State};

/// Id of the textarea (the `<label for>` and the tests use it).
pub const EDITOR_ID: &str = "manifest-editor";
/// Id of the key help text the textarea is described by.
pub const EDITOR_HELP_ID: &str = "manifest-editor-help";

const INDENT: &str = "  ";
/// Lines drawn above and below the visible ones, and the step by which the drawn window
/// moves while scrolling (so that scrolling redraws rarely).
const MARGIN_LINES: usize = 60;
/// Line height used before the real one is measured (13px × 1.5).
const DEFAULT_LINE_PX: f64 = 19.5;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub value: AttrValue,
    pub on_change: Callback<String>,
    pub on_apply: Callback<()>,
    /// Problems to show at their line and column (and to announce).
    #[prop_or_default]
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// `(line, nonce)`: mark the 1-based line and scroll it into view; a new nonce asks
    /// again for the same line. `None` clears the mark.
    #[prop_or_default]
    pub reveal: Option<(u32, u32)>,
}

/// Which lines are drawn: `first..first + count` (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    first: usize,
    count: usize,
}

#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let textarea = use_node_ref();
    let gutter = use_node_ref();
    let overlay = use_node_ref();
    // The text the textarea holds, as far as the component knows, and the last `value`
    // seen: a new `value` that differs from both came from outside and replaces the text.
    let known = use_mut_ref(|| props.value.to_string());
    let last_value = use_mut_ref(|| props.value.clone());
    let force = use_force_update();
    // Whether the textarea got its first text yet.
    let filled = use_mut_ref(|| false);
    // Set by Esc; the next Tab then moves focus instead of indenting.
    let tab_leaves = use_mut_ref(|| false);
    // Line height in CSS pixels, measured once the textarea is on the page.
    let line_px = use_mut_ref(|| None::<f64>);
    let window = use_state(|| Window {
        first: 0,
        count: 4 * MARGIN_LINES,
    });
    let external = *last_value.borrow() != props.value && *known.borrow() != *props.value;
    let text: Rc<str> = if external {
        Rc::from(props.value.as_str())
    } else {
        Rc::from(known.borrow().as_str())
    };

    // After each render: new text from outside (first render, Reset, Undo, restore) into
    // the textarea, then the gutter and the highlighted copy follow its scroll.
    {
        let (textarea, known, last_value, value, filled) = (
            textarea.clone(),
            known.clone(),
            last_value.clone(),
            props.value.clone(),
            filled.clone(),
        );
        let (gutter, overlay, line_px, window) = (
            gutter.clone(),
            overlay.clone(),
            line_px.clone(),
            window.clone(),
        );
        use_effect(move || {
            if let Some(ta) = textarea.cast::<HtmlTextAreaElement>() {
                let first = !std::mem::replace(&mut *filled.borrow_mut(), true);
                if *last_value.borrow() != value || first {
                    if *known.borrow() != *value || first {
                        ta.set_value(&value);
                        *known.borrow_mut() = value.to_string();
                    }
                    *last_value.borrow_mut() = value;
                }
                let px = *line_px
                    .borrow_mut()
                    .get_or_insert_with(|| measure_line(&ta));
                follow_scroll(&ta, &gutter, &overlay, px, &window);
            }
        });
    }

    {
        let (textarea, line_px) = (textarea.clone(), line_px.clone());
        use_effect_with(props.reveal, move |reveal| {
            if let (Some((line, _)), Some(ta)) = (reveal, textarea.cast::<HtmlTextAreaElement>()) {
                let px = line_px.borrow().unwrap_or_else(|| measure_line(&ta));
                scroll_to_line(&ta, *line, px);
            }
        });
    }

    let oninput = {
        let (on_change, known) = (props.on_change.clone(), known.clone());
        Callback::from(move |e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            let text = ta.value();
            *known.borrow_mut() = text.clone();
            // Redraw the highlighted copy even if the parent does not pass the text back.
            force.force_update();
            on_change.emit(text);
        })
    };
    let onscroll = {
        let (gutter, overlay, line_px, window) = (
            gutter.clone(),
            overlay.clone(),
            line_px.clone(),
            window.clone(),
        );
        Callback::from(move |e: Event| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            let px = line_px.borrow().unwrap_or(DEFAULT_LINE_PX);
            follow_scroll(&ta, &gutter, &overlay, px, &window);
        })
    };
    let onkeydown = {
        let on_apply = props.on_apply.clone();
        Callback::from(move |e: KeyboardEvent| {
            let leave = std::mem::replace(&mut *tab_leaves.borrow_mut(), false);
            let ctrl = e.ctrl_key() || e.meta_key();
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            match e.key().as_str() {
                "Enter" if ctrl => {
                    e.prevent_default();
                    on_apply.emit(());
                }
                "Enter" if !e.alt_key() && !e.shift_key() && newline_with_indent(&ta) => {
                    e.prevent_default();
                }
                // Ctrl+Y redoes on every platform (the browser's own redo is Ctrl/Cmd+Shift+Z).
                "y" | "Y" if e.ctrl_key() && !e.shift_key() && !e.alt_key() => {
                    e.prevent_default();
                    exec(&ta, "redo");
                }
                "Escape" => *tab_leaves.borrow_mut() = true,
                "Tab" if !ctrl && !e.alt_key() && !leave => {
                    e.prevent_default();
                    if e.shift_key() {
                        dedent(&ta);
                    } else {
                        indent(&ta);
                    }
                }
                _ => {}
            }
        })
    };

    let lines: Vec<&str> = text.split('\n').collect();
    let by_line = diagnostics_by_line(&props.diagnostics, lines.len());
    let revealed = props
        .reveal
        .map(|(l, _)| l as usize)
        .filter(|&l| l >= 1 && l <= lines.len());
    let Window { first, count } = *window;
    let first = first.min(lines.len().saturating_sub(1));
    let last = (first + count).min(lines.len());

    // Block scalars carry over lines: run the tokenizer's state up to the first drawn line.
    let mut state = State::default();
    for line in &lines[..first] {
        highlight::tokens(line, &mut state);
    }
    let code_lines = lines[first..last].iter().enumerate().map(|(i, line)| {
        let n = first + i + 1;
        draw_line(
            line,
            &mut state,
            by_line.get(n).map(Vec::as_slice).unwrap_or(&[]),
            revealed == Some(n),
        )
    });
    let numbers = (first..last).map(|i| {
        let n = i + 1;
        let here = by_line.get(n).map(Vec::as_slice).unwrap_or(&[]);
        let class = classes!(
            "ln",
            worst(here).map(|s| format!("ln-{}", s.as_str())),
            (revealed == Some(n)).then_some("ln-revealed"),
        );
        let title = (!here.is_empty()).then(|| {
            here.iter()
                .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
                .collect::<Vec<_>>()
                .join("\n")
        });
        html! { <><span {class} {title}>{ n }</span>{ if n < last { "\n" } else { "" } }</> }
    });
    let problems = summary(&props.diagnostics);

    html! {
        <>
            <div class="editor">
                <pre class="gutter" aria-hidden="true">
                    <div class="gutter-lines" ref={gutter}>{ for numbers }</div>
                </pre>
                <div class="code-area">
                    <div class="highlight" ref={overlay} aria-hidden="true">
                        { for code_lines }
                    </div>
                    <textarea
                        id={EDITOR_ID}
                        ref={textarea.clone()}
                        class="code"
                        {oninput}
                        {onkeydown}
                        {onscroll}
                        wrap="off"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        translate="no"
                        aria-describedby={EDITOR_HELP_ID}
                        aria-invalid={(!props.diagnostics.is_empty()).then_some("true")}
                    />
                </div>
            </div>
            <div class="editor-problems">
                <p class="visually-hidden" role="status" aria-live="polite">{ problems }</p>
                if !props.diagnostics.is_empty() {
                    <ul class="problem-list" aria-label="Problems in the manifest">
                        { for props.diagnostics.iter().map(|d| problem_item(d, &textarea, &text)) }
                    </ul>
                }
            </div>
        </>
    }
}

/// The diagnostics of each 1-based line (index 0 is unused); lines past the end are
/// left out.
fn diagnostics_by_line(list: &[Diagnostic], lines: usize) -> Vec<Vec<Diagnostic>> {
    let mut by_line: Vec<Vec<Diagnostic>> = vec![Vec::new(); lines + 1];
    for d in list {
        let n = d.line as usize;
        if (1..=lines).contains(&n) {
            by_line[n].push(d.clone());
        }
    }
    by_line
}

fn worst(list: &[Diagnostic]) -> Option<Severity> {
    list.iter()
        .map(|d| d.severity)
        .min_by_key(|s| *s != Severity::Error)
}

/// One drawn line: its tokens, the underlined words, and the messages after its end.
fn draw_line(line: &str, state: &mut State, here: &[Diagnostic], revealed: bool) -> Html {
    let tokens = highlight::tokens(line, state);
    let marks: Vec<(usize, usize, Severity)> = here
        .iter()
        .filter_map(|d| highlight::mark_range(line, d.column).map(|(a, b)| (a, b, d.severity)))
        .collect();
    let pieces = highlight::segments(line.len(), &tokens, &marks)
        .into_iter()
        .map(|s| {
            let class = classes!(
                s.kind.map(Kind::class),
                s.mark.map(|m| format!("mark mark-{}", m.as_str())),
            );
            let piece = &line[s.start..s.end];
            if class.is_empty() {
                html! { { piece } }
            } else {
                html! { <span {class}>{ piece }</span> }
            }
        });
    let class = classes!(
        "hl-line",
        worst(here).map(|s| format!("line-{}", s.as_str())),
        revealed.then_some("line-revealed"),
    );
    html! {
        <div {class}>
            { for pieces }
            if line.is_empty() { { " " } }
            { for here.iter().map(|d| html! {
                <span class={format!("inline-message inline-{}", d.severity.as_str())}>
                    { d.message.lines().next().unwrap_or_default() }
                </span>
            }) }
        </div>
    }
}

/// One problem under the editor: a button that moves the cursor to it, and its message.
fn problem_item(d: &Diagnostic, textarea: &NodeRef, text: &str) -> Html {
    let (line, column) = (d.line, d.column);
    let offset = utf16_offset(text, line, column);
    let onclick = {
        let textarea = textarea.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(ta) = textarea.cast::<HtmlTextAreaElement>() {
                let _ = ta.focus();
                let _ = ta.set_selection_range(offset, offset);
                let px = measure_line(&ta);
                scroll_to_line(&ta, line, px);
            }
        })
    };
    let severity = d.severity.as_str();
    html! {
        <li class={classes!("problem", format!("problem-{severity}"))}>
            <button type="button" class="link" {onclick}>
                { format!("Line {line}, column {column}") }
            </button>
            { ": " }
            <span class="problem-message">{ d.message.clone() }</span>
        </li>
    }
}

/// The textarea offset (UTF-16 code units) of a 1-based line and character column.
pub fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0usize;
    let mut lines = text.split('\n');
    for _ in 1..line.max(1) {
        match lines.next() {
            Some(l) => offset += l.encode_utf16().count() + 1,
            None => return text.encode_utf16().count() as u32,
        }
    }
    let here = lines.next().unwrap_or("");
    let col: usize = here
        .chars()
        .take(column.max(1) as usize - 1)
        .map(char::len_utf16)
        .sum();
    (offset + col) as u32
}

/// The height of one line of the textarea, in CSS pixels.
fn measure_line(ta: &HtmlTextAreaElement) -> f64 {
    gloo::utils::window()
        .get_computed_style(ta)
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("line-height").ok())
        .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
        .filter(|&v| v > 0.0)
        .unwrap_or(DEFAULT_LINE_PX)
}

/// Moves the gutter and the highlighted copy with the textarea's scroll, and the drawn
/// window of lines when the view nears its edge.
fn follow_scroll(
    ta: &HtmlTextAreaElement,
    gutter: &NodeRef,
    overlay: &NodeRef,
    line_px: f64,
    window: &UseStateHandle<Window>,
) {
    let top = ta.scroll_top();
    let left = ta.scroll_left();
    let dy = window.first as f64 * line_px - top as f64;
    if let Some(g) = gutter.cast::<HtmlElement>() {
        let _ = g
            .style()
            .set_property("transform", &format!("translateY({dy}px)"));
    }
    if let Some(o) = overlay.cast::<HtmlElement>() {
        let _ = o
            .style()
            .set_property("transform", &format!("translate({}px, {dy}px)", -left));
    }
    let visible = (ta.client_height() as f64 / line_px).ceil() as usize + 1;
    let top_line = (top as f64 / line_px) as usize;
    let wanted = Window {
        first: top_line.saturating_sub(MARGIN_LINES) / MARGIN_LINES * MARGIN_LINES,
        count: visible + 3 * MARGIN_LINES,
    };
    let covered = top_line >= window.first
        && top_line + visible <= window.first + window.count
        && window.count >= wanted.count;
    if !covered && **window != wanted {
        window.set(wanted);
    }
}

/// Scrolls so that the 1-based `line` is in the middle of the textarea.
fn scroll_to_line(ta: &HtmlTextAreaElement, line: u32, line_px: f64) {
    let y = (line.max(1) - 1) as f64 * line_px;
    let target = y - (ta.client_height() as f64 - line_px) / 2.0;
    ta.set_scroll_top(target.max(0.0) as i32);
}

/// Replaces the selection with `text` through the browser's editing commands, which keep
/// the undo history and fire `input`; `setRangeText` (no undo) is the fallback.
fn insert(ta: &HtmlTextAreaElement, text: &str) {
    let document: HtmlDocument = gloo::utils::document().unchecked_into();
    if document
        .exec_command_with_show_ui_and_value("insertText", false, text)
        .unwrap_or(false)
    {
        return;
    }
    let start = ta.selection_start().ok().flatten().unwrap_or(0);
    if ta.set_range_text(text).is_ok() {
        let caret = start + text.encode_utf16().count() as u32;
        let _ = ta.set_selection_range(caret, caret);
        let init = web_sys::InputEventInit::new();
        init.set_bubbles(true);
        if let Ok(ev) = web_sys::InputEvent::new_with_event_init_dict("input", &init) {
            let _ = ta.dispatch_event(&ev);
        }
    }
}

/// Runs an editing command (`undo`, `redo`) on the focused textarea.
fn exec(ta: &HtmlTextAreaElement, command: &str) {
    let _ = ta.focus();
    let document: HtmlDocument = gloo::utils::document().unchecked_into();
    let _ = document.exec_command(command);
}

/// The selection as UTF-16 offsets, and the text as UTF-16 code units.
fn selection(ta: &HtmlTextAreaElement) -> (Vec<u16>, u32, u32) {
    let text: Vec<u16> = ta.value().encode_utf16().collect();
    let start = ta.selection_start().ok().flatten().unwrap_or(0);
    let end = ta.selection_end().ok().flatten().unwrap_or(start);
    (text, start.min(end), start.max(end))
}

/// Start of the line holding UTF-16 offset `at`.
fn line_start(text: &[u16], at: u32) -> u32 {
    text[..(at as usize).min(text.len())]
        .iter()
        .rposition(|&c| c == u16::from(b'\n'))
        .map_or(0, |i| i as u32 + 1)
}

/// The whole lines touched by the selection `start..end`: their start and end offsets.
fn touched_lines(text: &[u16], start: u32, end: u32) -> (u32, u32) {
    let from = line_start(text, start);
    // A selection that ends at the start of a line does not touch that line.
    let last = if end > start && line_start(text, end) == end {
        end - 1
    } else {
        end
    };
    let to = text[(last as usize).min(text.len())..]
        .iter()
        .position(|&c| c == u16::from(b'\n'))
        .map_or(text.len() as u32, |i| last + i as u32);
    (from, to)
}

/// Tab: two spaces at the caret, or two more at the start of each selected line.
fn indent(ta: &HtmlTextAreaElement) {
    let (text, start, end) = selection(ta);
    let multi = text[start as usize..end as usize].contains(&u16::from(b'\n'));
    if !multi {
        insert(ta, INDENT);
        return;
    }
    let (from, to) = touched_lines(&text, start, end);
    let block = String::from_utf16_lossy(&text[from as usize..to as usize]);
    let indented: Vec<String> = block
        .split('\n')
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{INDENT}{l}")
            }
        })
        .collect();
    replace_lines(ta, from, to, &indented.join("\n"));
}

/// Shift+Tab: up to two spaces less at the start of each line of the selection.
fn dedent(ta: &HtmlTextAreaElement) {
    let (text, start, end) = selection(ta);
    let (from, to) = touched_lines(&text, start, end);
    let block = String::from_utf16_lossy(&text[from as usize..to as usize]);
    let dedented: Vec<&str> = block
        .split('\n')
        .map(|l| {
            let n = l.len() - l.trim_start_matches(' ').len();
            &l[n.min(INDENT.len())..]
        })
        .collect();
    let new = dedented.join("\n");
    if new != block {
        replace_lines(ta, from, to, &new);
    }
}

/// Replaces `from..to` with `new` (undoably) and selects the replaced lines.
fn replace_lines(ta: &HtmlTextAreaElement, from: u32, to: u32, new: &str) {
    let _ = ta.set_selection_range(from, to);
    insert(ta, new);
    let _ = ta.set_selection_range(from, from + new.encode_utf16().count() as u32);
}

/// Enter: a line break that keeps the current line's indentation, one level more after a
/// line ending in `:` (a key whose value follows) or `- ` items keep their alignment.
/// Returns false (the browser's own Enter) when there is a selection.
fn newline_with_indent(ta: &HtmlTextAreaElement) -> bool {
    let (text, start, end) = selection(ta);
    if start != end {
        return false;
    }
    let from = line_start(&text, start);
    let before = String::from_utf16_lossy(&text[from as usize..start as usize]);
    let mut indent: String = before.chars().take_while(|&c| c == ' ').collect();
    let trimmed = before.trim_end();
    if trimmed.ends_with(':') && !trimmed.trim_start().starts_with('#') {
        indent.push_str(INDENT);
    }
    if indent.is_empty() {
        return false;
    }
    insert(ta, &format!("\n{indent}"));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_of_lines_and_columns() {
        let text = "ab\ncdé\n😀x";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 3), 5);
        assert_eq!(utf16_offset(text, 3, 2), 9, "the emoji is two UTF-16 units");
        assert_eq!(utf16_offset(text, 9, 1), 10, "past the end: the end");
    }

    #[test]
    fn lines_touched_by_a_selection() {
        let t: Vec<u16> = "ab\ncd\nef".encode_utf16().collect();
        assert_eq!(touched_lines(&t, 1, 1), (0, 2));
        assert_eq!(touched_lines(&t, 1, 4), (0, 5));
        assert_eq!(
            touched_lines(&t, 0, 6),
            (0, 5),
            "ends at the start of line 3"
        );
        assert_eq!(touched_lines(&t, 7, 8), (6, 8));
    }
}
