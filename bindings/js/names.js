// The JS API's names of each enum. Activations, losses and optimizers are the engine's own tables
// (nn::activation_names, nn::loss_names, optim::optimizer_names: each kind's engine name, JS name and an
// alias such as the playground's 'leaky'), read once through the bindings; nothing here repeats them.
// NONLINEARITIES (nb.nn.init's gains) is the one table kept here.
import { raw } from './runtime.js';

/** Nonlinearities of nb.nn.init's gains (PyTorch's calculate_gain). */
export const NONLINEARITIES = { linear: 'linear', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', leakyRelu: 'leaky_relu', gelu: 'gelu', selu: 'selu' };
const ALIASES = { leaky: 'leakyRelu' };

const tables = new Map();
/** The engine's table `what` ('activation', 'loss' or 'optimizer'): [{ name, jsName, alias }]. */
export function nameTable(what) {
  if (!tables.has(what)) tables.set(what, raw()._nameTable(what));
  return tables.get(what);
}

/** The JS names of the engine's table `what`, in its order. */
export const jsNames = (what) => nameTable(what).map((e) => e.jsName);

/**
 * The engine's name for `name`: its JS name or alias in the engine's table `what` (a string), or a key (or
 * alias) of a JS `table` object; undefined otherwise.
 */
export function engineName(what, name) {
  if (typeof name !== 'string') return undefined;
  if (typeof what === 'string') return nameTable(what).find((e) => name === e.jsName || (e.alias && name === e.alias))?.name;
  const key = Object.hasOwn(ALIASES, name) ? ALIASES[name] : name;
  return Object.hasOwn(what, key) ? what[key] : undefined;
}
