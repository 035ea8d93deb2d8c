// A function of one variable and the derivative the engine computes for it, plotted over an interval, with a
// point the reader drags (or types) to read both values there. <nabla-activation> and <nabla-loss> are this
// figure with their own menus of curves (activationCurves.js, lossCurves.js).
import { h } from '../../lib/dom.js';
import { guard, messageBox, numberField, svgDataX } from './figureTools.js';
import { SERIES_COLORS, drawLinePlot } from './linePlot.js';
import { fmt, getNabla } from './shared.js';

const NS = 'http://www.w3.org/2000/svg';
const svgEl = (tag, attrs) => {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

/**
 * `curves`: id -> { name, variable, labels: [f, f'], param?: { name, value, min, max }, domain: [lo, hi],
 * curve(nb, xs: Float32Array, p) -> { y, dy } }. `choice` picks the first shown, `x` the point read out.
 */
export class CurveFigure {
  constructor(root, { curves, choice, x = 0.5, points = 201 }) {
    if (!curves[choice]) throw new Error(`"${choice}": expected one of ${Object.keys(curves).join(', ')}`);
    this.root = root;
    this.curves = curves;
    this.points = points;
    this.select = h('select', { 'aria-label': 'function' }, ...Object.entries(curves).map(([id, c]) => h('option', { value: id }, c.name)));
    this.select.value = choice;
    this.xField = numberField('x', { value: x, min: -1e3, max: 1e3, step: 0.1 });
    this.paramSlot = h('span');
    this.message = messageBox();
    this.svg = svgEl('svg', { class: 'nabla-plot', role: 'img', 'data-figure': 'curve' });
    this.legend = h('p', { class: 'nabla-legend' });
    this.readout = h('p', { class: 'nabla-stats', 'aria-live': 'polite', 'data-readout': '' });
    root.append(h('div', { class: 'nabla-tools' }, h('label', {}, 'function ', this.select), this.paramSlot, this.xField.label),
      this.message, this.svg, this.legend, this.readout);
    this.select.addEventListener('change', () => { this.setParamField(); this.update(); });
    this.xField.input.addEventListener('input', () => this.update({ redraw: false }));
    let dragging = false;
    const drag = (e) => {
      if (!dragging || !this.xs) return;
      this.xField.input.value = svgDataX(this.svg, e, this.xs).toFixed(2);
      this.update({ redraw: false });
    };
    this.svg.addEventListener('pointerdown', (e) => { dragging = true; this.svg.setPointerCapture?.(e.pointerId); drag(e); });
    this.svg.addEventListener('pointermove', drag);
    this.svg.addEventListener('pointerup', () => { dragging = false; });
    this.setParamField();
  }

  get current() { return this.curves[this.select.value]; }

  setParamField() {
    const p = this.current.param;
    this.paramField = p ? numberField(p.name, p) : null;
    this.paramSlot.replaceChildren(...(p ? [this.paramField.label] : []));
    this.paramField?.input.addEventListener('input', () => this.update());
  }

  async start() {
    this.nb = await getNabla();
    this.update();
  }

  /** Redraws the curve (unless only x moved) and the read-out; bad input leaves both as they were. */
  update({ redraw = true } = {}) {
    if (!this.nb) return;
    guard(this.root, this.message, () => {
      const c = this.current;
      const p = this.paramField ? this.paramField.read() : undefined;
      const x = this.xField.read();
      if (redraw || !this.drawn || this.drawn.id !== this.select.value) {
        const [lo, hi] = c.domain;
        const xs = Float32Array.from({ length: this.points }, (_, i) => lo + ((hi - lo) * i) / (this.points - 1));
        const { y, dy } = c.curve(this.nb, xs, p);
        this.xs = xs;
        this.maps = drawLinePlot(this.svg, { xs, series: [y, dy], labels: c.labels });
        this.svg.setAttribute('aria-label', `${c.name}: ${c.labels[0]} and ${c.labels[1]} over [${lo}, ${hi}]`);
        this.legend.replaceChildren(...c.labels.map((l, k) => h('span', { style: `color:${SERIES_COLORS[k]}` }, `━ ${l}  `)));
        this.drawn = { id: this.select.value };
        this.marks = svgEl('g', { class: 'marks' });
        this.svg.append(this.marks);
      }
      const at = c.curve(this.nb, Float32Array.of(x), p);
      const fx = at.y[0], dfx = at.dy[0];
      this.drawMarks(x, fx, dfx);
      this.readout.textContent = `${c.variable} = ${fmt(x)}    ${c.labels[0]} = ${fmt(fx)}    ${c.labels[1]} = ${fmt(dfx)}`;
      Object.assign(this.root.dataset, { curve: this.select.value, x: String(x), f: String(fx), df: String(dfx) });
    });
  }

  drawMarks(x, fx, dfx) {
    const { px, py, yRange } = this.maps;
    const [y0, y1] = yRange;
    const inside = (v) => Number.isFinite(v) && v >= y0 && v <= y1;
    this.marks.replaceChildren();
    if (x < this.xs[0] || x > this.xs[this.xs.length - 1]) return;
    this.marks.append(svgEl('line', { x1: px(x), x2: px(x), y1: py(y1), y2: py(y0), stroke: '#f59e0b', 'stroke-dasharray': '4 3' }));
    [fx, dfx].forEach((v, k) => {
      if (inside(v)) this.marks.append(svgEl('circle', { cx: px(x), cy: py(v), r: 5, fill: SERIES_COLORS[k], stroke: '#fff', 'stroke-width': 1.5 }));
    });
  }
}
