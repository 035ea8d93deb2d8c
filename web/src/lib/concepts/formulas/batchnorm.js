// Batch normalization: each formula the batchnorm page shows (TeX) with its JS transcription on plain arrays
// (x: N rows of C features, or N x C x H x W for BatchNorm2d) and the engine modules it describes (nb.nn.batchNorm1d
// and nb.nn.batchNorm2d). tests/js/concepts.test.js
// runs the module in training and in eval mode and compares outputs and running statistics.

const column = (x, c) => x.map((row) => row[c]);
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const biasedVar = (a) => { const m = mean(a); return mean(a.map((v) => (v - m) ** 2)); };

/** id -> { tex, ... the transcription } */
export const BATCHNORM = {
  batchStats: {
    tex: String.raw`\mu_B = \frac{1}{m} \sum_{i=1}^{m} x_i, \qquad \sigma_B^2 = \frac{1}{m} \sum_{i=1}^{m} (x_i - \mu_B)^2 \qquad \text{(per feature, over the } m \text{ samples of the batch)}`,
    stats: (x) => x[0].map((_, c) => ({ mean: mean(column(x, c)), var: biasedVar(column(x, c)) })),
  },
  normalize: {
    tex: String.raw`\hat x_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}}, \qquad y_i = \gamma\, \hat x_i + \beta`,
    /** Training mode: each feature normalized by its batch statistics, then scaled and shifted. */
    train: (x, { gamma, beta, eps }) => {
      const s = BATCHNORM.batchStats.stats(x);
      return x.map((row) => row.map((v, c) => gamma[c] * ((v - s[c].mean) / Math.sqrt(s[c].var + eps)) + beta[c]));
    },
  },
  running: {
    tex: String.raw`\hat\mu \leftarrow (1 - \alpha)\, \hat\mu + \alpha\, \mu_B, \qquad \hat\sigma^2 \leftarrow (1 - \alpha)\, \hat\sigma^2 + \alpha\, \frac{m}{m - 1}\, \sigma_B^2 \qquad (\hat\mu_0 = 0,\ \hat\sigma^2_0 = 1)`,
    update: (x, { runningMean, runningVar, momentum }) => {
      const m = x.length;
      return BATCHNORM.batchStats.stats(x).map((s, c) => ({
        mean: (1 - momentum) * runningMean[c] + momentum * s.mean,
        var: (1 - momentum) * runningVar[c] + momentum * s.var * (m / (m - 1)),
      }));
    },
  },
  channels: {
    tex: String.raw`\text{BatchNorm2d, } x \in \mathbb{R}^{N \times C \times H \times W}: \quad \mu_c = \frac{1}{N H W} \sum_{n, h, w} x_{n c h w}, \qquad \sigma_c^2 = \frac{1}{N H W} \sum_{n, h, w} (x_{n c h w} - \mu_c)^2`,
    /** Training mode for x[N][C][H][W]: each channel normalized by its statistics over N, H and W. */
    train: (x, { gamma, beta, eps }) => {
      const C = x[0].length;
      const stats = Array.from({ length: C }, (_, c) => {
        const values = x.flatMap((sample) => sample[c].flat());
        return { mean: mean(values), var: biasedVar(values) };
      });
      return x.map((sample) => sample.map((plane, c) => plane.map((row) => row.map((v) => gamma[c] * ((v - stats[c].mean) / Math.sqrt(stats[c].var + eps)) + beta[c]))));
    },
  },
  eval: {
    tex: String.raw`\text{eval:}\quad y = \gamma\, \frac{x - \hat\mu}{\sqrt{\hat\sigma^2 + \epsilon}} + \beta`,
    evaluate: (x, { gamma, beta, eps, runningMean, runningVar }) =>
      x.map((row) => row.map((v, c) => gamma[c] * ((v - runningMean[c]) / Math.sqrt(runningVar[c] + eps)) + beta[c])),
  },
};

export const FORMULAS = Object.fromEntries(Object.entries(BATCHNORM).map(([id, f]) => [id, { tex: f.tex }]));
