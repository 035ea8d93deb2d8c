// The About section's speed comparison: measured figures only, with the command that measured them.
export const SPEED_NOTE = 'Speed against TensorFlow.js (WASM backend) for one epoch of the 784-256-128-10 MLP at batch 64 ' +
  'in the same Chromium: not measured yet. The benchmark is <code>node benchmarks/peers/tfjs_browser_bench.js</code>; ' +
  'the live samples per second of your own run are in the top bar while training.';
