// Initializers: each rule the initializers page shows (TeX), its JS transcription — std(fanIn, fanOut, sigma),
// the standard deviation it gives a weight — and the engine's initializer that draws such weights (sample:
// nb.nn.init.*, or nb.nn.linear's own weights for the default), which the figure uses.
// The variance formulas are transcribed as functions too. tests/js/concepts.test.js measures the engine's
// weights and the engine's forward and backward passes against them.

/** id -> { name, tex, std(fanIn, fanOut, sigma), sample(nb, fanIn, fanOut, sigma) -> Tensor (fanOut, fanIn) } */
export const INITS = {
  zeros: {
    name: 'zeros',
    tex: String.raw`W = 0`,
    std: () => 0,
    sample: (nb, fanIn, fanOut) => nb.nn.init.zeros(nb.ones([fanOut, fanIn])),
  },
  normal: {
    name: 'normal',
    param: { name: 'σ', value: 0.05, min: 0, max: 10 },
    tex: String.raw`W_{ij} \sim \mathcal{N}(0, \sigma^2)`,
    std: (fanIn, fanOut, sigma) => sigma,
    sample: (nb, fanIn, fanOut, sigma) => nb.nn.init.normal(nb.zeros([fanOut, fanIn]), 0, sigma),
  },
  xavier: {
    name: 'Xavier/Glorot',
    tex: String.raw`W_{ij} \sim \mathcal{N}\Bigl(0, \frac{2}{n_\text{in} + n_\text{out}}\Bigr) \quad\text{or}\quad W_{ij} \sim \mathcal{U}\Bigl(-\sqrt{\tfrac{6}{n_\text{in} + n_\text{out}}}, \sqrt{\tfrac{6}{n_\text{in} + n_\text{out}}}\Bigr)`,
    std: (fanIn, fanOut) => Math.sqrt(2 / (fanIn + fanOut)),
    sample: (nb, fanIn, fanOut) => nb.nn.init.xavierNormal(nb.zeros([fanOut, fanIn])),
  },
  he: {
    name: 'He/Kaiming',
    tex: String.raw`W_{ij} \sim \mathcal{N}\Bigl(0, \frac{2}{n_\text{in}}\Bigr)`,
    std: (fanIn) => Math.sqrt(2 / fanIn),
    sample: (nb, fanIn, fanOut) => nb.nn.init.kaimingNormal(nb.zeros([fanOut, fanIn]), { nonlinearity: 'relu' }),
  },
  default: {
    name: "nabla's Linear default",
    tex: String.raw`W_{ij} \sim \mathcal{U}\Bigl(-\frac{1}{\sqrt{n_\text{in}}}, \frac{1}{\sqrt{n_\text{in}}}\Bigr), \qquad \operatorname{Var}(W_{ij}) = \frac{1}{3\, n_\text{in}}`,
    std: (fanIn) => 1 / Math.sqrt(3 * fanIn),
    // The weights nb.nn.linear itself starts with (PyTorch's default, kaiming_uniform with a = sqrt(5)).
    sample: (nb, fanIn, fanOut) => {
      const layer = nb.nn.linear(fanIn, fanOut, { bias: false });
      const [w] = layer.parameters();
      const copy = w.detach();
      w.dispose();
      layer.dispose();
      return copy;
    },
  },
};

/** The variance rules (zero-mean weights and inputs independent of each other). */
export const VARIANCE = {
  forward: {
    tex: String.raw`y = W x: \qquad \operatorname{Var}(y_i) = n_\text{in}\, \operatorname{Var}(W_{ij})\, \mathbb{E}[x_j^2]`,
    predict: ({ fanIn, varW, meanSquareX }) => fanIn * varW * meanSquareX,
  },
  relu: {
    tex: String.raw`\mathbb{E}\bigl[\operatorname{relu}(y)^2\bigr] = \tfrac12 \operatorname{Var}(y) \quad (y \text{ symmetric around } 0)`,
    predict: ({ varY }) => varY / 2,
  },
  backward: {
    tex: String.raw`\frac{\partial L}{\partial x} = W^{\mathsf T} \frac{\partial L}{\partial y}: \qquad \operatorname{Var}\Bigl(\frac{\partial L}{\partial x_j}\Bigr) = n_\text{out}\, \operatorname{Var}(W_{ij})\, \operatorname{Var}\Bigl(\frac{\partial L}{\partial y_i}\Bigr)`,
    predict: ({ fanOut, varW, varGradY }) => fanOut * varW * varGradY,
  },
};

export const FORMULAS = Object.fromEntries([...Object.entries(INITS), ...Object.entries(VARIANCE)].map(([id, f]) => [id, { tex: f.tex }]));
