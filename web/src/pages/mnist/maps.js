// Drawing for the "see inside" views: a feature map (H x W floats) as pixels on the weights' diverging scale
// (blue positive, red negative, white zero; shared by a layer so its maps compare), and a small table of numbers.
import { h } from '../../lib/dom.js';
import { drawWeights } from '../../widgets/digitImages.js';

/** Largest |v| of `values` (at least a tiny number, so an all-zero map draws white). */
export function maxAbs(values) {
  let m = 0;
  for (const v of values) if (Math.abs(v) > m) m = Math.abs(v);
  return m || 1e-12;
}

/** Draws values (H*W, row-major) into canvas (H x W pixels; CSS scales it up), full colour at |v| = range. */
export const drawMap = (canvas, values, H, W, range) => drawWeights(canvas, values, W, H, range);

/** Channel c of a (C, H, W) flat array. */
export const channel = (values, c, H, W) => values.subarray(c * H * W, (c + 1) * H * W);

/** A number as the views print it: 4 significant digits, no exponent for ordinary sizes. */
export function fmt(v) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(4))) : v.toExponential(2);
}

/** A K x K table of numbers (optionally one cell marked). */
export function numberGrid(values, K, { mark = -1, cls = '' } = {}) {
  const rows = [];
  for (let i = 0; i < K; i++) {
    const tr = h('tr');
    for (let j = 0; j < K; j++) {
      const td = h('td', {}, fmt(values[i * K + j]));
      if (i * K + j === mark) td.className = 'mark';
      tr.append(td);
    }
    rows.push(tr);
  }
  return h('table', { class: `numbers ${cls}` }, ...rows);
}
