// What the concept figures share: a number field that reads its value or throws an Error naming the field and
// its range, and `guard`, which shows such an error inline and leaves the figure as it was (its last good
// state), so a mistyped learning rate never blanks a plot.
import { h } from '../../lib/dom.js';
import { generate, split } from '../../lib/playground/toyData.js';
import { fmt } from './shared.js';

/** <label>name <input type=number></label>; read() -> the number, or throws naming `name` and [min, max]. */
/**
 * A Play/Pause button whose playing runs `frame()` once per animation frame, until frame() returns false or
 * pause() is called (also from inside frame). Returns { button, pause }.
 */
export function playLoop(frame) {
  let timer = null;
  const pause = () => {
    if (timer) cancelAnimationFrame(timer);
    timer = null;
    button.textContent = 'Play';
  };
  const tick = () => {
    if (frame() === false) pause();
    else if (timer) timer = requestAnimationFrame(tick);
  };
  const button = h('button', { type: 'button', class: 'primary', onclick: () => {
    if (timer) return pause();
    button.textContent = 'Pause';
    timer = requestAnimationFrame(tick);
  } }, 'Play');
  return { button, pause };
}

export function numberField(name, { value, min, max, step = 'any', exclusiveMin = false }) {
  const input = h('input', { type: 'number', step: String(step), 'aria-label': name, 'data-field': name });
  input.value = String(value);
  const label = h('label', {}, `${name} `, input);
  const read = () => {
    const raw = input.value.trim();
    const v = Number(raw);
    const low = exclusiveMin ? v > min : v >= min;
    if (raw === '' || !Number.isFinite(v) || !low || v > max) {
      throw new RangeError(`${name} = ${raw === '' ? '(empty)' : raw}: expected a number ${exclusiveMin ? 'above' : 'from'} ${fmt(min)} ${exclusiveMin ? 'and up' : ''} to ${fmt(max)}`.replace('  ', ' '));
    }
    return v;
  };
  return { label, input, read };
}

/** An inline message box (hidden while there is nothing to say). */
export function messageBox() {
  const box = h('p', { class: 'nabla-error', role: 'alert', 'data-message': '' });
  box.hidden = true;
  return box;
}

/**
 * Runs `update`; a thrown error is shown in `box` (the figure keeps what it drew last) and returns false.
 * `root.dataset.error` says whether the last update failed, for tests and course authors.
 */
export function guard(root, box, update) {
  try {
    update();
    box.hidden = true;
    box.textContent = '';
    root.dataset.error = '';
    return true;
  } catch (err) {
    box.textContent = err?.message ?? String(err);
    box.hidden = false;
    root.dataset.error = 'input';
    return false;
  }
}

/** Pointer x over an SVG drawn with drawLinePlot's layout -> the data x it stands for. */
export function svgDataX(svg, event, xs, { W = 640, L = 44, R = 12 } = {}) {
  const box = svg.getBoundingClientRect();
  const px = ((event.clientX - box.left) / box.width) * W;
  const t = Math.min(1, Math.max(0, (px - L) / (W - L - R)));
  return xs[0] + t * (xs[xs.length - 1] - xs[0]);
}

/** The figures' small noisy set: 200 moons points (playground noise 0.9) drawn by the engine, 30% of them to
 *  train; each part as { x (n, 2), y (n), n } arrays, and as the points themselves (for a heatmap). */
export function noisyMoons(nb, seed) {
  const { train, test } = split(nb, generate(nb, 'moons', { n: 200, noise: 0.9, seed }), 0.3, seed);
  const arrays = (points) => ({
    x: Float32Array.from(points.flatMap((p) => [p.x, p.y])), y: Float32Array.from(points, (p) => p.label), n: points.length,
  });
  return { train: arrays(train), test: arrays(test), points: { train, test } };
}
