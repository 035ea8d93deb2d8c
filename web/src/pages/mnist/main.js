// The MNIST page: loads the real MNIST data into a worker, trains a preset model there (in the WASM engine)
// with live curves, shows test results and first-layer weights, and classifies what the person draws.
import './mnist.css';
import { MODELS, presetOfSafetensors } from '../../worker/mnistProtocol.js';
import { DigitPad } from '../../widgets/digitPad.js';
import { drawDigit, drawWeights, weightRange } from '../../widgets/digitImages.js';
import { MnistCurve } from '../../widgets/mnistCurves.js';
import { toMnistInput } from '../../lib/mnist/preprocess.js';
import { SPEED_NOTE } from './speed.js';

const $ = (id) => document.getElementById(id);
const worker = new Worker(new URL('../../worker/mnist.worker.js', import.meta.url), { type: 'module' });

const state = {
  engine: false, data: false, model: false, training: false,
  epochBase: 0,        // epochs trained by earlier runs of this model (x of the curves continues)
  lastX: 0,            // epochs trained so far, as of the last progress message
  lastInput: null,     // the drawing's 28x28 input, re-classified after each epoch
  classifyId: 0, classifyBusy: false, classifyQueued: false,
};

// ---- errors ----
function showError(message) {
  const box = $('errors');
  const p = document.createElement('p');
  const text = document.createElement('span');
  text.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Dismiss');
  close.onclick = () => { p.remove(); box.hidden = !box.children.length; };
  p.append(text, close);
  box.append(p);
  box.hidden = false;
}

// ---- settings ----
for (const [id, m] of Object.entries(MODELS)) $('model').append(new Option(m.label, id));
$('model').value = 'mlp128';

function readConfig() {
  const num = (id, min, max, integer) => {
    const el = $(id), v = Number(el.value);
    const label = el.closest('label').firstChild.textContent.trim();
    if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw new Error(`${label} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${el.value}"`);
    }
    return v;
  };
  return {
    model: $('model').value, optimizer: $('optimizer').value,
    lr: num('lr', 1e-6, 10, false), batch: num('batch', 1, 60000, true), epochs: num('epochs', 1, 100, true), seed: 1,
  };
}

function updateButtons() {
  const ready = state.engine && state.data && state.model;
  $('train').disabled = !ready || state.training;
  $('stop').disabled = !state.training;
  $('reset').disabled = !ready || state.training;
  $('save').disabled = !state.model || state.training;
  $('load').disabled = !state.engine || state.training;
  $('load-label').classList.toggle('disabled', $('load').disabled);
  for (const id of ['model', 'optimizer', 'lr', 'batch', 'epochs']) $(id).disabled = state.training;
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

// ---- results ----
const pct = (v) => `${(v * 100).toFixed(2)}%`;

function showConfusion(confusion) {
  const table = $('confusion');
  const head = document.createElement('tr');
  head.append(document.createElement('th'));
  for (let c = 0; c < 10; c++) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c;
    head.append(th);
  }
  const rows = [head];
  let max = 0;
  for (let r = 0; r < 10; r++) for (let c = 0; c < 10; c++) if (r !== c) max = Math.max(max, confusion[r * 10 + c]);
  for (let r = 0; r < 10; r++) {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = r;
    tr.append(th);
    for (let c = 0; c < 10; c++) {
      const td = document.createElement('td');
      const v = confusion[r * 10 + c];
      td.textContent = v;
      if (r === c) td.className = 'diag';
      else if (v > 0) td.style.background = `rgba(208, 69, 43, ${(0.12 + 0.7 * (v / max)).toFixed(3)})`;
      td.title = `true ${r}, predicted ${c}: ${v}`;
      tr.append(td);
    }
    rows.push(tr);
  }
  table.replaceChildren(...rows);
}

function showGallery(wrong, wrongTotal) {
  $('wrong-count').textContent = `(${wrong.length} of ${wrongTotal})`;
  $('gallery').replaceChildren(...wrong.map((w) => {
    const fig = document.createElement('figure');
    const canvas = document.createElement('canvas');
    drawDigit(canvas, w.pixels);
    canvas.setAttribute('aria-label', `test digit ${w.index}: true ${w.label}, predicted ${w.pred}`);
    const cap = document.createElement('figcaption');
    cap.innerHTML = `<b>${w.pred}</b> <s>${w.label}</s>`;
    cap.title = `predicted ${w.pred}, true ${w.label} (test image ${w.index})`;
    fig.append(canvas, cap);
    return fig;
  }));
}

function showWeights(filters) {
  const groups = filters.map(({ name, shape, data }) => {
    const wrap = document.createElement('div');
    const h = document.createElement('h3');
    const grid = document.createElement('div');
    grid.className = 'filters';
    const range = weightRange(data);
    if (shape.length === 2) {
      const [units, inputs] = shape;
      h.textContent = `Layer ${name}: each of the ${units} hidden units' ${inputs} input weights as a 28×28 image`;
      for (let u = 0; u < units; u++) {
        const c = document.createElement('canvas');
        drawWeights(c, data.subarray(u * inputs, (u + 1) * inputs), 28, 28, range);
        grid.append(c);
      }
    } else {
      const [out, inCh, kh, kw] = shape;
      h.textContent = `Conv ${name}: ${out} filters (columns) × ${inCh} input channel${inCh > 1 ? 's (rows)' : ''}, ${kh}×${kw} each`;
      // One row per input channel, one column per filter: a filter's kernels stack in its column.
      grid.classList.add('conv');
      if (inCh === 1) grid.classList.add('first');
      grid.style.setProperty('--cols', out);
      for (let i = 0; i < inCh; i++) {
        for (let o = 0; o < out; o++) {
          const c = document.createElement('canvas');
          const at = (o * inCh + i) * kh * kw;
          drawWeights(c, data.subarray(at, at + kh * kw), kw, kh, range);
          c.title = `filter ${o}, input channel ${i}`;
          grid.append(c);
        }
      }
    }
    wrap.append(h, grid);
    return wrap;
  });
  $('weights').replaceChildren(...groups);
  $('weights-info').textContent = 'Blue: positive weight, red: negative, white: zero (one colour scale per layer, full colour at its 99th percentile of |w|).';
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
  drawDigit($('draw-input'), state.lastInput ?? new Float32Array(784));
  if (state.lastInput) classify();
  else showProbs(null);
});
$('clear').onclick = () => pad.clear();

// ---- worker ----
worker.onmessage = ({ data: msg }) => {
  switch (msg.type) {
    case 'ready':
      state.engine = true;
      document.body.dataset.engineThreads = String(msg.build.threads);
      if (state.data) setup();
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
      if (state.engine) setup();
      break;
    case 'model':
      state.model = true;
      document.body.dataset.model = msg.model;
      $('model-info').textContent = `${MODELS[msg.model].label}: ${msg.params.toLocaleString('en')} parameters.`;
      updateButtons();
      classify();
      break;
    case 'progress': {
      const x = state.epochBase + msg.epoch - 1 + msg.done;
      state.lastX = x;
      $('epoch-progress').value = msg.done;
      $('epoch-label').textContent = `${msg.epoch} of ${msg.epochs}`;
      $('stat-epoch').textContent = x.toFixed(2);
      $('stat-loss').textContent = msg.loss.toFixed(4);
      $('stat-acc').textContent = pct(msg.acc);
      $('stat-speed').textContent = Math.round(msg.samplesPerSec).toLocaleString('en');
      lossCurve.add(x, msg.loss, null);
      accCurve.add(x, msg.acc, null);
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
      $('model').value = msg.model;
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
$('model').onchange = setup;
$('save').onclick = () => worker.postMessage({ type: 'export' });
$('load').onchange = async () => {
  const file = $('load').files[0];
  $('load').value = '';
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let model;
  try {
    model = presetOfSafetensors(bytes);
  } catch (err) {
    showError(`Cannot load ${file.name}: ${err.message}.`);
    return;
  }
  let config;
  try { config = readConfig(); } catch (err) { showError(err.message); return; }
  worker.postMessage({ type: 'import', bytes, model, config }, [bytes.buffer]);
};

$('speed-note').innerHTML = SPEED_NOTE;
updateButtons();
showProbs(null);
worker.postMessage({ type: 'load', url: new URL('data/mnist.bin.gz', document.baseURI).href });
