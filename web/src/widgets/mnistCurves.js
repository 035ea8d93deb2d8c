// Live training curves of the MNIST page with uPlot: one chart for a metric (loss or accuracy) against
// epochs, the train value per chunk of steps as a line and the test value per epoch as dots.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const HEIGHT = 170;

export class MnistCurve {
  constructor(container, { label, log = false, digits = 4 }) {
    this.container = container;
    this.x = []; this.train = []; this.test = [];
    const fmt = (u, v) => (v == null ? '–' : v.toFixed(digits));
    this.plot = new uPlot({
      width: this.width(), height: HEIGHT,
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false }, y: log ? { distr: 3 } : { range: (u, lo, hi) => [Math.max(0, Math.min(lo, 0.8)), 1] } },
      axes: [{ label: 'epoch', size: 30, labelSize: 14 }, { size: 46 }],
      series: [
        { label: 'epoch', value: (u, v) => (v == null ? '–' : v.toFixed(2)) },
        { label: `train ${label}`, stroke: '#333', width: 1.5, points: { show: false }, spanGaps: true, value: fmt },
        { label: `test ${label}`, stroke: '#d0452b', width: 1.5, points: { show: true, size: 7, fill: '#d0452b' }, spanGaps: true, value: fmt },
      ],
    }, [[], [], []], container);
    this.resizer = new ResizeObserver(() => this.plot.setSize({ width: this.width(), height: HEIGHT }));
    this.resizer.observe(container);
  }

  /** Removes the chart: uPlot keeps window listeners (and so the whole plot, ~19 KB) until destroyed. */
  destroy() {
    this.resizer.disconnect();
    this.plot.destroy();
  }

  width() { return Math.max(200, this.container.clientWidth); }

  reset() {
    this.x = []; this.train = []; this.test = [];
    this.plot.setData([[], [], []]);
  }

  /**
   * Appends a point at `epoch` (fractional); either value may be null. A point at the same epoch as the last
   * one is merged into it (uPlot needs strictly increasing x: a repeated x hides the later point).
   */
  add(epoch, train, test) {
    const ok = (v) => (Number.isFinite(v) ? v : null);
    const last = this.x.length - 1;
    if (last >= 0 && epoch <= this.x[last]) {
      if (ok(train) != null) this.train[last] = ok(train);
      if (ok(test) != null) this.test[last] = ok(test);
    } else {
      this.x.push(epoch); this.train.push(ok(train)); this.test.push(ok(test));
    }
    this.plot.setData([this.x, this.train, this.test]);
  }
}
