// The functions the language knows, with their parameters; evaluate checks calls against this table before
// the backend sees them, so every backend gets the same arity and argument errors.
//
// A parameter is a tensor unless marked `number`: then the argument must be a (signed) number literal and reaches
// the backend as a plain JS number, since engines take slopes and bounds as floats, not tensors.
// Parameters with a `default` may be left out; evaluate fills them in, so backends always get every argument.

const tensor = (name) => ({ name });
const number = (name, fallback) => ({ name, number: true, default: fallback });

// `op` is the canonical name passed to backend.call; aliases share it.
function fn(op, ...params) {
  const minArgs = params.filter((p) => p.default === undefined).length;
  return Object.freeze({ op, params, minArgs, maxArgs: params.length });
}

const x = tensor('x');
const logSoftmax = fn('log_softmax', x);

/// name -> { op, params: [{ name, number?, default? }], minArgs, maxArgs }
export const FUNCTIONS = Object.freeze({
  tanh: fn('tanh', x),
  relu: fn('relu', x),
  sigmoid: fn('sigmoid', x),
  exp: fn('exp', x),
  sin: fn('sin', x),
  cos: fn('cos', x),
  log: fn('log', x),
  sqrt: fn('sqrt', x),
  abs: fn('abs', x),
  sum: fn('sum', x), // full reductions to a scalar
  mean: fn('mean', x),
  max: fn('max', x),
  matmul: fn('matmul', tensor('a'), tensor('b')),
  softmax: fn('softmax', x), // over the last axis
  logsoftmax: logSoftmax,
  log_softmax: logSoftmax,
  transpose: fn('transpose', x),
  pow: fn('pow', x, tensor('y')),
  gelu: fn('gelu', x),
  softplus: fn('softplus', x),
  leaky_relu: fn('leaky_relu', x, number('slope', 0.01)),
  clamp: fn('clamp', x, number('lo'), number('hi')),
});

/// Elementwise ops a learner defined (userOps.js): name -> the same spec, plus `user` = { forward, backward,
/// engine } (engine: the nb.elementwiseOp handle that computes it). Mutable: definitions come and go.
export const USER_FUNCTIONS = new Map();
