// Tensors through the JS API: creation, shapes, copies out of the heap, scalars where PyTorch takes them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadNabla } from 'nabla';

const nb = await loadNabla();

test('tensor() takes nested arrays, numbers and Float32Array plus shape', () => {
  const a = nb.tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(a.shape, [2, 3]);
  assert.deepEqual(a.toArray(), [[1, 2, 3], [4, 5, 6]]);
  const b = nb.tensor(new Float32Array([1, 2, 3, 4]), [2, 2]);
  assert.deepEqual(b.toArray(), [[1, 2], [3, 4]]);
  const s = nb.tensor(7);
  assert.deepEqual(s.shape, []);
  assert.equal(s.item(), 7);
  assert.equal(s.toArray(), 7);
  const c = nb.tensor([1, 2, 3, 4, 5, 6], [3, 2], { requiresGrad: true });
  assert.equal(c.requiresGrad, true);
  assert.deepEqual(c.shape, [3, 2]);
});

test('data() is a copy that survives heap growth', () => {
  const a = nb.tensor([1, 2, 3]);
  const d = a.data();
  const big = nb.zeros([64, 1024, 1024]); // 256 MB: forces the heap to grow
  d[0] = 42;
  assert.deepEqual([...a.data()], [1, 2, 3]);
  assert.equal(d.length, 3);
  big.dispose();
});

test('factories: zeros, ones, full, arange, randn and rand with manualSeed', () => {
  assert.deepEqual(nb.zeros([2]).toArray(), [0, 0]);
  assert.deepEqual(nb.ones([2, 1]).toArray(), [[1], [1]]);
  assert.deepEqual(nb.full([2], 3.5).toArray(), [3.5, 3.5]);
  assert.deepEqual(nb.arange(4).toArray(), [0, 1, 2, 3]);
  assert.deepEqual(nb.arange(1, 2, 0.25).toArray(), [1, 1.25, 1.5, 1.75]);
  nb.manualSeed(7);
  const r1 = nb.randn([5]).data();
  nb.manualSeed(7);
  const r2 = nb.randn([5]).data();
  assert.deepEqual(r1, r2);
  const u = nb.rand([1000], { low: -2, high: 3 }).data();
  assert.ok(u.every((v) => v >= -2 && v < 3));
});

test('numbers act as scalars, on either side', () => {
  const x = nb.tensor([1, 2, 4]);
  assert.deepEqual(x.add(1).toArray(), [2, 3, 5]);
  assert.deepEqual(x.sub(1).toArray(), [0, 1, 3]);
  assert.deepEqual(x.mul(2).toArray(), [2, 4, 8]);
  assert.deepEqual(x.div(2).toArray(), [0.5, 1, 2]);
  assert.deepEqual(x.pow(2).toArray(), [1, 4, 16]);
  assert.deepEqual(nb.sub(10, x).toArray(), [9, 8, 6]);
  assert.deepEqual(nb.div(8, x).toArray(), [8, 4, 2]);
  assert.deepEqual(nb.pow(2, x).toArray(), [2, 4, 16]);
  assert.deepEqual(nb.add(1, x).toArray(), [2, 3, 5]);
});

test('methods named as in PyTorch compute the right values', () => {
  const x = nb.tensor([[1, 2], [3, 4]]);
  assert.deepEqual(x.matmul(x).toArray(), [[7, 10], [15, 22]]);
  assert.deepEqual(x.transpose().toArray(), [[1, 3], [2, 4]]);
  assert.deepEqual(x.reshape([4]).toArray(), [1, 2, 3, 4]);
  assert.deepEqual(x.sum().item(), 10);
  assert.deepEqual(x.sum(0).toArray(), [4, 6]);
  assert.deepEqual(x.mean(1, true).toArray(), [[1.5], [3.5]]);
  assert.deepEqual(x.max().item(), 4);
  assert.deepEqual(x.max(0).toArray(), [3, 4]);
  assert.deepEqual(x.argmax(1).toArray(), [1, 1]);
  assert.deepEqual(x.neg().toArray(), [[-1, -2], [-3, -4]]);
  assert.deepEqual(nb.tensor([-1, 0, 2]).relu().toArray(), [0, 0, 2]);
  const sm = nb.tensor([[0, Math.log(3)]]).softmax().data();
  assert.ok(Math.abs(sm[0] - 0.25) < 1e-6 && Math.abs(sm[1] - 0.75) < 1e-6);
  const lsm = nb.tensor([[0, 0]]).logSoftmax().data();
  assert.ok(Math.abs(lsm[0] - Math.log(0.5)) < 1e-6);
  assert.deepEqual(x.slice(1, 1, 2).toArray(), [[2], [4]]);
  assert.deepEqual(x.indexSelect(0, [1, 1]).toArray(), [[3, 4], [3, 4]]);
  assert.deepEqual(nb.concat([x, x], 0).shape, [4, 2]);
  assert.deepEqual(x.permute([1, 0]).toArray(), [[1, 3], [2, 4]]);
  assert.deepEqual(nb.tensor([-3, 0.5, 3]).clamp(-1, 1).toArray(), [-1, 0.5, 1]);
});

test('backward fills .grad; zeroGrad clears it; noGrad records nothing', () => {
  const x = nb.tensor([1, 2, 3], { requiresGrad: true });
  assert.equal(x.grad, null);
  x.mul(x).sum().backward();
  assert.deepEqual(x.grad.toArray(), [2, 4, 6]);
  x.mul(x).sum().backward();
  assert.deepEqual(x.grad.toArray(), [4, 8, 12]);
  x.zeroGrad();
  assert.equal(x.grad, null);
  const y = nb.noGrad(() => x.mul(2));
  assert.equal(y.requiresGrad, false);
  assert.equal(x.mul(2).requiresGrad, true);
  assert.equal(x.isLeaf, true);
  assert.equal(x.mul(2).isLeaf, false);
});

test('tanh keeps its edge cases through the SIMD kernel: NaN, infinities, tiny and huge inputs, tails', () => {
  // 4-lane kernel plus a scalar tail: 11 inputs put some in each. Closed forms against Math.tanh.
  const xs = [NaN, Infinity, -Infinity, 1e-30, -3e-4, 0.5, -2, 7.9, 8, 1e30, -0];
  const ys = Array.from(nb.tensor(xs).tanh().data());
  assert.ok(Number.isNaN(ys[0]), 'NaN in, NaN out');
  assert.equal(ys[1], 1);
  assert.equal(ys[2], -1);
  assert.equal(ys[9], 1);
  assert.ok(Object.is(ys[10], -0) || ys[10] === 0);
  for (let i = 3; i < 9; i++) {
    const want = Math.tanh(xs[i]);
    assert.ok(Math.abs(ys[i] - want) <= 2e-7 * Math.max(1, Math.abs(want)) && Math.sign(ys[i]) === Math.sign(want),
      `tanh(${xs[i]}) = ${ys[i]}, expected ${want}`);
  }
  // Every element through the 4-lane path, across the range, against double precision.
  const many = Float32Array.from({ length: 4000 }, (_, i) => -10 + i * 0.005);
  const got = nb.tensor(many).tanh().data();
  let worst = 0;
  for (let i = 0; i < many.length; i++) worst = Math.max(worst, Math.abs(got[i] - Math.tanh(many[i])));
  assert.ok(worst < 5e-7, `max error ${worst}`);
});
