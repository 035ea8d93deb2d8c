// nb.optim: optimizers over a list of parameters; each updates the parameters in place from their .grad.
import { NablaError } from './errors.js';
import { Handle } from './handle.js';
import { raw } from './runtime.js';
import { Tensor } from './tensor.js';
import { instancesArg, integerArg, numberArg } from './validate.js';

export class Optimizer extends Handle {
  constructor(handle) { super(handle, 'Optimizer'); }
  step() { this._handle.step(); }
  zeroGrad() { this._handle.zeroGrad(); }
  get lr() { return this._handle.lr(); }
  set lr(v) { this._handle.setLr(v); }
}

const NUMERIC = ['lr', 'momentum', 'weightDecay', 'beta1', 'beta2', 'eps', 'alpha'];

/** The engine's optimizer options from the JS ones (betas as a pair, camelCase), numbers checked as numbers. */
export function optimizerOptions(o = {}) {
  const out = { ...o };
  if (o.betas) [out.beta1, out.beta2] = o.betas;
  delete out.betas;
  for (const key of NUMERIC) if (out[key] !== undefined) numberArg(`optimizer: options.${key}`, out[key]);
  return out;
}

function make(name) {
  return (params, options) =>
    new Optimizer(raw()._optimizer(name, instancesArg(name, params, Tensor, 'params').map((p) => p._handle), optimizerOptions(options)));
}

/** The rates of a schedule (the CLI's --schedule text) for epochs 0..epochs-1 from base rate lr; NablaError
 *  naming the field for a bad one. */
function scheduleRates(schedule, lr, epochs) {
  if (typeof schedule !== 'string') throw new NablaError(`scheduleRates: schedule must be a string, got ${typeof schedule}`, 'ValueError');
  return Float32Array.from(raw()._scheduleRates(schedule, numberArg('scheduleRates: lr', lr),
    integerArg('scheduleRates: epochs', epochs, 0)));
}

/** A schedule's text checked and written out in full ('step:2' -> 'step:2,0.1'); NablaError for a bad one. */
function parseSchedule(schedule) {
  if (typeof schedule !== 'string') throw new NablaError(`parseSchedule: schedule must be a string, got ${typeof schedule}`, 'ValueError');
  return raw()._scheduleText(schedule);
}

export const optim = {
  sgd: make('sgd'), adam: make('adam'), adamw: make('adamw'), rmsprop: make('rmsprop'), scheduleRates, parseSchedule,
};
