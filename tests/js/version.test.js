// One owner of the version: package.json. The WASM module reports it (nb.build.version, from nabla::version(),
// compiled in by CMake from package.json), as the CLI does (tests/engine/cli_test.cpp).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadNabla } from 'nabla';

test('nb.build.version is package.json\'s version, as compiled into the engine', async () => {
  const nb = await loadNabla();
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.equal(nb.build.version, version);
});
