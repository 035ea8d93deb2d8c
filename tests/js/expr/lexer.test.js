// Tokenising: number forms, names, operators, comments, and where newlines separate statements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, ExprError } from '../../../web/src/lib/expr/index.js';

const kinds = (src) => tokenize(src).map((t) => (t.type === 'punct' ? t.text : t.type));

test('NumbersInAllNotationsAreReadAsOneToken', () => {
  const numbers = tokenize('1 2.5 .5 3. 1e3 2.5E-2 7e+1').filter((t) => t.type === 'number');
  assert.deepEqual(numbers.map((t) => t.value), [1, 2.5, 0.5, 3, 1000, 0.025, 70]);
});

test('PowerIsOneTokenAndOperatorsArePunctuation', () => {
  assert.deepEqual(kinds('a**b*c=(x,[y]);z'),
    ['name', '**', 'name', '*', 'name', '=', '(', 'name', ',', '[', 'name', ']', ')', ';', 'name', 'eof']);
});

test('TokensCarryOneBasedLineAndColumn', () => {
  const [a, eq, num, nl, b] = tokenize('a = 12\n  b');
  assert.deepEqual([a, eq, num, nl, b].map((t) => [t.text, t.line, t.column]),
    [['a', 1, 1], ['=', 1, 3], ['12', 1, 5], ['\n', 1, 7], ['b', 2, 3]]);
});

test('CommentsRunToEndOfLine', () => {
  assert.deepEqual(kinds('a # b + c\nd'), ['name', 'newline', 'name', 'eof']);
});

test('NewlinesInsideBracketsDoNotSeparateStatements', () => {
  assert.deepEqual(kinds('f(1,\n 2)\n[3,\n4]'), ['name', '(', 'number', ',', 'number', ')', 'newline',
    '[', 'number', ',', 'number', ']', 'eof']);
});

test('UnknownCharacterIsAnErrorAtItsPosition', () => {
  assert.throws(() => tokenize('a = 1\nb = 2 $ 3'), (e) => e instanceof ExprError && e.line === 2 &&
    e.column === 7 && e.message === "line 2, column 7: expected a number, name or operator but found '$'");
});

test('ExponentWithoutDigitsIsAnError', () => {
  assert.throws(() => tokenize('x = 1e+y'), { line: 1, column: 8,
    message: "line 1, column 8: expected a digit in the exponent of '1e+' but found 'y'" });
});
