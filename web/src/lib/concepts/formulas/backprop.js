// Back-propagation: the chain rule and the local derivative of each op the graph widget steps through (TeX),
// each with a JS transcription (local(a, b) -> [da, db]) and the engine op it describes. tests/js/concepts.test.js
// compares every local derivative with the engine's gradient, and the chain rule summed by hand over the
// page's example graph with the engine's backward().

/** The page's example: c = a + b, d = a b + b^3, e = c d (after micrograd's), at a = 1.5, b = -2. */
export const EXAMPLE = { a: 1.5, b: -2, expr: 'a = 1.5; b = -2.0; c = a + b; d = a * b + b**3; e = c * d' };

/** de/da and de/db by the chain rule: each path from e to a leaf multiplies the local derivatives along it. */
export function exampleGradients({ a, b }) {
  const c = a + b, d = a * b + b ** 3;
  const dc = d, dd = c;                       // e = c d
  const da = dc * 1 + dd * b;                 // a reaches e through c (dc/da = 1) and through d (dd/da = b)
  const db = dc * 1 + dd * (a + 3 * b ** 2);  // b through c, and through d twice (a b and b^3)
  return { e: c * d, da, db };
}

/** id -> { tex, local?(a, b) -> [da, db], op?(a, b) } */
export const BACKPROP = {
  chainRule: {
    tex: String.raw`\frac{\partial L}{\partial x} = \sum_{c \,\in\, \text{consumers}(x)} \frac{\partial L}{\partial c}\, \frac{\partial c}{\partial x}`,
  },
  add: { tex: String.raw`c = a + b: \quad \frac{\partial c}{\partial a} = 1, \quad \frac{\partial c}{\partial b} = 1`, local: () => [1, 1], op: (a, b) => a.add(b) },
  mul: { tex: String.raw`c = a\,b: \quad \frac{\partial c}{\partial a} = b, \quad \frac{\partial c}{\partial b} = a`, local: (a, b) => [b, a], op: (a, b) => a.mul(b) },
  div: {
    tex: String.raw`c = \frac{a}{b}: \quad \frac{\partial c}{\partial a} = \frac{1}{b}, \quad \frac{\partial c}{\partial b} = -\frac{a}{b^2}`,
    local: (a, b) => [1 / b, -a / (b * b)], op: (a, b) => a.div(b),
  },
  pow: { tex: String.raw`c = a^{3}: \quad \frac{\partial c}{\partial a} = 3a^{2}`, local: (a) => [3 * a * a], op: (a) => a.pow(3) },
  tanh: { tex: String.raw`c = \tanh a: \quad \frac{\partial c}{\partial a} = 1 - c^2`, local: (a) => [1 - Math.tanh(a) ** 2], op: (a) => a.tanh() },
  relu: { tex: String.raw`c = \operatorname{relu}(a): \quad \frac{\partial c}{\partial a} = [\,a > 0\,]`, local: (a) => [a > 0 ? 1 : 0], op: (a) => a.relu() },
  exp: { tex: String.raw`c = e^{a}: \quad \frac{\partial c}{\partial a} = e^{a} = c`, local: (a) => [Math.exp(a)], op: (a) => a.exp() },
  log: { tex: String.raw`c = \log a: \quad \frac{\partial c}{\partial a} = \frac{1}{a}`, local: (a) => [1 / a], op: (a) => a.log() },
  example: {
    tex: String.raw`\begin{gathered} c = a + b, \quad d = a b + b^3, \quad e = c\,d \\[4pt] \frac{\partial e}{\partial a} = \underbrace{d \cdot 1}_{\text{via } c} + \underbrace{c \cdot b}_{\text{via } d}, \qquad \frac{\partial e}{\partial b} = \underbrace{d \cdot 1}_{\text{via } c} + \underbrace{c\,(a + 3b^2)}_{\text{via } d} \end{gathered}`,
  },
};

export const FORMULAS = Object.fromEntries(Object.entries(BACKPROP).map(([id, f]) => [id, { tex: f.tex }]));
