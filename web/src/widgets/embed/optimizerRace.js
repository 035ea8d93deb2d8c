// <nabla-optimizer-race>: nabla's optimizers side by side on a 2-D loss surface (Rosenbrock, a saddle, an
// ill-conditioned bowl). Each racer is one parameter tensor of shape [2] with its own engine optimizer; every
// step is backward of the surface at that point and the optimizer's step(). Learning rates change live; a
// racer whose point leaves the finite numbers (or runs off past 1e6) stops and is marked "diverged".
import { OPTIMIZERS } from '../../lib/concepts/formulas/optimizers.js';
import { h } from '../../lib/dom.js';
import { guard, messageBox, numberField, playLoop } from './figureTools.js';
import { SERIES_COLORS } from './linePlot.js';
import { fmt, getNabla } from './shared.js';

/** Each surface: f on tensors (elementwise in x and y), where to start, what to show, good learning rates. */
export const SURFACES = {
  rosenbrock: {
    name: 'Rosenbrock valley', tex: '(1 - x)^2 + 100 (y - x^2)^2',
    f: (x, y) => x.neg().add(1).pow(2).add(y.sub(x.pow(2)).pow(2).mul(100)),
    start: [-1.2, 1], view: [-2, 2, -1, 3], min: [1, 1],
    lr: { sgd: 0.0015, momentum: 0.0005, nesterov: 0.0005, rmsprop: 0.01, adam: 0.05, adamw: 0.05 },
  },
  saddle: {
    name: 'saddle', tex: 'x^2 - y^2 + y^4 / 4',
    f: (x, y) => x.pow(2).sub(y.pow(2)).add(y.pow(4).mul(0.25)),
    start: [1.8, 0.02], view: [-2, 2, -2.5, 2.5], min: [0, Math.SQRT2],
    lr: { sgd: 0.05, momentum: 0.02, nesterov: 0.02, rmsprop: 0.02, adam: 0.05, adamw: 0.05 },
  },
  bowl: {
    name: 'ill-conditioned bowl', tex: 'x^2 / 2 + 25 y^2',
    f: (x, y) => x.pow(2).mul(0.5).add(y.pow(2).mul(25)),
    start: [-4.5, 1.2], view: [-5, 5, -2, 2], min: [0, 0],
    lr: { sgd: 0.035, momentum: 0.01, nesterov: 0.01, rmsprop: 0.05, adam: 0.1, adamw: 0.1 },
  },
};

const GRID = 120;
const FAR = 1e6;
const MAX_STEPS = 2000;

export class OptimizerRace {
  constructor(root, { surface = 'rosenbrock', stepsPerFrame = 4 } = {}) {
    if (!SURFACES[surface]) throw new Error(`surface="${surface}": expected one of ${Object.keys(SURFACES).join(', ')}`);
    this.root = root;
    this.stepsPerFrame = stepsPerFrame;
    this.surfaceSelect = h('select', { 'aria-label': 'surface' }, ...Object.entries(SURFACES).map(([id, s]) => h('option', { value: id }, s.name)));
    this.surfaceSelect.value = surface;
    this.loop = playLoop(() => this.advance(this.stepsPerFrame));
    this.playButton = this.loop.button;
    this.stepButton = h('button', { type: 'button', onclick: () => this.advance(1) }, 'Step');
    this.resetButton = h('button', { type: 'button', onclick: () => this.reset() }, 'Reset');
    this.message = messageBox();
    this.canvas = h('canvas', { class: 'nabla-race', width: '560', height: '420', role: 'img', 'aria-label': 'optimizer paths on the loss surface' });
    this.table = h('div', { class: 'nabla-racers' });
    this.status = h('p', { class: 'nabla-muted', 'aria-live': 'polite' });
    root.append(h('div', { class: 'nabla-tools' }, h('label', {}, 'surface ', this.surfaceSelect), this.playButton, this.stepButton, this.resetButton),
      this.message, this.canvas, this.table, this.status);
    this.surfaceSelect.addEventListener('change', () => this.reset());
    this.racers = [];
  }

  async start() {
    this.nb = await getNabla();
    this.reset();
  }

  get surface() { return SURFACES[this.surfaceSelect.value]; }

  /** New racers at the surface's start, with its learning rates; the background drawn once. */
  reset() {
    this.pause();
    this.disposeRacers();
    const s = this.surface;
    this.racers = Object.entries(OPTIMIZERS).map(([id, o], k) => {
      const lr = numberField(`${o.name} lr`, { value: s.lr[id], min: 0, max: 10, exclusiveMin: true });
      const racer = { id, o, lr, color: SERIES_COLORS[(k + 1) % SERIES_COLORS.length], path: [[...s.start]], status: 'running', loss: NaN };
      lr.input.addEventListener('change', () => this.setLr(racer));
      return racer;
    });
    for (const r of this.racers) {
      r.param = this.nb.tensor(s.start, { requiresGrad: true });
      r.opt = r.o.make(this.nb, [r.param], { ...r.o.defaults, lr: s.lr[r.id] });
      r.loss = this.lossAt(s.start);
    }
    this.steps = 0;
    this.background = this.drawSurface();
    this.table.replaceChildren(...this.racers.map((r) => {
      r.cell = h('span', { class: 'nabla-racer-status', 'data-racer': r.id });
      return h('div', { class: 'nabla-racer' }, h('span', { style: `color:${r.color}` }, '●'), r.lr.label, r.cell);
    }));
    guard(this.root, this.message, () => {});
    this.render();
  }

  /** A new learning rate for one racer, live; an out-of-range one is refused and the race goes on as it was. */
  setLr(r) {
    guard(this.root, this.message, () => { r.opt.lr = r.lr.read(); });
  }

  lossAt([x, y]) {
    return this.nb.tidy(() => this.surface.f(this.nb.scalar(x), this.nb.scalar(y)).item());
  }

  /** n optimizer steps for every racer still running. */
  advance(n) {
    const nb = this.nb;
    for (let i = 0; i < n && this.steps < MAX_STEPS; i++) {
      for (const r of this.racers) {
        if (r.status !== 'running') continue;
        nb.tidy(() => {
          r.opt.zeroGrad();
          const loss = this.surface.f(r.param.slice(0, 0, 1), r.param.slice(0, 1, 2)).sum();
          loss.backward();
          r.opt.step();
        });
        const p = [...r.param.data()];
        if (!p.every(Number.isFinite) || Math.hypot(...p) > FAR) {
          r.status = 'diverged';
          continue;
        }
        r.path.push(p);
        r.loss = this.lossAt(p);
      }
      this.steps++;
    }
    if (this.steps >= MAX_STEPS || this.racers.every((r) => r.status !== 'running')) this.pause();
    this.render();
  }

  pause() { this.loop.pause(); }

  /** The surface as a heat map of log(1 + f - f_min) over the view, evaluated by the engine on a grid. */
  drawSurface() {
    const { view, f, min } = this.surface;
    const [x0, x1, y0, y1] = view;
    const xs = new Float32Array(GRID * GRID), ys = new Float32Array(GRID * GRID);
    for (let j = 0; j < GRID; j++) for (let i = 0; i < GRID; i++) {
      xs[j * GRID + i] = x0 + ((x1 - x0) * (i + 0.5)) / GRID;
      ys[j * GRID + i] = y1 - ((y1 - y0) * (j + 0.5)) / GRID;
    }
    const values = this.nb.tidy(() => f(this.nb.tensor(xs, [xs.length]), this.nb.tensor(ys, [ys.length])).data());
    const fmin = this.lossAt(min);
    const levels = Float32Array.from(values, (v) => Math.log1p(Math.max(0, v - fmin)));
    const top = Math.max(...levels);
    const image = new ImageData(GRID, GRID);
    levels.forEach((l, k) => {
      const t = l / top;
      const band = Math.floor(t * 14) % 2 ? 0.93 : 1;   // contour bands
      image.data[k * 4] = (248 - 120 * t) * band;
      image.data[k * 4 + 1] = (250 - 90 * t) * band;
      image.data[k * 4 + 2] = (252 - 30 * t) * band;
      image.data[k * 4 + 3] = 255;
    });
    return createImageBitmap(image);
  }

  async render() {
    const ctx = this.canvas.getContext('2d');
    const { width: W, height: H } = this.canvas;
    const [x0, x1, y0, y1] = this.surface.view;
    const px = (x) => ((x - x0) / (x1 - x0)) * W, py = (y) => ((y1 - y) / (y1 - y0)) * H;
    const steps = this.steps;
    const bitmap = await this.background;
    if (steps !== this.steps) return; // a newer frame is on its way
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(bitmap, 0, 0, W, H);
    const [mx, my] = this.surface.min;
    ctx.fillStyle = '#0f172a';
    ctx.font = '14px system-ui, sans-serif';
    ctx.fillText('★', px(mx) - 6, py(my) + 5);
    for (const r of this.racers) {
      ctx.strokeStyle = r.color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      r.path.forEach(([x, y], k) => (k ? ctx.lineTo(px(x), py(y)) : ctx.moveTo(px(x), py(y))));
      ctx.stroke();
      const [x, y] = r.path[r.path.length - 1];
      ctx.fillStyle = r.color;
      ctx.beginPath();
      ctx.arc(px(x), py(y), 4, 0, 2 * Math.PI);
      ctx.fill();
      if (r.status === 'diverged') {
        ctx.font = 'bold 13px system-ui, sans-serif';
        ctx.fillText(`${r.o.name} diverged`, Math.min(W - 120, Math.max(4, px(x) + 6)), Math.min(H - 6, Math.max(14, py(y) - 6)));
      }
      r.cell.textContent = r.status === 'diverged'
        ? `diverged after ${r.path.length - 1} steps`
        : `loss ${fmt(r.loss)} at (${fmt(x)}, ${fmt(y)})`;
      r.cell.dataset.status = r.status;
    }
    this.status.textContent = `step ${this.steps} of at most ${MAX_STEPS}: each step is one backward pass of the surface and one optimizer step per racer`;
    this.root.dataset.steps = String(this.steps);
    this.root.dataset.surface = this.surfaceSelect.value;
    this.root.dataset.racers = this.racers.map((r) => `${r.id}:${r.status}:${r.loss}`).join(' ');
  }

  disposeRacers() {
    for (const r of this.racers) { r.param?.dispose(); r.opt?.dispose(); }
    this.racers = [];
  }

  dispose() {
    this.pause();
    this.disposeRacers();
  }
}
