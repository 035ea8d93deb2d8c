// <nabla-init-histograms>: a deep MLP (8 layers of 100 tanh or ReLU units, no biases) run forward and backward by
// the engine on a batch of N(0, 1) inputs under one initializer; a histogram of each layer's activations, and
// the spread of each layer's weight gradient, so the reader sees signals vanish, saturate or hold steady.
import { INITS } from '../../lib/concepts/formulas/initializers.js';
import { h } from '../../lib/dom.js';
import { guard, messageBox, numberField } from './figureTools.js';
import { fmt, getNabla } from './shared.js';

const NS = 'http://www.w3.org/2000/svg';
const svgEl = (tag, attrs) => {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};
const std = (a) => { let m = 0; for (const v of a) m += v; m /= a.length; let s = 0; for (const v of a) s += (v - m) ** 2; return Math.sqrt(s / a.length); };

const BINS = 30;

export class InitHistograms {
  constructor(root, { init = 'xavier', activation = 'tanh', depth = 8, width = 100, batch = 200 } = {}) {
    if (!INITS[init]) throw new Error(`init="${init}": expected one of ${Object.keys(INITS).join(', ')}`);
    if (!['tanh', 'relu'].includes(activation)) throw new Error(`activation="${activation}": expected tanh or relu`);
    Object.assign(this, { root, depth, width, batch, seed: 1 });
    this.initSelect = h('select', { 'aria-label': 'initializer' }, ...Object.entries(INITS).map(([id, i]) => h('option', { value: id }, i.name)));
    this.initSelect.value = init;
    this.actSelect = h('select', { 'aria-label': 'activation' }, h('option', { value: 'tanh' }, 'tanh'), h('option', { value: 'relu' }, 'ReLU'));
    this.actSelect.value = activation;
    this.sigma = numberField('σ', INITS.normal.param);
    this.resample = h('button', { type: 'button', onclick: () => { this.seed++; this.update(); } }, 'New weights');
    this.message = messageBox();
    this.grid = h('div', { class: 'nabla-hists' });
    this.grads = svgEl('svg', { class: 'nabla-plot', role: 'img', 'aria-label': 'weight-gradient spread per layer', viewBox: '0 0 640 150' });
    this.note = h('p', { class: 'nabla-muted' });
    root.append(h('div', { class: 'nabla-tools' }, h('label', {}, 'init ', this.initSelect), this.sigma.label,
      h('label', {}, 'activation ', this.actSelect), this.resample), this.message,
    this.actLegend = h('p', { class: 'nabla-legend' }), this.grid,
    h('p', { class: 'nabla-legend' }, 'Spread (std) of each layer’s weight gradient, log scale'), this.grads, this.note);
    for (const el of [this.initSelect, this.actSelect]) el.addEventListener('change', () => this.update());
    this.sigma.input.addEventListener('change', () => this.update());
  }

  async start() {
    this.nb = await getNabla();
    this.update();
  }

  /** Forward and backward through the whole network; activations and weight gradients per layer. */
  measure(initId, activation, sigma) {
    const nb = this.nb, init = INITS[initId];
    nb.manualSeed(this.seed);
    return nb.tidy(() => {
      const weights = Array.from({ length: this.depth }, () => {
        const w = init.sample(nb, this.width, this.width, sigma);
        w.requiresGrad = true;
        return w;
      });
      let x = nb.randn([this.batch, this.width]);
      const acts = [];
      for (const w of weights) {
        x = nb.nn.functional.linear(x, w);
        x = activation === 'relu' ? x.relu() : x.tanh();
        acts.push(x.data());
      }
      // L = mean over the batch of <h_L, r> with r ~ N(0, 1): a random upstream gradient of unit spread.
      x.mul(nb.randn([this.batch, this.width])).sum().div(this.batch).backward();
      const gradStd = weights.map((w) => std(w.grad.data()));
      return { acts, gradStd };
    });
  }

  update() {
    if (!this.nb) return;
    guard(this.root, this.message, () => {
      const initId = this.initSelect.value, activation = this.actSelect.value;
      this.sigma.label.style.display = initId === 'normal' ? '' : 'none';
      const sigma = initId === 'normal' ? this.sigma.read() : undefined;
      const { acts, gradStd } = this.measure(initId, activation, sigma);
      this.draw(acts, gradStd, activation);
      const actStd = acts.map(std);
      Object.assign(this.root.dataset, { init: initId, activation, actStd: actStd.map((v) => v.toPrecision(4)).join(','), gradStd: gradStd.map((v) => v.toPrecision(4)).join(',') });
      const first = actStd[0], last = actStd[actStd.length - 1];
      this.note.textContent = `Activation std: layer 1 ${fmt(first)}, layer ${this.depth} ${fmt(last)}. `
        + `Weight-gradient std: layer 1 ${fmt(gradStd[0])}, layer ${this.depth} ${fmt(gradStd[gradStd.length - 1])}.`;
    });
  }

  draw(acts, gradStd, activation) {
    const lo = activation === 'tanh' ? -1 : 0;
    const hi = activation === 'tanh' ? 1 : Math.max(1e-6, ...acts.map((a) => quantile(a, 0.99)));
    this.grid.replaceChildren(...acts.map((a, k) => {
      const counts = new Array(BINS).fill(0);
      for (const v of a) counts[Math.min(BINS - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * BINS)))]++;
      const top = Math.max(...counts);
      const svg = svgEl('svg', { viewBox: `0 0 ${BINS * 4} 60`, class: 'nabla-hist', role: 'img', 'aria-label': `layer ${k + 1} activations` });
      counts.forEach((c, b) => {
        const height = (c / top) * 56;
        svg.append(svgEl('rect', { x: b * 4 + 0.3, y: 58 - height, width: 3.4, height, fill: '#2563eb' }));
      });
      svg.append(svgEl('line', { x1: 0, x2: BINS * 4, y1: 58.5, y2: 58.5, stroke: '#94a3b8' }));
      return h('figure', {}, svg, h('figcaption', {}, `layer ${k + 1}: std ${fmt(std(a))}`));
    }));
    this.grid.dataset.range = `${fmt(lo)},${fmt(hi)}`;
    this.actLegend.textContent = `Activations of each layer (histograms from ${fmt(lo)} to ${fmt(hi)})`;
    // gradient spread per layer on a log axis (a zero gradient drawn at the floor and labelled 0)
    const W = 640, H = 150, L = 44, B = 22, floor = -8;
    const logs = gradStd.map((g) => (g > 0 ? Math.max(floor, Math.log10(g)) : floor));
    const top = Math.max(0, Math.ceil(Math.max(...logs))), bottom = Math.min(top - 2, Math.floor(Math.min(...logs)));
    const py = (v) => 6 + ((top - v) / (top - bottom)) * (H - B - 6);
    const bw = (W - L - 8) / gradStd.length;
    this.grads.replaceChildren();
    for (let t = bottom; t <= top; t++) {
      this.grads.append(svgEl('line', { x1: L, x2: W - 8, y1: py(t), y2: py(t), stroke: '#e2e8f0' }));
      const label = svgEl('text', { x: L - 4, y: py(t) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#475569' });
      label.textContent = `1e${t}`;
      this.grads.append(label);
    }
    gradStd.forEach((g, k) => {
      const y = py(logs[k]);
      this.grads.append(svgEl('rect', { x: L + k * bw + 4, y, width: bw - 8, height: Math.max(0, H - B - y), fill: g > 0 ? '#dc2626' : '#94a3b8' }));
      const label = svgEl('text', { x: L + k * bw + bw / 2, y: H - 6, 'text-anchor': 'middle', 'font-size': 11, fill: '#475569' });
      label.textContent = g > 0 ? `layer ${k + 1}` : `layer ${k + 1}: 0`;
      this.grads.append(label);
    });
  }
}

function quantile(a, q) {
  const s = Float32Array.from(a).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
