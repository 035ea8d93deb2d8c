// The playground page: settings (mirrored in the URL), the data, and the views. Training happens in
// the worker (../../worker/trainer.worker.js); this module sends it settings and draws its frames.
import './playground.css';
import { DATASETS, DOMAIN, classCount, generate, split } from '../../lib/playground/datasets.js';
import { compileCurve } from '../../lib/playground/curve.js';
import { FEATURES, FEATURE_IDS } from '../../lib/playground/features.js';
import { CLASS_RGB, cssRgb } from '../../lib/playground/palette.js';
import { formatPointsCsv, parsePointsCsv } from '../../lib/playground/csv.js';
import {
  ACTIVATIONS, HIDEABLE, MAX_CLASSES, MAX_LAYERS, MAX_UNITS, MAX_URL_PARAMS, decodeState, encodeState,
  encodeWeights, parameterCount,
} from '../../lib/playground/state.js';
import TrainerWorker from '../../worker/trainer.worker.js?worker';
import { Heatmap } from '../../widgets/heatmap.js';
import { LossChart } from '../../widgets/lossChart.js';
import { NetworkDiagram } from '../../widgets/networkDiagram.js';

const GRID = 80;       // heatmap cells per side (drawn smoothed): one batched predict of GRID² points per frame
const THUMB_GRID = 24; // neuron thumbnail cells per side
const LR_CHOICES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const REG_RATE_CHOICES = [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const DROPOUT_CHOICES = [0, 0.1, 0.2, 0.3, 0.5];
const LOSS_FORMULAS = {
  xent: 'cross-entropy: L = −(1/N) Σₙ log softmax(zₙ)[yₙ]',
  mse: 'mean squared error: L = (1/N) Σₙ Σₖ (zₙₖ − tₙₖ)²/K  (t = one-hot class, or the target value)',
  hinge: 'multi-class hinge: L = (1/N) Σₙ Σ_{k≠yₙ} max(0, 1 − zₙ[yₙ] + zₙₖ)',
};
// The engine adds the penalty on weights (not biases) to what it minimises; the curves show L alone.
const REG_FORMULAS = { none: '', l1: '; training minimises L + λ Σ |w| (the curves show L)', l2: '; training minimises L + λ Σ w² (the curves show L)' };

const $ = (id) => document.getElementById(id);
const decoded = decodeState(location.hash);
let state = decoded.state;
let pendingWeights = state.weights; // a shared link's trained weights, loaded by the first setup only
state.weights = null;
let train = [], test = [];
let lastFrame = null;
let playing = false;
let clickClass = 0;
let sentConfig = null;
let setupId = 0; // which setup the worker's frames belong to: frames of an older network are not drawn

const errorsBox = $('errors');
function showError(message) {
  const p = document.createElement('p');
  p.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Dismiss');
  close.onclick = () => { p.remove(); errorsBox.hidden = !errorsBox.childElementCount; };
  p.append(close);
  errorsBox.append(p);
  errorsBox.hidden = false;
}
decoded.errors.forEach((e) => showError(`Link: ${e}`));

// ---------------------------------------------------------------- views

const heatmap = new Heatmap($('heatmap'), {
  onClick: (x, y) => addPoint(x, y),
  onHover: (x, y) => requestProbe(x, y),
  onErase: (x, y) => erasePoint(x, y),
});
const chart = new LossChart($('loss-chart'));
const diagram = new NetworkDiagram($('diagram'), {
  onEditWeight: (name, index, value) => worker.postMessage({ type: 'setWeight', name, index, value }),
});

const task = () => DATASETS[state.dataset].kind;
const outputs = () => (task() === 'regress' ? 1 : classCount(state.dataset, state.classes));
const lossUsed = () => (task() === 'regress' ? 'mse' : state.loss);

// ---------------------------------------------------------------- worker

// a Vite worker import: the single-file build (vite.single.config.js) inlines it
const worker = new TrainerWorker();
worker.onerror = (e) => {
  showError(`Training worker failed: ${e.message ?? 'could not start'}`);
  if (document.body.dataset.engine !== 'ready') $('engine-status').textContent = 'The engine did not start.';
};
worker.onmessage = ({ data: msg }) => {
  switch (msg.type) {
    case 'ready':
      $('build-info').textContent = `Engine ${msg.build.version}${msg.build.simd ? ', WebAssembly SIMD' : ''}, ` +
        `${msg.build.threads} thread${msg.build.threads === 1 ? '' : 's'}.`;
      document.body.dataset.engine = 'ready';
      $('engine-status').hidden = true;
      for (const id of ['play', 'step', 'reset']) $(id).disabled = false;
      document.body.dataset.engineThreads = String(msg.build.threads);
      setup();
      return;
    case 'frame':
      if (msg.setupId !== setupId) { // drawn for the network before the last setup
        worker.postMessage({ type: 'frameAck' });
        return;
      }
      if (msg.scrub === null && scrubbing) endScrub();
      // Drawn at once rather than in requestAnimationFrame: the worker sends the next frame only after
      // this one's acknowledgement, so it cannot flood the page, and waiting for an animation frame
      // would add up to a display refresh to every round trip.
      lastFrame = msg;
      drawFrame();
      return;
    case 'history':
      showHistory(msg);
      return;
    case 'probe':
      diagram.setProbe(msg);
      return;
    case 'exported':
      download(new Blob([msg.bytes]), 'nabla-playground.safetensors');
      return;
    case 'imported':
      chart.reset();
      return;
    case 'pytorchScript':
      download(new Blob([msg.text], { type: 'text/x-python' }), 'nabla-playground.py');
      return;
    case 'error':
      showError(msg.message);
      if (document.body.dataset.engine !== 'ready') $('engine-status').textContent = msg.message;
      setPlaying(false);
      return;
    default:
      showError(`unknown message from the worker: ${msg.type}`);
  }
};

const diagramCost = { last: -Infinity, ms: 0 };
const fps = { frames: 0, total: 0, since: performance.now(), value: 0 };
function drawFrame() {
  const t0 = performance.now();
  const f = lastFrame;
  heatmap.setOutputs(f.heatmap, GRID, outputs());
  // The diagram redraws at most ~15 times a second, and a big network's (tens of ms) less often still,
  // so that the heatmap keeps the frame rate.
  if (t0 - diagramCost.last >= Math.max(66, 3 * diagramCost.ms) || !f.playing) {
    diagram.setFrame({ ...f, grid: GRID });
    diagramCost.last = t0;
    diagramCost.ms = performance.now() - t0;
  }
  const s = f.stats;
  $('epoch').textContent = Math.floor(s.epoch).toString();
  $('train-loss').textContent = fmtLoss(s.trainLoss);
  $('test-loss').textContent = fmtLoss(s.testLoss);
  $('train-acc').textContent = fmtPct(s.trainAcc);
  $('test-acc').textContent = fmtPct(s.testAcc);
  if (f.scrub === null) chart.add(s.epoch, s.trainLoss, s.testLoss);
  if (!f.playing) chart.flush();
  if (!f.playing && playing && !f.force) setPlaying(false);
  fps.frames++;
  document.body.dataset.frames = String(++fps.total); // frames drawn since load: tests measure rates from it
  // the worker's hidden widths, read from its weights: tests check page, address and worker agree
  document.body.dataset.workerUnits = Object.values(f.params).filter((p) => p.shape.length === 2).slice(0, -1)
    .map((p) => p.shape[0]).join(',');
  const now = performance.now();
  fps.drawMs = fps.drawMs === undefined ? now - t0 : 0.9 * fps.drawMs + 0.1 * (now - t0);
  document.body.dataset.drawMs = fps.drawMs.toFixed(2); // main-thread cost of one frame, for the tests
  if (now - fps.since >= 1000) {
    fps.value = (fps.frames * 1000) / (now - fps.since);
    fps.frames = 0;
    fps.since = now;
    $('fps').textContent = playing ? `${fps.value.toFixed(0)} frames/s · ${Math.round(s.stepsPerSecond ?? 0)} steps/s` : '';
    document.body.dataset.frameMs = (s.frameMs ?? 0).toFixed(2);
    document.body.dataset.ackMs = (s.ackMs ?? 0).toFixed(2);
    document.body.dataset.fps = fps.value.toFixed(1);
  }
  worker.postMessage({ type: 'frameAck' });
}
const fmtLoss = (v) => (!Number.isFinite(v) ? '–' : v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toFixed(4));
const fmtPct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');

let probeQueued = null;
function requestProbe(x, y) {
  const first = !probeQueued;
  probeQueued = [x, y];
  if (!first) return;
  requestAnimationFrame(() => {
    const [px, py] = probeQueued;
    probeQueued = null;
    heatmap.setMarker(px, py);
    worker.postMessage({ type: 'hover', x: px, y: py });
  });
}

// ---------------------------------------------------------------- data and setup

const isCustom = (id) => !DATASETS[id].make;
const customOf = (kind) => (kind === 'regress' ? 'customReg' : 'custom');

function makePoints() {
  const all = isCustom(state.dataset) ? (state.custom ?? [])
    : generate(state.dataset, { n: state.points, noise: state.noise, seed: state.seed, classes: state.classes, curve: state.curve });
  ({ train, test } = split(all, state.trainPct / 100, state.seed));
}

const toColumns = (pts) => ({
  xs: Float32Array.from(pts, (p) => p.x), ys: Float32Array.from(pts, (p) => p.y),
  labels: Float32Array.from(pts, (p) => p.label),
});

function config() {
  return {
    features: state.features, layers: state.layers.map((l) => ({ ...l })), outputs: outputs(), task: task(),
    loss: lossUsed(), optimizer: state.optimizer, lr: state.lr, batch: state.batch, reg: state.reg,
    regRate: state.regRate, dropout: state.dropout, seed: state.seed, grid: GRID, thumbGrid: THUMB_GRID,
    stopEpoch: state.stopEpoch,
  };
}

/** Rebuilds the network and data in the worker (anything that changes shapes or data). */
function setup() {
  makePoints();
  document.body.dataset.points = String(train.length + test.length); // for the tests
  if (!train.length) {
    heatmap.setPoints(train, test, task());
    showError(isCustom(state.dataset) ? 'No points yet: click on the plane or load a CSV to add some.' : 'No training points.');
    return;
  }
  heatmap.setPoints(train, test, task());
  const k = outputs();
  diagram.setArchitecture({
    features: state.features, layers: state.layers, outputs: k, task: task(), loss: lossUsed(), thumbGrid: THUMB_GRID,
    outputLabels: Array.from({ length: k }, (_, i) => (task() === 'regress' ? 'output' : `output ${i} (class ${i})`)),
  });
  chart.reset();
  sentConfig = config();
  worker.postMessage({
    type: 'setup', setupId: ++setupId, config: sentConfig, train: toColumns(train), test: toColumns(test), weights: pendingWeights,
  });
  pendingWeights = null;
  if (playing || state.autoplay) {
    state.autoplay = false; // a replayed run starts by itself once
    setPlaying(true);
    worker.postMessage({ type: 'play' });
  }
  renderLegend();
  syncUrl();
}

/** Settings that keep every shape go to the running trainer; the rest rebuild. */
function changed(kind) {
  if (kind === 'hyper' && sentConfig) {
    sentConfig = config();
    diagram.arch.loss = sentConfig.loss;
    worker.postMessage({ type: 'hyper', config: sentConfig });
    syncUrl();
  } else setup();
  renderControls();
}

function syncUrl() {
  history.replaceState(null, '', `#${encodeState(state)}`);
}

/** Removes the point nearest (x, y) within a few pixels' reach; the set becomes custom points. */
function erasePoint(x, y) {
  const all = [...train, ...test];
  let best = -1, bestD = (0.04 * 2 * DOMAIN) ** 2;
  all.forEach((p, i) => {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d < bestD) { best = i; bestD = d; }
  });
  if (best < 0) return;
  all.splice(best, 1);
  state.custom = all;
  state.dataset = customOf(task());
  changed('data');
}

function addPoint(x, y) {
  if (task() === 'regress') {
    showError('Adding points by clicking works for classification datasets; this one is a regression set.');
    return;
  }
  const current = [...train, ...test];
  state.custom = [...current, { x, y, label: Math.min(clickClass, outputs() - 1) }];
  state.classes = Math.max(2, outputs());
  state.dataset = 'custom';
  changed('data');
}

// ---------------------------------------------------------------- controls

function fillSelect(select, values, label = String) {
  select.replaceChildren(...values.map((v) => new Option(label(v), String(v))));
}

fillSelect($('dataset'), Object.keys(DATASETS), (id) => DATASETS[id].name);
$('features').replaceChildren(...FEATURE_IDS.map((id) => {
  const l = document.createElement('label');
  l.innerHTML = `<input type="checkbox" value="${id}"> ${FEATURES[id].label}`;
  return l;
}));

function renderControls() {
  $('dataset').value = state.dataset;
  $('classes').value = state.classes;
  $('classes-row').hidden = DATASETS[state.dataset].fixedClasses !== null;
  $('curve-row').hidden = state.dataset !== 'curve';
  if (document.activeElement !== $('curve')) $('curve').value = state.curve;
  $('discretize').checked = state.discretize;
  $('show-test').checked = state.showTest;
  $('noise').value = state.noise;
  $('noise-out').textContent = state.noise.toFixed(2);
  $('points').value = state.points;
  $('points').disabled = isCustom(state.dataset);
  $('train-pct').value = state.trainPct;
  $('train-pct-out').textContent = `${state.trainPct}%`;
  $('seed').value = state.seed;
  for (const box of $('features').querySelectorAll('input')) box.checked = state.features.includes(box.value);
  $('layers-count').textContent = `${state.layers.length} hidden layer${state.layers.length === 1 ? '' : 's'}`;
  $('add-layer').disabled = state.layers.length >= MAX_LAYERS;
  $('remove-layer').disabled = state.layers.length === 0;
  renderLayerControls();
  const k = outputs();
  document.querySelector('.click-class').hidden = task() === 'regress';
  $('click-classes').replaceChildren(...Array.from({ length: Math.max(2, k) }, (_, c) => {
    const l = document.createElement('label');
    l.innerHTML = `<input type="radio" name="click-class" value="${c}" ${c === clickClass ? 'checked' : ''}>
      <span class="swatch" style="background:${cssRgb(CLASS_RGB[c])}"></span> ${c}`;
    l.querySelector('input').onchange = () => { clickClass = c; };
    return l;
  }));
  $('loss').value = lossUsed();
  $('loss').disabled = task() === 'regress';
  $('loss').title = task() === 'regress' ? 'Regression sets train with mean squared error' : '';
  $('optimizer').value = state.optimizer;
  withChoice($('lr'), LR_CHOICES, state.lr);
  $('batch').value = state.batch;
  $('reg').value = state.reg;
  withChoice($('reg-rate'), REG_RATE_CHOICES, state.regRate);
  withChoice($('dropout'), DROPOUT_CHOICES, state.dropout);
  $('stop-epoch').value = state.stopEpoch || '';
  if (!$('ab-pair').childElementCount) { // B starts as a copy of the setup until a comparison runs
    withChoice($('ab-lr'), LR_CHOICES, state.lr);
    $('ab-opt').value = state.optimizer;
    $('ab-act').value = state.layers[0]?.activation ?? 'tanh';
  }
  $('loss-formula').textContent = LOSS_FORMULAS[lossUsed()] + REG_FORMULAS[state.reg] +
    (state.reg === 'none' ? '' : `, λ = ${state.regRate}`);
  for (const el of document.querySelectorAll('[data-hide]')) el.hidden = state.hide.includes(el.dataset.hide);
}

/** A select of fixed choices that also shows a value from a link that is not one of them. */
function withChoice(select, choices, value) {
  const values = choices.includes(value) ? choices : [...choices, value].sort((a, b) => a - b);
  if (select.options.length !== values.length) fillSelect(select, values);
  select.value = String(value);
}

/**
 * One row per hidden layer. Rows are built when the layer count changes and otherwise updated in place,
 * so the box being typed in, or stepped with the arrow keys, keeps its focus across the rebuild it causes.
 */
function renderLayerControls() {
  const box = $('layer-controls');
  if (box.children.length !== state.layers.length) {
    box.replaceChildren(...state.layers.map((_, i) => layerRow(i)));
  }
  state.layers.forEach((layer, i) => {
    const row = box.children[i];
    const input = row.querySelector('input');
    if (input.value !== String(layer.units)) input.value = layer.units;
    row.querySelector('select').value = layer.activation;
    row.querySelector('.minus').disabled = layer.units <= 1;
    row.querySelector('.plus').disabled = layer.units >= MAX_UNITS;
  });
}

function layerRow(i) {
  const row = document.createElement('div');
  row.className = 'layer';
  row.innerHTML = `<span class="name">Layer ${i + 1}</span>
    <button type="button" class="minus" aria-label="Fewer neurons in layer ${i + 1}">−</button>
    <label><span class="sr">Neurons in layer ${i + 1}</span><input type="number" min="1" max="${MAX_UNITS}" step="1"></label>
    <button type="button" class="plus" aria-label="More neurons in layer ${i + 1}">+</button>
    <label><span class="sr">Activation of layer ${i + 1}</span><select>${ACTIVATIONS.map((a) => `<option>${a}</option>`).join('')}</select></label>`;
  const input = row.querySelector('input');
  // the layer is looked up on each event: a row outlives the state objects of earlier renders
  const setUnits = (units) => {
    const layer = state.layers[i];
    if (!Number.isInteger(units) || units < 1 || units > MAX_UNITS) {
      showError(`Layer ${i + 1}: neurons must be a whole number from 1 to ${MAX_UNITS}, not "${input.value}"`);
      input.value = layer.units;
      return;
    }
    if (units === layer.units) return;
    layer.units = units;
    changed('shape');
  };
  row.querySelector('.minus').onclick = () => setUnits(state.layers[i].units - 1);
  row.querySelector('.plus').onclick = () => setUnits(state.layers[i].units + 1);
  input.onchange = () => setUnits(Number(input.value));
  row.querySelector('select').onchange = (e) => { state.layers[i].activation = e.target.value; changed('shape'); };
  return row;
}

/** Reads an integer input; shows an error naming the field and keeps the old value when out of range. */
function readInt(input, name, min, max, old) {
  const v = Number(input.value);
  if (input.value.trim() === '' || !Number.isInteger(v) || v < min || v > max) {
    showError(`${name} must be a whole number from ${min} to ${max}, not "${input.value}"`);
    input.value = old;
    return null;
  }
  return v;
}

$('dataset').onchange = (e) => {
  // a custom set starts from the points on screen when they are of its kind, so clicks and CSV edit them
  const same = task() === DATASETS[e.target.value].kind;
  state.custom = isCustom(e.target.value) ? (state.custom && same ? state.custom : same ? [...train, ...test] : []) : null;
  state.dataset = e.target.value;
  clickClass = 0;
  changed('data');
};
$('classes').onchange = (e) => {
  const v = readInt(e.target, 'Classes', 2, MAX_CLASSES, state.classes);
  if (v === null) return;
  state.classes = v;
  if (state.custom) state.custom = state.custom.filter((p) => p.label < v);
  changed('data');
};
$('curve').onchange = (e) => {
  try {
    compileCurve(e.target.value);
  } catch (err) {
    showError(`${err.message}; keeping f(x) = ${state.curve}`);
    e.target.value = state.curve;
    return;
  }
  state.curve = e.target.value.trim();
  changed('data');
};
$('discretize').onchange = (e) => { state.discretize = e.target.checked; heatmap.setView(state); syncUrl(); };
$('show-test').onchange = (e) => { state.showTest = e.target.checked; heatmap.setView(state); syncUrl(); };
$('noise').oninput = (e) => { state.noise = Number(e.target.value); changed('data'); };
$('points').onchange = (e) => {
  const v = readInt(e.target, 'Points', 10, 2000, state.points);
  if (v !== null) { state.points = v; changed('data'); }
};
$('train-pct').oninput = (e) => { state.trainPct = Number(e.target.value); changed('data'); };
$('seed').onchange = (e) => {
  const v = readInt(e.target, 'Seed', 0, 2 ** 31 - 1, state.seed);
  if (v !== null) { state.seed = v; changed('data'); }
};
$('reseed').onclick = () => { state.seed = Math.floor(Math.random() * 1e6); changed('data'); };
$('features').onchange = (e) => {
  const chosen = [...$('features').querySelectorAll('input:checked')].map((b) => b.value);
  if (!chosen.length) {
    showError('Choose at least one input feature.');
    e.target.checked = true;
    return;
  }
  state.features = chosen;
  changed('shape');
};
$('add-layer').onclick = () => {
  const last = state.layers[state.layers.length - 1];
  state.layers.push({ units: last?.units ?? 8, activation: last?.activation ?? 'tanh' });
  changed('shape');
};
$('remove-layer').onclick = () => { state.layers.pop(); changed('shape'); };
$('loss').onchange = (e) => { state.loss = e.target.value; changed('hyper'); };
$('optimizer').onchange = (e) => { state.optimizer = e.target.value; changed('hyper'); };
$('lr').onchange = (e) => { state.lr = Number(e.target.value); changed('hyper'); };
$('batch').onchange = (e) => {
  const v = readInt(e.target, 'Batch size', 1, 2000, state.batch);
  if (v !== null) { state.batch = v; changed('hyper'); }
};
$('reg').onchange = (e) => { state.reg = e.target.value; changed('hyper'); };
$('reg-rate').onchange = (e) => { state.regRate = Number(e.target.value); changed('hyper'); };
$('dropout').onchange = (e) => { state.dropout = Number(e.target.value); changed('shape'); };
$('stop-epoch').onchange = (e) => {
  const v = e.target.value.trim() === '' ? 0 : readInt(e.target, 'Stop at epoch', 0, 100000, state.stopEpoch || '');
  if (v !== null) { state.stopEpoch = v; changed('hyper'); }
};
$('show-grads').onchange = (e) => diagram.setShowGradients(e.target.checked);

// ---- play / pause / step / reset

function setPlaying(on) {
  playing = on;
  $('play').textContent = on ? 'Pause' : 'Play';
  $('play').setAttribute('aria-pressed', String(on));
  if (!on) $('fps').textContent = '';
}
$('play').onclick = () => {
  if (scrubbing) endScrub();
  setPlaying(!playing);
  worker.postMessage({ type: playing ? 'play' : 'pause' });
};
$('step').onclick = () => {
  setPlaying(false);
  worker.postMessage({ type: 'step' });
};
$('reset').onclick = () => setup();

// ---- CSV, share, model files

/** Points from CSV text; on an error the message names the line, and the points on screen stay. */
function loadCsv(text) {
  const regression = $('csv-kind').value === 'values';
  let pts;
  try {
    pts = parsePointsCsv(text, { maxClasses: MAX_CLASSES, regression });
  } catch (err) {
    showError(`${err.message}; the points on screen are kept`);
    return;
  }
  state.custom = pts;
  state.dataset = regression ? 'customReg' : 'custom';
  if (!regression) state.classes = Math.max(2, ...pts.map((p) => p.label + 1));
  changed('data');
}
$('csv-load').onclick = () => loadCsv($('csv-text').value);
$('csv-file').onchange = async (e) => {
  const file = e.target.files[0];
  if (file) loadCsv(await file.text());
  e.target.value = '';
};
$('csv-export').onclick = () => download(new Blob([formatPointsCsv([...train, ...test])], { type: 'text/csv' }), `${state.dataset}.csv`);

$('model-export').onclick = () => worker.postMessage({ type: 'export' });
// The script trains for "Stop at epoch" epochs, or as many as this run has trained (at least one).
$('pytorch-export').onclick = () => worker.postMessage({
  type: 'exportPytorch', epochs: state.stopEpoch || Math.max(1, Math.ceil(lastFrame?.stats.epoch ?? 0)),
  origin: `The nabla playground run at ${location.href}`,
});
$('model-import').onchange = async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  const bytes = await file.arrayBuffer();
  worker.postMessage({ type: 'import', bytes }, [bytes]);
  e.target.value = '';
};

/** The link to this setup; with the trained weights when the network is small enough. */
function shareLink() {
  const withWeights = $('share-weights').checked && lastFrame &&
    parameterCount(state.features.length, state.layers, outputs()) <= MAX_URL_PARAMS;
  const hash = encodeState({ ...state, weights: withWeights ? encodeWeights(lastFrame.params) : null });
  return `${location.href.split('#')[0]}#${hash}`;
}
/** The link that replays this run: the setup and seed, without weights, stopping at the epoch reached. */
function runLink() {
  const epochs = Math.max(1, Math.ceil(lastFrame?.stats.epoch ?? 0));
  return `${location.href.split('#')[0]}#${encodeState({ ...state, weights: null, stopEpoch: epochs, autoplay: true })}`;
}
$('share-run').onclick = () => copyLink(runLink(), $('share-run'));
$('share').onclick = () => copyLink(shareLink(), $('share'));

async function copyLink(link, button) {
  try {
    await navigator.clipboard.writeText(link);
    flash(button, 'Link copied');
  } catch {
    window.prompt('Copy this link:', link); // clipboard needs a secure context; let the person copy it
  }
};

function flash(button, text) {
  const old = button.textContent;
  button.textContent = text;
  setTimeout(() => { button.textContent = old; }, 1500);
}

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function renderLegend() {
  const legend = $('legend');
  if (task() === 'regress') {
    legend.textContent = 'Colour: output value from −1 (orange) through 0 (white) to +1 (blue). Filled dots: train; rings: test.';
    return;
  }
  legend.innerHTML = Array.from({ length: outputs() }, (_, c) =>
    `<span class="swatch" style="background:${cssRgb(CLASS_RGB[c])}"></span>class ${c}`).join(' ') +
    ' — colour strength shows the model\'s confidence (pale = unsure). Filled dots: train; rings: test.';
}

// ---- run history: the slider over the worker's float16 snapshots (its last position is the live model)

let snapshots = [];
let scrubbing = false;
function showHistory({ snapshots: list, bytes, every }) {
  snapshots = list;
  const slider = $('scrub');
  const live = Number(slider.value) >= Number(slider.max);
  slider.max = String(list.length);
  if (live) slider.value = slider.max;
  slider.title = `${list.length} snapshots, ${every} epoch${every === 1 ? '' : 's'} apart (${(bytes / 1024).toFixed(0)} KB of float16 weights)`;
  document.body.dataset.snapshots = JSON.stringify(list); // the replay test compares these
  if (!scrubbing) $('scrub-out').textContent = 'live';
}
$('scrub').oninput = (e) => {
  const i = Number(e.target.value);
  if (playing) {
    showError('Pause training to look back through the run; the slider shows the live model while it trains.');
    e.target.value = e.target.max;
    return;
  }
  if (i >= snapshots.length) {
    worker.postMessage({ type: 'pause' }); // answers with a frame of the live model
    return;
  }
  scrubbing = true;
  $('scrub-out').textContent = `epoch ${snapshots[i].epoch}`;
  chart.showUntil(snapshots[i].epoch);
  worker.postMessage({ type: 'scrub', index: i });
};
function endScrub() {
  scrubbing = false;
  $('scrub').value = $('scrub').max;
  $('scrub-out').textContent = 'live';
  chart.showUntil(null);
}

// ---- A/B: the setup above (A) and a variant (B), side by side, as two <nabla-playground> elements with the
// same dataset, seed and points (each in its own worker)

// defined (as true) by vite.single.config.js only
const SINGLE_FILE = typeof __NABLA_SINGLE_FILE__ !== 'undefined';
if (SINGLE_FILE) { // out of the page, where no control may show it again
  $('ab-panel').removeAttribute('data-hide');
  $('ab-panel').hidden = true;
}
fillSelect($('ab-lr'), LR_CHOICES);
fillSelect($('ab-opt'), ['sgd', 'momentum', 'adam', 'rmsprop']);
fillSelect($('ab-act'), ACTIVATIONS);
function setupAttributes() {
  return {
    dataset: state.dataset, classes: state.classes, noise: state.noise, points: state.points, seed: state.seed,
    layers: state.layers.map((l) => l.units).join(','), activation: state.layers[0]?.activation ?? 'tanh',
    optimizer: state.optimizer, lr: state.lr, batch: state.batch, loss: lossUsed(), curve: state.curve,
  };
}
$('ab-compare').onclick = async () => {
  if (isCustom(state.dataset)) return showError('A/B compares the generated datasets; choose one (custom points stay with the main view).');
  if (!state.layers.length) return showError('A/B compares networks with at least one hidden layer.');
  if (new Set(state.layers.map((l) => l.activation)).size > 1) return showError('A/B takes one activation for every hidden layer; the setup above mixes them.');
  if (SINGLE_FILE) return undefined; // the single-file build leaves the course elements (and their workers) out
  const { defineElements } = await import('../../widgets/embed/elements.js');
  defineElements();
  const a = setupAttributes();
  const b = { ...a, lr: Number($('ab-lr').value), optimizer: $('ab-opt').value, activation: $('ab-act').value };
  const pane = (name, attrs) => {
    const el = document.createElement('nabla-playground');
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    const box = document.createElement('div');
    const title = document.createElement('h3');
    title.textContent = `${name}: ${attrs.optimizer}, lr ${attrs.lr}, ${attrs.activation}`;
    box.append(title, el);
    return box;
  };
  $('ab-pair').replaceChildren(pane('A', a), pane('B', b));
  $('ab-play').disabled = false;
};
$('ab-play').onclick = () => {
  for (const el of $('ab-pair').querySelectorAll('nabla-playground')) {
    [...el.shadowRoot.querySelectorAll('button')].find((x) => x.textContent === 'Play')?.click();
  }
};
// explain the loss: hovering the chart or the loss numbers shows the formula
for (const id of ['loss-chart', 'train-loss', 'test-loss']) {
  $(id).addEventListener('mouseenter', () => { $('loss-formula').hidden = false; });
  $(id).addEventListener('mouseleave', () => { $('loss-formula').hidden = true; });
}

// narrow screens start with the side panels folded
if (window.matchMedia('(max-width: 700px)').matches) {
  $('data-panel').open = false;
  $('hyper-panel').open = false;
}
if (state.hide.length) document.body.dataset.hidden = HIDEABLE.filter((h) => state.hide.includes(h)).join(' ');
heatmap.setView(state);
renderControls();
window.addEventListener('hashchange', () => location.reload());
