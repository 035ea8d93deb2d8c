// The MNIST page's worker: fetches and checks the data file, owns the WASM engine, and trains in C++ through
// the engine's Trainer in chunks of about CHUNK_MS of work (one JS->WASM call per chunk, many steps), so
// progress flows and Stop is honoured within a chunk. Messages: mnistProtocol.js.
import { loadNabla } from '../lib/engine.js';
import { fetchMnist, toFloat } from '../lib/mnist/dataFile.js';
import { optimizerOf } from '../lib/optimizers.js';
import { CHUNK_MS, GALLERY_SIZE, INSIDE_MS } from './mnistProtocol.js';

const PX = 784;
const EVAL_ROWS = 2000; // test rows per predict call at the end of an epoch (keeps Stop responsive)

let nb = null;
let data = null;      // { train, test } from fetchMnist; test.x: Float32Array (n*784)
let net = null;       // { model, trainer, key, preset, spec, batch }
let inspected = null; // { input: Float32Array(784), label } the digit the "see inside" views show
let lastInside = 0;   // performance.now() of the last 'inside' message
let dataSet = false;  // the trainer holds the training set
let running = false;
let stopRequested = false;

const send = (msg, transfer = []) => postMessage(msg, transfer);
const fail = (err, during) => send({ type: 'error', message: err?.message ?? String(err), during });
const yieldToMessages = () => new Promise((resolve) => setTimeout(resolve, 0));

const ready = loadNabla().then((api) => {
  nb = api;
  send({ type: 'ready', build: api.build });
}, (err) => {
  fail(new Error(`the engine failed to load: ${err?.message ?? err}`), 'engine');
  throw err;
});

onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === 'stop') { stopRequested = true; return; }
  if (msg.type === 'load') return load(msg.url);
  try {
    await ready;
    switch (msg.type) {
      case 'setup': return build(msg.config, true);
      case 'checkSpec': return send({ type: 'specCheck', id: msg.id, spec: msg.spec, check: nb.nn.checkSpec(msg.spec, PX, 10) });
      case 'inspect': return inspect(msg);
      case 'train': return await train(msg.config);
      case 'classify': return classify(msg.id, msg.input);
      case 'export': {
        if (!net) throw new Error('no model to save yet');
        const bytes = net.model.saveSafetensors();
        return send({ type: 'exported', bytes, model: net.preset }, [bytes.buffer]);
      }
      case 'import': {
        build(msg.config, true);
        net.model.loadSafetensors(new Uint8Array(msg.bytes));
        send({ type: 'imported', model: msg.config.model, spec: msg.config.spec });
        sendWeights();
        if (data) await evaluateTest(0);
        return;
      }
      default: throw new Error(`mnist worker: unknown message type "${msg.type}"`);
    }
  } catch (err) {
    running = false;
    fail(err, msg.type);
  }
};

async function load(url) {
  const t0 = performance.now();
  let last = 0;
  try {
    const parsed = await fetchMnist(url, (loaded, total) => {
      const now = performance.now();
      if (now - last > 50 || loaded === total) { last = now; send({ type: 'loadProgress', loaded, total }); }
    });
    parsed.test.x = toFloat(parsed.test.pixels, PX, 0, parsed.test.n);
    data = parsed;
    dataSet = false;
    send({ type: 'loaded', train: parsed.train.n, test: parsed.test.n, ms: performance.now() - t0, samples: firstOfEachDigit(parsed.test) });
  } catch (err) {
    fail(err, 'load');
  }
}

/** A fresh model + trainer for config (or keeps the current one when only training settings changed). */
function build(config, fresh) {
  const key = `${config.spec}/${config.seed}`;
  if (net && !fresh && net.key === key) {
    // Same model: keep its weights (training continues). The engine decides whether the optimizer's state
    // survives (only the learning rate changed) or starts afresh.
    net.trainer.setOptimizer(...optimizerOf(config));
    // A new schedule starts at this epoch; the same one keeps counting.
    if (nb.optim.parseSchedule(config.schedule) !== net.trainer.schedule) net.trainer.setSchedule(config.schedule);
    if (config.batch !== net.batch) net.trainer.setBatchSize(config.batch);
    net.batch = config.batch;
    return;
  }
  net?.trainer.dispose();
  net?.model.dispose();
  net = null;
  dataSet = false;
  nb.manualSeed(config.seed);
  // A layer spec (the presets are specs too); images start with a Reshape to (N, 1, 28, 28), so it trains on flat rows.
  const model = nb.nn.fromSpec(config.spec, PX, 10);
  const [optimizer, opts] = optimizerOf(config);
  const trainer = nb.trainer({
    model, optimizer, optimizerOptions: opts, loss: 'crossEntropy', batchSize: config.batch, seed: config.seed,
    schedule: config.schedule,
  });
  net = { model, trainer, key, preset: config.model, spec: config.spec, batch: config.batch };
  const info = trainer.parameterInfo();
  const params = info.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
  // The model's children by name, from one forward pass of a blank digit (a Reshape may come before the spec's layers).
  const children = trainer.activations(new Float32Array(PX), 1).map((l) => l.name);
  send({ type: 'model', model: config.model, spec: config.spec, params, paramNames: info.map((p) => p.name), children });
  sendWeights();
  sendInside();
}

function ensureData() {
  if (!data) throw new Error('the MNIST data has not loaded');
  if (dataSet) return;
  // The engine copies x, so the float copy of the 60,000 images lives only for this call.
  const x = toFloat(data.train.pixels, PX, 0, data.train.n);
  net.trainer.setData(x, Float32Array.from(data.train.labels), data.train.n);
  dataSet = true;
}

async function train(config) {
  if (running) return;
  build(config, false);
  ensureData();
  running = true;
  stopRequested = false;
  const n = data.train.n, batch = config.batch;
  const stepsPerEpoch = Math.ceil(n / batch);
  let chunk = 1;
  const t0 = performance.now();
  let reason = 'finished';
  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      let done = 0;
      const epochStart = performance.now();
      while (done < stepsPerEpoch) {
        if (stopRequested) { reason = 'stopped'; break; }
        const steps = Math.min(chunk, stepsPerEpoch - done);
        const c0 = performance.now();
        const r = net.trainer.step(steps);
        const ms = performance.now() - c0;
        done += steps;
        // Aim each call at CHUNK_MS of work: steps scale with the measured time per step.
        chunk = Math.max(1, Math.min(stepsPerEpoch, Math.round((steps * CHUNK_MS) / Math.max(ms, 1))));
        const seen = Math.min(done * batch, n);
        send({
          type: 'progress', epoch, epochs: config.epochs, done: done / stepsPerEpoch, steps: r.steps, stepsPerEpoch,
          loss: r.loss, acc: r.accuracy, samplesPerSec: (seen / (performance.now() - epochStart)) * 1000, gradNorms: r.gradNorms,
          lr: net.trainer.learningRate,
        }, [r.gradNorms.buffer]);
        if (performance.now() - lastInside >= INSIDE_MS) sendInside();
        await yieldToMessages();
      }
      if (reason === 'stopped') break;
      sendWeights();
      sendInside();
      if (!(await evaluateTest(epoch))) { reason = 'stopped'; break; }
    }
  } finally {
    running = false;
    stopRequested = false;
    if (net) sendInside();
    send({ type: 'done', reason, seconds: (performance.now() - t0) / 1000 });
  }
}

/** Test loss, accuracy, confusion matrix and misclassified digits; false when stopped midway. */
async function evaluateTest(epoch) {
  const { test } = data;
  const confusion = new Int32Array(100);
  const wrong = [];
  let wrongTotal = 0, lossSum = 0;
  for (let start = 0; start < test.n; start += EVAL_ROWS) {
    if (stopRequested) return false;
    const end = Math.min(test.n, start + EVAL_ROWS);
    const probs = net.trainer.predict(test.x.subarray(start * PX, end * PX), end - start);
    for (let i = start; i < end; i++) {
      const row = probs.subarray((i - start) * 10, (i - start) * 10 + 10);
      let pred = 0;
      for (let c = 1; c < 10; c++) if (row[c] > row[pred]) pred = c;
      const label = test.labels[i];
      lossSum -= Math.log(Math.max(row[label], 1e-30));
      confusion[label * 10 + pred]++;
      if (pred !== label) {
        wrongTotal++;
        if (wrong.length < GALLERY_SIZE) wrong.push({ index: i, label, pred, pixels: test.pixels.slice(i * PX, (i + 1) * PX) });
      }
    }
    await yieldToMessages();
  }
  send({ type: 'epochEnd', epoch, testLoss: lossSum / test.n, testAcc: 1 - wrongTotal / test.n, confusion, wrong, wrongTotal });
  return true;
}

/** First-layer weights: (units, 784) rows of an MLP as 28x28 images, and every conv kernel of a convnet. */
function sendWeights() {
  const filters = [];
  for (const [name, { shape, data: values }] of net.trainer.stateDict()) {
    if (!name.endsWith('weight')) continue;
    if (shape.length === 4 || (shape.length === 2 && shape[1] === PX)) filters.push({ name, shape, data: values });
  }
  send({ type: 'weights', filters }, filters.map((f) => f.data.buffer));
}

function classify(id, input) {
  if (!net) throw new Error('no model yet');
  if (!(input instanceof Float32Array) || input.length !== PX) throw new Error(`classify: expected 784 pixel values, got ${input?.length}`);
  // May arrive between training chunks: predict records no graph and leaves the optimizer state alone.
  const probs = net.trainer.predict(input, 1);
  send({ type: 'probs', id, probs }, [probs.buffer]);
}

/** The first test image of each digit 0-9: the page's choice of digits to look inside with. */
function firstOfEachDigit(test) {
  const out = [];
  for (let d = 0; d < 10; d++) {
    const index = test.labels.indexOf(d);
    if (index >= 0) out.push({ index, label: d, pixels: test.pixels.slice(index * PX, (index + 1) * PX) });
  }
  return out;
}

/** Sets the digit to look inside with: a test image ({ test: index }) or a drawing ({ input }), then sends 'inside'. */
function inspect(msg) {
  if (msg.test !== undefined) {
    if (!data) throw new Error('the MNIST data has not loaded');
    const i = msg.test;
    if (!Number.isInteger(i) || i < 0 || i >= data.test.n) throw new Error(`no test image ${i} (there are ${data.test.n})`);
    inspected = { input: data.test.x.slice(i * PX, (i + 1) * PX), label: data.test.labels[i], test: i };
  } else {
    if (!(msg.input instanceof Float32Array) || msg.input.length !== PX) throw new Error(`inspect: expected 784 pixel values, got ${msg.input?.length}`);
    inspected = { input: msg.input, label: null, test: null };
  }
  sendInside();
}

/**
 * Every layer's output for the inspected digit, the conv layers' weights and biases (for the convolution's
 * numbers) and the class probabilities: what the "see inside" views draw. One activations call, no graph.
 */
function sendInside() {
  if (!net || !inspected) return;
  lastInside = performance.now();
  const layers = net.trainer.activations(inspected.input, 1).map(({ name, shape, values }) => ({ name, shape: shape.slice(1), values }));
  const convs = {};
  const state = net.trainer.stateDict();
  for (const [name, { shape, data: values }] of state) {
    if (shape.length !== 4 || !name.endsWith('.weight')) continue;
    const layer = name.slice(0, -'.weight'.length);
    convs[layer] = { shape, weight: values, bias: state.get(`${layer}.bias`)?.data ?? null };
  }
  const probs = net.trainer.predict(inspected.input, 1);
  send({ type: 'inside', input: inspected.input, label: inspected.label, test: inspected.test, spec: net.spec, layers, convs, probs });
}
