// A small SVG line plot (no dependencies): several series over the same x values, axes with a few ticks,
// and a legend; values outside a clipped y range are left out rather than squashing the others.
import { fmt } from './shared.js';

export const SERIES_COLORS = ['#0f172a', '#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#be185d'];
const NS = 'http://www.w3.org/2000/svg';
const el = (tag, attrs) => {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};

function niceTicks(lo, hi, count = 5) {
  const step0 = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0);
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) ticks.push(Math.abs(t) < 1e-12 ? 0 : t);
  return ticks;
}

/**
 * Draws into an <svg>; `labels[i]` names series i. yRange clips (default: robust range over all series).
 * Returns the data -> pixel maps { px, py } and the y range shown, for marks drawn on top.
 */
export function drawLinePlot(svg, { xs, series, labels, yRange }) {
  const W = 640, H = 320, L = 44, R = 12, T = 12, B = 28;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const finite = series.flatMap((s) => [...s].filter(Number.isFinite)).sort((a, b) => a - b);
  let [y0, y1] = yRange ?? [finite[Math.floor(finite.length * 0.01)] ?? -1, finite[Math.ceil(finite.length * 0.99) - 1] ?? 1];
  if (y1 - y0 < 1e-6) { y0 -= 1; y1 += 1; }
  const pad = (y1 - y0) * 0.05;
  y0 -= pad; y1 += pad;
  const x0 = xs[0], x1 = xs[xs.length - 1];
  const px = (x) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y) => T + ((y1 - y) / (y1 - y0)) * (H - T - B);
  const axes = el('g', { class: 'axes', 'font-size': 11, fill: '#475569' });
  for (const t of niceTicks(y0, y1)) {
    axes.append(el('line', { x1: L, x2: W - R, y1: py(t), y2: py(t), stroke: t === 0 ? '#94a3b8' : '#e2e8f0' }));
    const text = el('text', { x: L - 4, y: py(t) + 4, 'text-anchor': 'end' });
    text.textContent = fmt(t);
    axes.append(text);
  }
  for (const t of niceTicks(x0, x1, 7)) {
    axes.append(el('line', { x1: px(t), x2: px(t), y1: T, y2: H - B, stroke: t === 0 ? '#94a3b8' : '#f1f5f9' }));
    const text = el('text', { x: px(t), y: H - B + 16, 'text-anchor': 'middle' });
    text.textContent = fmt(t);
    axes.append(text);
  }
  svg.append(axes);
  series.forEach((s, i) => {
    let d = '';
    let pen = false;
    for (let j = 0; j < xs.length; j++) {
      const ok = Number.isFinite(s[j]) && s[j] >= y0 && s[j] <= y1;
      if (ok) d += `${pen ? 'L' : 'M'}${px(xs[j]).toFixed(1)},${py(s[j]).toFixed(1)}`;
      pen = ok;
    }
    svg.append(el('path', { d, fill: 'none', stroke: SERIES_COLORS[i % SERIES_COLORS.length], 'stroke-width': i ? 1.6 : 2.4, 'data-series': labels[i] }));
  });
  return { px, py, yRange: [y0, y1] };
}
