// TensorFlow.js implementations of the peer benchmark cases, given a ready `tf` object. Shared by
// the Node runner and the browser page, so: no Node-only imports, MNIST arrives as arrays.
// Every case mirrors pytorch_bench.py (same shapes, counts, lr, data walk, loss tail).
//
// Shapes: B = batch, M,K,N = gemm dims; weights are stored [in, out] (tf.layers' kernel layout),
// transposed once from the [out, in] layout of the --init file.
// NOTE: each repetition ends by awaiting a result's data(): for a synchronous backend (cpu, wasm)
// that costs nothing, for an asynchronous one (webgl, webgpu) it keeps the clock honest.

export const ALL_CASES = ['gemm', 'mnist_mlp', 'tiny_step', 'convnet_step', 'predict_grid'];
const GEMM_SHAPES = [[64, 784, 256], [64, 256, 128], [256, 256, 256], [512, 512, 512]];
const MLP_SIZES = [784, 256, 128, 10];
const MNIST_SAMPLES = 8192;
const LOSS_TAIL = 50;

/**
 * Runs the named cases on tf's current backend; resolves to a list of result rows.
 * opts: {cases, reps, warmup, steps, smoke, mnist: {images, labels}, init: Float32Array|null, log}
 */
export async function runCases(tf, opts) {
  const o = resolveOptions(opts);
  const cases = { gemm, mnist_mlp: mnistMlp, tiny_step: tinyStep, convnet_step: convnetStep,
                  predict_grid: predictGrid };
  const rows = [];
  for (const name of o.cases || ALL_CASES) {
    const backend = tf.getBackend();
    o.log(`tfjs-${backend}: ${name}`);
    const before = tf.memory().numTensors;
    try {
      if (!cases[name]) throw new Error(`unknown case ${name}`);
      for (const r of await cases[name](tf, o)) rows.push({ case: name, backend, ...r });
    } catch (e) {
      // Keep the row: a missing kernel (e.g. a gradient on wasm) is itself a result.
      rows.push({ case: name, backend, error: String(e && e.message || e) });
    }
    o.log(`  tensors before/after: ${before}/${tf.memory().numTensors}`);
  }
  return rows;
}

/** Defaults, and the scale-down of --smoke (CI: checks that it runs, numbers meaningless). */
export function resolveOptions(opts) {
  const o = { reps: 5, warmup: 1, steps: 500, smoke: false, log: () => {}, ...opts };
  if (o.smoke) {
    Object.assign(o, { reps: Math.min(o.reps, 2), warmup: 0, steps: Math.min(o.steps, 60) });
  }
  return o;
}

async function repeat(fn, reps, warmup) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let i = 0; i < reps; i++) samples.push(await fn());
  return samples;
}

function summary(params, unit, samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { params, unit, median, min: s[0], max: s[s.length - 1], n: s.length, samples };
}

/** Seeded uniform [0,1) generator (mulberry32): same data in every backend and browser. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Kaiming-uniform like nn.Linear's default: U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
function kaiming(n, fanIn, rand) {
  const a = new Float32Array(n);
  const bound = 1 / Math.sqrt(fanIn);
  for (let i = 0; i < n; i++) a[i] = (2 * rand() - 1) * bound;
  return a;
}

/** tf.variable copies its initial value; free the original so the tensor count stays flat. */
function toVariable(tf, t) {
  const v = tf.variable(t);
  t.dispose();
  return v;
}

/** MLP parameters [W1, b1, ...] as tf.variables; W from [out,in] rows (init file) to [in,out]. */
function mlpParams(tf, sizes, flat, rand) {
  const vars = [];
  let off = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fin, fout] = [sizes[l], sizes[l + 1]];
    const take = (n) => (flat ? flat.subarray(off, (off += n)) : kaiming(n, fin, rand));
    const w = tf.tidy(() => tf.tensor2d(take(fout * fin), [fout, fin]).transpose());
    vars.push(toVariable(tf, w), toVariable(tf, tf.tensor1d(take(fout))));
  }
  if (flat && off !== flat.length) throw new Error(`init has ${flat.length} floats, need ${off}`);
  return vars;
}

/** y = act(x W + b). relu/linear go through tf.fused.matMul, the fast path tf.layers uses too. */
function dense(tf, x, w, b, act) {
  if (act === 'tanh') return tf.tanh(tf.add(tf.matMul(x, w), b));
  return tf.fused.matMul({ a: x, b: w, bias: b, activation: act });
}

function mlpForward(tf, vars, x, act) {
  let h = x;
  for (let i = 0; i < vars.length; i += 2) {
    h = dense(tf, h, vars[i], vars[i + 1], i + 2 < vars.length ? act : 'linear');
  }
  return h;
}

function oneHot(labels, classes) {
  const y = new Float32Array(labels.length * classes);
  labels.forEach((c, i) => { y[i * classes + c] = 1; });
  return y;
}

/** Pre-built [x, y] batch tensors, walked in order and wrapping, as in the PyTorch harness. */
function makeBatches(tf, xs, xShape, labels, batch, classes = 10) {
  const per = xShape.reduce((a, b) => a * b, 1);
  const out = [];
  for (let i = 0; i < labels.length; i += batch) {
    out.push([tf.tensor(xs.subarray(i * per, (i + batch) * per), [batch, ...xShape]),
              tf.tensor2d(oneHot(labels.subarray(i, i + batch), classes), [batch, classes])]);
  }
  return out;
}

/** One SGD step per call: forward, mean softmax cross-entropy, backward, update. */
function trainStep(tf, opt, vars, forward, [x, y]) {
  return opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(x)), true, vars);
}

function disposeAll(list) { list.flat(Infinity).forEach((t) => t.dispose()); }

/** Runs fn and frees `tensors` even when a backend throws (missing kernel) half-way through. */
async function withCleanup(fn, tensors) {
  try {
    return await fn();
  } finally {
    disposeAll(tensors);
  }
}

async function gemm(tf, o) {
  const rows = [];
  for (const [m, k, n] of GEMM_SHAPES) {
    const flops = 2 * m * k * n;
    const calls = o.smoke ? 1 : Math.max(8, Math.round(1e9 / flops));
    const a = tf.randomNormal([m, k], 0, 1, 'float32', 1);
    // NOTE: four right-hand operands in rotation, so no call reuses a B left packed or cached.
    const bs = [0, 1, 2, 3].map((s) => tf.randomNormal([k, n], 0, 1, 'float32', 2 + s));
    const rep = async () => {
      let c = null;
      const t0 = performance.now();
      for (let i = 0; i < calls; i++) {
        if (c) c.dispose();
        c = tf.matMul(a, bs[i % 4]);
      }
      await c.data();
      const dt = (performance.now() - t0) / 1e3;
      c.dispose();
      return (flops * calls) / dt / 1e9;
    };
    const samples = await repeat(rep, o.reps, o.warmup);
    disposeAll([a, bs]);
    rows.push(summary({ M: m, K: k, N: n, calls, b_operands: 4 }, 'GFLOP/s', samples));
  }
  return rows;
}

async function mnistMlp(tf, o) {
  const batch = 64, lr = 0.05, steps = o.steps;
  const { images, labels } = o.mnist;
  const batches = makeBatches(tf, images, [784], labels.subarray(0, MNIST_SAMPLES), batch);
  const vars = mlpParams(tf, MLP_SIZES, o.init, rng(0));
  const start = vars.map((v) => v.clone());
  const opt = tf.train.sgd(lr);
  const forward = (x) => mlpForward(tf, vars, x, 'relu');
  let finalLoss = NaN;
  const rep = async () => {
    // Every repetition trains from the same weights over the same samples: identical work.
    vars.forEach((v, i) => v.assign(start[i]));
    const tail = [];
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) {
      const loss = trainStep(tf, opt, vars, forward, batches[i % batches.length]);
      if (i >= steps - LOSS_TAIL) tail.push(loss); else loss.dispose();
    }
    const losses = await Promise.all(tail.map((t) => t.data()));
    const dt = (performance.now() - t0) / 1e3;
    finalLoss = losses.reduce((s, l) => s + l[0], 0) / losses.length;
    disposeAll(tail);
    return (batch * steps) / dt;
  };
  const samples = await withCleanup(() => repeat(rep, o.reps, o.warmup), [batches, vars, start]);
  opt.dispose();
  const params = { sizes: MLP_SIZES, batch, lr, steps, train_samples: MNIST_SAMPLES,
                   init: o.initName || 'kaiming-uniform(mulberry32 seed 0)', loss_tail: LOSS_TAIL };
  return [{ ...summary(params, 'samples/s', samples), final_loss: finalLoss }];
}

/** Two gaussian blobs, centres (-1,-1) and (1,1), sigma 0.5; labels alternate 0/1. */
function blobs(n, rand) {
  const x = new Float32Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    for (let d = 0; d < 2; d++) {
      const g = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      x[2 * i + d] = 0.5 * g + (2 * y[i] - 1);
    }
  }
  return { x, y };
}

/** Shared loop of the small-step cases: `steps` SGD steps, cost of one step in `scale` units. */
async function timeSteps(tf, o, vars, forward, batches, lr, steps, scale) {
  const opt = tf.train.sgd(lr);
  const rep = async () => {
    let loss = null;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) {
      if (loss) loss.dispose();
      loss = trainStep(tf, opt, vars, forward, batches[i % batches.length]);
    }
    await loss.data();
    loss.dispose();
    return ((performance.now() - t0) / steps) * scale;
  };
  const samples = await repeat(rep, o.reps, o.warmup);
  opt.dispose();
  return samples;
}

async function tinyStep(tf, o) {
  const batch = 32, lr = 0.1, steps = o.smoke ? 100 : 2000;
  const rand = rng(0);
  const { x, y } = blobs(batch * 8, rand);
  const batches = makeBatches(tf, x, [2], y, batch, 2);
  const vars = mlpParams(tf, [2, 16, 16, 2], null, rand);
  const forward = (xb) => mlpForward(tf, vars, xb, 'tanh');
  const samples = await withCleanup(() => timeSteps(tf, o, vars, forward, batches, lr, steps, 1e3),
                                    [batches, vars]);
  return [summary({ sizes: [2, 16, 16, 2], act: 'tanh', batch, lr, steps }, 'us/step', samples)];
}

async function convnetStep(tf, o) {
  const batch = 32, lr = 0.05, steps = o.smoke ? 2 : 20;
  const count = 1024;
  const batches = makeBatches(tf, o.mnist.images.subarray(0, count * 784), [28, 28, 1],
                              o.mnist.labels.subarray(0, count), batch);
  const rand = rng(0);
  const param = (shape, fanIn) =>
    toVariable(tf, tf.tensor(kaiming(shape.reduce((a, b) => a * b), fanIn, rand), shape));
  const vars = [param([5, 5, 1, 8], 25), param([8], 25), param([5, 5, 8, 16], 200),
                param([16], 200), param([256, 10], 256), param([10], 256)];
  const conv = (x, f, b) =>  // conv 'valid' + bias + relu, then 2x2 max-pool
    tf.maxPool(tf.fused.conv2d({ x, filter: f, strides: 1, pad: 'valid', bias: b,
                                 activation: 'relu' }), 2, 2, 'valid');
  const forward = (x) => {
    const h = conv(conv(x, vars[0], vars[1]), vars[2], vars[3]);  // [B,4,4,16]
    return tf.fused.matMul({ a: tf.reshape(h, [batch, 256]), b: vars[4], bias: vars[5] });
  };
  const samples = await withCleanup(() => timeSteps(tf, o, vars, forward, batches, lr, steps, 1),
                                    [batches, vars]);
  const params = { layers: 'conv8@5x5-relu-pool2-conv16@5x5-relu-pool2-linear256x10', batch, lr,
                   steps, layout: 'NHWC' };
  return [summary(params, 'ms/step', samples)];
}

async function predictGrid(tf, o) {
  const side = 200, calls = o.smoke ? 2 : 20;
  const pts = new Float32Array(side * side * 2);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      pts[2 * (r * side + c)] = -3 + (6 * c) / (side - 1);
      pts[2 * (r * side + c) + 1] = -3 + (6 * r) / (side - 1);
    }
  }
  const grid = tf.tensor2d(pts, [side * side, 2]);
  const vars = mlpParams(tf, [2, 16, 16, 2], null, rng(0));
  const rep = async () => {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      // The result is read back each call: a plot needs the numbers in JS, not in the backend.
      const p = tf.tidy(() => tf.softmax(mlpForward(tf, vars, grid, 'tanh')));
      await p.data();
      p.dispose();
    }
    return (performance.now() - t0) / calls;
  };
  const samples = await repeat(rep, o.reps, o.warmup);
  disposeAll([grid, vars]);
  const params = { sizes: [2, 16, 16, 2], act: 'tanh', points: side * side, calls,
                   output: 'softmax probabilities' };
  return [summary(params, 'ms/call', samples)];
}
