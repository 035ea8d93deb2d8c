// Evaluation: which backend calls a program makes, leaves and names, and errors placed at the right node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, evaluate, ExprError, FUNCTIONS } from '../../../web/src/lib/expr/index.js';
import { errorTests } from './errorCases.js';

// Records every backend call and returns ids, so tests can check exactly what the evaluator asked for.
function recordingBackend() {
  const calls = [];
  const log = (...entry) => { calls.push(entry); return `v${calls.length}`; };
  return {
    calls,
    constant: (values, shape, options) => log('constant', values, shape, options),
    unary: (op, a) => log('unary', op, a),
    binary: (op, a, b) => log('binary', op, a, b),
    call: (op, args) => log('call', op, args),
    name: (value, name) => { calls.push(['name', value, name]); },
  };
}
const run = (src) => {
  const backend = recordingBackend();
  const result = evaluate(parse(src), backend);
  return { ...result, calls: backend.calls };
};

test('AssignedLiteralsBecomeNamedLeavesThatRequireGrad', () => {
  const { calls, variables } = run('a = -1.5\nw = [[1, 2], [3, 4]]');
  assert.deepEqual(calls, [
    ['constant', [-1.5], [], { name: 'a', requiresGrad: true }],
    ['constant', [1, 2, 3, 4], [2, 2], { name: 'w', requiresGrad: true }],
  ]);
  assert.deepEqual([...variables], [['a', 'v1'], ['w', 'v2']]);
});

test('LiteralsInsideExpressionsAreUnnamedConstants', () => {
  const { calls, value } = run('a = 2; a * -3');
  assert.deepEqual(calls.slice(1), [
    ['constant', [-3], [], { requiresGrad: false }], // a signed literal folds into one constant
    ['binary', 'mul', 'v1', 'v2'],
  ]);
  assert.equal(value, 'v3');
});

test('ComputedAssignmentsNameTheirValueAndAliasesDoNot', () => {
  const { calls, variables } = run('a = 1; b = -a; c = b; d = +c; b = b + c');
  assert.deepEqual(calls.filter((c) => c[0] !== 'constant'), [
    ['unary', 'neg', 'v1'], ['name', 'v2', 'b'], ['binary', 'add', 'v2', 'v2'], ['name', 'v4', 'b'],
  ]); // ids count every logged call, so the add is v4
  assert.deepEqual([...variables], [['a', 'v1'], ['b', 'v4'], ['c', 'v2'], ['d', 'v2']]);
});

test('ProgramValueIsTheLastStatement', () => {
  assert.equal(run('a = 1; b = 2').value, 'v2');
  assert.equal(run('a = 1; a').value, 'v1');
});

test('FunctionsReachTheBackendByCanonicalNameWithDefaults', () => {
  const { calls } = run('x = 1\nlogsoftmax(x); log_softmax(x); leaky_relu(x); leaky_relu(x, -0.2); clamp(x, -1, 1)');
  assert.deepEqual(calls.slice(1), [
    ['call', 'log_softmax', ['v1']], ['call', 'log_softmax', ['v1']],
    ['call', 'leaky_relu', ['v1', 0.01]], ['call', 'leaky_relu', ['v1', -0.2]], ['call', 'clamp', ['v1', -1, 1]],
  ]);
});

test('FunctionTableListsTheRequiredFunctionsWithArities', () => {
  const arity = (name) => [FUNCTIONS[name].minArgs, FUNCTIONS[name].maxArgs];
  for (const name of ['tanh', 'relu', 'sigmoid', 'exp', 'log', 'sqrt', 'abs', 'sum', 'mean', 'max', 'softmax',
    'logsoftmax', 'log_softmax', 'transpose', 'gelu', 'softplus']) assert.deepEqual(arity(name), [1, 1], name);
  assert.deepEqual(arity('matmul'), [2, 2]);
  assert.deepEqual(arity('pow'), [2, 2]);
  assert.deepEqual(arity('leaky_relu'), [1, 2]);
  assert.deepEqual(arity('clamp'), [3, 3]);
});

errorTests((src) => evaluate(parse(src), recordingBackend()), {
  UnknownVariableIsReportedAtTheIdentifier: [['a = 1\nb = a + c', 2, 9, "unknown variable 'c'"]],
  UnknownFunctionIsReportedAtItsName: [
    ['a = 1\nb = 2 * foo(a)', 2, 9, `unknown function 'foo'; expected one of ${Object.keys(FUNCTIONS).join(', ')}`],
  ],
  WrongArityIsReportedAtTheCall: [
    ['a = 1\nb = 1 + tanh(a, a)', 2, 9, 'tanh() expects 1 argument but found 2'],
    ['a = 1; matmul(a)', 1, 8, 'matmul() expects 2 arguments but found 1'],
    ['a = 1; leaky_relu()', 1, 8, 'leaky_relu() expects 1 to 2 arguments but found 0'],
  ],
  NumberParametersMustBeLiterals: [
    ['a = 1; clamp(a, a, 2)', 1, 17, "expected a number for clamp()'s 'lo' argument but found 'a'"],
    ['a = 1; leaky_relu(a, [1])', 1, 22, "expected a number for leaky_relu()'s 'slope' argument but found a tensor"],
  ],
});

test('BackendErrorsArePlacedAtTheFailingNode', () => {
  const backend = { ...recordingBackend(), binary: () => { throw new Error('shapes [2] and [3] differ'); } };
  assert.throws(() => evaluate(parse('a = [1, 2]\nb = [1, 2, 3]\nc = a  +  b'), backend),
    (e) => e instanceof ExprError && e.line === 3 && e.column === 8 && e.reason === 'shapes [2] and [3] differ' &&
      e.cause.message === 'shapes [2] and [3] differ');
});

test('NameIsOptionalOnTheBackend', () => {
  const backend = recordingBackend();
  delete backend.name;
  assert.equal(evaluate(parse('a = 1; b = a + a'), backend).value, 'v2');
});
