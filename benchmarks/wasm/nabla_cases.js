// nabla's WASM benchmark cases through the public JS API (bindings/js/index.d.ts), given a loaded `nb`.
// Shared by the Node runner and the browser page: no Node-only imports, MNIST arrives as arrays.
// Every case mirrors benchmarks/peers/tfjs_cases.js and pytorch_bench.py (same shapes, step counts, lr,
// data walk in order, loss tail), and rows use the peers' schema.
// Shapes: B = batch, M,K,N = gemm dims; MLP weights are [out, in] (the --init file's layout, and nabla's).

export const ALL_CASES = ['gemm', 'mnist_mlp', 'tiny_step', 'convnet_step', 'predict_grid'];
const GEMM_SHAPES = [[64, 784, 256], [64, 256, 128], [256, 256, 256], [512, 512, 512]];
const MNIST_SAMPLES = 8192;
const LOSS_TAIL = 50;

/** Runs the named cases; resolves to result rows. opts: {cases, reps, warmup, steps, smoke, mnist, init, log} */
export async function runCases(nb, opts) {
  const o = resolveOptions(opts);
  const cases = { gemm, mnist_mlp: mnistMlp, tiny_step: tinyStep, convnet_step: convnetStep,
                  predict_grid: predictGrid };
  const rows = [];
  for (const name of o.cases || ALL_CASES) {
    o.log(`nabla-wasm: ${name}`);
    const before = nb.liveTensors();
    try {
      for (const r of cases[name](nb, o)) rows.push({ case: name, ...r });
    } catch (e) {
      rows.push({ case: name, backend: 'wasm', error: String((e && e.message) || e) });
    }
    o.log(`  live tensors before/after: ${before}/${nb.liveTensors()}`);
  }
  return rows;
}

export function resolveOptions(opts) {
  const o = { reps: 5, warmup: 1, steps: 500, smoke: false, log: () => {}, ...opts };
  if (o.smoke) Object.assign(o, { reps: Math.min(o.reps, 2), warmup: 0, steps: Math.min(o.steps, 60) });
  return o;
}

function repeat(fn, reps, warmup) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  for (let i = 0; i < reps; i++) samples.push(fn());
  return samples;
}

function summary(backend, params, unit, samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { backend, params, unit, median, min: s[0], max: s[s.length - 1], n: s.length, samples };
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

function gemm(nb, o) {
  const rows = [];
  nb.manualSeed(0);
  for (const [m, k, n] of GEMM_SHAPES) {
    const flops = 2 * m * k * n;
    const calls = o.smoke ? 1 : Math.max(8, Math.round(1e9 / flops));
    const a = nb.randn([m, k]);
    // NOTE: four right-hand operands in rotation, so no call reuses a B left packed or cached.
    const bs = [0, 1, 2, 3].map(() => nb.randn([k, n]));
    const rep = () => {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) nb.matmul(a, bs[i % 4]).dispose();
      return (flops * calls) / ((performance.now() - t0) / 1e3) / 1e9;
    };
    const samples = repeat(rep, o.reps, o.warmup);
    disposeAll([a, bs]);
    rows.push(summary('wasm', { M: m, K: k, N: n, calls, b_operands: 4 }, 'GFLOP/s', samples));
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

function mnistMlp(nb, o) {
  const batch = 64, lr = 0.05, steps = o.steps;
  const { images, labels } = o.mnist;
  const batches = makeBatches(nb, images, 784, labels, MNIST_SAMPLES, batch);
  nb.manualSeed(0);
  const model = nb.nn.mlp({ inputs: 784, hidden: [256, 128], outputs: 10, activation: 'relu' });
  const start = o.init ? initState(model, o.init) : model.stateDict();
  let finalLoss = NaN;
  const rep = () => {
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
    finalLoss = tail / Math.min(steps, LOSS_TAIL);
    opt.dispose();
    disposeAll(params);
    return (batch * steps) / dt;
  };
  try {
    const samples = repeat(rep, o.reps, o.warmup);
    const params = { sizes: [784, 256, 128, 10], batch, lr, steps, train_samples: MNIST_SAMPLES,
                     init: o.initName || 'nabla default init (seed 0)', loss_tail: LOSS_TAIL };
    return [{ ...summary('wasm', params, 'samples/s', samples), final_loss: finalLoss }];
  } finally {
    disposeAll(batches);
    model.dispose();
  }
}

/** Two gaussian blobs, centres (-1,-1) and (1,1), sigma 0.5, labels alternating 0/1 (Box-Muller). */
export function blobs(n, seed) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  const x = new Float32Array(2 * n), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    for (let d = 0; d < 2; d++) {
      x[2 * i + d] = 0.5 * Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand()) + (2 * y[i] - 1);
    }
  }
  return { x, y };
}

function tinyStep(nb, o) {
  const batch = 32, lr = 0.1, steps = o.smoke ? 100 : 2000, n = batch * 8;
  const { x, y } = blobs(n, 1);
  const params = { sizes: [2, 16, 16, 2], act: 'tanh', batch, lr, steps };
  nb.manualSeed(0);
  const spec = { inputs: 2, hidden: [16, 16], outputs: 2, activation: 'tanh' };
  const rows = [];
  // (1) A JS loop of tensor calls, step by step, as a user writes it (and as the peers are measured).
  const model = nb.nn.mlp(spec);
  const batches = makeBatches(nb, x, 2, y, n, batch);
  const ps = model.parameters();
  const opt = nb.optim.sgd(ps, { lr });
  try {
    const rep = () => {
      const t0 = performance.now();
      for (let i = 0; i < steps; i++) trainStep(nb, model, opt, batches[i % batches.length], false);
      return ((performance.now() - t0) / steps) * 1e3;
    };
    rows.push(summary('wasm', { ...params, api: 'js loop' }, 'us/step', repeat(rep, o.reps, o.warmup)));
  } finally {
    opt.dispose();
    disposeAll([ps, batches]);
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
    rows.push(summary('wasm-trainer', { ...params, api: 'Trainer.step(n)' }, 'us/step',
                      repeat(rep, o.reps, o.warmup)));
  } finally {
    trainer.dispose();
    model2.dispose();
  }
  return rows;
}

function convnetStep(nb, o) {
  const batch = 32, lr = 0.05, steps = o.smoke ? 2 : 20, count = 1024;
  const batches = makeBatches(nb, o.mnist.images, 784, o.mnist.labels, count, batch);
  nb.manualSeed(0);
  const model = nb.nn.fromSpec('convnet', 784, 10);  // flat (B, 784) rows, reshaped to (B, 1, 28, 28)
  const ps = model.parameters();
  const opt = nb.optim.sgd(ps, { lr });
  try {
    const rep = () => {
      const t0 = performance.now();
      for (let i = 0; i < steps; i++) trainStep(nb, model, opt, batches[i % batches.length], false);
      return (performance.now() - t0) / steps;
    };
    const params = { layers: 'conv8@5x5-relu-pool2-conv16@5x5-relu-pool2-linear256x10', batch, lr, steps,
                     layout: 'NCHW' };
    return [summary('wasm', params, 'ms/step', repeat(rep, o.reps, o.warmup))];
  } finally {
    opt.dispose();
    disposeAll([ps, batches]);
    model.dispose();
  }
}

function predictGrid(nb, o) {
  const side = 200, calls = o.smoke ? 2 : 20;
  const pts = new Float32Array(side * side * 2);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      pts[2 * (r * side + c)] = -3 + (6 * c) / (side - 1);
      pts[2 * (r * side + c) + 1] = -3 + (6 * r) / (side - 1);
    }
  }
  nb.manualSeed(0);
  const model = nb.nn.mlp({ inputs: 2, hidden: [16, 16], outputs: 2, activation: 'tanh' });
  model.eval();
  const grid = nb.tensor(pts, [side * side, 2]);
  try {
    const rep = () => {
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) {
        // The result is read back each call: a plot needs the numbers in JS.
        nb.noGrad(() => nb.tidy(() => model.forward(grid).softmax(-1).data()));
      }
      return (performance.now() - t0) / calls;
    };
    const params = { sizes: [2, 16, 16, 2], act: 'tanh', points: side * side, calls,
                     output: 'softmax probabilities' };
    return [summary('wasm', params, 'ms/call', repeat(rep, o.reps, o.warmup))];
  } finally {
    grid.dispose();
    model.dispose();
  }
}
