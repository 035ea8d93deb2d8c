// The MNIST page: loads the real MNIST data into a worker, trains the model of the architecture editor there
// (in the WASM engine) with live curves, shows test results, first-layer weights and every layer's feature
// maps for one digit, and classifies what the person draws.
import './mnist.css';
import { MODELS, presetOfSafetensors } from '../../worker/mnistProtocol.js';
import { DigitPad } from '../../widgets/digitPad.js';
import { drawDigit } from '../../widgets/digitImages.js';
import { MnistCurve } from '../../widgets/mnistCurves.js';
import { toMnistInput } from '../../lib/mnist/preprocess.js';
import { hashOfSpec, presetOf, specOfHash, topLevel } from '../../lib/mnist/spec.js';
import { readConfig as readSettings, updateButtons as enableControls } from './controls.js';
import { ArchitectureEditor } from './editor.js';
import { PadStrideExplorer } from './explorer.js';
import { GradChart } from './gradChart.js';
import { InsideView } from './insideView.js';
import { pct, showConfusion, showGallery, showWeights } from './results.js';
import { SPEED_NOTE } from './speed.js';
import { showDismissible } from '../../lib/dom.js';

const $ = (id) => document.getElementById(id);
const worker = new Worker(new URL('../../worker/mnist.worker.js', import.meta.url), { type: 'module' });

const state = {
  engine: false, data: false, model: false, training: false,
  specOk: false,       // the engine's check of the editor's spec found no error
  builtSpec: null,     // the spec of the model the worker holds
  checkId: 0,          // the latest checkSpec asked for (older answers are dropped)
  epochBase: 0,        // epochs trained by earlier runs of this model (x of the curves continues)
  lastX: 0,            // epochs trained so far, as of the last progress message
  lastInput: null,     // the drawing's 28x28 input, re-classified after each epoch
  classifyId: 0, classifyBusy: false, classifyQueued: false,
};

// ---- errors ----
const showError = (message) => showDismissible($('errors'), message);

// ---- settings and the architecture ----
for (const [id, m] of Object.entries(MODELS)) $('model').append(new Option(m.label, id));
$('model').append(new Option('Custom (the layers below)', 'custom'));

const editor = new ArchitectureEditor($('arch'), (spec) => specChanged(spec));
const readConfig = () => readSettings(presetOf(editor.spec), editor.spec);
function updateButtons() {
  enableControls(state);
  editor.setDisabled(state.training);
}

let checkTimer = 0;
/** After an edit: the address, the preset menu, and (shortly) the engine's check of the new spec. */
function specChanged(spec) {
  history.replaceState(null, '', hashOfSpec(spec));
  $('model').value = presetOf(spec);
  state.specOk = false;
  updateButtons();
  clearTimeout(checkTimer);
  checkTimer = setTimeout(() => { if (state.engine) worker.postMessage({ type: 'checkSpec', id: ++state.checkId, spec }); }, 120);
}

function specChecked(msg) {
  if (msg.id !== state.checkId || msg.spec !== editor.spec) return;
  editor.showCheck(msg.check);
  state.specOk = !msg.check.error;
  if (state.specOk && msg.spec !== state.builtSpec && state.data) setup();
  updateButtons();
}

// ---- charts ----
const lossCurve = new MnistCurve($('loss-chart'), { label: 'loss', log: true, digits: 4 });
const accCurve = new MnistCurve($('acc-chart'), { label: 'accuracy', digits: 4 });

function resetResults() {
  state.epochBase = 0;
  state.lastX = 0;
  lossCurve.reset();
  accCurve.reset();
  $('stat-epoch').textContent = '–';
  $('stat-loss').textContent = '–';
  $('stat-acc').textContent = '–';
  $('stat-test-acc').textContent = '–';
  $('stat-speed').textContent = '–';
  $('epoch-progress').value = 0;
  $('epoch-label').textContent = '–';
  $('test-summary').textContent = 'Train for an epoch to see the test accuracy, the confusion matrix and the mistakes.';
  $('confusion').replaceChildren();
  $('gallery').replaceChildren();
  $('wrong-count').textContent = '';
}

// ---- inside ----
const inside = new InsideView({ picker: $('pick-digit'), container: $('inside'), detail: $('detail'), worker });
const gradChart = new GradChart($('grad-chart'), $('grad-hint'));
new PadStrideExplorer($('explorer'));

/** A model child's name as the gradient chart's legend shows it: its place and text in the spec. */
function childLabels(spec, children) {
  const top = topLevel(spec), offset = children.length - top.length;
  return (name) => {
    const i = children.indexOf(name) - offset;
    return i >= 0 && top[i] ? `${i + 1} ${top[i].text}` : name;
  };
}

// ---- drawing ----
const probRows = Array.from({ length: 10 }, (_, d) => {
  const li = document.createElement('li');
  li.innerHTML = `<span class="digit">${d}</span><span class="track"><span class="fill"></span></span><span class="p">–</span>`;
  $('probs').append(li);
  return { li, fill: li.querySelector('.fill'), p: li.querySelector('.p') };
});

function showProbs(probs) {
  let best = -1;
  if (probs) best = probs.indexOf(Math.max(...probs));
  probRows.forEach((r, d) => {
    const v = probs ? probs[d] : 0;
    r.fill.style.width = `${(v * 100).toFixed(1)}%`;
    r.p.textContent = probs ? `${(v * 100).toFixed(1)}%` : '–';
    r.li.classList.toggle('best', d === best);
  });
  $('probs').dataset.sum = probs ? probs.reduce((a, b) => a + b, 0).toFixed(6) : '';
}

function classify() {
  if (!state.model || !state.lastInput) return;
  if (state.classifyBusy) { state.classifyQueued = true; return; }
  state.classifyBusy = true;
  worker.postMessage({ type: 'classify', id: ++state.classifyId, input: state.lastInput.slice() });
}

const pad = new DigitPad($('draw-canvas'), (ink, w, h) => {
  state.lastInput = toMnistInput(ink, w, h);
  $('inspect-drawing').disabled = !state.lastInput;
  drawDigit($('draw-input'), state.lastInput ?? new Float32Array(784));
  if (state.lastInput) classify();
  else showProbs(null);
});
$('clear').onclick = () => pad.clear();
$('inspect-drawing').onclick = () => { if (state.lastInput) inside.pick({ input: state.lastInput.slice() }); };

// ---- worker ----
worker.onmessage = ({ data: msg }) => {
  switch (msg.type) {
    case 'ready':
      state.engine = true;
      document.body.dataset.engineThreads = String(msg.build.threads);
      specChanged(editor.spec);
      break;
    case 'loadProgress':
      if (msg.total) {
        $('data-progress').max = msg.total;
        $('data-progress').value = msg.loaded;
        $('data-status').textContent = `Loading the MNIST images… ${(msg.loaded / 1e6).toFixed(1)} of ${(msg.total / 1e6).toFixed(1)} MB`;
      } else {
        $('data-progress').removeAttribute('value');
        $('data-status').textContent = `Loading the MNIST images… ${(msg.loaded / 1e6).toFixed(1)} MB`;
      }
      break;
    case 'loaded':
      state.data = true;
      $('data-progress').value = $('data-progress').max;
      $('data-status').textContent = `${msg.train.toLocaleString('en')} training and ${msg.test.toLocaleString('en')} test images loaded (${(msg.ms / 1000).toFixed(1)} s).`;
      document.body.dataset.data = 'loaded';
      if (state.specOk) setup();
      inside.setSamples(msg.samples);
      break;
    case 'inside':
      inside.show(msg);
      break;
    case 'specCheck':
      specChecked(msg);
      break;
    case 'model':
      state.model = true;
      state.builtSpec = msg.spec;
      document.body.dataset.model = msg.model;
      $('model-info').textContent = `${MODELS[msg.model]?.label ?? 'Custom model'}: ${msg.params.toLocaleString('en')} parameters.`;
      gradChart.reset(msg.paramNames, childLabels(msg.spec, msg.children));
      updateButtons();
      classify();
      break;
    case 'progress': {
      const x = state.epochBase + msg.epoch - 1 + msg.done;
      state.lastX = x;
      $('epoch-progress').value = msg.done;
      $('epoch-label').textContent = `${msg.epoch} of ${msg.epochs}`;
      $('lr-now').textContent = $('schedule').value === 'constant' ? '' : `this epoch: lr ${Number(msg.lr.toPrecision(3))}`;
      $('stat-epoch').textContent = x.toFixed(2);
      $('stat-loss').textContent = msg.loss.toFixed(4);
      $('stat-acc').textContent = pct(msg.acc);
      $('stat-speed').textContent = Math.round(msg.samplesPerSec).toLocaleString('en');
      lossCurve.add(x, msg.loss, null);
      accCurve.add(x, msg.acc, null);
      gradChart.add(msg.steps, msg.gradNorms);
      break;
    }
    case 'epochEnd': {
      const x = state.epochBase + msg.epoch;
      if (msg.epoch > 0) {
        lossCurve.add(x, null, msg.testLoss);
        accCurve.add(x, null, msg.testAcc);
      }
      $('stat-test-acc').textContent = pct(msg.testAcc);
      $('test-summary').textContent = `${msg.epoch > 0 ? `After epoch ${+x.toFixed(2)}` : 'Loaded model'}: test accuracy ${pct(msg.testAcc)} ` +
        `(${10000 - msg.wrongTotal} of ${(10000).toLocaleString('en')} right), test loss ${msg.testLoss.toFixed(4)}.`;
      $('test-summary').dataset.acc = msg.testAcc;
      showConfusion(msg.confusion);
      showGallery(msg.wrong, msg.wrongTotal);
      classify();
      break;
    }
    case 'weights':
      showWeights(msg.filters);
      break;
    case 'done':
      state.training = false;
      state.epochBase = state.lastX; // a later run continues the curves from here
      $('epoch-label').textContent += msg.reason === 'stopped' ? ' (stopped)' : ' (done)';
      document.body.dataset.training = msg.reason;
      updateButtons();
      break;
    case 'probs':
      state.classifyBusy = false;
      showProbs(Array.from(msg.probs));
      if (state.classifyQueued) { state.classifyQueued = false; classify(); }
      break;
    case 'exported': {
      const url = URL.createObjectURL(new Blob([msg.bytes], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `nabla-mnist-${msg.model}.safetensors`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      break;
    }
    case 'imported':
      resetResults();
      $('test-summary').textContent = 'Model loaded; measuring it on the test set…';
      break;
    case 'error':
      if (msg.during === 'load') {
        $('data-status').textContent = 'The MNIST data could not be loaded.';
        $('data-panel').classList.add('failed');
        document.body.dataset.data = 'failed';
      }
      if (msg.during === 'classify') state.classifyBusy = false;
      if (msg.during === 'train' && state.training) { // failed before or while training: controls come back
        state.training = false;
        document.body.dataset.training = 'failed';
        updateButtons();
      }
      showError(msg.message);
      break;
    default:
      showError(`unknown message from the worker: ${msg.type}`);
  }
};
worker.onerror = (e) => showError(`the training worker failed: ${e.message ?? 'unknown error'}`);

function setup() {
  try {
    resetResults();
    state.model = false;
    updateButtons();
    worker.postMessage({ type: 'setup', config: readConfig() });
  } catch (err) {
    showError(err.message);
  }
}

$('train').onclick = () => {
  let config;
  try { config = readConfig(); } catch (err) { showError(err.message); return; }
  state.training = true;
  document.body.dataset.training = 'running';
  updateButtons();
  worker.postMessage({ type: 'train', config });
};
$('stop').onclick = () => worker.postMessage({ type: 'stop' });
$('reset').onclick = setup;
$('model').onchange = () => {
  if ($('model').value === 'custom') return; // the layers as they are; edit them below
  editor.setSpec(MODELS[$('model').value].spec);
  specChanged(editor.spec);
};
$('save').onclick = () => worker.postMessage({ type: 'export' });
$('load').onchange = async () => {
  const file = $('load').files[0];
  $('load').value = '';
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A preset's file switches to that preset; any other goes into the current layers (the engine checks it).
  let preset = null;
  try { preset = presetOfSafetensors(bytes); } catch { /* not a preset's */ }
  if (preset && preset !== presetOf(editor.spec)) {
    editor.setSpec(MODELS[preset].spec);
    history.replaceState(null, '', hashOfSpec(editor.spec));
    $('model').value = preset;
  }
  let config;
  try { config = readConfig(); } catch (err) { showError(err.message); return; }
  worker.postMessage({ type: 'import', bytes, config }, [bytes.buffer]);
};

$('speed-note').innerHTML = SPEED_NOTE;
const linked = specOfHash(location.hash);
editor.setSpec(linked ?? MODELS.mlp128.spec);
$('model').value = presetOf(editor.spec);
updateButtons();
showProbs(null);
worker.postMessage({ type: 'load', url: new URL('data/mnist.bin.gz', document.baseURI).href });
