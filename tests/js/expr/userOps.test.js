// User-defined elementwise ops: nb.elementwiseOp (bindings/js/userOps.js) against closed forms and finite
// differences, to the third order; the graph page's definition step (web/src/lib/expr/userOps.js): source text to
// the engine, the live gradient check, every kind of bad definition named, and the op then callable in programs,
// checked by the page's own gradient check; and an MLP with the op as its activation trains in the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNabla, NablaError } from 'nabla';
import { evaluate, parse } from '../../../web/src/lib/expr/index.js';
import { createNablaBackend } from '../../../web/src/lib/expr/nablaBackend.js';
import { checkProgram } from '../../../web/src/lib/expr/gradcheck.js';
import { SWISH, defineUserOp, removeUserOp, toOpTree, UserOpError } from '../../../web/src/lib/expr/userOps.js';

const nb = await loadNabla();
const sig = (t) => 1 / (1 + Math.exp(-t));
const xs = [-2.5, -0.7, 0.4, 1.9];

test('nb.elementwiseOp: swish forward, derivative and autograd backward match closed forms', () => {
  const s = { op: 'sigmoid', args: ['x'] };
  const op = nb.elementwiseOp('swish_api', {
    forward: { op: 'mul', args: ['x', s] },
    derivative: { op: 'mul', args: [s, { op: 'add', args: [1, { op: 'mul', args: ['x', { op: 'sub', args: [1, s] }] }] }] },
  });
  nb.tidy(() => {
    const x = nb.tensor(xs, [4], { requiresGrad: true });
    const y = op.apply(x);
    [...y.data()].forEach((v, i) => assert.ok(Math.abs(v - xs[i] * sig(xs[i])) < 1e-6));
    const [g] = nb.gradients(y.sum(), [x]);
    [...g.data()].forEach((v, i) => assert.ok(Math.abs(v - sig(xs[i]) * (1 + xs[i] * (1 - sig(xs[i])))) < 1e-6));
    // Higher orders: each derivative by nb.grad against a central difference of the previous one (float32).
    let f = (t) => op.apply(t);
    for (let order = 1; order <= 3; order++) {
      const prev = f;
      f = nb.grad((t) => prev(t).sum());
      const got = f(nb.tensor(xs, [4])).data();
      const h = 1e-2;
      const up = prev(nb.tensor(xs.map((v) => v + h), [4])).data(), down = prev(nb.tensor(xs.map((v) => v - h), [4])).data();
      got.forEach((v, i) => {
        const numeric = (up[i] - down[i]) / (2 * h);
        assert.ok(Math.abs(v - numeric) < 2e-3 * Math.max(1, Math.abs(numeric)), `order ${order} at ${xs[i]}: ${v} vs ${numeric}`);
      });
    }
  });
  assert.ok(nb.hasElementwiseOp('swish_api'));
  op.remove();
  assert.ok(!nb.hasElementwiseOp('swish_api'));
});

test('nb.elementwiseOp: bad trees, names and shapes are NablaErrors naming the problem', () => {
  const bad = (name, def, kind, pattern) => assert.throws(() => nb.elementwiseOp(name, def), (e) => {
    assert.ok(e instanceof NablaError, String(e));
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, pattern);
    return true;
  });
  bad('f', { forward: { op: 'softmax', args: ['x'] }, derivative: 1 }, 'ValueError', /unknown op 'softmax'/);
  bad('f', { forward: { op: 'mul', args: ['x'] }, derivative: 1 }, 'ValueError', /mul takes 2 argument/);
  bad('f', { forward: 'y', derivative: 1 }, 'ValueError', /expected 'x', a number or \{ op, args \}/);
  bad('f', { forward: 'x', derivative: { op: 'sum', args: ['x'] } }, 'ShapeError', /derivative gives shape \[\] for an input of shape \[3\]/);
  bad('tanh', { forward: 'x', derivative: 1 }, 'ValueError', /built-in name/);
  bad('2f', { forward: 'x', derivative: 1 }, 'ValueError', /not an identifier/);
  assert.throws(() => nb.nn.mlp({ inputs: 2, hidden: [3], outputs: 1, activation: 'nope' }), /unknown activation "nope"/);
  // still usable
  nb.tidy(() => assert.equal(nb.tensor([1, 2]).sin().size, 2));
});

test('toOpTree: the expression language to the engine\'s tree, errors placed at the spot', () => {
  assert.deepEqual(toOpTree('x * sigmoid(x)'), { op: 'mul', args: ['x', { op: 'sigmoid', args: ['x'] }] });
  assert.deepEqual(toOpTree('-leaky_relu(x, 0.2) ** 2'), { op: 'neg', args: [{ op: 'pow', args: [{ op: 'leaky_relu', args: ['x'], params: [0.2] }, 2] }] });
  assert.deepEqual(toOpTree('clamp(x, -1, 1)'), { op: 'clamp', args: ['x'], params: [-1, 1] });
  assert.throws(() => toOpTree('x * sigmod(x)'), (e) => /unknown function 'sigmod'/.test(e.message) && e.column === 5);
  assert.throws(() => toOpTree('x * y'), /unknown variable 'y'/);
  assert.throws(() => toOpTree('softmax(x)'), /softmax\(\) is not elementwise/);
  assert.throws(() => toOpTree('x * [1, 2]'), /number constants, not tensors/);
  assert.throws(() => toOpTree('a = x'), /one expression of x/);
  assert.throws(() => toOpTree('x * (1 +'), /line 1, column/);
});

test('defineUserOp: swish passes the live check, then runs in programs and passes the page\'s gradient check', () => {
  const before = nb.liveTensors();
  const result = defineUserOp(nb, SWISH);
  assert.ok(result.relError < 1e-2, `relative error ${result.relError}`);
  assert.equal(result.rows.length, 12);
  const source = 'a = 0.8\nb = -1.3\nc = swish(a * b) + swish(a)';
  const backend = createNablaBackend(nb);
  const { value } = evaluate(parse(source), backend);
  const ab = 0.8 * -1.3;
  assert.ok(Math.abs(value.item() - (ab * sig(ab) + 0.8 * sig(0.8))) < 1e-5);
  const names = nb.graph(value).json.nodes.map((n) => n.op);
  assert.equal(names.filter((n) => n === 'swish').length, 2, names.join(','));
  backend.dispose();
  const { rows } = checkProgram(nb, source);
  assert.ok(rows.length >= 4 && rows.every((r) => r.status === 'ok'), JSON.stringify(rows.map((r) => [r.label, r.status])));
  removeUserOp('swish');
  assert.ok(!nb.hasElementwiseOp('swish'));
  assert.throws(() => evaluate(parse('swish(1)'), createNablaBackend(nb)), /unknown function 'swish'/);
  assert.equal(nb.liveTensors(), before, 'no tensor left behind');
});

test('defineUserOp: every bad definition names its part, registers nothing and keeps a working op', () => {
  const good = defineUserOp(nb, { name: 'sq', forward: 'x ** 2', backward: '2 * x' });
  const refused = (def, part, pattern) => assert.throws(() => defineUserOp(nb, { name: 'sq', forward: 'x ** 2', backward: '2 * x', ...def }), (e) => {
    assert.ok(e instanceof UserOpError, String(e));
    assert.equal(e.part, part, e.message);
    assert.match(e.message, pattern);
    return true;
  });
  refused({ forward: 'x **' }, 'forward', /forward: line 1, column 5: expected an expression/);
  refused({ backward: '2 * sigmod(x)' }, 'backward', /backward: .*unknown function 'sigmod'/);
  refused({ backward: '2 * z' }, 'backward', /unknown variable 'z'/);
  refused({ backward: 'sum(x) * 2' }, 'backward', /backward gives shape \[\] for an input of shape \[3\]/);
  refused({ forward: 'mean(x)' }, 'forward', /forward gives shape \[\]/);
  refused({ backward: 'x' }, 'gradcheck', /gradient check failed: at x = .* the backward gives .* but the central difference of the forward is/);
  refused({ backward: '-2 * x' }, 'gradcheck', /relative error/);
  refused({ forward: 'log(x)', backward: '1 / x' }, 'gradcheck', /gradient check failed/); // NaN below 0
  refused({ name: 'tanh' }, 'name', /built-in function/);
  refused({ name: 'my op' }, 'name', /not an identifier/);
  // the passing definition of sq is untouched
  nb.tidy(() => assert.equal(good.engine.apply(nb.tensor([3], [1])).item(), 9));
  assert.ok(!nb.hasElementwiseOp('sq__trial'));
  removeUserOp('sq');
});

test('an MLP with a user op as its activation trains in the engine (one call per step)', () => {
  const def = defineUserOp(nb, SWISH);
  nb.manualSeed(3);
  const model = nb.nn.mlp({ inputs: 2, hidden: [8], outputs: 2, activation: def.engine });
  const trainer = nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.05 }, loss: 'crossEntropy', batchSize: 32, seed: 1 });
  // two blobs on either side of x + y = 0
  const n = 128, x = new Float32Array(2 * n), labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2, r = ((i * 7919) % 97) / 97 - 0.5;
    x[2 * i] = (c ? 1 : -1) + r; x[2 * i + 1] = (c ? 1 : -1) - r * 0.7;
    labels[i] = c;
  }
  trainer.setData(x, labels, n);
  const first = trainer.step().loss;
  let last = first;
  for (let i = 0; i < 60; i++) last = trainer.step().loss;
  assert.ok(last < first / 4, `loss ${first} -> ${last}`);
  trainer.dispose();
  model.dispose();
  removeUserOp('swish');
});
