// Small grayscale pictures for the MNIST page: digits (uint8, 0 = paper) and weights (diverging colours).

/** Draws a w*h uint8 or [0, 1] float image into `canvas` (resized to w x h; CSS scales it up). Ink is dark. */
export function drawDigit(canvas, values, w = 28, h = 28) {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(w, h);
  const scale = values instanceof Uint8Array ? 1 : 255;
  for (let i = 0; i < w * h; i++) {
    const v = 255 - Math.round(Math.min(1, Math.max(0, (values[i] * scale) / 255)) * 255);
    img.data[i * 4] = v; img.data[i * 4 + 1] = v; img.data[i * 4 + 2] = v; img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/**
 * Draws weights as a w x h image, blue for positive and red for negative, scaled by `range` (the largest
 * absolute weight shown, shared across a layer so filters compare).
 */
export function drawWeights(canvas, values, w, h, range) {
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(w, h);
  for (let i = 0; i < w * h; i++) {
    const t = range > 0 ? Math.max(-1, Math.min(1, values[i] / range)) : 0;
    const a = Math.abs(t);
    const [r, g, b] = t >= 0 ? [40, 100, 200] : [208, 69, 43];
    img.data[i * 4] = Math.round(255 + (r - 255) * a);
    img.data[i * 4 + 1] = Math.round(255 + (g - 255) * a);
    img.data[i * 4 + 2] = Math.round(255 + (b - 255) * a);
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/**
 * A shared colour scale for weights: the 99th percentile of |w|, so a few large weights do not wash out the
 * rest (the ones above it show at full colour).
 */
export function weightRange(values) {
  const abs = Float32Array.from(values, Math.abs).sort();
  return abs.length ? abs[Math.min(abs.length - 1, Math.floor(abs.length * 0.99))] : 0;
}
