// End-to-end: the release build in dist/, served locally, driven in headless Chromium.
// Run `trunk build --release` first (scripts/test.sh does).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPlayground as open, useHarness } from './lib/harness.mjs';

useHarness();

/** A fresh context (own localStorage, no external requests) and page per test. */
const openPlayground = (t, options = {}) => open(t, { viewport: { width: 1280, height: 800 }, ...options });

test('the page loads with the example manifest, accessible controls and no external requests', async (t) => {
  const { pg, external } = await openPlayground(t);
  assert.equal(await pg.page.title(), 'DaemonSet Playground');
  const text = await pg.editor.inputValue();
  assert.match(text, /^apiVersion: apps\/v1$/m);
  assert.match(text, /^kind: DaemonSet$/m);
  assert.match(text, /namespace: kube-system/);
  // The gutter numbers every line of the example.
  const lines = text.split('\n').length;
  assert.equal((await pg.page.locator('.gutter').textContent()).split('\n').length, lines);
  await pg.screenshot('loaded');
  assert.deepEqual(external, []);
  assert.deepEqual(pg.errors, []);
});

test('Apply runs kubectl apply and shows its output', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.apply();
  const shown = (await pg.applyOutput.locator('pre.output').textContent()).trim();
  assert.ok(shown.length > 0, 'the output pane shows stdout or stderr text');
  assert.notEqual(shown, '(no output)');
  assert.match(await pg.applyOutput.textContent(), /\$ kubectl apply -f -/);
  // stderr, if any, is shown in the error colour (not the normal text colour).
  const stderr = pg.applyOutput.locator('.stderr');
  if (await stderr.count()) {
    const [errColor, textColor] = await Promise.all([
      stderr.evaluate((e) => getComputedStyle(e).color),
      pg.applyOutput.evaluate((e) => getComputedStyle(e).color),
    ]);
    assert.notEqual(errColor, textColor);
  }
  await pg.screenshot('applied');
  assert.deepEqual(pg.errors, []);
});

test('Apply and the console talk to the same simulated cluster', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.apply();
  await pg.runCommand('kubectl get ds -n kube-system');
  const shown = await pg.scrollback.locator('.entry').last().textContent();
  assert.match(shown, /fluentd/, 'the DaemonSet applied from the editor is listed');
  assert.deepEqual(pg.errors, []);
});

test('Ctrl+Enter in the editor applies too', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.editor.click();
  await pg.page.keyboard.press('Control+Enter');
  await pg.applyOutput.locator('pre.output').waitFor();
  assert.deepEqual(pg.errors, []);
});

test('the console echoes commands and browses history with the arrow keys', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.runCommand('kubectl get nodes');
  await pg.runCommand('kubectl get ds');
  const echoes = await pg.scrollback.locator('pre.echo').allTextContents();
  assert.deepEqual(echoes, ['$ kubectl get nodes', '$ kubectl get ds']);
  assert.equal(await pg.consoleInput.inputValue(), '');
  await pg.consoleInput.press('ArrowUp');
  assert.equal(await pg.consoleInput.inputValue(), 'kubectl get ds');
  await pg.consoleInput.press('ArrowUp');
  assert.equal(await pg.consoleInput.inputValue(), 'kubectl get nodes');
  await pg.consoleInput.press('ArrowDown');
  await pg.consoleInput.press('ArrowDown');
  assert.equal(await pg.consoleInput.inputValue(), '');
  await pg.screenshot('console');
  assert.deepEqual(pg.errors, []);
});

test('Tab in the editor inserts two spaces', async (t) => {
  const { pg } = await openPlayground(t);
  await pg.editor.fill('a');
  await pg.editor.press('End');
  await pg.editor.press('Tab');
  await pg.page.keyboard.type('b');
  assert.equal(await pg.editor.inputValue(), 'a  b');
  await assertFocused(pg.editor, true);
  // The browser's own undo history is kept (the app never rewrites the text as you type).
  await pg.page.keyboard.press('Control+z');
  assert.notEqual(await pg.editor.inputValue(), 'a  b');
  await pg.page.keyboard.press('Control+Shift+z');
  assert.equal(await pg.editor.inputValue(), 'a  b');
  await pg.page.keyboard.press('Control+z');
  await pg.page.keyboard.press('Control+y');
  assert.equal(await pg.editor.inputValue(), 'a  b');
  // Shift+Tab takes the indentation off the line again.
  await pg.editor.fill('    x');
  await pg.page.keyboard.press('Shift+Tab');
  assert.equal(await pg.editor.inputValue(), '  x');
  await pg.editor.fill('a  b');
  // Esc then Tab leaves the editor (no keyboard trap).
  await pg.page.keyboard.press('Escape');
  await pg.page.keyboard.press('Tab');
  await assertFocused(pg.editor, false);
  assert.equal(await pg.editor.inputValue(), 'a  b');
});

async function assertFocused(locator, expected) {
  assert.equal(await locator.evaluate((e) => e === document.activeElement), expected);
}

test('the editor text survives a reload, and Reset brings the example back', async (t) => {
  const { pg } = await openPlayground(t);
  const example = await pg.editor.inputValue();
  const edited = example.replace('name: fluentd\n', 'name: my-logs\n');
  assert.notEqual(edited, example);
  await pg.editor.fill(edited);
  await pg.reload();
  assert.equal(await pg.editor.inputValue(), edited);

  await pg.resetButton.click();
  assert.equal(await pg.editor.inputValue(), example);
  await pg.page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await pg.editor.inputValue(), edited);
  await pg.resetButton.click();
  await pg.reload();
  assert.equal(await pg.editor.inputValue(), example);
  assert.deepEqual(pg.errors, []);
});

test('dark colour scheme renders', async (t) => {
  const { pg } = await openPlayground(t, { colorScheme: 'dark' });
  const bg = await pg.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(15, 17, 21)');
  await pg.apply();
  await pg.runCommand('kubectl get nodes');
  await pg.screenshot('dark');
  assert.deepEqual(pg.errors, []);
});
