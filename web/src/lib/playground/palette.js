// Colours of the classes (heatmap, points, legend) and of weights (diagram links).

/** One colour per class, distinguishable and colour-blind friendlier (Okabe–Ito based). */
export const CLASS_RGB = [
  [230, 120, 30], [40, 120, 200], [60, 170, 100], [200, 60, 150], [140, 100, 210],
];
export const cssRgb = ([r, g, b], a = 1) => `rgba(${r}, ${g}, ${b}, ${a})`;

/** Regression / single-output scale: -1 -> orange, 0 -> white, +1 -> blue. */
export function divergingRgb(v) {
  const t = Math.max(-1, Math.min(1, v));
  const lo = CLASS_RGB[0], hi = CLASS_RGB[1];
  const c = t < 0 ? lo : hi, a = Math.abs(t);
  return [255 + (c[0] - 255) * a, 255 + (c[1] - 255) * a, 255 + (c[2] - 255) * a];
}
