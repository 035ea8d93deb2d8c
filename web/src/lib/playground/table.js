// A table of your own (CSV with more feature columns than x, y): the network trains on every column,
// standardized; the plane shows a 2-D slice over two chosen columns with the others held at their mean.
//   d = feature columns;  z = (v - mean) / sd per column;  plane coordinate = PLANE_SCALE * z
import { DOMAIN } from './toyData.js';
import { featureMatrix } from './features.js';

/** Plane units per standard deviation: the plane's ±DOMAIN shows ±3 sd of each chosen column. */
export const PLANE_SCALE = DOMAIN / 3;

/** The columns' means and standard deviations (sd 1 for a constant column, which then stays 0). */
export function columnStats(rows) {
  const d = rows[0].length, n = rows.length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((a, r) => a + r[j], 0) / n);
  const sd = mean.map((m, j) => Math.sqrt(rows.reduce((a, r) => a + (r[j] - m) ** 2, 0) / n) || 1);
  return { mean, sd };
}

/** Points { x, y, label, row, z } of a table: z the standardized row, (x, y) its place in the plane's slice. */
export function tablePoints({ rows, labels }, [a, b]) {
  const { mean, sd } = columnStats(rows);
  return rows.map((r, row) => {
    const z = r.map((v, j) => (v - mean[j]) / sd[j]);
    return { x: PLANE_SCALE * z[a], y: PLANE_SCALE * z[b], label: labels[row], row, z };
  });
}

/** Row-major [n, d] inputs of plane points (xs, ys): columns a, b from the plane, every other at its mean (0). */
export function sliceMatrix(d, [a, b], xs, ys) {
  const out = new Float32Array(xs.length * d);
  for (let i = 0; i < xs.length; i++) {
    out[i * d + a] = xs[i] / PLANE_SCALE;
    out[i * d + b] = ys[i] / PLANE_SCALE;
  }
  return out;
}

/**
 * The network's inputs at plane points (xs, ys): the chosen features of (x, y), or for a table
 * (`table` = { plane: [a, b] }, `features` its column names) the slice through the mean.
 */
export function planeInputs({ features, table }, xs, ys) {
  return table ? sliceMatrix(features.length, table.plane, xs, ys) : featureMatrix(features, xs, ys);
}
