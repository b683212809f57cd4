// Prints the JS (and CSS) a built page loads eagerly: its module script and modulepreload links,
// raw and gzip (and brotli) sizes. Usage: node scripts/measure-entry.mjs [page ...] (default issue-panel).
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const pages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['issue-panel'];
const kib = (bytes) => (bytes / 1024).toFixed(1);

for (const page of pages) {
  const html = readFileSync(new URL(`../dist/${page}.html`, import.meta.url), 'utf8');
  const urls = new Set();
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    const isModule = /type="module"/.test(tag) && /\bsrc="/.test(tag);
    const isPreload = /rel="modulepreload"/.test(tag) || /rel="stylesheet"/.test(tag);
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isModule || isPreload) && url && !/^https?:/.test(url)) urls.add(url.replace(/^\.\//, ''));
  }
  const totals = { js: [0, 0, 0], css: [0, 0, 0] };
  for (const url of urls) {
    const bytes = readFileSync(new URL(`../dist/${url}`, import.meta.url));
    const sizes = [
      bytes.length,
      gzipSync(bytes, { level: 9 }).length,
      brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    ];
    const kind = url.endsWith('.css') ? 'css' : 'js';
    sizes.forEach((size, i) => (totals[kind][i] += size));
    console.log(`  ${url.padEnd(48)} ${kib(sizes[0]).padStart(8)} KiB  gzip ${kib(sizes[1]).padStart(7)}  br ${kib(sizes[2]).padStart(7)}`);
  }
  for (const kind of ['js', 'css']) {
    const [raw, gz, br] = totals[kind];
    console.log(`${page} eager ${kind}: ${kib(raw)} KiB raw, ${kib(gz)} KiB gzip, ${kib(br)} KiB brotli`);
  }
}
