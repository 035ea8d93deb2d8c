// Detail views of one layer for the inspected digit: convolution and pooling (windowView.js), activations
// (input -> output values, what ReLU zeroes), flatten (where each value goes) and the output (logits, then
// softmax's steps to probabilities). Each view has update(layer, msg) for the live refresh.
import { h } from '../../lib/dom.js';
import { softmaxSteps } from '../../lib/mnist/inside.js';
import { channel, drawMap, fmt, maxAbs } from './maps.js';
import { WindowView } from './windowView.js';

const ACTIVATIONS = new Set(['relu', 'leaky_relu', 'tanh', 'sigmoid', 'gelu']);
const SHOWN = 12; // values listed by the activation and flatten views

function mapFigure(values, H, W, range, caption) {
  const c = h('canvas', { class: 'map mid' });
  drawMap(c, values, H, W, range);
  return h('figure', {}, h('figcaption', {}, caption), c);
}

class Simple {
  constructor(container, l, msg, where, draw) {
    Object.assign(this, { container, where, draw });
    this.update(l, msg);
  }

  update(l, msg) { this.container.replaceChildren(...this.draw(l, msg, this.where)); }
}

function activationView(l, msg, where) {
  const c = where.channel ?? 0;
  const images = l.shape.length === 3;
  const [, H, W] = images ? l.shape : [1, 1, l.shape[0]];
  const x = images ? channel(l.input.values, c, H, W) : l.input.values;
  const y = images ? channel(l.values, c, H, W) : l.values;
  let zeroed = 0, negative = 0;
  for (let i = 0; i < x.length; i++) if (x[i] < 0) { negative++; if (y[i] === 0) zeroed++; }
  const rows = [];
  for (let i = 0; i < Math.min(SHOWN, x.length); i++) rows.push(h('tr', {}, h('td', {}, String(i)), h('td', {}, fmt(x[i])), h('td', {}, fmt(y[i]))));
  const name = l.row.kind;
  return [
    h('p', { class: 'hint' }, name === 'relu' ? 'ReLU keeps positive values and sets negative ones to 0: y = max(0, x).'
      : `${name} is applied to each value on its own.`),
    h('p', { id: 'relu-count' }, `${images ? `channel ${c}: ` : ''}${negative} of ${x.length} inputs are negative; ${zeroed} became 0.`),
    images ? h('div', { class: 'window' }, mapFigure(x, H, W, maxAbs(l.input.values), 'input'), mapFigure(y, H, W, maxAbs(l.values), 'output')) : '',
    h('table', { class: 'numbers list' }, h('tr', {}, h('th', {}, 'i'), h('th', {}, 'x'), h('th', {}, 'y')), ...rows),
  ];
}

function flattenView(l) {
  const [C, H, W] = l.input.shape;
  const strip = h('canvas', { class: 'cells strip' });
  drawMap(strip, l.values, 1, l.values.length, maxAbs(l.values));
  const rows = [];
  for (let i = 0; i < Math.min(SHOWN, l.values.length); i++) {
    const c = Math.floor(i / (H * W)), y = Math.floor((i % (H * W)) / W), x = i % W;
    rows.push(h('tr', {}, h('td', {}, String(i)), h('td', {}, `(${c}, ${y}, ${x})`), h('td', {}, fmt(l.values[i]))));
  }
  return [
    h('p', { class: 'hint' }, `Flatten lays the ${C} maps of ${H}×${W} end to end: value (c, y, x) goes to place c·${H * W} + y·${W} + x of a vector of ${C * H * W}. Nothing is computed; the next layer sees one long row.`),
    strip,
    h('table', { class: 'numbers list' }, h('tr', {}, h('th', {}, 'place'), h('th', {}, '(c, y, x)'), h('th', {}, 'value')), ...rows),
  ];
}

function softmaxView(l, msg) {
  const logits = Array.from(l.values);
  const s = softmaxSteps(logits);
  const best = s.probs.indexOf(Math.max(...s.probs));
  const rows = logits.map((z, k) => h('tr', { class: k === best ? 'mark' : '' }, h('td', {}, String(k)), h('td', {}, fmt(z)),
    h('td', {}, fmt(z - s.max)), h('td', {}, fmt(s.exps[k])), h('td', { 'data-prob': String(s.probs[k]) }, `${(s.probs[k] * 100).toFixed(2)}%`)));
  return [
    h('p', { class: 'hint' }, 'The last layer gives one score (logit) per digit. Softmax turns them into probabilities: subtract the largest, ' +
      `exponentiate, divide by the sum (here ${fmt(s.sum)}). The engine's probabilities for this digit are shown beside.`),
    h('table', { class: 'numbers list softmax', id: 'softmax' },
      h('tr', {}, h('th', {}, 'digit'), h('th', {}, 'logit z'), h('th', {}, `z − ${fmt(s.max)}`), h('th', {}, 'exp'), h('th', {}, 'probability'), h('th', {}, 'engine')),
      ...rows.map((r, k) => { r.append(h('td', { 'data-engine': String(msg.probs[k]) }, `${(msg.probs[k] * 100).toFixed(2)}%`)); return r; })),
  ];
}

function otherView(l) {
  const what = { bn: 'Batch norm: each channel is shifted and scaled by the running mean and variance learned in training, then by its own weight and bias.',
    dropout: 'Dropout zeroes random values while training; here (evaluation) it passes its input through unchanged.',
    res: 'A residual block adds its input to the output of its body: y = x + block(x).',
    linear: 'Linear: each output is a weighted sum of all inputs plus a bias, y = W x + b.' }[l.row?.kind] ?? 'The input, as the first layer reads it.';
  const out = [h('p', { class: 'hint' }, what)];
  if (l.shape.length === 3) {
    const [C, H, W] = l.shape;
    const range = maxAbs(l.values);
    out.push(h('div', { class: 'maps' }, ...Array.from({ length: C }, (_, c) => mapFigure(channel(l.values, c, H, W), H, W, range, `channel ${c}`))));
  }
  return out;
}

/** Opens the view for layer l in container (with a close button); returns it, or null when there is none. */
export function openDetail(container, l, msg, where, onClose) {
  const kind = l.row?.kind;
  const body = h('div');
  let view;
  const last = l.index === msg.layers.length - 1;
  if (kind === 'conv' || kind === 'maxpool' || kind === 'avgpool') {
    const a = l.row.args;
    const K = Number(a.kernel || 2);
    view = new WindowView(body, l, msg, where, kind, { K, stride: Number(a.stride || (kind === 'conv' ? 1 : K)), pad: Number(a.pad || 0) });
  } else if (last && l.shape.length === 1) {
    view = new Simple(body, l, msg, where, softmaxView);
  } else if (ACTIVATIONS.has(kind)) {
    view = new Simple(body, l, msg, where, activationView);
  } else if (kind === 'flatten') {
    view = new Simple(body, l, msg, where, flattenView);
  } else {
    view = new Simple(body, l, msg, where, otherView);
  }
  const title = l.number > 0 ? `Layer ${l.number}: ${l.text}` : l.text;
  container.replaceChildren(h('div', { class: 'detail-head' }, h('h3', {}, title),
    h('button', { type: 'button', id: 'detail-close', 'aria-label': 'close', onclick: onClose }, '✕')), body);
  container.dataset.kind = last && l.shape.length === 1 ? 'softmax' : kind ?? 'input';
  return view;
}
