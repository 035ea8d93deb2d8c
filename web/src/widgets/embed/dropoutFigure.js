// <nabla-dropout>: dropout's and DropConnect's masks drawn on a small network (each mask drawn by the engine's
// dropout op: units for dropout, weights for DropConnect), and training curves of one network trained three ways
// by the engine's Trainer (no dropping, dropout, DropConnect), from the same initial weights on a small noisy set.
import { h } from '../../lib/dom.js';
import { guard, messageBox, noisyMoons, numberField } from './figureTools.js';
import { SERIES_COLORS, drawLinePlot } from './linePlot.js';
import { fmt, getNabla } from './shared.js';

const NS = 'http://www.w3.org/2000/svg';
const svgEl = (tag, attrs) => {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};
const SIZES = [3, 6, 6, 2];        // the drawn network
const HIDDEN = 32, STEPS = 2400, EVERY = 60;

export class DropoutFigure {
  constructor(root, { mode = 'dropout', p = 0.2, seed = 4 } = {}) {
    if (!['dropout', 'dropconnect'].includes(mode)) throw new Error(`mode="${mode}": expected dropout or dropconnect`);
    this.root = root;
    this.seed = seed;
    this.mode = h('select', { 'aria-label': 'what is dropped' }, h('option', { value: 'dropout' }, 'dropout (units)'), h('option', { value: 'dropconnect' }, 'DropConnect (weights)'));
    this.mode.value = mode;
    this.p = numberField('p', { value: p, min: 0, max: 1, step: 0.05 });
    this.maskButton = h('button', { type: 'button', onclick: () => this.drawMask() }, 'New mask');
    this.trainButton = h('button', { type: 'button', class: 'primary', onclick: () => this.train() }, 'Train the three');
    this.message = messageBox();
    this.net = svgEl('svg', { class: 'nabla-plot nabla-net', viewBox: '0 0 640 240', role: 'img', 'aria-label': 'the mask on a small network' });
    this.maskNote = h('p', { class: 'nabla-muted', 'data-mask': '' });
    this.curves = svgEl('svg', { class: 'nabla-plot', role: 'img', 'aria-label': 'test loss while training' });
    this.legend = h('p', { class: 'nabla-legend' });
    this.status = h('p', { class: 'nabla-muted', 'aria-live': 'polite' });
    root.append(h('div', { class: 'nabla-tools' }, h('label', {}, 'drop ', this.mode), this.p.label, this.maskButton, this.trainButton), this.message,
      this.net, this.maskNote, h('p', { class: 'nabla-legend' }, 'Test loss while training (the same network and batches; dropping only in training)'), this.curves, this.legend, this.status);
    this.mode.addEventListener('change', () => this.drawMask());
    this.p.input.addEventListener('change', () => { if (this.drawMask()) this.train(); });
  }

  async start() {
    this.nb = await getNabla();
    ({ train: this.trainSet, test: this.testSet } = noisyMoons(this.nb, this.seed));
    this.drawMask();
    this.train();
  }

  /** A new mask from the engine's dropout op, drawn on the small network; false (and a message) for a bad p. */
  drawMask() {
    if (!this.nb) return false;
    return guard(this.root, this.message, () => {
      const p = this.readP();
      const nb = this.nb, units = this.mode.value === 'dropout';
      // dropout(ones) is the mask already scaled: 0 where dropped, 1/(1 - p) where kept
      const masks = nb.tidy(() => SIZES.slice(1).map((n, l) => [...nb.nn.functional.dropout(nb.ones(units ? [n] : [n, SIZES[l]]), p, true).data()]));
      const W = 640, H = 240, x = (l) => 60 + (l * (W - 120)) / (SIZES.length - 1);
      const y = (l, i) => H / 2 + (i - (SIZES[l] - 1) / 2) * 34;
      // dropout drops hidden units (not the output layer); DropConnect drops the weights into every layer
      const unitKept = (l, i) => !units || l === 0 || l === SIZES.length - 1 || masks[l - 1][i] !== 0;
      const edgeKept = (l, o, i) => (units ? unitKept(l, i) && unitKept(l + 1, o) : masks[l][o * SIZES[l] + i] !== 0);
      this.net.replaceChildren();
      let kept = 0, total = 0;
      for (let l = 0; l < SIZES.length - 1; l++) for (let o = 0; o < SIZES[l + 1]; o++) for (let i = 0; i < SIZES[l]; i++) {
        const on = edgeKept(l, o, i);
        if (!units) { kept += on; total++; }
        this.net.append(svgEl('line', { x1: x(l), y1: y(l, i), x2: x(l + 1), y2: y(l + 1, o), stroke: on ? '#2563eb' : '#cbd5e1',
          'stroke-width': on ? 1.6 : 1, 'stroke-dasharray': on ? '' : '3 3', 'data-kept': String(on) }));
      }
      SIZES.forEach((n, l) => {
        for (let i = 0; i < n; i++) {
          const on = unitKept(l, i);
          if (units && l > 0 && l < SIZES.length - 1) { kept += on; total++; }
          this.net.append(svgEl('circle', { cx: x(l), cy: y(l, i), r: 10, fill: on ? '#fff' : '#e2e8f0', stroke: on ? '#0f172a' : '#94a3b8', 'data-unit-kept': String(on) }));
        }
      });
      this.maskNote.textContent = `${units ? 'hidden units' : 'weights'} kept: ${kept} of ${total}; each kept one is scaled by 1/(1 − p) = ${fmt(1 / (1 - p))}`
        + (units ? '; a dropped unit takes its links with it' : '');
      Object.assign(this.maskNote.dataset, { mask: this.mode.value, kept: String(kept), total: String(total) });
    });
  }

  readP() {
    const p = this.p.read();
    if (p >= 1) throw new RangeError(`p = ${p}: expected a number from 0 up to (not including) 1: at p = 1 nothing is kept`);
    return p;
  }

  /** The network's layers for one way of training; the same Linear layers in the same order, so the same weights. */
  layers(kind, p) {
    const nb = this.nb;
    const dc = kind === 'dropconnect' ? { dropConnect: p } : {};
    const drop = () => (kind === 'dropout' ? [nb.nn.dropout(p)] : []);
    return [nb.nn.linear(2, HIDDEN, dc), nb.nn.relu(), ...drop(), nb.nn.linear(HIDDEN, HIDDEN, dc), nb.nn.relu(), ...drop(), nb.nn.linear(HIDDEN, 2)];
  }

  train() {
    if (!this.nb) return;
    guard(this.root, this.message, () => {
      const p = this.readP();
      this.stop();
      const kinds = [['none', 'no dropping'], ['dropout', `dropout p = ${fmt(p)}`], ['dropconnect', `DropConnect p = ${fmt(p)}`]];
      this.runs = kinds.map(([kind, name]) => {
        this.nb.manualSeed(this.seed);
        const layers = this.layers(kind, p);
        const model = this.nb.nn.sequential(...layers);
        const trainer = this.nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.01 }, loss: 'crossEntropy', batchSize: 16, seed: this.seed });
        trainer.setData(this.trainSet.x, this.trainSet.y, this.trainSet.n);
        return { kind, name, layers, model, trainer, test: [], train: [] };
      });
      this.steps = [];
      this.root.dataset.done = 'false';
      const chunk = () => {
        const step = (this.steps.at(-1) ?? -EVERY) + EVERY;
        for (const run of this.runs) {
          if (step > 0) run.trainer.step(EVERY);
          run.test.push(run.trainer.evaluate(this.testSet.x, this.testSet.y, this.testSet.n).loss);
          run.train.push(run.trainer.evaluate(this.trainSet.x, this.trainSet.y, this.trainSet.n).loss);
        }
        this.steps.push(step);
        this.drawCurves();
        if (step < STEPS) this.timer = requestAnimationFrame(chunk);
        else { this.timer = null; this.root.dataset.done = 'true'; }
      };
      this.timer = requestAnimationFrame(chunk);
    });
  }

  drawCurves() {
    const xs = Float64Array.from(this.steps);
    if (xs.length < 2) return;
    drawLinePlot(this.curves, { xs, series: this.runs.map((r) => Float32Array.from(r.test)), labels: this.runs.map((r) => r.name) });
    this.legend.replaceChildren(...this.runs.map((r, k) => h('span', { style: `color:${SERIES_COLORS[k]}` },
      `━ ${r.name}: test ${fmt(r.test.at(-1))}, train ${fmt(r.train.at(-1))}   `)));
    this.status.textContent = `step ${xs.at(-1)} of ${STEPS}: 2-${HIDDEN}-${HIDDEN}-2 ReLU, Adam lr 0.01, batches of 16, `
      + `${this.trainSet.n} training and ${this.testSet.n} test points; losses evaluated without dropping (eval mode)`;
    for (const r of this.runs) this.root.dataset[`${r.kind}Test`] = String(r.test.at(-1));
    this.root.dataset.steps = String(xs.at(-1));
  }

  stop() {
    if (this.timer) cancelAnimationFrame(this.timer);
    this.timer = null;
    for (const r of this.runs ?? []) { r.trainer.dispose(); r.model.dispose(); for (const l of r.layers) l.dispose(); }
    this.runs = [];
  }

  dispose() { this.stop(); }
}
