// Optimizers: each update rule the optimizers page shows (TeX), its JS transcription — step(state, p, g, h)
// updating the parameters p (an array) in place from their gradient g — and the engine optimizer it describes
// (make). tests/js/concepts.test.js runs both for several steps on the same loss and compares the parameters.
// PyTorch's conventions throughout: the first momentum buffer is the gradient itself, Adam's bias correction
// counts steps from 1, and weight decay is L2 (added to the gradient) except in AdamW.

const withDecay = (g, p, wd) => g.map((gi, i) => gi + wd * p[i]);

/** id -> { name, tex, defaults, step(state, p, g, h), make(nb, params, h) } (h: hyper-parameters). */
export const OPTIMIZERS = {
  sgd: {
    name: 'SGD',
    tex: String.raw`\theta_{t} = \theta_{t-1} - \eta\, g_t, \qquad g_t = \nabla L(\theta_{t-1})`,
    defaults: {},
    step: (s, p, g, { lr }) => { p.forEach((_, i) => { p[i] -= lr * g[i]; }); },
    make: (nb, params, { lr }) => nb.optim.sgd(params, { lr }),
  },
  momentum: {
    name: 'momentum',
    tex: String.raw`b_t = \mu\, b_{t-1} + g_t \ (b_1 = g_1), \qquad \theta_t = \theta_{t-1} - \eta\, b_t`,
    defaults: { momentum: 0.9 },
    step: (s, p, g, { lr, momentum }) => {
      s.b = s.b ? s.b.map((b, i) => momentum * b + g[i]) : [...g];
      p.forEach((_, i) => { p[i] -= lr * s.b[i]; });
    },
    make: (nb, params, { lr, momentum }) => nb.optim.sgd(params, { lr, momentum }),
  },
  nesterov: {
    name: 'Nesterov',
    tex: String.raw`b_t = \mu\, b_{t-1} + g_t \ (b_1 = g_1), \qquad \theta_t = \theta_{t-1} - \eta\,(g_t + \mu\, b_t)`,
    defaults: { momentum: 0.9 },
    step: (s, p, g, { lr, momentum }) => {
      s.b = s.b ? s.b.map((b, i) => momentum * b + g[i]) : [...g];
      p.forEach((_, i) => { p[i] -= lr * (g[i] + momentum * s.b[i]); });
    },
    make: (nb, params, { lr, momentum }) => nb.optim.sgd(params, { lr, momentum, nesterov: true }),
  },
  rmsprop: {
    name: 'RMSProp',
    tex: String.raw`v_t = \alpha\, v_{t-1} + (1 - \alpha)\, g_t^2 \ (v_0 = 0), \qquad \theta_t = \theta_{t-1} - \eta\, \frac{g_t}{\sqrt{v_t} + \epsilon}`,
    defaults: { alpha: 0.99, eps: 1e-8 },
    step: (s, p, g, { lr, alpha, eps }) => {
      s.v = (s.v ?? g.map(() => 0)).map((v, i) => alpha * v + (1 - alpha) * g[i] * g[i]);
      p.forEach((_, i) => { p[i] -= (lr * g[i]) / (Math.sqrt(s.v[i]) + eps); });
    },
    make: (nb, params, { lr, alpha, eps }) => nb.optim.rmsprop(params, { lr, alpha, eps }),
  },
  adam: {
    name: 'Adam',
    tex: String.raw`\begin{gathered} g_t \leftarrow g_t + \lambda\, \theta_{t-1}, \quad m_t = \beta_1 m_{t-1} + (1 - \beta_1)\, g_t, \quad v_t = \beta_2 v_{t-1} + (1 - \beta_2)\, g_t^2 \\[4pt] \hat m_t = \frac{m_t}{1 - \beta_1^t}, \quad \hat v_t = \frac{v_t}{1 - \beta_2^t}, \qquad \theta_t = \theta_{t-1} - \eta\, \frac{\hat m_t}{\sqrt{\hat v_t} + \epsilon} \end{gathered}`,
    defaults: { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
    step: (s, p, g0, h) => adamStep(s, p, withDecay(g0, p, h.weightDecay), h),
    make: (nb, params, { lr, beta1, beta2, eps, weightDecay }) => nb.optim.adam(params, { lr, betas: [beta1, beta2], eps, weightDecay }),
  },
  adamw: {
    name: 'AdamW',
    tex: String.raw`\theta_{t-1} \leftarrow \theta_{t-1} - \eta\,\lambda\, \theta_{t-1}, \quad \text{then Adam's step with } \lambda = 0`,
    defaults: { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 },
    step: (s, p, g, h) => {
      p.forEach((_, i) => { p[i] -= h.lr * h.weightDecay * p[i]; });
      adamStep(s, p, g, h);
    },
    make: (nb, params, { lr, beta1, beta2, eps, weightDecay }) => nb.optim.adamw(params, { lr, betas: [beta1, beta2], eps, weightDecay }),
  },
};

function adamStep(s, p, g, { lr, beta1, beta2, eps }) {
  s.t = (s.t ?? 0) + 1;
  s.m = (s.m ?? g.map(() => 0)).map((m, i) => beta1 * m + (1 - beta1) * g[i]);
  s.v = (s.v ?? g.map(() => 0)).map((v, i) => beta2 * v + (1 - beta2) * g[i] * g[i]);
  p.forEach((_, i) => {
    const mHat = s.m[i] / (1 - beta1 ** s.t), vHat = s.v[i] / (1 - beta2 ** s.t);
    p[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
  });
}

export const FORMULAS = Object.fromEntries(Object.entries(OPTIMIZERS).map(([id, o]) => [id, { tex: o.tex }]));
