// The network diagram: each neuron a small heatmap of what it responds to over the plane, drawn with the
// links on one canvas (hundreds of canvas elements cost more to composite than to paint), with thickness and colour by weight (or, in gradient mode, by the last step's gradient
// magnitude). Hovering shows values and the neuron's formula with live numbers; clicking a link edits it.
//   columns: inputs (features), hidden layers, outputs;  weight of layer l: (units_out, units_in)
import { CLASS_RGB, canvasTheme, cssRgb, onThemeChange } from '../lib/playground/palette.js';
import { FEATURES } from '../lib/playground/features.js';
import { planeInputs } from '../lib/playground/table.js';
import { gridPoints } from '../worker/protocol.js';
import { DOMAIN } from '../lib/playground/toyData.js';

const ACT_FORMULA = {
  relu: 'max(0, z)', tanh: 'tanh(z)', sigmoid: '1 / (1 + e^−z)', leaky: 'max(0.01z, z)',
  gelu: 'z·Φ(z)', linear: 'z',
};
const LABEL_WIDTH = 46; // the input column's names (features, or a table's columns) sit left of their thumbnails
const fmt = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(3) : v.toExponential(2)) : String(v));

export class NetworkDiagram {
  constructor(container, { onEditWeight } = {}) {
    this.el = container;
    this.onEditWeight = onEditWeight;
    this.links = document.createElement('canvas');
    this.links.className = 'links';
    this.tip = document.createElement('div');
    this.tip.className = 'tooltip';
    this.tip.setAttribute('role', 'tooltip');
    this.tip.hidden = true;
    this.editor = makeEditor((v) => this.commitEdit(v), () => this.closeEdit());
    container.append(this.links, this.tip, this.editor.form);
    this.neurons = [];
    this.showGrads = false;
    this.params = null;
    this.grads = null;
    this.probe = null;
    this.theme = canvasTheme();
    onThemeChange((theme) => { // thumbnails fade to the new background: repaint the inputs and the last frame
      this.theme = theme;
      if (!this.cols) return;
      this.paintInputs();
      if (this.frame) this.setFrame(this.frame);
      else this.redraw();
    });
    container.addEventListener('mousemove', (e) => this.hover(e));
    container.addEventListener('mouseleave', () => { this.tip.hidden = true; });
    container.addEventListener('click', (e) => this.click(e));
    new ResizeObserver(() => this.layout()).observe(container);
  }

  /** Rebuilds the columns for a new architecture; `table` ({ plane }) when the inputs are a CSV's columns. */
  setArchitecture({ features, table = null, layers, outputs, task, loss, thumbGrid, outputLabels }) {
    this.arch = { features, table, layers, outputs, task, loss, thumbGrid, outputLabels };
    this.cols = [features.length, ...layers.map((l) => l.units), outputs];
    // the last frame's weights belong to the old shapes: links wait for the new network's first frame
    this.params = null;
    this.grads = null;
    for (const n of this.neurons) { n.el.remove(); n.label?.remove(); }
    this.neurons = [];
    this.cols.forEach((units, col) => {
      for (let i = 0; i < units; i++) {
        // the thumbnail is painted off-screen and copied onto the shared canvas; `el` is the focusable frame
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = thumbGrid;
        const el = document.createElement('div');
        el.className = 'neuron';
        el.tabIndex = 0;
        el.setAttribute('role', 'img');
        el.setAttribute('aria-label', this.neuronName(col, i) + (col > 0 ? ' (Enter: edit its incoming weights)' : ''));
        el.addEventListener('focus', () => this.showNeuronTip(this.neuronAt(col, i)));
        el.addEventListener('blur', () => { this.tip.hidden = true; });
        el.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' && col > 0) {
            e.preventDefault();
            this.editIncoming(this.neuronAt(col, i));
          }
        });
        this.el.append(el);
        const label = col === 0 ? document.createElement('span') : null;
        if (label) {
          label.className = 'input-label';
          label.textContent = label.title = this.neuronName(0, i).replace(/^input /, '');
          label.setAttribute('aria-hidden', 'true'); // the neuron's own label names it
          this.el.append(label);
        }
        this.neurons.push({ col, i, canvas, el, label });
      }
    });
    this.frame = null;
    this.paintInputs();
    this.layout();
  }

  /** Inputs: the features themselves (or a table's slice) over the plane, computed once per architecture. */
  paintInputs() {
    const { features, table, thumbGrid } = this.arch;
    const g = gridPoints(thumbGrid, DOMAIN);
    const fm = planeInputs({ features, table }, g.xs, g.ys);
    features.forEach((_, j) => this.paint(this.neuronAt(0, j), fm, features.length, j));
  }

  neuronAt(col, i) {
    let at = 0;
    for (let c = 0; c < col; c++) at += this.cols[c];
    return this.neurons[at + i];
  }

  neuronName(col, i) {
    if (col === 0) return `input ${this.arch.table ? this.arch.features[i] : FEATURES[this.arch.features[i]].label}`;
    if (col === this.cols.length - 1) return this.arch.outputLabels[i];
    return `layer ${col}, neuron ${i + 1}`;
  }

  layout() {
    if (!this.cols) return;
    const width = this.el.clientWidth;
    const maxUnits = Math.max(...this.cols);
    const size = Math.max(9, Math.min(30, Math.floor((width / this.cols.length) * 0.45), Math.floor(420 / maxUnits)));
    const gap = Math.max(2, Math.round(size * 0.25));
    const height = Math.max(160, maxUnits * (size + gap) + 10);
    this.el.style.height = `${height}px`;
    const step = (width - size - 16 - LABEL_WIDTH) / Math.max(1, this.cols.length - 1);
    this.geom = { size, gap, height, width };
    for (const n of this.neurons) {
      const units = this.cols[n.col];
      const top = (height - (units * size + (units - 1) * gap)) / 2;
      n.x = 8 + LABEL_WIDTH + n.col * step;
      n.y = top + n.i * (size + gap);
      Object.assign(n.el.style, { left: `${n.x}px`, top: `${n.y}px`, width: `${size}px`, height: `${size}px` });
      if (n.label) Object.assign(n.label.style, { top: `${n.y}px`, width: `${LABEL_WIDTH + 2}px`, lineHeight: `${size}px` });
    }
    const dpr = window.devicePixelRatio || 1;
    this.links.width = Math.round(width * dpr);
    this.links.height = Math.round(height * dpr);
    this.links.style.width = `${width}px`;
    this.links.style.height = `${height}px`;
    this.redraw();
  }

  /** Paints neuron n from a (cells, stride) matrix column j, scaled by its own largest magnitude. */
  paint(n, values, stride, j) {
    const g = this.arch.thumbGrid;
    n.ctx ??= n.canvas.getContext('2d');
    n.img ??= n.ctx.createImageData(g, g);
    const { ctx, img } = n;
    let max = 1e-6;
    for (let p = 0; p < g * g; p++) max = Math.max(max, Math.abs(values[p * stride + j]));
    // divergingRgb inlined: this loop runs for every cell of every neuron on every frame
    const [lo, hi] = [CLASS_RGB[0], CLASS_RGB[1]], d = img.data, [br, bg, bb] = this.theme.base;
    for (let p = 0; p < g * g; p++) {
      const t = values[p * stride + j] / max, c = t < 0 ? lo : hi, a = Math.abs(t);
      d[p * 4] = br + (c[0] - br) * a; d[p * 4 + 1] = bg + (c[1] - bg) * a; d[p * 4 + 2] = bb + (c[2] - bb) * a;
      d[p * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }

  /** A worker frame: weights, gradients, hidden thumbnails, and the output heatmap (grid, k). */
  setFrame(frame) {
    const { params, grads, thumbs, heatmap, grid } = frame;
    if (!this.fits(linearLayers(params))) return; // a frame of the network before the last setArchitecture
    this.frame = frame;
    this.params = linearLayers(params);
    this.grads = linearLayers(grads);
    thumbs.forEach((t, l) => {
      for (let i = 0; i < this.cols[l + 1]; i++) this.paint(this.neuronAt(l + 1, i), t, this.cols[l + 1], i);
    });
    // outputs: the heatmap's values sampled down to thumbnail size
    const g = this.arch.thumbGrid, k = this.arch.outputs, out = new Float32Array(g * g * k);
    for (let r = 0; r < g; r++) {
      for (let c = 0; c < g; c++) {
        const src = Math.floor(((r + 0.5) / g) * grid) * grid + Math.floor(((c + 0.5) / g) * grid);
        for (let o = 0; o < k; o++) out[(r * g + c) * k + o] = heatmap[src * k + o];
      }
    }
    for (let o = 0; o < k; o++) this.paint(this.neuronAt(this.cols.length - 1, o), out, k, o);
    this.redraw();
    if (this.tipFor) this.showTipFor(this.tipFor);
  }

  setProbe(probe) {
    this.probe = probe;
    if (this.tipFor) this.showTipFor(this.tipFor);
  }

  setShowGradients(on) {
    this.showGrads = on;
    this.redraw();
  }

  redraw() {
    const ctx = this.links.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.links.width, this.links.height);
    if (!this.geom) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.scale(dpr, dpr);
    const layers = this.showGrads ? this.grads : this.params;
    if (this.fits(layers)) this.strokeLinks(ctx, layers);
    ctx.imageSmoothingEnabled = true;
    const size = this.geom.size;
    for (const n of this.neurons) ctx.drawImage(n.canvas, n.x, n.y, size, size);
  }

  /** Whether weight layers match the drawn columns, shape for shape (a frame may predate a new architecture). */
  fits(layers) {
    return !!layers && layers.length === this.cols.length - 1 &&
      layers.every((l, i) => l.w.shape[0] === this.cols[i + 1] && l.w.shape[1] === this.cols[i]);
  }

  strokeLinks(ctx, layers) {
    let max = 1e-12;
    for (const l of layers) for (const v of l.w.data) max = Math.max(max, Math.abs(v));
    const s = this.geom.size;
    const many = this.cols.reduce((a, u, i) => a + (i ? u * this.cols[i - 1] : 0), 0) > 1000;
    // Links go into 2 signs × BUCKETS magnitude paths, each stroked once: thousands of separate
    // stroke() calls cost a frame on big networks, a dozen paths cost almost nothing.
    const BUCKETS = 8;
    const paths = Array.from({ length: 2 * BUCKETS }, () => new Path2D());
    layers.forEach((l, li) => {
      const [out, fan] = l.w.shape;
      for (let o = 0; o < out; o++) {
        const b = this.neuronAt(li + 1, o);
        for (let j = 0; j < fan; j++) {
          const v = l.w.data[o * fan + j], m = Math.abs(v) / max;
          if (many && m < 0.25) continue; // thousands of faint links only hide the strong ones
          const a = this.neuronAt(li, j);
          const path = paths[(v >= 0 ? BUCKETS : 0) + Math.min(BUCKETS - 1, Math.floor(m * BUCKETS))];
          path.moveTo(a.x + s, a.y + s / 2);
          path.lineTo(b.x, b.y + s / 2);
        }
      }
    });
    paths.forEach((path, i) => {
      const m = ((i % BUCKETS) + 0.5) / BUCKETS, positive = i >= BUCKETS;
      ctx.strokeStyle = this.showGrads ? `rgba(150, 40, 190, ${0.15 + 0.85 * m})`
        : cssRgb(positive ? CLASS_RGB[1] : CLASS_RGB[0], 0.2 + 0.8 * m);
      ctx.lineWidth = many ? 0.2 + 1.5 * m : 0.4 + 4 * m;
      ctx.stroke(path);
    });
  }

  /** What is under the mouse: { neuron } or { link: { layer, out, in } } or null. */
  hit(e) {
    const r = this.el.getBoundingClientRect(), mx = e.clientX - r.left, my = e.clientY - r.top;
    const s = this.geom?.size;
    if (!s) return null;
    const n = this.neurons.find((q) => mx >= q.x && mx <= q.x + s && my >= q.y && my <= q.y + s);
    if (n) return { neuron: n };
    if (!this.params) return null;
    let best = null, bestD = 5;
    this.params.forEach((l, li) => {
      const [out, fan] = l.w.shape;
      const x0 = this.neuronAt(li, 0).x + s, x1 = this.neuronAt(li + 1, 0).x;
      if (mx < x0 || mx > x1) return;
      const t = (mx - x0) / (x1 - x0);
      for (let o = 0; o < out; o++) {
        const yb = this.neuronAt(li + 1, o).y + s / 2;
        for (let j = 0; j < fan; j++) {
          const ya = this.neuronAt(li, j).y + s / 2;
          const d = Math.abs(my - (ya + t * (yb - ya))) / Math.hypot(1, (yb - ya) / (x1 - x0));
          if (d < bestD) { bestD = d; best = { layer: li, out: o, in: j }; }
        }
      }
    });
    return best && { link: best };
  }

  hover(e) {
    if (!this.editor.form.hidden) return;
    const h = this.hit(e);
    this.tipFor = h;
    if (!h) {
      this.tip.hidden = true;
      this.el.style.cursor = '';
      return;
    }
    this.el.style.cursor = h.link ? 'pointer' : '';
    this.tipAt = [e.clientX - this.el.getBoundingClientRect().left, e.clientY - this.el.getBoundingClientRect().top];
    this.showTipFor(h);
  }

  showTipFor(h) {
    if (h.neuron) this.showNeuronTip(h.neuron);
    else this.showLinkTip(h.link);
  }

  showLinkTip({ layer, out, in: j }) {
    const l = this.params[layer], g = this.grads?.[layer];
    const idx = out * l.w.shape[1] + j;
    const from = this.neuronName(layer, j), to = this.neuronName(layer + 1, out);
    this.setTip(`<b>weight</b> ${from} → ${to}<br>w = ${fmt(l.w.data[idx])}` +
      (g ? `<br>∂loss/∂w (last step) = ${fmt(g.w.data[idx])}` : '') + '<br><i>click to edit</i>');
  }

  showNeuronTip(n) {
    this.tipFor = { neuron: n };
    if (!this.tipAt || n.el === document.activeElement) this.tipAt = [n.x + this.geom.size + 6, n.y];
    const name = this.neuronName(n.col, n.i);
    const p = this.probe;
    const at = p ? ` at (x, y) = (${fmt(p.x)}, ${fmt(p.y)})` : '';
    if (n.col === 0) {
      this.setTip(`<b>${name}</b>${at}${p ? `<br>value = ${fmt(p.input[n.i])}` : ''}<br><i>hover the plane to move the probe point</i>`);
      return;
    }
    const layer = this.params?.[n.col - 1];
    if (!layer || !p) {
      this.setTip(`<b>${name}</b><br>hover the plane to probe a point`);
      return;
    }
    const fan = layer.w.shape[1];
    const inputs = n.col === 1 ? p.input : p.layers[n.col - 2].post;
    const terms = [];
    for (let j = 0; j < fan; j++) terms.push(`(${fmt(layer.w.data[n.i * fan + j])})(${fmt(inputs[j])})`);
    const shown = terms.length > 6 ? [...terms.slice(0, 5), `… ${terms.length - 5} more`] : terms;
    const bias = layer.b ? layer.b.data[n.i] : 0;
    const last = n.col === this.cols.length - 1;
    const z = last ? p.logits[n.i] : p.layers[n.col - 1].pre[n.i];
    let html = `<b>${name}</b>${at}<br>z = Σ wᵢ·aᵢ + b = ${shown.join(' + ')} + (${fmt(bias)}) = <b>${fmt(z)}</b>`;
    if (!last) {
      const act = this.arch.layers[n.col - 1].activation;
      html += `<br>a = ${act}(z) = ${(ACT_FORMULA[act] ?? `${act}(z)`).replaceAll('z', fmt(z))} = <b>${fmt(p.layers[n.col - 1].post[n.i])}</b>`;
    } else if (this.arch.task === 'classify' && this.arch.loss !== 'mse') {
      html += `<br>p = softmax(z)<sub>${n.i}</sub> = e^z<sub>${n.i}</sub> / Σ e^z = <b>${fmt(p.output[n.i])}</b>`;
    }
    this.setTip(html);
  }

  setTip(html) {
    this.tip.innerHTML = html;
    this.tip.hidden = false;
    const [x, y] = this.tipAt ?? [0, 0];
    const w = this.tip.offsetWidth;
    this.tip.style.left = `${Math.max(0, Math.min(x + 12, this.el.clientWidth - w))}px`;
    this.tip.style.top = `${y + 14}px`;
  }

  click(e) {
    const h = this.hit(e);
    if (!h?.link) return;
    const { layer, out, in: j } = h.link;
    const l = this.params[layer];
    this.editing = { name: l.w.name, index: out * l.w.shape[1] + j };
    this.tip.hidden = true;
    const r = this.el.getBoundingClientRect();
    this.editor.open(l.w.data[this.editing.index], e.clientX - r.left, e.clientY - r.top,
      `${this.neuronName(layer, j)} → ${this.neuronName(layer + 1, out)}`);
  }

  /** Keyboard path to editing: the weights into neuron n, one chosen from a list. */
  editIncoming(n) {
    const l = this.params?.[n.col - 1];
    if (!l) return;
    const fan = l.w.shape[1];
    const choices = Array.from({ length: fan }, (_, j) => ({
      label: `from ${this.neuronName(n.col - 1, j)}`, name: l.w.name, index: n.i * fan + j, value: l.w.data[n.i * fan + j],
    }));
    this.tip.hidden = true;
    this.editing = choices[0];
    this.editor.open(choices[0].value, n.x, n.y + this.geom.size, `weights into ${this.neuronName(n.col, n.i)}`, choices,
      (c) => { this.editing = c; });
    this.editor.returnFocus = n.el;
  }

  commitEdit(value) {
    this.onEditWeight?.(this.editing.name, this.editing.index, value);
    this.closeEdit();
  }

  closeEdit() {
    this.editor.form.hidden = true;
    this.editor.returnFocus?.focus();
    this.editor.returnFocus = null;
  }
}

/** The parameters { name: { shape, data } } grouped as linear layers [{ w: { name, shape, data }, b }]. */
function linearLayers(params) {
  if (!params) return null;
  const layers = [];
  for (const [name, p] of Object.entries(params)) {
    if (p.shape.length === 2) layers.push({ w: { name, ...p }, b: null });
    else if (layers.length) layers[layers.length - 1].b = { name, ...p };
  }
  return layers;
}

/** A small floating form to type a new weight; Enter applies, Escape cancels. */
function makeEditor(onCommit, onCancel) {
  const form = document.createElement('form');
  form.className = 'weight-editor';
  form.hidden = true;
  form.innerHTML = `<div class="what"></div><label class="from">link <select></select></label>
    <label>new weight <input type="number" step="any" required></label>
    <button type="submit">Set</button> <button type="button" class="cancel">Cancel</button><div class="err" role="alert"></div>`;
  const input = form.querySelector('input'), err = form.querySelector('.err'), from = form.querySelector('select');
  let choices = [], onChoose = null;
  from.addEventListener('change', () => {
    const c = choices[Number(from.value)];
    input.value = String(Math.round(c.value * 1e4) / 1e4);
    onChoose(c);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = Number(input.value);
    if (input.value.trim() === '' || !Number.isFinite(v)) {
      err.textContent = `"${input.value}" is not a number`;
      return;
    }
    onCommit(v);
  });
  form.querySelector('.cancel').addEventListener('click', onCancel);
  form.addEventListener('keydown', (e) => { if (e.key === 'Escape') onCancel(); });
  form.addEventListener('click', (e) => e.stopPropagation());
  return {
    form,
    open(value, x, y, what, linkChoices = [], choose = null) {
      form.querySelector('.what').textContent = what;
      choices = linkChoices;
      onChoose = choose;
      form.querySelector('.from').hidden = !choices.length;
      from.replaceChildren(...choices.map((c, i) => new Option(c.label, String(i))));
      err.textContent = '';
      input.value = String(Math.round(value * 1e4) / 1e4);
      form.style.left = `${Math.max(0, x - 40)}px`;
      form.style.top = `${y + 8}px`;
      form.hidden = false;
      (choices.length ? from : input).focus();
      if (!choices.length) input.select();
    },
  };
}
