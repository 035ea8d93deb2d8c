// The typed contract (bindings/js/index.d.ts) against the implementation: tests/types/usage.ts, a tour of the
// whole API, must type-check under tsc --noEmit (strict), and, compiled, must run against the WASM build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// typescript's package.json names its bin; the package exports only package.json, so resolve from there.
const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
const project = path.join(root, 'tests/types');

function runTsc(args) {
  const r = spawnSync(process.execPath, [tsc, '-p', project, ...args], { cwd: root, encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, `tsc ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

test('the usage file type-checks against index.d.ts (tsc --noEmit, strict)', () => {
  runTsc(['--noEmit']);
});

test('the same usage file, compiled, runs against the WASM build', async () => {
  const out = path.join(root, 'build/types-usage');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  runTsc(['--noEmit', 'false', '--outDir', out]);
  const usage = await import(pathToFileURL(path.join(out, 'usage.js')).href);
  const { loadNabla } = await import('nabla');
  const nb = await loadNabla();
  const live = nb.liveTensors();
  await usage.tour();
  assert.equal(nb.liveTensors(), live, 'the tour disposes every tensor it makes');
});
