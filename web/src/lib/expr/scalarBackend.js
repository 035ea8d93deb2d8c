// A micrograd-style scalar autograd in plain JS: the reference backend that checks evaluate() without the engine.
//
// Derivatives (each op's backward accumulates dy * local derivative into inputs that require grad):
//   add    a + b        da += dy;                  db += dy
//   mul    a * b        da += dy * b;              db += dy * a
//   pow    a ** b       da += dy * b * a^(b-1);    db += dy * a^b * ln(a)
//   neg    -a           da += -dy
//   exp    e^a          da += dy * e^a
//   log    ln(a)        da += dy / a
//   tanh   tanh(a)      da += dy * (1 - tanh(a)^2)
//   sin    sin(a)       da += dy * cos(a)
//   cos    cos(a)       da += -dy * sin(a)
//   relu   max(a, 0)    da += dy * [a > 0]
//   abs    |a|          da += dy * sign(a)
//   leaky_relu(a, s)    da += dy * (a > 0 ? 1 : s)
//   clamp(a, lo, hi)    da += dy * [lo <= a <= hi]
// Composed, so no backward of their own: sub, div, sqrt, sigmoid, softplus, gelu.

/// A scalar node of the graph. `label` is its variable name, if any.
export class Value {
  constructor(data, { inputs = [], op = '', label = '', requiresGrad = inputs.some((v) => v.requiresGrad) } = {}) {
    this.data = data;
    this.grad = 0;
    this.inputs = inputs;
    this.op = op;
    this.label = label;
    this.requiresGrad = requiresGrad;
    this.backwardStep = () => {};
  }

  /// Fills .grad of every node this value depends on with d(this)/d(node).
  backward() {
    const order = [];
    const seen = new Set();
    const visit = (v) => {
      if (seen.has(v)) return;
      seen.add(v);
      v.inputs.forEach(visit);
      order.push(v);
    };
    visit(this);
    this.grad = 1;
    for (const v of order.reverse()) v.backwardStep();
  }
}

// Records an op: the result and a backward that receives dy and returns one local gradient per input.
function record(data, inputs, op, localGrads) {
  const out = new Value(data, { inputs, op });
  out.backwardStep = () => {
    const grads = localGrads(out.grad);
    inputs.forEach((input, i) => { if (input.requiresGrad) input.grad += grads[i]; });
  };
  return out;
}

const constant = (x) => new Value(x, { requiresGrad: false });
const add = (a, b) => record(a.data + b.data, [a, b], 'add', (dy) => [dy, dy]);
const mul = (a, b) => record(a.data * b.data, [a, b], 'mul', (dy) => [dy * b.data, dy * a.data]);
const neg = (a) => record(-a.data, [a], 'neg', (dy) => [-dy]);
// NOTE: ln(a) is only needed (and only defined) when the exponent requires grad, so constant exponents of
// negative bases, as in (a - b)**2, do not produce NaN.
const pow = (a, b) => record(a.data ** b.data, [a, b], 'pow', (dy) => [
  dy * b.data * a.data ** (b.data - 1),
  b.requiresGrad ? dy * a.data ** b.data * Math.log(a.data) : 0,
]);
const unaryOp = (op, f, df) => (a) => record(f(a.data), [a], op, (dy) => [dy * df(a.data)]);
const exp = unaryOp('exp', Math.exp, Math.exp);
const log = unaryOp('log', Math.log, (x) => 1 / x);
const tanh = unaryOp('tanh', Math.tanh, (x) => 1 - Math.tanh(x) ** 2);
const sin = unaryOp('sin', Math.sin, Math.cos);
const cos = unaryOp('cos', Math.cos, (x) => -Math.sin(x));
const relu = unaryOp('relu', (x) => Math.max(x, 0), (x) => (x > 0 ? 1 : 0));
const abs = unaryOp('abs', Math.abs, Math.sign);

const sub = (a, b) => add(a, neg(b));
const div = (a, b) => mul(a, pow(b, constant(-1)));
const sigmoid = (a) => div(constant(1), add(constant(1), exp(neg(a))));
const softplus = (a) => log(add(constant(1), exp(a)));
// tanh approximation of GELU: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
const gelu = (a) => {
  const inner = mul(constant(Math.sqrt(2 / Math.PI)), add(a, mul(constant(0.044715), pow(a, constant(3)))));
  return mul(mul(constant(0.5), a), add(constant(1), tanh(inner)));
};
// Reductions and transpose of a scalar: a new node, so naming the result never renames the input.
const identity = (op) => (a) => record(a.data, [a], op, (dy) => [dy]);

const FUNCTIONS = {
  tanh, relu, sigmoid, exp, log, abs, gelu, softplus, pow, sin, cos,
  sqrt: (a) => pow(a, constant(0.5)),
  sum: identity('sum'), mean: identity('mean'), max: identity('max'), transpose: identity('transpose'),
  leaky_relu: (a, slope) => record(a.data > 0 ? a.data : slope * a.data, [a], 'leaky_relu',
    (dy) => [dy * (a.data > 0 ? 1 : slope)]),
  clamp: (a, lo, hi) => record(Math.min(Math.max(a.data, lo), hi), [a], 'clamp',
    (dy) => [dy * (a.data >= lo && a.data <= hi ? 1 : 0)]),
};

/// The backend object for evaluate(): scalars only, so tensor literals and matmul/softmax are errors.
export const scalarBackend = {
  constant(values, shape, { name = '', requiresGrad = false } = {}) {
    if (shape.length) throw new Error(`the scalar backend has no tensors (got shape [${shape}])`);
    return new Value(values[0], { label: name, requiresGrad });
  },
  unary(op, a) {
    if (op !== 'neg') throw new Error(`the scalar backend has no unary '${op}'`);
    return neg(a);
  },
  binary(op, a, b) {
    const f = { add, sub, mul, div, pow }[op];
    if (!f) throw new Error(`the scalar backend has no binary '${op}'`);
    return f(a, b);
  },
  call(op, args) {
    if (!Object.hasOwn(FUNCTIONS, op)) throw new Error(`${op}() is not supported by the scalar backend`);
    return FUNCTIONS[op](...args);
  },
  name(value, name) {
    value.label = name;
  },
};
