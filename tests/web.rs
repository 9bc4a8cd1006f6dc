//! Browser tests of the app, in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p playground`.
//!
//! Each test mounts its own copy of the app into a fresh `<div>` and removes it
//! afterwards; queries are scoped to that div.

use std::rc::Rc;

use playground::components::console::{CONSOLE_INPUT_ID, SCROLLBACK_ID};
use playground::components::editor::{Editor, EDITOR_ID};
use playground::components::output::APPLY_OUTPUT_ID;
use playground::diagnostics::{Diagnostic, Severity};
use playground::examples::DEFAULT_MANIFEST;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlDocument, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

#[wasm_bindgen_test]
async fn editor_and_console_render_with_accessible_labels() {
    forget_saved_text();
    let app = Mounted::new().await;

    assert_eq!(app.text(&format!("label[for={EDITOR_ID}]")), "Manifest");
    assert_eq!(app.editor().value(), DEFAULT_MANIFEST);
    let lines = DEFAULT_MANIFEST.split('\n').count();
    assert_eq!(app.text(".gutter").split('\n').count(), lines);
    assert_eq!(
        app.find(".gutter").get_attribute("aria-hidden").as_deref(),
        Some("true")
    );

    assert_eq!(
        app.text(&format!("label[for={CONSOLE_INPUT_ID}] .visually-hidden")),
        "kubectl command"
    );
    let log = app.find(&format!("#{SCROLLBACK_ID}"));
    assert_eq!(log.get_attribute("role").as_deref(), Some("log"));
    assert_eq!(
        log.get_attribute("aria-label").as_deref(),
        Some("Console output")
    );
    let apply_output = app.find(&format!("#{APPLY_OUTPUT_ID}"));
    assert_eq!(
        apply_output.get_attribute("aria-live").as_deref(),
        Some("polite")
    );
    for label in ["Apply", "Reset", "Run", "Clear"] {
        app.button(label);
    }
    app.unmount();
}

#[wasm_bindgen_test]
async fn console_echoes_the_command_and_shows_its_output() {
    let app = Mounted::new().await;
    app.run_console("kubectl get ds").await;

    assert_eq!(app.text(".scrollback .entry pre.echo"), "$ kubectl get ds");
    let output = app.text(".scrollback .entry pre.output");
    assert!(!output.trim().is_empty(), "engine output is shown");
    assert_eq!(app.console_input().value(), "", "the input line is cleared");
    app.unmount();
}

#[wasm_bindgen_test]
async fn console_history_with_arrow_keys() {
    let app = Mounted::new().await;
    app.run_console("kubectl get ds").await;
    app.run_console("kubectl get pods").await;
    let input = app.console_input();

    let event = press(&input, "ArrowUp", false).await;
    assert!(event.default_prevented());
    assert_eq!(input.value(), "kubectl get pods");
    press(&input, "ArrowUp", false).await;
    assert_eq!(input.value(), "kubectl get ds");
    press(&input, "ArrowDown", false).await;
    assert_eq!(input.value(), "kubectl get pods");
    press(&input, "ArrowDown", false).await;
    assert_eq!(input.value(), "");
    app.unmount();
}

#[wasm_bindgen_test]
async fn apply_button_and_ctrl_enter_show_the_engine_output() {
    let app = Mounted::new().await;
    assert!(app
        .root
        .query_selector(".apply-output pre.output")
        .unwrap()
        .is_none());

    app.button("Apply").click();
    settle().await;
    let shown = app.text(".apply-output");
    assert!(shown.contains("$ kubectl apply -f -"), "{shown:?}");
    assert!(!app.text(".apply-output pre.output").trim().is_empty());

    app.find(".apply-output").set_inner_html("");
    let event = press(&app.editor(), "Enter", true).await;
    assert!(
        event.default_prevented(),
        "Ctrl+Enter does not insert a newline"
    );
    assert!(!app.text(".apply-output pre.output").trim().is_empty());
    app.unmount();
}

#[wasm_bindgen_test]
async fn tab_inserts_two_spaces() {
    let app = Mounted::new().await;
    app.set_editor("ab").await;
    let editor = app.editor();
    editor.focus().unwrap();
    editor.set_selection_range(1, 1).unwrap();

    let event = press(&editor, "Tab", false).await;
    assert!(event.default_prevented(), "Tab does not move focus");
    assert_eq!(editor.value(), "a  b");
    assert_eq!(editor.selection_start().unwrap(), Some(3));
    assert_eq!(
        saved_text().await.as_deref(),
        Some("a  b"),
        "the model saw the edit"
    );

    // Esc, then Tab: the browser's focus move is left alone.
    press(&editor, "Escape", false).await;
    let event = press(&editor, "Tab", false).await;
    assert!(!event.default_prevented());
    assert_eq!(editor.value(), "a  b");
    app.unmount();
}

#[wasm_bindgen_test]
async fn editor_text_is_saved_restored_and_reset() {
    forget_saved_text();
    let mut app = Mounted::new().await;
    app.set_editor("kind: DaemonSet\n# mine\n").await;
    assert_eq!(
        saved_text().await.as_deref(),
        Some("kind: DaemonSet\n# mine\n")
    );
    // A second copy (as after a reload) starts from the saved text.
    app.handle.take().unwrap().destroy();
    app.root.remove();
    let again = Mounted::new().await;
    assert_eq!(again.editor().value(), "kind: DaemonSet\n# mine\n");

    again.button("Reset").click();
    settle().await;
    assert_eq!(again.editor().value(), DEFAULT_MANIFEST);
    assert_eq!(
        saved_text().await.as_deref(),
        Some(DEFAULT_MANIFEST),
        "after Reset a reload shows the example"
    );
    again.button("Undo").click();
    settle().await;
    assert_eq!(again.editor().value(), "kind: DaemonSet\n# mine\n");
    assert_eq!(
        saved_text().await.as_deref(),
        Some("kind: DaemonSet\n# mine\n")
    );
    again.unmount();
}

#[wasm_bindgen_test]
async fn panic_overlay_is_shown_once() {
    playground::panic::show_overlay("boom at src/x.rs:1");
    playground::panic::show_overlay("second");
    let document = gloo::utils::document();
    let overlays = document.query_selector_all(".panic-overlay").unwrap();
    assert_eq!(overlays.length(), 1);
    let overlay = document
        .get_element_by_id(playground::panic::OVERLAY_ID)
        .unwrap();
    assert_eq!(
        overlay.get_attribute("role").as_deref(),
        Some("alertdialog")
    );
    let text = overlay.text_content().unwrap();
    assert!(text.contains("Something went wrong"));
    assert!(text.contains("boom at src/x.rs:1"));
    overlay.remove();
}

// ---- The editor on its own, with diagnostics and a revealed line ----

#[derive(Properties, PartialEq)]
struct HostProps {
    text: AttrValue,
    diagnostics: Rc<Vec<Diagnostic>>,
    reveal: Option<(u32, u32)>,
}

#[function_component]
fn Host(props: &HostProps) -> Html {
    html! {
        <div class="editor-panel" style="display: flex; flex-direction: column; height: 300px">
            <label for={EDITOR_ID}>{ "Manifest" }</label>
            <Editor
                value={props.text.clone()}
                on_change={Callback::noop()}
                on_apply={Callback::noop()}
                diagnostics={props.diagnostics.clone()}
                reveal={props.reveal}
            />
        </div>
    }
}

/// One mounted editor (without the app), removed by `unmount`.
struct MountedEditor {
    root: Element,
    handle: Option<AppHandle<Host>>,
}

impl MountedEditor {
    async fn new(props: HostProps) -> MountedEditor {
        ensure_styles();
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<Host>::with_root_and_props(root.clone(), props).render();
        settle().await;
        MountedEditor {
            root,
            handle: Some(handle),
        }
    }

    fn find(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
    }

    fn all_text(&self, selector: &str) -> Vec<String> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.text_content().unwrap_or_default())
            .collect()
    }

    fn unmount(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

fn exec(command: &str, value: &str) -> bool {
    let document: HtmlDocument = gloo::utils::document().unchecked_into();
    document
        .exec_command_with_show_ui_and_value(command, false, value)
        .unwrap()
}

const BAD_MANIFEST: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containres:
        - name: agent
          image: busybox
";

#[wasm_bindgen_test]
async fn typing_keeps_native_undo_and_redo() {
    forget_saved_text();
    let app = Mounted::new().await;
    app.set_editor("kind: DaemonSet\n").await;
    let editor = app.editor();
    editor.focus().unwrap();
    editor.set_selection_range(15, 15).unwrap();
    assert!(exec("insertText", "\nspec: {}"));
    settle().await;
    assert_eq!(editor.value(), "kind: DaemonSet\nspec: {}\n");
    assert_eq!(
        saved_text().await.as_deref(),
        Some("kind: DaemonSet\nspec: {}\n"),
        "the model saw the typing"
    );
    // The app renders after each edit; the textarea keeps its own undo history.
    assert!(exec("undo", ""));
    settle().await;
    assert_eq!(editor.value(), "kind: DaemonSet\n");
    assert_eq!(saved_text().await.as_deref(), Some("kind: DaemonSet\n"));
    assert!(exec("redo", ""));
    settle().await;
    assert_eq!(editor.value(), "kind: DaemonSet\nspec: {}\n");
    // Ctrl+Y redoes too.
    assert!(exec("undo", ""));
    settle().await;
    let event = press(&editor, "y", true).await;
    assert!(event.default_prevented());
    assert_eq!(editor.value(), "kind: DaemonSet\nspec: {}\n");
    assert_eq!(
        saved_text().await.as_deref(),
        Some("kind: DaemonSet\nspec: {}\n")
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn yaml_is_highlighted_as_it_is_typed() {
    let app = Mounted::new().await;
    app.set_editor(
        "kind: DaemonSet # the kind\nspec:\n  n: 3\n  on: yes\n  a: &x \"s\"\n---\nb: *x\n",
    )
    .await;
    let keys: Vec<String> = {
        let list = app.root.query_selector_all(".highlight .y-key").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(keys, ["kind", "spec", "n", "on", "a", "b"]);
    assert_eq!(app.text(".highlight .y-num"), "3");
    assert_eq!(app.text(".highlight .y-lit"), "yes");
    assert_eq!(app.text(".highlight .y-com"), "# the kind");
    assert_eq!(app.text(".highlight .y-doc"), "---");
    assert_eq!(app.text(".highlight .y-str"), "DaemonSet");
    assert_eq!(app.text(".highlight .y-anchor"), "&x");
    // The copy under the textarea has the same lines as the textarea.
    let lines = app.root.query_selector_all(".highlight .hl-line").unwrap();
    assert_eq!(lines.length(), 8);
    assert_eq!(
        app.find(".highlight")
            .get_attribute("aria-hidden")
            .as_deref(),
        Some("true")
    );
    app.unmount();
}

#[wasm_bindgen_test]
async fn shift_tab_dedents_and_enter_keeps_the_indentation() {
    let app = Mounted::new().await;
    app.set_editor("spec:\n    a: 1\n    b: 2").await;
    let editor = app.editor();
    editor.focus().unwrap();
    // Lines 2 and 3 selected: Shift+Tab takes two spaces off each.
    editor.set_selection_range(7, 20).unwrap();
    let event = press_with(&editor, "Tab", false, true).await;
    assert!(event.default_prevented());
    assert_eq!(editor.value(), "spec:\n  a: 1\n  b: 2");
    // Tab on a multi-line selection indents every line.
    editor.set_selection_range(6, 18).unwrap();
    press(&editor, "Tab", false).await;
    assert_eq!(editor.value(), "spec:\n    a: 1\n    b: 2");
    // Enter after `spec:` indents one level more.
    editor.set_selection_range(5, 5).unwrap();
    let event = press(&editor, "Enter", false).await;
    assert!(event.default_prevented());
    assert_eq!(editor.value(), "spec:\n  \n    a: 1\n    b: 2");
    assert_eq!(editor.selection_start().unwrap(), Some(8));
    app.unmount();
}

#[wasm_bindgen_test]
async fn diagnostics_are_drawn_at_their_line_and_column_and_announced() {
    let diagnostics = playground::diagnostics::check(BAD_MANIFEST);
    assert_eq!(
        diagnostics
            .iter()
            .map(|d| (d.line, d.column))
            .collect::<Vec<_>>(),
        [(14, 7)]
    );
    let ed = MountedEditor::new(HostProps {
        text: BAD_MANIFEST.into(),
        diagnostics: Rc::new(diagnostics),
        reveal: None,
    })
    .await;

    // Line 14 is marked, the word at column 7 underlined, the message after the line.
    let line = ed.find(".highlight .hl-line:nth-child(14)");
    assert!(line.class_list().contains("line-error"));
    assert_eq!(ed.all_text(".hl-line.line-error").len(), 1);
    assert_eq!(ed.all_text(".highlight .mark-error"), ["containres"]);
    let message = ed.all_text(".hl-line:nth-child(14) .inline-message");
    assert_eq!(message.len(), 1);
    assert!(
        message[0].contains("unknown field \"spec.template.spec.containres\""),
        "{message:?}"
    );
    assert_eq!(ed.all_text(".gutter .ln-error"), ["14"]);
    let title = ed.find(".gutter .ln-error").get_attribute("title").unwrap();
    assert!(title.starts_with("14:7: "), "{title}");

    // Announced politely, and listed with a button that moves the cursor there.
    let status = ed.find(".editor-problems [role=status]");
    assert_eq!(status.get_attribute("aria-live").as_deref(), Some("polite"));
    let said = status.text_content().unwrap();
    assert!(
        said.starts_with("1 problem: line 14, column 7: DaemonSet in version"),
        "{said}"
    );
    let editor: HtmlTextAreaElement = ed.find(&format!("#{EDITOR_ID}")).unchecked_into();
    assert_eq!(
        editor.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let button: HtmlElement = ed.find(".problem-list button").unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Line 14, column 7");
    button.click();
    settle().await;
    let offset = BAD_MANIFEST
        .split('\n')
        .take(13)
        .map(|l| l.len() as u32 + 1)
        .sum::<u32>()
        + 6;
    assert_eq!(editor.selection_start().unwrap(), Some(offset));
    assert_eq!(
        gloo::utils::document().active_element(),
        Some(editor.clone().into())
    );
    ed.unmount();

    // Without problems: nothing marked, nothing announced.
    let ok = MountedEditor::new(HostProps {
        text: BAD_MANIFEST.into(),
        diagnostics: Rc::default(),
        reveal: None,
    })
    .await;
    assert!(ok
        .all_text(".mark, .inline-message, .ln-error, .problem")
        .is_empty());
    assert_eq!(ok.all_text(".editor-problems [role=status]"), [""]);
    ok.unmount();
}

#[wasm_bindgen_test]
async fn warnings_and_several_problems_on_one_line() {
    let list = vec![
        Diagnostic::error(2, 1, "first"),
        Diagnostic {
            line: 2,
            column: 7,
            message: "second".into(),
            severity: Severity::Warning,
        },
        Diagnostic::error(99, 1, "past the end"),
    ];
    let ed = MountedEditor::new(HostProps {
        text: "a: 1\nkind: x\n".into(),
        diagnostics: Rc::new(list),
        reveal: None,
    })
    .await;
    assert_eq!(ed.all_text(".mark-error"), ["kind"]);
    assert_eq!(ed.all_text(".mark-warning"), ["x"]);
    assert_eq!(
        ed.all_text(".hl-line:nth-child(2) .inline-message"),
        ["first", "second"]
    );
    // The worst severity marks the line; a problem past the end is only listed.
    assert!(ed
        .find(".hl-line:nth-child(2)")
        .class_list()
        .contains("line-error"));
    assert_eq!(ed.all_text(".problem").len(), 3);
    let said = ed.all_text("[role=status]").join("");
    assert!(
        said.starts_with("3 problems: line 2, column 1: first; warning, line 2, column 7: second"),
        "{said}"
    );
    ed.unmount();
}

#[wasm_bindgen_test]
async fn reveal_marks_a_line_and_scrolls_it_into_view() {
    let text: String = (1..=200).map(|i| format!("key{i}: {i}\n")).collect();
    let ed = MountedEditor::new(HostProps {
        text: text.clone().into(),
        diagnostics: Rc::default(),
        reveal: Some((150, 1)),
    })
    .await;
    let editor: HtmlTextAreaElement = ed.find(&format!("#{EDITOR_ID}")).unchecked_into();
    assert!(
        editor.scroll_top() > 100 * 19,
        "scrolled to line 150: {}",
        editor.scroll_top()
    );
    settle().await;
    let revealed = ed.all_text(".hl-line.line-revealed");
    assert_eq!(revealed, ["key150: 150"]);
    assert_eq!(ed.all_text(".gutter .ln-revealed"), ["150"]);
    // The revealed line is drawn where the textarea shows it.
    let line = ed.find(".hl-line.line-revealed").get_bounding_client_rect();
    let area = editor.get_bounding_client_rect();
    assert!(
        line.top() >= area.top() && line.bottom() <= area.bottom(),
        "line at {}..{}, textarea at {}..{}",
        line.top(),
        line.bottom(),
        area.top(),
        area.bottom()
    );
    // Its number is beside it (an inline number's box is shorter than the line: compare
    // the middles).
    let number = ed.find(".gutter .ln-revealed").get_bounding_client_rect();
    let middle = |r: &web_sys::DomRect| (r.top() + r.bottom()) / 2.0;
    assert!(
        (middle(&number) - middle(&line)).abs() < 1.5,
        "{} vs {}",
        middle(&number),
        middle(&line)
    );
    ed.unmount();

    let none = MountedEditor::new(HostProps {
        text: text.into(),
        diagnostics: Rc::default(),
        reveal: None,
    })
    .await;
    assert!(none.all_text(".line-revealed, .ln-revealed").is_empty());
    none.unmount();
}

/// In the browser the engine's case mapping and character classes come from the
/// JavaScript engine (`engine::case`); they agree with the standard library's.
#[wasm_bindgen_test]
fn the_browsers_case_mapping_is_the_standard_librarys() {
    use engine::case;
    for s in [
        "DaemonSet",
        "Straße",
        "ΟΔΟΣ",
        "ǅungla",
        "İstanbul",
        "ﬁle",
        "中文",
    ] {
        assert_eq!(case::to_lowercase(s), s.to_lowercase(), "{s}");
        assert_eq!(case::to_uppercase(s), s.to_uppercase(), "{s}");
    }
    for c in [
        'a', 'Z', '5', '-', 'ß', 'Σ', 'ǅ', '٣', 'Ⅻ', '½', '中', '\u{a0}', '𝐀',
    ] {
        assert_eq!(case::is_alphabetic(c), c.is_alphabetic(), "{c}");
        assert_eq!(case::is_lowercase(c), c.is_lowercase(), "{c}");
        assert_eq!(case::is_uppercase(c), c.is_uppercase(), "{c}");
        assert_eq!(case::is_numeric(c), c.is_numeric(), "{c}");
    }
}
