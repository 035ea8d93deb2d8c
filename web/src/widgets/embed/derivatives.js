// Higher-order derivatives by repeated grad, as in HIPS autograd's README: f, f', f'', ... of an elementwise
// function over a grid of points, each order the engine's grad of the sum of the previous one (the sum makes
// the gradient of an elementwise function its pointwise derivative).
import { ExprError, parse, evaluate } from '../../lib/expr/index.js';
import { createNablaBackend } from '../../lib/expr/nablaBackend.js';

// Functions that mix points (so the sum trick would not give a pointwise derivative).
const COUPLING = new Set(['sum', 'mean', 'max', 'matmul', 'softmax', 'logsoftmax', 'log_softmax', 'transpose']);

/**
 * A user's function of x from the expression language (e.g. "tanh(x) * exp(-x/4)", or several statements
 * whose last value is f(x)). Returns (nb, x: Tensor) => Tensor. Throws ExprError at the mistake.
 */
export function compileFunction(source) {
  const ast = parse(source);
  (function check(node) {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Call' && COUPLING.has(node.callee.name)) {
      throw new ExprError(`${node.callee.name}() mixes points, so f would not be elementwise; use it in the graph editor instead`, node.line, node.column);
    }
    if (node.type === 'Assign' && node.name === 'x') throw new ExprError("'x' is the input here; assign to another name", node.line, node.column);
    for (const v of Object.values(node)) if (Array.isArray(v)) v.forEach(check); else if (v && typeof v === 'object') check(v);
  })(ast);
  const program = { ...ast, body: [{ type: 'Assign', name: 'x', value: { type: 'Number', value: 0, line: 1, column: 1 }, line: 1, column: 1 }, ...ast.body] };
  return (nb, x) => {
    const backend = createNablaBackend(nb);
    const constant = backend.constant;
    backend.constant = (values, shape, options) => (options?.name === 'x' ? x : constant(values, shape, options));
    return evaluate(program, backend).value;
  };
}

export const TANH = (nb, x) => x.tanh();

/** n points evenly spaced over [from, to]. */
export function linspace(from, to, n) {
  return Float64Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
}

/**
 * f and its first `orders` derivatives at n points of [from, to]: { xs, series: Float32Array[] (orders + 1) }.
 * `f(nb, x)` maps a tensor of points to a tensor of the same shape.
 */
export function derivativeSeries(nb, f, { from = -7, to = 7, n = 200, orders = 6 } = {}) {
  if (!(to > from)) throw new Error(`interval [${from}, ${to}]: the end must be greater than the start`);
  const xs = linspace(from, to, n);
  return nb.tidy(() => {
    const fns = [(x) => f(nb, x)];
    for (let k = 1; k <= orders; k++) {
      const prev = fns[k - 1];
      fns.push((x) => nb.grad((z) => prev(z).sum())(x));
    }
    const series = fns.map((fn) => {
      const x = nb.tensor(Float32Array.from(xs), [n], { requiresGrad: true });
      const y = fn(x);
      if (y.size !== n) throw new Error(`f(x) has shape [${y.shape}] but x has [${n}]: f must act elementwise`);
      return y.data();
    });
    return { xs, series };
  });
}
