// The user-defined op panel of the graph page: the learner types a name, f(x) and f'(x) in the expression
// language; as they type, the engine checks f' against central differences of f at random points (a table, one
// row per point, coloured as the gradient check is). An op that passes is registered (lib/expr/userOps.js),
// stored for the playground's activation menu (lib/expr/userOpStore.js), and callable in programs.
import { h } from '../../lib/dom.js';
import { statusOf } from '../../lib/expr/gradcheck.js';
import { USER_FUNCTIONS } from '../../lib/expr/functions.js';
import { SWISH, defineUserOp, removeUserOp, UserOpError } from '../../lib/expr/userOps.js';
import { deleteUserOp, loadUserOps, saveUserOp } from '../../lib/expr/userOpStore.js';
import { fmt } from './shared.js';

export class UserOpPanel {
  /** `root` gets the form; `getNabla` loads the engine; `onChange` runs after an op is defined or removed. */
  constructor(root, { getNabla, onChange = () => {} }) {
    this.root = root;
    this.getNabla = getNabla;
    this.onChange = onChange;
    const field = (id, label, value, size) => h('label', {}, `${label} `, h('input', { id, value, size, spellcheck: 'false', autocomplete: 'off' }));
    this.form = h('form', { class: 'inline uo-form' },
      field('uo-name', 'Name', SWISH.name, 10),
      field('uo-forward', 'Forward f(x) =', SWISH.forward, 28),
      field('uo-backward', "Backward f′(x) =", SWISH.backward, 44),
      h('button', { type: 'submit' }, 'Check and define'));
    this.message = h('p', { class: 'uo-message', 'aria-live': 'polite' });
    this.table = h('table', { class: 'gc-table uo-table' });
    this.list = h('ul', { class: 'uo-list' });
    root.append(this.form, this.message, this.table, h('p', { class: 'help' }, 'Defined ops:'), this.list);
    this.input = (id) => this.form.querySelector(`#${id}`);
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.check(); });
    this.form.addEventListener('input', () => { clearTimeout(this.timer); this.timer = setTimeout(() => this.check(), 400); });
    root.dataset.state = 'idle';
  }

  /** Registers the stored definitions again (each is re-checked); a definition that no longer passes is dropped. */
  async restore() {
    const nb = await this.getNabla();
    for (const def of loadUserOps()) {
      try {
        defineUserOp(nb, def);
      } catch {
        deleteUserOp(def.name);
      }
    }
    this.renderList();
  }

  /** Checks the form's definition; defines it when it passes. Returns whether it did. */
  async check() {
    clearTimeout(this.timer);
    this.root.dataset.state = 'checking';
    const nb = await this.getNabla();
    const def = { name: this.input('uo-name').value, forward: this.input('uo-forward').value, backward: this.input('uo-backward').value };
    try {
      const result = defineUserOp(nb, def);
      saveUserOp(def);
      this.show('ok', null, `${result.name} passes: at ${result.rows.length} random points in [−3, 3] its backward agrees with the `
        + `central difference of its forward (largest relative error ${result.relError.toExponential(1)}). Use it in a program `
        + `above, e.g. ${result.name}(a), or pick it as an activation in the playground.`, result.rows);
      this.renderList();
      this.onChange();
      return true;
    } catch (err) {
      if (!(err instanceof UserOpError)) throw err;
      this.show('error', err.part, err.message, err.rows ?? []);
      return false;
    }
  }

  show(state, part, text, rows) {
    this.root.dataset.state = state;
    this.root.dataset.part = part ?? '';
    for (const id of ['uo-name', 'uo-forward', 'uo-backward']) {
      this.input(id).toggleAttribute('aria-invalid', `uo-${part}` === id || (part === 'gradcheck' && id === 'uo-backward'));
    }
    this.message.textContent = text;
    this.table.replaceChildren(...(rows.length ? [
      h('tr', {}, ...['x', 'backward f′(x)', 'central difference', 'relative error'].map((t) => h('th', {}, t))),
      ...rows.map((r) => {
        const rel = Math.abs(r.backward - r.numeric) / Math.max(1e-3, Math.abs(r.backward), Math.abs(r.numeric));
        return h('tr', { class: `gc-${statusOf(rel)}` }, h('td', {}, fmt(r.x)), h('td', {}, fmt(r.backward)),
          h('td', {}, fmt(r.numeric)), h('td', {}, Number.isFinite(rel) ? rel.toExponential(1) : String(rel)));
      }),
    ] : []));
  }

  renderList() {
    const defined = [...USER_FUNCTIONS.entries()];
    this.list.replaceChildren(...(defined.length ? defined.map(([name, spec]) => h('li', { 'data-op': name },
      h('code', {}, `${name}(x) = ${spec.user.forward}`), ' ', h('span', { class: 'help' }, `f′(x) = ${spec.user.backward}`), ' ',
      h('button', { type: 'button', 'aria-label': `Remove ${name}`, onclick: () => this.remove(name) }, 'Remove')))
      : [h('li', { class: 'help' }, 'none yet')]));
  }

  remove(name) {
    removeUserOp(name);
    deleteUserOp(name);
    this.renderList();
    this.onChange();
  }
}
