// Grad mode and anomaly mode. The function transforms (grad, jacobian, ...) are in transforms.js.
import { NablaError } from './errors.js';
import { raw } from './runtime.js';

/** Runs fn with grad recording on or off, restoring the previous mode after. */
export function withGradEnabled(on, fn) {
  const m = raw();
  const prev = m._isGradEnabled();
  m._setGradEnabled(on);
  try {
    return fn();
  } finally {
    m._setGradEnabled(prev);
  }
}

export function noGrad(fn) {
  return withGradEnabled(false, fn);
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
