// Learning-rate schedules through the JS API against PyTorch 1.13's StepLR, CosineAnnealingLR, LinearLR and
// SequentialLR (tests/engine/reference/schedule_reference.py, run with /usr/bin/python3 at test time): the
// Trainer's `schedule` option steps once per epoch, setLearningRate sets the base, setSchedule starts one,
// nb.optim.scheduleRates gives the closed form; nonsense parameters get a NablaError naming the field.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { loadNabla, NablaError } from 'nabla';

const nb = await loadNabla();
const python = process.env.NABLA_TORCH_PYTHON ?? '/usr/bin/python3';
const script = new URL('../engine/reference/schedule_reference.py', import.meta.url).pathname;
const ref = JSON.parse(execFileSync(python, [script]).toString());

// 8 rows, batch 4: two steps an epoch. Returns the rate each epoch's steps used.
function trainerRates(schedule, epochs) {
  nb.manualSeed(0);
  const model = nb.nn.mlp({ inputs: 2, hidden: [3], outputs: 2 });
  const trainer = nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr: 0.5 }, loss: 'crossEntropy', batchSize: 4, schedule });
  trainer.setData(Float32Array.from([0, 1, 1, 0, 0.5, 0.2, -1, 2, 1, 1, -0.5, 0, 2, -1, 0.1, 0.3]), Float32Array.from([0, 1, 0, 1, 1, 0, 1, 0]), 8);
  const rates = [];
  for (let e = 0; e < epochs; e++) {
    rates.push(trainer.learningRate);
    trainer.step(1);
    assert.equal(trainer.learningRate, rates.at(-1), `${schedule}: the rate changes only at an epoch's end`);
    trainer.step(1);
  }
  trainer.dispose();
  model.dispose();
  return rates;
}

test('the Trainer steps each schedule once per epoch, as PyTorch\'s schedulers', () => {
  assert.ok(Object.keys(ref).length >= 8);
  for (const [schedule, want] of Object.entries(ref)) {
    const got = trainerRates(schedule, want.length);
    got.forEach((v, e) => assert.ok(Math.abs(v - want[e]) <= 1e-6 * want[0], `${schedule} epoch ${e}: nabla ${v}, PyTorch ${want[e]}`));
    const closed = nb.optim.scheduleRates(schedule, 0.5, want.length);
    closed.forEach((v, e) => assert.ok(Math.abs(v - want[e]) <= 1e-6 * want[0], `scheduleRates ${schedule} epoch ${e}`));
  }
});

test('setLearningRate sets the base of a running schedule; setSchedule starts one at the current epoch', () => {
  nb.manualSeed(0);
  const model = nb.nn.mlp({ inputs: 2, hidden: [3], outputs: 2 });
  const trainer = nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.5 }, loss: 'crossEntropy', batchSize: 2, schedule: 'step:1,0.5' });
  trainer.setData(Float32Array.from([0, 1, 1, 0]), Float32Array.from([0, 1]), 2);
  assert.equal(trainer.schedule, 'step:1,0.5');
  trainer.step(2);
  assert.equal(trainer.learningRate, 0.125);
  trainer.setLearningRate(0.1);
  assert.ok(Math.abs(trainer.learningRate - 0.025) < 1e-8);
  trainer.setSchedule('constant');
  assert.ok(Math.abs(trainer.learningRate - 0.1) < 1e-8);
  trainer.setSchedule('warmup:2,0.5');
  assert.equal(trainer.schedule, 'warmup:2,0.5');
  assert.ok(Math.abs(trainer.learningRate - 0.05) < 1e-8);
  assert.equal(nb.optim.parseSchedule('step:2'), 'step:2,0.1');
  assert.equal(nb.optim.parseSchedule(''), 'constant');
  trainer.dispose();
  model.dispose();
});

test('nonsense schedules get a NablaError naming the field, and the trainer keeps its schedule', () => {
  const bad = {
    'step:0,0.1': /schedule 'step:0,0\.1': step_size must be a positive integer, got '0'/,
    'step:3,0': /gamma must be a number > 0, got '0'/,
    'step:3,-0.5': /gamma must be a number > 0, got '-0\.5'/,
    'cosine:0': /T_max must be a positive integer, got '0'/,
    'cosine:5,-1': /eta_min must be a number >= 0, got '-1'/,
    'warmup:3,0': /start_factor must be a number in \(0, 1\], got '0'/,
    'warmup:3,2': /start_factor must be a number in \(0, 1\], got '2'/,
    'warmup:-1': /warmup must be a positive integer, got '-1'/,
    'cosine:5+warmup:2': /the warmup comes first/,
    'exp:0.9': /unknown schedule 'exp'/,
  };
  for (const [text, message] of Object.entries(bad)) {
    assert.throws(() => nb.optim.scheduleRates(text, 0.1, 3), (e) => e instanceof NablaError && e.kind === 'ValueError' && message.test(e.message), text);
    assert.throws(() => nb.optim.parseSchedule(text), message, text);
  }
  const model = nb.nn.mlp({ inputs: 2, hidden: [3], outputs: 2 });
  assert.throws(() => nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr: 0.1 }, loss: 'crossEntropy', schedule: 'step:0' }),
    (e) => e instanceof NablaError && /step_size must be a positive integer/.test(e.message));
  assert.throws(() => nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr: 0.1 }, loss: 'crossEntropy', schedule: { step: 3 } }),
    /trainer: schedule must be a string such as 'step:10,0.1', got object/);
  const trainer = nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr: 0.1 }, loss: 'crossEntropy', schedule: 'cosine:10' });
  assert.throws(() => trainer.setSchedule('cosine:-3'), /T_max must be a positive integer, got '-3'/);
  assert.equal(trainer.schedule, 'cosine:10,0');
  assert.equal(trainer.learningRate, Math.fround(0.1));
  trainer.dispose();
  model.dispose();
});
