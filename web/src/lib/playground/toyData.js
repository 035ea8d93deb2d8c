// The playground's datasets. The engine draws every point (nb.data: the same points as `nabla data` for a
// seed); this table says how each set is shown: scaled from the engine's sets to the page's square
// [-DOMAIN, DOMAIN]², with the page's noise slider (0..1) turned into the engine's noise. Classification
// labels are integers 0..k-1, regression targets numbers in [-1, 1].
//   point = { x, y, label }
import { DEFAULT_CURVE, compileCurve } from './curve.js';

export const DOMAIN = 6;

/**
 * id -> { name, kind: 'classify' | 'regress', fixedClasses (null: the user's count), engine: the nb.data set,
 *         scale and shift: page point = scale * (engine point - shift), noise(slider) -> the engine's noise }
 * `custom` sets hold clicked or loaded points: no engine set.
 */
export const DATASETS = {
  moons: { name: 'Moons', kind: 'classify', fixedClasses: 2, engine: 'moons', scale: 3.2, shift: [0.5, 0.25], noise: (s) => 0.25 * s },
  circles: { name: 'Circles', kind: 'classify', fixedClasses: 2, engine: 'circles', scale: 4.5, noise: (s) => s / 4.5 },
  xor: { name: 'XOR', kind: 'classify', fixedClasses: 2, engine: 'xor', scale: 5, noise: (s) => s / 5 },
  spiral: { name: 'Spiral', kind: 'classify', fixedClasses: null, engine: 'spiral', scale: 5, noise: (s) => 0.08 * s },
  blobs: { name: 'Gaussian blobs', kind: 'classify', fixedClasses: null, engine: 'blobs', scale: 1.6, noise: (s) => (0.5 + 1.5 * s) / 1.6 },
  curve: { name: 'Above a curve: y > f(x)', kind: 'classify', fixedClasses: 2, engine: 'uniform', scale: DOMAIN, noise: (s) => 1.5 * s },
  plane: { name: 'Regression: plane', kind: 'regress', fixedClasses: 1, engine: 'plane', scale: DOMAIN, noise: (s) => 0.3 * s },
  gauss: { name: 'Regression: multi-gaussian', kind: 'regress', fixedClasses: 1, engine: 'gaussians', scale: DOMAIN, noise: (s) => 0.3 * s },
  waves: { name: 'Regression: waves', kind: 'regress', fixedClasses: 1, engine: 'waves', scale: DOMAIN, noise: (s) => 0.3 * s },
  custom: { name: 'Custom (clicked / CSV)', kind: 'classify', fixedClasses: null, engine: null },
  customReg: { name: 'Custom regression (CSV)', kind: 'regress', fixedClasses: 1, engine: null },
};

/** Number of output classes (1 for regression) for a dataset id and the user's class count. */
export function classCount(id, k) {
  return DATASETS[id].fixedClasses ?? k;
}

/**
 * `n` points of dataset `id`, drawn by the engine `nb`; `noise` in [0, 1]; same seed, same points. `curve` is
 * the source of f(x) for the y > f(x) set (the expression language; an Error names what does not parse): the
 * engine draws the points and each one's noise, the page's f(x) labels them.
 */
export function generate(nb, id, { n, noise, seed, classes, curve }) {
  const set = DATASETS[id];
  if (!set) throw new Error(`unknown dataset "${id}"`);
  if (!set.engine) return [];
  const f = id === 'curve' ? compileCurve(curve ?? DEFAULT_CURVE) : null;
  const d = nb.data[set.engine]({ n, noise: set.noise(noise), seed, ...(set.fixedClasses ? {} : { classes }) });
  const [sx, sy] = set.shift ?? [0, 0];
  return Array.from({ length: d.n }, (_, i) => {
    const x = set.scale * (d.x[2 * i] - sx), y = set.scale * (d.x[2 * i + 1] - sy);
    return { x, y, label: f ? (y + d.y[i] > f(x) ? 1 : 0) : d.y[i] };
  });
}

/**
 * Splits points into train and test by the engine's seeded shuffle (nb.data.split, the rows `nabla data --split`
 * gives); `trainFraction` in (0, 1). The engine shuffles the points' indices, so every point stays as it was.
 */
export function split(nb, points, trainFraction, seed) {
  const index = { x: Float32Array.from(points, (_, i) => i), y: new Float32Array(points.length), n: points.length, d: 1, classes: 0 };
  const parts = nb.data.split(index, trainFraction, seed);
  return { train: Array.from(parts.train.x, (i) => points[i]), test: Array.from(parts.test.x, (i) => points[i]) };
}
