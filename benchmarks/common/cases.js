// What every JS contender's cases share (nabla_cases.js, tfjs_cases.js): the case list, the shapes and counts
// (the same as pytorch_bench.py's), the --smoke scale-down, timing and the row schema of README-peers.md.
// Runs in Node and in browsers: no Node-only imports.
// Shapes: M,K,N = gemm dims (C[M,N] = A[M,K] . B[K,N]).

export const ALL_CASES = ['gemm', 'mnist_mlp', 'tiny_step', 'convnet_step', 'predict_grid'];
export const GEMM_SHAPES = [[64, 784, 256], [64, 256, 128], [256, 256, 256], [512, 512, 512]];
export const MLP_SIZES = [784, 256, 128, 10];
export const MNIST_SAMPLES = 8192;
export const LOSS_TAIL = 50;  // final loss = mean of the last 50 steps, smoother than one batch
export const CONVNET_LAYERS = 'conv8@5x5-relu-pool2-conv16@5x5-relu-pool2-linear256x10';

/** MNIST's first MNIST_SAMPLES examples by the engine's one IDX reader (a loaded nabla `nb`, whichever the
 *  contender): { images (Float32Array in [0, 1]), labels (Int32Array) }. */
export function mnistFromBytes(nb, imageBytes, labelBytes) {
  const d = nb.data.readMnist(imageBytes, labelBytes, MNIST_SAMPLES);
  return { images: d.x, labels: Int32Array.from(d.y) };
}

/** Defaults, and the scale-down of --smoke (CI: checks that it runs, numbers meaningless). */
export function resolveOptions(opts) {
  const o = { reps: 5, warmup: 1, steps: 500, smoke: false, log: () => {}, ...opts };
  if (o.smoke) Object.assign(o, { reps: Math.min(o.reps, 2), warmup: 0, steps: Math.min(o.steps, 60) });
  return o;
}

/** fn() `warmup` times untimed, then `reps` times; fn returns (or resolves to) one measurement. */
export async function repeat(fn, reps, warmup) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let i = 0; i < reps; i++) samples.push(await fn());
  return samples;
}

/** One result row: median and min-max of the samples. */
export function summary(params, unit, samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { params, unit, median, min: s[0], max: s[s.length - 1], n: s.length, samples };
}

/** Calls per GEMM repetition: about 1 GFLOP of work (one call under --smoke). */
export const gemmCalls = (flops, smoke) => (smoke ? 1 : Math.max(8, Math.round(1e9 / flops)));

/** Seeded uniform (0, 1) generator (an LCG): the same data in every contender, runtime and browser. */
export function lcg(seed) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
}

/** Two gaussian blobs, centres (-1,-1) and (1,1), sigma 0.5, labels alternating 0/1 (Box-Muller). */
export function blobs(n, seed) {
  const rand = lcg(seed);
  const x = new Float32Array(2 * n), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    for (let d = 0; d < 2; d++) {
      x[2 * i + d] = 0.5 * Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand()) + (2 * y[i] - 1);
    }
  }
  return { x, y };
}

/** The predict_grid case's points: side x side on [-3, 3]^2, row-major (x, y) pairs. */
export function gridPoints(side) {
  const pts = new Float32Array(side * side * 2);
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      pts[2 * (r * side + c)] = -3 + (6 * c) / (side - 1);
      pts[2 * (r * side + c) + 1] = -3 + (6 * r) / (side - 1);
    }
  }
  return pts;
}

export const PREDICT_PARAMS = { sizes: [2, 16, 16, 2], act: 'tanh', output: 'softmax probabilities' };

/**
 * Runs the named cases of `table` ({name: (o) => rows | Promise<rows>}); a case that throws leaves an error row
 * (a missing kernel is itself a result). `tag` prefixes the log lines; `count` says how many live tensors there
 * are, so a leak shows in the log.
 */
export async function runTable(table, o, { backend, tag, count }) {
  const rows = [];
  for (const name of o.cases || ALL_CASES) {
    o.log(`${tag}: ${name}`);
    const before = count();
    try {
      if (!table[name]) throw new Error(`unknown case ${name}`);
      for (const r of await table[name](o)) rows.push({ case: name, backend, ...r });
    } catch (e) {
      rows.push({ case: name, backend, error: String((e && e.message) || e) });
    }
    o.log(`  live tensors before/after: ${before}/${count()}`);
  }
  return rows;
}
