// Losses: each formula the losses page shows (TeX) with its JS transcription — value(...) and grad(...) on
// plain arrays — and the engine call it describes. tests/js/concepts.test.js compares them on random batches.
// Shapes: N = batch, K = classes; z (N, K) logits or scores as nested arrays, y (N) class indices.

const rowMax = (r) => Math.max(...r);
const logsumexp = (r) => { const m = rowMax(r); return m + Math.log(r.reduce((s, v) => s + Math.exp(v - m), 0)); };
const softmaxRow = (r) => { const l = logsumexp(r); return r.map((v) => Math.exp(v - l)); };
const logSoftmaxRow = (r) => { const l = logsumexp(r); return r.map((v) => v - l); };
const softplus = (v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
const sigmoid = (v) => 1 / (1 + Math.exp(-v));
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;

/** id -> { tex, value(args), grad?(args) (d value / d first argument), engine(nb, args) -> Tensor } */
export const LOSSES = {
  softmax: {
    tex: String.raw`\operatorname{softmax}(z)_j = \frac{e^{z_j}}{\sum_{k=1}^{K} e^{z_k}}`,
    value: ({ z }) => z.map(softmaxRow),
    engine: (nb, { z }) => nb.tensor(z).softmax(1),
  },
  logSoftmax: {
    tex: String.raw`\log \operatorname{softmax}(z)_j = z_j - \log \sum_{k=1}^{K} e^{z_k}`,
    value: ({ z }) => z.map(logSoftmaxRow),
    engine: (nb, { z }) => nb.tensor(z).logSoftmax(1),
  },
  nll: {
    tex: String.raw`\operatorname{NLL}(\ell, y) = -\frac{1}{N} \sum_{i=1}^{N} \ell_{i, y_i}, \qquad \frac{\partial \operatorname{NLL}}{\partial \ell_{ij}} = -\frac{[\,j = y_i\,]}{N}`,
    value: ({ z, y }) => -mean(z.map((r, i) => r[y[i]])),
    grad: ({ z, y }) => z.map((r, i) => r.map((_, j) => -(j === y[i] ? 1 : 0) / z.length)),
    engine: (nb, { z, y }, t = nb.tensor(z)) => nb.nn.functional.nllLoss(t, nb.tensor(y)),
  },
  crossEntropy: {
    tex: String.raw`\begin{gathered} \operatorname{CE}(z, y) = \operatorname{NLL}\bigl(\log \operatorname{softmax}(z), y\bigr) = \frac{1}{N} \sum_{i=1}^{N} \Bigl(\log \sum_k e^{z_{ik}} - z_{i, y_i}\Bigr) \\[6pt] \frac{\partial \operatorname{CE}}{\partial z_{ij}} = \frac{p_{ij} - [\,j = y_i\,]}{N}, \quad p_i = \operatorname{softmax}(z_i) \end{gathered}`,
    value: ({ z, y }) => mean(z.map((r, i) => logsumexp(r) - r[y[i]])),
    grad: ({ z, y }) => z.map((r, i) => softmaxRow(r).map((p, j) => (p - (j === y[i] ? 1 : 0)) / z.length)),
    engine: (nb, { z, y }, t = nb.tensor(z)) => nb.nn.functional.crossEntropy(t, nb.tensor(y)),
  },
  mse: {
    tex: String.raw`\operatorname{MSE}(\hat y, t) = \frac{1}{n} \sum_{i=1}^{n} (\hat y_i - t_i)^2, \qquad \frac{\partial \operatorname{MSE}}{\partial \hat y_i} = \frac{2 (\hat y_i - t_i)}{n}`,
    value: ({ z, t }) => mean(z.map((v, i) => (v - t[i]) ** 2)),
    grad: ({ z, t }) => z.map((v, i) => (2 * (v - t[i])) / z.length),
    engine: (nb, { z, t }, x = nb.tensor(z)) => nb.nn.functional.mse(x, nb.tensor(t)),
  },
  bce: {
    tex: String.raw`\begin{gathered} \operatorname{BCE}(z, t) = -\frac{1}{n} \sum_{i=1}^{n} \Bigl(t_i \log \sigma(z_i) + (1 - t_i) \log\bigl(1 - \sigma(z_i)\bigr)\Bigr) \\[4pt] = \frac{1}{n} \sum_{i=1}^{n} \bigl(\operatorname{softplus}(z_i) - t_i z_i\bigr), \qquad \frac{\partial \operatorname{BCE}}{\partial z_i} = \frac{\sigma(z_i) - t_i}{n} \end{gathered}`,
    value: ({ z, t }) => mean(z.map((v, i) => -(t[i] * Math.log(sigmoid(v)) + (1 - t[i]) * Math.log(1 - sigmoid(v))))),
    grad: ({ z, t }) => z.map((v, i) => (sigmoid(v) - t[i]) / z.length),
    engine: (nb, { z, t }, x = nb.tensor(z)) => nb.nn.functional.binaryCrossEntropyWithLogits(x, nb.tensor(t)),
  },
  hinge: {
    tex: String.raw`\begin{gathered} \operatorname{hinge}(s, y) = \frac{1}{N} \sum_{i=1}^{N} \sum_{j \ne y_i} \max\bigl(0,\ \Delta + s_{ij} - s_{i, y_i}\bigr) \\[6pt] \frac{\partial \operatorname{hinge}}{\partial s_{ij}} = \frac{[\,\Delta + s_{ij} - s_{i y_i} > 0\,]}{N} \ (j \ne y_i), \quad \frac{\partial \operatorname{hinge}}{\partial s_{i y_i}} = -\sum_{j \ne y_i} \frac{[\,\Delta + s_{ij} - s_{i y_i} > 0\,]}{N} \end{gathered}`,
    value: ({ z, y, margin = 1 }) => mean(z.map((r, i) => r.reduce((s, v, j) => s + (j === y[i] ? 0 : Math.max(0, margin + v - r[y[i]])), 0))),
    grad: ({ z, y, margin = 1 }) => z.map((r, i) => {
      const active = r.map((v, j) => (j !== y[i] && margin + v - r[y[i]] > 0 ? 1 : 0));
      const count = active.reduce((s, a) => s + a, 0);
      return r.map((_, j) => (j === y[i] ? -count : active[j]) / z.length);
    }),
    engine: (nb, { z, y, margin = 1 }, s = nb.tensor(z)) => nb.nn.functional.multiMargin(s, nb.tensor(y), margin),
  },
};

export const FORMULAS = Object.fromEntries(Object.entries(LOSSES).map(([id, l]) => [id, { tex: l.tex }]));
