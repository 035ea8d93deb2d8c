// The gradient-check panel of the graph page: for every value of a program, its autograd gradient beside a
// central finite difference and their relative error, coloured (green: float32 noise, amber: suspicious, red:
// wrong). In the "broken backward" exercise (#exercise=broken&seed=K) the gradients come from a page-side
// backward with one op broken (lib/expr/brokenBackward.js), and the learner names the op.
import { h } from '../../lib/dom.js';
import { checkProgram, BAD, OK } from '../../lib/expr/gradcheck.js';
import { checkExercise, isRightAnswer } from '../../lib/expr/brokenBackward.js';
import { fmt } from './shared.js';

const list = (xs) => (xs.length === 1 ? fmt(xs[0]) : `[${xs.map(fmt).join(', ')}]`);
const STATUS_TEXT = { ok: 'agrees', warn: 'suspicious', bad: 'wrong' };

export class GradcheckPanel {
  constructor(root) {
    this.root = root;
    this.intro = h('p', { class: 'gc-intro' });
    this.code = h('pre', { class: 'gc-code' });
    this.code.hidden = true;
    this.status = h('p', { class: 'gc-status', 'aria-live': 'polite' });
    this.table = h('table', { class: 'gc-table' });
    this.quiz = h('div', { class: 'gc-quiz' });
    this.quiz.hidden = true;
    root.append(this.intro, this.code, this.status, this.table, this.quiz);
    root.dataset.state = 'idle';
  }

  /** Checks `source` with the engine's own gradients. */
  check(nb, source) {
    this.exercise = null;
    this.quiz.hidden = true;
    this.code.hidden = true;
    this.intro.textContent = 'Each value the program computes: the engine\'s gradient of the output with respect to it, and a '
      + 'central difference (f(v + ε) − f(v − ε)) / 2ε of the program rerun with that value moved by ε = 10⁻³·max(1, |v|).';
    return this.run(() => checkProgram(nb, source));
  }

  /** Shows the broken-backward exercise `exercise` (brokenBackward.js). */
  startExercise(nb, exercise) {
    this.exercise = exercise;
    this.attempts = 0;
    this.intro.textContent = `Exercise (seed ${exercise.seed}): one op in this program has a broken backward. Its gradients below `
      + 'come from that backward; the central differences are the truth. Find the op whose output gradient is right but whose inputs\' are not, and name it.';
    this.code.textContent = exercise.source;
    this.code.hidden = false;
    this.run(() => checkExercise(nb, exercise));
    const ops = this.rows.filter((r) => r.op !== 'leaf' && r.name).map((r) => r.name);
    this.answer = h('select', { 'aria-label': 'The op with the broken backward' },
      ...ops.map((name) => h('option', { value: name }, this.rows.find((r) => r.name === name).label)));
    this.verdict = h('p', { class: 'gc-verdict', 'aria-live': 'polite' });
    const button = h('button', { type: 'button', class: 'primary', onclick: () => this.answerWith(this.answer.value) }, 'Check answer');
    this.quiz.replaceChildren(h('label', {}, 'Broken op: ', this.answer), ' ', button, this.verdict);
    this.quiz.hidden = false;
  }

  /** Judges an answer (a variable name): says whether it is right, and on success what the bug was. */
  answerWith(name) {
    this.attempts++;
    const right = isRightAnswer(this.exercise, name);
    this.verdict.dataset.verdict = right ? 'right' : 'wrong';
    this.verdict.dataset.attempts = String(this.attempts);
    this.verdict.textContent = right
      ? `Right${this.attempts > 1 ? ` (attempt ${this.attempts})` : ''}: the backward of ${this.exercise.explanation}.`
      : `Not ${name}: its inputs' gradients follow from its output's by its own rule. Look for the op whose output is green and whose inputs are red.`;
    return right;
  }

  run(compute) {
    try {
      const { rows, output } = compute();
      this.rows = rows;
      const bad = rows.filter((r) => r.status === 'bad').length, warn = rows.filter((r) => r.status === 'warn').length;
      this.status.textContent = `output ${fmt(output)}; ${rows.length} values checked: ${rows.length - bad - warn} agree `
        + `(relative error < ${OK}), ${warn} suspicious, ${bad} wrong (≥ ${BAD}).`;
      this.table.replaceChildren(
        h('tr', {}, ...['value', 'shape', 'autograd gradient', 'central difference', 'relative error', ''].map((t) => h('th', {}, t))),
        ...rows.map((r) => h('tr', { class: `gc-${r.status}`, 'data-label': r.label, 'data-name': r.name, 'data-status': r.status,
          'data-rel-error': String(r.relError) },
        h('td', {}, h('code', {}, r.label)), h('td', {}, r.shape.length ? `[${r.shape.join('×')}]` : 'scalar'),
        h('td', {}, list(r.autograd)), h('td', {}, list(r.numeric)), h('td', {}, r.relError.toExponential(1)),
        h('td', {}, STATUS_TEXT[r.status]))));
      this.root.dataset.state = 'ready';
    } catch (err) {
      this.rows = [];
      this.table.replaceChildren();
      this.status.textContent = `Cannot check: ${err?.message ?? err}`;
      this.root.dataset.state = 'error';
    }
  }
}
