// The program editor: a textarea whose program is parsed, run on the engine and handed to a GraphPanel; a
// mistake is shown at its line and column (with the line and a caret) and the last good graph stays up.
import { ExprError } from '../../lib/expr/index.js';
import { h } from '../../lib/dom.js';
import { GraphPanel } from './graphPanel.js';
import { runProgram } from './programGraph.js';
import { getNabla } from './shared.js';
import { MICROGRAD_EXAMPLE } from '../../lib/expr/examples.js';

export { MICROGRAD_EXAMPLE };

export class ProgramEditor {
  constructor(root, { source = MICROGRAD_EXAMPLE, editable = true, rows = 8 } = {}) {
    this.root = root;
    this.input = h('textarea', { class: 'nabla-code', spellcheck: 'false', rows: String(rows), 'aria-label': 'Program' });
    this.input.value = source;
    this.input.readOnly = !editable;
    this.error = h('pre', { class: 'nabla-error', role: 'alert' });
    this.error.hidden = true;
    this.runMs = h('span', { class: 'nabla-muted' });
    const run = h('button', { type: 'button', class: 'primary', onclick: () => this.run() }, 'Run');
    const bar = h('div', { class: 'nabla-tools' }, run, this.runMs);
    if (!editable) bar.hidden = true;
    const panelRoot = h('div', { class: 'nabla-panel' });
    root.append(this.input, bar, this.error, panelRoot);
    this.panel = new GraphPanel(panelRoot);
    this.timer = 0;
    this.input.addEventListener('input', () => { clearTimeout(this.timer); this.timer = setTimeout(() => this.run(), 300); });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); this.run(); }
    });
  }

  /** Runs the program; resolves once the graph is drawn (or the error is shown). */
  async run() {
    clearTimeout(this.timer); // a typed-then-clicked program runs once, not again when the typing timer fires
    const nb = await getNabla();
    const source = this.input.value;
    try {
      const t0 = performance.now();
      const model = runProgram(nb, source);
      const ms = performance.now() - t0;
      this.error.hidden = true;
      this.root.dataset.error = '';
      this.runMs.textContent = `engine: ${ms.toFixed(1)} ms`;
      this.root.dataset.runMs = ms.toFixed(2);
      await this.panel.setModel(model);
    } catch (err) {
      this.showError(err, source);
    }
  }

  showError(err, source) {
    const text = err instanceof ExprError
      ? `${err.message}\n${source.split('\n')[err.line - 1] ?? ''}\n${' '.repeat(Math.max(0, err.column - 1))}^`
      : `Error: ${err?.message ?? err}`;
    this.error.textContent = text;
    this.error.hidden = false;
    this.root.dataset.error = err instanceof ExprError ? `${err.line}:${err.column}` : 'engine';
  }
}
