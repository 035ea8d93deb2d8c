// Robustness of the JS API (rows of docs/robustness.md not covered by errors.test.js / memory.test.js): sizes
// and arguments of the wrong kind, NaN and Inf in data, empty tensors and zero-sized batches, backward twice,
// disposed handles, corrupt files, a 100,000-op chain backward in WASM, and bit-identical training from the same
// seed in two separate WASM instances (two Node processes).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { loadNabla, NablaError } from 'nabla';
import { assertHeapFlat } from './heap.js';

const nb = await loadNabla();

const rejects = (fn, kind, pattern) => assert.throws(fn, (e) => {
  assert.ok(e instanceof NablaError, `expected a NablaError, got ${e?.constructor?.name}: ${e?.message}`);
  assert.equal(e.kind, kind, e.message);
  assert.match(e.message, pattern);
  return true;
});

test('negative, fractional, NaN and huge sizes are ValueErrors naming the value', () => {
  rejects(() => nb.zeros([-1]), 'ValueError', /zeros: shape\[0\] must be a non-negative integer, got -1$/);
  rejects(() => nb.ones([2, -3]), 'ValueError', /ones: shape\[1\] must be a non-negative integer, got -3/);
  rejects(() => nb.zeros([NaN]), 'ValueError', /shape\[0\] must be a non-negative integer, got NaN/);
  rejects(() => nb.zeros([Infinity]), 'ValueError', /got Infinity/);
  rejects(() => nb.zeros([2 ** 53]), 'ValueError', /more than 2\^31 elements/);
  rejects(() => nb.zeros([1, 1, 1, 1, 1, 1, 1]), 'ShapeError', /rank above 6 is not supported/);
  rejects(() => nb.ones([6]).reshape([1.5, 4]), 'ValueError', /reshape: shape\[0\] must be an integer, got 1.5/);
  rejects(() => nb.ones([6]).reshape([-2, 3]), 'ValueError', /reshape: shape\[0\] must be a non-negative integer or -1, got -2/);
  rejects(() => nb.nn.linear(2.5, 2), 'ValueError', /linear: inFeatures must be an integer >= 1, got 2.5/);
  rejects(() => nb.nn.linear(-1, 2), 'ValueError', /inFeatures must be an integer >= 1, got -1/);
  rejects(() => nb.nn.conv2d(1, 2, 3, { stride: 0 }), 'ValueError', /conv2d: stride/);
  rejects(() => nb.data.moons({ n: -5 }), 'ValueError', /moons: options.n must be an integer >= 1, got -5/);
  rejects(() => nb.arange(0, 1e12, 1), 'ValueError', /more than 2\^31 elements/);
});

test('wrong types (strings, undefined, null, objects) are named errors, never coerced', () => {
  rejects(() => nb.zeros(undefined), 'ValueError', /zeros: shape must be an array of sizes, got undefined/);
  rejects(() => nb.zeros({}), 'ValueError', /got an object/);
  rejects(() => nb.tensor(undefined), 'ValueError', /expected nested arrays/);
  rejects(() => nb.tensor(['1', 'x']), 'ValueError', /expected a number at \[0\], got string/);
  rejects(() => nb.nn.linear('2', 2), 'ValueError', /linear: inFeatures must be an integer >= 1, got '2' \(string\)/);
  rejects(() => nb.nn.linear(null, 2), 'ValueError', /got null/);
  rejects(() => nb.ones([2, 3]).sum('a'), 'ValueError', /sum: axis must be an integer, got 'a' \(string\)/);
  rejects(() => nb.optim.adam([], { lr: 'x' }), 'ValueError', /optimizer: options.lr must be a number, got 'x' \(string\)/);
  rejects(() => nb.nn.linear(2, 2).loadSafetensors('abc'), 'ValueError', /expected a Uint8Array/);
  rejects(() => nb.data.readMnist('x', 'y'), 'ValueError', /expected two Uint8Arrays/);
  assert.throws(() => nb.ones([2]).add(undefined), (e) => e instanceof TypeError && /got undefined/.test(e.message));
  assert.throws(() => nb.ones([2]).add({}), (e) => e instanceof TypeError && /got object/.test(e.message));
});

test('shapes, sizes and axes of the wrong type are never converted: each names its argument and value', () => {
  // Embind converts what it is given (Number('3') = 3, Number(null) = 0, 2.5 -> 2): every entry is checked first.
  rejects(() => nb.zeros(['3']), 'ValueError', /^zeros: shape\[0\] must be a non-negative integer, got '3' \(string\)$/);
  rejects(() => nb.zeros([null]), 'ValueError', /zeros: shape\[0\] must be a non-negative integer, got null/);
  rejects(() => nb.ones([2, undefined]), 'ValueError', /ones: shape\[1\] must be a non-negative integer, got undefined/);
  rejects(() => nb.full([[2]], 1), 'ValueError', /full: shape\[0\] .* got an array/);
  rejects(() => nb.full([2], '1'), 'ValueError', /full: value must be a number, got '1' \(string\)/);
  rejects(() => nb.randn([true]), 'ValueError', /randn: shape\[0\] .* got true \(boolean\)/);
  rejects(() => nb.rand([2], { low: '0' }), 'ValueError', /rand: options.low must be a number/);
  rejects(() => nb.tensor(new Float32Array(2), ['2']), 'ValueError', /tensor: shape\[0\] .* got '2' \(string\)/);
  rejects(() => nb.arange('3'), 'ValueError', /arange: end must be a number, got '3' \(string\)/);
  rejects(() => nb.scalar('2'), 'ValueError', /scalar: value must be a number/);
  rejects(() => nb.manualSeed('3'), 'ValueError', /manualSeed: seed must be a number/);
  const x = nb.ones([2, 3]);
  rejects(() => x.reshape(['3', 2]), 'ValueError', /reshape: shape\[0\] must be an integer, got '3' \(string\)/);
  rejects(() => x.reshape(6), 'ValueError', /reshape: shape must be an array of integers, got 6/);
  rejects(() => x.expand([null, 3]), 'ValueError', /expand: shape\[0\]/);
  rejects(() => x.sumTo(['1', 3]), 'ValueError', /sumTo: shape\[0\]/);
  rejects(() => x.permute([1, '0']), 'ValueError', /permute: order\[1\] must be an integer, got '0' \(string\)/);
  rejects(() => x.sum([0, null]), 'ValueError', /sum: axis\[1\] must be an integer, got null/);
  rejects(() => x.mean({}), 'ValueError', /mean: axis must be an integer, got an object/);
  rejects(() => x.max(0.5), 'ValueError', /max: axis must be an integer, got 0.5/);
  rejects(() => x.argmax(undefined), 'ValueError', /argmax: axis must be an integer, got undefined/);
  rejects(() => x.softmax('0'), 'ValueError', /softmax: axis must be an integer, got '0' \(string\)/);
  rejects(() => x.logSoftmax(null), 'ValueError', /logSoftmax: axis/);
  rejects(() => x.logsumexp(1.5), 'ValueError', /logsumexp: axis/);
  rejects(() => x.transpose(null, 0), 'ValueError', /transpose: axis0 must be an integer, got null/);
  rejects(() => x.flatten(0.5), 'ValueError', /flatten: startAxis/);
  rejects(() => x.slice('0', 1, 3), 'ValueError', /slice: axis must be an integer, got '0' \(string\)/);
  rejects(() => x.slice(1, 0.5), 'ValueError', /slice: start must be an integer or \+-Infinity, got 0.5/);
  rejects(() => x.slice(1, 0, 3, 0), 'ValueError', /slice: step must be an integer >= 1, got 0/);
  rejects(() => x.indexSelect(1, [0, '1']), 'ValueError', /indexSelect: index\[1\] must be an integer/);
  rejects(() => nb.concat([x, x], '0'), 'ValueError', /concat: axis must be an integer/);
  assert.deepEqual(nb.tidy(() => x.slice(1, -2).shape), [2, 2]); // valid forms still work
  assert.deepEqual(nb.tidy(() => x.reshape([-1]).shape), [6]);
  assert.deepEqual(nb.tidy(() => x.sum([0, -1], true).shape), [1, 1]);
  x.dispose();
  rejects(() => nb.nn.maxPool2d({ kernel: '2' }), 'ValueError', /maxPool2d: kernel must be an integer >= 1, got '2' \(string\)/);
  rejects(() => nb.nn.functional.avgPool2d(nb.ones([1, 1, 4, 4]), { stride: -1 }), 'ValueError', /avgPool2d: stride must be a non-negative integer, got -1/);
  rejects(() => nb.nn.functional.conv2d(nb.ones([1, 1, 4, 4]), nb.ones([1, 1, 3, 3]), null, { padding: '1' }), 'ValueError', /conv2d: padding/);
  rejects(() => nb.nn.batchNorm1d('4'), 'ValueError', /batchNorm1d: features must be an integer >= 1/);
  rejects(() => nb.nn.mlp({ inputs: 2, hidden: [16, '16'], outputs: 2 }), 'ValueError', /mlp: hidden\[1\] must be an integer/);
  rejects(() => nb.nn.mlp({ inputs: 2, hidden: [0], outputs: 2 }), 'ValueError', /mlp: hidden\[0\] must be an integer >= 1, got 0/);
  rejects(() => nb.nn.mlp({ inputs: undefined, outputs: 2 }), 'ValueError', /mlp: inputs must be an integer >= 1, got undefined/);
  rejects(() => nb.nn.fromSpec('mlp:4', 2, '2'), 'ValueError', /fromSpec: outputs/);
  rejects(() => nb.nn.dropout('0.5'), 'ValueError', /dropout: p must be a number/);
  rejects(() => nb.data.spiral({ n: 10, classes: '3' }), 'ValueError', /spiral: options.classes must be a non-negative integer, got '3'/);
  rejects(() => nb.data.moons({ n: 10, seed: '1' }), 'ValueError', /moons: options.seed must be a number/);
  rejects(() => nb.data.regression({ n: 10, features: 1.5 }), 'ValueError', /regression: options.features/);
  rejects(() => nb.data.moons(), 'ValueError', /moons: expected an options object/);
  rejects(() => nb.trainer({ model: nb.nn.linear(2, 2), batchSize: '8' }), 'ValueError', /trainer: batch size must be an integer >= 1, got '8'/);
  const t = nb.trainer({ model: nb.nn.linear(2, 2), loss: 'crossEntropy' });
  rejects(() => t.setData(new Float32Array(4), new Float32Array(2), '2'), 'ValueError', /setData: n must be a non-negative integer, got '2'/);
  rejects(() => t.predict(new Float32Array(4), null), 'ValueError', /predict: n must be a non-negative integer, got null/);
  rejects(() => t.activations(new Float32Array(4), 2.5), 'ValueError', /activations: n/);
  rejects(() => t.setBatchSize(0), 'ValueError', /setBatchSize: batch size must be an integer >= 1, got 0/);
  rejects(() => t.setLearningRate('0.1'), 'ValueError', /setLearningRate: lr must be a number/);
  rejects(() => t.setWeight('0.weight', '0', 1), 'ValueError', /setWeight: index must be a number/);
  t.dispose();
});

test('axes out of range are IndexErrors', () => {
  rejects(() => nb.ones([2, 3]).sum(2), 'IndexError', /sum: axis 2 is out of range for a tensor of rank 2/);
  rejects(() => nb.ones([2, 3]).sum(-3), 'IndexError', /axis -3/);
  rejects(() => nb.ones([3]).indexSelect(0, [-1]), 'IndexError', /index -1/);
});

test('NaN and Inf in data propagate as values; NaN labels and sizes are rejected', () => {
  assert.deepEqual(nb.tidy(() => nb.tensor([NaN, 1]).add(1).toArray()), [NaN, 2]);
  assert.deepEqual(nb.tidy(() => nb.tensor([Infinity, -Infinity]).exp().toArray()), [Infinity, 0]);
  rejects(() => nb.nn.functional.crossEntropy(nb.zeros([2, 3]), nb.tensor([0, NaN])), 'ValueError', /label nan/);
  rejects(() => nb.nn.functional.crossEntropy(nb.zeros([2, 3]), nb.tensor([0, 1.5])), 'ValueError', /label 1.5/);
  rejects(() => nb.data.moons({ n: 10, noise: NaN }), 'ValueError', /noise must be a finite number/);
  rejects(() => nb.nn.functional.dropout(nb.ones([2]), NaN), 'ValueError', /dropout/);
  const t = nb.trainer({ model: nb.nn.linear(2, 2), loss: 'crossEntropy' });
  rejects(() => t.setData(new Float32Array(4), new Float32Array([0, NaN]), 2), 'ValueError', /label nan at row 1/);
  t.dispose();
});

test('anomaly mode: detectAnomaly names the first op producing NaN/Inf, forward or backward, then restores the mode', () => {
  const live = nb.liveTensors();
  nb.tidy(() => {
    const x = nb.tensor([1, -1]);
    assert.ok(Number.isNaN(x.log().toArray()[1])); // off by default: NaN propagates
    rejects(() => nb.detectAnomaly(() => x.mul(2).log().sum()), 'Error', /^anomaly: op 'log' produced NaN\/Inf/);
    assert.ok(Number.isNaN(x.log().toArray()[1]), 'detectAnomaly restores the mode after a throw');
    const z = nb.tensor([0, 4], { requiresGrad: true });
    const y = nb.detectAnomaly(() => z.sqrt().sum()); // sqrt(0) = 0 is finite; returns fn's result
    assert.equal(y.item(), 2);
    rejects(() => nb.detectAnomaly(() => z.sqrt().sum().backward()), 'Error', /produced NaN\/Inf .* in the backward of op 'sqrt'/);
    nb.setAnomalyMode(true);
    try {
      rejects(() => x.log(), 'Error', /op 'log'/);
      assert.equal(nb.detectAnomaly(() => x.exp()).size, 2);
      rejects(() => x.log(), 'Error', /op 'log'/); // still on: detectAnomaly restores the previous mode, not "off"
    } finally {
      nb.setAnomalyMode(false);
    }
    rejects(() => nb.setAnomalyMode('yes'), 'ValueError', /setAnomalyMode: expected true or false, got string/);
    assert.throws(() => nb.detectAnomaly(42), TypeError);
  });
  assert.equal(nb.liveTensors(), live);
});

test('empty tensors and zero-sized batches: shapes flow, empty means and losses are named', () => {
  assert.equal(nb.tidy(() => nb.zeros([0]).sum().item()), 0);
  assert.deepEqual(nb.tidy(() => nb.zeros([0, 3]).matmul(nb.ones([3, 2])).shape), [0, 2]);
  const layer = nb.nn.linear(2, 3);
  assert.deepEqual(nb.tidy(() => layer.forward(nb.zeros([0, 2])).shape), [0, 3]);
  layer.dispose();
  rejects(() => nb.zeros([0]).mean(), 'ValueError', /mean: tensor of shape \[0\] is empty/);
  rejects(() => nb.zeros([0, 3]).max(0), 'ValueError', /axis 0 of shape \[0, 3\] is empty/);
  rejects(() => nb.nn.functional.crossEntropy(nb.zeros([0, 3]), nb.zeros([0])), 'ValueError', /the batch is empty/);
  const t = nb.trainer({ model: nb.nn.linear(2, 2), loss: 'crossEntropy' });
  rejects(() => t.setData(new Float32Array(0), new Float32Array(0), 0), 'ValueError', /n must be >= 1, got 0/);
  rejects(() => t.step(1.5), 'ValueError', /Trainer.step: number of steps must be an integer >= 1, got 1.5/);
  t.dispose();
});

test('backward twice without retainGraph is an AutogradError; with it, gradients accumulate', () => {
  const x = nb.ones([2], { requiresGrad: true });
  const y = x.mul(x).sum();
  y.backward();
  rejects(() => y.backward(), 'AutogradError', /already freed by an earlier backward; pass retain_graph/);
  const z = x.mul(x).sum();
  z.backward(undefined, { retainGraph: true });
  z.backward();
  assert.deepEqual(x.grad.toArray(), [6, 6]); // 2 from y, then 2 + 2 from z
  nb.dispose([x, y, z]);
});

test('truncated and corrupt files are FormatErrors; the module keeps working', () => {
  const model = nb.nn.linear(2, 2);
  const good = model.saveSafetensors();
  for (const cut of [0, 7, 8, 20, good.length - 1]) {
    rejects(() => model.loadSafetensors(good.subarray(0, cut)), 'FormatError', /safetensors/);
  }
  const flipped = good.slice();
  flipped[8] = 0x5b; // the header's '{' becomes '['
  rejects(() => model.loadSafetensors(flipped), 'FormatError', /header must start with '\{'/);
  const renamed = good.slice();
  renamed[11] = 0x7b; // a name's letter becomes '{': still a valid file, with a tensor the model does not have
  rejects(() => model.loadSafetensors(renamed), 'ValueError', /load_state_dict: missing/);
  rejects(() => nb.data.readMnist(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1]), new Uint8Array([0, 0, 8, 1, 0, 0, 0, 1])),
    'FormatError', /truncated header/);
  const wraps = new Uint8Array([0, 0, 8, 3, 0, 0x10, 0, 0, 0, 0x10, 0, 0, 1, 0, 0, 0]);
  rejects(() => nb.data.readMnist(wraps, new Uint8Array([0, 0, 8, 1, 0, 0x10, 0, 0])), 'FormatError', /2\^40/);
  model.loadSafetensors(good);
  model.dispose();
});

test('disposed tensors, modules and trainers throw a NablaError in every method', () => {
  const t = nb.ones([1], { requiresGrad: true });
  t.dispose();
  for (const use of [() => t.item(), () => t.grad, () => t.add(1), () => nb.ones([1]).mul(t), () => t.backward()]) {
    assert.throws(use, /Tensor used after dispose/);
  }
  const m = nb.nn.linear(2, 2);
  m.dispose();
  assert.throws(() => m.parameters(), /Module used after dispose/);
  assert.throws(() => m.saveSafetensors(), /Module used after dispose/);
});

test('backward through a 100,000-op chain works in WASM and frees the graph', () => {
  const live = nb.liveTensors(), used = nb.heapUsed();
  const x = nb.ones([1], { requiresGrad: true });
  nb.tidy(() => {
    let y = x;
    for (let i = 0; i < 100000; i++) y = y.mul(1);
    y.sum().backward();
  });
  const g = x.grad;
  assert.deepEqual(g.toArray(), [1]);
  nb.dispose([g, x]);
  assert.equal(nb.liveTensors(), live);
  assertHeapFlat(nb, used);
});

test('the same seed trains bit-identical weights in two separate WASM instances', () => {
  const script = `
    import { loadNabla } from 'nabla';
    import { createHash } from 'node:crypto';
    const nb = await loadNabla();
    nb.manualSeed(11);
    const ds = nb.data.spiral({ n: 96, noise: 0.2, seed: 4 });
    const model = nb.nn.mlp({ inputs: 2, hidden: [16, 16], outputs: 3, activation: 'tanh', dropout: 0.1 });
    const trainer = nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.01 }, loss: 'crossEntropy', batchSize: 16, seed: 3 });
    trainer.setData(ds.x, ds.y, ds.n);
    trainer.step(300);
    process.stdout.write(createHash('sha256').update(model.saveSafetensors()).digest('hex'));`;
  const run = () => execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const a = run(), b = run();
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.equal(a, b);
});
