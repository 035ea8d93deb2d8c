// The architecture editor: a list of layer rows (add, remove, reorder; a residual block holds its own list)
// whose spec text goes to the engine's checkSpec; each row then shows the engine's output shape and
// parameter count, or its error inline. The rows and the text live in lib/mnist/spec.js.
import { h } from '../../lib/dom.js';
import { LAYERS, newRow, rowsOf, specOf, statusOf } from '../../lib/mnist/spec.js';

const fmtShape = (s) => s.join('×');
const kindMenu = (value) => {
  const select = h('select', { 'aria-label': 'layer type', class: 'kind' });
  for (const [k, l] of Object.entries(LAYERS)) select.append(new Option(l.label, k));
  if (value === 'raw') select.append(new Option('(as written)', 'raw'));
  select.value = value;
  return select;
};

export class ArchitectureEditor {
  /** onChange(specText) after every edit; the owner checks it and calls showCheck(check). */
  constructor(container, onChange) {
    this.container = container;
    this.onChange = onChange;
    this.rows = [];
    this.check = null;
    this.disabled = false;
    this.list = h('ol', { class: 'layers', id: 'layers' });
    const add = kindMenu('conv');
    add.id = 'add-kind';
    add.setAttribute('aria-label', 'layer to add');
    this.summary = h('p', { class: 'hint', id: 'arch-summary' });
    this.specText = h('code', { id: 'spec-text' });
    this.topError = h('p', { class: 'layer-error', id: 'spec-error', hidden: '' });
    this.addButton = h('button', { type: 'button', id: 'add-layer', onclick: () => this.edit(() => this.rows.push(newRow(add.value))) }, 'Add layer');
    container.append(this.list, this.topError,
      h('div', { class: 'row' }, add, this.addButton),
      this.summary, h('p', { class: 'spec-line' }, 'Spec: ', this.specText));
  }

  /** Replaces the rows with those of `text` (a preset or a link). */
  setSpec(text) {
    this.rows = rowsOf(text);
    this.render();
  }

  get spec() { return specOf(this.rows).text; }

  setDisabled(disabled) {
    this.disabled = disabled;
    for (const el of this.container.querySelectorAll('input, select, button')) el.disabled = disabled;
  }

  edit(change) {
    change();
    this.check = null;
    this.render();
    this.onChange(this.spec);
  }

  /** The engine's answer for the current text: shapes, parameter counts, the error where it is. */
  showCheck(check) {
    this.check = check;
    this.render();
  }

  render() {
    const { text, flat } = specOf(this.rows);
    const { status, spanError } = this.check ? statusOf(flat, this.check) : { status: flat.map(() => null), spanError: '' };
    const items = new Map(flat.map((f, i) => [f.row, { f, s: status[i] }]));
    // Re-rendering replaces the fields: the one being typed in keeps its focus and caret.
    const focused = document.activeElement?.dataset?.focusKey;
    const caret = focused ? document.activeElement.selectionStart : null;
    this.list.replaceChildren(...this.rows.map((row, i) => this.item(row, i, this.rows, items)));
    const again = focused && this.list.querySelector(`[data-focus-key="${focused}"]`);
    if (again) {
      again.focus();
      if (caret !== null && again.setSelectionRange) again.setSelectionRange(caret, caret);
    }
    this.specText.textContent = text || '(no layers)';
    this.topError.textContent = spanError;
    this.topError.hidden = !spanError;
    const c = this.check;
    this.summary.textContent = !c ? 'Checking…' : c.error ? 'The layers do not fit yet: Train stays off until they do.'
      : `784 inputs (read as ${fmtShape(c.input)}) → 10 outputs; ${c.parameters.toLocaleString('en')} parameters in all.`;
    this.container.dataset.valid = c ? String(!c.error) : 'pending';
    if (this.disabled) this.setDisabled(true);
  }

  item(row, i, list, items) {
    const { f, s } = items.get(row);
    const at = flatIndex(items, row);
    const redo = (fn) => () => this.edit(fn);
    const kind = kindMenu(row.kind);
    kind.onchange = () => this.edit(() => { list[i] = newRow(kind.value); });
    const fields = [];
    if (row.kind === 'raw') {
      const input = h('input', { type: 'text', value: row.text, 'aria-label': 'layer as written', class: 'raw', 'data-focus-key': `${at}:raw` });
      input.oninput = () => this.edit(() => { row.text = input.value; });
      fields.push(input);
    } else {
      for (const a of LAYERS[row.kind].args) {
        let input;
        if (a.choices) {
          input = h('select', { 'aria-label': a.label });
          for (const c of a.choices) input.append(new Option(c, c));
          input.value = row.args[a.key] || a.value;
        } else {
          input = h('input', { type: 'text', inputmode: 'decimal', size: '4', value: row.args[a.key] ?? '', 'aria-label': a.label,
            placeholder: a.hint ?? '', 'data-focus-key': `${at}:${a.key}` });
        }
        input.dataset.arg = a.key;
        input[a.choices ? 'onchange' : 'oninput'] = () => this.edit(() => { row.args[a.key] = input.value; });
        fields.push(h('label', { class: 'arg' }, a.label, input));
      }
    }
    const shape = s?.output ? fmtShape(s.output) : s?.error ? '✗' : '…';
    const params = s?.parameters ? `${s.parameters.toLocaleString('en')} params` : '';
    const li = h('li', { class: `layer${s?.error ? ' bad' : ''}`, 'data-kind': row.kind, 'data-depth': String(f.depth) },
      h('div', { class: 'layer-head' }, kind, ...fields,
        h('span', { class: 'shape', title: 'output shape per digit (channels×height×width, or features)' }, shape),
        h('span', { class: 'params' }, params),
        h('span', { class: 'moves' },
          h('button', { type: 'button', class: 'up', title: 'move up', 'aria-label': 'move up', onclick: redo(() => { if (i > 0) [list[i - 1], list[i]] = [list[i], list[i - 1]]; }) }, '↑'),
          h('button', { type: 'button', class: 'down', title: 'move down', 'aria-label': 'move down', onclick: redo(() => { if (i < list.length - 1) [list[i + 1], list[i]] = [list[i], list[i + 1]]; }) }, '↓'),
          h('button', { type: 'button', class: 'remove', title: 'remove', 'aria-label': 'remove layer', onclick: redo(() => list.splice(i, 1)) }, '✕'))));
    if (s?.error) li.append(h('p', { class: 'layer-error', role: 'status' }, s.error));
    if (row.kind === 'res') {
      const body = h('ol', { class: 'layers body' }, ...row.body.map((r, k) => this.item(r, k, row.body, items)));
      const add = kindMenu('relu');
      add.setAttribute('aria-label', 'layer to add to the block');
      li.append(h('p', { class: 'hint' }, 'y = x + block(x): the block must keep the shape.'), body,
        h('div', { class: 'row' }, add, h('button', { type: 'button', class: 'add-in-block', onclick: redo(() => row.body.push(newRow(add.value))) }, 'Add to block')));
    }
    return li;
  }
}

// The row's place in the flat (engine) order: names its fields across re-renders.
function flatIndex(items, row) {
  let k = 0;
  for (const key of items.keys()) {
    if (key === row) return k;
    k++;
  }
  return -1;
}
