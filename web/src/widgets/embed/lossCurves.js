// <nabla-loss>'s menu: each loss as a function of one number (the true class's logit, the margin, the
// prediction) for a one-sample batch, its value and the gradient it sends back both from the engine's loss op.
const F = (nb) => nb.nn.functional;

/** One sample per point: value and d loss / d variable from the engine (valueAndGrad of the loss). */
function pointwise(nb, xs, loss) {
  const y = new Float32Array(xs.length), dy = new Float32Array(xs.length);
  nb.tidy(() => {
    const vg = nb.valueAndGrad(loss);
    xs.forEach((x, i) => {
      const [v, g] = vg(nb.scalar(x));
      y[i] = v.item();
      dy[i] = g.item();
    });
  });
  return { y, dy };
}

export const LOSS_CURVES = {
  crossEntropy: {
    name: 'cross-entropy (2 classes)', variable: 'z (true-class logit, other logit 0)', labels: ['CE', '∂CE/∂z'], domain: [-6, 6],
    curve: (nb, xs) => pointwise(nb, xs, (z) => F(nb).crossEntropy(nb.concat([z.reshape([1, 1]), nb.zeros([1, 1])], 1), nb.tensor([0]))),
  },
  nll: {
    name: 'NLL of log-softmax (same as cross-entropy)', variable: 'z (true-class logit, other logit 0)', labels: ['NLL', '∂NLL/∂z'], domain: [-6, 6],
    curve: (nb, xs) => pointwise(nb, xs, (z) => F(nb).nllLoss(nb.concat([z.reshape([1, 1]), nb.zeros([1, 1])], 1).logSoftmax(1), nb.tensor([0]))),
  },
  bce: {
    name: 'binary cross-entropy', variable: 'z (logit)', labels: ['BCE', '∂BCE/∂z'], domain: [-6, 6],
    param: { name: 'target t', value: 1, min: 0, max: 1 },
    curve: (nb, xs, t) => pointwise(nb, xs, (z) => F(nb).binaryCrossEntropyWithLogits(z.reshape([1]), nb.tensor([t]))),
  },
  mse: {
    name: 'mean squared error', variable: 'ŷ (prediction)', labels: ['MSE', '∂MSE/∂ŷ'], domain: [-3, 3],
    param: { name: 'target t', value: 1, min: -1e3, max: 1e3 },
    curve: (nb, xs, t) => pointwise(nb, xs, (p) => F(nb).mse(p.reshape([1]), nb.tensor([t]))),
  },
  hinge: {
    name: 'hinge (multi-class margin)', variable: 'm = s_y − s_other (score margin)', labels: ['hinge', '∂hinge/∂m'], domain: [-3, 3],
    param: { name: 'margin Δ', value: 1, min: 0, max: 100 },
    curve: (nb, xs, margin) => pointwise(nb, xs, (m) => F(nb).multiMargin(nb.concat([m.reshape([1, 1]), nb.zeros([1, 1])], 1), nb.tensor([0]), margin)),
  },
};
