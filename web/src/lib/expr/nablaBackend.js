// The nabla engine as an evaluate() backend: every value is an engine Tensor, so a program's graph is the
// engine's own recorded graph (nb.graph) and its gradients are the engine's backward. The graph page and the
// <nabla-graph> widget run programs through this; tests check it against the scalar reference backend.
//
// Ownership: every tensor the backend makes is kept in `tensors` until dispose(), so nothing in the graph is
// freed while the page still draws it, and one dispose() frees the whole program.

import { USER_FUNCTIONS } from './functions.js';

/** Op name (as in FUNCTIONS) -> how the engine computes it; numbers arrive as plain JS numbers. */
const CALLS = {
  tanh: (x) => x.tanh(),
  relu: (x) => x.relu(),
  sigmoid: (x) => x.sigmoid(),
  exp: (x) => x.exp(),
  sin: (x) => x.sin(),
  cos: (x) => x.cos(),
  log: (x) => x.log(),
  sqrt: (x) => x.sqrt(),
  abs: (x) => x.abs(),
  sum: (x) => x.sum(),
  mean: (x) => x.mean(),
  max: (x) => x.max(),
  matmul: (a, b) => a.matmul(b),
  softmax: (x) => x.softmax(-1),
  log_softmax: (x) => x.logSoftmax(-1),
  // A scalar or a vector has nothing to swap: transposing it is the identity, as in PyTorch's .T on rank < 2.
  transpose: (x) => (x.rank < 2 ? x.reshape(x.shape) : x.transpose(-2, -1)),
  pow: (x, y) => x.pow(y),
  // NOTE: the engine's gelu is the exact x * Phi(x); the scalar reference uses the tanh approximation.
  gelu: (x) => x.gelu(),
  softplus: (x) => x.softplus(),
  leaky_relu: (x, slope) => x.leakyRelu(slope),
  clamp: (x, lo, hi) => x.clamp(lo, hi),
};

const BINARY = { add: 'add', sub: 'sub', mul: 'mul', div: 'div', pow: 'pow' };

/**
 * A backend over a loaded nabla module `nb`. Returns the backend object for evaluate() plus `tensors` (every
 * tensor it made, in order) and dispose().
 */
export function createNablaBackend(nb) {
  const tensors = [];
  const keep = (t) => { tensors.push(t); return t; };
  return {
    tensors,
    constant(values, shape, { name = '', requiresGrad = false } = {}) {
      const t = keep(nb.tensor(Float32Array.from(values), shape, { requiresGrad }));
      if (name) t.name = name;
      return t;
    },
    unary(op, a) {
      if (op !== 'neg') throw new Error(`the nabla backend has no unary '${op}'`);
      return keep(a.neg());
    },
    binary(op, a, b) {
      const method = BINARY[op];
      if (!method) throw new Error(`the nabla backend has no binary '${op}'`);
      return keep(a[method](b));
    },
    call(op, args) {
      const user = USER_FUNCTIONS.get(op)?.user;
      if (user) return keep(user.engine.apply(args[0]));
      if (!Object.hasOwn(CALLS, op)) throw new Error(`${op}() is not supported by the nabla backend`);
      return keep(CALLS[op](...args));
    },
    name(value, name) {
      value.name = name;
    },
    /** Frees every tensor this backend made (idempotent). */
    dispose() {
      for (const t of tensors) t.dispose();
      tensors.length = 0;
    },
  };
}

export { CALLS as NABLA_CALLS };
