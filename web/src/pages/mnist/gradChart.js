// The gradient-norm history of the MNIST page: one line per layer with parameters (the norm of all its
// parameters' gradients in the last step of each training chunk, log scale) against training steps, and a
// plain-language hint when the latest norms vanish or explode (thresholds from lib/mnist/inside.js).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { GRAD_LIMITS, gradientHint, layerNorms } from '../../lib/mnist/inside.js';
import { canvasTheme } from '../../lib/playground/palette.js';

const HEIGHT = 190;
const COLOURS = ['#2864c8', '#d0452b', '#3aa35c', '#c8388f', '#8c64d2', '#e6781e', '#1f9aa8', '#7a6a2a'];

export class GradChart {
  constructor(container, hint) {
    Object.assign(this, { container, hint });
    this.plot = null;
    this.resizer = new ResizeObserver(() => this.plot?.setSize({ width: this.width(), height: HEIGHT }));
    this.resizer.observe(container);
  }

  width() { return Math.max(200, this.container.clientWidth); }

  /** A new model: labels = child name -> what the legend calls it ("2 conv(16,5)"). */
  reset(paramNames, labelOf) {
    this.names = paramNames;
    this.layers = layerNorms(paramNames, new Float32Array(paramNames.length)).map((l) => l.layer);
    this.labels = this.layers.map(labelOf);
    this.data = [[], ...this.layers.map(() => [])];
    this.plot?.destroy();
    const theme = canvasTheme();
    const axis = { stroke: theme.axis, grid: { stroke: theme.grid }, ticks: { stroke: theme.grid } };
    this.plot = new uPlot({
      width: this.width(), height: HEIGHT,
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [{ ...axis, label: 'step', size: 30, labelSize: 14 }, { ...axis, size: 52, values: (u, v) => v.map((x) => (x == null ? '' : x.toExponential(0))) }],
      series: [{ label: 'step' }, ...this.labels.map((label, i) => ({ label, stroke: COLOURS[i % COLOURS.length], width: 1.5, points: { show: false } }))],
    }, this.data, this.container);
    this.hint.textContent = `Norms per layer while training. The hint warns when a norm falls below ${GRAD_LIMITS.vanish} or ` +
      `${GRAD_LIMITS.vanishRatio}× the largest layer's (vanishing), or rises above ${GRAD_LIMITS.explode} (exploding).`;
    this.hint.dataset.kind = '';
    this.container.dataset.points = '0';
  }

  /** One point per layer at `step` from the per-parameter norms of a progress message. */
  add(step, gradNorms) {
    if (!this.plot || gradNorms.length !== this.names.length) return;
    const layers = layerNorms(this.names, gradNorms);
    if (this.data[0].length && step <= this.data[0].at(-1)) return;
    this.data[0].push(step);
    // A log scale cannot show 0: a layer with no gradient at all is drawn at the floor of the scale.
    layers.forEach((l, i) => this.data[i + 1].push(l.norm > 0 && Number.isFinite(l.norm) ? l.norm : null));
    this.plot.setData(this.data);
    this.container.dataset.points = String(this.data[0].length);
    const h = gradientHint(layers.map((l, i) => ({ label: this.labels[i], norm: l.norm })));
    if (h) {
      this.hint.textContent = h.text;
      this.hint.dataset.kind = h.kind;
    } else if (this.hint.dataset.kind) {
      this.hint.textContent = 'The gradients look healthy now: no layer vanishes or explodes.';
      this.hint.dataset.kind = '';
    }
  }
}
