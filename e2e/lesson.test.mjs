// Lessons in the browser: a built-in lesson runs step by step with its checks, the
// learner's own commands satisfy them, progress survives a reload, steps can be reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPlayground, useHarness } from './lib/harness.mjs';

useHarness();

const checks = (pg) =>
  pg.page.getByRole('list', { name: 'Checks' }).locator('li').evaluateAll((ls) => ls.map((l) => [l.className, l.querySelector('code').textContent]));

test('a lesson runs step by step: the learner acts, the checks confirm it', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.page.getByRole('combobox', { name: 'Start a lesson' }).selectOption('03-taints-tolerations');
  const panel = pg.page.locator('.lesson-panel');
  await panel.getByRole('heading', { name: /^Step 1 of \d+: fluentd on two workers$/ }).waitFor();
  await pg.playToEnd();
  assert.ok((await checks(pg)).every(([state]) => state === 'passed'), JSON.stringify(await checks(pg)));
  await panel.getByRole('button', { name: 'Next step' }).click();

  // Step 2: the learner types the command the task asks for.
  await panel.getByRole('heading', { name: /^Step 2 of \d+: NoSchedule keeps running pods$/ }).waitFor();
  assert.match(await panel.locator('.lesson-task').textContent(), /Taint worker-2 with app=fluentd-logging:NoSchedule/);
  assert.ok((await checks(pg)).some(([state]) => state === 'pending'), 'not done before the learner acts');
  await pg.runCommand('kubectl taint node worker-2 app=fluentd-logging:NoSchedule');
  // The taint alone does not wake the DaemonSet (its pod may stay): the status lags.
  assert.deepEqual((await checks(pg)).map(([s]) => s), ['passed', 'passed', 'pending', 'pending']);
  await pg.runCommand('kubectl label ds fluentd -n logging tainted=worker-2');
  assert.deepEqual((await checks(pg)).map(([s]) => s), ['passed', 'passed', 'passed', 'passed']);
  await pg.screenshot('lesson');
  await panel.getByRole('button', { name: 'Next step' }).click();

  // Step 3 with "Show me"; then the progress survives a reload.
  await panel.getByRole('heading', { name: /^Step 3 of \d+: NoExecute evicts$/ }).waitFor();
  await panel.getByRole('button', { name: 'Show me' }).click();
  await pg.playToEnd();
  assert.ok((await checks(pg)).every(([state]) => state === 'passed'), JSON.stringify(await checks(pg)));
  await pg.page.waitForTimeout(600);
  await pg.reload();
  await panel.getByRole('heading', { name: /^Step 3 of \d+: NoExecute evicts$/ }).waitFor();
  assert.ok((await checks(pg)).every(([state]) => state === 'passed'));

  // Back to step 2: its set-up again, its checks pending again.
  await panel.getByRole('combobox', { name: 'Go back to a step' }).selectOption({ index: 2 });
  await panel.getByRole('heading', { name: /^Step 2 of \d+/ }).waitFor();
  assert.ok((await checks(pg)).some(([state]) => state === 'pending'));
  assert.deepEqual(await pg.podsOn('worker-2').then((p) => p.length), 1);
  assert.deepEqual(pg.errors, []);
});

test('a lesson opens from a link (?lesson=ID)', async (t) => {
  const { pg } = await openPlayground(t, { path: '?lesson=07-rollback' });
  await pg.page.locator('.lesson-panel h2', { hasText: 'Lesson: ' }).waitFor();
  assert.match(await pg.page.locator('.lesson-panel h3').textContent(), /^Step 1 of \d+/);
  assert.deepEqual(pg.errors, []);
});

test("a trainer's lesson file opens from a link made by dsim link --lesson", async (t) => {
  const { execFileSync } = await import('node:child_process');
  const { dirname, join } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const link = execFileSync('cargo', ['run', '-q', '-p', 'dsim', '--', 'link', '--lesson', 'lessons/02-node-selector.sh'], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  assert.match(link, /^#lesson\.v1\.[A-Za-z0-9_-]+$/);
  const { pg } = await openPlayground(t, { path: link });
  await pg.page.locator('.lesson-panel h2', { hasText: 'Lesson: ' }).waitFor();
  assert.equal(new URL(pg.page.url()).hash, '');
  // The panel offers a link to pass on that opens the same lesson (packed by the
  // browser's compressor, so not byte for byte the one dsim made).
  const href = await pg.page.getByRole('link', { name: 'Link to this lesson' }).getAttribute('href');
  const passed = new URL(href).hash;
  assert.match(passed, /^#lesson\.v1\.[A-Za-z0-9_-]+$/);
  const { pg: again } = await openPlayground(t, { path: passed });
  await again.page.locator('.lesson-panel h2', { hasText: 'Lesson: ' }).waitFor();
  for (const heading of ['.lesson-panel h2', '.lesson-panel h3']) {
    assert.equal(await again.page.locator(heading).textContent(), await pg.page.locator(heading).textContent());
  }
  assert.deepEqual(again.errors, []);

  const { pg: broken } = await openPlayground(t, { path: link.slice(0, 40) });
  assert.match(await broken.page.getByRole('alert').textContent(), /^This lesson link cannot be opened: /);
  assert.deepEqual(pg.errors, []);
});
