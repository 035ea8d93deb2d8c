// The 2-D playground as a compact widget: the playground page's datasets, heatmap and training worker
// (web/src/worker/trainer.worker.js, messages in protocol.js), with Play / Step / Reset and the losses.
//
// NOTE: each playground widget has its own worker (and so its own copy of the engine): the worker keeps one
// network, and a page of several playgrounds trains them in parallel on separate cores. An idle worker costs
// no CPU: it sleeps on its message queue until Play, and the widget pauses it when scrolled out of view.
// The .wasm file is fetched once (HTTP cache) and the graph widgets share the page's main-thread instance.
import { classCount, DATASETS, generate, split } from '../../lib/playground/toyData.js';
import { DEFAULT_CURVE, compileCurve } from '../../lib/playground/curve.js';
import { ACTIVATIONS, LOSSES, OPTIMIZERS } from '../../lib/playground/state.js';
import { Heatmap } from '../heatmap.js';
import { h } from '../../lib/dom.js';
import { fmt, getNabla } from './shared.js';

const GRID = 64;

/** Widget attributes -> playground settings; Error naming the attribute for a bad value. */
export function playgroundConfig(attrs) {
  const get = (k, d) => attrs[k] ?? d;
  const dataset = get('dataset', 'spiral');
  if (!DATASETS[dataset]?.engine) throw new Error(`dataset="${dataset}": expected one of ${Object.keys(DATASETS).filter((d) => DATASETS[d].engine).join(', ')}`);
  const curve = get('curve', DEFAULT_CURVE);
  if (dataset === 'curve') compileCurve(curve); // an Error naming the column and problem
  const units = String(get('layers', '8,8')).split(',').filter(Boolean).map(Number);
  if (!units.length || units.some((u) => !Number.isInteger(u) || u < 1 || u > 64)) throw new Error(`layers="${attrs.layers}": expected units per hidden layer, e.g. 8,8 (1 to 64 each)`);
  const activation = get('activation', 'tanh');
  if (!ACTIVATIONS.includes(activation)) throw new Error(`activation="${activation}": expected one of ${ACTIVATIONS.join(', ')}`);
  const optimizer = get('optimizer', 'adam');
  if (!OPTIMIZERS.includes(optimizer)) throw new Error(`optimizer="${optimizer}": expected one of ${OPTIMIZERS.join(', ')}`);
  const num = (k, d, lo, hi) => {
    const v = Number(get(k, d));
    if (!Number.isFinite(v) || v < lo || v > hi) throw new Error(`${k}="${attrs[k]}": expected a number from ${lo} to ${hi}`);
    return v;
  };
  const regress = DATASETS[dataset].kind === 'regress';
  const loss = get('loss', regress ? 'mse' : 'xent');
  if (!LOSSES.includes(loss)) throw new Error(`loss="${loss}": expected one of ${LOSSES.join(', ')}`);
  return {
    dataset, classes: Math.round(num('classes', 3, 2, 5)), noise: num('noise', 0.1, 0, 1), points: Math.round(num('points', 300, 10, 2000)),
    seed: Math.round(num('seed', 1, 0, 2 ** 31)), lr: num('lr', 0.03, 1e-5, 10), batch: Math.round(num('batch', 16, 1, 2000)),
    layers: units.map((u) => ({ units: u, activation })), optimizer, loss, task: regress ? 'regress' : 'classify', curve,
  };
}

export class PlaygroundWidget {
  constructor(root, attrs) {
    this.root = root;
    this.settings = playgroundConfig(attrs);
    this.playing = false;
    this.visible = true;
    const canvas = h('canvas', { class: 'heat', width: '320', height: '320', 'aria-label': 'decision regions and data' });
    this.play = h('button', { type: 'button', class: 'primary', onclick: () => this.setPlaying(!this.playing) }, 'Play');
    const step = h('button', { type: 'button', onclick: () => { this.setPlaying(false); this.worker.postMessage({ type: 'step' }); } }, 'Step');
    const reset = h('button', { type: 'button', onclick: () => this.setup() }, 'Reset');
    this.stats = h('dl', { class: 'nabla-stats' });
    const s = this.settings;
    const about = h('p', { class: 'nabla-muted' }, `${DATASETS[s.dataset].name}; hidden layers ${s.layers.map((l) => l.units).join(', ')} (${s.layers[0].activation}); ${s.optimizer}, lr ${s.lr}`);
    root.append(h('div', { class: 'nabla-play' }, canvas,
      h('div', {}, h('div', { class: 'nabla-tools' }, this.play, step, reset), this.stats, about)));
    this.heatmap = new Heatmap(canvas);
    this.worker = new Worker(new URL('../../worker/trainer.worker.js', import.meta.url), { type: 'module' });
    this.worker.onerror = (e) => this.fail(`the training worker failed: ${e.message ?? 'could not start'}`);
    this.worker.onmessage = ({ data: msg }) => this.receive(msg);
    // Off-screen widgets stop training, so a long page of widgets only spends CPU on what the reader sees.
    this.observer = new IntersectionObserver(([entry]) => {
      this.visible = entry.isIntersecting;
      if (!this.visible && this.playing) this.setPlaying(false);
    });
    this.observer.observe(root);
  }

  fail(message) {
    this.root.dispatchEvent(new CustomEvent('nabla-error', { detail: message, bubbles: true, composed: true }));
    this.setPlaying(false);
  }

  receive(msg) {
    switch (msg.type) {
      case 'ready':
        this.root.dataset.threads = String(msg.build.threads);  // 1 on a page that is not cross-origin isolated
        return getNabla().then((nb) => { this.nb = nb; this.setup(); }); // the page's engine draws the points
      case 'frame': {
        const k = this.settings.task === 'regress' ? 1 : this.outputs;
        this.heatmap.setOutputs(msg.heatmap, GRID, k);
        const st = msg.stats;
        const row = (name, v) => h('div', {}, h('dt', {}, name), h('dd', {}, v));
        const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '–');
        this.stats.replaceChildren(row('epoch', String(Math.floor(st.epoch))), row('train loss', fmt(st.trainLoss)),
          row('test loss', fmt(st.testLoss)), ...(this.settings.task === 'classify' ? [row('test accuracy', pct(st.testAcc))] : []));
        Object.assign(this.root.dataset, { steps: String(st.steps), trainLoss: String(st.trainLoss), testAcc: String(st.testAcc) });
        if (!msg.playing && this.playing && !msg.force) this.setPlaying(false);
        this.worker.postMessage({ type: 'frameAck' });
        return;
      }
      case 'error': return this.fail(msg.message);
      default: return undefined;
    }
  }

  setup() {
    if (!this.nb) return; // before the engine is ready: 'ready' sets up
    const s = this.settings;
    this.outputs = classCount(s.dataset, s.classes);
    const points = generate(this.nb, s.dataset, { n: s.points, noise: s.noise, seed: s.seed, classes: s.classes, curve: s.curve });
    const { train, test } = split(this.nb, points, 0.7, s.seed);
    this.heatmap.setPoints(train, test, s.task);
    const cols = (pts) => ({ xs: Float32Array.from(pts, (p) => p.x), ys: Float32Array.from(pts, (p) => p.y), labels: Float32Array.from(pts, (p) => p.label) });
    const config = {
      features: ['x', 'y'], layers: s.layers, outputs: s.task === 'regress' ? 1 : this.outputs, task: s.task, loss: s.loss,
      optimizer: s.optimizer, lr: s.lr, batch: s.batch, reg: 'none', regRate: 0, dropout: 0, seed: s.seed, grid: GRID, thumbGrid: 2,
    };
    this.worker.postMessage({ type: 'setup', config, train: cols(train), test: cols(test) });
    if (this.playing) this.worker.postMessage({ type: 'play' });
    this.root.dataset.ready = 'true';
  }

  setPlaying(on) {
    this.playing = on;
    this.play.textContent = on ? 'Pause' : 'Play';
    this.play.setAttribute('aria-pressed', String(on));
    this.worker.postMessage({ type: on ? 'play' : 'pause' });
  }

  dispose() {
    this.observer.disconnect();
    this.worker.terminate();
  }
}
