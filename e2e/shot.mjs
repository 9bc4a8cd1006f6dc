// Scratch: screenshot the built app (not a test; run by hand: node e2e/shot.mjs).
import { serveDir } from './lib/server.mjs';
import { launchBrowser } from './lib/browser.mjs';
const srv = await serveDir('dist');
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
page.on('console', (m) => console.log('console:', m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(srv.url);
await page.waitForSelector('.nodes');
const steps = process.argv.slice(2);
for (const s of steps) {
  if (s.startsWith('example=')) await page.selectOption('select[aria-label="Load an example"]', s.slice(8));
  else if (s === 'apply') await page.click('button.primary:has-text("Apply")');
  else if (s.startsWith('click=')) await page.click(s.slice(6));
  else if (s.startsWith('wait=')) await page.waitForTimeout(+s.slice(5));
  else if (s.startsWith('shot=')) await page.screenshot({ path: `/tmp/shots/${s.slice(5)}.png`, fullPage: true });
}
await browser.close();
await srv.close();
