// The built site: a content security policy without inline scripts beyond the loader,
// and offline use after a first visit (service worker).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPlayground, useHarness } from './lib/harness.mjs';

useHarness();

test('the page has a CSP that blocks inline scripts, and nothing violates it', async (t) => {
  const { pg } = await openPlayground(t);
  const violations = [];
  await pg.page.exposeFunction('reportViolation', (v) => violations.push(v));
  await pg.page.evaluate(() =>
    document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)),
  );
  const csp = await pg.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  // An injected inline script does not run.
  const ran = await pg.page.evaluate(() => {
    window.injected = false;
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.body.append(s);
    return window.injected;
  });
  assert.equal(ran, false);
  // Using the app raises no violation.
  await pg.apply();
  await pg.playToEnd();
  await pg.selectNode('worker-1');
  assert.deepEqual(violations.filter((v) => !v.startsWith('script-src-elem inline')), []);
  assert.deepEqual(pg.errors.filter((e) => !e.includes('Content Security Policy')), []);
});

test('after a first visit the app opens offline, with its saved state', async (t) => {
  const { pg, context } = await openPlayground(t);
  await pg.page.evaluate(() => navigator.serviceWorker.ready);
  // The worker controls the page after a reload; this visit fills its cache.
  await pg.reload();
  await pg.apply();
  await pg.step();
  const grid = await pg.grid();
  await pg.page.waitForTimeout(600); // the save pause
  await context.setOffline(true);
  await pg.reload();
  assert.deepEqual(await pg.grid(), grid);
  await context.setOffline(false);
  assert.deepEqual(pg.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e)), []);
});
