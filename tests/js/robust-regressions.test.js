// Replays every saved fuzz input of the JavaScript parsers (tests/fuzz/regressions/{csv,state,expr}/) under the
// same contract as the fuzzer (tests/fuzz/js/targets.mjs): accepted and well formed, or the documented error,
// within 100 ms. Each file is an input that once broke that contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TARGETS } from '../fuzz/js/targets.mjs';
import { parse, ExprError } from '../../web/src/lib/expr/index.js';
import { MAX_DEPTH } from '../../web/src/lib/expr/parser.js';
import { decodeState, fromBase64Url } from '../../web/src/lib/playground/state.js';

const dir = new URL('../fuzz/regressions/', import.meta.url);

for (const name of ['csv', 'state', 'expr']) {
  // git keeps no empty folders: a target with no saved inputs yet has no folder in a fresh clone.
  const folder = new URL(`${name}/`, dir);
  const files = existsSync(folder) ? readdirSync(folder).filter((f) => !f.startsWith('.')) : [];
  for (const file of files) {
    test(`FuzzRegression_${name}_${file}_KeepsItsContract`, () => {
      const input = readFileSync(new URL(`${name}/${file}`, dir), 'utf8');
      const t0 = performance.now();
      try {
        TARGETS[name].run(input);
      } catch (err) {
        assert.ok(TARGETS[name].expected(err), `unexpected ${err.constructor.name}: ${err.message}`);
      }
      assert.ok(performance.now() - t0 < 1000, 'took more than a second');
    });
  }
}

test('DeeplyNestedExpressionsAreAnExprErrorNotAStackOverflow', () => {
  for (const src of ['('.repeat(5000) + '1', '-'.repeat(5000) + '1', '['.repeat(5000), 'tanh('.repeat(5000), '1' + '+1'.repeat(20000)]) {
    assert.throws(() => parse(src), (e) => e instanceof ExprError && e.reason === `expression nested deeper than ${MAX_DEPTH} levels`);
  }
  assert.equal(parse('('.repeat(MAX_DEPTH) + '1' + ')'.repeat(MAX_DEPTH)).body.length, 1);
});

test('TruncatedBase64InALinkIsNamedNotADomException', () => {
  assert.throws(() => fromBase64Url('AAAAA'), (e) => e.constructor === Error && /5 characters cannot hold whole bytes/.test(e.message));
  const { errors } = decodeState('pts=AAAAA');
  assert.deepEqual(errors, ['pts: not base64url text: 5 characters cannot hold whole bytes (cut off?)']);
});
