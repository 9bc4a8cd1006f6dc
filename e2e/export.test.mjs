// Exports download as files, made from the scenario on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { openPlayground, useHarness } from './lib/harness.mjs';

useHarness();

test('every export downloads a file made from the current scenario', async (t) => {
  const { pg } = await openPlayground(t, { acceptDownloads: true });
  await pg.loadExample('rolling-update');
  await pg.step();
  const expected = {
    'Scenario as YAML': ['scenario.yaml', /kind: DaemonSet[\s\S]*name: agent/],
    'Scenario as a dsim script': ['scenario.sh', /kubectl set image ds\/agent agent=registry.example\/agent:2.0/],
    'Timeline as JSON': ['timeline.json', /"dsim-timeline\/1"/],
    'Timeline as SVG': ['timeline.svg', /<svg[\s\S]*worker-1/],
    'Kit for kind + KWOK': ['kwok-kit.sh', /cat > nodes.yaml <</],
  };
  for (const [label, [name, content]] of Object.entries(expected)) {
    const menu = pg.page.locator('.export-menu');
    if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
    const [download] = await Promise.all([
      pg.page.waitForEvent('download'),
      pg.page.getByRole('button', { name: label }).click(),
    ]);
    assert.equal(download.suggestedFilename(), name);
    const text = await readFile(await download.path(), 'utf8');
    assert.match(text, content, label);
  }
  assert.deepEqual(pg.errors, []);
});
