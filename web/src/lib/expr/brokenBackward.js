// The "broken backward" exercise of the graph page (#exercise=broken&seed=K): a seeded program in which one
// op's backward is replaced by a plausible bug, which the learner finds with the gradient check and names.
// The bug lives only here, in a page-side reverse pass over the program's tape (gradcheck.js): the engine
// is never changed, so no engine user can meet it.
//
// Bug classes (seed % 4): a lost factor, a wrong sign, a missing transpose, a broadcast not summed.
//
// Page-side derivatives (dy: the output's gradient; sum_to undoes broadcasting, as the engine's):
//   add/sub   da += sum_to(dy)          db += sum_to(±dy)
//   mul       da += sum_to(dy b)        db += sum_to(dy a)
//   div       da += sum_to(dy / b)      db += sum_to(-dy a / b / b)
//   pow       da += sum_to(dy b a^(b-1))    db += sum_to(dy y log a)
//   neg, exp, log, tanh, sigmoid, relu, sqrt    elementwise, as in engine/src/ops/unary.cpp
//   sum, mean   da += dy (/ n) everywhere
//   matmul    dA += dY Bᵀ              dB += Aᵀ dY
import { makeRng } from './rng.js';
import { checkProgram } from './gradcheck.js';

export const BUG_CLASSES = ['lost-factor', 'wrong-sign', 'missing-transpose', 'broadcast-not-summed'];

const SCALAR_TEMPLATE = (v) => `a = ${v()}
b = ${v()}
c = a * b
d = tanh(c)
e = d - b
f = e / a
g = exp(f)
loss = g * g`;

// A 2 x 2 matrix whose off-diagonal entries differ by at least 0.6: a transpose bug must change something.
const mat = (v) => {
  const [p, q, s] = [v(), v(), v()];
  const r = (Number(q) + (Number(q) > 0 ? -0.6 : 0.6)).toFixed(1);
  return `[[${p}, ${q}], [${r}, ${s}]]`;
};
const TENSOR_TEMPLATE = (v) => `W = ${mat(v)}
x = ${mat(v)}
b = [${v()}, ${v()}]
h = matmul(W, x)
z = h + b
u = tanh(z)
V = ${mat(v)}
y = matmul(u, V)
c = [${v()}, ${v()}]
s = y * c
loss = sum(s)`;

// For each class: the template and the variables whose op can carry that bug, with what the bug did.
const CASES = {
  'lost-factor': {
    template: SCALAR_TEMPLATE,
    victims: {
      c: 'mul (c = a * b) lost the other factor: da = dy instead of dy·b, db = dy instead of dy·a',
      d: 'tanh (d = tanh(c)) lost its local derivative: dc = dy instead of dy·(1 − d²)',
      g: 'exp (g = exp(f)) lost its local derivative: df = dy instead of dy·g',
    },
  },
  'wrong-sign': {
    template: SCALAR_TEMPLATE,
    victims: {
      e: 'sub (e = d − b) gave b the wrong sign: db = +dy instead of −dy',
      f: 'div (f = e / a) gave a the wrong sign: da = +dy·e/a² instead of −dy·e/a²',
      d: 'tanh (d = tanh(c)) has the wrong sign: dc = −dy·(1 − d²)',
    },
  },
  'missing-transpose': {
    template: TENSOR_TEMPLATE,
    victims: {
      h: 'matmul (h = matmul(W, x)) forgot the transposes: dW = dh·x instead of dh·xᵀ, dx = W·dh instead of Wᵀ·dh',
      y: 'matmul (y = matmul(u, V)) forgot the transposes: du = dy·V instead of dy·Vᵀ, dV = u·dy instead of uᵀ·dy',
    },
  },
  'broadcast-not-summed': {
    template: TENSOR_TEMPLATE,
    victims: {
      z: 'add (z = h + b) did not sum the broadcast: db took the first row of dz instead of the sum over rows',
      s: 'mul (s = y * c) did not sum the broadcast: dc took the first row of dy·y instead of the sum over rows',
    },
  },
};

/**
 * The exercise of seed K: { seed, bug, source, victim (the variable whose op is broken), explanation }.
 * Values are seeded in ±[0.4, 1.2] with one decimal. Draws repeat (from the same seeded stream) until
 * `accept(exercise)` holds, at most 20 times: exerciseFor asks that the bug be visible.
 */
export function brokenExercise(seed, accept = () => true) {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`exercise seed must be a non-negative integer, got ${seed}`);
  const bug = BUG_CLASSES[seed % BUG_CLASSES.length];
  const rng = makeRng(seed * 2654435761 + 1);
  const value = () => {
    const m = 0.4 + Math.round(rng.uniform() * 8) / 10;
    return (rng.uniform() < 0.5 ? -m : m).toFixed(1);
  };
  const { template, victims } = CASES[bug];
  const names = Object.keys(victims);
  let exercise;
  for (let attempt = 0; attempt < 20; attempt++) {
    const victim = names[rng.int(names.length)];
    exercise = { seed, bug, source: template(value), victim, explanation: victims[victim] };
    if (accept(exercise)) break;
  }
  return exercise;
}

/** The gradient check of an exercise: the page's broken backward against central differences. */
export const checkExercise = (nb, exercise) =>
  checkProgram(nb, exercise.source, { backward: (run) => tapeGradients(run, exercise) });

/**
 * The exercise the page shows for seed K: the first draw whose bug is plain to see, a red row (relative
 * error >= 0.1) somewhere upstream, so that a bug whose effect happens to be small (tanh's lost factor where
 * tanh' is near 1) is never the one a learner must find.
 */
export const exerciseFor = (nb, seed) =>
  brokenExercise(seed, (ex) => checkExercise(nb, ex).rows.some((r) => r.status === 'bad'));

// ---------------------------------------------------------------- the page-side reverse pass

const sizeOf = (shape) => shape.reduce((a, b) => a * b, 1);

/** For each element of `out`, the element of `inShape` it reads under NumPy broadcasting. */
function broadcastMap(outShape, inShape) {
  const n = sizeOf(outShape), map = new Int32Array(n);
  const pad = outShape.length - inShape.length;
  const strides = [];
  let s = 1;
  for (let d = inShape.length - 1; d >= 0; d--) { strides[d] = s; s *= inShape[d]; }
  for (let i = 0; i < n; i++) {
    let rest = i, j = 0;
    for (let d = outShape.length - 1; d >= 0; d--) {
      const size = outShape[d], idx = rest % size;
      rest = Math.floor(rest / size);
      const k = d - pad;
      if (k >= 0 && inShape[k] !== 1) j += idx * strides[k];
    }
    map[i] = j;
  }
  return map;
}

/** Adds `v` (out's shape) into `g` (an input's shape) through `map`; `firstOnly` is the unsummed-broadcast bug. */
function sumInto(g, v, map, firstOnly = false) {
  const seen = firstOnly ? new Set() : null;
  for (let i = 0; i < v.length; i++) {
    if (seen) {
      if (seen.has(map[i])) continue;
      seen.add(map[i]);
    }
    g[map[i]] += v[i];
  }
}

// C += A B for row-major A (m x k), B (k x n); ta / tb read A or B transposed (A stored k x m, B stored n x k).
function matmulInto(C, A, B, m, k, n, ta, tb) {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? A[p * m + i] : A[i * k + p]) * (tb ? B[j * k + p] : B[p * n + j]);
      C[i * n + j] += s;
    }
  }
}

/**
 * Gradients of the run's root in every entry that carries a graph, by a reverse pass in JS (float64) over the
 * tape; `fault` = { victim: variable name, bug } breaks that op's backward. Entries without a graph get null.
 */
export function tapeGradients(run, fault = null) {
  const { entries } = run;
  const values = entries.map((e) => Array.from(e.tensor.data()));
  const shapes = entries.map((e) => e.tensor.shape);
  const needs = entries.map((e) => e.tensor.requiresGrad);
  const grads = entries.map((e, k) => (needs[k] ? new Float64Array(values[k].length) : null));
  const root = entries.findIndex((e) => e.tensor === run.root);
  grads[root][0] = 1;
  for (let k = root; k >= 0; k--) {
    const e = entries[k], dy = grads[k];
    if (!dy || e.op === 'leaf') continue;
    const broken = fault && e.name === fault.victim ? fault.bug : null;
    const [ia, ib] = e.inputs;
    const y = values[k];
    const a = ia === null || ia === undefined ? null : values[ia];
    const b = ib === null || ib === undefined ? null : values[ib];
    const ga = a && grads[ia], gb = b && grads[ib];
    const elementwise = (local) => { if (ga) for (let i = 0; i < dy.length; i++) ga[i] += dy[i] * local(i); };
    switch (e.op) {
      case 'add': case 'sub': case 'mul': case 'div': case 'pow': {
        const ma = broadcastMap(shapes[k], shapes[ia]), mb = broadcastMap(shapes[k], shapes[ib]);
        const av = (i) => a[ma[i]], bv = (i) => b[mb[i]];
        const local = {
          add: [() => 1, () => 1],
          sub: [() => 1, () => (broken === 'wrong-sign' ? 1 : -1)],
          mul: broken === 'lost-factor' ? [() => 1, () => 1] : [bv, av],
          div: [(i) => 1 / bv(i), (i) => (broken === 'wrong-sign' ? 1 : -1) * (av(i) / bv(i)) / bv(i)],
          pow: [(i) => bv(i) * av(i) ** (bv(i) - 1), (i) => y[i] * Math.log(av(i))],
        }[e.op];
        const unsummed = broken === 'broadcast-not-summed';
        if (ga) sumInto(ga, Array.from(dy, (d, i) => d * local[0](i)), ma, unsummed);
        if (gb) sumInto(gb, Array.from(dy, (d, i) => d * local[1](i)), mb, unsummed);
        break;
      }
      case 'neg': elementwise(() => -1); break;
      case 'exp': elementwise((i) => (broken === 'lost-factor' ? 1 : y[i])); break;
      case 'log': elementwise((i) => 1 / a[i]); break;
      case 'sqrt': elementwise((i) => 0.5 / y[i]); break;
      case 'tanh': elementwise((i) => (broken === 'lost-factor' ? 1 : (broken === 'wrong-sign' ? -1 : 1) * (1 - y[i] * y[i]))); break;
      case 'sigmoid': elementwise((i) => y[i] * (1 - y[i])); break;
      case 'relu': elementwise((i) => (a[i] > 0 ? 1 : 0)); break;
      case 'sum': if (ga) ga.forEach((_, i) => { ga[i] += dy[0]; }); break;
      case 'mean': if (ga) ga.forEach((_, i) => { ga[i] += dy[0] / ga.length; }); break;
      case 'matmul': {
        const [m, kk] = shapes[ia], n = shapes[ib][1];
        const flip = broken !== 'missing-transpose';
        if (ga) matmulInto(ga, dy, b, m, n, kk, false, flip);   // dA = dY Bᵀ  (m x n)(n x k)
        if (gb) matmulInto(gb, a, dy, kk, m, n, flip, false);   // dB = Aᵀ dY  (k x m)(m x n)
        break;
      }
      default:
        throw new Error(`the page's reverse pass has no rule for '${e.op}'`);
    }
  }
  return grads.map((g) => (g ? Array.from(g) : null));
}

/** Whether the learner's answer names the broken op (by the variable its result is assigned to). */
export const isRightAnswer = (exercise, answer) => String(answer).trim() === exercise.victim;
