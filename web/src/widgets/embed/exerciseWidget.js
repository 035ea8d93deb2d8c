// <nabla-exercise seed="3" difficulty="2">: predict one leaf's gradient of a seeded expression, check it,
// then see the graph with every value and gradient (and step through the backward pass). Each check tells
// the host page { type: 'nabla-score', exercise, correct, attempts } by postMessage (to the parent window
// when embedded in an iframe, else to its own window) and as a bubbling `nabla-score` event.
import { h } from '../../lib/dom.js';
import { isCloseEnough, makeExercise } from '../../lib/expr/exercise.js';
import { GraphPanel } from './graphPanel.js';
import { runProgram } from './programGraph.js';
import { fmt, getNabla } from './shared.js';

export class ExerciseWidget {
  /** `host` is the custom element (events and the exercise id come from it). */
  constructor(root, host, { seed = 0, difficulty = 1, exercise } = {}) {
    this.host = host;
    this.exercise = makeExercise(seed, difficulty);
    this.id = exercise || host.id || `seed-${seed}-d${difficulty}`;
    this.attempts = 0;
    const { source, leaf, output } = this.exercise;
    this.answer = h('input', { type: 'text', inputmode: 'decimal', 'aria-label': `d${output}/d${leaf}`, size: '8' });
    this.answer.addEventListener('keydown', (e) => { if (e.key === 'Enter') this.check(); });
    this.verdict = h('p', { class: 'nabla-explain', 'aria-live': 'polite' });
    this.panelRoot = h('div');
    this.panelRoot.hidden = true;
    root.append(
      h('p', {}, `Predict ∂${output}/∂${leaf} (difficulty ${difficulty}):`),
      h('pre', { class: 'nabla-code' }, source),
      h('div', { class: 'nabla-tools' }, h('label', {}, `∂${output}/∂${leaf} = `, this.answer),
        h('button', { type: 'button', class: 'primary', onclick: () => this.check() }, 'Check'),
        h('button', { type: 'button', onclick: () => this.reveal() }, 'Reveal graph')),
      this.verdict, this.panelRoot);
  }

  async start() {
    const nb = await getNabla();
    this.model = runProgram(nb, this.exercise.source);
    const node = this.model.nodes.find((n) => n.op === 'leaf' && n.name === this.exercise.leaf);
    this.truth = node.grad.head[0];
  }

  check() {
    this.attempts++;
    const correct = isCloseEnough(this.answer.value, this.truth);
    const { leaf, output } = this.exercise;
    this.verdict.dataset.correct = String(correct);
    this.verdict.textContent = correct
      ? `Right: ∂${output}/∂${leaf} = ${fmt(this.truth)}${this.attempts > 1 ? ` (attempt ${this.attempts})` : ''}. The graph shows how each product adds up.`
      : `Not ${this.answer.value.trim() || 'an empty answer'}: try again (within 1%), or reveal the graph.`;
    const score = { type: 'nabla-score', exercise: this.id, correct, attempts: this.attempts };
    this.host.dispatchEvent(new CustomEvent('nabla-score', { detail: score, bubbles: true, composed: true }));
    (window.parent === window ? window : window.parent).postMessage(score, '*');
    if (correct) return this.reveal().then(() => correct);
    return Promise.resolve(correct);
  }

  /** Draws the graph with every value and gradient; Step backward walks the chain rule. */
  async reveal() {
    this.panelRoot.hidden = false;
    this.panel ??= new GraphPanel(this.panelRoot, { fileName: `nabla-exercise-${this.id}` });
    await this.panel.setModel(this.model);
    await this.panel.backward();
    this.host.dataset.revealed = 'true';
  }
}
