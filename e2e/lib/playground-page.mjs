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
    this.editor = page.getByRole('textbox', { name: 'Manifest' });
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

  async screenshot(name) {
    await mkdir(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
    return path;
  }
}
