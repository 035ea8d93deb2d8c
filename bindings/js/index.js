// The nabla JS API: loadNabla() instantiates the WebAssembly engine and returns the API object (see index.d.ts
// for the typed contract). Repeated calls share one instance.
import { detectAnomaly, noGrad, setAnomalyMode } from './autograd.js';
import { data } from './data.js';
import { NablaError } from './errors.js';
import { graph, graphDot } from './graph.js';
import { Handle } from './handle.js';
import { checkLoadOptions, instantiate } from './loader.js';
import { dispose, liveObjects, tidy } from './memory.js';
import { Module, nn } from './nn.js';
import { Optimizer, optim } from './optim.js';
import { runtime } from './runtime.js';
import { Tensor, flattenNested, wrap } from './tensor.js';
import { Trainer } from './trainer.js';
import { pytorchScript } from './pytorch.js';
import { elementwiseGrad, grad, gradients, hessian, hvp, jacobian, jvp, valueAndGrad, vjp } from './transforms.js';
import { elementwiseOp, hasElementwiseOp } from './userOps.js';
import { axisArg, numberArg, shapeArg } from './validate.js';

export { Handle, Module, NablaError, Optimizer, Tensor, Trainer };

let loading = null;

export function loadNabla(options) {
  // Bad options are rejected before anything loads, and leave an instance already loaded as it was.
  try {
    checkLoadOptions(options);
  } catch (e) {
    return Promise.reject(e);
  }
  if (!loading) {
    loading = instantiate(options).then((m) => {
      runtime.m = m;
      return createApi(m);
    });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

function withOptions(t, options) {
  if (options?.requiresGrad) t.requiresGrad = true;
  return t;
}

function asTensor(x) {
  return x instanceof Tensor ? x : null;
}

function createApi(m) {
  const scalarTensor = (v) => wrap(m._scalar(v));

  const api = {
    tensor(data, shapeOrOptions, maybeOptions) {
      if (ArrayBuffer.isView(data) || (Array.isArray(shapeOrOptions) && Array.isArray(data))) {
        const shape = shapeArg('tensor', shapeOrOptions ?? [data.length]);
        const values = data instanceof Float32Array ? data : Float32Array.from(data);
        return withOptions(wrap(m._fromData(values, shape)), maybeOptions);
      }
      if (typeof data === 'number') return withOptions(wrap(m._scalar(data)), shapeOrOptions);
      if (!Array.isArray(data)) throw new NablaError(`tensor: expected nested arrays, a number or a Float32Array, got ${typeof data}`, 'ValueError');
      const { values, shape } = flattenNested(data);
      return withOptions(wrap(m._fromData(Float32Array.from(values), shape)), shapeOrOptions);
    },
    scalar: (v, options) => withOptions(scalarTensor(numberArg('scalar: value', v)), options),
    zeros: (shape, options) => withOptions(wrap(m._zeros(shapeArg('zeros', shape))), options),
    ones: (shape, options) => withOptions(wrap(m._ones(shapeArg('ones', shape))), options),
    full: (shape, value, options) => withOptions(wrap(m._full(shapeArg('full', shape), numberArg('full: value', value))), options),
    randn: (shape, options) => withOptions(wrap(m._randn(shapeArg('randn', shape))), options),
    rand: (shape, options) =>
      withOptions(wrap(m._rand(shapeArg('rand', shape), numberArg('rand: options.low', options?.low ?? 0),
        numberArg('rand: options.high', options?.high ?? 1))), options),
    arange(start, end, step = 1) {
      if (end === undefined) [start, end] = [0, start];
      return wrap(m._arange(numberArg('arange: start', start), numberArg('arange: end', end), numberArg('arange: step', step)));
    },
    manualSeed: (seed) => m._manualSeed(numberArg('manualSeed: seed', seed)),

    add: (a, b) => (asTensor(a) ? a.add(b) : b.add(a)),
    mul: (a, b) => (asTensor(a) ? a.mul(b) : b.mul(a)),
    sub: (a, b) => (asTensor(a) ? a.sub(b) : wrap(m._rsubScalar(b._handle, a))),
    div: (a, b) => (asTensor(a) ? a.div(b) : wrap(m._rdivScalar(b._handle, a))),
    pow(a, b) {
      if (asTensor(a)) return a.pow(b);
      const s = scalarTensor(a);
      try { return wrap(m._pow(s._handle, b._handle)); } finally { s.dispose(); }
    },
    matmul: (a, b) => a.matmul(b),
    concat: (tensors, axis = 0) => wrap(m._concat(tensors.map((t) => t._handle), axisArg('concat: axis', axis))),

    sin: (x) => x.sin(),
    cos: (x) => x.cos(),
    roll: (x, shift, axis) => x.roll(shift, axis),
    elementwiseOp,
    hasElementwiseOp,

    noGrad,
    grad,
    valueAndGrad,
    elementwiseGrad,
    jacobian,
    hessian,
    jvp,
    vjp,
    hvp,
    gradients,
    setAnomalyMode,
    detectAnomaly,
    tidy,
    dispose,
    liveTensors: liveObjects,
    heapBytes: () => m.HEAP8.buffer.byteLength,
    heapUsed: () => m._heapUsed(),
    nn,
    optim,
    data,
    trainer: (options) => new Trainer(options),
    pytorchScript,
    graph,
    graphDot,
    build: Object.freeze({ simd: m._simd(), version: m._version(), threads: m._getNumThreads() }),
  };
  return api;
}
