// The playground's setting controls: the data, network and training panels, drawn from the state and
// writing each change back through app.changed (which decides between a hyper-parameter update and a rebuild).
import { DATASETS } from '../../lib/playground/toyData.js';
import { compileCurve } from '../../lib/playground/curve.js';
import { FEATURES, FEATURE_IDS } from '../../lib/playground/features.js';
import { CLASS_RGB, cssRgb } from '../../lib/playground/palette.js';
import { ACTIVATIONS, MAX_CLASSES, MAX_LAYERS, MAX_UNITS, SCHEDULES } from '../../lib/playground/state.js';
import { loadUserOps } from '../../lib/expr/userOpStore.js';

export const LR_CHOICES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
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

export function fillSelect(select, values, label = String) {
  select.replaceChildren(...values.map((v) => new Option(label(v), String(v))));
}

/** A select of fixed choices that also shows a value from a link that is not one of them. */
export function withChoice(select, choices, value) {
  const values = choices.includes(value) ? choices : [...choices, value].sort((a, b) => a - b);
  if (select.options.length !== values.length) fillSelect(select, values);
  select.value = String(value);
}

/** Wires every setting control to `app`; returns renderControls, which redraws them from app.state. */
export function installControls(app) {
  const { state } = app;
  fillSelect($('dataset'), Object.keys(DATASETS), (id) => DATASETS[id].name);
  fillSelect($('schedule'), SCHEDULES, (s) => s.replace(/^constant$/, 'none (constant)').replace('+', ' then '));
  $('features').replaceChildren(...FEATURE_IDS.map((id) => {
    const l = document.createElement('label');
    l.innerHTML = `<input type="checkbox" value="${id}"> ${FEATURES[id].label}`;
    return l;
  }));

  function renderControls() {
    const task = app.task(), k = app.outputs();
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
    $('points').disabled = app.isCustom(state.dataset);
    $('train-pct').value = state.trainPct;
    $('train-pct-out').textContent = `${state.trainPct}%`;
    $('seed').value = state.seed;
    for (const box of $('features').querySelectorAll('input')) box.checked = state.features.includes(box.value);
    renderTableInputs();
    $('layers-count').textContent = `${state.layers.length} hidden layer${state.layers.length === 1 ? '' : 's'}`;
    $('add-layer').disabled = state.layers.length >= MAX_LAYERS;
    $('remove-layer').disabled = state.layers.length === 0;
    renderLayerControls();
    document.querySelector('.click-class').hidden = task === 'regress';
    $('click-classes').replaceChildren(...Array.from({ length: Math.max(2, k) }, (_, c) => {
      const l = document.createElement('label');
      l.innerHTML = `<input type="radio" name="click-class" value="${c}" ${c === app.clickClass ? 'checked' : ''}>
        <span class="swatch" style="background:${cssRgb(CLASS_RGB[c])}"></span> ${c}`;
      l.querySelector('input').onchange = () => { app.clickClass = c; };
      return l;
    }));
    $('loss').value = app.lossUsed();
    $('loss').disabled = task === 'regress';
    $('loss').title = task === 'regress' ? 'Regression sets train with mean squared error' : '';
    $('optimizer').value = state.optimizer;
    withChoice($('lr'), LR_CHOICES, state.lr);
    $('schedule').value = state.schedule;
    $('batch').value = state.batch;
    $('reg').value = state.reg;
    withChoice($('reg-rate'), REG_RATE_CHOICES, state.regRate);
    withChoice($('dropout'), DROPOUT_CHOICES, state.dropout);
    $('stop-epoch').value = state.stopEpoch || '';
    $('loss-formula').textContent = LOSS_FORMULAS[app.lossUsed()] + REG_FORMULAS[state.reg] +
      (state.reg === 'none' ? '' : `, λ = ${state.regRate}`);
    for (const el of document.querySelectorAll('[data-hide]')) el.hidden = state.hide.includes(el.dataset.hide);
  }

  /** A table's inputs are its columns: named here, with the two the plane shows (the others at their mean). */
  let shownTable = null;
  function renderTableInputs() {
    const { table } = state, box = $('table-inputs');
    $('features').hidden = !!table;
    box.hidden = !table;
    if (!table || table === shownTable) return;
    shownTable = table;
    const pick = (id, label, j) => `<label>${label} <select id="${id}">${table.names.map((n, i) =>
      `<option value="${i}"${i === j ? ' selected' : ''}>${n.replace(/[<&"]/g, (c) => `&#${c.charCodeAt(0)};`)}</option>`).join('')}</select></label>`;
    box.innerHTML = `<p class="hint">The network's ${table.names.length} inputs are your table's columns, each standardized
      ((v − mean) / sd): <span class="names"></span>.</p>${pick('plane-x', 'Plane across', state.plane[0])}${pick('plane-y', 'Plane up', state.plane[1])}
      <p class="hint">The plane is a slice: the other columns are held at their mean.</p>`;
    box.querySelector('.names').textContent = table.names.join(', ');
    const onPick = () => {
      const plane = [Number($('plane-x').value), Number($('plane-y').value)];
      if (plane[0] === plane[1]) {
        app.showError('The plane needs two different columns; keeping the slice shown.');
        [$('plane-x').value, $('plane-y').value] = state.plane.map(String);
        return;
      }
      app.changePlane(plane);
    };
    $('plane-x').onchange = onPick;
    $('plane-y').onchange = onPick;
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
    // the user ops of the graph page, after the built-in activations (textContent: a name is not markup)
    for (const { name } of loadUserOps()) row.querySelector('select').append(Object.assign(document.createElement('option'), { textContent: name }));
    const input = row.querySelector('input');
    // the layer is looked up on each event: a row outlives the state objects of earlier renders
    const setUnits = (units) => {
      const layer = state.layers[i];
      if (!Number.isInteger(units) || units < 1 || units > MAX_UNITS) {
        app.showError(`Layer ${i + 1}: neurons must be a whole number from 1 to ${MAX_UNITS}, not "${input.value}"`);
        input.value = layer.units;
        return;
      }
      if (units === layer.units) return;
      layer.units = units;
      app.changed('shape');
    };
    row.querySelector('.minus').onclick = () => setUnits(state.layers[i].units - 1);
    row.querySelector('.plus').onclick = () => setUnits(state.layers[i].units + 1);
    input.onchange = () => setUnits(Number(input.value));
    row.querySelector('select').onchange = (e) => { state.layers[i].activation = e.target.value; app.changed('shape'); };
    return row;
  }

  /** Reads an integer input; shows an error naming the field and keeps the old value when out of range. */
  function readInt(input, name, min, max, old) {
    const v = Number(input.value);
    if (input.value.trim() === '' || !Number.isInteger(v) || v < min || v > max) {
      app.showError(`${name} must be a whole number from ${min} to ${max}, not "${input.value}"`);
      input.value = old;
      return null;
    }
    return v;
  }

  $('dataset').onchange = (e) => {
    // a custom set starts from the points on screen when they are of its kind, so clicks and CSV edit them
    const same = app.task() === DATASETS[e.target.value].kind && !state.table; // a table's slice is no set of points
    state.table = null;
    state.custom = app.isCustom(e.target.value) ? (state.custom && same ? state.custom : same ? app.pointsOnScreen() : []) : null;
    state.dataset = e.target.value;
    app.clickClass = 0;
    app.changed('data');
  };
  $('classes').onchange = (e) => {
    const v = readInt(e.target, 'Classes', 2, MAX_CLASSES, state.classes);
    if (v === null) return;
    state.classes = v;
    if (state.custom) state.custom = state.custom.filter((p) => p.label < v);
    app.changed('data');
  };
  $('curve').onchange = (e) => {
    try {
      compileCurve(e.target.value);
    } catch (err) {
      app.showError(`${err.message}; keeping f(x) = ${state.curve}`);
      e.target.value = state.curve;
      return;
    }
    state.curve = e.target.value.trim();
    app.changed('data');
  };
  $('discretize').onchange = (e) => { state.discretize = e.target.checked; app.heatmap.setView(state); app.syncUrl(); };
  $('show-test').onchange = (e) => { state.showTest = e.target.checked; app.heatmap.setView(state); app.syncUrl(); };
  $('noise').oninput = (e) => { state.noise = Number(e.target.value); app.changed('data'); };
  $('points').onchange = (e) => {
    const v = readInt(e.target, 'Points', 10, 2000, state.points);
    if (v !== null) { state.points = v; app.changed('data'); }
  };
  $('train-pct').oninput = (e) => { state.trainPct = Number(e.target.value); app.changed('data'); };
  $('seed').onchange = (e) => {
    const v = readInt(e.target, 'Seed', 0, 2 ** 31 - 1, state.seed);
    if (v !== null) { state.seed = v; app.changed('data'); }
  };
  $('reseed').onclick = () => { state.seed = Math.floor(Math.random() * 1e6); app.changed('data'); };
  $('features').onchange = (e) => {
    const chosen = [...$('features').querySelectorAll('input:checked')].map((b) => b.value);
    if (!chosen.length) {
      app.showError('Choose at least one input feature.');
      e.target.checked = true;
      return;
    }
    state.features = chosen;
    app.changed('shape');
  };
  $('add-layer').onclick = () => {
    const last = state.layers[state.layers.length - 1];
    state.layers.push({ units: last?.units ?? 8, activation: last?.activation ?? 'tanh' });
    app.changed('shape');
  };
  $('remove-layer').onclick = () => { state.layers.pop(); app.changed('shape'); };
  $('loss').onchange = (e) => { state.loss = e.target.value; app.changed('hyper'); };
  $('optimizer').onchange = (e) => { state.optimizer = e.target.value; app.changed('hyper'); };
  $('lr').onchange = (e) => { state.lr = Number(e.target.value); app.changed('hyper'); };
  $('schedule').onchange = (e) => { state.schedule = e.target.value; app.changed('hyper'); };
  $('batch').onchange = (e) => {
    const v = readInt(e.target, 'Batch size', 1, 2000, state.batch);
    if (v !== null) { state.batch = v; app.changed('hyper'); }
  };
  $('reg').onchange = (e) => { state.reg = e.target.value; app.changed('hyper'); };
  $('reg-rate').onchange = (e) => { state.regRate = Number(e.target.value); app.changed('hyper'); };
  $('dropout').onchange = (e) => { state.dropout = Number(e.target.value); app.changed('shape'); };
  $('stop-epoch').onchange = (e) => {
    const v = e.target.value.trim() === '' ? 0 : readInt(e.target, 'Stop at epoch', 0, 100000, state.stopEpoch || '');
    if (v !== null) { state.stopEpoch = v; app.changed('hyper'); }
  };
  $('show-grads').onchange = (e) => app.diagram.setShowGradients(e.target.checked);

  return renderControls;
}
