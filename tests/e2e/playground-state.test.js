// The playground's pure modules under node: URL state round trip and its error messages, float16
// weights in links, CSV points, and seeded datasets (same seed, same points).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCHEDULES, decodeState, decodeWeights, defaultState, encodeState, encodeWeights } from '../../web/src/lib/playground/state.js';
import { DATASETS, generate, split } from '../../web/src/lib/playground/toyData.js';
import { loadNabla } from '../../web/src/lib/engine.js';

const nb = await loadNabla();
import { formatPointsCsv, parsePointsCsv } from '../../web/src/lib/playground/csv.js';

test('a state survives the URL round trip, custom points included', () => {
  const s = defaultState();
  Object.assign(s, {
    dataset: 'custom', classes: 4, seed: 99, features: ['x', 'y', 'xy', 'sinx'], loss: 'hinge', optimizer: 'rmsprop',
    lr: 0.1, schedule: 'warmup:20,0.1+cosine:300', batch: 32, reg: 'l1', regRate: 0.03, dropout: 0.2, hide: ['lr', 'data'], stopEpoch: 12,
    layers: [{ units: 64, activation: 'gelu' }, { units: 3, activation: 'leaky' }, { units: 8, activation: 'linear' }],
    custom: [{ x: 1.5, y: -2.25, label: 3 }, { x: -5.999, y: 0, label: 0 }],
  });
  const { state, errors } = decodeState(`#${encodeState(s)}`);
  assert.deepEqual(errors, []);
  assert.deepEqual(state, s);
});

test('every schedule in the menu is one the engine takes', () => {
  for (const s of SCHEDULES) assert.equal(nb.optim.scheduleRates(s, 0.1, 3).length, 3, s);
});

test('bad URL values keep their defaults and say what is wrong', () => {
  const { state, errors } = decodeState('lr=fast&net=16t,100r&data=nope&k=9&f=x,zz&hide=everything&sched=step:0');
  const d = defaultState();
  assert.equal(state.lr, d.lr);
  assert.deepEqual(state.layers, d.layers);
  assert.equal(state.dataset, d.dataset);
  assert.equal(state.schedule, 'constant');
  assert.equal(errors.length, 7);
  assert.match(errors.join('\n'), /sched=step:0: expected one of constant, step:100,0.5/);
  assert.match(errors.join('\n'), /lr=fast: expected a number/);
  assert.match(errors.join('\n'), /net=16t,100r: expected up to 8 layers/);
  assert.match(errors.join('\n'), /k=9: expected an integer in \[2, 5\]/);
  assert.match(errors.join('\n'), /hide=everything: unknown control everything/);
});

test('weights travel in links as float16 and come back within half precision', () => {
  const params = {
    '0.weight': { shape: [2, 3], data: Float32Array.of(0.1, -2.5, 3e-5, 100, -0.333, 0) },
    '0.bias': { shape: [2], data: Float32Array.of(1, -1) },
  };
  const text = encodeWeights(params);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  const back = decodeWeights(text, [{ name: '0.weight', shape: [2, 3] }, { name: '0.bias', shape: [2] }]);
  for (const name of Object.keys(params)) {
    params[name].data.forEach((v, i) => assert.ok(Math.abs(back[name].data[i] - v) <= Math.abs(v) * 1e-3 + 1e-7, `${name}[${i}]`));
  }
  assert.throws(() => decodeWeights(text, [{ name: 'a', shape: [3] }]), /hold 8 values but this network has 3/);
});

test('link weights round to the nearest half, also where rounding carries into the exponent', () => {
  // each value and the half it must come back as (the nearest one; ties to even)
  const cases = [[1.9999, 2], [7.999, 8], [0.49999, 0.5], [-1.9999, -2], [2047.9, 2048], [65504, 65504],
    [1 + 2 ** -11, 1], [2 ** -24, 2 ** -24], [-0, -0], [NaN, NaN], [Infinity, Infinity], [-Infinity, -Infinity]];
  const data = Float32Array.from(cases, ([v]) => v);
  const back = decodeWeights(encodeWeights({ w: { shape: [cases.length], data } }), [{ name: 'w', shape: [cases.length] }]);
  cases.forEach(([v, want], i) => assert.ok(Object.is(back.w.data[i], want), `${v} came back as ${back.w.data[i]}, not ${want}`));
});

test('CSV points parse with a header, and bad lines are named', () => {
  const pts = parsePointsCsv('x,y,label\n1.5,-2,0\n\n-3;1.25;2\n');
  assert.deepEqual(pts, [{ x: 1.5, y: -2, label: 0 }, { x: -3, y: 1.25, label: 2 }]);
  assert.deepEqual(parsePointsCsv(formatPointsCsv(pts)), pts);
  assert.throws(() => parsePointsCsv('1,2,0\n3,four,1'), /line 2: "3,four,1" has a value that is not a number/);
  assert.throws(() => parsePointsCsv('1,2,0.5'), /line 1: label 0.5 is not a class 0..4/);
  assert.throws(() => parsePointsCsv('1,2'), /line 1: expected at least 3 values/);
  assert.throws(() => parsePointsCsv('x,y,label\n'), /no points found/);
});

test('datasets are reproducible from their seed and split by the train share', () => {
  for (const id of Object.keys(DATASETS).filter((d) => DATASETS[d].engine)) {
    const a = generate(nb, id, { n: 50, noise: 0.2, seed: 7, classes: 3 });
    const b = generate(nb, id, { n: 50, noise: 0.2, seed: 7, classes: 3 });
    const c = generate(nb, id, { n: 50, noise: 0.2, seed: 8, classes: 3 });
    assert.equal(a.length, 50, id);
    assert.deepEqual(a, b, id);
    assert.notDeepEqual(a, c, id);
  }
  const spiral = generate(nb, 'spiral', { n: 100, noise: 0, seed: 1, classes: 5 });
  assert.deepEqual([...new Set(spiral.map((p) => p.label))].sort(), [0, 1, 2, 3, 4]);
  const { train, test: held } = split(nb, spiral, 0.7, 1);
  assert.equal(train.length, 70);
  assert.equal(held.length, 30);
});
