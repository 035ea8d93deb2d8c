// <nabla-activation>'s menu: every activation of the concept page's table, plotted with the engine's op and
// its derivative by the engine's gradient (grad of the sum, which for an elementwise op is pointwise).
import { ACTIVATIONS } from '../../lib/concepts/formulas/activations.js';

export const ACTIVATION_CURVES = Object.fromEntries(Object.entries(ACTIVATIONS).map(([id, a]) => [id, {
  name: a.name,
  variable: 'x',
  labels: ['f(x)', "f′(x)"],
  param: a.param,
  domain: [-4, 4],
  curve: (nb, xs, p) => nb.tidy(() => {
    const x = nb.tensor(xs, [xs.length]);
    const y = a.op(x, p).data();
    const dy = nb.grad((t) => a.op(t, p).sum())(x).data();
    return { y, dy };
  }),
}]));
