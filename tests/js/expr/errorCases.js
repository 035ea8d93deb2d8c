// Error tests of the expression language as tables: one test per name, each case [source, line, column,
// reason]; the error must be an ExprError at exactly that place with exactly that message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExprError } from '../../../web/src/lib/expr/index.js';

/** Registers a test per entry of `cases` ({ TestName: [[source, line, column, reason], ...] }); run(source) must throw. */
export function errorTests(run, cases) {
  for (const [name, list] of Object.entries(cases)) {
    test(name, () => {
      for (const [src, line, column, reason] of list) {
        assert.throws(() => run(src), (e) => {
          assert.ok(e instanceof ExprError);
          assert.deepEqual([e.line, e.column, e.message], [line, column, `line ${line}, column ${column}: ${reason}`]);
          return true;
        });
      }
    });
  }
}
