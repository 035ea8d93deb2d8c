// Activations: the formula each page shows (TeX), its JS transcription (f, df) and the engine op it describes.
// tests/js/concepts.test.js evaluates f and df at sample points against the op and its gradient; the
// activations page and <nabla-activation> read the same table.
import { erf } from './special.js';

const SQRT2 = Math.SQRT2, INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const sigmoid = (x) => 1 / (1 + Math.exp(-x));
const Phi = (x) => 0.5 * (1 + erf(x / SQRT2));

/** id -> { name, tex, f(x, p), df(x, p), op(tensor, p), param? } (p: the parameter, e.g. leaky ReLU's slope). */
export const ACTIVATIONS = {
  relu: {
    name: 'ReLU',
    tex: String.raw`\operatorname{ReLU}(x) = \max(0, x), \qquad \operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}`,
    f: (x) => Math.max(0, x),
    df: (x) => (x > 0 ? 1 : 0),
    op: (t) => t.relu(),
  },
  leakyRelu: {
    name: 'leaky ReLU',
    param: { name: 'slope', tex: String.raw`\alpha`, value: 0.1, min: 0, max: 1 },
    tex: String.raw`\operatorname{LeakyReLU}_\alpha(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}, \qquad \operatorname{LeakyReLU}_\alpha'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}`,
    f: (x, a) => (x > 0 ? x : a * x),
    df: (x, a) => (x > 0 ? 1 : a),
    op: (t, a) => t.leakyRelu(a),
  },
  sigmoid: {
    name: 'sigmoid',
    tex: String.raw`\sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)`,
    f: sigmoid,
    df: (x) => sigmoid(x) * (1 - sigmoid(x)),
    op: (t) => t.sigmoid(),
  },
  tanh: {
    name: 'tanh',
    tex: String.raw`\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}, \qquad \tanh'(x) = 1 - \tanh^2(x)`,
    f: Math.tanh,
    df: (x) => 1 - Math.tanh(x) ** 2,
    op: (t) => t.tanh(),
  },
  gelu: {
    name: 'GELU',
    tex: String.raw`\begin{gathered} \operatorname{GELU}(x) = x\,\Phi(x), \quad \Phi(x) = \tfrac12\bigl(1 + \operatorname{erf}(x/\sqrt2)\bigr) \\[4pt] \operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x), \quad \varphi(x) = \tfrac{1}{\sqrt{2\pi}} e^{-x^2/2} \end{gathered}`,
    f: (x) => x * Phi(x),
    df: (x) => Phi(x) + x * INV_SQRT_2PI * Math.exp(-x * x / 2),
    op: (t) => t.gelu(),
  },
  softplus: {
    name: 'softplus',
    tex: String.raw`\operatorname{softplus}(x) = \log\bigl(1 + e^{x}\bigr), \qquad \operatorname{softplus}'(x) = \sigma(x)`,
    f: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
    df: sigmoid,
    op: (t) => t.softplus(),
  },
};

/** The page's formula table: id -> { tex }. */
export const FORMULAS = Object.fromEntries(Object.entries(ACTIVATIONS).map(([id, a]) => [id, { tex: a.tex }]));
