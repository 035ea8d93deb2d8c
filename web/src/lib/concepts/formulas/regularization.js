// Regularization: each penalty the regularization page shows (TeX), its JS transcription — value(w, lambda) and
// grad(w, lambda) on a plain array — and the engine call (penalty ops; the Trainer's regularized step, which
// applies the same gradient to every weight matrix). tests/js/concepts.test.js checks each against the engine.

const sign = (v) => (v > 0) - (v < 0);

/** id -> { tex, value?(w, lambda), grad?(w, lambda), engine?(nb, w: Tensor, lambda) -> Tensor, trainer? } */
export const PENALTIES = {
  l1: {
    tex: String.raw`L_\text{total} = L + \lambda \sum_i |w_i|, \qquad \frac{\partial}{\partial w_i}\, \lambda \sum_j |w_j| = \lambda \operatorname{sign}(w_i)`,
    value: (w, lambda) => lambda * w.reduce((s, v) => s + Math.abs(v), 0),
    grad: (w, lambda) => w.map((v) => lambda * sign(v)),
    engine: (nb, w, lambda) => nb.nn.functional.l1Penalty(w).mul(lambda),
    trainer: 'l1',
  },
  l2: {
    tex: String.raw`L_\text{total} = L + \lambda \sum_i w_i^2, \qquad \frac{\partial}{\partial w_i}\, \lambda \sum_j w_j^2 = 2 \lambda\, w_i`,
    value: (w, lambda) => lambda * w.reduce((s, v) => s + v * v, 0),
    grad: (w, lambda) => w.map((v) => 2 * lambda * v),
    engine: (nb, w, lambda) => nb.nn.functional.l2Penalty(w).mul(lambda),
    trainer: 'l2',
  },
  sgdDecay: {
    tex: String.raw`w \leftarrow w - \eta\,(g + 2\lambda w) = (1 - 2\eta\lambda)\, w - \eta\, g`,
    // One SGD step with the L2 gradient added: the weight shrinks by the factor (1 - 2 eta lambda) first.
    step: (w, g, { lr, lambda }) => w.map((v, i) => (1 - 2 * lr * lambda) * v - lr * g[i]),
  },
  adamL2: {
    tex: String.raw`\text{Adam + L2:}\quad g \leftarrow g + \lambda w, \qquad w \leftarrow w - \eta\, \frac{\hat m}{\sqrt{\hat v} + \epsilon}`,
  },
  adamW: {
    tex: String.raw`\text{AdamW:}\quad w \leftarrow w - \eta \lambda w - \eta\, \frac{\hat m}{\sqrt{\hat v} + \epsilon}`,
  },
};

export const FORMULAS = Object.fromEntries(Object.entries(PENALTIES).map(([id, p]) => [id, { tex: p.tex }]));
