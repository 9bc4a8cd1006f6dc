// The manifest editor: CodeMirror 6 behind a small interface for the Yew app
// (src/components/editor.rs). Bundled by `npm run build:editor` (esbuild) into
// js/editor-bundle.js, which wasm-bindgen ships with the app; nothing is loaded at run time.
//
//   create(parent, options) -> handle   options: { doc, id, describedBy, onChange(text), onApply() }
//   setValue(handle, text)              replaces the text (not reported through onChange)
//   getValue(handle) -> text
//   setDiagnostics(handle, list)        list of { line, column, message, severity: 'error' | 'warning' }
//   revealLine(handle, line)            marks a 1-based line and scrolls it into view; 0 clears the mark
//   setCursor(handle, line, column)     puts the cursor there and focuses the editor
//   focus(handle), destroy(handle)
//
// Keys: Tab inserts two spaces (indents the lines of a selection), Shift+Tab dedents,
// Esc then Tab leaves the editor, Ctrl/Cmd+Enter applies, Ctrl/Cmd+Z undoes,
// Ctrl/Cmd+Shift+Z and Ctrl+Y redo.

import { Annotation, EditorState, Prec, RangeSet, StateEffect, StateField } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  GutterMarker,
  WidgetType,
  gutterLineClass,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { history, historyKeymap, indentLess, indentMore, standardKeymap } from '@codemirror/commands';
import { StreamLanguage, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { tagHighlighter, tags } from '@lezer/highlight';

import { yamlMode } from './yaml.js';

const INDENT = '  ';

/** Marks transactions that come from setValue, so they are not echoed to onChange. */
const external = Annotation.define();

// Token classes; their colours are in static/style.css and follow the page's theme.
const highlighter = tagHighlighter([
  { tag: tags.propertyName, class: 'y-key' },
  { tag: tags.string, class: 'y-str' },
  { tag: tags.number, class: 'y-num' },
  { tag: [tags.bool, tags.null], class: 'y-lit' },
  { tag: tags.comment, class: 'y-com' },
  { tag: tags.meta, class: 'y-doc' },
  { tag: [tags.labelName, tags.variableName], class: 'y-anchor' },
  { tag: tags.typeName, class: 'y-tag' },
  { tag: tags.punctuation, class: 'y-punct' },
]);

// ---- Diagnostics: an underline at the column, a marked line and its number, and the
// message in a block under the line. Positions move with edits until the next set.

const setDiagnosticsEffect = StateEffect.define();

class MessageWidget extends WidgetType {
  constructor(diagnostic) {
    super();
    this.d = diagnostic;
  }
  eq(other) {
    return other.d.message === this.d.message && other.d.severity === this.d.severity;
  }
  toDOM() {
    const el = document.createElement('div');
    el.className = `cm-diag-message cm-diag-${this.d.severity}`;
    const where = document.createElement('span');
    where.className = 'cm-diag-where';
    where.textContent = `${this.d.severity === 'warning' ? 'warning' : 'error'} at ${this.d.line}:${this.d.column}: `;
    el.append(where, this.d.message);
    return el;
  }
  ignoreEvent() {
    return false;
  }
}

const lineMarker = (severity) =>
  new (class extends GutterMarker {
    constructor() {
      super();
      this.elementClass = `cm-diag-gutter-${severity}`;
    }
  })();
const gutterMarkers = { error: lineMarker('error'), warning: lineMarker('warning') };

/** Offsets of a 1-based line and column in `doc`, clamped to the text. */
function offsetOf(doc, line, column) {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  return { line: l, from: l.from + Math.min(Math.max(column, 1) - 1, l.length) };
}

/** The range to underline: the word (key, value) at the column, or one character. */
function underline(line, from) {
  const rest = line.text.slice(from - line.from);
  const m = /^[^\s:,[\]{}#]+/.exec(rest) || /^\S/.exec(rest);
  if (m) return { from, to: from + m[0].length };
  // At the end of the line: the last character before it, if any.
  return from > line.from ? { from: from - 1, to: from } : null;
}

function buildDiagnostics(doc, list) {
  const decos = [];
  const gutter = [];
  const byLine = new Map();
  for (const d of list) {
    const severity = d.severity === 'warning' ? 'warning' : 'error';
    const diag = { ...d, severity };
    const { line, from } = offsetOf(doc, d.line, d.column);
    const range = underline(line, from);
    if (range) decos.push(Decoration.mark({ class: `cm-diag-mark cm-diag-${severity}` }).range(range.from, range.to));
    if (!byLine.has(line.number)) {
      byLine.set(line.number, []);
      decos.push(Decoration.line({ class: `cm-diag-line cm-diag-line-${severity}` }).range(line.from));
      gutter.push(gutterMarkers[severity].range(line.from));
    }
    byLine.get(line.number).push(diag);
  }
  for (const [n, diags] of byLine) {
    const line = doc.line(n);
    diags.forEach((d, i) =>
      decos.push(Decoration.widget({ widget: new MessageWidget(d), block: true, side: 1 + i }).range(line.to)),
    );
  }
  return { decos: Decoration.set(decos, true), gutter: RangeSet.of(gutter, true) };
}

const diagnosticsField = StateField.define({
  create: () => ({ decos: Decoration.none, gutter: RangeSet.empty }),
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setDiagnosticsEffect)) return buildDiagnostics(tr.state.doc, e.value);
    if (!tr.docChanged) return value;
    return { decos: value.decos.map(tr.changes), gutter: value.gutter.map(tr.changes) };
  },
  provide: (f) => [
    EditorView.decorations.from(f, (v) => v.decos),
    gutterLineClass.from(f, (v) => v.gutter),
  ],
});

// ---- The revealed line (`reveal` prop): one marked line, cleared by the next edit.

const revealEffect = StateEffect.define();
const revealedLine = Decoration.line({ class: 'cm-revealed' });
const revealedGutter = new (class extends GutterMarker {
  constructor() {
    super();
    this.elementClass = 'cm-revealed-gutter';
  }
})();

const revealField = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(revealEffect)) return e.value;
    return tr.docChanged ? null : value;
  },
  provide: (f) => [
    EditorView.decorations.from(f, (pos) => (pos == null ? Decoration.none : Decoration.set([revealedLine.range(pos)]))),
    gutterLineClass.from(f, (pos) => (pos == null ? RangeSet.empty : RangeSet.of([revealedGutter.range(pos)]))),
  ],
});

// ---- Theme: the page's CSS variables, with fallbacks for pages without them.

const theme = EditorView.theme({
  '&': { height: '100%', color: 'var(--fg, #1b1f24)', backgroundColor: 'var(--code-bg, #fbfbfc)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mono, monospace)', fontSize: '13px', lineHeight: '1.5' },
  '.cm-content': { padding: '0.5rem 0', caretColor: 'var(--fg, #1b1f24)' },
  '.cm-line': { padding: '0 0.75rem' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg, #1b1f24)' },
  '.cm-gutters': {
    backgroundColor: 'var(--code-bg, #fbfbfc)',
    color: 'var(--muted, #57606a)',
    borderRight: '1px solid var(--border, #d0d7de)',
  },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 0.6rem 0 0.75rem', minWidth: '3.5ch' },
});

/**
 * Creates an editor in `parent`.
 * @param {HTMLElement} parent
 * @param {{doc: string, id?: string, describedBy?: string, onChange: (text: string) => void, onApply: () => void}} options
 */
export function create(parent, options) {
  // Esc, then Tab: the Tab is left to the browser, which moves focus (no keyboard trap).
  let escaped = false;
  const tab = (view) => {
    if (escaped) {
      escaped = false;
      return false;
    }
    const { state } = view;
    if (state.selection.ranges.some((r) => !r.empty && state.doc.lineAt(r.from).number !== state.doc.lineAt(r.to).number)) {
      return indentMore(view);
    }
    view.dispatch(state.replaceSelection(INDENT), { scrollIntoView: true, userEvent: 'input' });
    return true;
  };
  const keys = [
    { key: 'Mod-Enter', run: () => (options.onApply(), true) },
    { key: 'Escape', run: () => ((escaped = true), false) },
    { key: 'Tab', run: tab, shift: indentLess },
  ];
  const attributes = {
    spellcheck: 'false',
    autocorrect: 'off',
    autocapitalize: 'off',
    translate: 'no',
  };
  if (options.id) attributes.id = options.id;
  if (options.describedBy) attributes['aria-describedby'] = options.describedBy;

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc ?? '',
      extensions: [
        lineNumbers(),
        history(),
        indentUnit.of(INDENT),
        EditorState.tabSize.of(2),
        StreamLanguage.define(yamlMode),
        syntaxHighlighting(highlighter),
        diagnosticsField,
        revealField,
        theme,
        EditorView.contentAttributes.of(attributes),
        Prec.highest(keymap.of(keys)),
        keymap.of([...standardKeymap, ...historyKeymap]),
        EditorView.domEventHandlers({
          keydown(event) {
            if (!['Escape', 'Tab', 'Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) escaped = false;
            return false;
          },
          blur() {
            escaped = false;
            return false;
          },
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !u.transactions.some((tr) => tr.annotation(external))) {
            options.onChange(u.state.doc.toString());
          }
        }),
      ],
    }),
  });
  const handle = { view, label: null };
  // Like a textarea's: the text, for scripts and tests that hold the element.
  Object.defineProperty(view.contentDOM, 'value', { get: () => view.state.doc.toString() });
  labelFrom(handle);
  return handle;
}

/**
 * The content element is not labelable, so a `<label for=id>` elsewhere on the page
 * names it through aria-labelledby, and a click on the label focuses the editor.
 */
function labelFrom(handle) {
  const { view } = handle;
  const id = view.contentDOM.id;
  if (!id || handle.label) return;
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  if (!label) return;
  if (!label.id) label.id = `${id}-label`;
  view.contentDOM.setAttribute('aria-labelledby', label.id);
  const onClick = (e) => {
    e.preventDefault();
    view.focus();
  };
  label.addEventListener('click', onClick);
  handle.label = { label, onClick };
}

export function relabel(handle) {
  labelFrom(handle);
}

export function setValue(handle, text) {
  const { view } = handle;
  if (view.state.doc.toString() === text) return;
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    annotations: external.of(true),
    userEvent: 'input.replace',
  });
}

export function getValue(handle) {
  return handle.view.state.doc.toString();
}

export function setDiagnostics(handle, list) {
  handle.view.dispatch({ effects: setDiagnosticsEffect.of(Array.from(list)) });
}

export function revealLine(handle, line) {
  const { view } = handle;
  const { doc } = view.state;
  if (!line) {
    view.dispatch({ effects: revealEffect.of(null) });
    return;
  }
  const pos = doc.line(Math.min(Math.max(line, 1), doc.lines)).from;
  view.dispatch({ effects: [revealEffect.of(pos), EditorView.scrollIntoView(pos, { y: 'center' })] });
}

export function setCursor(handle, line, column) {
  const { view } = handle;
  const { from } = offsetOf(view.state.doc, line, column);
  view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
  view.focus();
}

export function focus(handle) {
  handle.view.focus();
}

export function destroy(handle) {
  if (handle.label) handle.label.label.removeEventListener('click', handle.label.onClick);
  handle.view.destroy();
}
