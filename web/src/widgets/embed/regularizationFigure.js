// <nabla-regularization>: the same network trained twice by the engine's Trainer on a small noisy data set, once
// without a regularizer and once with the chosen one (L1, L2, L2 inside Adam, or AdamW's decoupled decay), from
// the same initial weights and batches; each side shows its decision boundary, its weight histogram and its
// train and test accuracy, so the reader sees what the penalty does to the weights and to the fit.
import { DOMAIN } from '../../lib/playground/toyData.js';
import { h } from '../../lib/dom.js';
import { Heatmap } from '../heatmap.js';
import { guard, messageBox, noisyMoons, numberField } from './figureTools.js';
import { fmt, getNabla } from './shared.js';

const NS = 'http://www.w3.org/2000/svg';
const svgEl = (tag, attrs) => {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

/** The regularizers: how each sets up the Trainer (Adam, lr 0.01) at rate lambda, and the rate each starts at. */
export const REGULARIZERS = {
  l1: { name: 'L1', rate: 0.003, trainer: (lambda) => ({ regularization: 'l1', regularizationRate: lambda }) },
  l2: { name: 'L2', rate: 0.003, trainer: (lambda) => ({ regularization: 'l2', regularizationRate: lambda }) },
  adamL2: { name: 'L2 inside Adam (weightDecay)', rate: 0.01, trainer: (lambda) => ({ optimizerOptions: { lr: 0.01, weightDecay: lambda } }) },
  // AdamW shrinks by lr * lambda per step (lr = 0.01), so its lambda is on another scale than the penalties'.
  adamW: { name: 'decoupled weight decay (AdamW)', rate: 1, trainer: (lambda) => ({ optimizer: 'adamw', optimizerOptions: { lr: 0.01, weightDecay: lambda } }) },
};

const GRID = 64, BINS = 40, STEPS = 3000, CHUNK = 150;
const HIDDEN = [32, 32];

function gridInputs() {
  const x = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++) for (let c = 0; c < GRID; c++) {
    x[(r * GRID + c) * 2] = -DOMAIN + ((c + 0.5) / GRID) * 2 * DOMAIN;
    x[(r * GRID + c) * 2 + 1] = DOMAIN - ((r + 0.5) / GRID) * 2 * DOMAIN;
  }
  return x;
}

export class RegularizationFigure {
  constructor(root, { regularizer = 'l2', rate, seed = 3 } = {}) {
    if (!REGULARIZERS[regularizer]) throw new Error(`regularizer="${regularizer}": expected one of ${Object.keys(REGULARIZERS).join(', ')}`);
    this.root = root;
    this.seed = seed;
    this.select = h('select', { 'aria-label': 'regularizer' }, ...Object.entries(REGULARIZERS).map(([id, r]) => h('option', { value: id }, r.name)));
    this.select.value = regularizer;
    this.rate = numberField('λ', { value: rate ?? REGULARIZERS[regularizer].rate, min: 0, max: 10 });
    this.trainButton = h('button', { type: 'button', class: 'primary', onclick: () => this.restart() }, 'Train again');
    this.message = messageBox();
    this.sides = ['without', 'with'].map((which) => {
      const canvas = h('canvas', { class: 'heat', role: 'img', 'aria-label': `decision boundary ${which} the regularizer` });
      const hist = svgEl('svg', { class: 'nabla-hist', viewBox: `0 0 ${BINS * 4} 60`, role: 'img', 'aria-label': `weights ${which} the regularizer` });
      const title = h('h4', { class: 'nabla-side-title' });
      const stats = h('p', { class: 'nabla-muted' });
      const el = h('figure', { class: 'nabla-side', 'data-side': which }, title, canvas, hist, stats);
      return { which, canvas, hist, title, stats, el, heatmap: null };
    });
    this.status = h('p', { class: 'nabla-muted', 'aria-live': 'polite' });
    root.append(h('div', { class: 'nabla-tools' }, h('label', {}, 'regularizer ', this.select), this.rate.label, this.trainButton),
      this.message, h('div', { class: 'nabla-sides' }, ...this.sides.map((s) => s.el)), this.status);
    this.select.addEventListener('change', () => { this.rate.input.value = String(REGULARIZERS[this.select.value].rate); this.restart(); });
    this.rate.input.addEventListener('change', () => this.restart());
  }

  async start() {
    this.nb = await getNabla();
    const { train, test, points } = noisyMoons(this.nb, this.seed);
    this.train = train;
    this.test = test;
    this.grid = gridInputs();
    for (const s of this.sides) {
      s.heatmap = new Heatmap(s.canvas);
      s.heatmap.setPoints(points.train, points.test, 'classify');
    }
    this.restart();
  }

  /** Two fresh trainers from the same weights; then STEPS steps in chunks, drawing after each. */
  restart() {
    if (!this.nb) return;
    guard(this.root, this.message, () => {
      const lambda = this.rate.read();
      const reg = REGULARIZERS[this.select.value];
      this.stop();
      this.runs = [{ name: 'no regularizer', options: {} }, { name: `${reg.name}, λ = ${fmt(lambda)}`, options: reg.trainer(lambda) }].map(({ name, options }) => {
        this.nb.manualSeed(this.seed);
        const model = this.nb.nn.mlp({ inputs: 2, hidden: HIDDEN, outputs: 2, activation: 'relu' });
        const trainer = this.nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.01 }, loss: 'crossEntropy', batchSize: 16, seed: this.seed, ...options });
        trainer.setData(this.train.x, this.train.y, this.train.n);
        return { name, model, trainer, steps: 0 };
      });
      this.root.dataset.regularizer = this.select.value;
      this.root.dataset.rate = String(lambda);
      this.loop();
    });
  }

  loop() {
    const chunk = () => {
      for (const run of this.runs) { run.trainer.step(CHUNK); run.steps += CHUNK; }
      this.draw();
      if (this.runs[0].steps < STEPS) this.timer = requestAnimationFrame(chunk);
      else { this.timer = null; this.root.dataset.done = 'true'; }
    };
    this.root.dataset.done = 'false';
    this.timer = requestAnimationFrame(chunk);
  }

  stop() {
    if (this.timer) cancelAnimationFrame(this.timer);
    this.timer = null;
    for (const run of this.runs ?? []) { run.trainer.dispose(); run.model.dispose(); }
    this.runs = [];
  }

  /** Weight matrices only (the trainer leaves biases unpenalized too). */
  weights(run) {
    return [...run.trainer.stateDict().values()].filter((p) => p.shape.length >= 2).flatMap((p) => [...p.data]);
  }

  draw() {
    const all = this.runs.map((run) => this.weights(run));
    const range = Math.max(1e-3, ...all.map((w) => Math.max(...w.map(Math.abs))));
    this.runs.forEach((run, k) => {
      const side = this.sides[k], w = all[k];
      side.heatmap.setOutputs(run.trainer.predict(this.grid, GRID * GRID), GRID, 2);
      const train = run.trainer.evaluate(this.train.x, this.train.y, this.train.n), test = run.trainer.evaluate(this.test.x, this.test.y, this.test.n);
      const small = w.filter((v) => Math.abs(v) < 1e-2).length / w.length;
      const sumSq = w.reduce((s, v) => s + v * v, 0);
      side.title.textContent = run.name;
      side.stats.textContent = `train: loss ${fmt(train.loss)}, accuracy ${(100 * train.accuracy).toFixed(0)}%; test: loss ${fmt(test.loss)}, accuracy ${(100 * test.accuracy).toFixed(0)}%; `
        + `Σw² ${fmt(sumSq)}, |w| < 0.01: ${(100 * small).toFixed(0)}% of ${w.length} weights (step ${run.steps})`;
      this.drawHistogram(side.hist, w, range);
      Object.assign(side.el.dataset, { sumSq: String(sumSq), small: String(small), testLoss: String(test.loss), steps: String(run.steps) });
    });
    this.status.textContent = `Both networks: 2-${HIDDEN.join('-')}-2 ReLU, Adam lr 0.01, batches of 16, the same initial weights; `
      + `${this.train.n} training points (filled), ${this.test.n} test points (rings). Histograms share the range ±${fmt(range)}.`;
  }

  drawHistogram(svg, w, range) {
    const counts = new Array(BINS).fill(0);
    for (const v of w) counts[Math.min(BINS - 1, Math.max(0, Math.floor(((v + range) / (2 * range)) * BINS)))]++;
    const top = Math.max(...counts);
    svg.replaceChildren(...counts.map((c, b) => {
      const height = Math.sqrt(c / top) * 56;   // square-root scale: the tails stay visible next to a tall peak
      return svgEl('rect', { x: b * 4 + 0.3, y: 58 - height, width: 3.4, height, fill: '#9333ea' });
    }), svgEl('line', { x1: BINS * 2, x2: BINS * 2, y1: 0, y2: 60, stroke: '#94a3b8', 'stroke-dasharray': '2 2' }));
  }

  dispose() { this.stop(); }
}
