// Turns a drawing into an MNIST-like input the way the MNIST digits were made: crop to the ink, scale the
// longer side to 20 pixels (keeping the aspect ratio, averaging the covered area so strokes stay smooth),
// then place that 20x20 box in a 28x28 image so the centre of mass of the ink lands on the centre.

export const SIZE = 28;
export const BOX = 20;
const INK = 0.02; // intensities below this are paper, not ink (anti-aliasing fringe)

/**
 * ink: Float32Array (width*height) of intensities in [0, 1] (1 = full ink), row-major.
 * Returns a Float32Array of 28*28 values in [0, 1], or null when there is no ink.
 */
export function toMnistInput(ink, width, height) {
  if (ink.length !== width * height) throw new Error(`toMnistInput: ${ink.length} values for a ${width}x${height} image`);
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > INK) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const scale = BOX / Math.max(bw, bh);               // target pixels per source pixel
  const tw = Math.max(1, Math.round(bw * scale)), th = Math.max(1, Math.round(bh * scale));
  // Area-average resampling: each target pixel covers a (bw/tw) x (bh/th) block of source pixels.
  const box = new Float32Array(tw * th);
  for (let ty = 0; ty < th; ty++) {
    const sy0 = y0 + (ty * bh) / th, sy1 = y0 + ((ty + 1) * bh) / th;
    for (let tx = 0; tx < tw; tx++) {
      const sx0 = x0 + (tx * bw) / tw, sx1 = x0 + ((tx + 1) * bw) / tw;
      let sum = 0, area = 0;
      for (let sy = Math.floor(sy0); sy < Math.ceil(sy1); sy++) {
        const wy = Math.min(sy + 1, sy1) - Math.max(sy, sy0);
        for (let sx = Math.floor(sx0); sx < Math.ceil(sx1); sx++) {
          const w = wy * (Math.min(sx + 1, sx1) - Math.max(sx, sx0));
          sum += w * ink[sy * width + sx];
          area += w;
        }
      }
      box[ty * tw + tx] = area > 0 ? sum / area : 0;
    }
  }
  // Centre of mass of the box, then the integer shift that puts it at the image centre.
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) {
      const v = box[y * tw + x];
      mass += v; mx += v * (x + 0.5); my += v * (y + 0.5);
    }
  }
  const ox = Math.round(SIZE / 2 - mx / mass), oy = Math.round(SIZE / 2 - my / mass);
  const out = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < th; y++) {
    const py = y + oy;
    if (py < 0 || py >= SIZE) continue;
    for (let x = 0; x < tw; x++) {
      const px = x + ox;
      if (px >= 0 && px < SIZE) out[py * SIZE + px] = Math.min(1, box[y * tw + x]);
    }
  }
  return out;
}
