// Child process of threads.test.js: loads nabla with --threads N, trains an MLP whose products are large enough
// to be split among threads, and prints JSON: the pool size, the chunks handed to the pool, and a SHA-256 of
// every trained weight's bytes, and the kind of a C++ error.
import { createHash } from 'node:crypto';
import { loadNabla } from 'nabla';
import { runtime } from '../../../bindings/js/runtime.js';

const nb = await loadNabla({ threads: Number(process.argv[2]) });
const n = 512, features = 64;
const x = new Float32Array(n * features), y = new Float32Array(n);
let s = 12345;
const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = 0; i < x.length; ++i) x[i] = rand() * 2 - 1;
for (let i = 0; i < n; ++i) y[i] = i % 10;
nb.manualSeed(3);
const model = nb.nn.mlp({ inputs: features, hidden: [256, 256], outputs: 10, activation: 'relu' });
const trainer = nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.001 }, loss: 'crossEntropy', batchSize: 256, seed: 1 });
trainer.setData(x, y, n);
const chunksBefore = runtime.m._chunksDispatched();
trainer.step(6);
const chunks = runtime.m._chunksDispatched() - chunksBefore;
const hash = createHash('sha256');
for (const [name, t] of trainer.stateDict()) hash.update(name).update(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
let errorKind = null;  // a C++ exception must keep its class in every build (see bindings/compat/unwind_wasm_pthreads.cpp)
try {
  nb.tensor([1, 2, 3]).matmul(nb.tensor([1, 2]));
} catch (e) {
  errorKind = e.kind;
}
console.log(JSON.stringify({ threads: nb.build.threads, chunks, hash: hash.digest('hex'), errorKind }));
