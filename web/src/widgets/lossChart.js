// Train and test loss against epochs, drawn live with uPlot (log-scale loss axis).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { canvasTheme, onThemeChange } from '../lib/playground/palette.js';

// The legend shows the point under the cursor, or the latest values when the cursor is elsewhere.
const latest = (u, v, si, idx) => (idx == null ? u.data[si]?.[u.data[si].length - 1] : v);
const fmt = (v, digits) => (v == null ? '–' : v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toFixed(digits));

export class LossChart {
  constructor(container) {
    this.container = container;
    this.x = [];
    this.train = [];
    this.test = [];
    this.theme = canvasTheme();
    this.plot = this.makePlot();
    this.resizer = new ResizeObserver(() => this.plot.setSize({ width: Math.max(200, container.clientWidth), height: 150 }));
    this.resizer.observe(container);
    // uPlot takes its colours once: a new scheme gets a new plot of the same points
    this.stopThemeWatch = onThemeChange((theme) => {
      this.theme = theme;
      this.plot.destroy();
      this.plot = this.makePlot();
      this.flush();
    });
  }

  makePlot() {
    const { container, theme } = this;
    const axis = { stroke: theme.axis, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 } };
    return new uPlot({
      width: Math.max(200, container.clientWidth), height: 150,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [{ ...axis, label: 'epoch', size: 30, labelSize: 14 }, {
        ...axis, size: 50, space: 22, values: (u, splits) => splits.map((v) => (v == null ? '' : v >= 0.01 ? String(+v.toPrecision(2)) : v.toExponential(0))),
      }],
      series: [
        { label: 'epoch', value: (u, v, si, idx) => fmt(latest(u, v, si, idx), 1) },
        { label: 'train loss', stroke: theme.ink, width: 1.5, points: { show: false }, value: (u, v, si, idx) => fmt(latest(u, v, si, idx), 4) },
        { label: 'test loss', stroke: theme.test, width: 1.5, dash: [4, 3], points: { show: false }, value: (u, v, si, idx) => fmt(latest(u, v, si, idx), 4) },
      ],
    }, [[], [], []], container);
  }

  /** Removes the chart: uPlot keeps window listeners (and so the whole plot, ~19 KB) until destroyed. */
  destroy() {
    this.resizer.disconnect();
    this.stopThemeWatch();
    this.plot.destroy();
  }

  reset() {
    this.x = []; this.train = []; this.test = [];
    this.drawnAt = 0;
    this.plot.setData([[], [], []]);
  }

  /** Appends one point; keeps at most 2000 (thinned by half when full) so drawing stays cheap. */
  add(epoch, trainLoss, testLoss) {
    if (this.x.length && epoch <= this.x[this.x.length - 1]) return;
    const ok = (v) => (Number.isFinite(v) && v > 0 ? v : null);
    this.x.push(epoch); this.train.push(ok(trainLoss)); this.test.push(ok(testLoss));
    if (this.x.length > 2000) {
      const keep = (a) => a.filter((_, i) => i % 2 === 0);
      this.x = keep(this.x); this.train = keep(this.train); this.test = keep(this.test);
    }
    // the curve needs no more than ~10 redraws a second; the heatmap gets the frame budget
    const now = performance.now();
    if (now - (this.drawnAt ?? 0) >= 100) this.flush(now);
  }

  /** Redraws with every point added so far (up to the epoch set by showUntil). */
  flush(now = performance.now()) {
    this.drawnAt = now;
    if (this.until == null) return this.plot.setData([this.x, this.train, this.test]);
    const n = this.x.findIndex((e) => e > this.until);
    const cut = (a) => (n < 0 ? a : a.slice(0, n));
    this.plot.setData([cut(this.x), cut(this.train), cut(this.test)], false); // the axes keep the whole run
  }

  /** Shows the curves only up to `epoch` (a moment scrubbed back to); null shows all of them again. */
  showUntil(epoch) {
    this.until = epoch;
    this.flush();
  }
}
