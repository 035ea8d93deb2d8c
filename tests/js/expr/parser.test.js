// Parsing: precedence, associativity and node positions. Structure is checked by evaluating on a backend that
// prints fully parenthesised expressions; values by the scalar backend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, evaluate, scalarBackend } from '../../../web/src/lib/expr/index.js';

const printBackend = {
  constant: (values, shape, { name }) => name ?? (shape.length ? `[${values}]` : String(values[0])),
  unary: (op, a) => `(-${a})`,
  binary: (op, a, b) => `(${a} ${op} ${b})`,
  call: (op, args) => `${op}(${args.join(', ')})`,
};
const show = (src) => evaluate(parse(src), printBackend).value;
const valueOf = (src) => evaluate(parse(src), scalarBackend).value.data;

test('ProductsBindTighterThanSums', () => {
  assert.equal(show('2+3*4'), '(2 add (3 mul 4))');
  assert.equal(valueOf('2+3*4'), 14);
  assert.equal(valueOf('(1+2)*3'), 9);
});

test('SubtractionAndDivisionAreLeftAssociative', () => {
  assert.equal(show('8-4-2'), '((8 sub 4) sub 2)');
  assert.equal(valueOf('8/4/2'), 1);
});

test('PowerIsRightAssociative', () => {
  assert.equal(show('2**3**2'), '(2 pow (3 pow 2))');
  assert.equal(valueOf('2**3**2'), 512);
});

test('PowerBindsTighterThanUnaryMinusOnItsLeft', () => {
  assert.equal(valueOf('-2**2'), -4);
  assert.equal(valueOf('(-2)**2'), 4);
  assert.equal(valueOf('2**-1'), 0.5);
  assert.equal(valueOf('x = 3; -x**2'), -9);
  assert.equal(valueOf('x = 3; - -x'), 3);
});

test('CallsTakeExpressionsAsArguments', () => {
  assert.equal(show('a = 1; b = 2; matmul(a + b, b)'), 'matmul((a add b), b)');
});

test('TensorLiteralsAreFlatRowMajorWithShape', () => {
  const [node] = parse('[[1, -2], [3, 4e1]]').body;
  assert.deepEqual([node.type, node.values, node.shape], ['Tensor', [1, -2, 3, 40], [2, 2]]);
  assert.deepEqual(parse('[1, 2, 3]').body[0].shape, [3]);
  assert.deepEqual(parse('[[[1], [2]]]').body[0].shape, [1, 2, 1]);
});

test('StatementsAreSeparatedBySemicolonsAndNewlines', () => {
  const program = parse('\n# setup\na = 1;; b = 2\n\nc = a + b  # sum\n');
  assert.deepEqual(program.body.map((s) => s.name), ['a', 'b', 'c']);
  assert.equal(valueOf('a = 1; b = 2\nc = a + b'), 3);
});

test('EveryNodeHasItsSourcePosition', () => {
  const [assign] = parse('\n  y = -x * f(2, [3])').body;
  const at = (n) => [n.type, n.line, n.column];
  assert.deepEqual(at(assign), ['Assign', 2, 3]);
  const mul = assign.value; // Binary nodes sit at their operator
  assert.deepEqual(at(mul), ['Binary', 2, 10]);
  assert.deepEqual(at(mul.left), ['Unary', 2, 7]);
  assert.deepEqual(at(mul.left.operand), ['Identifier', 2, 8]);
  assert.deepEqual(at(mul.right), ['Call', 2, 12]);
  assert.deepEqual(at(mul.right.callee), ['Identifier', 2, 12]);
  assert.deepEqual(mul.right.args.map(at), [['Number', 2, 14], ['Tensor', 2, 17]]);
});
