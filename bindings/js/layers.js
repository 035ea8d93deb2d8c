// The layers and initialisers over bindings/embind_layers.cpp: nb.nn.batchNorm2d, nb.nn.residual, the
// options of nb.nn.linear and nb.nn.conv2d (init, dropConnect) and nb.nn.init.*. Names are camelCase here and
// the engine's snake_case there; INIT_NAMES is the one table between them.
import { NablaError } from './errors.js';
import { NONLINEARITIES, engineName } from './names.js';
import { raw } from './runtime.js';
import { Tensor } from './tensor.js';
import { integerArg, numberArg } from './validate.js';

/** JS initialiser name -> engine name (nn::init::parse_init). */
export const INIT_NAMES = {
  default: 'default', xavierUniform: 'xavier_uniform', xavierNormal: 'xavier_normal',
  kaimingUniform: 'kaiming_uniform', kaimingNormal: 'kaiming_normal', zeros: 'zeros',
};
const FAN_MODES = { fanIn: 'fan_in', fanOut: 'fan_out' };

function named(table, what, v) {
  const name = engineName(table, v);
  if (!name) throw new NablaError(`${what} must be one of ${Object.keys(table).join(', ')}, got ${JSON.stringify(v)}`, 'ValueError');
  return name;
}

export const initName = (what, v = 'default') => named(INIT_NAMES, what, v);

/** DropConnect's p: a number in [0, 1) (1 would drop every weight). */
function dropConnectArg(p = 0) {
  if (typeof p !== 'number' || !(p >= 0 && p < 1)) {
    throw new NablaError(`linear: dropConnect must be a number in [0, 1), got ${JSON.stringify(p)}`, 'ValueError');
  }
  return p;
}

export function linearModule(inFeatures, outFeatures, options = {}) {
  return raw()._linearModuleWith(integerArg('linear: inFeatures', inFeatures, 1), integerArg('linear: outFeatures', outFeatures, 1),
    options.bias ?? true, initName('linear: init', options.init), dropConnectArg(options.dropConnect));
}

export function conv2dModule(inChannels, outChannels, kernel, options = {}) {
  return raw()._conv2dModuleWith(integerArg('conv2d: inChannels', inChannels, 1), integerArg('conv2d: outChannels', outChannels, 1),
    integerArg('conv2d: kernel', kernel, 1), integerArg('conv2d: stride', options.stride ?? 1, 1),
    integerArg('conv2d: padding', options.padding ?? 0), options.bias ?? true, initName('conv2d: init', options.init));
}

export function batchNorm2dModule(channels, options = {}) {
  return raw()._batchNorm2dModule(integerArg('batchNorm2d: channels', channels, 1), numberArg('batchNorm2d: eps', options.eps ?? 1e-5),
    numberArg('batchNorm2d: momentum', options.momentum ?? 0.1), options.affine ?? true);
}

function tensorArg(what, t) {
  if (!(t instanceof Tensor)) throw new NablaError(`${what}: expected a Tensor`, 'ValueError');
  return t;
}

/** Fills a tensor in place (returns it), from the global generator: nb.manualSeed(s) makes it repeatable. */
const fill = (name, f) => (t, ...args) => { f(tensorArg(`init.${name}`, t)._handle, ...args); return t; };

export const init = {
  uniform: fill('uniform', (h, low = 0, high = 1) => raw()._initUniform(h, numberArg('init.uniform: low', low), numberArg('init.uniform: high', high))),
  normal: fill('normal', (h, mean = 0, std = 1) => raw()._initNormal(h, numberArg('init.normal: mean', mean), numberArg('init.normal: std', std))),
  constant: fill('constant', (h, value) => raw()._initConstant(h, numberArg('init.constant: value', value))),
  zeros: fill('zeros', (h) => raw()._initConstant(h, 0)),
  ones: fill('ones', (h) => raw()._initConstant(h, 1)),
  xavierUniform: fill('xavierUniform', (h, { gain = 1 } = {}) => raw()._initXavierUniform(h, numberArg('init.xavierUniform: gain', gain))),
  xavierNormal: fill('xavierNormal', (h, { gain = 1 } = {}) => raw()._initXavierNormal(h, numberArg('init.xavierNormal: gain', gain))),
  kaimingUniform: fill('kaimingUniform', (h, { a = 0, mode = 'fanIn', nonlinearity = 'leakyRelu' } = {}) =>
    raw()._initKaimingUniform(h, numberArg('init.kaimingUniform: a', a), named(FAN_MODES, 'init.kaimingUniform: mode', mode),
      named(NONLINEARITIES, 'init.kaimingUniform: nonlinearity', nonlinearity))),
  kaimingNormal: fill('kaimingNormal', (h, { a = 0, mode = 'fanIn', nonlinearity = 'leakyRelu' } = {}) =>
    raw()._initKaimingNormal(h, numberArg('init.kaimingNormal: a', a), named(FAN_MODES, 'init.kaimingNormal: mode', mode),
      named(NONLINEARITIES, 'init.kaimingNormal: nonlinearity', nonlinearity))),
  calculateGain: (nonlinearity, slope = 0.01) =>
    raw()._initGain(named(NONLINEARITIES, 'init.calculateGain: nonlinearity', nonlinearity), numberArg('init.calculateGain: slope', slope)),
};
