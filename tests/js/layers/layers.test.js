// The layers of issue 15 through the JS API against PyTorch 1.13 (torch_layers.py, run with /usr/bin/python3):
// BatchNorm2d in training (values, gradients, running statistics), eval and without affine; a residual conv block;
// a conv -> BatchNorm2d -> relu -> pool -> linear chain loaded from PyTorch's state_dict; DropConnect's masks and
// scaling; the initialisers' bounds and deviations; and the errors bad arguments get.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { loadNabla, NablaError } from 'nabla';

const nb = await loadNabla();
const python = process.env.NABLA_TORCH_PYTHON ?? '/usr/bin/python3';
const ref = JSON.parse(execFileSync(python, [new URL('./torch_layers.py', import.meta.url).pathname]).toString());

function close(what, mine, theirs, tol = 1e-4) {
  assert.equal(mine.length, theirs.length, `${what}: ${mine.length} vs ${theirs.length} values`);
  const scale = Math.max(1e-3, ...theirs.map(Math.abs));
  mine.forEach((v, i) => assert.ok(Math.abs(v - theirs[i]) <= tol * scale, `${what}[${i}]: nabla ${v}, PyTorch ${theirs[i]}`));
}

const values = (t) => Array.from(t.data());

test(`BatchNorm2d matches PyTorch ${ref.torch}: batch statistics and gradients in training, running ones in eval`, () => nb.tidy(() => {
  const r = ref.bn;
  const bn = nb.nn.batchNorm2d(3);
  bn.loadStateDict({ weight: { shape: [3], data: r.gamma }, bias: { shape: [3], data: r.beta },
    running_mean: { shape: [3], data: [0, 0, 0] }, running_var: { shape: [3], data: [1, 1, 1] } });
  const x = nb.tensor(r.x, [4, 3, 5, 5], { requiresGrad: true });
  const y = bn.forward(x);
  y.mul(nb.tensor(r.c, [4, 3, 5, 5])).sum().backward();
  close('y', values(y), r.y);
  close('dx', values(x.grad), r.dx);
  const [gamma, beta] = bn.parameters();
  close('dgamma', values(gamma.grad), r.dgamma);
  close('dbeta', values(beta.grad), r.dbeta);
  bn.forward(nb.tensor(r.x2, [4, 3, 5, 5]));
  const state = bn.stateDict();
  close('running_mean', state.get('running_mean').data, r.runningMean, 1e-5);
  close('running_var', state.get('running_var').data, r.runningVar, 1e-5);
  bn.eval();
  close('y (eval)', values(bn.forward(x)), r.yEval);
  bn.dispose();
  const plain = nb.nn.batchNorm2d(3, { eps: 1e-3, momentum: 0.25, affine: false });
  assert.equal(plain.parameterCount(), 0);
  close('y (no affine)', values(plain.forward(x)), ref.bnPlain.y);
  close('running_var (no affine)', plain.stateDict().get('running_var').data, ref.bnPlain.runningVar, 1e-5);
  plain.dispose();
}));

test('residual(block) is x + block(x), with PyTorch\'s values and gradients', () => nb.tidy(() => {
  const r = ref.residual;
  const conv1 = nb.nn.conv2d(2, 2, 3, { padding: 1 }), relu = nb.nn.relu(), conv2 = nb.nn.conv2d(2, 2, 3, { padding: 1 });
  conv1.loadStateDict({ weight: { shape: [2, 2, 3, 3], data: r.w1 }, bias: { shape: [2], data: r.b1 } });
  conv2.loadStateDict({ weight: { shape: [2, 2, 3, 3], data: r.w2 }, bias: { shape: [2], data: r.b2 } });
  const body = nb.nn.sequential(conv1, relu, conv2);
  const block = nb.nn.residual(body);
  assert.deepEqual(block.namedParameters().map((p) => p.name), ['body.0.weight', 'body.0.bias', 'body.2.weight', 'body.2.bias']);
  const x = nb.tensor(r.x, [2, 2, 4, 4], { requiresGrad: true });
  const y = block.forward(x);
  y.mul(nb.tensor(r.c, [2, 2, 4, 4])).sum().backward();
  close('y', values(y), r.y);
  close('dx', values(x.grad), r.dx);
  const ps = block.parameters();
  close('dw1', values(ps[0].grad), r.dw1);
  close('dw2', values(ps[2].grad), r.dw2);
  // A block that changes the shape: a ShapeError naming both shapes, and the engine keeps working.
  const shrink = nb.nn.residual(nb.nn.conv2d(2, 2, 3));
  assert.throws(() => shrink.forward(x), (e) => e instanceof NablaError && e.kind === 'ShapeError' && /\[2, 2, 4, 4\].*\[2, 2, 2, 2\]/.test(e.message));
  assert.throws(() => nb.nn.residual('conv'), /residual: expected a Module/);
  assert.equal(block.forward(x).shape.join(), '2,2,4,4');
  for (const m of [conv1, relu, conv2, body, block, shrink]) m.dispose();
}));

test('conv -> batchNorm2d -> relu -> pool -> linear loads PyTorch\'s state_dict (running statistics too) and gives its loss and gradients', () => nb.tidy(() => {
  const r = ref.chain;
  const net = nb.nn.sequential(nb.nn.conv2d(1, 4, 3), nb.nn.batchNorm2d(4), nb.nn.relu(), nb.nn.maxPool2d({ kernel: 2 }), nb.nn.flatten(), nb.nn.linear(36, 3));
  const shapes = net.stateDict();
  assert.deepEqual([...shapes.keys()].sort(), Object.keys(r.state).sort());
  net.loadStateDict(Object.fromEntries(Object.entries(r.state).map(([k, data]) => [k, { shape: shapes.get(k).shape, data }])));
  const loss = nb.nn.functional.crossEntropy(net.forward(nb.tensor(r.x, [5, 1, 8, 8])), nb.tensor(r.labels));
  loss.backward();
  assert.ok(Math.abs(loss.item() - r.loss) < 1e-5, `loss ${loss.item()} vs ${r.loss}`);
  for (const { name, tensor } of net.namedParameters()) {
    // BatchNorm subtracts the mean, so the conv bias before it has a zero gradient (rounding noise on both sides).
    if (name === '0.bias') assert.ok(values(tensor.grad).every((g) => Math.abs(g) < 1e-6), `d 0.bias ${values(tensor.grad)}`);
    else close(`d ${name}`, values(tensor.grad), r.grads[name]);
  }
  net.dispose();
}));

test('linear(in, out, { dropConnect: p }) drops weights in training (inverted scaling), none in eval', () => nb.tidy(() => {
  nb.manualSeed(2);
  const layer = nb.nn.linear(100, 80, { dropConnect: 0.3, bias: false });
  const w = layer.stateDict().get('weight').data;  // (80, 100)
  const eye = new Float32Array(100 * 100);
  for (let i = 0; i < 100; i++) eye[i * 101] = 1;
  const x = nb.tensor(eye, [100, 100]);
  const y = layer.forward(x).data();  // row i = column i of the effective weight
  let dropped = 0;
  for (let i = 0; i < 100; i++) for (let o = 0; o < 80; o++) {
    const got = y[i * 80 + o], full = w[o * 100 + i];
    if (got === 0) dropped++;
    else assert.ok(Math.abs(got - full / 0.7) < 1e-6, `kept weight ${got} vs ${full} / 0.7`);
  }
  assert.ok(Math.abs(dropped / 8000 - 0.3) < 0.02, `dropped ${dropped} of 8000`);
  layer.eval();
  const ye = layer.forward(x).data();
  for (let i = 0; i < 100; i++) for (let o = 0; o < 80; o++) assert.equal(ye[i * 80 + o], w[o * 100 + i]);
  layer.dispose();
  for (const p of [1, -0.1, 1.5, NaN, '0.5']) {
    assert.throws(() => nb.nn.linear(3, 2, { dropConnect: p }), (e) => e instanceof NablaError && /dropConnect must be a number in \[0, 1\)/.test(e.message));
  }
}));

function stdOf(a) {
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length);
}

test('initialisers: layer options and nb.nn.init follow PyTorch\'s formulas', () => nb.tidy(() => {
  const fanIn = 36 * 9, fanOut = 64 * 9;
  const weightOf = (init) => {
    const conv = nb.nn.conv2d(36, 64, 3, { init });
    const s = conv.stateDict();
    conv.dispose();
    return { w: s.get('weight').data, b: s.get('bias').data };
  };
  const maxAbs = (a) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const d = weightOf('default');
  assert.ok(maxAbs(d.w) <= 1 / Math.sqrt(fanIn) && maxAbs(d.w) > 0.99 / Math.sqrt(fanIn));
  const near = (what, got, want) => assert.ok(Math.abs(got - want) < 0.02 * want, `${what}: ${got} vs ${want}`);
  near('xavierUniform std', stdOf(weightOf('xavierUniform').w), Math.sqrt(2 / (fanIn + fanOut)));
  near('xavierNormal std', stdOf(weightOf('xavierNormal').w), Math.sqrt(2 / (fanIn + fanOut)));
  const ku = weightOf('kaimingUniform');
  near('kaimingUniform std', stdOf(ku.w), Math.sqrt(2 / fanIn));
  assert.ok(maxAbs(ku.w) <= Math.sqrt(6 / fanIn) + 1e-6);
  assert.equal(maxAbs(ku.b), 0, 'named initialisers zero the bias');
  near('kaimingNormal std', stdOf(weightOf('kaimingNormal').w), Math.sqrt(2 / fanIn));
  const z = nb.nn.linear(4, 3, { init: 'zeros' });
  assert.equal(maxAbs(z.stateDict().get('weight').data) + maxAbs(z.stateDict().get('bias').data), 0);
  z.dispose();
  assert.throws(() => nb.nn.linear(4, 3, { init: 'glorot' }), /linear: init must be one of default, xavierUniform/);
  assert.throws(() => nb.nn.conv2d(4, 3, 3, { init: 'he' }), /conv2d: init must be one of/);

  const t = nb.zeros([400, 300]);
  assert.equal(nb.nn.init.kaimingNormal(t, { nonlinearity: 'relu', mode: 'fanOut' }), t);
  near('init.kaimingNormal fanOut', stdOf(t.data()), Math.sqrt(2 / 400));
  nb.nn.init.xavierUniform(t, { gain: 2 });
  near('init.xavierUniform gain 2', stdOf(t.data()), 2 * Math.sqrt(2 / 700));
  nb.nn.init.kaimingUniform(t);  // PyTorch's defaults: a = 0, fanIn, leaky_relu -> gain sqrt(2)
  near('init.kaimingUniform', stdOf(t.data()), Math.sqrt(2 / 300));
  nb.nn.init.uniform(t, -2, 2);
  near('init.uniform', stdOf(t.data()), 4 / Math.sqrt(12));
  nb.nn.init.normal(t, 1, 0.5);
  near('init.normal', stdOf(t.data()), 0.5);
  nb.nn.init.constant(t, 3);
  assert.ok(t.data().every((v) => v === 3));
  nb.nn.init.zeros(t);
  assert.ok(t.data().every((v) => v === 0));
  assert.ok(Math.abs(nb.nn.init.calculateGain('tanh') - 5 / 3) < 1e-6);
  assert.throws(() => nb.nn.init.kaimingNormal(t, { mode: 'fan_in' }), /mode must be one of fanIn, fanOut/);
  assert.throws(() => nb.nn.init.xavierUniform(nb.zeros([5])), (e) => e.kind === 'ValueError' && /rank >= 2/.test(e.message));
  assert.throws(() => nb.nn.init.zeros([1, 2]), /init.zeros: expected a Tensor/);
}));

test('bad layer arguments get a NablaError naming the problem, and the engine keeps working', () => {
  assert.throws(() => nb.nn.batchNorm2d(0), /batchNorm2d: channels must be an integer >= 1, got 0/);
  assert.throws(() => nb.nn.conv2d(1, 0, 3), /conv2d: outChannels must be an integer >= 1, got 0/);
  assert.throws(() => nb.nn.batchNorm2d(3, { momentum: 2 }), (e) => e.kind === 'ValueError' && /momentum in \[0, 1\]/.test(e.message));
  nb.tidy(() => {
    const bn = nb.nn.batchNorm2d(3);
    assert.throws(() => bn.forward(nb.zeros([4, 3])), (e) => e.kind === 'ShapeError' && /BatchNorm2d: expected input \(N, 3, H, W\), got \[4, 3\]/.test(e.message));
    const conv = nb.nn.conv2d(1, 2, 5);
    assert.throws(() => conv.forward(nb.zeros([1, 1, 3, 3])), (e) => e.kind === 'ShapeError');
    assert.equal(bn.forward(nb.ones([2, 3, 2, 2])).shape.join(), '2,3,2,2');
    bn.dispose();
    conv.dispose();
  });
});

test('layer specs: fromSpec builds them, checkSpec gives shapes and parameters, errors name layer and position', () => nb.tidy(() => {
  const spec = 'conv(8,3,pad=1)-bn-relu-maxpool(2)-res(conv(8,3,pad=1)-relu)-flatten-linear(10)';
  const check = nb.nn.checkSpec(spec, 784, 10);
  assert.equal(check.error, '');
  assert.deepEqual(check.input, [1, 28, 28]);
  assert.deepEqual(check.layers.map((l) => l.output.join('x')), ['8x28x28', '8x28x28', '8x28x28', '8x14x14', '8x14x14', '8x14x14', '8x14x14', '1568', '10']);
  assert.deepEqual(check.layers.map((l) => l.depth), [0, 0, 0, 0, 0, 1, 1, 0, 0]);
  const model = nb.nn.fromSpec(spec, 784, 10);
  assert.equal(model.parameterCount(), check.parameters);
  assert.equal(model.forward(nb.zeros([2, 784])).shape.join(), '2,10');
  model.dispose();
  const bad = nb.nn.checkSpec('conv(8,5)-relu-linear(10)', 784, 10);
  assert.equal(bad.errorLayer, 2);
  assert.equal(bad.errorPosition, 15);
  assert.match(bad.error, /linear takes rows, got images 8x24x24; put 'flatten' before it/);
  assert.throws(() => nb.nn.fromSpec('conv(0,5)-flatten-linear(10)', 784, 10),
    (e) => e instanceof NablaError && e.kind === 'ValueError' && /layer 1 'conv\(0,5\)' at character 6: conv: channels/.test(e.message));
  assert.throws(() => nb.nn.fromSpec('conv(8,30)-flatten-linear(10)', 784, 10), /kernel 30x30 is larger than its 28x28 input/);
  assert.equal(nb.nn.fromSpec('convnet', 784, 10).parameterCount() > 0, true);
}));
