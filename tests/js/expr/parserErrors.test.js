// Syntax errors: each names what was expected and what was found, at an exact line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, ExprError } from '../../../web/src/lib/expr/index.js';

function assertError(src, line, column, reason) {
  assert.throws(() => parse(src), (e) => {
    assert.ok(e instanceof ExprError);
    assert.deepEqual([e.line, e.column, e.message], [line, column, `line ${line}, column ${column}: ${reason}`]);
    return true;
  });
}

test('MissingCloseParenReportsWhatWasFound', () => {
  assertError('a = 1\nb = (a + 2; c', 2, 11, "expected ')' but found ';'");
});

test('UnterminatedBracketsAtEndOfInputNameTheirOpener', () => {
  assertError('x = [1, 2', 1, 10, "expected ']' to close '[' at line 1, column 5 but found end of input");
  assertError('y = f(1,\n 2', 2, 3, "expected ')' to close '(' at line 1, column 6 but found end of input");
  assertError('z = (1 + 2', 1, 11, "expected ')' to close '(' at line 1, column 5 but found end of input");
});

test('MissingOperandIsAnError', () => {
  assertError('a = 1 +\nb', 1, 8, 'expected an expression but found end of line');
  assertError('a = * 2', 1, 5, "expected an expression but found '*'");
});

test('TwoExpressionsWithoutSeparatorAreAnError', () => {
  assertError('a = 1 2', 1, 7, "expected ';' or end of line but found '2'");
  assertError('1 = 2', 1, 3, "expected ';' or end of line but found '='");
});

test('EmptyProgramIsAnError', () => {
  assertError('', 1, 1, 'expected an expression but found end of input (the program is empty)');
  assertError('# only a comment\n;\n', 3, 1, 'expected an expression but found end of input (the program is empty)');
});

test('RaggedTensorRowLengthIsReportedAtTheRow', () => {
  assertError('t = [[1, 2], [3]]', 1, 14, 'ragged tensor literal: expected 2 elements but found 1');
  assertError('[[1], [2], [3, 4]]', 1, 12, 'ragged tensor literal: expected 1 element but found 2');
});

test('RaggedTensorDepthIsReportedAtTheElement', () => {
  assertError('[1, [2]]', 1, 5, "ragged tensor literal: expected a number but found '['");
  assertError('[[1, 2], 3]', 1, 10, "ragged tensor literal: expected '[' but found '3'");
});

test('TensorElementsMustBeNumbers', () => {
  assertError('[]', 1, 2, "expected a number or '[' in tensor literal but found ']'");
  assertError('[1, a]', 1, 5, "expected a number or '[' in tensor literal but found 'a'");
  assertError('[1, -a]', 1, 6, "expected a number in tensor literal but found 'a'");
});
