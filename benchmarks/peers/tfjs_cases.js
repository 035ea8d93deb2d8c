// TensorFlow.js implementations of the peer benchmark cases, given a ready `tf` object. Shared by
// the Node runner and the browser page, so: no Node-only imports, MNIST arrives as arrays.
// Every case mirrors pytorch_bench.py (common/cases.js: same shapes, counts, lr, data walk, loss tail).
//
// Shapes: B = batch, M,K,N = gemm dims; weights are stored [in, out] (tf.layers' kernel layout),
// transposed once from the [out, in] layout of the --init file.
// NOTE: each repetition ends by awaiting a result's data(): for a synchronous backend (cpu, wasm)
// that costs nothing, for an asynchronous one (webgl, webgpu) it keeps the clock honest.

import { CONVNET_LAYERS, GEMM_SHAPES, LOSS_TAIL, MLP_SIZES, MNIST_SAMPLES, PREDICT_PARAMS, blobs, gemmCalls,
         gridPoints, lcg, repeat, resolveOptions, runTable, summary } from '../common/cases.js';

export { ALL_CASES, resolveOptions } from '../common/cases.js';

/**
 * Runs the named cases on tf's current backend; resolves to a list of result rows.
 * opts: {cases, reps, warmup, steps, smoke, mnist: {images, labels}, init: Float32Array|null, log}
 */
export function runCases(tf, opts) {
  const table = { gemm, mnist_mlp: mnistMlp, tiny_step: tinyStep, convnet_step: convnetStep, predict_grid: predictGrid };
  const bound = Object.fromEntries(Object.entries(table).map(([k, f]) => [k, (o) => f(tf, o)]));
  const backend = tf.getBackend();
  return runTable(bound, resolveOptions(opts), { backend, tag: `tfjs-${backend}`, count: () => tf.memory().numTensors });
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
    const calls = gemmCalls(flops, o.smoke);
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
  const vars = mlpParams(tf, MLP_SIZES, o.init, lcg(0));
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
                   init: o.initName || 'kaiming-uniform(lcg seed 0)', loss_tail: LOSS_TAIL };
  return [{ ...summary(params, 'samples/s', samples), final_loss: finalLoss }];
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
  const { x, y } = blobs(batch * 8, 1);
  const batches = makeBatches(tf, x, [2], y, batch, 2);
  const vars = mlpParams(tf, [2, 16, 16, 2], null, lcg(0));
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
  const rand = lcg(0);
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
  const params = { layers: CONVNET_LAYERS, batch, lr, steps, layout: 'NHWC' };
  return [summary(params, 'ms/step', samples)];
}

async function predictGrid(tf, o) {
  const side = 200, calls = o.smoke ? 2 : 20;
  const grid = tf.tensor2d(gridPoints(side), [side * side, 2]);
  const vars = mlpParams(tf, [2, 16, 16, 2], null, lcg(0));
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
  return [summary({ ...PREDICT_PARAMS, points: side * side, calls }, 'ms/call', samples)];
}
