// The WebAssembly build itself: SIMD instructions present, the module loads, sizes stay within budget.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadNabla } from 'nabla';

const wasmPath = new URL('../../build/wasm/nabla.wasm', import.meta.url);
const gluePath = new URL('../../build/wasm/nabla.js', import.meta.url);

test('the wasm contains f32x4 SIMD instructions (Eigen SSE path and autovectorised kernels)', () => {
  const listing = execFileSync('wasm-objdump', ['-d', wasmPath.pathname], { maxBuffer: 1 << 30 }).toString();
  const count = (listing.match(/f32x4\.(add|mul)/g) ?? []).length;
  assert.ok(count > 50, `expected many f32x4.add/mul instructions, found ${count}`);
});

test('the module reports a SIMD build and loads once', async () => {
  const a = await loadNabla();
  const b = await loadNabla();
  assert.equal(a, b);
  assert.equal(a.build.simd, true);
});

test('each build\'s gzipped .wasm plus JS glue stays under 400 KB (the threaded one with its worker script)', () => {
  const builds = {
    'build/wasm': ['nabla.wasm', 'nabla.js'],
    'build/wasm-threads': ['nabla.wasm', 'nabla.js', 'nabla.worker.js'],
  };
  for (const [dir, files] of Object.entries(builds)) {
    const total = files.reduce((sum, f) => sum + gzipSync(readFileSync(new URL(`../../${dir}/${f}`, import.meta.url))).length, 0);
    assert.ok(total < 400 * 1024, `${dir}: gzipped total ${total} bytes`);
  }
});

test('the threaded build shares its memory and has SIMD', () => {
  const listing = execFileSync('wasm-objdump', ['-x', '-j', 'Import', new URL('../../build/wasm-threads/nabla.wasm', import.meta.url).pathname]).toString();
  assert.match(listing, /memory\[.*shared/, 'its memory is imported as shared');
  const code = execFileSync('wasm-objdump', ['-d', new URL('../../build/wasm-threads/nabla.wasm', import.meta.url).pathname], { maxBuffer: 1 << 30 }).toString();
  assert.ok((code.match(/f32x4\.(add|mul)/g) ?? []).length > 50);
  assert.ok(/memory\.atomic\.wait32|i32\.atomic/.test(code), 'atomics in the code');
});
