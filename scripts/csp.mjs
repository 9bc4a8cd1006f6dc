// Trunk post_build hook: adds a Content-Security-Policy to the built index.html.
// Trunk writes one inline module script (the wasm loader); it is allowed by its hash,
// so no other inline script can run. Styles may be inline (Yew sets style attributes).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');
const file = join(dir, 'index.html');
let html = await readFile(file, 'utf8');

// `trunk serve` adds a live-reload script whose address is filled in when the page is
// served, so no hash made here can match it: development builds get no CSP.
if (/__trunk_address__/i.test(html)) {
  console.log('csp: trunk serve (live reload): no Content-Security-Policy in this build');
  process.exit(0);
}

const hashes = [...html.matchAll(/<script(?: [^>]*)?>([\s\S]*?)<\/script>/g)]
  .filter((m) => m[1].trim() !== '')
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);

const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, '');
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`);
if (!html.includes(meta)) throw new Error('could not place the CSP meta tag in index.html');
await writeFile(file, html);
console.log(`csp: ${hashes.length} inline script(s) allowed by hash`);
