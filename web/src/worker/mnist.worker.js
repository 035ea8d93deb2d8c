// The MNIST page's worker: fetches and checks the data file, owns the WASM engine, and trains in C++ through
// the engine's Trainer in chunks of about CHUNK_MS of work (one JS->WASM call per chunk, many steps), so
// progress flows and Stop is honoured within a chunk. Messages: mnistProtocol.js.
import { loadNabla } from '../lib/engine.js';
import { fetchMnist, toFloat } from '../lib/mnist/dataFile.js';
import { optimizerOf } from '../lib/optimizers.js';
import { CHUNK_MS, GALLERY_SIZE, MODELS } from './mnistProtocol.js';

const PX = 784;
const EVAL_ROWS = 2000; // test rows per predict call at the end of an epoch (keeps Stop responsive)

let nb = null;
let data = null;      // { train, test } from fetchMnist; test.x: Float32Array (n*784)
let net = null;       // { model, trainer, key, preset }
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
      case 'train': return await train(msg.config);
      case 'classify': return classify(msg.id, msg.input);
      case 'export': {
        if (!net) throw new Error('no model to save yet');
        const bytes = net.model.saveSafetensors();
        return send({ type: 'exported', bytes, model: net.preset }, [bytes.buffer]);
      }
      case 'import': {
        build({ ...msg.config, model: msg.model }, true);
        net.model.loadSafetensors(new Uint8Array(msg.bytes));
        send({ type: 'imported', model: msg.model });
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
    send({ type: 'loaded', train: parsed.train.n, test: parsed.test.n, ms: performance.now() - t0 });
  } catch (err) {
    fail(err, 'load');
  }
}

/** A fresh model + trainer for config (or keeps the current one when only training settings changed). */
function build(config, fresh) {
  const key = `${config.model}/${config.seed}`;
  if (!MODELS[config.model]) throw new Error(`unknown model preset "${config.model}"`);
  if (net && !fresh && net.key === key) {
    // Same model: keep its weights (training continues). The engine decides whether the optimizer's state
    // survives (only the learning rate changed) or starts afresh.
    net.trainer.setOptimizer(...optimizerOf(config));
    if (config.batch !== net.batch) net.trainer.setBatchSize(config.batch);
    net.batch = config.batch;
    return;
  }
  net?.trainer.dispose();
  net?.model.dispose();
  net = null;
  dataSet = false;
  nb.manualSeed(config.seed);
  const preset = MODELS[config.model];
  const model = preset.hidden
    ? nb.nn.mlp({ inputs: PX, hidden: preset.hidden, outputs: 10, activation: 'relu' })
    // fromSpec('convnet') is mnistConvnet() behind a Reshape to (N, 1, 28, 28), so it trains on flat rows.
    : nb.nn.fromSpec('convnet', PX, 10);
  const [optimizer, opts] = optimizerOf(config);
  const trainer = nb.trainer({ model, optimizer, optimizerOptions: opts, loss: 'crossEntropy', batchSize: config.batch, seed: config.seed });
  net = { model, trainer, key, preset: config.model, batch: config.batch };
  const params = trainer.parameterInfo().reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
  send({ type: 'model', model: config.model, params });
  sendWeights();
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
          loss: r.loss, acc: r.accuracy, samplesPerSec: (seen / (performance.now() - epochStart)) * 1000,
        });
        await yieldToMessages();
      }
      if (reason === 'stopped') break;
      sendWeights();
      if (!(await evaluateTest(epoch))) { reason = 'stopped'; break; }
    }
  } finally {
    running = false;
    stopRequested = false;
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
