// The seeded expressions of <nabla-exercise>: a small program of the expression language and the leaf whose
// gradient the learner predicts. Difficulty 1 is + − × only, 2 adds one of tanh, exp, relu, 3 adds division,
// powers, sigmoid and log. Leaves are in ±[0.5, 1.5], so relu's input ab - 0.05 stays clear of its kink.
// Pure: the engine computes the true gradient (exerciseWidget.js).
import { makeRng } from './rng.js';

const TEMPLATES = {
  1: ['c = a * b + a', 'c = a * a - b', 'c = (a + b) * b', 'c = a * b - b * 3'],
  2: ['c = a * b\nd = tanh(c) + a', 'c = a + b\nd = exp(c) * b', 'c = a * b\nd = relu(c - 0.05) * a', 'c = tanh(a) * tanh(b)'],
  3: ['c = a / b\nd = c ** 2 + tanh(a)', 'c = sigmoid(a * b)\nd = c * log(b * b)', 'c = a * b\nd = c / (a * a + 1)\ne = d ** 3',
    'c = exp(a / 2) / (b * b + 1)'],
};

export const DIFFICULTIES = Object.keys(TEMPLATES).map(Number);

/** { seed, difficulty, source, leaf, output }: `output` is the program's last variable. */
export function makeExercise(seed, difficulty = 1) {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`seed must be a non-negative integer, got ${seed}`);
  if (!DIFFICULTIES.includes(difficulty)) throw new Error(`difficulty must be one of ${DIFFICULTIES.join(', ')}, got ${difficulty}`);
  const rng = makeRng(seed * 40503 + difficulty);
  const value = () => {
    const m = 0.5 + Math.round(rng.uniform() * 10) / 10; // 0.5 .. 1.5, one decimal
    return (rng.uniform() < 0.5 ? -m : m).toFixed(1);
  };
  const list = TEMPLATES[difficulty];
  const body = list[rng.int(list.length)];
  const source = `a = ${value()}\nb = ${value()}\n${body}`;
  const output = body.split('\n').at(-1).split('=')[0].trim();
  return { seed, difficulty, source, leaf: rng.uniform() < 0.5 ? 'a' : 'b', output };
}

/** Whether `answer` (what the learner typed) is the gradient `truth`, to 1% (or 0.01 near zero). */
export function isCloseEnough(answer, truth) {
  const v = Number(String(answer).trim());
  return String(answer).trim() !== '' && Number.isFinite(v) && Math.abs(v - truth) <= 0.01 * Math.max(1, Math.abs(truth));
}
