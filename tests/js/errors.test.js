// Every C++ error reaches JS as a NablaError carrying the C++ message and kind; the module keeps working.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadNabla, NablaError } from 'nabla';
import { assertHeapFlat } from './heap.js';

const nb = await loadNabla();

function throwsNabla(fn, kind, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof NablaError, `expected a NablaError, got ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'NablaError');
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, pattern);
    return true;
  });
}

test('shape mismatches name the op and both shapes', () => {
  throwsNabla(() => nb.tensor([1, 2, 3]).add(nb.tensor([1, 2])), 'ShapeError', /add: shapes \[3\] and \[2\]/);
  throwsNabla(() => nb.ones([2, 3]).matmul(nb.ones([2, 3])), 'ShapeError', /matmul.*\[2, 3\]/);
  throwsNabla(() => nb.ones([2, 3]).reshape([4]), 'ShapeError', /reshape/);
  throwsNabla(() => nb.tensor([[1, 2], [3]]), 'ShapeError', /ragged/);
  throwsNabla(() => nb.tensor(new Float32Array(5), [2, 2]), 'ShapeError', /5|\[2, 2\]/);
});

test('bad values, indices and autograd misuse arrive with their C++ kind', () => {
  throwsNabla(() => nb.ones([2]).sum(3), 'IndexError', /sum/);
  throwsNabla(() => nb.ones([3]).indexSelect(0, [5]), 'IndexError', /index_select/);
  throwsNabla(() => nb.arange(0, 1, 0), 'ValueError', /arange/);
  throwsNabla(() => nb.ones([2]).clamp(1, 0), 'ValueError', /clamp/);
  throwsNabla(() => nb.ones([2]).item(), 'ValueError', /item/);
  throwsNabla(() => nb.manualSeed(-1), 'ValueError', /manualSeed/);
  throwsNabla(() => nb.manualSeed(0.5), 'ValueError', /manualSeed: the seed must be a non-negative integer, got 0.5/);
  throwsNabla(() => nb.trainer({ model: nb.nn.linear(2, 2), loss: 'mse', seed: -3 }), 'ValueError', /trainer: the seed/);
  throwsNabla(() => nb.ones([2]).add(1).backward(), 'AutogradError', /backward/);
  throwsNabla(() => nb.ones([2], { requiresGrad: true }).mul(2).requiresGrad = false, 'AutogradError', /only leaves/);
  throwsNabla(() => nb.grad((x) => x.mul(2))(nb.ones([2])), 'AutogradError', /one-element/);
  throwsNabla(() => nb.nn.mlp({ inputs: 2, hidden: [3], outputs: 2, activation: 'swish' }), 'ValueError', /swish/);
  throwsNabla(() => nb.nn.functional.dropout(nb.ones([2]), 1.5), 'ValueError', /dropout/);
  throwsNabla(() => nb.optim.sgd([], { lr: -1 }), 'ValueError', /lr|learning rate/);
});

test('a wrong argument where a Module or Tensor list is expected names the argument', () => {
  // Embind alone says "Cannot read properties of undefined (reading '$$')".
  throwsNabla(() => nb.nn.sequential(3, 'x'), 'ValueError', /sequential: layers\[0\] must be a Module, got 3/);
  throwsNabla(() => nb.nn.sequential(nb.nn.relu(), 'x'), 'ValueError', /sequential: layers\[1\] must be a Module, got 'x' \(string\)/);
  throwsNabla(() => nb.optim.sgd([1, 2], { lr: 0.1 }), 'ValueError', /sgd: params\[0\] must be a Tensor, got 1/);
  throwsNabla(() => nb.optim.adam([nb.ones([2]), {}], { lr: 0.1 }), 'ValueError', /adam: params\[1\] must be a Tensor, got an object/);
  throwsNabla(() => nb.optim.rmsprop(nb.ones([2]), { lr: 0.1 }), 'ValueError', /rmsprop: params must be an array of Tensors/);
});

test('sum and mean refuse an axis named twice, as PyTorch does', () => {
  throwsNabla(() => nb.ones([2, 3]).sum([0, 0]), 'ValueError', /sum: axis 0 \(dimension 0\) appears more than once/);
  throwsNabla(() => nb.ones([2, 3]).mean([1, -1]), 'ValueError', /mean: axis -1 \(dimension 1\) appears more than once/);
  assert.deepEqual(nb.tidy(() => nb.ones([2, 3]).sum([0, 1]).toArray()), 6);
});

test('tensors too big for the 4 GB WebAssembly address space fail cleanly', () => {
  throwsNabla(() => nb.zeros([2 ** 30]), 'Error', /out of memory: cannot allocate a tensor of 1073741824 floats/);
  throwsNabla(() => nb.zeros([30000, 30000]), 'Error', /out of memory/);
  throwsNabla(() => nb.zeros([100000, 100000]), 'ValueError', /more than 2\^31 elements/);
  assert.deepEqual(nb.tidy(() => nb.ones([2]).add(1).toArray()), [2, 2]);
});

test('the module keeps working after many errors, with no leak', () => {
  const x = nb.ones([4]);
  const y = nb.ones([3]);
  assert.throws(() => x.add(y), NablaError);
  const used = nb.heapUsed();
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => x.add(y), NablaError);
    assert.throws(() => nb.data.readMnist(new Uint8Array(16), new Uint8Array(8)), NablaError);
  }
  assertHeapFlat(nb, used, 'malloc-ed bytes changed over 2,000 errors');
  assert.deepEqual(nb.tidy(() => x.add(1).toArray()), [2, 2, 2, 2]);
  nb.dispose([x, y]);
});

test('grad mode is restored when the differentiated function throws', () => {
  const before = nb.ones([1], { requiresGrad: true }).mul(2).requiresGrad;
  assert.throws(() => nb.noGrad(() => { throw new Error('boom'); }), /boom/);
  assert.throws(() => nb.grad(() => { throw new Error('boom'); })(nb.ones([1])), /boom/);
  assert.equal(nb.ones([1], { requiresGrad: true }).mul(2).requiresGrad, before);
});

test('wrong argument types are TypeErrors or NablaErrors, never crashes', () => {
  assert.throws(() => nb.ones([2]).add('a'), TypeError);
  assert.throws(() => nb.tensor('abc'), NablaError);
  assert.throws(() => nb.zeros(3), NablaError);
  assert.throws(() => nb.ones([2.5]), (e) => e instanceof NablaError && /integer/.test(e.message));
});
