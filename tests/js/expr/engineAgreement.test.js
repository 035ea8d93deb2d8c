// The nabla backend against the scalar reference: the same programs give the same values and the same leaf
// gradients on the engine (WASM) as in plain JS, and engine errors come back at the program position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNabla } from 'nabla';
import { parse, evaluate, scalarBackend, ExprError } from '../../../web/src/lib/expr/index.js';
import { createNablaBackend } from '../../../web/src/lib/expr/nablaBackend.js';
import { MICROGRAD_EXAMPLE } from '../../../web/src/lib/expr/examples.js';

const nb = await loadNabla();

// micrograd's README example; PyTorch gives g = 24.7041, dg/da = 138.8338, dg/db = 645.5773.
const MICROGRAD = MICROGRAD_EXAMPLE;

const PROGRAMS = [
  MICROGRAD,
  'a = 1.5; b = -4; c = a**3 / 5; d = c + relu(b**2)',
  'x = 0.7; y = tanh(x) * exp(-x) + log(x + 2) - sqrt(x)',
  'x = -1.3; y = sin(x) * cos(x) ** 2 + cos(sin(x * 2))',
  'x = -0.3; w = 2.5; y = sigmoid(w * x) + softplus(x) * abs(x - 1) + leaky_relu(x, 0.1)',
  'x = 1.2; p = 0.8; y = x ** p + pow(x, 3) - 2 / (x * p)',
  'x = 0.4; y = clamp(x * 3, -1, 1) + clamp(x, -1, 1) + sum(x) * mean(x) + max(x) + transpose(x)',
  'a = 2; b = a; b = b * b; c = b + a; c = c * c', // aliases and reassignment
];

function leafGradsScalar(program) {
  const { value, variables } = evaluate(parse(program), scalarBackend);
  value.backward();
  const leaves = [...variables].filter(([, v]) => v.inputs.length === 0 && v.requiresGrad);
  return { value: value.data, grads: new Map(leaves.map(([name, v]) => [name, v.grad])) };
}

function leafGradsNabla(program) {
  const backend = createNablaBackend(nb);
  try {
    const { value, variables } = evaluate(parse(program), backend);
    value.backward();
    const leaves = [...variables].filter(([, t]) => t.isLeaf && t.requiresGrad);
    return { value: value.item(), grads: new Map(leaves.map(([name, t]) => [name, t.grad.item()])) };
  } finally {
    backend.dispose();
  }
}

const close = (actual, expected, what) => {
  const tol = 1e-4 * Math.max(1, Math.abs(expected)); // float32 engine against float64 reference
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: engine ${actual}, reference ${expected}`);
};

for (const program of PROGRAMS) {
  test(`EngineValueAndLeafGradientsMatchTheScalarReference: ${program.split('\n')[0]}`, () => {
    const want = leafGradsScalar(program), got = leafGradsNabla(program);
    close(got.value, want.value, 'value');
    assert.deepEqual([...got.grads.keys()], [...want.grads.keys()]);
    for (const [name, g] of want.grads) close(got.grads.get(name), g, `d/d${name}`);
  });
}

test('MicrogradExampleGivesPyTorchsGradients', () => {
  const { value, grads } = leafGradsNabla(MICROGRAD);
  assert.ok(Math.abs(value - 24.7041) < 1e-3, `g = ${value}`);
  assert.ok(Math.abs(grads.get('a') - 138.8338) < 1e-2, `dg/da = ${grads.get('a')}`);
  assert.ok(Math.abs(grads.get('b') - 645.5773) < 1e-2, `dg/db = ${grads.get('b')}`);
});

test('TensorProgramsGetMatmulGradientsFromTheEngine', () => {
  // y = sum(tanh(W x)): dy/dW[i][j] = (1 - tanh(z_i)^2) x_j with z = W x
  const backend = createNablaBackend(nb);
  try {
    const { value, variables } = evaluate(parse('W = [[0.5, -1], [2, 0.25]]\nx = [[1], [-2]]\ny = sum(tanh(matmul(W, x)))'), backend);
    value.backward();
    const W = [[0.5, -1], [2, 0.25]], x = [1, -2];
    const z = W.map((row) => row[0] * x[0] + row[1] * x[1]);
    close(value.item(), Math.tanh(z[0]) + Math.tanh(z[1]), 'y');
    const dW = variables.get('W').grad.toArray();
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) close(dW[i][j], (1 - Math.tanh(z[i]) ** 2) * x[j], `dW[${i}][${j}]`);
    assert.deepEqual(variables.get('x').grad.shape, [2, 1]);
  } finally {
    backend.dispose();
  }
});

test('EngineShapeErrorsComeBackAtTheOperatorPosition', () => {
  const backend = createNablaBackend(nb);
  try {
    assert.throws(() => evaluate(parse('a = [1, 2]\nb = [1, 2, 3]\nc = a + b'), backend), (e) =>
      e instanceof ExprError && e.line === 3 && e.column === 7 && /add/.test(e.message) && /\[2\]/.test(e.message));
    assert.throws(() => evaluate(parse('m = [[1, 2]]\nmatmul(m, m)'), backend), (e) =>
      e instanceof ExprError && e.line === 2 && e.column === 1 && /matmul/.test(e.message));
  } finally {
    backend.dispose();
  }
  assert.equal(backend.tensors.length, 0);
});

test('DisposeFreesEveryTensorTheProgramMade', () => {
  const before = nb.liveTensors();
  const backend = createNablaBackend(nb);
  const { value } = evaluate(parse(MICROGRAD), backend);
  value.backward();
  assert.ok(nb.liveTensors() > before);
  backend.dispose();
  assert.equal(nb.liveTensors(), before);
});
