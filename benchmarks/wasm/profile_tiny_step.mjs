// Where a tiny-model training step spends its time in WebAssembly: V8's sampling profiler (the one behind
// Chromium's DevTools) over Trainer.step on the benchmark's 2-16-16-2 tanh MLP, batch 32, in a build with
// function names. Prints Markdown: self time per function and inclusive time of the step's phases.
//   node benchmarks/wasm/profile_tiny_step.mjs BUILD_DIR [--steps 20000]   (see profile-tiny-step.sh)
import inspector from 'node:inspector';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadNabla } from '../../bindings/js/index.js';
import { blobs } from './nabla_cases.js';

const dir = path.resolve(process.argv[2] ?? 'build/wasm-prof-out');
const steps = Number(process.argv.includes('--steps') ? process.argv[process.argv.indexOf('--steps') + 1] : 20000);
const nb = await loadNabla({ moduleUrl: pathToFileURL(path.join(dir, 'nabla.js')),
                             wasmUrl: pathToFileURL(path.join(dir, 'nabla.wasm')) });

const n = 256;
const { x, y } = blobs(n, 1);  // the benchmark's data (nabla_cases.js)
nb.manualSeed(0);
const model = nb.nn.mlp({ inputs: 2, hidden: [16, 16], outputs: 2, activation: 'tanh' });
const trainer = nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr: 0.1 }, loss: 'crossEntropy', batchSize: 32 });
trainer.setData(x, y, n);
// Warm-up in calls of 500 steps: V8 tiers a WASM function up between calls, never inside one.
for (let i = 0; i < 20; i++) trainer.step(500);

const session = new inspector.Session();
session.connect();
const post = (method, params) => new Promise((ok, fail) => session.post(method, params, (e, r) => (e ? fail(e) : ok(r))));
await post('Profiler.enable');
await post('Profiler.setSamplingInterval', { interval: 50 });
await post('Profiler.start');
const t0 = performance.now();
for (let done = 0; done < steps; done += 500) trainer.step(500);
const usPerStep = ((performance.now() - t0) / steps) * 1e3;
const { profile } = await post('Profiler.stop');
trainer.dispose();
model.dispose();

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const name = (id) => byId.get(id).callFrame.functionName || '(anonymous)';
const stepRoot = 'nabla::nn::Trainer::step';
const self = new Map(), inclusive = new Map();
let inStep = 0;
for (const [id, count] of hits) {
  const chain = [];
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) chain.push(name(cur));
  if (!chain.some((f) => f.startsWith(stepRoot))) continue;
  inStep += count;
  self.set(chain[0], (self.get(chain[0]) ?? 0) + count);
  for (const f of new Set(chain)) inclusive.set(f, (inclusive.get(f) ?? 0) + count);
}
const pct = (c) => `${((100 * c) / inStep).toFixed(1)}%`;
// Function names without their argument lists; a closure's call operator named after its op.
const short = (f) => {
  const g = f.replace(/std::__2::/g, 'std::').replace(/\(anonymous namespace\)::/g, '');
  const closure = g.match(/^std::__function::__func<([\w:]+)\(/);
  return closure ? `backward closure of ${closure[1]}` : g.replace(/\(.*$/, '()').slice(0, 90);
};
const phases = ['nabla::nn::Sequential::forward', 'nabla::nn::Trainer::batch_loss', 'nabla::backward',
  'nabla::optim::SGD::step', 'nabla::gemm', 'nabla::tanh', 'nabla::cross_entropy', 'nabla::record', 'nabla::Tensor::empty'];
const out = [`Profile of Trainer.step, 2-16-16-2 tanh MLP, batch 32: ${usPerStep.toFixed(2)} µs per step under the profiler, ` +
  `${inStep} samples at 50 µs (\`node benchmarks/wasm/profile_tiny_step.mjs ${path.relative(process.cwd(), dir)}\`).`, '',
  '| phase (inclusive) | share |', '|---|---:|',
  ...phases.map((p) => `| \`${short(p)}\` | ${pct([...inclusive].filter(([f]) => f.startsWith(p)).reduce((a, [, c]) => Math.max(a, c), 0))} |`),
  '', '| function (self time) | share |', '|---|---:|',
  ...[...self].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([f, c]) => `| \`${short(f)}\` | ${pct(c)} |`)];
console.log(out.join('\n'));
