// Input features computed from a point (x, y) before the data reaches the engine, as in TensorFlow
// Playground. Coordinates are scaled by 1/DOMAIN-ish so every feature is O(1).

/** id -> { label, f(x, y) } in a fixed order: the order of the network's input columns. */
export const FEATURES = {
  x: { label: 'x', f: (x) => x / 3 },
  y: { label: 'y', f: (x, y) => y / 3 },
  xx: { label: 'x²', f: (x) => (x * x) / 9 },
  yy: { label: 'y²', f: (x, y) => (y * y) / 9 },
  xy: { label: 'xy', f: (x, y) => (x * y) / 9 },
  sinx: { label: 'sin x', f: (x) => Math.sin(x) },
  siny: { label: 'sin y', f: (x, y) => Math.sin(y) },
  cosx: { label: 'cos x', f: (x) => Math.cos(x) },
  cosy: { label: 'cos y', f: (x, y) => Math.cos(y) },
};
export const FEATURE_IDS = Object.keys(FEATURES);

/** Row-major [n, features.length] Float32Array of the chosen features of `n` points given as xs, ys. */
export function featureMatrix(features, xs, ys) {
  const n = xs.length, f = features.length;
  const out = new Float32Array(n * f);
  const fns = features.map((id) => FEATURES[id].f);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < f; j++) out[i * f + j] = fns[j](xs[i], ys[i]);
  }
  return out;
}
