// Gradient parity with PyTorch: the same expressions (torch_reference.py, run with Debian's python3-torch at
// /usr/bin/python3) in nabla through the JS API; values and gradients must agree to 1e-4 relative, and so must
// the second derivatives. Covers every differentiable op, broadcasting, and grad of grad.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { loadNabla } from 'nabla';

const nb = await loadNabla();
const F = nb.nn.functional;
const python = process.env.NABLA_TORCH_PYTHON ?? '/usr/bin/python3';
const script = new URL('./torch_reference.py', import.meta.url).pathname;
const reference = JSON.parse(execFileSync(python, [script], { maxBuffer: 1 << 26 }).toString());

// Same names and expressions as CASES in torch_reference.py.
const CASES = {
  add_broadcast: (a, b) => a.add(b),
  sub_broadcast: (a, b) => a.sub(b),
  mul_broadcast: (a, b) => a.mul(b),
  div_broadcast: (a, b) => a.div(b),
  pow_tensor: (a, b) => a.pow(b),
  pow_scalar: (a) => a.pow(3),
  scalar_ops: (a) => nb.sub(1, a.mul(2).add(3).div(4)),
  neg: (a) => a.neg(),
  exp: (a) => a.exp(),
  log: (a) => a.log(),
  sqrt: (a) => a.sqrt(),
  abs: (a) => a.abs(),
  tanh: (a) => a.tanh(),
  sigmoid: (a) => a.sigmoid(),
  relu: (a) => a.relu(),
  leaky_relu: (a) => a.leakyRelu(0.1),
  gelu: (a) => a.gelu(),
  softplus: (a) => a.softplus(),
  clamp: (a) => a.clamp(-0.7, 0.7),
  sum_all: (a) => a.sum(),
  sum_axis: (a) => a.sum(1, true),
  mean_axes: (a) => a.mean([0, 2]),
  max_all: (a) => a.max(),
  max_axis: (a) => a.max(1),
  matmul: (a, b) => a.matmul(b),
  matmul_batched_broadcast: (a, b) => a.matmul(b),
  matmul_vector: (a, b) => a.matmul(b),
  linear: (x, w, b) => F.linear(x, w, b),
  expand: (a) => a.expand([3, 2, 4]).exp(),
  sum_to: (a) => a.sumTo([1, 3]).exp(),
  batch_norm_train: (x, g, b) => batchNorm(x, g, b),
  reshape_transpose: (a) => a.reshape([3, 2]).transpose().exp(),
  permute: (a) => a.permute([2, 0, 1]).exp(),
  slice: (a) => a.slice(1, 0, 3, 2).exp(),
  index_select: (a) => a.indexSelect(0, [2, 0, 2]).exp(),
  concat: (a, b) => nb.concat([a, b], 1).exp(),
  softmax: (a) => a.softmax(-1),
  log_softmax: (a) => a.logSoftmax(0),
  logsumexp: (a) => a.logsumexp(1),
  mse: (a, b) => F.mse(a, b),
  l1: (a, b) => F.l1(a, b),
  cross_entropy: (x) => F.crossEntropy(x, nb.tensor([0, 2, 1])),
  bce_with_logits: (x, t) => F.binaryCrossEntropyWithLogits(x, t.sigmoid()),
  multi_margin: (x) => F.multiMargin(x.mul(3), nb.tensor([1, 0, 2])),
  l1_penalty: (w) => F.l1Penalty(w),
  l2_penalty: (w) => F.l2Penalty(w),
  conv2d: (x, w, b) => F.conv2d(x, w, b, { padding: 1 }),
  conv2d_strided: (x, w) => F.conv2d(x, w, undefined, { stride: 2 }),
  max_pool2d: (x) => F.maxPool2d(x, { kernel: 2 }),
  avg_pool2d: (x) => F.avgPool2d(x, { kernel: 2, stride: 1 }),
  mlp_composite: (x, w1, w2) => x.matmul(w1).tanh().matmul(w2),
};

const SECOND = {
  cube: (x) => x.pow(3).sum(),
  tanh: (x) => x.tanh().sum(),
  sigmoid: (x) => x.sigmoid().sum(),
  exp_log: (x) => x.exp().add(x.mul(x).add(1).log()).sum(),
  softmax_weighted: (x) => x.softmax(-1).mul(nb.arange(1, 5)).sum(),
  logsumexp: (x) => x.logsumexp(0),
  gelu_softplus: (x) => x.gelu().add(x.softplus()).sum(),
  div_sqrt: (x) => nb.div(1, x.mul(x).add(1).sqrt()).sum(),
  matmul_quadratic: (x) => x.reshape([2, 2]).matmul(x.reshape([2, 2])).sum(),
  broadcast_mul: (x) => x.reshape([4, 1]).mul(x.reshape([1, 4])).tanh().sum(),
  cross_entropy: (x) => F.crossEntropy(x.reshape([2, 2]), nb.tensor([1, 0])),
  mse: (x) => F.mse(x.tanh(), nb.tensor([0.5, -0.5, 0.25, 0])),
};

// BatchNorm1d in training mode, gamma and beta as inputs: the module without affine, then the affine by hand.
function batchNorm(x, gamma, beta) {
  const bn = nb.nn.batchNorm1d(x.shape[1], { affine: false });
  try {
    return bn.forward(x).mul(gamma).add(beta);
  } finally {
    bn.dispose();
  }
}

// |mine - ref| <= 1e-4 * max(|ref|) elementwise (relative to the tensor's scale; 1e-3 floor for near-zero tensors).
function close(what, mine, ref) {
  assert.equal(mine.length, ref.length, `${what}: ${mine.length} vs ${ref.length} elements`);
  const scale = Math.max(1e-3, ...ref.map(Math.abs));
  mine.forEach((v, i) => {
    assert.ok(Math.abs(v - ref[i]) <= 1e-4 * scale, `${what}[${i}]: nabla ${v}, PyTorch ${ref[i]} (scale ${scale})`);
  });
}

test('the parity cases cover the same expressions on both sides', () => {
  assert.deepEqual(Object.keys(CASES).sort(), Object.keys(reference.cases).sort());
  assert.deepEqual(Object.keys(SECOND).sort(), Object.keys(reference.second).sort());
});

for (const [name, ref] of Object.entries(reference.cases)) {
  test(`${name}: value and gradients match PyTorch ${reference.torch}`, () => {
    nb.tidy(() => {
      const inputs = ref.inputs.map((i) => nb.tensor(i.data, i.shape, { requiresGrad: true }));
      const out = CASES[name](...inputs);
      assert.deepEqual(out.shape, ref.value.shape);
      close(`${name} value`, [...out.data()], ref.value.data);
      out.mul(nb.tensor(ref.weights.data, ref.weights.shape)).sum().backward();
      inputs.forEach((x, k) => close(`${name} grad of input ${k}`, [...x.grad.data()], ref.grads[k]));
    });
  });
}

for (const [name, ref] of Object.entries(reference.second)) {
  test(`${name}: first and second derivatives match PyTorch`, () => {
    nb.tidy(() => {
      const x = nb.tensor(ref.x, [ref.x.length]);
      close(`${name} grad`, [...nb.grad(SECOND[name])(x).data()], ref.grad);
      const second = nb.grad((t) => nb.grad(SECOND[name])(t).sum())(x);
      close(`${name} second derivative`, [...second.data()], ref.second);
    });
  });
}
