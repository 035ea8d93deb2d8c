// The playground's training worker: owns the WASM engine, runs optimizer steps in C++ as fast as it can
// while playing, and sends the page one frame (stats, heatmap of the outputs over the plane, neuron
// thumbnails, weights, gradients) whenever the page has drawn the previous one. Messages: protocol.js.
import { createNetwork, loadEngine } from './engine.js';
import { gridPoints } from './protocol.js';
import { planeInputs } from '../lib/playground/table.js';
import { DOMAIN } from '../lib/playground/toyData.js';
import { decodeWeights } from '../lib/playground/state.js';
import { RunHistory } from './runHistory.js';

// Training time between frames: what a 40 frames/s period leaves after computing the last frame (so that
// message and animation-frame delays still leave 30 frames/s), but at least a few ms so a heavy network trains.
const FRAME_PERIOD_MS = 25;
const MIN_STEP_BUDGET_MS = 4;
const SLICE_MS = 4; // training between two looks at the message queue
let frameMs = 0;
let sentAt = 0, ackMs = 0; // when the last frame left, and how long the page took to draw and acknowledge it

let net = null;
let config = null;
let data = null;      // { train: { x, y, n, labels }, test: {...}, grid: { x, n }, thumb: { x, n } }
let layout = null;    // positions of each hidden layer's pre- and post-activation in trainer.activations()
let playing = false;
let awaitingAck = false;
let steps = 0;
let lastStats = null;
let setupId = 0;      // the page's number for the current setup, echoed in every frame
let initialState = null; // the weights the run started from (fresh, a link's or an imported file's)
let stopAt = Infinity;   // the step at which a play reaching config.stopEpoch pauses
const history = new RunHistory();

const send = (msg, transfer = []) => postMessage(msg, transfer);
const fail = (err) => send({ type: 'error', message: err?.message ?? String(err) });

const ready = loadEngine().then((build) => send({ type: 'ready', build }), (err) => {
  fail(new Error(`the engine failed to load: ${err?.message ?? err}`));
  throw err;
});

onmessage = async (event) => {
  await ready;
  const msg = event.data;
  try {
    handle(msg);
  } catch (err) {
    playing = false;
    fail(err);
    sendFrame(true);
  }
};

function handle(msg) {
  switch (msg.type) {
    case 'setup': return setup(msg);
    case 'hyper': {
      const prev = config;
      config = { ...config, ...msg.config };
      net?.update(config, prev);
      stepRate.value = 0; // a new batch size or optimizer changes the cost of a step: batches start again from 1
      if (playing) stopAt = stopStep();
      return;
    }
    case 'play':
      if (!net) return;
      if (!playing) {
        playing = true;
        stopAt = stopStep();
        loop();
      }
      return;
    case 'pause':
      playing = false;
      return sendFrame(true);
    case 'step':
      if (!net) return;
      playing = false;
      steps = net.trainer.step(1).steps;
      snapshotIfDue();
      return sendFrame(true);
    case 'scrub':
      return scrub(msg.index);
    case 'plane': // a table's slice over two other columns: the same network, other grid inputs
      if (!net || !config.table) return;
      config = { ...config, table: { plane: msg.plane } };
      planeGrids();
      return sendFrame(true);
    case 'frameAck':
      awaitingAck = false;
      ackMs = performance.now() - sentAt;
      return;
    case 'setWeight':
      net.trainer.setWeight(msg.name, msg.index, msg.value);
      return sendFrame(true);
    case 'hover':
      return probe(msg.x, msg.y);
    case 'export': {
      const bytes = net.model.saveSafetensors();
      return send({ type: 'exported', bytes }, [bytes.buffer]);
    }
    case 'import':
      net.model.loadSafetensors(new Uint8Array(msg.bytes));
      initialState = net.model.stateDict();
      send({ type: 'imported' });
      return sendFrame(true);
    case 'exportPytorch': {
      const text = net.pytorchScript(initialState, {
        train: { x: data.train.x, y: data.train.labels, n: data.train.n },
        test: { x: data.test.x, y: data.test.labels, n: data.test.n },
        epochs: msg.epochs, origin: msg.origin,
      });
      return send({ type: 'pytorchScript', text });
    }
    default:
      throw new Error(`worker: unknown message type "${msg.type}"`);
  }
}

function setup(msg) {
  playing = false;
  net?.dispose();
  net = null;
  setupId = msg.setupId;
  config = msg.config;
  // targets go to the engine as they are: class indices (MSE one-hot encodes them itself) or regression values;
  // a table's rows come as their standardized columns (`inputs`)
  const prep = (set) => ({
    x: set.inputs ?? planeInputs(config, set.xs, set.ys), n: set.xs.length, labels: set.labels,
  });
  data = { train: prep(msg.train), test: prep(msg.test) };
  planeGrids();
  if (data.train.n === 0) throw new Error('no training points: add points or lower the test share');
  net = createNetwork(config);
  if (msg.weights) {
    try {
      net.model.loadStateDict(decodeWeights(msg.weights, net.trainer.parameterInfo()));
    } catch (err) {
      fail(new Error(`The link's trained weights do not fit this network, starting from fresh weights: ${err.message}`));
    }
  }
  net.trainer.setData(data.train.x, data.train.labels, data.train.n);
  initialState = net.model.stateDict();
  layout = activationLayout();
  steps = 0;
  stepRate.value = 0;
  history.clear();
  snapshotIfDue();
  sendFrame(true);
}

/** The plane's grid inputs (heatmap, thumbnails) for the current features or table slice. */
function planeGrids() {
  const grid = gridPoints(config.grid, DOMAIN), thumb = gridPoints(config.thumbGrid, DOMAIN);
  data.grid = { x: planeInputs(config, grid.xs, grid.ys), n: grid.xs.length };
  data.thumb = { x: planeInputs(config, thumb.xs, thumb.ys), n: thumb.xs.length };
}

/**
 * The step a play started now pauses at: the end of epoch config.stopEpoch (whole passes of the current batch
 * size); Infinity without a stop or once the run is past it (Play then trains on).
 */
function stopStep() {
  if (!config.stopEpoch) return Infinity;
  const at = config.stopEpoch * stepsPerEpoch();
  return steps < at ? at : Infinity;
}

/** Where each hidden layer's weighted sum (its Linear) and activation sit in trainer.activations(). */
function activationLayout() {
  const probe = net.trainer.activations(data.grid.x.subarray(0, config.features.length), 1);
  const names = probe.map((a) => a.name);
  const linears = [...new Set(net.trainer.parameterInfo().map((p) => p.name.replace(/\.(weight|bias)$/, '')))];
  const pos = linears.map((l) => names.indexOf(l));
  if (pos.some((p) => p < 0)) throw new Error(`worker: cannot match layers [${linears}] to activations [${names}]`);
  return { linears, output: pos[pos.length - 1], hidden: config.layers.map((_, i) => ({ pre: pos[i], post: pos[i + 1] - 1 })) };
}

let loopGeneration = 0;
const stepRate = { value: 0 }; // optimizer steps per second of training time

/**
 * Trains in short slices and yields between them, so the page's acknowledgement (and pause, settings)
 * gets in within a slice: a frame goes out as soon as the page drew the last one and the step budget
 * has passed, instead of one whole budget later.
 */
async function loop() {
  const generation = ++loopGeneration; // a newer loop (after pause + play) ends this one
  let lastFrameAt = performance.now();
  while (playing && generation === loopGeneration) {
    const t0 = performance.now();
    const before = steps;
    // Steps go to C++ in batches of about a millisecond rather than one step(1) call (a JS metrics object and an
    // Embind round trip) per step: half the worker's minor GCs (Chromium traces, 2-16-16-2: 60-70 against
    // 120-144 in 3 s of training).
    const batch = Math.min(1000, Math.max(1, Math.floor(stepRate.value / 1000)));
    do { // chunks end at the stop and at each snapshot's epoch boundary
      const snapshotAt = history.nextEpoch(Math.floor(steps / stepsPerEpoch())) * stepsPerEpoch();
      steps = net.trainer.step(Math.min(batch, stopAt - steps, snapshotAt - steps)).steps;
      snapshotIfDue();
    } while (steps < stopAt && performance.now() - t0 < SLICE_MS);
    if (steps >= stopAt) { // "stop at epoch N": the frame goes out with playing = false, and the page's Play resets
      playing = false;
      return sendFrame(false);
    }
    const rate = ((steps - before) * 1000) / (performance.now() - t0);
    stepRate.value = stepRate.value ? 0.9 * stepRate.value + 0.1 * rate : rate;
    await yieldToEvents();
    if (!playing || generation !== loopGeneration) return;
    const budget = Math.max(MIN_STEP_BUDGET_MS, FRAME_PERIOD_MS - frameMs);
    if (!awaitingAck && performance.now() - lastFrameAt >= budget) {
      sendFrame(false);
      lastFrameAt = performance.now();
    }
  }
}

// A zero-delay yield: MessageChannel tasks are not clamped to 4 ms as nested timers are.
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToEvents() {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

function evaluate(set) {
  if (set.n === 0) return { loss: NaN, acc: NaN };
  // the engine's accuracy: argmax against the labels; NaN for regression
  const { loss, accuracy } = net.trainer.evaluate(set.x, set.labels, set.n);
  return { loss, acc: accuracy };
}

function record(map) {
  const out = {};
  for (const [name, v] of map) out[name] = { shape: v.shape, data: v.data };
  return out;
}

/**
 * What the page draws for classification: class probabilities per row. The engine's predict gives
 * probabilities for cross-entropy and hinge; with MSE on one-hot targets it gives raw scores, shown as
 * their positive parts normalised to sum 1 (uniform where all are ≤ 0).
 */
function outputsOf(out, n) {
  if (config.task === 'regress') return out;
  const k = config.outputs;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += out[i * k + c];
    const isProb = Math.abs(sum - 1) < 1e-3 && out.subarray(i * k, i * k + k).every((v) => v >= -1e-6);
    if (isProb) continue;
    if (config.loss !== 'mse') throw new Error(`worker: predict gave row ${i} that is not probabilities for loss ${config.loss}`);
    sum = 0;
    for (let c = 0; c < k; c++) sum += out[i * k + c] = Math.max(0, out[i * k + c]);
    for (let c = 0; c < k; c++) out[i * k + c] = sum > 0 ? out[i * k + c] / sum : 1 / k;
  }
  return out;
}

/** Optimizer steps in one epoch: a whole pass, its last batch short (the Trainer's cursor). */
function stepsPerEpoch() {
  return Math.ceil(data.train.n / Math.min(config.batch, data.train.n));
}

/** A float16 snapshot at a whole epoch when one is due; the page gets the new list. */
function snapshotIfDue() {
  if (steps % stepsPerEpoch() !== 0) return;
  const epoch = steps / stepsPerEpoch();
  if (!history.due(epoch)) return;
  const tr = evaluate(data.train), te = evaluate(data.test);
  history.add(epoch, net.model.stateDict(), { trainLoss: tr.loss, testLoss: te.loss, trainAcc: tr.acc, testAcc: te.acc });
  send({ type: 'history', snapshots: history.summary(), bytes: history.bytes(), every: history.every });
}

/** A frame of the model as snapshot `index` holds it; the live weights come back afterwards. */
function scrub(index) {
  if (!net) return;
  if (playing) throw new Error('Pause training to look back through the run');
  const live = net.model.stateDict();
  net.model.loadStateDict(history.weightsAt(index));
  try {
    sendFrame(true, { scrub: index, epoch: history.snapshots[index].epoch });
  } finally {
    net.model.loadStateDict(live);
  }
}

function sendFrame(force, scrubbed = null) {
  if (!net) return;
  const t0 = performance.now();
  const tr = evaluate(data.train), te = evaluate(data.test);
  lastStats = {
    steps, epoch: scrubbed ? scrubbed.epoch : steps / stepsPerEpoch(),
    trainLoss: tr.loss, trainAcc: tr.acc, testLoss: te.loss, testAcc: te.acc, lr: net.trainer.learningRate,
  };
  const heatmap = outputsOf(net.trainer.predict(data.grid.x, data.grid.n), data.grid.n);
  const acts = net.trainer.activations(data.thumb.x, data.thumb.n);
  const thumbs = layout.hidden.map((h) => acts[h.post].values);
  const params = record(net.trainer.stateDict());
  const grads = record(net.trainer.gradients());
  awaitingAck = true;
  frameMs = performance.now() - t0;
  lastStats.frameMs = frameMs; // the worker's cost of one frame (tests and the status line)
  lastStats.stepsPerSecond = stepRate.value;
  lastStats.ackMs = ackMs;
  sentAt = performance.now();
  send({ type: 'frame', setupId, stats: lastStats, heatmap, thumbs, params, grads, playing, force, scrub: scrubbed?.scrub ?? null },
    [heatmap.buffer, ...thumbs.map((t) => t.buffer)]);
}

function probe(x, y) {
  if (!net) return;
  const input = planeInputs(config, Float32Array.of(x), Float32Array.of(y));
  const acts = net.trainer.activations(input, 1);
  const layers = layout.hidden.map((h) => ({ pre: acts[h.pre].values, post: acts[h.post].values }));
  send({ type: 'probe', x, y, input, layers, logits: acts[layout.output].values, output: outputsOf(net.trainer.predict(input, 1), 1) });
}
