// The playground's TensorFlow Playground parity, in its pure modules under node: cos x / cos y features, the
// y > f(x) set from a typed formula, the multi-gaussian regression set, the discretized heatmap, CSV with
// regression targets and the bad-input messages, and the URL form of all of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FEATURES, featureMatrix } from '../../web/src/lib/playground/features.js';
import { DATASETS, generate } from '../../web/src/lib/playground/toyData.js';
import { loadNabla } from '../../web/src/lib/engine.js';

const nb = await loadNabla();
import { compileCurve } from '../../web/src/lib/playground/curve.js';
import { formatTableCsv, parsePointsCsv, parseTableCsv } from '../../web/src/lib/playground/csv.js';
import { PLANE_SCALE, columnStats, planeInputs, sliceMatrix, tablePoints } from '../../web/src/lib/playground/table.js';
import { decodeState, defaultState, encodeState } from '../../web/src/lib/playground/state.js';
import { CLASS_RGB, divergingRgb } from '../../web/src/lib/playground/palette.js';
import { colorize } from '../../web/src/widgets/heatmap.js';

test('cos x and cos y are input features', () => {
  assert.equal(FEATURES.cosx.label, 'cos x');
  const m = featureMatrix(['x', 'cosx', 'cosy'], Float32Array.of(0, 1.5), Float32Array.of(2, -3));
  assert.deepEqual([...m].map((v) => +v.toFixed(6)), [0, 1, +Math.cos(2).toFixed(6), 0.5, +Math.cos(1.5).toFixed(6), +Math.cos(-3).toFixed(6)]);
});

test('the y > f(x) set labels each point by the typed curve, and a formula that does not parse says where', () => {
  const pts = generate(nb, 'curve', { n: 500, noise: 0, seed: 3, curve: '0.2 * x**2 - 2' });
  assert.equal(pts.length, 500);
  for (const p of pts) assert.equal(p.label, p.y > 0.2 * p.x ** 2 - 2 ? 1 : 0);
  const ones = pts.filter((p) => p.label === 1).length;
  assert.ok(ones > 100 && ones < 400, `${ones} of 500 above the curve`);
  assert.deepEqual(generate(nb, 'curve', { n: 50, noise: 0.3, seed: 9, curve: 'tanh(x)' }),
    generate(nb, 'curve', { n: 50, noise: 0.3, seed: 9, curve: 'tanh(x)' }));
  assert.equal(compileCurve('tanh(x) * 3')(1), Math.tanh(1) * 3);
  assert.throws(() => compileCurve('0.2 * x**'), /f\(x\) "0.2 \* x\*\*": column 10: expected an expression/);
  assert.throws(() => compileCurve('y + 1'), /unknown variable 'y'/);
  assert.throws(() => compileCurve(''), /type a formula in x/);
  assert.throws(() => compileCurve('a = 2; a * x'), /one formula in x/);
  assert.throws(() => generate(nb, 'curve', { n: 5, noise: 0, seed: 1, curve: 'x +' }), /f\(x\) "x \+"/);
});

test('the multi-gaussian regression set has bumps of alternating sign', () => {
  assert.equal(DATASETS.gauss.kind, 'regress');
  const pts = generate(nb, 'gauss', { n: 4000, noise: 0, seed: 2 });
  for (const p of pts) assert.ok(p.label >= -1 && p.label <= 1);
  const near = (cx, cy) => pts.filter((p) => (p.x - cx) ** 2 + (p.y - cy) ** 2 < 0.25).map((p) => p.label);
  for (const [cx, cy, sign] of [[-3.5, 2.5, 1], [0, 2.5, -1], [0, -2.5, 1], [3.5, -2.5, -1]]) {
    const v = near(cx, cy);
    assert.ok(v.length > 5 && v.every((t) => Math.sign(t) === sign && Math.abs(t) > 0.7), `bump at ${cx},${cy}: ${v}`);
  }
});

test('discretized output paints each cell in its argmax class colour at one strength, regression by sign', () => {
  const probs = Float32Array.of(0.6, 0.4, 0.45, 0.55, 0.98, 0.02, 0.5, 0.5);
  const soft = colorize(probs, 2, 2, 'classify'), hard = colorize(probs, 2, 2, 'classify', undefined, true);
  const cell = (img, i) => [...img.slice(i * 4, i * 4 + 3)];
  const tint = (rgb) => rgb.map((v) => Math.round(255 + (v - 255) * 0.55));
  assert.deepEqual(cell(hard, 0), tint(CLASS_RGB[0]));
  assert.deepEqual(cell(hard, 1), tint(CLASS_RGB[1]));
  assert.deepEqual(cell(hard, 2), cell(hard, 0)); // confident or not, one colour per class
  assert.notDeepEqual(cell(soft, 2), cell(soft, 0));
  const reg = colorize(Float32Array.of(0.1, 0.9, -0.2, -1), 2, 1, 'regress', undefined, true);
  assert.deepEqual(cell(reg, 0), cell(reg, 1));
  assert.deepEqual(cell(reg, 0), divergingRgb(0.6).map(Math.round));
  assert.deepEqual(cell(reg, 2), cell(reg, 3));
});

test('CSV: regression targets, and the bad inputs are named by line', () => {
  assert.deepEqual(parsePointsCsv('x,y,target\n1,2,0.25\n-1,0,-3.5', { regression: true }),
    [{ x: 1, y: 2, label: 0.25 }, { x: -1, y: 0, label: -3.5 }]);
  assert.throws(() => parsePointsCsv('1,2,0\n3,4,1,7\n'), /CSV line 2: expected 3 values \(2 features and the label, as on line 1\), found 4/);
  assert.throws(() => parsePointsCsv('1,2,0\n3,4,1.5'), /CSV line 2: label 1.5 is not a class 0..4 \(classes are whole numbers/);
  assert.throws(() => parsePointsCsv(''), /no points found/);
  assert.throws(() => parsePointsCsv('\n\n# only a comment\n', { regression: true }), /no points found \(expected lines of x,y,target or more feature columns\)/);
});

test('the URL carries f(x), the view toggles and custom regression points; bad values are named', () => {
  const s = defaultState();
  Object.assign(s, { dataset: 'customReg', custom: [{ x: 1.5, y: -2, label: 0.25 }, { x: -4, y: 3, label: -7 }], discretize: true, showTest: false });
  const back = decodeState(`#${encodeState(s)}`);
  assert.deepEqual(back.errors, []);
  assert.deepEqual(back.state, s);
  const curve = { ...defaultState(), dataset: 'curve', curve: 'tanh(x) * 2' };
  assert.equal(decodeState(encodeState(curve)).state.curve, 'tanh(x) * 2');
  const bad = decodeState('data=curve&fx=x**&disc=maybe&rpts=AAAA');
  assert.equal(bad.state.curve, defaultState().curve);
  assert.match(bad.errors.join('\n'), /fx=x\*\*: f\(x\) "x\*\*": column 4/);
  assert.match(bad.errors.join('\n'), /disc=maybe: expected 0 or 1/);
  assert.match(bad.errors.join('\n'), /rpts: 3 bytes is not a whole number of 6-byte points/);
});

test('the run history keeps at most 200 float16 snapshots over a long run, spaced ever wider', async () => {
  const { MAX_SNAPSHOTS, RunHistory } = await import('../../web/src/worker/runHistory.js');
  const h = new RunHistory();
  const state = (e) => new Map([['0.weight', { shape: [2, 2], data: Float32Array.of(e, -e / 3, 0.1, 65504) }], ['0.bias', { shape: [2], data: Float32Array.of(1, e / 7) }]]);
  for (let e = 0; e <= 1000; e++) if (h.due(e)) h.add(e, state(e), { trainLoss: 1 / (e + 1), testLoss: 2 / (e + 1) });
  assert.ok(h.snapshots.length <= MAX_SNAPSHOTS && h.snapshots.length > MAX_SNAPSHOTS / 2, `${h.snapshots.length} snapshots`);
  assert.equal(h.every, 8);
  assert.equal(h.snapshots[0].epoch, 0);
  assert.ok(h.snapshots.at(-1).epoch > 990);
  assert.ok(h.snapshots.every((s) => s.epoch % h.every === 0));
  assert.equal(h.bytes(), h.snapshots.length * 6 * 2);
  const back = h.weightsAt(10);
  const e = h.snapshots[10].epoch;
  assert.deepEqual([...back.get('0.weight').data].map((v, i) => Math.abs(v - state(e).get('0.weight').data[i]) <= Math.abs(v) * 1e-3), [true, true, true, true]);
  assert.deepEqual(back.get('0.bias').shape, [2]);
  assert.throws(() => h.weightsAt(500), /no snapshot 500/);
});

test('CSV tables: more feature columns than x, y, named by the header, each row checked against the first', () => {
  const t = parseTableCsv('age,height,score,label\n30,1.8,7,1\n40,1.6,3,0\n# a comment\n50;1.7;5;2\n');
  assert.deepEqual(t, { names: ['age', 'height', 'score'], rows: [[30, 1.8, 7], [40, 1.6, 3], [50, 1.7, 5]], labels: [1, 0, 2] });
  assert.deepEqual(parseTableCsv(formatTableCsv(t)), t);
  assert.deepEqual(parseTableCsv('1,2,3,4,0.5', { regression: true }).names, ['column 1', 'column 2', 'column 3', 'column 4']);
  assert.throws(() => parseTableCsv('a,b,c,label\n1,2,3,0\n1,2,0'), /CSV line 3: expected 4 values \(3 features and the label, as on line 1\), found 3/);
  assert.throws(() => parseTableCsv('1,2,3,0\n4,5,6,1.25'), /CSV line 2: label 1.25 is not a class 0..4/);
  assert.throws(() => parseTableCsv('1,2,3,0\n4,,6,1'), /CSV line 2: "4,,6,1" has a value that is not a number/);
  assert.throws(() => parseTableCsv('1,0'), /CSV line 1: expected at least 3 values \(two or more features, then the label\), found 2/);
  assert.throws(() => parseTableCsv('a,b,c,label\n'), /no points found/);
  assert.throws(() => parsePointsCsv('1,2,3,0'), /expected the columns x,y,label, found 3 feature columns/);
});

test('a table is standardized per column; the plane is a slice over two columns with the others at their mean', () => {
  const table = { names: ['a', 'b', 'c'], rows: [[1, 10, 5], [3, 30, 5], [5, 20, 5]], labels: [0, 1, 0] };
  const { mean, sd } = columnStats(table.rows);
  assert.deepEqual(mean, [3, 20, 5]);
  assert.ok(Math.abs(sd[0] - Math.sqrt(8 / 3)) < 1e-12 && sd[2] === 1); // a constant column keeps sd 1 (and z = 0)
  const pts = tablePoints(table, [0, 1]);
  assert.deepEqual(pts[1].z.map((v) => +v.toFixed(6)), [0, +(10 / Math.sqrt(200 / 3)).toFixed(6), 0]);
  assert.equal(pts[0].x, PLANE_SCALE * pts[0].z[0]);
  assert.equal(tablePoints(table, [2, 1])[0].y, PLANE_SCALE * pts[0].z[1]);
  assert.deepEqual([...sliceMatrix(3, [2, 0], Float32Array.of(PLANE_SCALE, 0), Float32Array.of(-2 * PLANE_SCALE, 3))],
    [-2, 0, 1, 3 / PLANE_SCALE, 0, 0].map(Math.fround));
  // without a table the plane's inputs are the chosen features of (x, y)
  assert.deepEqual([...planeInputs({ features: ['y', 'x'], table: null }, Float32Array.of(3), Float32Array.of(6))], [2, 1]);
});
