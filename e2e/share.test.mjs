// Share links and the embed: links made by `dsim link` open in the embed with what
// `dsim run` prints; the Share panel's link reopens the same state; hostile links end
// quickly with a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { openPlayground, useHarness } from './lib/harness.mjs';

useHarness();

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function dsim(...args) {
  return execFileSync('cargo', ['run', '-q', '-p', 'dsim', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The rows of a kubectl table as arrays of cells. */
function table(text) {
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s{2,}/));
}

test('a link made by dsim link shows in the embed what dsim run prints', async (t) => {
  // The example scenario, plus the listings to compare with.
  const dir = await mkdtemp(join(tmpdir(), 'dsim-link-'));
  await cp(join(ROOT, 'examples'), dir, { recursive: true });
  const script = join(dir, 'scenario.sh');
  await writeFile(
    script,
    `kubectl apply -f nodes.yaml\nkubectl label node k8s-node1 disk=ssd\nkubectl apply -f ssd-monitor.yaml\nsleep 10s\nkubectl get ds -o wide\nkubectl get pods -o wide\n`,
  );
  const printed = dsim('run', script);
  const lines = printed.split('\n');
  const at = (re) => lines.findIndex((l) => re.test(l));
  const dsAt = at(/^NAME +DESIRED/);
  const podsAt = at(/^NAME +READY/);
  const dsText = lines.slice(dsAt, podsAt).join('\n');
  const podsText = lines.slice(podsAt).join('\n');
  const link = dsim('link', '--embed', script).trim();
  assert.match(link, /^\?embed=1#v1\.[A-Za-z0-9_-]+$/);

  const { pg } = await openPlayground(t, { path: link });
  await pg.page.locator('.app.embed').waitFor();
  // Placement: the pods on each node, by name.
  const grid = await pg.page.locator('li.node').evaluateAll((nodes) =>
    nodes.map((n) => [
      n.querySelector('.node-name').textContent,
      [...n.querySelectorAll('.pod')].map((p) => p.getAttribute('aria-label').match(/^Pod (\S+)/)[1]),
    ]),
  );
  const pods = table(podsText).map((r) => [r[6], r[0]]);
  const expected = grid.map(([node]) => [node, pods.filter(([n]) => n === node).map(([, p]) => p)]);
  assert.deepEqual(grid, expected);
  assert.ok(grid.some(([, p]) => p.length === 1), 'a pod was placed');
  // Status: the kubectl get ds row, cell for cell (the embed shows the narrow columns).
  const shown = await pg.page.locator('.ds-status tbody tr td').allTextContents();
  assert.deepEqual(shown, table(dsText)[0].slice(0, shown.length));
  assert.equal(await pg.page.locator('.open-full').getAttribute('href'), `/${link.slice(link.indexOf('#'))}`);
  await pg.screenshot('embed');
  assert.deepEqual(pg.errors, []);
});

test('the Share panel gives a link that reopens the same state, and the old work can come back', async (t) => {
  const { pg, context } = await openPlayground(t);
  await pg.loadExample('rolling-update');
  await pg.step();
  await pg.step();
  const grid = await pg.grid();
  await pg.page.getByRole('button', { name: 'Share' }).click();
  const link = await pg.page.locator('#share-link').inputValue();
  assert.ok(link.length < 4000, `link of ${link.length} characters`);
  const snippet = await pg.page.locator('#share-embed').inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1#v1\.[A-Za-z0-9_-]+" title="DaemonSet Playground"/);
  await pg.screenshot('share-panel');

  // Someone else opens it: a fresh browser profile.
  const other = await context.browser().newContext({ viewport: { width: 1280, height: 900 } });
  t.after(() => other.close());
  const page = await other.newPage();
  await page.goto(link);
  await page.locator('li.node').first().waitFor();
  const { PlaygroundPage } = await import('./lib/playground-page.mjs');
  const them = new PlaygroundPage(page);
  assert.deepEqual(await them.grid(), grid);
  assert.equal(new URL(page.url()).hash, '', 'the fragment is dropped once the scenario is stored');
  await them.reload();
  assert.deepEqual(await them.grid(), grid, 'a reload keeps the opened scenario');

  // The sharer opens their own link over other work: the notice offers the old work back.
  await pg.runCommand('kubectl label node worker-1 mine=yes');
  await pg.page.goto('about:blank');
  await pg.page.goto(link);
  await pg.ready();
  await pg.page.getByRole('button', { name: 'go back to it' }).click();
  assert.match(await pg.page.getByRole('button', { name: /^Node worker-1:/ }).getAttribute('aria-label'), /^Node worker-1/);
  await pg.selectNode('worker-1');
  assert.match(await pg.page.locator('.inspect').textContent(), /mine=yes/);
  assert.deepEqual(them.errors, []);
});

test('hostile links open the app with a clear message within a second', async (t) => {
  const huge = 'v1.' + 'A'.repeat(300 * 1024);
  const notBase64 = 'v1.@@@@not*base64';
  // A decompression bomb: 20 MiB of spaces, zlib-packed, as a v1 link.
  const { deflateSync } = await import('node:zlib');
  const bomb = 'v1.' + deflateSync(Buffer.alloc(20 * 1024 * 1024, 32), { level: 9 }).toString('base64url');
  const good = dsim('link', join(ROOT, 'examples', 'ssd-monitor.sh')).trim().slice(1);
  const truncated = good.slice(0, Math.floor(good.length / 2));
  for (const [name, fragment, says] of [
    ['huge', huge, /too long/i],
    ['not base64', notBase64, /damaged/i],
    ['bomb', bomb, /more than 4 MiB/],
    ['truncated', truncated, /damaged/i],
  ]) {
    const { pg } = await openPlayground(t, { path: `#${fragment}` });
    const started = Date.now();
    const notice = pg.page.getByRole('alert');
    await notice.waitFor({ timeout: 5000 });
    const took = Date.now() - started;
    assert.match(await notice.textContent(), says, name);
    assert.match(await notice.textContent(), /^This link cannot be opened: /, name);
    assert.ok(took < 1000, `${name}: ${took} ms`);
    assert.equal(await pg.page.locator('li.node').count(), 3, `${name}: the starter cluster`);
    assert.deepEqual(pg.errors, [], name);
  }
});
