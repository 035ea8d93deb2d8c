// Trainer: whole training steps in C++ (forward, loss, backward, regularisation, update), so that one call
// from JS runs many steps; plus batched predict and per-layer activations for drawing. nn::Trainer owns the
// behaviour; this wrapper checks and converts arguments.
import { NablaError } from './errors.js';
import { Handle, copyNamed } from './handle.js';
import { Module } from './nn.js';
import { optimizerOptions } from './optim.js';
import { raw } from './runtime.js';
import { integerArg, numberArg } from './validate.js';

// Loss names pass through as they are: the engine's one table (nn::loss_names, JS spellings) checks them.
function lossName(name) {
  if (typeof name !== 'string') throw new NablaError(`trainer: loss must be a string, got ${typeof name}`, 'ValueError');
  return name;
}

function regularization(kind = 'none', rate = 0) {
  if (kind === 'none') return [0, 0];
  if (kind === 'l1') return [rate, 0];
  if (kind === 'l2') return [0, rate];
  throw new NablaError(`unknown regularization "${kind}" (expected none, l1 or l2)`, 'ValueError');
}

function scheduleText(s) {
  if (typeof s !== 'string') throw new NablaError(`trainer: schedule must be a string such as 'step:10,0.1', got ${typeof s}`, 'ValueError');
  return s;
}

function floats(a, what) {
  if (a instanceof Float32Array) return a;
  if (Array.isArray(a) || ArrayBuffer.isView(a)) return Float32Array.from(a);
  throw new NablaError(`${what}: expected a Float32Array`, 'ValueError');
}

export class Trainer extends Handle {
  constructor(options) {
    const { model, optimizer = 'sgd', optimizerOptions: opts = { lr: 0.01 }, loss = 'crossEntropy', batchSize = 32,
      regularization: reg = 'none', regularizationRate = 0, seed = 0, schedule = 'constant' } = options;
    if (!(model instanceof Module)) throw new NablaError('trainer: options.model must be a Module', 'ValueError');
    const [l1, l2] = regularization(reg, regularizationRate);
    super(raw()._trainer(model._handle, lossName(loss), optimizer, optimizerOptions(opts), scheduleText(schedule), l1, l2,
      integerArg('trainer: batch size', batchSize, 1), numberArg('trainer: seed', seed)), 'Trainer');
    this.model = model;
  }

  setData(x, y, n) { this._handle.setData(floats(x, 'setData'), floats(y, 'setData'), integerArg('setData: n', n)); }
  step(steps = 1) { return this._handle.step(integerArg('Trainer.step: number of steps', steps, 1)); }
  evaluate(x, y, n) { return this._handle.evaluate(floats(x, 'evaluate'), floats(y, 'evaluate'), integerArg('evaluate: n', n)); }
  predict(x, n) {
    const t = this._handle.predict(floats(x, 'predict'), integerArg('predict: n', n));
    try { return t.dataView().slice(); } finally { t.delete(); }
  }
  activations(x, n) {
    return this._handle.activations(floats(x, 'activations'), integerArg('activations: n', n)).map(({ name, tensor }) => {
      const shape = tensor.shape();
      const values = tensor.dataView().slice();
      tensor.delete();
      return { name, units: shape.slice(1).reduce((a, b) => a * b, 1), shape, values };
    });
  }
  /** The base rate: with a schedule, the rate it scales. */
  setLearningRate(lr) { this._handle.setLearningRate(numberArg('setLearningRate: lr', lr)); }
  /** The rate the next step uses (the optimizer's). */
  get learningRate() { return this._handle.learningRate(); }
  /** Starts a schedule (the CLI's --schedule text) at the current epoch; 'constant' ends one. */
  setSchedule(schedule) { this._handle.setSchedule(scheduleText(schedule)); }
  /** The running schedule's text form, 'constant' without one. */
  get schedule() { return this._handle.schedule(); }
  /** Changes the optimizer; the engine keeps its state when only the learning rate differs. */
  setOptimizer(name, options) { this._handle.setOptimizer(name, optimizerOptions(options)); }
  setLoss(name) { this._handle.setLoss(lossName(name)); }
  setRegularization(kind, rate) { this._handle.setRegularization(...regularization(kind, rate)); }
  setBatchSize(batchSize) { this._handle.setBatchSize(integerArg('setBatchSize: batch size', batchSize, 1)); }
  parameterInfo() {
    return this._handle.namedParameters().map(({ name, tensor }) => {
      const shape = tensor.shape();
      tensor.delete();
      return { name, shape };
    });
  }
  stateDict() { return copyNamed(this._handle.namedParameters()); }
  gradients() { return copyNamed(this._handle.gradients()); }
  setWeight(name, index, value) {
    this._handle.setWeight(String(name), numberArg('setWeight: index', index), numberArg('setWeight: value', value));
  }
}
