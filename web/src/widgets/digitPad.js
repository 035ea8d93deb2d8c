// A canvas to draw a digit on with a mouse, pen or finger (pointer events), reporting its ink as intensities
// in [0, 1] after every stroke segment so the page can classify while the person draws.

export class DigitPad {
  /** onChange(ink: Float32Array (width*height), width, height) after each drawn segment and after clear(). */
  constructor(canvas, onChange) {
    this.canvas = canvas;
    this.onChange = onChange;
    this.ctx = canvas.getContext('2d', { willReadFrequently: true });
    this.last = null;
    this.pending = false;
    canvas.style.touchAction = 'none'; // a finger draws instead of scrolling the page
    canvas.addEventListener('pointerdown', (e) => {
      canvas.setPointerCapture(e.pointerId);
      this.last = this.point(e);
      this.segment(this.last, this.last);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.last) return;
      const p = this.point(e);
      this.segment(this.last, p);
      this.last = p;
    });
    const end = () => { this.last = null; };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    this.clear();
  }

  /** The pointer in canvas pixels (the canvas may be drawn smaller or larger than its pixel size). */
  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * this.canvas.width) / r.width, ((e.clientY - r.top) * this.canvas.height) / r.height];
  }

  segment(a, b) {
    const { ctx } = this;
    ctx.strokeStyle = '#111';
    ctx.lineWidth = this.canvas.width / 14; // about 2 MNIST pixels, as thick as the digits' strokes
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0] + 0.01, b[1]);
    ctx.stroke();
    this.changed();
  }

  /** Coalesces many pointer events into one report per animation frame. */
  changed() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.onChange(this.ink(), this.canvas.width, this.canvas.height);
    });
  }

  ink() {
    const { width, height } = this.canvas;
    const rgba = this.ctx.getImageData(0, 0, width, height).data;
    const out = new Float32Array(width * height);
    for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4 + 3] / 255; // alpha: the paper is transparent
    return out;
  }

  clear() {
    this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.changed();
  }
}
