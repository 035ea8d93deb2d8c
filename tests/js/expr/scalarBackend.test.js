// The scalar reference backend: micrograd's README example end to end, and every op against finite differences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, evaluate, scalarBackend } from '../../../web/src/lib/expr/index.js';
import { MICROGRAD_EXAMPLE } from '../../../web/src/lib/expr/examples.js';

const close = (actual, expected, tol, what) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} is not within ${tol} of ${expected}`);

test('MicrogradReadmeExampleMatchesValueAndGradients', () => {
  const src = MICROGRAD_EXAMPLE;
  const { value: g, variables } = evaluate(parse(src), scalarBackend);
  g.backward();
  close(g.data, 24.7041, 1e-4, 'g');
  close(variables.get('a').grad, 138.8338, 1e-4, 'dg/da');
  close(variables.get('b').grad, 645.5773, 1e-4, 'dg/db');
  assert.deepEqual([g.label, variables.get('a').label, variables.get('c').label], ['g', 'a', 'c']);
});

// d/dx of `expr` (in x, with y = 0.7 also a leaf) at x, by central differences, against backward().
function checkGradient(expr, x) {
  const valueAt = (xv) => evaluate(parse(`x = ${xv}; y = 0.7; ${expr}`), scalarBackend);
  const { value, variables } = valueAt(x);
  value.backward();
  const h = 1e-6;
  const numeric = (valueAt(x + h).value.data - valueAt(x - h).value.data) / (2 * h);
  close(variables.get('x').grad, numeric, 1e-5 * Math.max(1, Math.abs(numeric)), `d(${expr})/dx at ${x}`);
}

test('EveryScalarOpMatchesFiniteDifferences', () => {
  const exprs = ['x + y', 'x - y', 'x * y', 'x / y', 'y / x', 'x ** 3', 'y ** x', 'x ** y', '-x',
    'tanh(x)', 'relu(x)', 'sigmoid(x)', 'exp(x)', 'log(x)', 'sqrt(x)', 'abs(x)', 'sum(x)', 'mean(x)', 'max(x)',
    'transpose(x)', 'pow(x, y)', 'gelu(x)', 'softplus(x)', 'leaky_relu(x)', 'leaky_relu(x, 0.3)',
    'clamp(x, 0, 2)', 'x * tanh(x) + exp(-x) / (1 + x**2)'];
  for (const expr of exprs) for (const x of [0.3, 1.7]) checkGradient(expr, x);
  for (const expr of ['relu(x)', 'abs(x)', 'leaky_relu(x, 0.3)', 'clamp(x, -1, 2)']) checkGradient(expr, -0.4);
});

test('ConstantExponentOfNegativeBaseHasFiniteGradient', () => {
  const { value, variables } = evaluate(parse('a = -3; b = a ** 2'), scalarBackend);
  value.backward();
  assert.equal(variables.get('a').grad, -6);
});

test('TensorsAreRejectedWithThePositionOfTheLiteral', () => {
  assert.throws(() => evaluate(parse('a = 1\nb = a + [1, 2]'), scalarBackend),
    { line: 2, column: 9, message: 'line 2, column 9: the scalar backend has no tensors (got shape [2])' });
});
