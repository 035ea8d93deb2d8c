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

test('the gzipped .wasm plus JS glue stays under 400 KB', () => {
  const total = gzipSync(readFileSync(wasmPath)).length + gzipSync(readFileSync(gluePath)).length;
  assert.ok(total < 400 * 1024, `gzipped total ${total} bytes`);
});
