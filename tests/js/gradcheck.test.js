// Every differentiable op, through the JS API, against central finite differences; and higher-order
// gradients with grad(grad(f)). The engine is float32, so steps and tolerances are sized for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadNabla } from 'nabla';

const nb = await loadNabla();

// A fixed-seed generator, so that every run checks the same points (never flaky).
let state = 12345;
function random() {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 2 ** 32;
}

// Inputs away from the kinks of relu/abs/clamp/max: |v| in [0.2, 1.2], random sign (or positive).
function sample(shape, { positive = false } = {}) {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const mag = 0.2 + random();
    v[i] = positive || random() < 0.5 ? mag : -mag;
  }
  return v;
}

// Checks d/dx_i sum(f(xs) * w) for every input i against central differences.
function gradcheck(name, f, shapes, options = {}) {
  nb.tidy(() => {
    const values = shapes.map((s, i) => sample(s, { positive: options.positive?.[i] ?? options.positive === true }));
    const inputs = values.map((v, i) => nb.tensor(v, shapes[i], { requiresGrad: true }));
    const out = f(...inputs);
    const w = nb.tensor(sample(out.shape.length ? out.shape : [1]).map(Math.abs), out.shape);
    const scalarOf = (...xs) => nb.noGrad(() => f(...xs).mul(w).sum().item());
    out.mul(w).sum().backward();
    const eps = options.eps ?? 1e-2;
    inputs.forEach((x, k) => {
      const analytic = x.grad.data();
      for (let i = 0; i < values[k].length; i++) {
        const probe = (delta) => {
          const v = values[k].slice();
          v[i] += delta;
          const xs = inputs.map((t, j) => (j === k ? nb.tensor(v, shapes[k]) : t));
          return scalarOf(...xs);
        };
        const numeric = (probe(eps) - probe(-eps)) / (2 * eps);
        const tol = 5e-3 + 1e-2 * Math.abs(numeric);
        assert.ok(Math.abs(analytic[i] - numeric) <= tol,
          `${name}: input ${k} element ${i}: analytic ${analytic[i]} vs numeric ${numeric}`);
      }
    });
  });
}

const cases = [
  ['add (broadcast)', (a, b) => a.add(b), [[2, 3], [3]]],
  ['sub (broadcast)', (a, b) => a.sub(b), [[2, 1], [1, 3]]],
  ['mul (broadcast)', (a, b) => a.mul(b), [[2, 3], [2, 1]]],
  ['div', (a, b) => a.div(b), [[2, 3], [2, 3]], { positive: [false, true] }],
  ['pow tensor', (a, b) => a.pow(b), [[4], [4]], { positive: true }],
  ['pow number', (a) => a.pow(3), [[5]]],
  ['scalar ops', (a) => nb.sub(1, a.mul(2).add(3).div(4)), [[5]]],
  ['rdiv', (a) => nb.div(2, a), [[4]], { positive: true }],
  ['neg', (a) => a.neg(), [[3]]],
  ['exp', (a) => a.exp(), [[2, 2]]],
  ['log', (a) => a.log(), [[2, 2]], { positive: true }],
  ['sqrt', (a) => a.sqrt(), [[4]], { positive: true }],
  ['abs', (a) => a.abs(), [[5]]],
  ['tanh', (a) => a.tanh(), [[5]]],
  ['sigmoid', (a) => a.sigmoid(), [[5]]],
  ['relu', (a) => a.relu(), [[6]]],
  ['leakyRelu', (a) => a.leakyRelu(0.1), [[6]]],
  ['gelu', (a) => a.gelu(), [[6]]],
  ['softplus', (a) => a.softplus(), [[6]]],
  ['clamp', (a) => a.clamp(-0.7, 0.7), [[8]]],
  ['sum all', (a) => a.sum(), [[2, 3]]],
  ['sum axis keepdim', (a) => a.sum(1, true), [[2, 3]]],
  ['mean all', (a) => a.mean(), [[2, 3]]],
  ['mean axes', (a) => a.mean([0, 2]), [[2, 3, 2]]],
  ['max all', (a) => a.max(), [[2, 3]]],
  ['max axis', (a) => a.max(1), [[3, 4]]],
  ['matmul 2-D', (a, b) => a.matmul(b), [[3, 4], [4, 2]]],
  ['matmul batched', (a, b) => a.matmul(b), [[2, 2, 3], [3, 2]]],
  ['matmul vector', (a, b) => a.matmul(b), [[3, 4], [4]]],
  ['expand', (a) => a.expand([3, 2, 4]).exp(), [[2, 1]]],
  ['sumTo', (a) => a.sumTo([1, 3]).exp(), [[2, 3]]],
  ['reshape', (a) => a.reshape([3, 2]).mul(a.reshape([3, 2])), [[2, 3]]],
  ['flatten', (a) => a.flatten().exp(), [[2, 2, 2]]],
  ['transpose', (a) => a.transpose().exp(), [[2, 3]]],
  ['permute', (a) => a.permute([2, 0, 1]).exp(), [[2, 3, 2]]],
  ['slice', (a) => a.slice(1, 0, 3, 2).exp(), [[2, 4]]],
  ['indexSelect', (a) => a.indexSelect(0, [2, 0, 2]).exp(), [[3, 2]]],
  ['concat', (a, b) => nb.concat([a, b], 1).exp(), [[2, 1], [2, 3]]],
  ['softmax', (a) => a.softmax(-1), [[3, 4]]],
  ['logSoftmax', (a) => a.logSoftmax(0), [[3, 4]]],
  ['logsumexp', (a) => a.logsumexp(1), [[3, 4]]],
  ['linear', (x, w, b) => F.linear(x, w, b), [[3, 4], [2, 4], [2]]],
  ['conv2d', (x, w, b) => F.conv2d(x, w, b, { padding: 1 }), [[2, 2, 4, 4], [3, 2, 3, 3], [3]]],
  ['conv2d strided', (x, w) => F.conv2d(x, w, undefined, { stride: 2 }), [[1, 1, 5, 5], [2, 1, 3, 3]]],
  ['maxPool2d', (x) => F.maxPool2d(x, { kernel: 2 }), [[1, 2, 4, 4]]],
  ['avgPool2d', (x) => F.avgPool2d(x, { kernel: 2, stride: 1 }), [[1, 2, 3, 3]]],
  ['mse', (a, b) => F.mse(a, b), [[3, 2], [3, 2]]],
  ['l1', (a, b) => F.l1(a, b), [[3, 2], [3, 2]]],
  ['crossEntropy', (x) => F.crossEntropy(x, nb.tensor([0, 2, 1])), [[3, 3]]],
  ['nllLoss of logSoftmax', (x) => F.nllLoss(x.logSoftmax(1), nb.tensor([0, 2, 1])), [[3, 3]]],
  ['binaryCrossEntropyWithLogits', (x, t) => F.binaryCrossEntropyWithLogits(x, t.sigmoid()), [[4], [4]]],
  ['multiMargin', (x) => F.multiMargin(x.mul(3), nb.tensor([1, 0, 2])), [[3, 3]]],
  ['l1Penalty', (w) => F.l1Penalty(w), [[2, 3]]],
  ['l2Penalty', (w) => F.l2Penalty(w), [[2, 3]]],
];
const F = nb.nn.functional;

for (const [name, f, shapes, options] of cases) {
  test(`${name} backward matches finite differences`, () => gradcheck(name, f, shapes, options));
}

test('dropout: identity when not training or p = 0; zeroes and rescales in training', () => {
  nb.tidy(() => {
    const x = nb.ones([1000]);
    assert.deepEqual(F.dropout(x, 0.5, false).data(), x.data());
    assert.deepEqual(F.dropout(x, 0).data(), x.data());
    const d = F.dropout(x, 0.5).data();
    assert.ok(d.every((v) => v === 0 || v === 2));
    const kept = d.filter((v) => v === 2).length;
    assert.ok(kept > 400 && kept < 600, `kept ${kept} of 1000`);
  });
});

test('grad(grad(f)) gives second derivatives of polynomials and tanh', () => {
  nb.tidy(() => {
    const cube = (x) => x.pow(3).sum();
    const x = nb.tensor([0.5, -1, 2]);
    assert.deepEqual([...nb.grad(cube)(x).data()].map((v) => +v.toFixed(4)), [0.75, 3, 12]);
    assert.deepEqual([...nb.grad((t) => nb.grad(cube)(t).sum())(x).data()].map((v) => +v.toFixed(4)), [3, -6, 12]);
    const third = nb.grad((t) => nb.grad((u) => nb.grad(cube)(u).sum())(t).sum())(x).data();
    assert.deepEqual([...third], [6, 6, 6]);
    const t = nb.tensor(0.3);
    const d2 = nb.grad(nb.grad((u) => u.tanh()))(t).item();
    const th = Math.tanh(0.3);
    assert.ok(Math.abs(d2 - -2 * th * (1 - th * th)) < 1e-5);
  });
});

test('valueAndGrad returns f(x) and its gradient; a function not depending on x gets zeros', () => {
  nb.tidy(() => {
    const [v, g] = nb.valueAndGrad((x) => x.mul(x).sum())(nb.tensor([1, 2]));
    assert.equal(v.item(), 5);
    assert.deepEqual(g.toArray(), [2, 4]);
    assert.equal(v.requiresGrad, false);
    const zero = nb.grad(() => nb.tensor(3))(nb.tensor([1, 2]));
    assert.deepEqual(zero.toArray(), [0, 0]);
  });
});

test('second derivatives through softmax and matmul match finite differences of the gradient', () => {
  nb.tidy(() => {
    const w = nb.tensor([[0.3, -0.2], [0.1, 0.5]]);
    const f = (x) => x.matmul(w).softmax().mul(nb.tensor([1, 2])).sum();
    const g = (x) => nb.grad(f)(x).sum();
    const x0 = new Float32Array([0.4, -0.3]);
    const analytic = nb.grad(g)(nb.tensor(x0, [2])).data();
    const eps = 1e-2;
    for (let i = 0; i < 2; i++) {
      const at = (d) => { const v = x0.slice(); v[i] += d; return g(nb.tensor(v, [2])).item(); };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      assert.ok(Math.abs(analytic[i] - numeric) < 5e-3, `element ${i}: ${analytic[i]} vs ${numeric}`);
    }
  });
});
