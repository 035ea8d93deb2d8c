// The 2-D datasets of the playground. Points live in the square [-6, 6]²; classification labels are
// integers 0..k-1, regression targets are numbers in [-1, 1].
//   point = { x, y, label }
import { makeRng } from './rng.js';
import { DEFAULT_CURVE, compileCurve } from './curve.js';

export const DOMAIN = 6;

/** id -> { name, kind: 'classify' | 'regress', classes(k) -> number of classes, make(n, noise, rng, k) } */
export const DATASETS = {
  moons: { name: 'Moons', kind: 'classify', fixedClasses: 2, make: moons },
  circles: { name: 'Circles', kind: 'classify', fixedClasses: 2, make: circles },
  xor: { name: 'XOR', kind: 'classify', fixedClasses: 2, make: xor },
  spiral: { name: 'Spiral', kind: 'classify', fixedClasses: null, make: spiral },
  blobs: { name: 'Gaussian blobs', kind: 'classify', fixedClasses: null, make: blobs },
  curve: { name: 'Above a curve: y > f(x)', kind: 'classify', fixedClasses: 2, make: aboveCurve },
  plane: { name: 'Regression: plane', kind: 'regress', fixedClasses: 1, make: regressPlane },
  gauss: { name: 'Regression: multi-gaussian', kind: 'regress', fixedClasses: 1, make: regressGaussians },
  waves: { name: 'Regression: waves', kind: 'regress', fixedClasses: 1, make: regressWaves },
  custom: { name: 'Custom (clicked / CSV)', kind: 'classify', fixedClasses: null, make: null },
  customReg: { name: 'Custom regression (CSV)', kind: 'regress', fixedClasses: 1, make: null },
};

/** Number of output classes (1 for regression) for a dataset id and the user's class count. */
export function classCount(id, k) {
  return DATASETS[id].fixedClasses ?? k;
}

/**
 * Generates `n` points of dataset `id`; `noise` in [0, 1]; same seed, same points. `curve` is the source of
 * f(x) for the y > f(x) set (the expression language; an ExprError names what does not parse).
 */
export function generate(id, { n, noise, seed, classes, curve }) {
  const d = DATASETS[id];
  if (!d) throw new Error(`unknown dataset "${id}"`);
  if (!d.make) return [];
  return d.make(n, noise, makeRng(seed), classes, curve);
}

/** Splits points into train and test by a seeded shuffle; `trainFraction` in (0, 1). */
export function split(points, trainFraction, seed) {
  const rng = makeRng(seed ^ 0x9e3779b9);
  const idx = points.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const nTrain = Math.round(points.length * trainFraction);
  return { train: idx.slice(0, nTrain).map((i) => points[i]), test: idx.slice(nTrain).map((i) => points[i]) };
}

function moons(n, noise, rng) {
  const pts = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const t = Math.PI * rng.uniform();
    // the two interleaved half circles of scikit-learn's make_moons, scaled to the domain
    let x = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
    let y = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    x = (x - 0.5) * 3.2 + noise * 0.8 * rng.normal();
    y = (y - 0.25) * 3.2 + noise * 0.8 * rng.normal();
    pts.push({ x, y, label });
  }
  return pts;
}

function circles(n, noise, rng) {
  const pts = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const r = label === 0 ? rng.uniform() * 2 : 3 + rng.uniform() * 2;
    const a = 2 * Math.PI * rng.uniform();
    pts.push({ x: r * Math.cos(a) + noise * rng.normal(), y: r * Math.sin(a) + noise * rng.normal(), label });
  }
  return pts;
}

function xor(n, noise, rng) {
  const pts = [];
  for (let i = 0; i < n; i++) {
    const pad = 0.3;
    let x = (rng.uniform() * 2 - 1) * 5;
    let y = (rng.uniform() * 2 - 1) * 5;
    x += x > 0 ? pad : -pad;
    y += y > 0 ? pad : -pad;
    const label = x * y >= 0 ? 0 : 1;
    pts.push({ x: x + noise * rng.normal(), y: y + noise * rng.normal(), label });
  }
  return pts;
}

function spiral(n, noise, rng, k) {
  const pts = [];
  for (let i = 0; i < n; i++) {
    const label = i % k;
    const r = rng.uniform() * 5;
    const a = 1.75 * r + (2 * Math.PI * label) / k;
    pts.push({ x: r * Math.sin(a) + 0.4 * noise * rng.normal(), y: r * Math.cos(a) + 0.4 * noise * rng.normal(), label });
  }
  return pts;
}

function blobs(n, noise, rng, k) {
  const pts = [];
  const centers = Array.from({ length: k }, (_, c) => {
    const a = (2 * Math.PI * c) / k + 0.4;
    return [3.2 * Math.cos(a), 3.2 * Math.sin(a)];
  });
  const sd = 0.5 + 1.5 * noise;
  for (let i = 0; i < n; i++) {
    const label = i % k;
    pts.push({ x: centers[label][0] + sd * rng.normal(), y: centers[label][1] + sd * rng.normal(), label });
  }
  return pts;
}

function regressPlane(n, noise, rng) {
  const pts = [];
  for (let i = 0; i < n; i++) {
    const x = (rng.uniform() * 2 - 1) * DOMAIN, y = (rng.uniform() * 2 - 1) * DOMAIN;
    pts.push({ x, y, label: clamp((x + y) / (2 * DOMAIN) + noise * 0.3 * rng.normal()) });
  }
  return pts;
}

/** Points uniform over the plane, class 1 above the typed curve y = f(x); noise moves points across it. */
function aboveCurve(n, noise, rng, k, curve = DEFAULT_CURVE) {
  const f = compileCurve(curve);
  const pts = [];
  for (let i = 0; i < n; i++) {
    const x = (rng.uniform() * 2 - 1) * DOMAIN, y = (rng.uniform() * 2 - 1) * DOMAIN;
    const label = y + 1.5 * noise * rng.normal() > f(x) ? 1 : 0;
    pts.push({ x, y, label });
  }
  return pts;
}

// TensorFlow Playground's "multi-gaussian": bumps of alternating sign, the target their sum
const BUMPS = [[-3.5, 2.5, 1], [0, 2.5, -1], [3.5, 2.5, 1], [-3.5, -2.5, -1], [0, -2.5, 1], [3.5, -2.5, -1]];
function regressGaussians(n, noise, rng) {
  const pts = [];
  for (let i = 0; i < n; i++) {
    const x = (rng.uniform() * 2 - 1) * DOMAIN, y = (rng.uniform() * 2 - 1) * DOMAIN;
    let v = 0;
    for (const [cx, cy, sign] of BUMPS) v += sign * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * 1.2 ** 2));
    pts.push({ x, y, label: clamp(v + noise * 0.3 * rng.normal()) });
  }
  return pts;
}

function regressWaves(n, noise, rng) {
  const pts = [];
  for (let i = 0; i < n; i++) {
    const x = (rng.uniform() * 2 - 1) * DOMAIN, y = (rng.uniform() * 2 - 1) * DOMAIN;
    pts.push({ x, y, label: clamp(Math.sin(x / 1.6) * Math.cos(y / 1.6) + noise * 0.3 * rng.normal()) });
  }
  return pts;
}

// Regression targets are kept in [-1, 1] so the tanh-free output and the heatmap colour scale agree.
function clamp(v) {
  return Math.max(-1, Math.min(1, v));
}
