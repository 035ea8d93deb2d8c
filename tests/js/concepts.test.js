// The concept pages' formulas against the engine: each page's formula table (web/src/lib/concepts/formulas/)
// holds the TeX the page shows and a JS transcription of it; here the transcription is evaluated at sample
// points and compared with the engine's op, loss or optimizer step, so the text cannot drift from the code.
// Every TeX string also goes through KaTeX (throwOnError), and every data-formula on a page names an entry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, readFileSync } from 'node:fs';
import katex from 'katex';
import { loadNabla } from 'nabla';
import { ACTIVATIONS, FORMULAS as ACTIVATION_FORMULAS } from '../../web/src/lib/concepts/formulas/activations.js';
import { LOSSES, FORMULAS as LOSS_FORMULAS } from '../../web/src/lib/concepts/formulas/losses.js';
import { OPTIMIZERS, FORMULAS as OPTIMIZER_FORMULAS } from '../../web/src/lib/concepts/formulas/optimizers.js';
import { BACKPROP, EXAMPLE, exampleGradients, FORMULAS as BACKPROP_FORMULAS } from '../../web/src/lib/concepts/formulas/backprop.js';
import { INITS, VARIANCE, FORMULAS as INIT_FORMULAS } from '../../web/src/lib/concepts/formulas/initializers.js';
import { PENALTIES, FORMULAS as REG_FORMULAS } from '../../web/src/lib/concepts/formulas/regularization.js';
import { BATCHNORM, FORMULAS as BATCHNORM_FORMULAS } from '../../web/src/lib/concepts/formulas/batchnorm.js';
import { DROPOUT, FORMULAS as DROPOUT_FORMULAS } from '../../web/src/lib/concepts/formulas/dropout.js';
import { CONCEPTS } from '../../web/src/lib/concepts/catalog.js';
import { addPageHead } from '../../web/pageHead.js';

const nb = await loadNabla();
const TABLES = { activations: ACTIVATION_FORMULAS, losses: LOSS_FORMULAS, optimizers: OPTIMIZER_FORMULAS, backprop: BACKPROP_FORMULAS, initializers: INIT_FORMULAS, regularization: REG_FORMULAS, batchnorm: BATCHNORM_FORMULAS, 'dropout-dropconnect': DROPOUT_FORMULAS };

const close = (actual, expected, tol, what) => {
  const err = Math.abs(actual - expected);
  assert.ok(err <= tol * Math.max(1, Math.abs(expected)), `${what}: engine ${actual} vs formula ${expected} (|diff| ${err})`);
};
const closeArrays = (actual, expected, tol, what) => {
  const a = actual.flat(Infinity), e = expected.flat(Infinity);
  assert.equal(a.length, e.length, `${what}: sizes`);
  a.forEach((v, i) => close(v, e[i], tol, `${what}[${i}]`));
};

// Sample points away from the kinks (0 for ReLU-like functions), where the derivative is defined.
const XS = [-3.7, -1.3, -0.4, -0.05, 0.07, 0.6, 1.9, 4.2];

for (const [id, a] of Object.entries(ACTIVATIONS)) {
  test(`ActivationFormula_${id}_MatchesTheEngineOpAndItsGradient`, () => {
    nb.tidy(() => {
      const p = a.param?.value;
      const x = nb.tensor(XS);
      const y = a.op(x, p).data();
      const dy = nb.grad((t) => a.op(t, p).sum())(x).data();
      XS.forEach((v, i) => {
        close(y[i], a.f(v, p), 1e-5, `${id}(${v})`);
        close(dy[i], a.df(v, p), 1e-5, `${id}'(${v})`);
      });
    });
  });
}

// A random batch: N = 4 rows of K = 3 logits, labels, and targets in [0, 1].
function batch(seed) {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const z = Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => 3 * rnd()));
  return { z, y: [0, 2, 1, 2], flat: z.map((r) => r[0]), t: z.map((r) => (r[1] / 3 + 1) / 2) };
}

for (const [id, l] of Object.entries(LOSSES)) {
  test(`LossFormula_${id}_MatchesTheEngineInValueAndGradient`, () => {
    for (const seed of [1, 2, 3]) {
      const b = batch(seed);
      const args = ['mse', 'bce'].includes(id) ? { z: b.flat, t: b.t } : { z: b.z, y: b.y, margin: 0.8 };
      nb.tidy(() => {
        const input = nb.tensor(args.z, { requiresGrad: true });
        const out = l.engine(nb, args, input);
        const expected = l.value(args);
        if (Array.isArray(expected)) closeArrays(out.toArray(), expected, 1e-5, id);
        else close(out.item(), expected, 1e-5, id);
        if (l.grad) {
          out.backward();
          closeArrays(input.grad.toArray(), l.grad(args), 1e-5, `d${id}`);
        }
      });
    }
  });
}

test('EveryFormulaIsValidTeXAndEveryPageFormulaHasAnEntry', () => {
  for (const [page, table] of Object.entries(TABLES)) {
    for (const [id, { tex }] of Object.entries(table)) assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true }), `${page}.${id}`);
    const html = readFileSync(new URL(`../../web/docs/concepts/${page}.html`, import.meta.url), 'utf8');
    const used = [...html.matchAll(/data-formula="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(used.filter((f) => !table[f]), [], `${page}.html names formulas its table lacks`);
    assert.deepEqual(Object.keys(table).filter((f) => !used.includes(f)), [], `${page}.html does not show every formula of its table`);
    for (const m of html.matchAll(/data-tex>([^<]*)</g)) assert.doesNotThrow(() => katex.renderToString(m[1], { throwOnError: true }), `${page}: ${m[1]}`);
  }
  assert.ok(CONCEPTS.every((c) => c.id && c.title));
});

// The same loss in both: L(p) = sum_i c_i p_i^2 + p_0 p_1, whose gradient is 2 c p + (p_1, p_0, 0).
const C = [1.5, 0.4, 3];
const lossGrad = (p) => p.map((v, i) => 2 * C[i] * v + (i === 0 ? p[1] : i === 1 ? p[0] : 0));

for (const [id, o] of Object.entries(OPTIMIZERS)) {
  test(`OptimizerFormula_${id}_MatchesTheEngineStepForStep`, () => {
    const h = { lr: 0.05, ...o.defaults, ...(o.defaults.weightDecay !== undefined ? { weightDecay: 0.1 } : {}) };
    const p0 = [0.8, -1.3, 0.5];
    const js = [...p0], state = {};
    const param = nb.tensor(p0, { requiresGrad: true });
    const opt = o.make(nb, [param], h);
    const c = nb.tensor(C);
    for (let step = 1; step <= 8; step++) {
      nb.tidy(() => {
        opt.zeroGrad();
        param.mul(param).mul(c).sum().add(param.slice(0, 0, 1).mul(param.slice(0, 1, 2)).sum()).backward();
        opt.step();
      });
      o.step(state, js, lossGrad(js), h);
      closeArrays([...param.data()], js, 2e-5, `${id} step ${step}`);
    }
    nb.dispose([param, c]);
    opt.dispose();
  });
}

test('EveryLinkOfAConceptPageLeadsToAFileOfTheSite', () => {
  for (const { id } of CONCEPTS) {
    const file = new URL(`../../web/docs/concepts/${id}.html`, import.meta.url);
    const html = addPageHead(readFileSync(file, 'utf8'), `docs/concepts/${id}.html`); // the page as served
    const targets = [...html.matchAll(/(?:href|src)="([^"#:]+)(?:#[^"]*)?"/g)].map((m) => m[1]);
    assert.ok(targets.length > 3, id);
    for (const t of targets) assert.ok(existsSync(new URL(t, file)), `${id}.html links ${t}, which does not exist`);
  }
});

for (const [id, f] of Object.entries(BACKPROP).filter(([, f]) => f.local)) {
  test(`LocalDerivative_${id}_IsTheEngineGradient`, () => {
    for (const [a, b] of [[1.7, -0.6], [-2.2, 1.3], [0.4, 2.5]]) {
      const args = f.op.length === 1 ? [Math.abs(a)] : [a, b];   // log needs a > 0; the rest do not mind
      const expected = f.local(...args);
      nb.tidy(() => {
        const ts = args.map((v) => nb.scalar(v, { requiresGrad: true }));
        f.op(...ts).backward();
        ts.forEach((t, i) => close(t.grad.item(), expected[i], 1e-5, `d${id}/d${'ab'[i]} at ${args}`));
      });
    }
  });
}

test('ChainRuleSumsOverTheExampleGraphGiveTheEngineBackward', () => {
  const html = readFileSync(new URL('../../web/docs/concepts/backprop.html', import.meta.url), 'utf8');
  assert.equal(/<nabla-graph data-example expr="([^"]*)"/.exec(html)?.[1], EXAMPLE.expr, 'the page steps through the example the formula describes');
  const want = exampleGradients(EXAMPLE);
  nb.tidy(() => {
    const a = nb.scalar(EXAMPLE.a, { requiresGrad: true }), b = nb.scalar(EXAMPLE.b, { requiresGrad: true });
    const c = a.add(b), d = a.mul(b).add(b.pow(3)), e = c.mul(d);
    e.backward();
    close(e.item(), want.e, 1e-6, 'e');
    close(a.grad.item(), want.da, 1e-6, 'de/da');
    close(b.grad.item(), want.db, 1e-6, 'de/db');
  });
});

const variance = (a) => { const m = a.reduce((s, v) => s + v, 0) / a.length; return a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length; };
const meanSquare = (a) => a.reduce((s, v) => s + v * v, 0) / a.length;

for (const [id, init] of Object.entries(INITS)) {
  test(`InitFormula_${id}_GivesTheStdOfTheWeightsTheFigureDraws`, () => {
    nb.manualSeed(3);
    const [fanIn, fanOut] = [300, 200];
    const w = init.sample(nb, fanIn, fanOut, init.param?.value);
    assert.deepEqual(w.shape, [fanOut, fanIn]);
    const std = Math.sqrt(variance([...w.data()]));
    const want = init.std(fanIn, fanOut, init.param?.value);
    assert.ok(Math.abs(std - want) <= 0.02 * want + 1e-9, `${id}: measured std ${std}, formula ${want}`);
    w.dispose();
  });
}

test('VarianceFormulasPredictTheEngineForwardAndBackward', () => {
  nb.manualSeed(4);
  const [n, fanIn, fanOut] = [2000, 256, 128];
  nb.tidy(() => {
    const x = nb.randn([n, fanIn]).mul(0.7);
    const w = INITS.he.sample(nb, fanIn, fanOut);
    const varW = variance([...w.data()]);
    const xg = x.detach();
    xg.requiresGrad = true;
    const y = nb.nn.functional.linear(xg, w);
    const ys = [...y.data()];
    const fwd = VARIANCE.forward.predict({ fanIn, varW, meanSquareX: meanSquare([...x.data()]) });
    close(variance(ys), fwd, 0.05, 'Var(y) = n_in Var(W) E[x^2]');
    close(meanSquare([...y.relu().data()]), VARIANCE.relu.predict({ varY: variance(ys) }), 0.05, 'E[relu(y)^2] = Var(y)/2');
    const upstream = nb.randn([n, fanOut]);
    y.backward(upstream);
    const bwd = VARIANCE.backward.predict({ fanOut, varW, varGradY: variance([...upstream.data()]) });
    close(variance([...xg.grad.data()]), bwd, 0.05, 'Var(dL/dx) = n_out Var(W) Var(dL/dy)');
  });
});

for (const [id, p] of Object.entries(PENALTIES).filter(([, p]) => p.engine)) {
  test(`PenaltyFormula_${id}_MatchesTheEnginePenaltyAndItsGradient`, () => {
    const w = [0.7, -1.2, 0.05, -0.3, 2.1, -0.01];
    nb.tidy(() => {
      const t = nb.tensor(w, [2, 3], { requiresGrad: true });
      const r = p.engine(nb, t, 0.3);
      close(r.item(), p.value(w, 0.3), 1e-6, id);
      r.backward();
      closeArrays([...t.grad.data()], p.grad(w, 0.3), 1e-6, `d${id}`);
    });
  });

  test(`TrainerRegularization_${id}_AddsThePenaltyGradientToEveryWeightMatrix`, () => {
    // Two trainers from the same weights on the same full batch, SGD with lr eta, one with the penalty: after
    // one step their weight matrices differ by -eta * the penalty's gradient at the old weights (biases alike).
    const { x, y, n } = nb.data.moons({ n: 64, noise: 0.1, seed: 2 });
    const [lr, lambda] = [0.1, 0.05];
    const run = (reg) => {
      nb.manualSeed(9);
      const model = nb.nn.mlp({ inputs: 2, hidden: [5], outputs: 2, activation: 'tanh' });
      const before = model.stateDict();
      const trainer = nb.trainer({ model, optimizer: 'sgd', optimizerOptions: { lr }, loss: 'crossEntropy', batchSize: n, regularization: reg, regularizationRate: lambda, seed: 1 });
      trainer.setData(x, y, n);
      trainer.step(1);
      const after = model.stateDict();
      trainer.dispose();
      model.dispose();
      return { before, after };
    };
    const plain = run('none'), reg = run(p.trainer);
    assert.equal(reg.before.size, 4);
    for (const [name, { shape, data }] of reg.before) {
      const w0 = [...data];
      const diff = [...reg.after.get(name).data].map((v, i) => v - plain.after.get(name).data[i]);
      const want = shape.length >= 2 ? p.grad(w0, lambda).map((g) => -lr * g) : w0.map(() => 0);
      closeArrays(diff, want, 1e-5, `${id} ${name}`);
    }
  });
}

test('SgdWeightDecayIsL2WithHalfTheRate', () => {
  const w = [0.6, -0.4, 1.1], g0 = [0.2, 0.1, -0.3];
  const [lr, lambda] = [0.1, 0.05];
  nb.tidy(() => {
    const t = nb.tensor(w, { requiresGrad: true });
    const opt = nb.optim.sgd([t], { lr, weightDecay: 2 * lambda });
    t.mul(nb.tensor(g0)).sum().backward();   // gradient g0
    opt.step();
    closeArrays([...t.data()], PENALTIES.sgdDecay.step(w, g0, { lr, lambda }), 1e-6, 'sgd weight decay');
    opt.dispose();
  });
});

test('BatchNormFormulasMatchTheEngineInTrainingAndEvalMode', () => {
  nb.manualSeed(11);
  const [m, features, momentum, eps] = [8, 3, 0.1, 1e-5];
  const gamma = [1.5, 0.5, -1], beta = [0.2, -0.3, 1];
  const bn = nb.nn.batchNorm1d(features, { momentum, eps });
  let runningMean = [0.4, -0.2, 1], runningVar = [2, 0.5, 1.5];
  const state = { weight: gamma, bias: beta, running_mean: runningMean, running_var: runningVar };
  bn.loadStateDict(Object.fromEntries(Object.entries(state).map(([k, v]) => [k, { shape: [features], data: v }])));
  const batches = [1, 2].map(() => nb.tidy(() => nb.randn([m, features]).mul(nb.tensor([3, 0.5, 1])).add(nb.tensor([2, -1, 0])).toArray()));
  for (const x of batches) {
    nb.tidy(() => {
      const y = bn.forward(nb.tensor(x)).toArray();
      closeArrays(y, BATCHNORM.normalize.train(x, { gamma, beta, eps }), 1e-4, 'batchnorm train');
      const next = BATCHNORM.running.update(x, { runningMean, runningVar, momentum });
      const s = bn.stateDict();
      closeArrays([...s.get('running_mean').data], next.map((r) => r.mean), 1e-5, 'running mean');
      closeArrays([...s.get('running_var').data], next.map((r) => r.var), 1e-5, 'running var');
      runningMean = next.map((r) => r.mean);
      runningVar = next.map((r) => r.var);
    });
  }
  bn.eval();
  nb.tidy(() => {
    const x = batches[0];
    closeArrays(bn.forward(nb.tensor(x)).toArray(), BATCHNORM.eval.evaluate(x, { gamma, beta, eps, runningMean, runningVar }), 1e-4, 'batchnorm eval');
  });
  bn.dispose();
});

test('DropoutFormulaIsTheEngineDropoutWithItsOwnMask', () => {
  const p = 0.3, n = 20000;
  nb.manualSeed(5);
  nb.tidy(() => {
    const xs = Array.from({ length: n }, (_, i) => 0.5 + (i % 7));
    const x = nb.tensor(xs, { requiresGrad: true });
    const y = nb.nn.functional.dropout(x, p, true);
    const ys = [...y.data()];
    const mask = ys.map((v) => (v === 0 ? 0 : 1));
    closeArrays(ys, DROPOUT.dropout.apply(xs, mask, p), 1e-6, 'dropout');
    const dropped = 1 - mask.reduce((s, m) => s + m, 0) / n;
    assert.ok(Math.abs(dropped - p) < 0.015, `dropped ${dropped} of the inputs, p = ${p}`);
    y.sum().backward();
    closeArrays([...x.grad.data()], mask.map((m) => m / (1 - p)), 1e-6, 'dropout gradient');
    assert.deepEqual([...nb.nn.functional.dropout(x, p, false).data()], [...x.data()], 'eval mode is the identity');
  });
});

test('DropConnectFormulaIsTheEngineLinearWithDropConnectWithItsOwnMask', () => {
  const [inputs, outputs, n, p] = [5, 4, 6, 0.4];
  nb.manualSeed(8);
  const layer = nb.nn.linear(inputs, outputs, { dropConnect: p });
  const state = layer.stateDict();
  const w = [...state.get('weight').data], b = [...state.get('bias').data];
  nb.tidy(() => {
    // one forward of a batch whose first rows are the unit vectors: those rows read the dropped weights back
    const eye = Array.from({ length: inputs }, (_, i) => Array.from({ length: inputs }, (__, j) => (i === j ? 1 : 0)));
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: inputs }, (__, j) => Math.sin(3 * i + j) * 2));
    const out = layer.forward(nb.tensor([...eye, ...rows])).toArray();
    const mask = w.map((_, k) => (out[k % inputs][Math.floor(k / inputs)] === b[Math.floor(k / inputs)] ? 0 : 1));
    const dropped = 1 - mask.reduce((s, m) => s + m, 0) / mask.length;
    assert.ok(dropped > 0 && dropped < 1, `a mask with something dropped and something kept (dropped ${dropped})`);
    mask.forEach((m, k) => {
      if (m) close(out[k % inputs][Math.floor(k / inputs)], w[k] / (1 - p) + b[Math.floor(k / inputs)], 1e-5, `kept weight ${k}`);
    });
    const expected = DROPOUT.dropconnect.apply({ x: rows.flat(), w, b, n, inputs, outputs }, mask, p);
    closeArrays(out.slice(inputs).flat(), expected, 1e-5, 'dropconnect');
    layer.eval();
    const evalOut = layer.forward(nb.tensor(rows)).toArray().flat();
    closeArrays(evalOut, DROPOUT.dropconnect.apply({ x: rows.flat(), w, b, n, inputs, outputs }, w.map(() => 1), 0), 1e-5, 'dropconnect eval');
  });
  layer.dispose();
});

test('BatchNorm2dFormulaNormalizesEachChannelOverBatchAndPlaneLikeTheEngine', () => {
  nb.manualSeed(12);
  const [n, c, hw, eps] = [3, 2, 4, 1e-5];
  const gamma = [0.7, 1.8], beta = [-0.4, 0.9];
  const bn = nb.nn.batchNorm2d(c, { eps });
  bn.loadStateDict({ weight: { shape: [c], data: gamma }, bias: { shape: [c], data: beta }, running_mean: { shape: [c], data: [0, 0] }, running_var: { shape: [c], data: [1, 1] } });
  nb.tidy(() => {
    const x = nb.randn([n, c, hw, hw]).mul(2).add(1).toArray();
    closeArrays(bn.forward(nb.tensor(x)).toArray(), BATCHNORM.channels.train(x, { gamma, beta, eps }), 1e-4, 'batchnorm2d train');
  });
  bn.dispose();
});
