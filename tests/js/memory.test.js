// Ownership from JS: dispose, tidy, and a heap that stays flat over long training loops.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Handle, loadNabla, NablaError } from 'nabla';
import { assertHeapFlat, tidyTrainStep } from './heap.js';

const nb = await loadNabla();

test('tidy frees what was made inside except what it returns, also nested', () => {
  const before = nb.liveTensors();
  let inner;
  const kept = nb.tidy(() => {
    const a = nb.ones([3]);
    inner = nb.tidy(() => {
      const b = a.mul(2);
      return { b, list: [b.add(1)] };
    });
    a.add(5);
    return inner.list[0];
  });
  assert.equal(inner.b.disposed, true);
  assert.equal(kept.disposed, false);
  assert.deepEqual(kept.toArray(), [3, 3, 3]);
  assert.equal(nb.liveTensors(), before + 1);
  kept.dispose();
  assert.equal(nb.liveTensors(), before);
});

test('tidy disposes everything when the function throws', () => {
  const before = nb.liveTensors();
  assert.throws(() => nb.tidy(() => {
    nb.ones([2]).add(nb.ones([3]));
  }), NablaError);
  assert.equal(nb.liveTensors(), before);
});

test('nb.dispose frees arrays and objects of tensors; dispose is idempotent', () => {
  const before = nb.liveTensors();
  const t = { a: nb.ones([1]), b: [nb.zeros([1]), nb.zeros([2])] };
  nb.dispose(t);
  t.a.dispose();
  assert.equal(nb.liveTensors(), before);
});

test('a disposed tensor, module, optimizer or trainer throws a clear NablaError', () => {
  const x = nb.ones([2]);
  x.dispose();
  assert.throws(() => x.shape, (e) => e instanceof NablaError && /used after dispose/.test(e.message));
  assert.throws(() => nb.ones([2]).add(x), /Tensor used after dispose/);
  const m = nb.nn.linear(2, 2);
  const opt = nb.optim.sgd(m.parameters(), { lr: 0.1 });
  const trainer = nb.trainer({ model: m, optimizer: 'sgd', optimizerOptions: { lr: 0.1 }, loss: 'mse' });
  m.dispose();
  opt.dispose();
  trainer.dispose();
  assert.throws(() => m.forward(nb.ones([1, 2])), /Module used after dispose/);
  assert.throws(() => opt.step(), /Optimizer used after dispose/);
  assert.throws(() => trainer.step(1), /Trainer used after dispose/);
});

test('every handle type is a Handle: nb.dispose frees modules, optimizers and trainers too', () => {
  const before = nb.liveTensors();
  const t = nb.ones([2]);
  const m = nb.nn.linear(2, 2);
  const params = m.parameters();
  const opt = nb.optim.sgd(params, { lr: 0.1 });
  const trainer = nb.trainer({ model: m, optimizer: 'sgd', optimizerOptions: { lr: 0.1 }, loss: 'mse' });
  for (const h of [t, m, opt, trainer]) assert.ok(h instanceof Handle, `${h.constructor.name} is a Handle`);
  nb.dispose({ t, parts: [m, opt], trainer, params });
  for (const h of [t, m, opt, trainer]) assert.equal(h.disposed, true, `${h.constructor.name} disposed`);
  assert.equal(nb.liveTensors(), before);
});

test('Symbol.dispose frees a handle (what `using` calls at the end of its block)', () => {
  assert.equal(typeof Symbol.dispose, 'symbol', 'this runtime has Symbol.dispose');
  const before = nb.liveTensors();
  const t = nb.ones([2]);
  const m = nb.nn.linear(2, 2);
  t[Symbol.dispose]();
  m[Symbol.dispose]();
  assert.equal(t.disposed, true);
  assert.equal(m.disposed, true);
  assert.equal(nb.liveTensors(), before);
  assert.throws(() => t.shape, /Tensor used after dispose\(\): this handle was freed \(by dispose\(\) or tidy\(\)\)/);
});

test('10,000 training steps in a JS loop with tidy leave the heap flat', () => {
  nb.manualSeed(3);
  const ds = nb.data.moons({ n: 64, noise: 0.1, seed: 3 });
  const { x, y } = nb.data.toTensors(ds);
  const model = nb.nn.mlp({ inputs: 2, hidden: [8], outputs: 2, activation: 'tanh' });
  const params = model.parameters();
  const opt = nb.optim.adam(params, { lr: 0.01 });
  const step = tidyTrainStep(nb, model, opt, x, y);
  for (let i = 0; i < 100; i++) step();
  const live = nb.liveTensors(), used = nb.heapUsed(), size = nb.heapBytes();
  let last = 0;
  for (let i = 0; i < 10000; i++) last = step();
  assert.equal(nb.liveTensors(), live);
  assertHeapFlat(nb, used, 'malloc-ed bytes changed over 10,000 steps');
  assert.equal(nb.heapBytes(), size);
  assert.ok(last < 0.1, `loss ${last}`);
  nb.dispose([x, y, params]);
  opt.dispose();
  model.dispose();
});

test('10,000 Trainer steps and predictions leave the heap flat', () => {
  const ds = nb.data.circles({ n: 128, noise: 0.05, seed: 1 });
  const model = nb.nn.mlp({ inputs: 2, hidden: [8, 8], outputs: 2 });
  const trainer = nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr: 0.1, momentum: 0.9 }, loss: 'crossEntropy', batchSize: 16 });
  trainer.setData(ds.x, ds.y, ds.n);
  for (let i = 0; i < 5; i++) { // warm-up: buffers reach their steady sizes over the first epochs
    trainer.step(100);
    trainer.predict(ds.x, ds.n);
    trainer.activations(ds.x.subarray(0, 8), 4);
  }
  const used = nb.heapUsed(), size = nb.heapBytes();
  for (let i = 0; i < 100; i++) {
    trainer.step(100);
    trainer.predict(ds.x, ds.n);
    trainer.activations(ds.x.subarray(0, 8), 4);
  }
  assertHeapFlat(nb, used);
  assert.equal(nb.heapBytes(), size);
  trainer.dispose();
  model.dispose();
});
