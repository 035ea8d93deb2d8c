// The graph page's gradient check and its "broken backward" exercise (web/src/lib/expr/gradcheck.js,
// brokenBackward.js): the engine's gradients of every value of a program agree with central differences; the
// page-side reverse pass agrees with the engine when nothing is broken; and every bug class, at every seed
// tried, shows as a red row upstream of the broken op while the broken op's own row stays green.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadNabla } from 'nabla';
import { checkProgram, engineGradients, runTape, relativeError } from '../../../web/src/lib/expr/gradcheck.js';
import { BUG_CLASSES, brokenExercise, checkExercise, exerciseFor, isRightAnswer, tapeGradients } from '../../../web/src/lib/expr/brokenBackward.js';
import { MICROGRAD_EXAMPLE } from '../../../web/src/widgets/embed/programEditor.js';

const nb = await loadNabla();

test('every value of micrograd\'s example: the engine\'s gradient matches a central difference', () => {
  const before = nb.liveTensors();
  const { rows, output } = checkProgram(nb, MICROGRAD_EXAMPLE);
  assert.ok(Math.abs(output - 24.7041) < 1e-3, `output ${output}`);
  const a = rows.find((r) => r.label === 'a'), b = rows.find((r) => r.label === 'b');
  assert.ok(Math.abs(a.autograd[0] - 138.8338) < 1e-2 && Math.abs(b.autograd[0] - 645.5773) < 1e-2, JSON.stringify([a, b]));
  assert.ok(rows.length > 20, `${rows.length} rows`); // intermediate values too, not only the leaves
  for (const r of rows) assert.equal(r.status, 'ok', `${r.label}: autograd ${r.autograd}, numeric ${r.numeric}, rel ${r.relError}`);
  assert.equal(nb.liveTensors(), before);
});

test('tensor programs: matmul, broadcasting and softmax rows are all green', () => {
  const { rows } = checkProgram(nb, `W = [[0.5, -1.0], [2.0, 0.25]]
x = [[1.0, 0.5], [-2.0, 0.3]]
b = [0.1, -0.2]
z = log_softmax(matmul(W, x) + b)
loss = -sum(z * [[0.0, 1.0], [1.0, 0.0]])`);
  for (const r of rows) assert.equal(r.status, 'ok', `${r.label}: ${r.autograd} vs ${r.numeric}`);
});

for (let seed = 0; seed < (Number(process.env.SEEDS) || 12); seed++) {
  const ex = exerciseFor(nb, seed);
  test(`exercise seed ${seed} (${ex.bug}, ${ex.victim}): the page's reverse pass equals the engine's; the bug shows upstream`, () => {
    assert.equal(ex.bug, BUG_CLASSES[seed % 4]);
    const run = runTape(nb, ex.source);
    try {
      const engine = engineGradients(nb, run), page = tapeGradients(run);
      engine.forEach((g, k) => { if (g) assert.ok(relativeError(page[k], g) < 1e-5, `entry ${k}: ${page[k]} vs ${g}`); });
    } finally {
      run.dispose();
    }
    const { rows } = checkExercise(nb, ex);
    const byName = new Map(rows.filter((r) => r.name).map((r) => [r.name, r]));
    assert.equal(byName.get(ex.victim).status, 'ok', 'the broken op\'s own output gradient is still right');
    assert.equal(byName.get('loss').status, 'ok');
    assert.ok(rows.some((r) => r.status === 'bad'), `no red row: ${rows.map((r) => `${r.label} ${r.relError}`).join('; ')}`);
    // each row downstream of the victim (computed after it) is green: the bug starts at the victim's inputs
    const victimIndex = byName.get(ex.victim).index;
    for (const r of rows) if (r.index >= victimIndex) assert.equal(r.status, 'ok', `${r.label} after the victim`);
    assert.ok(isRightAnswer(ex, ex.victim) && !isRightAnswer(ex, ex.victim === 'loss' ? 'a' : 'loss'));
  });
}

test('exercises are reproducible from the seed and cover every bug class', () => {
  assert.deepEqual(exerciseFor(nb, 5), exerciseFor(nb, 5));
  assert.deepEqual(new Set([0, 1, 2, 3].map((s) => brokenExercise(s).bug)), new Set(BUG_CLASSES));
  assert.throws(() => brokenExercise(-1), /seed/);
});
