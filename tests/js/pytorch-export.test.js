// nb.pytorchScript, the playground's "Open in PyTorch": the script written from a WASM Trainer, run with
// Debian's python3-torch (/usr/bin/python3, or NABLA_TORCH_PYTHON), trains the same run: its per-epoch train
// loss (the mean of the step losses) and test loss agree with the Trainer's within 1e-3 relative.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadNabla, NablaError } from 'nabla';

const nb = await loadNabla();
const python = process.env.NABLA_TORCH_PYTHON ?? '/usr/bin/python3';

/** Trains `epochs` whole passes in nabla and in the exported script; returns both sets of losses. */
function bothRuns({ data, model, trainer: options, epochs }) {
  const train = nb.data[data.name]({ ...data, seed: 1 }), test = nb.data[data.name]({ ...data, n: 200, seed: 2 });
  nb.manualSeed(4);
  const net = nb.nn.mlp(model);
  const trainer = nb.trainer({ model: net, ...options });
  trainer.setData(train.x, train.y, train.n);
  const script = nb.pytorchScript(trainer, {
    train: { x: train.x, y: train.y, n: train.n }, test: { x: test.x, y: test.y, n: test.n }, epochs, origin: 'the JS test',
  });
  const steps = Math.ceil(train.n / options.batchSize);
  const ours = [];
  for (let e = 0; e < epochs; e++) {
    const { loss } = trainer.step(steps); // the mean of this epoch's step losses, as the script prints it
    ours.push([loss, trainer.evaluate(test.x, test.y, test.n).loss]);
  }
  trainer.dispose();
  net.dispose();
  const file = join(mkdtempSync(join(tmpdir(), 'nabla-pytorch-')), 'run.py');
  writeFileSync(file, script);
  const out = execFileSync(python, [file]).toString();
  const theirs = [...out.matchAll(/epoch \d+\/\d+ {2}train loss (\S+) accuracy \S+ {2}test loss (\S+) accuracy/g)]
    .map((m) => [Number(m[1]), Number(m[2])]);
  return { ours, theirs, out };
}

function assertSameLosses({ ours, theirs, out }, epochs) {
  assert.equal(theirs.length, epochs, out);
  ours.forEach(([train, test], e) => {
    // the script prints 4 decimals: 1e-3 relative, or that resolution where it is coarser
    const close = (a, b) => Math.abs(a - b) <= Math.max(1e-3 * Math.abs(a), 0.5e-4 + 1e-6);
    assert.ok(close(train, theirs[e][0]), `epoch ${e + 1} train loss: nabla ${train}, PyTorch ${theirs[e][0]}`);
    assert.ok(close(test, theirs[e][1]), `epoch ${e + 1} test loss: nabla ${test}, PyTorch ${theirs[e][1]}`);
  });
  assert.ok(ours.at(-1)[0] < 0.8 * ours[0][0], `the run did not learn: ${ours.map((l) => l[0])}`);
}

test('a playground-style run with SGD + momentum trains the same in PyTorch', () => {
  const run = bothRuns({
    data: { name: 'spiral', n: 300, classes: 3, noise: 0.1 },
    model: { inputs: 2, hidden: [12, 12], outputs: 3, activation: ['tanh', 'relu'] },
    trainer: { optimizer: 'sgd', optimizerOptions: { lr: 0.05, momentum: 0.9 }, loss: 'crossEntropy', batchSize: 16, seed: 7 },
    epochs: 8,
  });
  assertSameLosses(run, 8);
});

test('Adam with L2 regularization trains the same in PyTorch', () => {
  const run = bothRuns({
    data: { name: 'moons', n: 400, noise: 0.15 },
    model: { inputs: 2, hidden: [16], outputs: 2, activation: 'gelu' },
    trainer: {
      optimizer: 'adam', optimizerOptions: { lr: 0.02 }, loss: 'crossEntropy', batchSize: 25, seed: 3,
      regularization: 'l2', regularizationRate: 0.003,
    },
    epochs: 6,
  });
  assertSameLosses(run, 6);
});

test('bad arguments name the problem', () => {
  nb.manualSeed(0);
  const net = nb.nn.mlp({ inputs: 2, hidden: [4], outputs: 2 });
  const trainer = nb.trainer({ model: net, optimizer: 'adam' });
  const train = { x: new Float32Array(8), y: new Float32Array(4), n: 4 };
  assert.throws(() => nb.pytorchScript(trainer, { train, epochs: 0 }), /epochs/);
  assert.throws(() => nb.pytorchScript(trainer, { train: { ...train, n: 3 }, epochs: 1 }), (e) => e instanceof NablaError && /not whole rows/.test(e.message));
  assert.throws(() => nb.pytorchScript({}, { train, epochs: 1 }), /expected a Trainer/);
  assert.match(nb.pytorchScript(trainer, { train, epochs: 2 }), /^EPOCHS = 2$/m);
  trainer.dispose();
  net.dispose();
});
