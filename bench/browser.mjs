// The browser benchmark: the release build (dist/) in headless Chromium, for 100, 1,000
// and 5,000 nodes: time from an edit (Apply) to the updated grid, and frame times while a
// rollout animates at 16×. Run by scripts/bench.sh (or: node bench/browser.mjs [N...]).
import { gzipSync } from 'node:zlib';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { launchBrowser } from '../e2e/lib/browser.mjs';
import { serveDir } from '../e2e/lib/server.mjs';

const DIST = process.env.DIST || 'dist';
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const NODES = sizes.length ? sizes : [100, 1000, 5000];
const FRAME_WINDOW_MS = 6000;
// The first Apply of a new DaemonSet is timed, then this many more, each after the
// DaemonSet and its pods are gone: one Apply's time depends on where it falls among the
// frames (the grid shows in the first frame drawn after it) and on the machine's load.
const REAPPLIES = Number(process.env.REAPPLIES ?? 4);

function nodeList(n) {
  const lines = ['apiVersion: v1', 'kind: List', 'items:'];
  for (let i = 1; i <= n; i++) {
    const zone = `zone-${i % 3}`;
    lines.push(`- {apiVersion: v1, kind: Node, metadata: {name: node-${i}, labels: {topology.kubernetes.io/zone: ${zone}}}}`);
  }
  return lines.join('\n') + '\n';
}

const DS = (image) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    rollingUpdate:
      maxUnavailable: 10%
  template:
    metadata:
      labels: {app: agent}
    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: ${image}
`;

// The pods the board shows, as named in the cells' descriptions and the tiles' titles
// (one line per pod; cells have no pod elements): the lines that contain `text`. Run in
// the page.
const podLines = String((text) =>
  [...document.querySelectorAll('li.node button.node-tile')].flatMap((b) =>
    (b.getAttribute('aria-description') ?? b.title.split('\n').slice(1).join('\n')).split('\n').filter((l) => l.includes(text)),
  ),
);

/**
 * Clicks Apply and waits (frame by frame) until `done()` holds in the page; ms until the
 * frame that shows it is painted. `done()` is checked as each frame begins (in its
 * animation-frame callbacks), and a message posted then arrives once that frame's style,
 * layout and paint are done. (Waiting for the next frame to begin instead adds the idle
 * time until then: up to a frame, 0.3–15 ms in headless Chromium.)
 */
async function timeApply(page, predicate, arg) {
  return page.evaluate(
    async ([predicateSrc, arg]) => {
      const done = new Function('arg', predicateSrc);
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const painted = () =>
        new Promise((r) => {
          const c = new MessageChannel();
          c.port1.onmessage = r;
          c.port2.postMessage(null);
        });
      const t0 = performance.now();
      document.querySelector('button.primary[aria-keyshortcuts]').click();
      while (!done(arg)) await frame();
      await painted();
      return performance.now() - t0;
    },
    [predicate, arg],
  );
}

function stats(deltas) {
  const s = [...deltas].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const total = deltas.reduce((a, b) => a + b, 0);
  return { frames: s.length, fps: (1000 * s.length) / total, p50: q(0.5), p95: q(0.95), max: s.at(-1) };
}

/**
 * The machine's speed, for comparing figures taken on different days or machines: a fixed
 * integer loop in the page (median of five runs, ms). It says nothing about the app; a
 * machine that takes twice as long here takes about twice as long for the app too.
 */
async function reference(page) {
  return page.evaluate(() => {
    const runs = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      let x = 1;
      for (let i = 0; i < 50_000_000; i++) x = (Math.imul(x, 1103515245) + 12345 + (x >>> 16)) | 0;
      runs.push(performance.now() - t0 + (x === 42 ? 1e-9 : 0));
    }
    return runs.sort((a, b) => a - b)[2];
  });
}

async function payload() {
  let gz = 0;
  for (const f of await readdir(DIST, { recursive: true })) {
    if (f.endsWith('.wasm') || f.endsWith('.js')) gz += gzipSync(await readFile(join(DIST, f)), { level: 9 }).length;
  }
  return gz;
}

const server = await serveDir(DIST);
const browser = await launchBrowser();
const rows = [];
let machine = NaN;
try {
  for (const n of NODES) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector('li.node');
    if (Number.isNaN(machine)) machine = await reference(page);
    // The cluster: the 3 starter nodes plus n imported ones.
    // Pasted as a user would, without typing 5,000 lines key by key.
    await page.evaluate((text) => {
      const area = document.getElementById('import-nodes');
      area.closest('details').open = true;
      area.value = text;
    }, nodeList(n));
    await page.getByRole('button', { name: 'Import' }).click();
    const total = n + 3;
    await page.waitForFunction((t) => document.querySelectorAll('li.node').length === t, total, { timeout: 120000 });
    // The app's User Timing measures of getting ready for the larger cluster (src/warm_up.rs),
    // in all and the longest task. From 400 nodes a rehearsal follows the import, a piece
    // per task: the manifest is applied once it is done, as a person would after pasting it.
    if (total >= 400) await page.waitForFunction(() => performance.getEntriesByName('rehearsed').length > 0, null, { timeout: 60000 });
    const warmUp = await page.evaluate(() => {
      const d = performance.getEntriesByName('warm-up').map((e) => e.duration);
      return { total: d.reduce((a, b) => a + b, 0), longest: Math.max(0, ...d) };
    });

    const editor = page.getByRole('textbox', { name: 'Manifest', exact: true });
    await editor.fill(DS('agent:1'));
    const hasPods = `return (${podLines})('Pod ').length === arg`;
    const create = await timeApply(page, hasPods, total);
    const consoleInput = page.getByRole('textbox', { name: 'kubectl command' });
    const again = [];
    for (let k = 0; k < REAPPLIES; k++) {
      for (const command of ['kubectl delete ds agent', 'sleep 2m']) {
        await consoleInput.fill(command);
        await consoleInput.press('Enter');
      }
      await page.waitForFunction(`(${podLines})('Pod ').length === 0`);
      await page.waitForTimeout(300);
      again.push(await timeApply(page, hasPods, total));
    }
    // Let every pod become available.
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('16');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.locator('.clock-next', { hasText: 'nothing scheduled' }).waitFor({ timeout: 300000 });

    // The engine alone, in WebAssembly: a whole rollout as one console command (compare
    // with the criterion bench "rolling update of 5000 nodes, maxUnavailable 10%").
    await consoleInput.fill('kubectl set image ds/agent agent=agent:2');
    await consoleInput.press('Enter');
    const rolloutWasm = await page.evaluate(async () => {
      const input = document.getElementById('console-input');
      const entries = () => document.querySelectorAll('.scrollback .entry').length;
      const before = entries();
      input.value = 'sleep 30m';
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(r));
      const t0 = performance.now();
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      while (entries() === before) await new Promise((r) => setTimeout(r, 0));
      const shown = performance.now() - t0;
      // The app's User Timing measure of the command: the engine and the board's data,
      // without Yew's rendering and the browser's layout.
      const update = performance.getEntriesByName('update').at(-1)?.duration ?? NaN;
      return { shown, update };
    });

    await editor.fill(DS('agent:3'));
    const update = await timeApply(page, `return (${podLines})(': Terminating').length > 0`, null);

    // Frame times while the rollout plays at 16×: the frames' own timestamps (when each
    // frame began), and the real time between their callbacks. A frame whose callbacks run
    // late, after a long task, keeps the time it began, so the first can look smooth while
    // the page did not answer for longer: the second shows that.
    await page.evaluate(() => ['tick', 'refresh'].forEach((m) => performance.clearMeasures(m)));
    await page.getByRole('button', { name: 'Play' }).click();
    const { deltas, gaps } = await page.evaluate(async (windowMs) => {
      const deltas = [];
      const gaps = [];
      let last = performance.now();
      let lastRun = last;
      const end = last + windowMs;
      await new Promise((resolve) => {
        const tick = (t) => {
          const run = performance.now();
          deltas.push(t - last);
          gaps.push(run - lastRun);
          last = t;
          lastRun = run;
          if (t < end) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      return { deltas, gaps };
    }, FRAME_WINDOW_MS);
    const f = stats(deltas);
    const gap = stats(gaps).max;
    // The longest tick's events (engine) and board update (the board's data) while playing.
    const longest = await page.evaluate(() => {
      const max = (name) => Math.max(0, ...performance.getEntriesByName(name).map((e) => e.duration));
      return { tick: max('tick'), refresh: max('refresh') };
    });
    const rollout = await page.locator('.rollout-lines').textContent();
    rows.push({ nodes: n, warmUp, create, again, update, rolloutWasm: rolloutWasm.shown, rolloutEngine: rolloutWasm.update, ...f, gap, ...longest, rollout: rollout.trim(), errors: errors.length });
    console.error(`measured ${n} nodes`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const kib = (await payload()) / 1024;
// (Node's zlib at level 9 packs these about 3 KB larger than GNU gzip -9, whose figure in
// scripts/test.sh is the one the budget is checked against.)
console.log(`payload (wasm + js, zlib level 9): ${kib.toFixed(0)} KiB`);
console.log(`machine reference (a fixed integer loop in the page, median of 5): ${machine.toFixed(0)} ms`);
const again = (v) => {
  if (!v.length) return '';
  const s = [...v].sort((a, b) => a - b);
  return `; ${v.length} more: median ${s[s.length >> 1].toFixed(0)} ms (${s[0].toFixed(0)}–${s.at(-1).toFixed(0)})`;
};
console.log('nodes | warm-up when the nodes came | Apply → grid (new DS: the first; then again, after a delete) | Apply → grid (new image) | whole rollout (sleep 30m): engine and board data / until shown | fps while rolling | p50 / p95 / max frame (ms) | longest time between the callbacks of two frames (ms) | longest tick: engine / board data (ms) | rollout line after 6 s');
for (const r of rows) {
  console.log(
    `${r.nodes} | ${r.warmUp.total.toFixed(0)} ms (longest task ${r.warmUp.longest.toFixed(0)} ms) | ${r.create.toFixed(0)} ms${again(r.again)} | ${r.update.toFixed(0)} ms | ${r.rolloutEngine.toFixed(0)} ms / ${r.rolloutWasm.toFixed(0)} ms | ${r.fps.toFixed(0)} | ` +
      `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} / ${r.max.toFixed(1)} | ${r.gap.toFixed(1)} | ${r.tick.toFixed(0)} / ${r.refresh.toFixed(0)} | ${r.rollout}` +
      (r.errors ? ` | ${r.errors} page errors` : ''),
  );
}
