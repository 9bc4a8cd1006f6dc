// The dense board's cells (see board.rs). Names each cell's button: `titles` holds one
// title per cell at the positions `changed` (or, without it, per cell in the list's
// order), separated by NUL, whose first line is also the button's accessible name and
// the other lines (its pods) its description. The title itself (the tooltip) is set when
// the pointer first comes over a cell: a change of `title` makes Chromium recompute the
// style of every cell changed (the user-agent style sheet has `abbr[title]`), which
// `aria-*` attributes do not. Paints each node's daemon pods on the canvas, two bytes per
// node (the first and the second pod; 255 = no pod; the low bits the index of its state
// in `names`, 0x80 = an old revision), over `wrap`'s list of cells, and again whenever
// the list is resized. (Comment lines are stripped from the build.)
const boards = new WeakMap();

export function draw_cells(wrap, codes, names, changed, titles) {
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
  const count = changed ? changed.length : cells.length;
  for (let k = 0; k < count; k++) {
    const i = changed ? changed[k] : k;
    if (i >= cells.length) break;
    const button = cells[i].firstElementChild;
    const t = all[k] ?? '';
    const was = button._title;
    if (was === t) continue;
    button._title = t;
    if (button.hasAttribute('title')) button.title = t;
    // The first line names the cell; the pods' lines describe it (the title would repeat
    // the name in the description). Each is set only if it changed: setting an attribute
    // to its own value still costs the browser its change notifications.
    const [label, pods] = lines(t);
    const [wasLabel, wasPods] = lines(was ?? '');
    if (was === undefined || label !== wasLabel) button.setAttribute('aria-label', label);
    if (pods === null) {
      if (wasPods !== null) button.removeAttribute('aria-description');
    } else if (pods !== wasPods) button.setAttribute('aria-description', pods);
  }
  paint(wrap, b);
}

// A title's first line, and the rest (null if none).
function lines(t) {
  const nl = t.indexOf('\n');
  return nl < 0 ? [t, null] : [t.slice(0, nl), t.slice(nl + 1)];
}

function paint(wrap, b) {
  const { codes, names } = b;
  const [ul, canvas] = wrap.children;
  const dpr = devicePixelRatio || 1;
  const w = ul.offsetLeft + ul.offsetWidth;
  const h = ul.offsetTop + ul.offsetHeight;
  const W = Math.round(w * dpr);
  const H = Math.round(h * dpr);
  if (canvas.width !== W || canvas.height !== H) {
    canvas.style.width = w + 'px';
    canvas.style.height = h + 'px';
    canvas.width = W;
    canvas.height = H;
  }
  if (!W || !H) return;
  // The pixels are written directly and put on the canvas at once: thousands of
  // fillRect calls (and pattern fills for the stripes) cost the browser's rasteriser
  // several times what the page's frame has.
  if (!b.image || b.image.width !== W || b.image.height !== H) {
    try {
      b.image = new ImageData(W, H);
    } catch {
      // Larger than the browser allows: no colours rather than an error.
      b.image = null;
      return;
    }
  }
  const px = new Uint32Array(b.image.data.buffer);
  px.fill(0);
  // The cells are a grid of equal tracks: the first cell, the next one along and the
  // first of the second row give its pitch.
  const first = ul.firstElementChild;
  const cell = first && first.firstElementChild;
  if (cell) {
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
    const terminating = names.indexOf('terminating');
    // Each state's pixel, plain and (+ 0x80) with an old revision's stripe over it.
    const plain = new Uint32Array(256);
    const striped = new Uint32Array(256);
    names.forEach((n, i) => {
      const [r, g, bl, a] = rgba(style.getPropertyValue('--pod-' + n).trim() || 'gray');
      const alpha = (a / 255) * (i === terminating ? 0.65 : 1);
      plain[i] = pixel(r, g, bl, alpha);
      // Light stripes (white at 0.4 over the colour), as the larger cards mark an old
      // revision.
      const out = 0.4 + alpha * 0.6;
      const over = (c) => (255 * 0.4 + c * alpha * 0.6) / out;
      striped[i] = pixel(over(r), over(g), over(bl), out);
    });
    const fill = (code, x, y, width) => {
      const state = code & 0x7f;
      const old = code & 0x80;
      const X0 = Math.max(0, Math.round(x * dpr));
      const X1 = Math.min(W, Math.round((x + width) * dpr));
      const Y0 = Math.max(0, Math.round(y * dpr));
      const Y1 = Math.min(H, Math.round((y + size) * dpr));
      const p = plain[state];
      const q = striped[state];
      for (let Y = Y0; Y < Y1; Y++) {
        const row = Y * W;
        if (!old) {
          px.fill(p, row + X0, row + X1);
          continue;
        }
        // A diagonal stripe one CSS pixel wide every four.
        const yy = Math.floor(Y / dpr);
        for (let X = X0; X < X1; X++) px[row + X] = (Math.floor(X / dpr) + yy) % 4 === 3 ? q : p;
      }
    };
    const n = Math.min(ul.children.length, codes.length >> 1);
    for (let i = 0; i < n; i++) {
      const a = codes[2 * i];
      const c = codes[2 * i + 1];
      const x = x0 + (i % cols) * dx;
      const y = y0 + Math.floor(i / cols) * dy;
      if (c !== 255) {
        // Two pods (a surge) share the cell.
        const half = size >> 1;
        fill(a, x, y, half);
        fill(c, x + half, y, size - half);
      } else if (a !== 255) fill(a, x, y, size);
    }
  }
  canvas.getContext('2d').putImageData(b.image, 0, 0);
}

// A CSS colour as [r, g, b, a] bytes, as the canvas parses it.
const parsed = new Map();
let probe;
function rgba(colour) {
  let v = parsed.get(colour);
  if (!v) {
    probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = colour;
    probe.fillRect(0, 0, 1, 1);
    v = [...probe.getImageData(0, 0, 1, 1).data];
    parsed.set(colour, v);
  }
  return v;
}

// RGBA bytes in memory order, as a little-endian Uint32Array holds them.
function pixel(r, g, b, alpha) {
  const a = Math.round(alpha * 255);
  return ((a << 24) | (Math.round(b) << 16) | (Math.round(g) << 8) | Math.round(r)) >>> 0;
}
