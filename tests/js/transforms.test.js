// Function transforms of the JS API (bindings/js/transforms.js): grad with argnums, valueAndGrad,
// elementwiseGrad, jacobian, hessian, jvp, vjp and hvp against closed forms; nested in each other; bad input as
// NablaErrors naming the problem; and no tensor left behind.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadNabla, NablaError } from 'nabla';

const nb = await loadNabla();

function near(got, want, tol, what) {
  const g = [...got];
  assert.equal(g.length, want.length, `${what}: ${g.length} values, expected ${want.length}`);
  g.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= tol, `${what}[${i}]: got ${v}, expected ${want[i]}`));
}

function throwsNabla(fn, kind, pattern) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof NablaError, `expected a NablaError, got ${e}`);
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, pattern);
    return true;
  });
}

// HIPS autograd's rosenbrock: 100 (y - x^2)^2 + (1 - x)^2 of p = (x, y).
const rosenbrock = (p) => {
  const x = p.indexSelect(0, [0]), y = p.indexSelect(0, [1]);
  return y.sub(x.mul(x)).pow(2).mul(100).add(nb.sub(1, x).pow(2)).sum();
};

test('grad with argnums gives each partial derivative; an array argnums gives an array', () => {
  nb.tidy(() => {
    const f = (x, y, z) => x.mul(y.mul(y)).sum().add(z.sum());
    const x = nb.tensor([1, 2]), y = nb.tensor([3, -1]), z = nb.scalar(5);
    near(nb.grad(f)(x, y, z).data(), [9, 1], 1e-6, 'default argnums 0');
    near(nb.grad(f, { argnums: 1 })(x, y, z).data(), [6, -4], 1e-6, 'argnums 1');
    const [dy, dx] = nb.grad(f, { argnums: [1, 0] })(x, y, z);
    near(dy.data(), [6, -4], 1e-6, 'df/dy');
    near(dx.data(), [9, 1], 1e-6, 'df/dx');
    const [value, [dz]] = nb.valueAndGrad(f, { argnums: [2] })(x, y, z);
    assert.equal(value.item(), 16);
    assert.equal(dz.item(), 1);
  });
});

test('jacobian has shape [...f(x).shape, ...x.shape]; hessian of rosenbrock is the closed form', () => {
  nb.tidy(() => {
    const A = nb.tensor([[1, 2, 3], [-4, 5, -6]]);
    const J = nb.jacobian((x) => A.matmul(x))(nb.tensor([0.1, 0.2, 0.3]));
    assert.deepEqual(J.shape, [2, 3]);
    near(J.data(), [1, 2, 3, -4, 5, -6], 1e-6, 'J = A');
    const x = nb.tensor([[0.5, -1], [2, 0.25]]);
    const D = nb.jacobian((t) => t.sin())(x);
    assert.deepEqual(D.shape, [2, 2, 2, 2]);
    const xs = [...x.data()];
    near(D.data(), Array.from({ length: 16 }, (_, k) => (k % 5 === 0 ? Math.cos(xs[k / 5]) : 0)), 1e-6, 'diag cos');
    const p = nb.tensor([-1.2, 1]);
    const H = nb.hessian(rosenbrock)(p);
    assert.deepEqual(H.shape, [2, 2]);
    near(H.data(), [1330, 480, 480, 200], 1e-2, 'hessian');
    near(nb.jacobian(nb.grad(rosenbrock))(p).data(), [1330, 480, 480, 200], 1e-2, 'jacobian of grad');
    near(nb.hvp(rosenbrock, p, nb.tensor([1, -1])).data(), [850, 280], 1e-2, 'hvp');
  });
});

test('jvp is J·v and vjp is uᵀJ, exactly, and vjpFn can be called again', () => {
  nb.tidy(() => {
    const f = (x) => x.sin().mul(x.mul(x).sum());
    const x = nb.tensor([0.3, -0.8, 1.1]), v = nb.tensor([1, 2, -1]), u = nb.tensor([0.5, -1, 2]);
    const J = nb.jacobian(f)(x).toArray();
    const jv = J.map((row) => row.reduce((s, a, j) => s + a * [1, 2, -1][j], 0));
    const uj = [0, 1, 2].map((j) => J.reduce((s, row, i) => s + [0.5, -1, 2][i] * row[j], 0));
    const [out, tangent] = nb.jvp(f, [x], [v]);
    near(out.data(), [...f(x).data()], 1e-6, 'jvp value');
    near(tangent.data(), jv, 1e-5, 'jvp');
    const [out2, vjpFn] = nb.vjp(f, x);
    near(out2.data(), [...f(x).data()], 1e-6, 'vjp value');
    near(vjpFn(u).data(), uj, 1e-5, 'vjp');
    near(vjpFn(u).data(), uj, 1e-5, 'vjp again');
    // Two primals: jvp sums both directions; vjp of an array gives an array.
    const g = (a, b) => a.mul(b).sin();
    const a = nb.tensor([0.4, 1.3]), b = nb.tensor([-0.7, 0.2]);
    const [, t2] = nb.jvp(g, [a, b], [nb.ones([2]), nb.zeros([2])]);
    near(t2.data(), [0, 1].map((i) => Math.cos(a.data()[i] * b.data()[i]) * b.data()[i]), 1e-6, 'jvp in a');
    const [, pull] = nb.vjp(g, [a, b]);
    const [ga, gb] = pull(nb.ones([2]));
    near(gb.data(), [0, 1].map((i) => Math.cos(a.data()[i] * b.data()[i]) * a.data()[i]), 1e-6, 'vjp in b');
    assert.deepEqual(ga.shape, [2]);
    near(nb.elementwiseGrad((t) => t.sin())(x).data(), [0.3, -0.8, 1.1].map(Math.cos), 1e-6, 'elementwiseGrad(sin)');
  });
});

test('transforms nest: grad of jacobian, hessian of a grad, jvp of grad, jacobian of hessian', () => {
  nb.tidy(() => {
    const x = nb.tensor([0.3, -0.8, 1.1]);
    const gj = nb.grad((t) => nb.jacobian((s) => s.sin())(t).sum())(x);
    near(gj.data(), [0.3, -0.8, 1.1].map((v) => -Math.sin(v)), 1e-6, 'grad of jacobian');
    const inner = nb.grad((t) => t.pow(4).sum().mul(0.25));
    const H = nb.hessian((t) => inner(t).sum())(x);
    near(H.data(), [1.8, 0, 0, 0, -4.8, 0, 0, 0, 6.6], 1e-5, 'hessian of grad');
    const [, hv] = nb.jvp(nb.grad(rosenbrock), [nb.tensor([-1.2, 1])], [nb.tensor([1, -1])]);
    near(hv.data(), [850, 280], 1e-2, 'jvp of grad');
    const T = nb.jacobian(nb.hessian((t) => t.pow(4).sum().mul(0.25)))(x);
    assert.deepEqual(T.shape, [3, 3, 3]);
    near(T.data(), Array.from({ length: 27 }, (_, k) => (k % 13 === 0 ? 6 * [0.3, -0.8, 1.1][k / 13] : 0)), 1e-5, 'third order');
    // the gradient of a hvp with respect to v is the Hessian's row sums, through a grad with argnums
    const hvSum = nb.grad((p, v) => nb.hvp(rosenbrock, p, v).sum(), { argnums: 1 })(nb.tensor([-1.2, 1]), nb.tensor([1, -1]));
    near(hvSum.data(), [1810, 680], 1e-2, 'grad of hvp in v');
  });
});

test('bad input is a NablaError naming the problem, and the module keeps working', () => {
  const x = nb.tensor([1, 2]);
  throwsNabla(() => nb.grad(42), 'ValueError', /grad: f must be a function, got 42/);
  throwsNabla(() => nb.jacobian('x => x'), 'ValueError', /jacobian: f must be a function/);
  throwsNabla(() => nb.jvp(null, [x], [x]), 'ValueError', /jvp: f must be a function, got null/);
  throwsNabla(() => nb.grad((a, b) => a.mul(b).sum(), { argnums: 2 })(x, x), 'IndexError', /grad: argnums 2 is out of range for a call with 2 arguments/);
  throwsNabla(() => nb.grad((a, b) => a.mul(b).sum(), { argnums: [0, 0] }), 'ValueError', /grad: argnums repeats argument 0/);
  throwsNabla(() => nb.grad((a) => a.sum(), { argnums: -1 }), 'ValueError', /argnums must be a non-negative integer/);
  throwsNabla(() => nb.grad((a) => a.sum(), 1), 'ValueError', /grad: options must be an object such as \{ argnums: 1 \}/);
  throwsNabla(() => nb.grad((a) => a.sum())([1, 2]), 'ValueError', /grad: argument 0 must be a Tensor, got an array/);
  throwsNabla(() => nb.grad((a) => a.mul(2))(x), 'AutogradError', /grad: f must return a one-element tensor \(a scalar\), got shape \[2\]/);
  throwsNabla(() => nb.hessian((a) => a.mul(2))(x), 'AutogradError', /hessian: f must return a one-element tensor/);
  throwsNabla(() => nb.grad(() => 3)(x), 'ValueError', /grad: f must return a Tensor, got 3/);
  throwsNabla(() => nb.hvp((a) => a.pow(2).sum(), x, nb.ones([3])), 'ShapeError', /hvp: v\[0\] of shape \[3\] does not fit x\[0\] of shape \[2\]/);
  throwsNabla(() => nb.jvp((a) => a, [x], [nb.ones([2, 1])]), 'ShapeError', /jvp: tangents\[0\] of shape \[2, 1\] does not fit primals\[0\] of shape \[2\]/);
  throwsNabla(() => nb.jvp((a) => a, [x], [x, x]), 'ShapeError', /jvp: 2 tangents for 1 primals/);
  const [, pull] = nb.vjp((a) => a.sin(), x);
  throwsNabla(() => pull(nb.ones([3])), 'ShapeError', /vjp: cotangent\[0\] of shape \[3\] does not fit output\[0\] of shape \[2\]/);
  near(pull(nb.ones([2])).data(), [Math.cos(1), Math.cos(2)], 1e-6, 'usable after the error');
  assert.throws(() => nb.jacobian(() => { throw new Error('boom'); })(x), /boom/);
  near(nb.grad((a) => a.pow(2).sum())(x).data(), [2, 4], 1e-6, 'module still works');
});

test('transforms leave no tensor behind', () => {
  const x = nb.tensor([0.3, -0.8]);
  const f = (t) => t.sin().mul(t).sum();
  const run = () => {
    nb.dispose([nb.grad(f)(x), ...nb.valueAndGrad(f)(x), nb.jacobian((t) => t.sin())(x), nb.hessian(f)(x),
      ...nb.jvp(f, [x], [x]), nb.hvp(f, x, x), nb.elementwiseGrad((t) => t.sin())(x)]);
    const [value, pull] = nb.vjp((t) => t.sin(), x);
    nb.dispose([value, pull(x)]);
    pull.dispose();
  };
  run();
  const before = nb.liveTensors();
  for (let i = 0; i < 20; i++) run();
  assert.equal(nb.liveTensors(), before);
  x.dispose();
});

test('gradients: d output / d inputs for leaves and intermediate tensors, returned not accumulated', () => {
  nb.tidy(() => {
    const x = nb.tensor([0.5, -1.5], { requiresGrad: true });
    const h = x.mul(x), y = h.sin().sum();
    const [gx, gh] = nb.gradients(y, [x, h], { retainGraph: true });
    near(gh.data(), [0.25, 2.25].map(Math.cos), 1e-6, 'dy/dh');
    near(gx.data(), [0.5, -1.5].map((v) => Math.cos(v * v) * 2 * v), 1e-6, 'dy/dx');
    assert.equal(x.grad, null);
    const [gs] = nb.gradients(h, [x], { gradOutput: nb.tensor([1, 2]) });
    near(gs.data(), [1, -6], 1e-6, 'with gradOutput');
    throwsNabla(() => nb.gradients(h, [x]), 'AutogradError', /gradients: output of shape \[2\] is not a scalar; pass gradOutput/);
    throwsNabla(() => nb.gradients(h, [x], { gradOutput: nb.ones([3]) }), 'ShapeError', /gradOutput\[0\] of shape \[3\] does not fit output\[0\]/);
  });
});

test('roll moves elements as np.roll, and its gradient (to the second order) is the opposite roll', () => {
  nb.tidy(() => {
    const x = nb.tensor([[0, 1, 2], [3, 4, 5]]);
    assert.deepEqual(x.roll(1, 1).toArray(), [[2, 0, 1], [5, 3, 4]]);
    assert.deepEqual(nb.roll(x, -4, -1).toArray(), [[1, 2, 0], [4, 5, 3]]);
    assert.deepEqual(x.roll(1, 0).toArray(), [[3, 4, 5], [0, 1, 2]]);
    const w = nb.tensor([1, 2, 3, 4]);
    const f = (t) => t.roll(1, 0).mul(w).pow(3).sum();          // d/dt_i = 3 (t_{i-1} w_i)^2 w_i, at t_{i-1}
    const t = nb.tensor([0.5, -1, 2, 0.25]);
    const tv = [0.5, -1, 2, 0.25], wv = [1, 2, 3, 4];
    const g = nb.grad(f)(t).data();
    const h = nb.elementwiseGrad(nb.grad(f))(t).data();         // the diagonal of the Hessian: 6 t_j w_{j+1}^3
    tv.forEach((tj, j) => {
      const wi = wv[(j + 1) % 4];
      assert.ok(Math.abs(g[j] - 3 * (tj * wi) ** 2 * wi) < 1e-4, `grad ${j}`);
      assert.ok(Math.abs(h[j] - 6 * tj * wi ** 3) < 1e-3, `second ${j}`);
    });
    throwsNabla(() => nb.scalar(1).roll(1, 0), 'ShapeError', /roll: cannot roll a rank-0 tensor/);
    throwsNabla(() => x.roll(1.5, 0), 'ValueError', /roll: shift must be an integer/);
    throwsNabla(() => x.roll(1, 2), 'IndexError', /roll: axis 2/);
  });
});
