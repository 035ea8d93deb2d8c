// One source of toy data: the CLI (`nabla data`, native) and the JS API (nb.data, WebAssembly) draw the same
// points, bit for bit, for the same set, options and seed, and split them into the same train and test rows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadNabla, NablaError } from 'nabla';

const nb = await loadNabla();
const root = new URL('../../', import.meta.url).pathname;
const cli = [process.env.NABLA_CLI, join(root, 'build/native/nabla')].find((p) => p && existsSync(p));

/** `nabla data` rows as numbers: [set?, x0, x1, label]. */
function cliRows(args) {
  assert.ok(cli, 'the native CLI (build/native/nabla, or $NABLA_CLI) must be built first: npm run build:native');
  const [, ...lines] = execFileSync(cli, ['data', ...args], { encoding: 'utf8' }).trim().split('\n');
  return lines.map((l) => l.split(',').map((v) => (/^[a-z]+$/.test(v) ? v : Math.fround(Number(v)))));
}
const rows = (d, set) => Array.from({ length: d.n }, (_, i) =>
  [...(set ? [set] : []), ...d.x.slice(i * d.d, (i + 1) * d.d), d.y[i]]);

const CASES = [
  ['moons', { n: 50, noise: 0.2, seed: 3 }], ['circles', { n: 40, seed: 7 }], ['spiral', { n: 60, noise: 0.05, seed: 1, classes: 5 }],
  ['xor', { n: 30, seed: 11 }], ['blobs', { n: 45, seed: 2, classes: 4 }], ['plane', { n: 30, noise: 0.3, seed: 4 }],
  ['gaussians', { n: 30, seed: 5 }], ['waves', { n: 30, noise: 0, seed: 6 }], ['uniform', { n: 30, noise: 0.5, seed: 8 }],
];
const flags = (o) => Object.entries(o).flatMap(([k, v]) => [`--${k}`, String(v)]);

for (const [name, o] of CASES) {
  test(`TheCliAndTheJsApiDrawTheSamePoints: ${name}`, () => {
    assert.deepEqual(rows(nb.data[name](o)), cliRows(['--data', name, ...flags(o)]));
  });
}

test('TheCliAndTheJsApiSplitIntoTheSameTrainAndTestRows', () => {
  const o = { n: 57, noise: 0.1, seed: 12 };
  const { train, test: held } = nb.data.split(nb.data.moons(o), 0.7, o.seed);
  assert.equal(train.n, 40);
  assert.equal(held.n, 17);
  assert.deepEqual([...rows(train, 'train'), ...rows(held, 'test')], cliRows(['--data', 'moons', ...flags(o), '--split', '0.7']));
});

test('TheSplitKeepsEveryRowAndBadFractionsAreNamed', () => {
  const d = nb.data.gaussians({ n: 20, seed: 1 });
  const { train, test: held } = nb.data.split(d, 0.5, 3);
  assert.deepEqual([...rows(train), ...rows(held)].map(String).sort(), rows(d).map(String).sort());
  assert.equal(nb.data.split({ x: new Float32Array(0), y: new Float32Array(0), n: 0, d: 2, classes: 2 }, 0.5).train.n, 0);
  assert.throws(() => nb.data.split(d, 2, 1), (e) => e instanceof NablaError && /train_fraction must be in \[0, 1\], got 2/.test(e.message));
  assert.throws(() => nb.data.moon?.({ n: 1 }) ?? nb.data.plane({ n: 0 }), NablaError);
});
