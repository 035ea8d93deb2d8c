// Soak: many training steps through the per-op JS API (forward, cross-entropy, backward, Adam, all in tidy) and
// many create/dispose cycles of models, optimizers and trainers, with the WASM heap (malloc-ed bytes, heap size,
// live tensors) and the JS heap (after forced garbage collection) checked flat. 50,000 steps (SOAK_STEPS to
// change) take about 10 s, so CI runs them all (in the WASM stage, and alone with `npm run soak`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadNabla } from 'nabla';
import { assertHeapFlat, tidyTrainStep } from './heap.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const nb = await loadNabla();
const STEPS = Number(process.env.SOAK_STEPS ?? 50000);

/** JS heap bytes in use after full collections (a few rounds: finalizers can free more on the next pass). */
function jsHeap() {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

test(`${STEPS} per-op training steps keep the WASM heap and the JS heap flat`, () => {
  nb.manualSeed(5);
  const ds = nb.data.spiral ? nb.data.spiral({ n: 128, noise: 0.1, seed: 5 }) : nb.data.moons({ n: 128, noise: 0.1, seed: 5 });
  const { x, y } = nb.data.toTensors(ds);
  const model = nb.nn.mlp({ inputs: 2, hidden: [16, 16], outputs: ds.classes ?? 2, activation: 'tanh' });
  const params = model.parameters();
  const opt = nb.optim.adam(params, { lr: 0.01 });
  const step = tidyTrainStep(nb, model, opt, x, y);
  for (let i = 0; i < 200; i++) step(); // warm-up: pools and JIT reach their steady state
  const live = nb.liveTensors(), used = nb.heapUsed(), size = nb.heapBytes(), js = jsHeap();
  const t0 = performance.now();
  let loss = 0;
  for (let i = 0; i < STEPS; i++) loss = step();
  const ms = performance.now() - t0;
  const jsAfter = jsHeap();
  console.log(`soak: ${STEPS} steps in ${(ms / 1000).toFixed(1)} s (${(ms / STEPS).toFixed(3)} ms/step); WASM malloc ` +
    `${used} -> ${nb.heapUsed()} B, heap ${size} -> ${nb.heapBytes()} B; JS heap ${js} -> ${jsAfter} B; loss ${loss.toFixed(4)}`);
  assert.equal(nb.liveTensors(), live);
  assertHeapFlat(nb, used);
  assert.equal(nb.heapBytes(), size, 'the WASM heap grew');
  // The JS heap moves by a few hundred KB with JIT and GC bookkeeping; a leak of one object per step would
  // add at least 16 bytes x STEPS (800 KB at 50,000 steps) on top, so allow 1 MB.
  assert.ok(jsAfter - js < 1_000_000, `JS heap grew by ${jsAfter - js} bytes`);
  assert.ok(Number.isFinite(loss));
  nb.dispose([x, y, params]);
  opt.dispose();
  model.dispose();
});

test('1,000 create/dispose cycles of models, optimizers and trainers keep both heaps flat', () => {
  const ds = nb.data.moons({ n: 32, noise: 0.1, seed: 2 });
  const cycle = () => {
    const model = nb.nn.mlp({ inputs: 2, hidden: [8, 8], outputs: 2 });
    const params = model.parameters();
    const opt = nb.optim.sgd(params, { lr: 0.1, momentum: 0.9 });
    const trainer = nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.01 }, loss: 'crossEntropy', batchSize: 8 });
    trainer.setData(ds.x, ds.y, ds.n);
    trainer.step(2);
    trainer.predict(ds.x, ds.n);
    nb.dispose(params);
    opt.dispose();
    trainer.dispose();
    model.dispose();
  };
  for (let i = 0; i < 50; i++) cycle();
  const live = nb.liveTensors(), used = nb.heapUsed(), js = jsHeap();
  for (let i = 0; i < 1000; i++) cycle();
  const jsAfter = jsHeap();
  console.log(`soak: 1,000 cycles; WASM malloc ${used} -> ${nb.heapUsed()} B; JS heap ${js} -> ${jsAfter} B`);
  assert.equal(nb.liveTensors(), live);
  assertHeapFlat(nb, used);
  assert.ok(jsAfter - js < 1_000_000, `JS heap grew by ${jsAfter - js} bytes`);
});
