// The set-up scripts' bad-input paths (scripts/test-stages/22-setup-scripts.sh runs this after the WASM
// build): a missing or too-old Node stops bootstrap with what to do; a port in use stops npm start and
// npm run dev before anything is built, naming the port and how to choose another; a partial build/wasm is
// relinked and a build directory CMake cannot use (WASM or native) gets a message saying what to remove.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bash = (script, env = {}, timeout = 120000) =>
  spawnSync('bash', [script], { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env }, timeout });

/** A PATH whose first entry holds a fake `node` running `body`. */
function fakeNode(body) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nabla-fake-node-'));
  fs.writeFileSync(path.join(dir, 'node'), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return { PATH: `${dir}:${process.env.PATH}` };
}

test('bootstrap stops on a Node older than 20.19 and says what to install', () => {
  for (const version of ['v18.19.0', 'v20.18.1']) {
    const r = bash('scripts/bootstrap.sh', fakeNode(`echo ${version}`));
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`Node ${version.slice(1).replace(/\./g, '\\.')} is too old; nabla needs Node >= 20\\.19`));
    assert.match(r.stderr, /install Node 20 or 22/);
    assert.doesNotMatch(r.stdout, /Debian packages/, 'nothing installed after the check failed');
  }
});

test('bootstrap stops when node is missing', () => {
  const r = bash('scripts/bootstrap.sh', fakeNode('exit 127'));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Node\.js is not installed; nabla needs Node >= 20\.19/);
});

test('bootstrap passes this machine\'s Node and times each phase', () => {
  const r = bash('scripts/bootstrap.sh');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`bootstrap: Node ${process.versions.node.replace(/\./g, '\\.')} \\(\\d+ s\\)`));
  assert.match(r.stdout, /bootstrap: Debian packages .*\(\d+ s\)/);
  assert.match(r.stdout, /bootstrap: npm packages .*\(\d+ s\)/);
});

test('npm start and npm run dev stop at once on a port in use, naming it and how to choose another', async () => {
  const busy = net.createServer();
  await new Promise((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const { port } = busy.address();
  try {
    for (const [script, command] of [['scripts/start.sh', 'npm start'], ['scripts/dev.sh', 'npm run dev']]) {
      const t0 = Date.now();
      const r = bash(script, { HOST: '127.0.0.1', PORT: String(port) });
      assert.equal(r.status, 1, `${script}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, new RegExp(`nabla: port ${port} is already in use on 127\\.0\\.0\\.1`));
      assert.match(r.stderr, new RegExp(`Choose another port: PORT=\\d+ ${command}`));
      assert.doesNotMatch(r.stdout, /build\/wasm\/nabla\.wasm/, 'nothing was built');
      assert.ok(Date.now() - t0 < 60000);
    }
  } finally {
    busy.close();
  }
  const r = bash('scripts/start.sh', { PORT: 'eighty' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /PORT must be a whole number from 1 to 65535, got 'eighty'/);
});

test('a partial build/wasm is relinked, a build directory CMake cannot use is named with the fix', () => {
  const wasm = path.join(REPO, 'build/wasm/nabla.wasm');
  const saved = fs.readFileSync(wasm);
  const cache = path.join(REPO, 'build/wasm-cmake/CMakeCache.txt');
  const cacheText = fs.readFileSync(cache, 'utf8');
  try {
    fs.rmSync(wasm);
    let r = bash('scripts/build-wasm.sh', {}, 300000);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /build\/wasm is partial .*: relinking/);
    assert.ok(fs.readFileSync(wasm).equals(saved), 'the relinked nabla.wasm is the same build');

    // As if the directory had been copied from another checkout.
    fs.writeFileSync(cache, cacheText.replace(/^CMAKE_CACHEFILE_DIR:INTERNAL=.*$/m, 'CMAKE_CACHEFILE_DIR:INTERNAL=/elsewhere/build/wasm-cmake'));
    r = bash('scripts/build-wasm.sh');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /configuring build\/wasm-cmake failed .*\n.*rm -rf build\/wasm-cmake build\/wasm/);
  } finally {
    fs.writeFileSync(cache, cacheText);
    if (!fs.existsSync(wasm)) fs.writeFileSync(wasm, saved);
  }
});

test('a native build directory CMake cannot use is named with the fix', () => {
  const cache = path.join(REPO, 'build/native/CMakeCache.txt');
  if (!fs.existsSync(cache)) return; // the native stage always leaves one; nothing to break otherwise
  const cacheText = fs.readFileSync(cache, 'utf8');
  try {
    fs.writeFileSync(cache, cacheText.replace(/^CMAKE_CACHEFILE_DIR:INTERNAL=.*$/m, 'CMAKE_CACHEFILE_DIR:INTERNAL=/elsewhere/build/native'));
    const r = bash('scripts/build-native.sh');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /configuring build\/native failed .*\n.*rm -rf build\/native/);
  } finally {
    fs.writeFileSync(cache, cacheText);
  }
});
