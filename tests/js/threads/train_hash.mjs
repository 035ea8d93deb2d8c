// Child process of threads.test.js: loads nabla with --threads N (then, given a second argument M, sets the
// loaded pool to M threads: the threaded build on one thread), trains an MLP under each optimizer and a small
// convnet, runs elementwise ops, pooling and reductions large enough to be split among threads, and prints
// JSON: the pool size, the chunks handed to the pool, a SHA-256 of every result's bytes (trained weights,
// op values, gradients), and the kind of a C++ error.
import { createHash } from 'node:crypto';
import { loadNabla } from 'nabla';
import { runtime } from '../../../bindings/js/runtime.js';

const nb = await loadNabla({ threads: Number(process.argv[2]) });
if (process.argv[3]) runtime.m._setNumThreads(Number(process.argv[3]));
const hash = createHash('sha256');
const add = (name, data) => hash.update(name).update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
let s = 12345;
const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const chunksBefore = runtime.m._chunksDispatched();

// MLP and convnet through the Trainer (its row gather, the forward and backward ops, each optimizer's update).
const n = 256, features = 784;
const x = new Float32Array(n * features), y = new Float32Array(n);
for (let i = 0; i < x.length; ++i) x[i] = rand();
for (let i = 0; i < n; ++i) y[i] = i % 10;
const runs = [
  ['mlp:256,128:relu', 'sgd', { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 }, 128, 3],
  ['mlp:256,128:relu', 'adam', { lr: 1e-3, weightDecay: 1e-3 }, 128, 3],
  ['mlp:256,128:relu', 'rmsprop', { lr: 1e-3, momentum: 0.5 }, 128, 3],
  ['convnet', 'sgd', { lr: 0.05, momentum: 0.9 }, 32, 2],
];
for (const [spec, optimizer, optimizerOptions, batchSize, steps] of runs) {
  nb.manualSeed(3);
  const model = nb.nn.fromSpec(spec, features, 10);
  const trainer = nb.trainer({ model, optimizer, optimizerOptions, loss: 'crossEntropy', batchSize, seed: 1 });
  trainer.setData(x, y, n);
  trainer.step(steps);
  for (const [name, t] of trainer.stateDict()) add(`${spec} ${optimizer} ${name}`, t.data);
  trainer.dispose();
  model.dispose();
}

// Ops past every split threshold: (8, 8, 32, 32) = 65,536 elements in 64 planes.
nb.manualSeed(4);
const a = nb.randn([8, 8, 32, 32]);
a.requiresGrad = true;
const bias = nb.randn([32]);
bias.requiresGrad = true;
const F = nb.nn.functional;
const h = a.tanh().mul(a.sigmoid()).add(a.mul(0.1).exp()).add(bias);
const avg = F.avgPool2d(h, { kernel: 3, stride: 2, padding: 1 });
const top = F.maxPool2d(h.relu(), { kernel: 3, stride: 1 });
const loss = avg.mul(avg).sum().add(top.mean([0, 1]).mul(0.5).sum()).add(h.sumTo([32]).sum());
loss.backward();
for (const [name, t] of [['h', h], ['avg', avg], ['top', top], ['loss', loss], ['dx', a.grad], ['dbias', bias.grad]])
  add(name, t.data());
const chunks = runtime.m._chunksDispatched() - chunksBefore;

let errorKind = null;  // a C++ exception must keep its class in every build (see bindings/compat/unwind_wasm_pthreads.cpp)
try {
  nb.tensor([1, 2, 3]).matmul(nb.tensor([1, 2]));
} catch (e) {
  errorKind = e.kind;
}
console.log(JSON.stringify({ threads: nb.build.threads, pool: runtime.m._getNumThreads(), chunks, hash: hash.digest('hex'), errorKind }));
