// Shared set-up of the end-to-end tests: one server for dist/ and one browser per file,
// and a fresh context (own localStorage, no external requests) per test.
import { after, before } from 'node:test';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchBrowser } from './browser.mjs';
import { serveDir } from './server.mjs';
import { PlaygroundPage } from './playground-page.mjs';

export const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

const shared = { server: null, browser: null };

/** Registers the file's before/after hooks; call once at the top of a test file. */
export function useHarness() {
  before(async () => {
    const html = await readFile(join(DIST, 'index.html'), 'utf8').catch(() => {
      throw new Error(`no ${DIST}/index.html: run \`trunk build --release\` first`);
    });
    if (html.includes('__trunk_address__')) {
      throw new Error('dist/ was written by `trunk serve`; run `trunk build --release` first');
    }
    shared.server = await serveDir(DIST);
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/** A fresh context and page; `path` is appended to the server's URL. */
export async function openPlayground(t, { path = '', ...options } = {}) {
  const context = await shared.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  t.after(() => context.close());
  const external = [];
  await context.route(
    (url) => !url.href.startsWith(shared.server.url),
    (route) => {
      external.push(route.request().url());
      return route.abort();
    },
  );
  const pg = new PlaygroundPage(await context.newPage());
  await pg.open(shared.server.url + path);
  return { pg, external, context };
}
