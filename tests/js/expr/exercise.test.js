// <nabla-exercise>'s seeded expressions (web/src/lib/expr/exercise.js): reproducible, every difficulty and
// template runs on the engine with a finite gradient for the asked leaf, and answers are judged to 1%.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNabla } from 'nabla';
import { DIFFICULTIES, isCloseEnough, makeExercise } from '../../../web/src/lib/expr/exercise.js';
import { runProgram } from '../../../web/src/widgets/embed/programGraph.js';
import { checkProgram } from '../../../web/src/lib/expr/gradcheck.js';

const nb = await loadNabla();

test('exercises are seeded, cover every template, and the engine\'s leaf gradient agrees with finite differences', () => {
  assert.deepEqual(makeExercise(7, 2), makeExercise(7, 2));
  for (const d of DIFFICULTIES) {
    const sources = new Set();
    for (let seed = 0; seed < 40; seed++) {
      const ex = makeExercise(seed, d);
      sources.add(ex.source.split('\n').slice(2).join('\n'));
      const leaf = runProgram(nb, ex.source).nodes.find((n) => n.op === 'leaf' && n.name === ex.leaf);
      assert.ok(Number.isFinite(leaf.grad.head[0]), `${ex.source}: d/d${ex.leaf} = ${leaf.grad.head[0]}`);
      const row = checkProgram(nb, ex.source).rows.find((r) => r.label === ex.leaf);
      assert.equal(row.status, 'ok', `${ex.source}: ${row.autograd} vs ${row.numeric}`);
    }
    assert.equal(sources.size, 4, `difficulty ${d}: ${sources.size} templates drawn`);
  }
  assert.throws(() => makeExercise(1, 4), /difficulty must be one of 1, 2, 3, got 4/);
  assert.throws(() => makeExercise(-2, 1), /seed must be a non-negative integer/);
});

test('answers are judged to 1% (0.01 near zero)', () => {
  assert.ok(isCloseEnough('2.99', 3) && isCloseEnough(' -0.005 ', 0) && isCloseEnough('1e2', 100.5));
  assert.ok(!isCloseEnough('2.9', 3) && !isCloseEnough('', 0) && !isCloseEnough('abc', 1) && !isCloseEnough('-3', 3));
});
