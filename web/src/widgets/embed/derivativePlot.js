// The derivative plot: f and its first derivatives by repeated grad over an interval, for tanh (HIPS
// autograd's README figure) or a function the person types.
import { ExprError } from '../../lib/expr/index.js';
import { TANH, compileFunction, derivativeSeries } from './derivatives.js';
import { h } from '../../lib/dom.js';
import { SERIES_COLORS, drawLinePlot } from './linePlot.js';
import { getNabla } from './shared.js';

const ORDER_NAMES = ['f', "f′", "f″", "f‴", 'f⁽⁴⁾', 'f⁽⁵⁾', 'f⁽⁶⁾', 'f⁽⁷⁾', 'f⁽⁸⁾'];

export class DerivativePlot {
  constructor(root, { fn = 'tanh(x)', from = -7, to = 7, orders = 6, editable = true } = {}) {
    this.root = root;
    this.fnInput = h('input', { type: 'text', class: 'nabla-code', 'aria-label': 'f(x)', spellcheck: 'false' });
    this.fnInput.value = fn;
    this.fromInput = h('input', { type: 'number', step: 'any', 'aria-label': 'from' });
    this.toInput = h('input', { type: 'number', step: 'any', 'aria-label': 'to' });
    this.ordersInput = h('input', { type: 'number', min: '0', max: '8', step: '1', 'aria-label': 'derivatives' });
    this.fromInput.value = from; this.toInput.value = to; this.ordersInput.value = orders;
    const form = h('form', { class: 'nabla-tools' },
      h('label', {}, 'f(x) = ', this.fnInput), h('label', {}, 'from ', this.fromInput), h('label', {}, 'to ', this.toInput),
      h('label', {}, 'derivatives ', this.ordersInput), h('button', { type: 'submit', class: 'primary' }, 'Plot'));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.run(); });
    if (!editable) form.hidden = true;
    this.error = h('pre', { class: 'nabla-error', role: 'alert' });
    this.error.hidden = true;
    this.svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.svg.setAttribute('class', 'nabla-plot');
    this.svg.setAttribute('role', 'img');
    this.legend = h('p', { class: 'nabla-legend' });
    this.status = h('p', { class: 'nabla-muted' });
    root.append(form, this.error, this.svg, this.legend, this.status);
  }

  async run() {
    const nb = await getNabla();
    const source = this.fnInput.value.trim();
    try {
      const from = Number(this.fromInput.value), to = Number(this.toInput.value), orders = Number(this.ordersInput.value);
      if (!Number.isFinite(from) || !Number.isFinite(to)) throw new Error('the interval ends must be numbers');
      if (!Number.isInteger(orders) || orders < 0 || orders > 8) throw new Error(`derivatives: expected a whole number from 0 to 8, got ${this.ordersInput.value}`);
      const f = source === 'tanh(x)' ? TANH : compileFunction(source);
      const t0 = performance.now();
      const { xs, series } = derivativeSeries(nb, f, { from, to, n: 200, orders });
      const ms = performance.now() - t0;
      const labels = series.map((_, k) => ORDER_NAMES[k]);
      drawLinePlot(this.svg, { xs, series, labels });
      this.svg.setAttribute('aria-label', `${source} and its first ${orders} derivatives on [${from}, ${to}]`);
      this.legend.replaceChildren(...labels.map((l, k) => h('span', { style: `color:${SERIES_COLORS[k]}` }, `━ ${l}  `)));
      this.status.textContent = `${orders} derivatives at 200 points by repeated grad: ${ms.toFixed(0)} ms`;
      this.root.dataset.ms = ms.toFixed(1);
      this.root.dataset.series = String(series.length);
      this.error.hidden = true;
      this.root.dataset.error = '';
      this.series = series;
    } catch (err) {
      this.error.textContent = err instanceof ExprError
        ? `${err.message}\n${source.split('\n')[err.line - 1] ?? ''}\n${' '.repeat(Math.max(0, err.column - 1))}^`
        : `Error: ${err?.message ?? err}`;
      this.error.hidden = false;
      this.root.dataset.error = err instanceof ExprError ? `${err.line}:${err.column}` : 'error';
    }
  }
}
