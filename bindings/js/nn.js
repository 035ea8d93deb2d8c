// nb.nn: layers and models over the engine's nn::Module, and the presets the pages use (mlp, mnistConvnet).
// A Module's parameters are shared with the engine: tensors handed out by parameters() alias them.
import { NablaError } from './errors.js';
import { functional } from './functional.js';
import { Handle, copyNamed } from './handle.js';
import { raw } from './runtime.js';
import { Tensor, wrap } from './tensor.js';
import { batchNorm2dModule, conv2dModule, init, linearModule } from './layers.js';
import { engineName, jsNames } from './names.js';
import { ElementwiseOp, hasElementwiseOp } from './userOps.js';
import { indicesArg, instancesArg, integerArg, numberArg, poolArgs } from './validate.js';


function activationName(a) {
  if (a instanceof ElementwiseOp) a = a.name;
  const name = engineName('activation', a) ?? (hasElementwiseOp(a) ? a : null);
  if (!name) throw new NablaError(`unknown activation "${a}" (expected one of ${jsNames('activation').join(', ')} or a name defined by nb.elementwiseOp)`, 'ValueError');
  return name;
}

function toEntries(state) {
  const entries = state instanceof Map ? [...state.entries()] : Object.entries(state);
  return entries.map(([name, { shape, data }]) => ({ name, tensor: raw()._fromData(Float32Array.from(data), [...shape]) }));
}

export class Module extends Handle {
  constructor(handle) { super(handle, 'Module'); }

  forward(x) { return wrap(this._handle.forward(x._handle)); }
  parameters() {
    return this._handle.namedParameters().map(({ tensor }) => new Tensor(tensor));
  }
  namedParameters() {
    return this._handle.namedParameters().map(({ name, tensor }) => ({ name, tensor: new Tensor(tensor) }));
  }
  parameterInfo() {
    return this._handle.namedParameters().map(({ name, tensor }) => {
      const shape = tensor.shape();
      tensor.delete();
      return { name, shape };
    });
  }
  parameterCount() { return this._handle.parameterCount(); }
  stateDict() { return copyNamed(this._handle.state()); }
  loadStateDict(state) {
    const entries = toEntries(state);
    try {
      this._handle.loadState(entries);
    } finally {
      for (const e of entries) e.tensor.delete();
    }
  }
  saveSafetensors() { return this._handle.saveSafetensors(); }
  loadSafetensors(bytes) {
    if (!(bytes instanceof Uint8Array)) throw new NablaError('loadSafetensors: expected a Uint8Array', 'ValueError');
    this._handle.loadSafetensors(bytes);
  }
  train(on = true) { this._handle.train(Boolean(on)); }
  eval() { this._handle.train(false); }
  get training() { return this._handle.isTraining(); }
  zeroGrad() { this._handle.zeroGrad(); }
  toString() { return this._handle.describe(); }
}

export const nn = {
  /** options: { bias = true, init = 'default', dropConnect = 0 } (see layers.js). */
  linear: (inFeatures, outFeatures, options = {}) => new Module(linearModule(inFeatures, outFeatures, options)),
  conv2d: (inChannels, outChannels, kernel, options = {}) => new Module(conv2dModule(inChannels, outChannels, kernel, options)),
  maxPool2d: (options) => new Module(raw()._maxPool2dModule(...poolArgs('maxPool2d', options))),
  avgPool2d: (options) => new Module(raw()._avgPool2dModule(...poolArgs('avgPool2d', options))),
  relu: () => new Module(raw()._activationModule('relu', 0)),
  tanh: () => new Module(raw()._activationModule('tanh', 0)),
  sigmoid: () => new Module(raw()._activationModule('sigmoid', 0)),
  gelu: () => new Module(raw()._activationModule('gelu', 0)),
  leakyRelu: (slope = 0.01) => new Module(raw()._activationModule('leaky_relu', numberArg('leakyRelu: slope', slope))),
  batchNorm1d: (features, options = {}) =>
    new Module(raw()._batchNorm1dModule(integerArg('batchNorm1d: features', features, 1), numberArg('batchNorm1d: eps', options.eps ?? 1e-5),
      numberArg('batchNorm1d: momentum', options.momentum ?? 0.1), options.affine ?? true)),
  batchNorm2d: (channels, options = {}) => new Module(batchNorm2dModule(channels, options)),
  /** y = x + block(x); the block stays usable and must be disposed by its owner too. */
  residual: (block) => {
    if (!(block instanceof Module)) throw new NablaError('residual: expected a Module as the block', 'ValueError');
    return new Module(raw()._residualModule(block._handle));
  },
  flatten: () => new Module(raw()._flattenModule()),
  dropout: (p) => new Module(raw()._dropoutModule(numberArg('dropout: p', p))),
  /** The layers stay usable (they are shared with the Sequential) and must be disposed by their owner too. */
  sequential: (...layers) =>
    new Module(raw()._sequentialModule(instancesArg('sequential', layers.flat(), Module, 'layers').map((l) => l._handle))),
  mlp({ inputs, hidden = [], outputs, activation = 'relu', dropout = 0 }) {
    const acts = Array.isArray(activation) ? activation.map(activationName) : [activationName(activation)];
    const sizes = indicesArg('mlp', hidden, 'hidden').map((h, i) => integerArg(`mlp: hidden[${i}]`, h, 1));
    return new Module(raw()._mlpModule(integerArg('mlp: inputs', inputs, 1), sizes, integerArg('mlp: outputs', outputs, 1), acts,
      numberArg('mlp: dropout', dropout)));
  },
  mnistConvnet: () => new Module(raw()._mnistConvnetModule()),
  /** A model from a spec string ("mlp:16,16:tanh", "convnet", or a layer spec such as
   *  "conv(8,5)-bn-relu-maxpool(2)-flatten-linear(10)"), as the CLI takes. */
  fromSpec: (spec, inputs, outputs) => new Module(raw()._modelFromSpec(String(spec), integerArg('fromSpec: inputs', inputs, 1),
    integerArg('fromSpec: outputs', outputs, 1))),
  /** Checks a layer spec without building it: each layer's output shape and parameters, or the first error. */
  checkSpec: (spec, inputs, outputs) => raw()._checkSpec(String(spec), integerArg('checkSpec: inputs', inputs, 1),
    integerArg('checkSpec: outputs', outputs, 1)),
  functional,
  init,
};
