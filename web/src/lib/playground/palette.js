// Colours of the classes (heatmap, points, legend) and of weights (diagram links).

/** One colour per class, distinguishable and colour-blind friendlier (Okabe–Ito based). */
export const CLASS_RGB = [
  [230, 120, 30], [40, 120, 200], [60, 170, 100], [200, 60, 150], [140, 100, 210],
];
export const cssRgb = ([r, g, b], a = 1) => `rgba(${r}, ${g}, ${b}, ${a})`;

/** Regression / single-output scale: -1 -> orange, 0 -> the background `base` (white), +1 -> blue. */
export function divergingRgb(v, base = LIGHT.base) {
  const t = Math.max(-1, Math.min(1, v));
  const lo = CLASS_RGB[0], hi = CLASS_RGB[1];
  const c = t < 0 ? lo : hi, a = Math.abs(t);
  return [base[0] + (c[0] - base[0]) * a, base[1] + (c[1] - base[1]) * a, base[2] + (c[2] - base[2]) * a];
}

// The canvases' colours in the light and the dark scheme: `base` is what an unsure (or zero) output fades to,
// the page's panel colour, so a plot never shows a white square on a dark page.
export const LIGHT = {
  name: 'light', base: [255, 255, 255], edge: 'rgba(20, 25, 30, 0.75)', marker: '#222', ink: '#333', axis: '#5b6673',
  grid: 'rgba(0, 0, 0, 0.07)', test: '#d0452b', border: '#9aa6b2',
};
export const DARK = {
  name: 'dark', base: [29, 35, 43], edge: 'rgba(235, 240, 245, 0.8)', marker: '#f2f4f7', ink: '#e3e8ee', axis: '#9aa6b2',
  grid: 'rgba(255, 255, 255, 0.1)', test: '#ff8a6b', border: '#5b6673',
};

const darkQuery = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');
/** The colours for the page's scheme now (prefers-color-scheme; light where there is no window). */
export const canvasTheme = () => (darkQuery()?.matches ? DARK : LIGHT);
/** Calls fn when the scheme changes; returns the function that stops it (a listener left on holds its widget). */
export function onThemeChange(fn) {
  const query = darkQuery();
  const listener = () => fn(canvasTheme());
  query?.addEventListener?.('change', listener);
  return () => query?.removeEventListener?.('change', listener);
}
