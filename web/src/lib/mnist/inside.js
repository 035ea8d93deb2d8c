// The arithmetic the MNIST page's "see inside" views show with their numbers: one convolution output as
// its patch, kernel and sum; the output size of a padded, strided convolution; a pooling window; softmax
// step by step; and per-layer gradient norms with the vanish/explode hint. Shapes are per sample:
//   C = input channels, H, W = input height and width, O = output channels, K = kernel side, S = stride, P = padding.

/** Output side of a convolution or pooling window: floor((n + 2P - K) / S) + 1 (0 or less: nothing fits). */
export function outputSize(n, k, stride = 1, pad = 0) {
  return Math.floor((n + 2 * pad - k) / stride) + 1;
}

/**
 * The terms of output value (o, y, x) of a convolution: input (C, H, W) flat, weight (O, C, K, K) flat,
 * bias (O) or null. Returns { channels: [{ patch, kernel, partial }] (patch K*K, 0 where it overlaps the
 * padding), bias, sum, top, left } where top, left is the patch's corner in input coordinates (may be < 0).
 */
export function convTerms({ input, C, H, W }, { weight, bias, K, stride = 1, pad = 0 }, o, y, x) {
  const top = y * stride - pad, left = x * stride - pad;
  const channels = [];
  let sum = 0;
  for (let c = 0; c < C; c++) {
    const patch = new Float32Array(K * K), kernel = new Float32Array(K * K);
    let partial = 0;
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) {
        const r = top + i, q = left + j;
        const v = r >= 0 && r < H && q >= 0 && q < W ? input[(c * H + r) * W + q] : 0;
        const w = weight[((o * C + c) * K + i) * K + j];
        patch[i * K + j] = v;
        kernel[i * K + j] = w;
        partial += v * w;
      }
    }
    channels.push({ patch, kernel, partial });
    sum += partial;
  }
  const b = bias ? bias[o] : 0;
  return { channels, bias: b, sum: sum + b, top, left };
}

/** Window (y, x) of max- or average-pooling channel c of (C, H, W): { values (K*K), pick (argmax index or -1), result }. */
export function poolWindow({ input, H, W }, { K, stride, kind }, c, y, x) {
  const values = new Float32Array(K * K);
  let pick = 0, total = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const v = input[(c * H + y * stride + i) * W + x * stride + j];
      values[i * K + j] = v;
      total += v;
      if (v > values[pick]) pick = i * K + j;
    }
  }
  return kind === 'avgpool' ? { values, pick: -1, result: total / (K * K) } : { values, pick, result: values[pick] };
}

/** Softmax as a learner works it out: subtract the largest logit, exponentiate, divide by the sum. */
export function softmaxSteps(logits) {
  const max = Math.max(...logits);
  const exps = Array.from(logits, (z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return { max, exps, sum, probs: exps.map((e) => e / sum) };
}

/**
 * Per-layer gradient norms from per-parameter ones: parameters named "<layer>.<rest>" (the model's child
 * index first) are pooled as sqrt(sum of squared norms). Returns [{ layer, norm }] in first-seen order.
 */
export function layerNorms(names, norms) {
  const out = new Map();
  names.forEach((name, i) => {
    const layer = name.split('.')[0];
    out.set(layer, (out.get(layer) ?? 0) + norms[i] * norms[i]);
  });
  return [...out].map(([layer, sq]) => ({ layer, norm: Math.sqrt(sq) }));
}

/** The thresholds of gradientHint, stated on the page. */
export const GRAD_LIMITS = { vanish: 1e-5, vanishRatio: 1e-3, explode: 1e3 };

/**
 * A plain-language hint for one step's per-layer norms ([{ label, norm }]), or null when they look healthy:
 * exploding when a norm is not finite or above GRAD_LIMITS.explode; vanishing when a layer's norm is below
 * GRAD_LIMITS.vanish, or below GRAD_LIMITS.vanishRatio times the largest layer's.
 */
export function gradientHint(layers) {
  if (!layers.length) return null;
  const bad = layers.filter((l) => !Number.isFinite(l.norm) || l.norm > GRAD_LIMITS.explode);
  if (bad.length) {
    return { kind: 'exploding', layers: bad.map((l) => l.label),
      text: `Exploding gradients in ${bad.map((l) => l.label).join(', ')}: a norm above ${GRAD_LIMITS.explode} (or not a number). ` +
        'Steps that large throw the weights around; try a smaller learning rate, batch norm, or a different init.' };
  }
  const top = Math.max(...layers.map((l) => l.norm));
  const small = layers.filter((l) => l.norm < GRAD_LIMITS.vanish || l.norm < GRAD_LIMITS.vanishRatio * top);
  if (small.length) {
    return { kind: 'vanishing', layers: small.map((l) => l.label),
      text: `Vanishing gradients in ${small.map((l) => l.label).join(', ')}: a norm below ${GRAD_LIMITS.vanish}, or below ` +
        `${GRAD_LIMITS.vanishRatio} of the largest layer's. These layers barely learn; try ReLU instead of sigmoid/tanh, ` +
        'He (kaiming) init, batch norm, or residual blocks.' };
  }
  return null;
}
