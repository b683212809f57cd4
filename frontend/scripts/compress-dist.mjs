// Writes a .gz and a .br next to every hashed asset in dist/assets, so the backend can send the
// smaller copy to browsers that accept it (Spring's EncodedResourceResolver) without compressing
// on every request. HTML is not compressed here: the backend rewrites it per request.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ASSETS = new URL('../dist/assets/', import.meta.url);
const COMPRESSIBLE = /\.(js|css|svg|json|map)$/;
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 1024;

let files = 0;
let raw = 0;
let gzipped = 0;
for (const name of readdirSync(ASSETS)) {
  if (!COMPRESSIBLE.test(name)) continue;
  const bytes = readFileSync(new URL(name, ASSETS));
  if (bytes.length < MIN_BYTES) continue;
  const gz = gzipSync(bytes, { level: 9 });
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(new URL(`${name}.gz`, ASSETS), gz);
  writeFileSync(new URL(`${name}.br`, ASSETS), br);
  files++;
  raw += bytes.length;
  gzipped += gz.length;
}
console.log(`dist/assets: ${files} files precompressed (.gz, .br), ${(raw / 1024).toFixed(0)} KiB -> ${(gzipped / 1024).toFixed(0)} KiB gzip`);
