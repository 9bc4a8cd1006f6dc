// Page object for the playground: what a user can see and do, by accessible names.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

export class PlaygroundPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
    /** Uncaught exceptions and console errors seen so far. */
    this.errors = [];
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console.error: ${m.text()}`);
    });
    this.editor = page.getByRole('textbox', { name: 'Manifest', exact: true });
    this.applyButton = page.getByRole('button', { name: 'Apply', exact: true });
    this.resetButton = page.getByRole('button', { name: 'Reset', exact: true });
    this.applyOutput = page.locator('#apply-output');
    this.consoleInput = page.getByRole('textbox', { name: 'kubectl command' });
    this.scrollback = page.getByRole('log', { name: 'Console output' });
  }

  /** Loads `url` and waits until the app (not the static placeholder) is shown. */
  async open(url) {
    await this.page.goto(url);
    await this.ready();
  }

  async reload() {
    await this.page.reload();
    await this.ready();
  }

  async ready() {
    await this.page.locator('.app').waitFor();
    if (await this.page.locator('.app.embed').count()) return;
    await this.editor.waitFor({ state: 'visible' });
    await this.consoleInput.waitFor({ state: 'visible' });
  }

  async apply() {
    await this.applyButton.click();
    await this.applyOutput.locator('pre.output').waitFor();
  }

  /** Types `command` in the console, presses Enter and waits for its echo. */
  async runCommand(command) {
    const before = await this.scrollback.locator('.entry').count();
    await this.consoleInput.fill(command);
    await this.consoleInput.press('Enter');
    await this.scrollback.locator('.entry').nth(before).waitFor();
  }

  /** The card of node `name` (its button's accessible name starts `Node name:`). */
  node(name) {
    return this.page.locator('li.node').filter({ has: this.page.getByRole('button', { name: new RegExp(`^Node ${name}:`) }) });
  }

  /** Accessible names of the daemon pods shown on node `name`. */
  async podsOn(name) {
    return this.node(name).locator('.pod').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  }

  /** For each node, the states of its pods as the grid draws them, e.g. {"worker-1": ["available r1"]}. */
  async grid() {
    return this.page.locator('li.node').evaluateAll((nodes) =>
      Object.fromEntries(
        nodes.map((n) => [
          n.querySelector('.node-name')?.textContent ?? n.querySelector('button').getAttribute('aria-label'),
          [...n.querySelectorAll('.pod')].map((p) => {
            const state = [...p.classList].find((c) => c.startsWith('state-')).slice(6);
            const rev = (p.getAttribute('aria-label').match(/revision (\d+)/) ?? [])[1];
            return rev ? `${state} r${rev}` : state;
          }),
        ]),
      ),
    );
  }

  /** The accessible description Chromium computes for `locator`'s element ('' if none). */
  async accessibleDescription(locator) {
    await locator.evaluate((e) => e.setAttribute('data-described', ''));
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      await cdp.send('Accessibility.enable');
      const { result } = await cdp.send('Runtime.evaluate', { expression: "document.querySelector('[data-described]')" });
      const { nodes } = await cdp.send('Accessibility.getAXNodeAndAncestors', { objectId: result.objectId });
      return nodes[0].description?.value ?? '';
    } finally {
      await cdp.detach();
      await locator.evaluate((e) => e.removeAttribute('data-described'));
    }
  }

  /**
   * The colour [r, g, b, a] the dense board's canvas shows in node `name`'s cell, at
   * `fx` of its width (the centre by default) and half its height.
   */
  async cellColour(name, fx = 0.5) {
    const cell = this.node(name).getByRole('button');
    return cell.evaluate((button, fx) => {
      const canvas = button.closest('.cells-wrap').querySelector('canvas');
      const c = canvas.getBoundingClientRect();
      const b = button.getBoundingClientRect();
      const scale = canvas.width / c.width;
      const x = Math.floor((b.left + b.width * fx - c.left) * scale);
      const y = Math.floor((b.top + b.height / 2 - c.top) * scale);
      return [...canvas.getContext('2d').getImageData(x, y, 1, 1).data];
    }, fx);
  }

  async selectNode(name) {
    await this.page.getByRole('button', { name: new RegExp(`^Node ${name}:`) }).click();
    await this.page.getByRole('heading', { name: `Node ${name}` }).waitFor();
  }

  async step() {
    await this.#clickAndWaitForStep('Step forward');
  }

  async stepBack() {
    await this.#clickAndWaitForStep('Step back');
  }

  /**
   * Clicks `button` and waits until the timebar's "position / length" has changed: a
   * click returns before the app has drawn what it did.
   */
  async #clickAndWaitForStep(button) {
    const count = this.page.locator('.step-count');
    const before = await count.textContent();
    await this.page.getByRole('button', { name: button }).click();
    await this.page.waitForFunction((t) => document.querySelector('.step-count')?.textContent !== t, before);
  }

  /** The simulated clock as shown. */
  async clock() {
    return this.page.locator('.clock-time').textContent();
  }

  /**
   * The clock once it shows `want` (wanted true) or anything but `want` (false), or as it
   * is after 5 s. A key press returns before the app has drawn what it did.
   */
  async clockOnce(want, wanted = true) {
    await this.page
      .waitForFunction(([t, w]) => (document.querySelector('.clock-time')?.textContent === t) === w, [want, wanted], { timeout: 5000 })
      .catch(() => {});
    return this.clock();
  }

  /** The `kubectl rollout status` line(s) shown. */
  async rolloutStatus() {
    return this.page.getByRole('list', { name: 'kubectl rollout status' }).textContent();
  }

  async loadExample(id) {
    await this.page.getByRole('combobox', { name: 'Load an example' }).selectOption(id);
  }

  /** Plays until nothing is scheduled (at 16×). */
  async playToEnd(timeout = 20000) {
    await this.page.getByRole('combobox', { name: 'Speed' }).selectOption('16');
    const play = this.page.getByRole('button', { name: 'Play' });
    if (await play.isEnabled()) await play.click();
    await this.page.locator('.clock-next', { hasText: 'nothing scheduled' }).waitFor({ timeout });
  }

  async screenshot(name) {
    await mkdir(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
    return path;
  }
}
