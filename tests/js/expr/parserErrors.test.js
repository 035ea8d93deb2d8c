// Syntax errors: each names what was expected and what was found, at an exact line and column.
import { parse } from '../../../web/src/lib/expr/index.js';
import { errorTests } from './errorCases.js';

errorTests(parse, {
  MissingCloseParenReportsWhatWasFound: [
    ['a = 1\nb = (a + 2; c', 2, 11, "expected ')' but found ';'"],
  ],
  UnterminatedBracketsAtEndOfInputNameTheirOpener: [
    ['x = [1, 2', 1, 10, "expected ']' to close '[' at line 1, column 5 but found end of input"],
    ['y = f(1,\n 2', 2, 3, "expected ')' to close '(' at line 1, column 6 but found end of input"],
    ['z = (1 + 2', 1, 11, "expected ')' to close '(' at line 1, column 5 but found end of input"],
  ],
  MissingOperandIsAnError: [
    ['a = 1 +\nb', 1, 8, 'expected an expression but found end of line'],
    ['a = * 2', 1, 5, "expected an expression but found '*'"],
  ],
  TwoExpressionsWithoutSeparatorAreAnError: [
    ['a = 1 2', 1, 7, "expected ';' or end of line but found '2'"],
    ['1 = 2', 1, 3, "expected ';' or end of line but found '='"],
  ],
  EmptyProgramIsAnError: [
    ['', 1, 1, 'expected an expression but found end of input (the program is empty)'],
    ['# only a comment\n;\n', 3, 1, 'expected an expression but found end of input (the program is empty)'],
  ],
  RaggedTensorRowLengthIsReportedAtTheRow: [
    ['t = [[1, 2], [3]]', 1, 14, 'ragged tensor literal: expected 2 elements but found 1'],
    ['[[1], [2], [3, 4]]', 1, 12, 'ragged tensor literal: expected 1 element but found 2'],
  ],
  RaggedTensorDepthIsReportedAtTheElement: [
    ['[1, [2]]', 1, 5, "ragged tensor literal: expected a number but found '['"],
    ['[[1, 2], 3]', 1, 10, "ragged tensor literal: expected '[' but found '3'"],
  ],
  TensorElementsMustBeNumbers: [
    ['[]', 1, 2, "expected a number or '[' in tensor literal but found ']'"],
    ['[1, a]', 1, 5, "expected a number or '[' in tensor literal but found 'a'"],
    ['[1, -a]', 1, 6, "expected a number in tensor literal but found 'a'"],
  ],
});
