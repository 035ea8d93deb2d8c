// What every widget on a page shares: one nabla WASM instance (loadNabla caches it) and one Graphviz
// instance, each loaded on first use, so ten widgets on a course page cost one download and one compile.
import { loadNabla } from '../../lib/engine.js';

let viz = null;

/** The page's nabla module (the same instance for every caller; on a page's main thread the loader gives it one
 * thread, while the playground widget trains in a worker of its own). */
export const getNabla = () => loadNabla();

/** The page's Graphviz (WASM) renderer, loaded once. */
export function getViz() {
  viz ??= import('@viz-js/viz').then((m) => m.instance());
  viz.catch(() => { viz = null; });
  return viz;
}

/** Downloads `text` (or a Blob) as a file named `name`. */
export function download(content, name, type = 'text/plain') {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A number in at most 4 significant digits, without a trailing zero tail ('-8', '1.35', '1.2e-5'). */
export function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}
