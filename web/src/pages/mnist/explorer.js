// The padding and stride explorer: an N x N input with P cells of zero padding around it, a K x K kernel
// stepping S cells at a time; the output size floor((N + 2P - K) / S) + 1 worked out, and each output cell
// lit as the kernel reaches it.
import { h } from '../../lib/dom.js';
import { outputSize } from '../../lib/mnist/inside.js';

const CELL = 22;
const STEP_MS = 500;

export class PadStrideExplorer {
  constructor(container) {
    this.container = container;
    this.v = { n: 5, k: 3, p: 1, s: 2 };
    this.at = 0;
    this.timer = 0;
    const field = (key, label, min, max) => {
      const input = h('input', { type: 'number', id: `ex-${key}`, min: String(min), max: String(max), step: '1', value: String(this.v[key]) });
      input.oninput = () => { this.v[key] = Number(input.value); this.at = 0; this.draw(); };
      return h('label', {}, label, input);
    };
    this.formula = h('p', { id: 'ex-formula' });
    this.canvas = h('canvas', { id: 'ex-canvas', 'aria-label': 'the padded input and the kernel window' });
    this.out = h('canvas', { id: 'ex-out', 'aria-label': 'the output cells' });
    this.playButton = h('button', { type: 'button', id: 'ex-play', onclick: () => this.play() }, 'Play');
    container.append(
      h('div', { class: 'explorer-fields' }, field('n', 'input size', 1, 12), field('k', 'kernel', 1, 9), field('p', 'padding', 0, 4), field('s', 'stride', 1, 4)),
      h('div', { class: 'row' }, this.playButton, h('button', { type: 'button', onclick: () => { this.at++; this.draw(); } }, 'Step')),
      this.formula, h('div', { class: 'window' }, this.canvas, this.out));
    this.draw();
  }

  play() {
    if (this.timer) { clearInterval(this.timer); this.timer = 0; } else this.timer = setInterval(() => { this.at++; this.draw(); }, STEP_MS);
    this.playButton.textContent = this.timer ? 'Pause' : 'Play';
  }

  draw() {
    const { n, k, p, s } = this.v;
    const ok = [n, k, p, s].every(Number.isInteger) && n >= 1 && k >= 1 && p >= 0 && s >= 1;
    const o = ok ? outputSize(n, k, s, p) : 0;
    this.container.dataset.output = String(Math.max(0, o));
    if (!ok || o < 1) {
      this.formula.textContent = ok ? `The ${k}×${k} kernel does not fit in the ${n + 2 * p}×${n + 2 * p} padded input: no output.` : 'Sizes must be whole numbers: input, kernel and stride at least 1, padding at least 0.';
      this.canvas.width = this.out.width = 0;
      return;
    }
    this.formula.textContent = `output = ⌊(${n} + 2·${p} − ${k}) / ${s}⌋ + 1 = ⌊${n + 2 * p - k} / ${s}⌋ + 1 = ${o}, so ${o}×${o}` +
      ((n + 2 * p - k) % s ? ` (the last ${(n + 2 * p - k) % s} column${(n + 2 * p - k) % s > 1 ? 's are' : ' is'} never reached)` : '');
    const side = n + 2 * p, i = this.at % (o * o), y = Math.floor(i / o), x = i % o;
    const ctx = this.canvas.getContext('2d');
    this.canvas.width = this.canvas.height = side * CELL;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const padCell = r < p || c < p || r >= p + n || c >= p + n;
        ctx.fillStyle = padCell ? '#e9edf2' : '#c9d8f0';
        ctx.fillRect(c * CELL + 1, r * CELL + 1, CELL - 2, CELL - 2);
        if (padCell) { ctx.fillStyle = '#7a8591'; ctx.fillText('0', c * CELL + CELL / 2, r * CELL + CELL / 2); }
      }
    }
    ctx.strokeStyle = '#f0a020';
    ctx.lineWidth = 3;
    ctx.strokeRect(x * s * CELL + 1.5, y * s * CELL + 1.5, k * CELL - 3, k * CELL - 3);
    const octx = this.out.getContext('2d');
    this.out.width = this.out.height = o * CELL;
    for (let r = 0; r < o; r++) {
      for (let c = 0; c < o; c++) {
        const done = r * o + c <= i;
        octx.fillStyle = r === y && c === x ? '#f0a020' : done ? '#9db8e6' : '#eef1f5';
        octx.fillRect(c * CELL + 1, r * CELL + 1, CELL - 2, CELL - 2);
      }
    }
  }
}
