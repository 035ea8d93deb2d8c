// The playground page: settings (mirrored in the URL), the data, and the views. Training happens in
// the worker (../../worker/trainer.worker.js); this module sends it settings and draws its frames.
// The rest of the page by concern: controls.js (the setting panels), files.js (CSV, links, model files),
// history.js (the run-history slider), ab.js (A/B). They share `app`: the state and the page's handles.
import './playground.css';
import { DATASETS, DOMAIN, classCount, generate, split } from '../../lib/playground/toyData.js';
import { loadNabla } from '../../lib/engine.js';
import { CLASS_RGB, cssRgb } from '../../lib/playground/palette.js';
import { ACTIVATIONS, HIDEABLE, decodeState, encodeState } from '../../lib/playground/state.js';
import { loadUserOps } from '../../lib/expr/userOpStore.js';
import { showDismissible } from '../../lib/dom.js';
import { tablePoints } from '../../lib/playground/table.js';
import TrainerWorker from '../../worker/trainer.worker.js?worker';
import { Heatmap } from '../../widgets/heatmap.js';
import { LossChart } from '../../widgets/lossChart.js';
import { NetworkDiagram } from '../../widgets/networkDiagram.js';
import { installControls } from './controls.js';
import { download, installFiles } from './files.js';
import { installHistory } from './history.js';
import { installAb } from './ab.js';

const GRID = 80;       // heatmap cells per side (drawn smoothed): one batched predict of GRID² points per frame
const THUMB_GRID = 24; // neuron thumbnail cells per side

const $ = (id) => document.getElementById(id);
const decoded = decodeState(location.hash);
const state = decoded.state;
// A CSV table of more than two feature columns (see lib/playground/table.js): { names, rows, labels }, and the
// two columns the plane shows. Kept for the page's life only: links carry x,y points, not tables.
state.table = null;
state.plane = [0, 1];
let pendingWeights = state.weights; // a shared link's trained weights, loaded by the first setup only
state.weights = null;
let sentConfig = null;
let setupId = 0; // which setup the worker's frames belong to: frames of an older network are not drawn

const errorsBox = $('errors');
const showError = (message) => showDismissible(errorsBox, message);
decoded.errors.forEach((e) => showError(`Link: ${e}`));
// A link's layer may name a user op (defined on the graph page) that this browser does not have: tanh instead.
const knownOps = new Set(loadUserOps().map((d) => d.name));
for (const l of state.layers) {
  if (ACTIVATIONS.includes(l.activation) || knownOps.has(l.activation)) continue;
  showError(`Activation "${l.activation}" is a user op this browser has not defined (define it on the graph page); using tanh.`);
  l.activation = 'tanh';
}

const task = () => DATASETS[state.dataset].kind;
const outputs = () => (task() === 'regress' ? 1 : classCount(state.dataset, state.classes));
const lossUsed = () => (task() === 'regress' ? 'mse' : state.loss);
const isCustom = (id) => !DATASETS[id].engine;
const customOf = (kind) => (kind === 'regress' ? 'customReg' : 'custom');

/** What the page's modules share: the state (one object for the page's life), views, worker and actions. */
const app = {
  state, train: [], test: [], lastFrame: null, playing: false, scrubbing: false, clickClass: 0,
  showError, task, outputs, lossUsed, isCustom,
  pointsOnScreen: () => [...app.train, ...app.test],
  changed, setup, syncUrl, setPlaying,
};

// ---------------------------------------------------------------- views

app.heatmap = new Heatmap($('heatmap'), {
  onClick: (x, y) => addPoint(x, y),
  onHover: (x, y) => requestProbe(x, y),
  onErase: (x, y) => erasePoint(x, y),
});
app.chart = new LossChart($('loss-chart'));
app.diagram = new NetworkDiagram($('diagram'), {
  onEditWeight: (name, index, value) => worker.postMessage({ type: 'setWeight', name, index, value }),
});
const { heatmap, chart, diagram } = app;

// ---------------------------------------------------------------- worker

// a Vite worker import: the single-file build (vite.single.config.js) inlines it
const worker = app.worker = new TrainerWorker();
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
      pageEngine.then(setup); // the page's own engine draws the points (the worker's trains)
      return;
    case 'frame':
      if (msg.setupId !== setupId) { // drawn for the network before the last setup
        worker.postMessage({ type: 'frameAck' });
        return;
      }
      if (msg.scrub === null && app.scrubbing) scrubber.endScrub();
      // Drawn at once rather than in requestAnimationFrame: the worker sends the next frame only after
      // this one's acknowledgement, so it cannot flood the page, and waiting for an animation frame
      // would add up to a display refresh to every round trip.
      app.lastFrame = msg;
      drawFrame();
      return;
    case 'history':
      scrubber.showHistory(msg);
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
  const f = app.lastFrame;
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
  $('lr-now').textContent = state.schedule === 'constant' ? '' : `now ${Number(s.lr.toPrecision(3))}`;
  $('train-loss').textContent = fmtLoss(s.trainLoss);
  $('test-loss').textContent = fmtLoss(s.testLoss);
  $('train-acc').textContent = fmtPct(s.trainAcc);
  $('test-acc').textContent = fmtPct(s.testAcc);
  if (f.scrub === null) chart.add(s.epoch, s.trainLoss, s.testLoss);
  if (!f.playing) chart.flush();
  if (!f.playing && app.playing && !f.force) setPlaying(false);
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
    $('fps').textContent = app.playing ? `${fps.value.toFixed(0)} frames/s · ${Math.round(s.stepsPerSecond ?? 0)} steps/s` : '';
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

// The engine on this page's thread (single-threaded): it draws the points, the same as `nabla data` for a seed.
let nb = null;
const pageEngine = loadNabla().then((m) => { nb = m; }, (err) => showError(`The page's engine did not start: ${err.message}`));

function makePoints() {
  const all = state.table ? tablePoints(state.table, state.plane) : isCustom(state.dataset) ? (state.custom ?? [])
    : generate(nb, state.dataset, { n: state.points, noise: state.noise, seed: state.seed, classes: state.classes, curve: state.curve });
  ({ train: app.train, test: app.test } = split(nb, all, state.trainPct / 100, state.seed));
}

const toColumns = (pts) => ({
  xs: Float32Array.from(pts, (p) => p.x), ys: Float32Array.from(pts, (p) => p.y),
  labels: Float32Array.from(pts, (p) => p.label),
  ...(state.table ? { inputs: Float32Array.from(pts.flatMap((p) => p.z)) } : {}),
});
/** The network's inputs: the chosen features of (x, y), or a table's columns with the plane's slice. */
const inputs = () => (state.table ? { features: state.table.names, table: { plane: [...state.plane] } } : { features: state.features, table: null });

function config() {
  return {
    ...inputs(), layers: state.layers.map((l) => ({ ...l })), outputs: outputs(), task: task(),
    loss: lossUsed(), optimizer: state.optimizer, lr: state.lr, schedule: state.schedule, batch: state.batch, reg: state.reg,
    regRate: state.regRate, dropout: state.dropout, seed: state.seed, grid: GRID, thumbGrid: THUMB_GRID,
    stopEpoch: state.stopEpoch,
    // user ops (defined and gradient-checked on the graph page) that a layer uses: the worker registers them
    userOps: loadUserOps().filter((d) => state.layers.some((l) => l.activation === d.name)),
  };
}

/** Rebuilds the network and data in the worker (anything that changes shapes or data). */
function setup() {
  if (!nb) return; // before the engine is ready: its 'ready' sets up
  makePoints();
  const { train, test } = app;
  document.body.dataset.points = String(train.length + test.length); // for the tests
  if (!train.length) {
    heatmap.setPoints(train, test, task());
    showError(isCustom(state.dataset) ? 'No points yet: click on the plane or load a CSV to add some.' : 'No training points.');
    return;
  }
  heatmap.setPoints(train, test, task());
  drawArchitecture();
  chart.reset();
  sentConfig = config();
  worker.postMessage({
    type: 'setup', setupId: ++setupId, config: sentConfig, train: toColumns(train), test: toColumns(test), weights: pendingWeights,
  });
  pendingWeights = null;
  if (app.playing || state.autoplay) {
    state.autoplay = false; // a replayed run starts by itself once
    setPlaying(true);
    worker.postMessage({ type: 'play' });
  }
  renderLegend();
  syncUrl();
}

function drawArchitecture() {
  const k = outputs();
  diagram.setArchitecture({
    ...inputs(), layers: state.layers, outputs: k, task: task(), loss: lossUsed(), thumbGrid: THUMB_GRID,
    outputLabels: Array.from({ length: k }, (_, i) => (task() === 'regress' ? 'output' : `output ${i} (class ${i})`)),
  });
}

/** A table's plane now shows other columns: the points and the slice move, the network trains on. */
function changePlane(plane) {
  state.plane = plane;
  makePoints();
  heatmap.setPoints(app.train, app.test, task());
  if (!sentConfig) return;
  drawArchitecture();
  sentConfig = config();
  worker.postMessage({ type: 'plane', plane: [...plane] });
  renderLegend();
}
app.changePlane = changePlane;

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
  const all = app.pointsOnScreen();
  let best = -1, bestD = (0.04 * 2 * DOMAIN) ** 2;
  all.forEach((p, i) => {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d < bestD) { best = i; bestD = d; }
  });
  if (best < 0) return;
  if (state.table) { // the table loses that row
    const row = all[best].row;
    state.table = { ...state.table, rows: state.table.rows.filter((_, i) => i !== row), labels: state.table.labels.filter((_, i) => i !== row) };
    changed('data');
    return;
  }
  all.splice(best, 1);
  state.custom = all;
  state.dataset = customOf(task());
  changed('data');
}

function addPoint(x, y) {
  if (state.table) {
    showError(`The plane is a slice through your table's ${state.table.names.length} columns; points come from its CSV, not from clicks.`);
    return;
  }
  if (task() === 'regress') {
    showError('Adding points by clicking works for classification datasets; this one is a regression set.');
    return;
  }
  state.custom = [...app.pointsOnScreen(), { x, y, label: Math.min(app.clickClass, outputs() - 1) }];
  state.classes = Math.max(2, outputs());
  state.dataset = 'custom';
  changed('data');
}

function renderLegend() {
  const legend = $('legend');
  $('slice-note').hidden = !state.table;
  if (state.table) {
    const [a, b] = state.plane.map((j) => state.table.names[j]);
    const others = state.table.names.filter((_, j) => !state.plane.includes(j));
    $('slice-note').textContent = `A slice of your ${state.table.names.length}-column table: ${a} across, ${b} up (each ±3 sd); ` +
      `${others.join(', ')} held at ${others.length === 1 ? 'its' : 'their'} mean. Points are drawn at their own ${a}, ${b}.`;
  }
  if (task() === 'regress') {
    legend.textContent = 'Colour: output value from −1 (orange) through 0 (the background) to +1 (blue). Filled dots: train; rings: test.';
    return;
  }
  legend.innerHTML = Array.from({ length: outputs() }, (_, c) =>
    `<span class="swatch" style="background:${cssRgb(CLASS_RGB[c])}"></span>class ${c}`).join(' ') +
    ' — colour strength shows the model\'s confidence (pale = unsure). Filled dots: train; rings: test.';
}

// ---------------------------------------------------------------- play / pause / step / reset

function setPlaying(on) {
  app.playing = on;
  $('play').textContent = on ? 'Pause' : 'Play';
  $('play').setAttribute('aria-pressed', String(on));
  if (!on) $('fps').textContent = '';
}
$('play').onclick = () => {
  if (app.scrubbing) scrubber.endScrub();
  setPlaying(!app.playing);
  worker.postMessage({ type: app.playing ? 'play' : 'pause' });
};
$('step').onclick = () => {
  setPlaying(false);
  worker.postMessage({ type: 'step' });
};
$('reset').onclick = () => setup();

// ---------------------------------------------------------------- the rest of the page

const scrubber = installHistory(app);
installFiles(app);
installAb(app);
// an A/B pane (ab.js) shows the playground without the site around it
if (window.frameElement?.dataset.abPane) document.body.dataset.framed = 'ab';
const renderControls = installControls(app);

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
