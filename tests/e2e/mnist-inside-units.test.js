// Node tests of the MNIST page's architecture editor and "see inside" arithmetic against the engine: the
// convolution's patch * kernel + bias the animation shows equals the engine's conv output, pooling windows
// and softmax likewise, the output-size formula agrees with the engine's shapes, the editor's rows map the
// engine's shapes, parameter counts and errors onto the right layer, and the presets' specs are the models
// they name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNabla } from 'nabla';
import { convTerms, gradientHint, layerNorms, outputSize, poolWindow, softmaxSteps, GRAD_LIMITS } from '../../web/src/lib/mnist/inside.js';
import { PRESETS, hashOfSpec, newRow, presetOf, rowsOf, specOf, specOfHash, statusOf } from '../../web/src/lib/mnist/spec.js';

const nb = await loadNabla({ threads: 1 });

/** A net's per-layer outputs and parameters for one random input of `inputs` values. */
function run(spec, inputs, outputs, seed = 3) {
  nb.manualSeed(seed);
  const model = nb.nn.fromSpec(spec, inputs, outputs);
  const trainer = nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr: 0.1 }, loss: 'crossEntropy' });
  const x = Float32Array.from({ length: inputs }, (_, i) => Math.sin(i * 1.7 + seed));
  const layers = trainer.activations(x, 1);
  const state = trainer.stateDict();
  const probs = trainer.predict(x, 1);
  trainer.dispose();
  model.dispose();
  return { x, layers, state, probs };
}

test('each convolution value the animation adds up equals the engine\'s conv output (padding, stride, 2 channels)', () => {
  const { layers, state } = run('input(2,9,9)-conv(3,3,stride=2,pad=1)-maxpool(2)-flatten-linear(4)', 162, 4);
  // Children: Reshape (0), conv (1), maxpool (2), ...
  const [input, conv] = [layers[0], layers[1]];
  assert.deepEqual(conv.shape, [1, 3, 5, 5]);
  const [C, H, W] = input.shape.slice(1), [O, Ho, Wo] = conv.shape.slice(1);
  const weight = state.get('1.weight').data, bias = state.get('1.bias').data;
  let checked = 0;
  for (let o = 0; o < O; o++) {
    for (let y = 0; y < Ho; y++) {
      for (let x = 0; x < Wo; x++) {
        const t = convTerms({ input: input.values, C, H, W }, { weight, bias, K: 3, stride: 2, pad: 1 }, o, y, x);
        const engine = conv.values[(o * Ho + y) * Wo + x];
        assert.ok(Math.abs(t.sum - engine) <= 1e-5 * (1 + Math.abs(engine)), `(${o}, ${y}, ${x}): ${t.sum} vs ${engine}`);
        // The shown terms add up: the channels' partial sums plus the bias.
        assert.ok(Math.abs(t.channels.reduce((s, c) => s + c.partial, 0) + t.bias - t.sum) < 1e-9);
        checked++;
      }
    }
  }
  assert.equal(checked, 75);
  // The corner's patch reaches into the padding: its first row and column are zeros.
  const corner = convTerms({ input: input.values, C, H, W }, { weight, bias, K: 3, stride: 2, pad: 1 }, 0, 0, 0);
  assert.deepEqual([corner.top, corner.left], [-1, -1]);
  assert.deepEqual(Array.from(corner.channels[0].patch.subarray(0, 3)), [0, 0, 0]);
});

test('pooling windows and softmax steps give the engine\'s values', () => {
  const { layers, probs } = run('input(2,8,8)-conv(3,3)-maxpool(2)-avgpool(3)-flatten-linear(10)', 128, 10);
  const [conv, max, avg, , logits] = layers.slice(1);
  const [C, H, W] = conv.shape.slice(1);
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < 9; i++) {
      const w = poolWindow({ input: conv.values, C, H, W }, { K: 2, stride: 2, kind: 'maxpool' }, c, Math.floor(i / 3), i % 3);
      assert.equal(w.result, max.values[c * 9 + i]);
      assert.equal(w.values[w.pick], w.result);
    }
    const a = poolWindow({ input: max.values, C, H: 3, W: 3 }, { K: 3, stride: 3, kind: 'avgpool' }, c, 0, 0);
    assert.ok(Math.abs(a.result - avg.values[c]) < 1e-6, `${a.result} vs ${avg.values[c]}`);
  }
  const s = softmaxSteps(Array.from(logits.values));
  s.probs.forEach((p, k) => assert.ok(Math.abs(p - probs[k]) < 1e-6, `class ${k}: ${p} vs ${probs[k]}`));
  assert.ok(Math.abs(s.exps.reduce((a, b) => a + b, 0) - s.sum) < 1e-12);
});

test('the padding/stride explorer\'s output size is the engine\'s conv output size', () => {
  for (let n = 3; n <= 9; n += 2) {
    for (let k = 1; k <= 5; k += 2) {
      for (let s = 1; s <= 3; s++) {
        for (let p = 0; p <= 2; p++) {
          const check = nb.nn.checkSpec(`input(1,${n},${n})-conv(1,${k},stride=${s},pad=${p})-flatten-linear(1)`, n * n, 1);
          const o = outputSize(n, k, s, p);
          if (k > n + 2 * p) assert.match(check.error, /larger than its/);
          else assert.deepEqual(check.layers[0].output, [1, o, o], `n=${n} k=${k} s=${s} p=${p}`);
        }
      }
    }
  }
});

test('editor rows round-trip their spec text and show the engine\'s shapes and parameter counts', () => {
  const specs = [...Object.values(PRESETS).map((p) => p.spec),
    'conv(8,3,pad=1)-bn-relu-res(conv(8,3,pad=1)-bn-relu)-maxpool(2,stride=1)-dropout(0.25)-flatten-linear(32,dropconnect=0.5,init=xavier_normal)-relu-linear(10)'];
  for (const spec of specs) {
    const rows = rowsOf(spec);
    const { text, flat } = specOf(rows);
    assert.equal(text, spec);
    assert.ok(rows.every((r) => r.kind !== 'raw'), spec);
    const check = nb.nn.checkSpec(text, 784, 10);
    assert.equal(check.error, '', spec);
    const { status, spanError } = statusOf(flat, check);
    assert.equal(spanError, '');
    assert.equal(status.length, check.layers.length);
    status.forEach((s, i) => {
      assert.deepEqual(s.output, check.layers[i].output);
      assert.equal(s.parameters, check.layers[i].parameters);
    });
  }
  const res = rowsOf(specs.at(-1))[3];
  assert.equal(res.kind, 'res');
  assert.deepEqual(res.body.map((r) => r.kind), ['conv', 'bn', 'relu']);
  // A conv(8,5) on 1x28x28: 8 x 5 x 5 weights + 8 biases, 8x24x24 out.
  const conv = statusOf(specOf([newRow('conv')]).flat, nb.nn.checkSpec('conv(8,5)', 784, 10));
  assert.equal(conv.status[0].output, null); // the text differs from the rows: nothing matched by position...
  const one = [{ kind: 'conv', args: { channels: '8', kernel: '5', stride: '1', pad: '0', init: 'default' } }, newRow('flatten'), newRow('linear')];
  const checked = statusOf(specOf(one).flat, nb.nn.checkSpec(specOf(one).text, 784, 10)).status;
  assert.deepEqual(checked[0], { output: [8, 24, 24], parameters: 208, error: '' });
  assert.equal(checked[2].parameters, 8 * 24 * 24 * 10 + 10);
});

test('the engine\'s errors land on the layer that does not fit, inside a residual block too', () => {
  const cases = [
    ['conv(8,5)-linear(10)', 1, /put 'flatten' before it/],
    ['conv(8,5)-res(conv(8,3)-relu)-flatten-linear(10)', 1, /same shape/],
    ['conv(8,5)-res(conv(8,3,pad=1)-bn-maxpool(40))-flatten-linear(10)', 4, /larger than its/],
    ['conv(0,5)-flatten-linear(10)', 0, /channels/],
    ['conv(8,40)-flatten-linear(10)', 0, /larger than its 28x28 input/],
    ['conv(8,5)-flatten-linear(10,dropconnect=1)', 2, /dropconnect must be in \[0, 1\)/],
    ['conv(8)-flatten-linear(10)', 0, /needs a kernel size/],
    ['conv(8,5)-flatten-linear(12)', 2, /needs 10 outputs/],
    ['linear(32)-bn-relu-flatten-linear(10)', 3, /flatten needs images/],
  ];
  for (const [spec, row, why] of cases) {
    const rows = rowsOf(spec);
    const { text, flat } = specOf(rows);
    assert.equal(text, spec);
    const check = nb.nn.checkSpec(text, 784, 10);
    const { status, spanError } = statusOf(flat, check);
    assert.equal(spanError, '', spec);
    const bad = status.map((s, i) => (s.error ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(bad, [row], `${spec}: ${check.error}`);
    assert.match(status[row].error, why);
  }
  // An emptied field: the engine's syntax error lands on its row.
  const rows = [newRow('conv'), newRow('flatten'), newRow('linear')];
  rows[0].args.channels = '';
  const { text, flat } = specOf(rows);
  assert.equal(text, 'conv(,3)-flatten-linear(10)');
  const { status } = statusOf(flat, nb.nn.checkSpec(text, 784, 10));
  assert.match(status[0].error, /empty argument/);
  // A layer the editor has no row for is kept as written, and the engine names it.
  const odd = rowsOf('conv(8,5)-swish-flatten-linear(10)');
  assert.deepEqual(odd[1], { kind: 'raw', text: 'swish' });
  assert.match(statusOf(specOf(odd).flat, nb.nn.checkSpec(specOf(odd).text, 784, 10)).status[1].error, /unknown layer 'swish'/);
});

test('the presets\' specs build the models they name: the MLPs are nb.nn.mlp\'s, weight for weight', () => {
  for (const [id, hidden] of [['mlp128', [128]], ['mlp256', [256, 128]]]) {
    nb.manualSeed(7);
    const a = nb.nn.mlp({ inputs: 784, hidden, outputs: 10, activation: 'relu' });
    nb.manualSeed(7);
    const b = nb.nn.fromSpec(PRESETS[id].spec, 784, 10);
    const sa = a.stateDict(), sb = b.stateDict();
    assert.deepEqual([...sb.keys()], [...sa.keys()]);
    for (const [name, { data }] of sa) assert.deepEqual(sb.get(name).data, data, `${id} ${name}`);
    a.dispose();
    b.dispose();
  }
  nb.manualSeed(7);
  const c = nb.nn.fromSpec('convnet', 784, 10);
  nb.manualSeed(7);
  const d = nb.nn.fromSpec(PRESETS.convnet.spec, 784, 10);
  for (const [name, { data }] of c.stateDict()) assert.deepEqual(d.stateDict().get(name).data, data, name);
  c.dispose();
  d.dispose();
  assert.equal(presetOf(PRESETS.convnet.spec), 'convnet');
  assert.equal(presetOf('conv(4,5)-flatten-linear(10)'), 'custom');
});

test('the address keeps the spec readable and gives it back', () => {
  const spec = 'conv(8,3,pad=1)-res(conv(8,3,pad=1)-relu)-flatten-linear(10,dropconnect=0.5)';
  const hash = hashOfSpec(spec);
  assert.equal(hash, '#spec=conv(8,3,pad=1)-res(conv(8,3,pad=1)-relu)-flatten-linear(10,dropconnect=0.5)');
  assert.equal(specOfHash(hash), spec);
  assert.equal(specOfHash(hashOfSpec('linear(10) # odd&')), 'linear(10) # odd&');
  assert.equal(specOfHash('#other=1'), null);
});

test('per-layer gradient norms pool their parameters; the hint names vanishing and exploding layers', () => {
  assert.deepEqual(layerNorms(['1.weight', '1.bias', '4.block.0.weight'], [3, 4, 2]), [{ layer: '1', norm: 5 }, { layer: '4', norm: 2 }]);
  assert.equal(gradientHint([{ label: 'a', norm: 0.5 }, { label: 'b', norm: 0.01 }]), null);
  const vanish = gradientHint([{ label: 'a', norm: 0.5 }, { label: 'b', norm: 0.5 * GRAD_LIMITS.vanishRatio * 0.9 }]);
  assert.equal(vanish.kind, 'vanishing');
  assert.deepEqual(vanish.layers, ['b']);
  assert.equal(gradientHint([{ label: 'a', norm: GRAD_LIMITS.vanish / 2 }]).kind, 'vanishing');
  const explode = gradientHint([{ label: 'a', norm: GRAD_LIMITS.explode * 2 }, { label: 'b', norm: Number.NaN }]);
  assert.equal(explode.kind, 'exploding');
  assert.deepEqual(explode.layers, ['a', 'b']);
});
