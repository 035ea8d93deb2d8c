// Tensor: the JS wrapper over an engine tensor handle, with PyTorch's method names in camelCase. Numbers are
// accepted wherever PyTorch accepts a scalar. Data leaves the WASM heap only as copies (data(), toArray()).
import { NablaError } from './errors.js';
import { Handle } from './handle.js';
import { raw } from './runtime.js';
import { axesArg, axisArg, describeValue, indicesArg, integerArg, numberArg, shapeArg } from './validate.js';

export class Tensor extends Handle {
  /** Wraps a raw engine handle (takes ownership). Not for users: use nb.tensor and friends. */
  constructor(handle) { super(handle, 'Tensor', true); }

  get shape() { return this._handle.shape(); }
  get rank() { return this._handle.rank(); }
  get size() { return this._handle.numel(); }
  get requiresGrad() { return this._handle.requiresGrad(); }
  set requiresGrad(on) { this._handle.setRequiresGrad(Boolean(on)); }
  get isLeaf() { return this._handle.isLeaf(); }
  get grad() {
    const g = this._handle.grad();
    return g === null ? null : new Tensor(g);
  }
  get name() { return this._handle.name(); }
  set name(n) { this._handle.setName(String(n)); }

  data() { return this._handle.dataView().slice(); }
  toArray() { return nest(this.data(), this.shape); }
  item() { return this._handle.item(); }
  toString() { return `Tensor(shape=[${this.shape}], ${JSON.stringify(this.toArray())})`; }

  backward(grad, options = {}) {
    this._handle.backward(grad ? grad._handle : null, Boolean(options.retainGraph), Boolean(options.createGraph));
  }
  zeroGrad() { this._handle.zeroGrad(); }
  detach() { return new Tensor(this._handle.detach()); }
  clone() { return new Tensor(this._handle.clone()); }

  add(o) { return typeof o === 'number' ? wrap(raw()._addScalar(this._handle, o)) : binary('_add', this, o); }
  sub(o) { return typeof o === 'number' ? wrap(raw()._addScalar(this._handle, -o)) : binary('_sub', this, o); }
  mul(o) { return typeof o === 'number' ? wrap(raw()._mulScalar(this._handle, o)) : binary('_mul', this, o); }
  div(o) { return typeof o === 'number' ? withScalar('_div', this, o) : binary('_div', this, o); }
  pow(o) { return typeof o === 'number' ? wrap(raw()._powScalar(this._handle, o)) : binary('_pow', this, o); }
  neg() { return unary('_neg', this); }

  exp() { return unary('_exp', this); }
  log() { return unary('_log', this); }
  sqrt() { return unary('_sqrt', this); }
  abs() { return unary('_abs', this); }
  sin() { return unary('_sin', this); }
  cos() { return unary('_cos', this); }
  tanh() { return unary('_tanh', this); }
  sigmoid() { return unary('_sigmoid', this); }
  relu() { return unary('_relu', this); }
  leakyRelu(slope = 0.01) { return wrap(raw()._leakyRelu(this._handle, numberArg('leakyRelu: slope', slope))); }
  gelu() { return unary('_gelu', this); }
  softplus() { return unary('_softplus', this); }
  clamp(min, max) { return wrap(raw()._clamp(this._handle, numberArg('clamp: min', min), numberArg('clamp: max', max))); }

  sum(axis, keepdim = false) {
    if (axis === undefined || axis === null) return unary('_sumAll', this);
    return wrap(raw()._sum(this._handle, axesArg('sum', axis), Boolean(keepdim)));
  }
  mean(axis, keepdim = false) {
    if (axis === undefined || axis === null) return unary('_meanAll', this);
    return wrap(raw()._mean(this._handle, axesArg('mean', axis), Boolean(keepdim)));
  }
  max(axis, keepdim = false) {
    if (axis === undefined || axis === null) return unary('_maxAll', this);
    return wrap(raw()._max(this._handle, axisArg('max: axis', axis), Boolean(keepdim)));
  }
  argmax(axis) { return wrap(raw()._argmax(this._handle, axisArg('argmax: axis', axis))); }

  matmul(o) { return binary('_matmul', this, o); }

  /** Broadcasts to `shape` (size-1 or missing leading dimensions repeat), as torch.Tensor.expand. */
  expand(shape) { return wrap(raw()._expand(this._handle, shapeArg('expand', shape))); }
  /** Sums broadcast dimensions away so the result has `shape`, as torch.Tensor.sum_to_size. */
  sumTo(shape) { return wrap(raw()._sumTo(this._handle, shapeArg('sumTo', shape))); }
  reshape(shape) { return wrap(raw()._reshape(this._handle, reshapeArg(shape))); }
  flatten(startAxis = 1, endAxis = -1) {
    return wrap(raw()._flatten(this._handle, axisArg('flatten: startAxis', startAxis), axisArg('flatten: endAxis', endAxis)));
  }
  transpose(axis0 = -2, axis1 = -1) {
    return wrap(raw()._transpose(this._handle, axisArg('transpose: axis0', axis0), axisArg('transpose: axis1', axis1)));
  }
  permute(order) { return wrap(raw()._permute(this._handle, indicesArg('permute', order, 'order'))); }
  slice(axis, start, end, step = 1) {
    return wrap(raw()._slice(this._handle, axisArg('slice: axis', axis), sliceBound('slice: start', start),
      end === undefined || end === null ? Infinity : sliceBound('slice: end', end), integerArg('slice: step', step, 1)));
  }
  roll(shift, axis) {
    return wrap(raw()._roll(this._handle, integerArg('roll: shift', shift, -(2 ** 31)), axisArg('roll: axis', axis)));
  }
  indexSelect(axis, index) {
    return wrap(raw()._indexSelect(this._handle, axisArg('indexSelect: axis', axis), indicesArg('indexSelect', index, 'index')));
  }

  softmax(axis = -1) { return wrap(raw()._softmax(this._handle, axisArg('softmax: axis', axis))); }
  logSoftmax(axis = -1) { return wrap(raw()._logSoftmax(this._handle, axisArg('logSoftmax: axis', axis))); }
  logsumexp(axis = -1, keepdim = false) {
    return wrap(raw()._logsumexp(this._handle, axisArg('logsumexp: axis', axis), Boolean(keepdim)));
  }
}

export function wrap(handle) {
  return new Tensor(handle);
}

function unary(fn, x) {
  return wrap(raw()[fn](x._handle));
}

function binary(fn, a, b) {
  if (!(b instanceof Tensor)) throw new TypeError(`${fn.slice(1)}: expected a Tensor or a number, got ${describe(b)}`);
  return wrap(raw()[fn](a._handle, b._handle));
}

// A binary op with a number on the right, as a broadcast rank-0 tensor (exact division, unlike x * (1/s)).
function withScalar(fn, a, s) {
  const h = raw()._scalar(s);
  try {
    return wrap(raw()[fn](a._handle, h));
  } finally {
    h.delete();
  }
}

function describe(v) {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

// reshape takes one -1 (the size inferred from the others), as torch.reshape.
function reshapeArg(shape) {
  return indicesArg('reshape', shape, 'shape').map((d, i) => {
    if (d < -1) throw new NablaError(`reshape: shape[${i}] must be a non-negative integer or -1, got ${d}`, 'ValueError');
    return d;
  });
}

// A slice bound: an integer, negative from the end, or +-Infinity for "to the end" (clipped, as Python does).
function sliceBound(what, v) {
  if (v === Infinity || v === -Infinity || Number.isSafeInteger(v)) return v;
  throw new NablaError(`${what} must be an integer or +-Infinity, got ${describeValue(v)}`, 'ValueError');
}

// Rebuilds nested arrays from row-major data.
function nest(data, shape) {
  if (shape.length === 0) return data[0];
  let pos = 0;
  const build = (d) => {
    const out = new Array(shape[d]);
    for (let i = 0; i < shape[d]; i++) out[i] = d === shape.length - 1 ? data[pos++] : build(d + 1);
    return out;
  };
  return build(0);
}

/** Flattens rectangular nested arrays; NablaError (ShapeError) when they are ragged. */
export function flattenNested(data) {
  const shape = [];
  for (let d = data; Array.isArray(d); d = d[0]) shape.push(d.length);
  const out = [];
  const walk = (d, depth, path) => {
    if (depth === shape.length) {
      if (typeof d !== 'number') throw new NablaError(`tensor: expected a number at [${path}], got ${describe(d)}`, 'ValueError');
      out.push(d);
      return;
    }
    if (!Array.isArray(d) || d.length !== shape[depth]) {
      throw new NablaError(`tensor: ragged nested array: expected length ${shape[depth]} at [${path}], got ${Array.isArray(d) ? d.length : describe(d)}`, 'ShapeError');
    }
    for (let i = 0; i < d.length; i++) walk(d[i], depth + 1, path.length ? `${path}, ${i}` : `${i}`);
  };
  walk(data, 0, '');
  return { values: out, shape };
}
