// "See inside": the digit picker and one card per layer with its output for that digit (feature maps for
// images, cells for features, logits and probabilities at the end), redrawn on each 'inside' message from
// the worker; a click opens the layer's detail view (details.js), which follows the same messages.
import { h } from '../../lib/dom.js';
import { topLevel } from '../../lib/mnist/spec.js';
import { drawDigit } from '../../widgets/digitImages.js';
import { channel, drawMap, maxAbs } from './maps.js';
import { openDetail } from './details.js';

const MAX_CELLS = 1024; // feature layers wider than this show their first MAX_CELLS values

/** The spec's top-level layers with their text, matched to the model's children (a Reshape may come first). */
export function layerList(msg) {
  const top = topLevel(msg.spec);
  const offset = msg.layers.length - top.length;
  return msg.layers.map((l, i) => ({ ...l, index: i, input: i === 0 ? { shape: [msg.input.length], values: msg.input } : msg.layers[i - 1],
    row: i < offset ? null : top[i - offset].row, text: i < offset ? 'input, read as an image' : top[i - offset].text,
    number: i - offset + 1 }));
}

export class InsideView {
  constructor({ picker, container, detail, worker }) {
    Object.assign(this, { picker, container, detail, worker });
    this.updates = 0;
    this.current = null; // the open detail view: { layer index, view }
  }

  /** Buttons for the first test image of each digit; picks the first (a 7 in MNIST's order) to start with. */
  setSamples(samples) {
    const buttons = samples.map((s) => {
      const c = h('canvas', { 'aria-hidden': 'true' });
      drawDigit(c, s.pixels);
      const b = h('button', { type: 'button', class: 'sample', 'data-test': String(s.index), title: `test image ${s.index} (a ${s.label})`,
        'aria-label': `look inside with test image ${s.index}, a ${s.label}`, onclick: () => this.pick({ test: s.index }) }, c);
      return b;
    });
    this.picker.replaceChildren(h('span', { class: 'hint' }, 'Test digits:'), ...buttons);
    const first = samples.reduce((a, b) => (a.index < b.index ? a : b));
    this.pick({ test: first.index });
  }

  pick(source) {
    for (const b of this.picker.querySelectorAll('.sample')) b.classList.toggle('on', source.test !== undefined && Number(b.dataset.test) === source.test);
    this.worker.postMessage({ type: 'inspect', ...source });
  }

  /** Draws every layer's output for the inspected digit; an open detail view redraws with it. */
  show(msg) {
    this.updates++;
    const layers = layerList(msg);
    const cards = layers.map((l) => this.card(l, msg));
    this.container.replaceChildren(...cards);
    let checksum = 0;
    for (const l of msg.layers) for (let i = 0; i < l.values.length; i += 7) checksum += l.values[i];
    Object.assign(this.container.dataset, { updates: String(this.updates), checksum: String(checksum), layers: String(layers.length) });
    if (this.current) {
      const l = layers[this.current.index];
      if (l && l.text === this.current.text) this.current.view.update(l, msg);
      else this.closeDetail();
    }
  }

  card(l, msg) {
    const shape = l.shape.join('×');
    const head = h('button', { type: 'button', class: 'layer-title', title: 'how this layer computes its output',
      onclick: () => this.openDetail(l, msg, {}) }, l.number > 0 ? `${l.number}. ${l.text}` : l.text, h('span', { class: 'hint' }, ` ${shape}`));
    const body = h('div', { class: 'maps' });
    const range = maxAbs(l.values);
    if (l.shape.length === 3) {
      const [C, H, W] = l.shape;
      for (let c = 0; c < C; c++) {
        const canvas = h('canvas', { class: 'map', 'data-layer': String(l.index), 'data-channel': String(c), title: `channel ${c}` });
        drawMap(canvas, channel(l.values, c, H, W), H, W, range);
        if (Math.max(H, W) <= 8) canvas.classList.add('tiny');
        canvas.onclick = () => this.openDetail(l, msg, { channel: c });
        body.append(canvas);
      }
    } else {
      const n = Math.min(l.values.length, MAX_CELLS);
      const cols = Math.min(n, 32);
      const canvas = h('canvas', { class: 'cells', 'data-layer': String(l.index), title: `${l.values.length} features` });
      const padded = new Float32Array(Math.ceil(n / cols) * cols);
      padded.set(l.values.subarray(0, n));
      drawMap(canvas, padded, padded.length / cols, cols, range);
      canvas.style.width = `${cols * 9}px`;
      canvas.onclick = () => this.openDetail(l, msg, {});
      body.append(canvas);
      if (l.values.length > n) body.append(h('span', { class: 'hint' }, ` first ${n} of ${l.values.length}`));
    }
    return h('figure', { class: 'layer-card', 'data-layer': String(l.index), 'data-kind': l.row?.kind ?? 'input' }, head, body);
  }

  openDetail(l, msg, where) {
    this.current?.view.destroy?.(); // a playing animation stops with its view
    const view = openDetail(this.detail, l, msg, where, () => this.closeDetail());
    this.current = view ? { index: l.index, text: l.text, view } : null;
    this.detail.hidden = !view;
    if (view) this.detail.scrollIntoView({ block: 'nearest' });
  }

  closeDetail() {
    this.current?.view.destroy?.();
    this.current = null;
    this.detail.replaceChildren();
    this.detail.hidden = true;
  }
}
