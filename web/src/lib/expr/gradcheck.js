// The gradient check of the graph page: a program of the expression language is run on the engine with every
// value it makes recorded (a tape), then each value's autograd gradient (the engine's, or a page-side backward
// given by the caller) is set beside a central finite difference of the program's output in that value.
//
// row = { index, label, op, shape, autograd: number[], numeric: number[], relError, status: 'ok'|'warn'|'bad' }
// The finite difference perturbs one value where the program makes it and reruns the program from there, so
// intermediate values get one too, not only leaves. Float32 throughout: eps = 1e-3 max(1, |v|).
import { evaluate, parse } from './index.js';
import { createNablaBackend } from './nablaBackend.js';

/** Relative error thresholds: below OK is float32 noise; from BAD on, a wrong backward. */
export const OK = 1e-2;
export const BAD = 1e-1;
const MAX_ELEMENTS = 8; // finite differences per value (the first ones): the page's programs are small

/**
 * A backend that records what it makes: entries[k] = { op, inputs: [entry index or null], tensor, name }, in
 * program order. `perturb` = { index, element, delta } adds delta to one element of entry `index` as it is made.
 */
function tapeBackend(nb, perturb = null) {
  const base = createNablaBackend(nb);
  const entries = [];
  const indexOf = new Map();
  const add = (op, inputs, tensor) => {
    let t = tensor;
    const k = entries.length;
    if (perturb && perturb.index === k) {
      const bump = new Float32Array(t.size);
      bump[perturb.element] = perturb.delta;
      const step = nb.tensor(bump, t.shape);
      const moved = t.add(step);
      step.dispose();
      base.tensors.push(moved);
      t = moved;
    }
    entries.push({ op, inputs: inputs.map((x) => (indexOf.has(x) ? indexOf.get(x) : null)), tensor: t, name: '' });
    indexOf.set(t, k);
    return t;
  };
  return {
    entries,
    backend: {
      constant: (values, shape, options) => {
        // a perturbed leaf stays a leaf: its value moves before it is made
        if (perturb && perturb.index === entries.length) {
          values = values.slice();
          values[perturb.element] += perturb.delta;
        }
        const t = base.constant(values, shape, options);
        entries.push({ op: 'leaf', inputs: [], tensor: t, name: options?.name ?? '' });
        indexOf.set(t, entries.length - 1);
        return t;
      },
      unary: (op, a) => add(op, [a], base.unary(op, a)),
      binary: (op, a, b) => add(op, [a, b], base.binary(op, a, b)),
      call: (op, args) => add(op, args, base.call(op, args)),
      name: (value, name) => {
        base.name(value, name);
        const k = indexOf.get(value);
        if (k !== undefined && !entries[k].name) entries[k].name = name;
      },
    },
    dispose: () => base.dispose(),
  };
}

/** Runs `source`; returns { entries, root, rootValue, dispose } (root: the output, summed when not a scalar). */
export function runTape(nb, source, perturb = null) {
  const tape = tapeBackend(nb, perturb);
  try {
    const { value } = evaluate(parse(source), tape.backend);
    const root = value.size === 1 ? value : tape.backend.call('sum', [value]);
    return { entries: tape.entries, root, rootValue: root.item(), dispose: tape.dispose };
  } catch (err) {
    tape.dispose();
    throw err;
  }
}

const opLabel = (e, k) => (e.op === 'leaf' ? e.name || `const#${k}` : e.name ? `${e.name} = ${e.op}(…)` : `${e.op}#${k}`);

/** The engine's gradients of the root in every entry that carries a graph (null for constants). */
export function engineGradients(nb, run) {
  const wanted = run.entries.map((e) => e.tensor.requiresGrad);
  const tensors = run.entries.filter((_, k) => wanted[k]).map((e) => e.tensor);
  const grads = tensors.length && run.root.requiresGrad ? nb.gradients(run.root, tensors, { retainGraph: true }) : [];
  let next = 0;
  return wanted.map((w) => {
    if (!w) return null;
    const g = grads[next++];
    const data = Array.from(g.data());
    g.dispose();
    return data;
  });
}

/** Relative error of two gradients: max |a - n| over max(|a|, |n|, 1e-3). */
export function relativeError(a, n) {
  let diff = 0, scale = 1e-3;
  a.forEach((v, i) => {
    diff = Math.max(diff, Math.abs(v - n[i]));
    scale = Math.max(scale, Math.abs(v), Math.abs(n[i]));
  });
  return diff / scale;
}

export const statusOf = (rel) => (!(rel < BAD) ? 'bad' : rel < OK ? 'ok' : 'warn');

/**
 * Checks every value of `source` that carries a graph. `backward(run)` gives the gradients to check (default:
 * the engine's); they are compared with central differences of the program's output.
 */
export function checkProgram(nb, source, { backward = (run) => engineGradients(nb, run) } = {}) {
  const run = runTape(nb, source);
  try {
    const autograd = backward(run);
    const rows = [];
    run.entries.forEach((e, k) => {
      if (!autograd[k]) return;
      const values = e.tensor.data();
      const count = Math.min(values.length, MAX_ELEMENTS);
      const numeric = [];
      for (let j = 0; j < count; j++) {
        const eps = 1e-3 * Math.max(1, Math.abs(values[j]));
        const at = (delta) => {
          const moved = runTape(nb, source, { index: k, element: j, delta });
          try { return moved.rootValue; } finally { moved.dispose(); }
        };
        numeric.push((at(eps) - at(-eps)) / (2 * eps));
      }
      const shown = autograd[k].slice(0, count);
      const relError = relativeError(shown, numeric);
      rows.push({ index: k, label: opLabel(e, k), op: e.op, name: e.name, shape: e.tensor.shape, autograd: shown, numeric, relError, status: statusOf(relError) });
    });
    return { rows, output: run.rootValue };
  } finally {
    run.dispose();
  }
}
