// The decision-boundary view: the model's outputs over the plane as a canvas heatmap (ImageData,
// scaled up smoothly), with train points (filled) and test points (hollow rings) on top.
// Classification colours are the class colours mixed by the class probabilities and faded toward
// white where the model is unsure, so the picture shows confidence, not only the argmax.
import { CLASS_RGB, LIGHT, canvasTheme, cssRgb, divergingRgb, onThemeChange } from '../lib/playground/palette.js';
import { DOMAIN } from '../lib/playground/toyData.js';

/**
 * Per-cell RGBA (size*size) of outputs (size*size, k): class probabilities, or one value for regression.
 * `discretize` (TensorFlow Playground's "discretize output"): each cell in its argmax class's colour at one
 * strength, or for regression the colour of the output's sign, so only the boundary shows.
 */
export function colorize(outputs, size, k, task, out = new Uint8ClampedArray(size * size * 4), discretize = false, base = LIGHT.base) {
  const [br, bg, bb] = base; // what the colours fade toward: white, or the dark panel
  for (let i = 0; i < size * size; i++) {
    let r, g, b;
    if (task === 'regress') {
      [r, g, b] = divergingRgb(discretize ? Math.sign(outputs[i]) * 0.6 : outputs[i], base);
    } else if (discretize) {
      let best = 0;
      for (let c = 1; c < k; c++) if (outputs[i * k + c] > outputs[i * k + best]) best = c;
      const a = 0.55;
      [r, g, b] = CLASS_RGB[best].map((v, j) => base[j] + (v - base[j]) * a);
    } else {
      r = g = b = 0;
      let top = 0;
      for (let c = 0; c < k; c++) {
        const p = outputs[i * k + c];
        top = Math.max(top, p);
        r += p * CLASS_RGB[c][0]; g += p * CLASS_RGB[c][1]; b += p * CLASS_RGB[c][2];
      }
      // confidence 0 (uniform) .. 1 (certain): the background at 0, the full mixed colour at 1
      const conf = (top - 1 / k) / (1 - 1 / k);
      const a = 0.15 + 0.6 * conf; // never the full colour, so the points stay visible on top
      r = br + (r - br) * a; g = bg + (g - bg) * a; b = bb + (b - bb) * a;
    }
    out[i * 4] = r; out[i * 4 + 1] = g; out[i * 4 + 2] = b; out[i * 4 + 3] = 255;
  }
  return out;
}

export class Heatmap {
  /** `canvas` is drawn at its CSS size × devicePixelRatio; `onClick(x, y)` and `onHover(x, y)` get plane coordinates. */
  constructor(canvas, { onClick, onHover, onErase } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.cells = document.createElement('canvas');
    this.train = [];
    this.test = [];
    this.task = 'classify';
    this.marker = null;
    this.image = null;
    this.pointsLayer = document.createElement('canvas'); // the points, drawn once per change, copied each frame
    this.pointsDirty = true;
    this.view = { discretize: false, showTest: true };
    this.theme = canvasTheme();
    onThemeChange((theme) => { this.theme = theme; this.setView(this.view); });
    canvas.addEventListener('click', (e) => onClick?.(...this.toPlane(e)));
    // right-click deletes the point under the mouse (and never opens the browser's menu over the plane)
    canvas.addEventListener('contextmenu', (e) => {
      e.preventDefault();
      onErase?.(...this.toPlane(e));
    });
    canvas.addEventListener('mousemove', (e) => onHover?.(...this.toPlane(e)));
    // Keyboard: arrows move the probe cross (Shift: faster), Enter or Space adds a point there.
    canvas.tabIndex = 0;
    canvas.addEventListener('keydown', (e) => {
      const step = e.shiftKey ? 1 : 0.25;
      const move = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
      const [x, y] = this.marker ?? [0, 0];
      if (move) {
        e.preventDefault();
        const clamp = (v) => Math.max(-DOMAIN, Math.min(DOMAIN, v));
        onHover?.(clamp(x + move[0]), clamp(y + move[1]));
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onClick?.(x, y);
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        onErase?.(x, y);
      }
    });
  }

  toPlane(e) {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width * 2 - 1) * DOMAIN, (1 - (e.clientY - r.top) / r.height * 2) * DOMAIN];
  }

  setPoints(train, test, task) {
    this.train = train;
    this.test = test;
    this.task = task;
    this.pointsDirty = true;
    this.draw();
  }

  /** discretize: argmax colours only; showTest: draw the test points (rings). */
  setView({ discretize, showTest }) {
    this.view = { discretize: !!discretize, showTest: showTest !== false };
    this.pointsDirty = true;
    if (this.last) this.setOutputs(...this.last);
    else this.draw();
  }

  /** New model outputs (size*size, k), row 0 at the top. */
  setOutputs(outputs, size, k) {
    this.last = [outputs, size, k];
    if (this.cells.width !== size) {
      this.cells.width = this.cells.height = size;
      this.image = new ImageData(size, size);
    }
    colorize(outputs, size, k, this.task, this.image.data, this.view.discretize, this.theme.base);
    this.cells.getContext('2d').putImageData(this.image, 0, 0);
    this.hasOutputs = true;
    this.draw();
  }

  setMarker(x, y) {
    this.marker = [x, y];
    this.draw();
  }

  draw() {
    const { canvas, ctx } = this;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(canvas.clientWidth * dpr), h = Math.round(canvas.clientHeight * dpr);
    if (!w || !h) return;
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
      this.pointsDirty = true;
    }
    if (this.pointsDirty) this.drawPoints(w, h, dpr);
    ctx.imageSmoothingEnabled = !this.view.discretize; // discretized: crisp cells, as the boundary they show
    if (this.hasOutputs) ctx.drawImage(this.cells, 0, 0, w, h);
    else {
      ctx.fillStyle = cssRgb(this.theme.base);
      ctx.fillRect(0, 0, w, h);
    }
    ctx.drawImage(this.pointsLayer, 0, 0);
    if (this.marker) {
      const mx = ((this.marker[0] / DOMAIN + 1) / 2) * w, my = ((1 - this.marker[1] / DOMAIN) / 2) * h;
      ctx.strokeStyle = this.theme.marker;
      ctx.lineWidth = dpr;
      ctx.beginPath();
      ctx.moveTo(mx - 6 * dpr, my); ctx.lineTo(mx + 6 * dpr, my);
      ctx.moveTo(mx, my - 6 * dpr); ctx.lineTo(mx, my + 6 * dpr);
      ctx.stroke();
    }
  }

  /** Train points filled with a dark edge, test points as hollow rings: into the points layer. */
  drawPoints(w, h, dpr) {
    const layer = this.pointsLayer;
    layer.width = w;
    layer.height = h;
    const ctx = layer.getContext('2d');
    const px = (x) => ((x / DOMAIN + 1) / 2) * w, py = (y) => ((1 - y / DOMAIN) / 2) * h;
    const radius = Math.max(2.5, 3.2 * dpr);
    const { base, edge } = this.theme;
    const fill = (p) => (this.task === 'regress' ? cssRgb(divergingRgb(p.label, base)) : cssRgb(CLASS_RGB[p.label]));
    ctx.lineWidth = Math.max(1, dpr);
    for (const p of this.train) {
      ctx.beginPath();
      ctx.arc(px(p.x), py(p.y), radius, 0, 2 * Math.PI);
      ctx.fillStyle = fill(p);
      ctx.fill();
      ctx.strokeStyle = edge;
      ctx.stroke();
    }
    const ring = Math.max(1.5, 1.6 * dpr);
    for (const p of this.view.showTest ? this.test : []) {
      ctx.beginPath();
      ctx.arc(px(p.x), py(p.y), radius, 0, 2 * Math.PI);
      ctx.fillStyle = cssRgb(base);
      ctx.fill();
      ctx.lineWidth = ring;
      ctx.strokeStyle = fill(p);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(px(p.x), py(p.y), radius + ring * 0.9, 0, 2 * Math.PI);
      ctx.lineWidth = ring / 2;
      ctx.strokeStyle = edge;
      ctx.stroke();
    }
    this.pointsDirty = false;
  }
}
