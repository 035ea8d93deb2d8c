// Grad mode and functional differentiation in the spirit of HIPS autograd: grad(f) is a function, so
// grad(grad(f)) works. Mirrors nabla::grad (engine/src/autograd/functional.cpp), written here so that the
// user's JS function is never called from inside C++ (a JS exception would unwind C++ frames).
import { NablaError } from './errors.js';
import { raw } from './runtime.js';
import { Tensor, wrap } from './tensor.js';

export function noGrad(fn) {
  const m = raw();
  const prev = m._isGradEnabled();
  m._setGradEnabled(false);
  try {
    return fn();
  } finally {
    m._setGradEnabled(prev);
  }
}

function withGrad(fn, x) {
  const m = raw();
  const prev = m._isGradEnabled();
  m._setGradEnabled(true);
  try {
    return fn(x);
  } finally {
    m._setGradEnabled(prev);
  }
}

// Differentiates fn at x. When x already carries a graph (an outer grad is differentiating through this one),
// the backward pass is recorded so that the outer call can differentiate the result again.
function differentiate(fn, x) {
  if (!(x instanceof Tensor)) throw new TypeError('grad: the argument must be a Tensor');
  const m = raw();
  const outer = m._isGradEnabled() && x.requiresGrad;
  let input = x;
  if (!outer) {
    input = x.detach();
    input.requiresGrad = true;
  }
  try {
    const y = withGrad(fn, input);
    if (!(y instanceof Tensor)) throw new TypeError('grad: the function must return a Tensor');
    if (y.size !== 1) {
      throw new NablaError(`grad: the function must return a one-element tensor, got shape [${y.shape.join(', ')}]`, 'AutogradError');
    }
    if (!y.requiresGrad) return [y, wrap(m._zeros(x.shape))];
    const g = wrap(m._gradient(y._handle, input._handle, outer, outer));
    if (outer) return [y, g];
    const value = y.detach();
    if (y !== x) y.dispose();
    return [value, g];
  } finally {
    if (input !== x) input.dispose();
  }
}

/** grad(f)(x) = df/dx for a scalar-valued f. */
export function grad(fn) {
  return (x) => {
    const [value, g] = differentiate(fn, x);
    value.dispose();
    return g;
  };
}

/** valueAndGrad(f)(x) = [f(x), df/dx]. */
export function valueAndGrad(fn) {
  return (x) => differentiate(fn, x);
}

/**
 * Anomaly mode (engine/include/nabla/autograd/anomaly.h): when on, every op checks its result and every backward
 * step its gradients, and the first NaN or Inf throws a NablaError naming the op ("anomaly: op 'log' produced
 * NaN/Inf ..."). Off by default: the check reads every result.
 */
export function setAnomalyMode(on) {
  if (typeof on !== 'boolean') throw new NablaError(`setAnomalyMode: expected true or false, got ${typeof on}`, 'ValueError');
  raw()._setAnomalyMode(on);
}

/** Runs fn with anomaly mode on and restores the previous mode after, as torch.autograd.detect_anomaly. */
export function detectAnomaly(fn) {
  if (typeof fn !== 'function') throw new TypeError('detectAnomaly: expected a function');
  const prev = raw()._setAnomalyMode(true);
  let result;
  try {
    result = fn();
  } finally {
    raw()._setAnomalyMode(prev);
  }
  if (result && typeof result.then === 'function') {
    throw new TypeError('detectAnomaly: the function must be synchronous (it returned a Promise; the mode was already restored)');
  }
  return result;
}
