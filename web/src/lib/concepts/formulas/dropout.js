// Dropout and DropConnect: the masks and their scaling as the dropout-dropconnect page shows them (TeX), each
// with a JS transcription (apply(x, mask, p)) and the engine call it describes. tests/js/concepts.test.js reads
// the engine's masks back and checks that every output is the formula applied with that mask, that the masks
// drop the right share, and that eval mode is the identity.

/** id -> { tex, apply?(values, mask, p) } (mask: 1 kept, 0 dropped; values and mask as flat arrays) */
export const DROPOUT = {
  dropout: {
    tex: String.raw`m_i \sim \operatorname{Bernoulli}(1 - p), \qquad y_i = \frac{m_i\, x_i}{1 - p} \ \ \text{(training)}, \qquad y_i = x_i \ \ \text{(eval)}`,
    apply: (x, mask, p) => x.map((v, i) => (mask[i] * v) / (1 - p)),
  },
  dropconnect: {
    tex: String.raw`M_{ij} \sim \operatorname{Bernoulli}(1 - p), \qquad y = \frac{(M \odot W)\, x}{1 - p} + b \ \ \text{(training)}, \qquad y = W x + b \ \ \text{(eval)}`,
    /** y (N, out) for x (N, in), W (out, in), b (out) and a mask of W's shape, all flat row-major. */
    apply: ({ x, w, b, n, inputs, outputs }, mask, p) => Array.from({ length: n * outputs }, (_, k) => {
      const i = Math.floor(k / outputs), o = k % outputs;
      let s = 0;
      for (let j = 0; j < inputs; j++) s += (mask[o * inputs + j] * w[o * inputs + j] * x[i * inputs + j]) / (1 - p);
      return s + b[o];
    }),
  },
  expectation: {
    tex: String.raw`\mathbb{E}[y_i] = \frac{(1 - p)\, x_i}{1 - p} = x_i`,
  },
  gradient: {
    tex: String.raw`\frac{\partial L}{\partial x_i} = \frac{m_i}{1 - p}\, \frac{\partial L}{\partial y_i}, \qquad \frac{\partial L}{\partial W_{ij}} = \frac{M_{ij}}{1 - p}\, \frac{\partial L}{\partial (W_\text{dropped})_{ij}}`,
  },
};

export const FORMULAS = Object.fromEntries(Object.entries(DROPOUT).map(([id, f]) => [id, { tex: f.tex }]));
