// Trunk post_build hook: the scripts the page loads (wasm-bindgen's glue, the service
// worker and the JS snippets) ship without their comment lines and indentation; they count
// towards the payload budget, and their comments are for the source. Trunk preloads the
// glue and the snippets with Subresource Integrity: their hashes in index.html are brought
// up to date.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run through trunk build');

const files = [join(dir, 'sw.js')];
for (const f of await readdir(dir)) {
  if (f.endsWith('.js') && f !== 'sw.js') files.push(join(dir, f));
}
for (const f of await readdir(join(dir, 'snippets'), { recursive: true }).catch(() => [])) {
  if (f.endsWith('.js')) files.push(join(dir, 'snippets', f));
}
const index = join(dir, 'index.html');
let html = await readFile(index, 'utf8');
const sri = (text) => `sha384-${createHash('sha384').update(text, 'utf8').digest('base64')}`;
for (const file of files) {
  const text = await readFile(file, 'utf8');
  // Whole-line comments only (`//`, and `/* … */` from a line's start), which is safe as
  // these files have no multi-line strings.
  const kept = [];
  let inBlock = false;
  for (let line of text.split('\n')) {
    line = line.trim();
    if (inBlock || line.startsWith('/*')) {
      const end = line.indexOf('*/', inBlock ? 0 : 2);
      inBlock = end < 0;
      line = inBlock ? '' : line.slice(end + 2).trim();
    }
    if (line !== '' && !line.startsWith('//')) kept.push(line);
  }
  const lean = kept.join('\n');
  const was = sri(text);
  if (!file.endsWith('sw.js') && !html.includes(`integrity="${was}"`)) {
    throw new Error(`strip-comments: no integrity for ${file} in index.html`);
  }
  await writeFile(file, lean + '\n');
  html = html.replaceAll(`integrity="${was}"`, `integrity="${sri(lean + '\n')}"`);
  console.log(`strip-comments: ${file.slice(dir.length + 1)} ${text.length} -> ${lean.length + 1} bytes`);
}
await writeFile(index, html);
