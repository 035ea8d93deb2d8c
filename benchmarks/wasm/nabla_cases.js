// nabla's WASM benchmark cases through the public JS API (bindings/js/index.d.ts), given a loaded `nb`.
// Shared by the Node runner, the browser page and the threaded page's Worker: no Node-only imports, MNIST
// arrives as arrays. Every case mirrors benchmarks/peers/tfjs_cases.js and pytorch_bench.py (common/cases.js:
// same shapes, step counts, lr, data walk in order, loss tail), and rows use the peers' schema.
// Shapes: B = batch, M,K,N = gemm dims; MLP weights are [out, in] (the --init file's layout, and nabla's).
import { CONVNET_LAYERS, GEMM_SHAPES, LOSS_TAIL, MLP_SIZES, MNIST_SAMPLES, PREDICT_PARAMS, blobs, gemmCalls,
         gridPoints, repeat, resolveOptions, runTable, summary } from '../common/cases.js';

export { ALL_CASES, resolveOptions } from '../common/cases.js';

/** Runs the named cases; resolves to result rows. opts: {cases, reps, warmup, steps, smoke, mnist, init, log} */
export function runCases(nb, opts) {
  const table = { gemm, mnist_mlp: mnistMlp, tiny_step: tinyStep, convnet_step: convnetStep, predict_grid: predictGrid };
  const bound = Object.fromEntries(Object.entries(table).map(([k, f]) => [k, (o) => f(nb, o)]));
  return runTable(bound, resolveOptions(opts), { backend: 'wasm', tag: 'nabla-wasm', count: () => nb.liveTensors() });
}

/** Consecutive [x, y] batch tensors (labels as floats), walked in order and wrapping, as the peers. */
function makeBatches(nb, xs, per, labels, count, batch) {
  const out = [];
  for (let i = 0; i < count; i += batch) {
    out.push([nb.tensor(xs.subarray(i * per, (i + batch) * per), [batch, per]),
              nb.tensor(Float32Array.from(labels.subarray(i, i + batch)), [batch])]);
  }
  return out;
}

const disposeAll = (list) => list.flat(Infinity).forEach((t) => t.dispose());

/** One SGD step: forward, mean cross-entropy, backward, update; returns the loss as a number or null. */
function trainStep(nb, model, opt, [x, y], wantLoss) {
  return nb.tidy(() => {
    opt.zeroGrad();
    const loss = nb.nn.functional.crossEntropy(model.forward(x), y);
    loss.backward();
    opt.step();
    return wantLoss ? loss.item() : null;
  });
}

/** Times `steps` SGD steps of a JS loop over `batches`; one step's cost in `scale` units (1e3: µs, 1: ms). */
function timeLoop(nb, o, model, batches, lr, steps, scale) {
  const ps = model.parameters();
  const opt = nb.optim.sgd(ps, { lr });
  const rep = () => {
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) trainStep(nb, model, opt, batches[i % batches.length], false);
    return ((performance.now() - t0) / steps) * scale;
  };
  return repeat(rep, o.reps, o.warmup).finally(() => {
    opt.dispose();
    disposeAll(ps);
  });
}

async function gemm(nb, o) {
  const rows = [];
  nb.manualSeed(0);
  for (const [m, k, n] of GEMM_SHAPES) {
    const flops = 2 * m * k * n;
    const calls = gemmCalls(flops, o.smoke);
    const a = nb.randn([m, k]);
    // NOTE: four right-hand operands in rotation, so no call reuses a B left packed or cached.
    const bs = [0, 1, 2, 3].map(() => nb.randn([k, n]));
    const rep = () => {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) nb.matmul(a, bs[i % 4]).dispose();
      return (flops * calls) / ((performance.now() - t0) / 1e3) / 1e9;
    };
    const samples = await repeat(rep, o.reps, o.warmup);
    disposeAll([a, bs]);
    rows.push(summary({ M: m, K: k, N: n, calls, b_operands: 4 }, 'GFLOP/s', samples));
  }
  return rows;
}

/** The init file (W1, b1, W2, b2, W3, b3 as [out, in]) as a state dict for `model`. */
function initState(model, flat) {
  const state = new Map();
  let off = 0;
  for (const { name, shape } of model.parameterInfo()) {
    const size = shape.reduce((a, b) => a * b, 1);
    state.set(name, { shape, data: flat.subarray(off, (off += size)) });
  }
  if (off !== flat.length) throw new Error(`init has ${flat.length} floats, the MLP needs ${off}`);
  return state;
}

// Two rows: (1) a JS loop of tensor calls, step by step, as a user writes it (and as the peers are measured);
// (2) the Trainer, the whole loop in C++ in two calls (what the pages use). NOTE: the Trainer reshuffles
// each epoch; the work per step is the same.
async function mnistMlp(nb, o) {
  const batch = 64, lr = 0.05, steps = o.steps;
  const { images, labels } = o.mnist;
  const batches = makeBatches(nb, images, 784, labels, MNIST_SAMPLES, batch);
  nb.manualSeed(0);
  const model = nb.nn.mlp({ inputs: 784, hidden: [256, 128], outputs: 10, activation: 'relu' });
  const start = o.init ? initState(model, o.init) : model.stateDict();
  const tailSteps = Math.min(steps, LOSS_TAIL);
  let loopLoss = NaN, trainerLoss = NaN;
  const loop = () => {
    // Every repetition trains from the same weights over the same samples: identical work.
    model.loadStateDict(start);
    const params = model.parameters();
    const opt = nb.optim.sgd(params, { lr });
    let tail = 0;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) {
      const loss = trainStep(nb, model, opt, batches[i % batches.length], i >= steps - LOSS_TAIL);
      if (loss !== null) tail += loss;
    }
    const dt = (performance.now() - t0) / 1e3;
    loopLoss = tail / tailSteps;
    opt.dispose();
    disposeAll(params);
    return (batch * steps) / dt;
  };
  const labelFloats = Float32Array.from(labels.subarray(0, MNIST_SAMPLES));
  const trained = () => {
    model.loadStateDict(start);
    const trainer = nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr }, loss: 'crossEntropy',
                                 batchSize: batch, seed: 0 });
    try {
      trainer.setData(images.subarray(0, MNIST_SAMPLES * 784), labelFloats, MNIST_SAMPLES);
      const t0 = performance.now();
      if (steps > tailSteps) trainer.step(steps - tailSteps);
      trainerLoss = trainer.step(tailSteps).loss;
      return (batch * steps) / ((performance.now() - t0) / 1e3);
    } finally {
      trainer.dispose();
    }
  };
  try {
    const params = { sizes: MLP_SIZES, batch, lr, steps, train_samples: MNIST_SAMPLES,
                     init: o.initName || 'nabla default init (seed 0)', loss_tail: LOSS_TAIL };
    const loopSamples = await repeat(loop, o.reps, o.warmup);
    const trainerSamples = await repeat(trained, o.reps, o.warmup);
    return [{ ...summary({ ...params, api: 'js loop' }, 'samples/s', loopSamples), final_loss: loopLoss },
            { backend: 'wasm-trainer', ...summary({ ...params, api: 'Trainer.step(n)' }, 'samples/s', trainerSamples),
              final_loss: trainerLoss }];
  } finally {
    disposeAll(batches);
    model.dispose();
  }
}

async function tinyStep(nb, o) {
  const batch = 32, lr = 0.1, steps = o.smoke ? 100 : 2000, n = batch * 8;
  const { x, y } = blobs(n, 1);
  const params = { sizes: [2, 16, 16, 2], act: 'tanh', batch, lr, steps };
  nb.manualSeed(0);
  const spec = { inputs: 2, hidden: [16, 16], outputs: 2, activation: 'tanh' };
  const rows = [];
  // (1) A JS loop of tensor calls, step by step, as a user writes it (and as the peers are measured).
  const model = nb.nn.mlp(spec);
  const batches = makeBatches(nb, x, 2, y, n, batch);
  try {
    rows.push(summary({ ...params, api: 'js loop' }, 'us/step', await timeLoop(nb, o, model, batches, lr, steps, 1e3)));
  } finally {
    disposeAll(batches);
    model.dispose();
  }
  // (2) The Trainer: the whole loop in C++, one call for all steps (what the pages use).
  // NOTE: the Trainer reshuffles each epoch; the work per step is the same.
  const model2 = nb.nn.mlp(spec);
  const trainer = nb.trainer({ model: model2, optimizer: 'sgd', optimizerOptions: { lr }, loss: 'crossEntropy',
                               batchSize: batch, seed: 0 });
  try {
    trainer.setData(x, y, n);
    const rep = () => {
      const t0 = performance.now();
      trainer.step(steps);
      return ((performance.now() - t0) / steps) * 1e3;
    };
    rows.push({ backend: 'wasm-trainer',
                ...summary({ ...params, api: 'Trainer.step(n)' }, 'us/step', await repeat(rep, o.reps, o.warmup)) });
  } finally {
    trainer.dispose();
    model2.dispose();
  }
  return rows;
}

async function convnetStep(nb, o) {
  const batch = 32, lr = 0.05, steps = o.smoke ? 2 : 20, count = 1024;
  const batches = makeBatches(nb, o.mnist.images, 784, o.mnist.labels, count, batch);
  nb.manualSeed(0);
  // The net PyTorch and TF.js time (pytorch_bench.py), not the page's larger convnet preset; flat (B, 784) rows,
  // read as (B, 1, 28, 28).
  const model = nb.nn.fromSpec('conv(8,5)-relu-maxpool(2)-conv(16,5)-relu-maxpool(2)-flatten-linear(10)', 784, 10);
  try {
    const params = { layers: CONVNET_LAYERS, batch, lr, steps, layout: 'NCHW' };
    return [summary(params, 'ms/step', await timeLoop(nb, o, model, batches, lr, steps, 1))];
  } finally {
    disposeAll(batches);
    model.dispose();
  }
}

async function predictGrid(nb, o) {
  const side = 200, calls = o.smoke ? 2 : 20;
  nb.manualSeed(0);
  const model = nb.nn.mlp({ inputs: 2, hidden: [16, 16], outputs: 2, activation: 'tanh' });
  model.eval();
  const grid = nb.tensor(gridPoints(side), [side * side, 2]);
  try {
    const rep = () => {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) {
        // The result is read back each call: a plot needs the numbers in JS.
        nb.noGrad(() => nb.tidy(() => model.forward(grid).softmax(-1).data()));
      }
      return (performance.now() - t0) / calls;
    };
    return [summary({ ...PREDICT_PARAMS, points: side * side, calls }, 'ms/call', await repeat(rep, o.reps, o.warmup))];
  } finally {
    grid.dispose();
    model.dispose();
  }
}
