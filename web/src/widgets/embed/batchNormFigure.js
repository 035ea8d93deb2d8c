// <nabla-batchnorm>: a 2-16-16-2 ReLU network with a BatchNorm layer after each hidden Linear, trained by the
// engine's Trainer on the moons; while it trains, histograms of each hidden layer's values before and after its
// BatchNorm (the Trainer's per-layer activations over the training set, in eval mode: the running statistics),
// and how far the running mean is from the mean the data actually gives that layer now.
import { generate } from '../../lib/playground/toyData.js';
import { h } from '../../lib/dom.js';
import { guard, messageBox, numberField, playLoop } from './figureTools.js';
import { fmt, getNabla } from './shared.js';

const NS = 'http://www.w3.org/2000/svg';
const svgEl = (tag, attrs) => {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};
const BINS = 36, UNITS = 16, STEPS_PER_FRAME = 10, MAX_STEPS = 3000;
// Children of the Sequential: 0 Linear, 1 BatchNorm, 2 ReLU, 3 Linear, 4 BatchNorm, 5 ReLU, 6 Linear.
const LAYERS = [{ name: 'hidden layer 1', before: '0', after: '1', bn: '1' }, { name: 'hidden layer 2', before: '3', after: '4', bn: '4' }];

function moments(values) {
  let m = 0;
  for (const v of values) m += v;
  m /= values.length;
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return { mean: m, std: Math.sqrt(s / values.length) };
}

export class BatchNormFigure {
  constructor(root, { seed = 2 } = {}) {
    this.root = root;
    this.seed = seed;
    this.lr = numberField('lr', { value: 0.01, min: 0, max: 1, exclusiveMin: true });
    this.momentum = numberField('BatchNorm momentum α', { value: 0.1, min: 0, max: 1 });
    this.affine = h('input', { type: 'checkbox', 'aria-label': 'learnable scale and shift' });
    this.affine.addEventListener('change', () => this.reset());
    this.loop = playLoop(() => {
      this.trainer.step(STEPS_PER_FRAME);
      this.loss = this.trainer.evaluate(this.data.x, this.data.y, this.data.n).loss; // the whole set's, as at the start
      this.steps += STEPS_PER_FRAME;
      this.draw();
      return this.steps < MAX_STEPS;
    });
    this.playButton = this.loop.button;
    this.resetButton = h('button', { type: 'button', onclick: () => this.reset() }, 'Reset');
    this.message = messageBox();
    this.panels = LAYERS.map((layer) => {
      const make = (which) => {
        const svg = svgEl('svg', { class: 'nabla-hist', viewBox: `0 0 ${BINS * 4} 60`, role: 'img', 'aria-label': `${layer.name} ${which} BatchNorm` });
        const caption = h('figcaption', {});
        return { svg, caption, el: h('figure', { 'data-layer': layer.bn, 'data-which': which }, svg, caption) };
      };
      const before = make('before'), after = make('after');
      const gap = h('p', { class: 'nabla-muted' });
      return { layer, before, after, gap, el: h('div', { class: 'nabla-bn-layer' }, h('h4', { class: 'nabla-side-title' }, layer.name), h('div', { class: 'nabla-sides' }, before.el, after.el), gap) };
    });
    this.status = h('p', { class: 'nabla-muted', 'aria-live': 'polite' });
    root.append(h('div', { class: 'nabla-tools' }, this.playButton, this.resetButton, this.lr.label, this.momentum.label,
      h('label', { class: 'nabla-check' }, this.affine, ' learnable γ, β')), this.message,
      ...this.panels.map((p) => p.el), this.status);
    this.lr.input.addEventListener('change', () => guard(this.root, this.message, () => this.trainer?.setLearningRate(this.lr.read())));
    this.momentum.input.addEventListener('change', () => this.reset());
  }

  async start() {
    this.nb = await getNabla();
    const points = generate(this.nb, 'moons', { n: 300, noise: 0.2, seed: this.seed, classes: 2 });
    this.data = { x: Float32Array.from(points.flatMap((p) => [p.x, p.y])), y: Float32Array.from(points.map((p) => p.label)), n: points.length };
    this.reset();
  }

  /** A fresh network and trainer (BatchNorm momentum from the field); a bad value keeps the running one. */
  reset() {
    if (!this.nb) return;
    guard(this.root, this.message, () => {
      const momentum = this.momentum.read(), lr = this.lr.read();
      this.pause();
      this.disposeNet();
      const nb = this.nb;
      nb.manualSeed(this.seed);
      const bn = { momentum, affine: this.affine.checked };
      this.layers = [nb.nn.linear(2, UNITS), nb.nn.batchNorm1d(UNITS, bn), nb.nn.relu(),
        nb.nn.linear(UNITS, UNITS), nb.nn.batchNorm1d(UNITS, bn), nb.nn.relu(), nb.nn.linear(UNITS, 2)];
      this.model = nb.nn.sequential(...this.layers);
      this.trainer = nb.trainer({ model: this.model, optimizer: 'adam', optimizerOptions: { lr }, loss: 'crossEntropy', batchSize: 32, seed: this.seed });
      this.trainer.setData(this.data.x, this.data.y, this.data.n);
      this.steps = 0;
      this.loss = this.trainer.evaluate(this.data.x, this.data.y, this.data.n).loss;
      this.draw();
    });
  }

  pause() { this.loop.pause(); }

  draw() {
    const acts = Object.fromEntries(this.trainer.activations(this.data.x, this.data.n).map((a) => [a.name, a.values]));
    const state = this.model.stateDict();   // the Module's state holds the running statistics (buffers) too
    const summary = {};
    for (const p of this.panels) {
      const before = acts[p.layer.before], after = acts[p.layer.after];
      const mb = moments(before), ma = moments(after);
      this.histogram(p.before.svg, before, '#64748b');
      this.histogram(p.after.svg, after, '#16a34a');
      p.before.caption.textContent = `before: mean ${fmt(mb.mean)}, std ${fmt(mb.std)}`;
      p.after.caption.textContent = `after: mean ${fmt(ma.mean)}, std ${fmt(ma.std)}`;
      // the data's per-unit mean of the pre-BN values against the layer's running mean
      const running = state.get(`${p.layer.bn}.running_mean`).data;
      let gap = 0;
      for (let u = 0; u < UNITS; u++) {
        let m = 0;
        for (let i = 0; i < this.data.n; i++) m += before[i * UNITS + u];
        gap += Math.abs(m / this.data.n - running[u]);
      }
      gap /= UNITS;
      p.gap.textContent = `running mean vs the data's mean of each unit before BatchNorm: off by ${fmt(gap)} on average`;
      summary[p.layer.bn] = { beforeStd: mb.std, afterStd: ma.std, afterMean: ma.mean, gap };
      Object.assign(p.el.dataset, { beforeStd: String(mb.std), afterStd: String(ma.std), afterMean: String(ma.mean), gap: String(gap) });
    }
    this.status.textContent = `step ${this.steps}: training loss ${fmt(this.loss)} (Adam, batches of 32, ${this.data.n} points). `
      + 'Histograms: every unit of the layer over the whole training set, in eval mode (running statistics).';
    this.root.dataset.steps = String(this.steps);
    this.root.dataset.loss = String(this.loss);
    this.root.dataset.affine = String(this.affine.checked);
  }

  histogram(svg, values, color) {
    const { mean, std } = moments(values);
    const lo = Math.min(...values), hi = Math.max(...values, lo + 1e-6);
    const counts = new Array(BINS).fill(0);
    for (const v of values) counts[Math.min(BINS - 1, Math.floor(((v - lo) / (hi - lo)) * BINS))]++;
    const top = Math.max(...counts);
    const x = (v) => ((v - lo) / (hi - lo)) * BINS * 4;
    svg.replaceChildren(...counts.map((c, b) => {
      const height = (c / top) * 50;
      return svgEl('rect', { x: b * 4 + 0.3, y: 52 - height, width: 3.4, height, fill: color });
    }), svgEl('line', { x1: x(mean), x2: x(mean), y1: 0, y2: 52, stroke: '#0f172a', 'stroke-width': 0.8 }));
    const label = svgEl('text', { x: 1, y: 59, 'font-size': 6, fill: '#475569' });
    label.textContent = `${fmt(lo)} … ${fmt(hi)}`;
    svg.append(label);
    svg.dataset.std = String(std);
  }

  disposeNet() {
    this.trainer?.dispose();
    this.model?.dispose();
    for (const l of this.layers ?? []) l.dispose();
    this.trainer = this.model = this.layers = null;
  }

  dispose() { this.pause(); this.disposeNet(); }
}
