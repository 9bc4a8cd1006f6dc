// A small YAML tokenizer for CodeMirror's StreamLanguage: keys, strings, numbers,
// booleans and null (as Go's yaml.v2, which kubectl uses, resolves them: `yes`, `on`,
// `y` are booleans), comments, document markers, anchors, aliases, tags and block
// scalars. It colours text; it never judges it (the engine's diagnostics do that).

const BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const NULL = /^(?:~|null|Null|NULL)$/;
const NUMBER =
  /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF))$|^\.(?:nan|NaN|NAN)$/;
// What follows a key: optional spaces, then `:` and a space or the end of the line.
const KEY_END = /^\s*:(?:\s|$)/;

function scalarKind(word) {
  if (BOOL.test(word)) return 'bool';
  if (NULL.test(word)) return 'null';
  if (NUMBER.test(word)) return 'number';
  return 'string';
}

export const yamlMode = {
  name: 'yaml',
  startState: () => ({ block: -1, flow: 0 }),
  copyState: (s) => ({ block: s.block, flow: s.flow }),
  token(stream, state) {
    if (stream.sol()) {
      // Inside a block scalar (`|` or `>`): every line indented deeper than the line
      // that opened it, and blank lines, are its text.
      if (state.block >= 0) {
        if (stream.match(/^\s*$/) || stream.indentation() > state.block) {
          stream.skipToEnd();
          return 'string';
        }
        state.block = -1;
      }
      if (stream.match(/^(?:---|\.\.\.)(?=\s|$)/)) {
        state.flow = 0;
        return 'meta';
      }
    }
    if (stream.eatSpace()) return null;
    const ch = stream.peek();
    const prev = stream.pos > 0 ? stream.string.charAt(stream.pos - 1) : ' ';
    if (ch === '#' && /\s/.test(prev)) {
      stream.skipToEnd();
      return 'comment';
    }
    if (ch === '%' && stream.sol()) {
      stream.skipToEnd();
      return 'meta';
    }
    if (ch === '"' || ch === "'") {
      if (ch === '"') stream.match(/^"(?:[^"\\]|\\.)*"?/);
      else stream.match(/^'(?:[^']|'')*'?/);
      return stream.match(KEY_END, false) ? 'propertyName' : 'string';
    }
    if ('[{'.includes(ch)) {
      stream.next();
      state.flow++;
      return 'punctuation';
    }
    if (']}'.includes(ch)) {
      stream.next();
      if (state.flow > 0) state.flow--;
      return 'punctuation';
    }
    if (ch === ',' && state.flow > 0) {
      stream.next();
      return 'punctuation';
    }
    if ((ch === '-' || ch === '?' || ch === ':') && /^.(?:\s|$)/.test(stream.string.slice(stream.pos, stream.pos + 2))) {
      stream.next();
      return 'punctuation';
    }
    if (ch === '&' && stream.match(/^&[^\s,[\]{}]+/)) return 'labelName';
    if (ch === '*' && stream.match(/^\*[^\s,[\]{}]+/)) return 'variableName';
    if (ch === '!' && stream.match(/^![^\s,[\]{}]*/)) return 'typeName';
    if ((ch === '|' || ch === '>') && stream.match(/^[|>][-+0-9]*(?=\s*(?:#.*)?$)/)) {
      state.block = stream.indentation();
      return 'punctuation';
    }
    // A plain scalar: up to `: `, ` #`, the end of the line, or a flow indicator.
    const start = stream.pos;
    while (!stream.eol()) {
      const c = stream.peek();
      const next = stream.string.charAt(stream.pos + 1);
      if (c === ':' && (next === '' || /\s/.test(next) || (state.flow > 0 && ',[]{}'.includes(next)))) break;
      if (c === '#' && stream.pos > start && /\s/.test(stream.string.charAt(stream.pos - 1))) break;
      if (state.flow > 0 && ',[]{}'.includes(c)) break;
      stream.next();
    }
    if (stream.pos === start) {
      stream.next();
      return null;
    }
    const word = stream.current().replace(/\s+$/, '');
    stream.backUp(stream.current().length - word.length);
    if (stream.match(KEY_END, false)) return 'propertyName';
    return scalarKind(word);
  },
  languageData: { commentTokens: { line: '#' } },
};
