// The JS API's name tables, one per enum: the JS spelling -> the engine's. ALIASES are other spellings still
// accepted (the playground's URL tokens, e.g. 'leaky'), resolved here and nowhere else. Losses are the engine's
// own table (nn::loss_names, with its aliases), which the bindings read.
/** Activations of nb.nn.mlp and the activation modules. */
export const ACTIVATIONS = { relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid', leakyRelu: 'leaky_relu', gelu: 'gelu', linear: 'linear' };
/** Nonlinearities of nb.nn.init's gains (PyTorch's calculate_gain). */
export const NONLINEARITIES = { linear: 'linear', sigmoid: 'sigmoid', tanh: 'tanh', relu: 'relu', leakyRelu: 'leaky_relu', gelu: 'gelu', selu: 'selu' };
const ALIASES = { leaky: 'leakyRelu' };

/** The engine's name for `name` in `table` (an alias counts), or undefined. */
export function engineName(table, name) {
  const key = Object.hasOwn(ALIASES, name) ? ALIASES[name] : name;
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
