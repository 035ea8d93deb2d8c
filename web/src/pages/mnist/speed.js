// The About section's speed comparison: measured figures only, with the commands that measured them.
// Measured 2026-11-22 in headless Chromium 156 on a shared 2-core AMD EPYC while other builds ran (1-minute
// load average 12-18, so both are far below what an idle machine gives; the ratio is the point): two runs
// each, 3 repetitions of 500 steps per run, median of each run.
export const SPEED = {
  nabla: [4407, 5826], // samples/s: node benchmarks/wasm/nabla_browser_bench.js --cases mnist_mlp --reps 3
  tfjsWasm: [850, 833], // samples/s: node benchmarks/peers/tfjs_browser_bench.js --backend wasm --cases mnist_mlp --reps 3
};

const fmt = (runs) => runs.map((v) => v.toLocaleString('en')).join(' and ');
const epochSeconds = (runs) => runs.map((v) => (60000 / v).toFixed(1)).join(' and ');

export const SPEED_NOTE =
  `Speed: training the 784-256-128-10 MLP at batch 64 (SGD) in the same headless Chromium, nabla ran ` +
  `${fmt(SPEED.nabla)} samples/s in two runs (one 60,000-image epoch in ${epochSeconds(SPEED.nabla)} s) and ` +
  `TensorFlow.js 4.22 on its WASM backend (SIMD, one thread) ${fmt(SPEED.tfjsWasm)} samples/s ` +
  `(${epochSeconds(SPEED.tfjsWasm)} s), on a busy shared 2-core machine. Measured with ` +
  '<code>node benchmarks/wasm/nabla_browser_bench.js --cases mnist_mlp --reps 3</code> and ' +
  '<code>node benchmarks/peers/tfjs_browser_bench.js --backend wasm --cases mnist_mlp --reps 3</code>. ' +
  'The samples per second of your own run are in the top bar while training.';
