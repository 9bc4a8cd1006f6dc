// The dense board's cells (see board.rs). Names each cell's button: `titles` holds one
// title per node in the list's order, separated by NUL, whose first line is also the
// button's accessible name and the other lines (its pods) its description. The title
// itself (the tooltip) is set when the pointer first comes over a cell: a change of
// `title` makes Chromium recompute the style of every cell changed (the user-agent
// style sheet has `abbr[title]`), which `aria-*` attributes do not. Paints each
// node's daemon pods on the canvas, two bytes per node (the first and the second pod;
// 255 = no pod; the low bits the index of its state in `names`, 0x80 = an old
// revision), over `wrap`'s list of cells, and again whenever the list is resized.
// (Comment lines are stripped from the build.)
const boards = new WeakMap();
let tile;

export function draw_cells(wrap, codes, names, titles) {
  let b = boards.get(wrap);
  if (!b) {
    boards.set(wrap, (b = {}));
    new ResizeObserver(() => paint(wrap, b)).observe(wrap.firstElementChild);
    wrap.addEventListener('pointerover', (e) => {
      const button = e.target.closest('button');
      if (button && button._title !== undefined && !button.hasAttribute('title')) button.title = button._title;
    });
  }
  b.codes = codes.slice(); // a view into wasm memory
  b.names = names.split(' ');
  const all = titles.split('\0');
  const cells = wrap.firstElementChild.children;
  for (let i = 0; i < cells.length; i++) {
    const button = cells[i].firstElementChild;
    const t = all[i] ?? '';
    if (button._title === t) continue;
    button._title = t;
    if (button.hasAttribute('title')) button.title = t;
    // The first line names the cell; the pods' lines describe it (the title would repeat
    // the name in the description).
    const nl = t.indexOf('\n');
    button.setAttribute('aria-label', nl < 0 ? t : t.slice(0, nl));
    if (nl < 0) button.removeAttribute('aria-description');
    else button.setAttribute('aria-description', t.slice(nl + 1));
  }
  paint(wrap, b);
}

function paint(wrap, { codes, names }) {
  const [ul, canvas] = wrap.children;
  const dpr = devicePixelRatio || 1;
  const w = ul.offsetLeft + ul.offsetWidth;
  const h = ul.offsetTop + ul.offsetHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.style.width = w + 'px';
    canvas.style.height = h + 'px';
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  // The cells are a grid of equal tracks: the first cell, the next one along and the
  // first of the second row give its pitch.
  const first = ul.firstElementChild;
  const cell = first && first.firstElementChild;
  if (!cell) return;
  const x0 = cell.offsetLeft;
  const y0 = cell.offsetTop;
  const size = cell.offsetWidth;
  let cols = 1;
  let below = first.nextElementSibling;
  while (below && below.firstElementChild.offsetTop === y0) {
    cols++;
    below = below.nextElementSibling;
  }
  const dx = cols > 1 ? first.nextElementSibling.firstElementChild.offsetLeft - x0 : 0;
  const dy = below ? below.firstElementChild.offsetTop - y0 : 0;
  const style = getComputedStyle(wrap);
  const colours = names.map((n) => style.getPropertyValue('--pod-' + n).trim() || 'gray');
  const terminating = names.indexOf('terminating');
  if (!tile) {
    // Light diagonal stripes, as the larger cards mark an old revision.
    tile = document.createElement('canvas');
    tile.width = tile.height = 4;
    const t = tile.getContext('2d');
    t.fillStyle = 'rgba(255,255,255,0.4)';
    for (let i = 0; i < 4; i++) t.fillRect(3 - i, i, 1, 1);
  }
  const stripes = ctx.createPattern(tile, 'repeat');
  const pod = (code, x, y, width) => {
    const state = code & 0x7f;
    ctx.globalAlpha = state === terminating ? 0.65 : 1;
    ctx.fillStyle = colours[state] || 'gray';
    ctx.fillRect(x, y, width, size);
    if (code & 0x80) {
      ctx.fillStyle = stripes;
      ctx.fillRect(x, y, width, size);
    }
  };
  const n = Math.min(ul.children.length, codes.length >> 1);
  for (let i = 0; i < n; i++) {
    const a = codes[2 * i];
    const b = codes[2 * i + 1];
    const x = x0 + (i % cols) * dx;
    const y = y0 + Math.floor(i / cols) * dy;
    if (b !== 255) {
      // Two pods (a surge) share the cell.
      const half = size >> 1;
      pod(a, x, y, half);
      pod(b, x + half, y, size - half);
    } else if (a !== 255) pod(a, x, y, size);
  }
  ctx.globalAlpha = 1;
}
