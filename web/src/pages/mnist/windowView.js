// The convolution (and pooling) explained on the live model: the kernel's window slides over the layer's
// input; for the current output value the view shows the input patch, the kernel weights, each input
// channel's sum of products, the bias and the total, next to the engine's own value of that output.
// Shapes: input (C, H, W), output (O, H', W'); K = kernel, S = stride, P = padding.
import { h } from '../../lib/dom.js';
import { convTerms, poolWindow } from '../../lib/mnist/inside.js';
import { channel, drawMap, fmt, maxAbs, numberGrid } from './maps.js';

const STEP_MS = 350;
const scaled = (n) => Math.max(4, Math.min(12, Math.floor(168 / n))); // px per cell

/** Draws map (H x W) with `pad` empty cells around it, scaled; box = [top, left, size] in map cells (may be < 0). */
function drawBig(canvas, values, H, W, range, pad, box) {
  const s = scaled(Math.max(H, W) + 2 * pad);
  const small = document.createElement('canvas');
  drawMap(small, values, H, W, range);
  canvas.width = (W + 2 * pad) * s;
  canvas.height = (H + 2 * pad) * s;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#e9edf2';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, pad * s, pad * s, W * s, H * s);
  if (pad) {
    ctx.strokeStyle = '#9aa6b2';
    ctx.setLineDash([3, 3]);
    ctx.strokeRect(pad * s + 0.5, pad * s + 0.5, W * s - 1, H * s - 1);
    ctx.setLineDash([]);
  }
  const [top, left, size] = box;
  ctx.strokeStyle = '#f0a020';
  ctx.lineWidth = 2;
  ctx.strokeRect((left + pad) * s + 1, (top + pad) * s + 1, size * s - 2, size * s - 2);
  return s;
}

export class WindowView {
  /** kind: 'conv' | 'maxpool' | 'avgpool'; opts: { K, stride, pad }; where: { channel } (output channel). */
  constructor(container, l, msg, where, kind, opts) {
    Object.assign(this, { container, kind, opts });
    this.o = where.channel ?? 0;
    this.c = kind === 'conv' ? 0 : this.o;
    this.y = 0;
    this.x = 0;
    this.timer = 0;
    this.update(l, msg);
  }

  destroy() { clearInterval(this.timer); }

  update(l, msg) {
    this.l = l;
    this.convs = msg.convs;
    this.render();
  }

  move(dy) {
    const [, Ho, Wo] = this.l.shape;
    let i = this.y * Wo + this.x + dy;
    i = ((i % (Ho * Wo)) + Ho * Wo) % (Ho * Wo);
    this.y = Math.floor(i / Wo);
    this.x = i % Wo;
    this.render();
  }

  play() {
    if (this.timer) { clearInterval(this.timer); this.timer = 0; } else this.timer = setInterval(() => this.move(1), STEP_MS);
    this.render();
  }

  render() {
    const { l, kind, opts } = this;
    const [C, H, W] = l.input.shape;
    const [O, Ho, Wo] = l.shape;
    const { K, stride } = opts;
    const pad = kind === 'conv' ? opts.pad : 0;
    const input = { input: l.input.values, C, H, W };
    const engine = l.values[(this.o * Ho + this.y) * Wo + this.x];
    let numbers, sum, top, left;
    if (kind === 'conv') {
      const p = this.convs[l.name];
      const t = convTerms(input, { weight: p.weight, bias: p.bias, K, stride, pad }, this.o, this.y, this.x);
      ({ sum, top, left } = t);
      const ch = t.channels[this.c];
      // a + b − c: each channel's partial sum with its sign as the operator (the chosen channel underlined).
      const terms = t.channels.flatMap((q, c) => {
        const term = h('span', { class: c === this.c ? 'mark' : '' }, fmt(c && q.partial < 0 ? -q.partial : q.partial));
        return c ? [q.partial < 0 ? ' − ' : ' + ', term] : [term];
      });
      numbers = h('div', { class: 'terms' },
        h('div', { class: 'grids' },
          h('figure', {}, h('figcaption', {}, `input patch, channel ${this.c}`), numberGrid(ch.patch, K)),
          h('span', { class: 'op' }, '⊙'),
          h('figure', {}, h('figcaption', {}, `kernel ${this.o}, channel ${this.c}`), numberGrid(ch.kernel, K, { cls: 'kernel' })),
          h('span', { class: 'op' }, '='),
          h('figure', {}, h('figcaption', {}, 'sum of products'), h('b', { id: 'conv-partial', 'data-value': String(ch.partial) }, fmt(ch.partial)))),
        h('p', { class: 'sum-line' }, C > 1 ? `over the ${C} input channels: ` : '', ...terms, ` + bias ${t.bias < 0 ? `(${fmt(t.bias)})` : fmt(t.bias)} = `,
          h('b', { id: 'window-sum', 'data-value': String(sum) }, fmt(sum))));
    } else {
      const t = poolWindow(input, { K, stride, kind }, this.o, this.y, this.x);
      sum = t.result;
      top = this.y * stride;
      left = this.x * stride;
      numbers = h('div', { class: 'terms' },
        h('div', { class: 'grids' }, h('figure', {}, h('figcaption', {}, `window, channel ${this.o}`), numberGrid(t.values, K, { mark: t.pick })),
          h('span', { class: 'op' }, '→'),
          h('figure', {}, h('figcaption', {}, kind === 'maxpool' ? 'largest' : 'mean'), h('b', { id: 'window-sum', 'data-value': String(sum) }, fmt(sum)))));
    }
    const inCanvas = h('canvas', { class: 'big', 'aria-label': 'the layer input with the window' });
    drawBig(inCanvas, channel(l.input.values, this.c, H, W), H, W, maxAbs(l.input.values), pad, [top, left, K]);
    const outCanvas = h('canvas', { class: 'big', id: 'window-out', 'aria-label': 'the output map; click a value to see how it is made' });
    // While playing, the output fills in as the window reaches each value (blank beyond it).
    let out = channel(l.values, this.o, Ho, Wo);
    if (this.timer) {
      out = out.slice();
      out.fill(0, this.y * Wo + this.x + 1);
    }
    const s = drawBig(outCanvas, out, Ho, Wo, maxAbs(l.values), 0, [this.y, this.x, 1]);
    outCanvas.onclick = (e) => {
      const r = outCanvas.getBoundingClientRect();
      this.x = Math.min(Wo - 1, Math.floor(((e.clientX - r.left) / r.width) * outCanvas.width / s));
      this.y = Math.min(Ho - 1, Math.floor(((e.clientY - r.top) / r.height) * outCanvas.height / s));
      this.render();
    };
    const chooser = kind === 'conv' && C > 1 ? h('label', {}, 'input channel ', this.select(C, this.c, (v) => { this.c = v; this.render(); })) : '';
    const title = kind === 'conv' ? `Convolution: output channel ${this.o} of ${O}, value (${this.y}, ${this.x}) of ${Ho}×${Wo}`
      : `${kind === 'maxpool' ? 'Max' : 'Average'}-pooling: channel ${this.o}, value (${this.y}, ${this.x}) of ${Ho}×${Wo}`;
    const how = kind === 'conv'
      ? `A ${K}×${K} kernel, stride ${stride}, padding ${pad}: each output value is the sum over all ${C} input channels of the patch times the kernel, plus the bias.`
      : `A ${K}×${K} window, stride ${stride}: each output value is the ${kind === 'maxpool' ? 'largest' : 'mean'} value under the window.`;
    this.container.replaceChildren(
      h('p', { class: 'hint' }, how),
      h('div', { class: 'row' },
        h('button', { type: 'button', id: 'window-prev', onclick: () => this.move(-1) }, '◀'),
        h('button', { type: 'button', id: 'window-play', onclick: () => this.play() }, this.timer ? 'Pause' : 'Play'),
        h('button', { type: 'button', id: 'window-next', onclick: () => this.move(1) }, '▶'), chooser),
      h('h3', { id: 'window-title' }, title),
      h('div', { class: 'window' },
        h('figure', {}, h('figcaption', {}, `input ${C}×${H}×${W}${pad ? `, padded by ${pad}` : ''}`), inCanvas),
        numbers,
        h('figure', {}, h('figcaption', {}, `output ${O}×${Ho}×${Wo}`), outCanvas,
          h('p', {}, "the engine's value: ", h('b', { id: 'window-engine', 'data-value': String(engine) }, fmt(engine))))));
  }

  select(n, value, onchange) {
    const sel = h('select', { id: 'window-channel' });
    for (let i = 0; i < n; i++) sel.append(new Option(String(i), String(i)));
    sel.value = String(value);
    sel.onchange = () => onchange(Number(sel.value));
    return sel;
  }
}
