// A drawn computation graph with its backward pass: Backward reveals every gradient, Step walks the reverse
// topological order one node at a time (highlighting the node and the inputs it sends gradient to, with the
// chain-rule products), and the graph downloads as DOT or SVG. The engine writes the DOT (nb.graphDot, with
// the step's highlights). Used by the graph page and <nabla-graph>.
import { h } from '../../lib/dom.js';
import { download, fmt, getNabla, getViz } from './shared.js';

/** A tensor summary in a few characters: the value itself for up to 4 elements, else shape, mean and range. */
function summary(s) {
  if (!s) return '';
  if (s.size === 1) return fmt(s.head[0]);
  if (s.size <= 4) return `[${s.head.map(fmt).join(', ')}]`;
  return `mean ${fmt(s.mean)} in [${fmt(s.min)}, ${fmt(s.max)}]`;
}

export class GraphPanel {
  /** `root` is an element to fill; `collapsible` adds the "collapse layers" toggle. */
  constructor(root, { collapsible = false, fileName = 'nabla-graph' } = {}) {
    this.root = root;
    this.fileName = fileName;
    this.model = null;
    this.step = -1;       // index of the last backward step shown; -1: none
    this.revealAll = false;
    this.collapse = false;
    this.renders = 0;
    this.backwardButton = h('button', { type: 'button', class: 'primary', onclick: () => this.backward() }, 'Backward');
    this.stepButton = h('button', { type: 'button', onclick: () => this.next() }, 'Step backward');
    this.resetButton = h('button', { type: 'button', onclick: () => this.reset() }, 'Reset');
    const collapseBox = h('input', { type: 'checkbox', onchange: (e) => { this.collapse = e.target.checked; this.draw(); } });
    this.collapseBox = collapseBox;
    const tools = h('div', { class: 'nabla-tools', role: 'group', 'aria-label': 'Backward pass' },
      this.backwardButton, this.stepButton, this.resetButton,
      ...(collapsible ? [h('label', { class: 'nabla-check' }, collapseBox, ' collapse layers')] : []),
      h('span', { class: 'nabla-spacer' }),
      h('button', { type: 'button', onclick: async () => this.model && download(await this.dot(), `${this.fileName}.dot`, 'text/vnd.graphviz') }, 'DOT'),
      h('button', { type: 'button', onclick: () => this.svg && download(this.svgText(), `${this.fileName}.svg`, 'image/svg+xml') }, 'SVG'));
    this.explain = h('p', { class: 'nabla-explain', 'aria-live': 'polite' });
    this.figure = h('div', { class: 'nabla-figure' });
    this.leaves = h('table', { class: 'nabla-leaves' });
    root.append(tools, this.explain, this.figure, this.leaves);
    this.svg = null;
  }

  /** Shows a new model (programGraph.js) with no gradients revealed yet. */
  setModel(model) {
    this.model = model;
    this.byId = new Map(model.nodes.map((n) => [n.id, n]));
    return this.reset();
  }

  reset() {
    this.step = -1;
    this.revealAll = false;
    this.explain.textContent = this.model?.steps.length
      ? 'Forward pass done. Press Backward for every gradient, or Step backward to walk the chain rule node by node.'
      : 'Nothing here requires a gradient (assign a number to a name, e.g. a = 2, to make a leaf).';
    return this.draw();
  }

  backward() {
    if (!this.model) return;
    this.revealAll = true;
    this.step = this.model.steps.length - 1;
    this.explain.textContent = `Backward done: ${this.model.steps.length} op nodes visited in reverse topological order.`;
    return this.draw();
  }

  /** One backward step: the next node in reverse topological order passes its gradient to its inputs. */
  next() {
    if (!this.model || this.step >= this.model.steps.length - 1) return this.draw();
    this.revealAll = false;
    this.step++;
    this.explain.textContent = this.describe(this.model.steps[this.step]);
    return this.draw();
  }

  get finished() { return !!this.model && this.step === this.model.steps.length - 1; }

  label(id) {
    const n = this.byId.get(id);
    return n.name || (n.op === 'leaf' ? 'const' : `${n.op}#${id.slice(1)}`);
  }

  describe(step) {
    const node = this.byId.get(step.id);
    const dy = step.dy === null ? summary(node.grad) : fmt(step.dy);
    const parts = step.inputs.filter((i) => this.byId.get(i.from).requiresGrad).map((i) => {
      const to = this.label(i.from);
      if (i.local === null) return `${to}.grad += vector-Jacobian product of ${node.op}`;
      return `${to}.grad += ${dy} × ∂${this.label(step.id)}/∂${to} = ${dy} × ${fmt(i.local)} = ${fmt(i.contribution)}`;
    });
    return `Step ${this.step + 1}/${this.model.steps.length}: ${this.label(step.id)} (${node.op}) has grad ${dy}. ${parts.join('; ')}.`;
  }

  /** Which nodes have a final gradient after the steps shown so far. */
  revealed() {
    if (this.revealAll) return 'all';
    const done = new Set(this.model.steps.slice(0, this.step + 1).map((s) => s.id));
    const out = new Set(done);
    for (const n of this.model.nodes) {
      const consumers = this.model.edges.filter((e) => e.from === n.id).map((e) => e.to);
      if (this.step >= 0 && consumers.length && consumers.every((c) => done.has(c))) out.add(n.id);
    }
    return out;
  }

  view() {
    if (!this.model) return {};
    const step = this.revealAll ? null : this.model.steps[this.step];
    const targets = new Set(step ? step.inputs.filter((i) => this.byId.get(i.from).requiresGrad).map((i) => i.from) : []);
    return { revealed: this.revealed(), current: step?.id ?? null, targets, collapse: this.collapse };
  }

  async dot() { return (await getNabla()).graphDot(this.model, this.view()); }

  svgText() { return new XMLSerializer().serializeToString(this.svg); }

  async draw() {
    if (!this.model) return;
    const render = ++this.renders;
    const [viz, dot] = await Promise.all([getViz(), this.dot()]);
    if (render !== this.renders) return; // a newer draw started while Graphviz loaded
    const svg = viz.renderSVGElement(dot);
    // Scale to the panel's width, but a small graph no larger than 1.4 times Graphviz's size (no giant boxes).
    const natural = parseFloat(svg.getAttribute('width'));
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    if (natural > 0) svg.style.maxWidth = `${Math.round(natural * 1.4)}px`;
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'computation graph');
    this.figure.replaceChildren(svg);
    this.svg = svg;
    this.drawLeaves();
    const last = this.step >= this.model.steps.length - 1;
    this.stepButton.disabled = last;
    this.backwardButton.disabled = this.revealAll;
    this.root.dataset.step = String(this.step + 1);
    this.root.dataset.steps = String(this.model.steps.length);
    this.root.dataset.rendered = String(render);
  }

  drawLeaves() {
    const revealed = this.revealed();
    const shown = (id) => revealed === 'all' || revealed.has(id);
    const rows = this.model.nodes.filter((n) => n.op === 'leaf' && n.requiresGrad).map((n) =>
      h('tr', { 'data-name': n.name, 'data-grad': n.grad && shown(n.id) && n.grad.size === 1 ? String(n.grad.head[0]) : '' },
        h('th', { scope: 'row' }, n.name || 'const'), h('td', {}, summary(n.value)),
        h('td', {}, n.grad && shown(n.id) ? summary(n.grad) : '·')));
    this.leaves.replaceChildren(h('caption', {}, 'Leaves'),
      h('tr', {}, h('th', { scope: 'col' }, 'name'), h('th', { scope: 'col' }, 'value'), h('th', { scope: 'col' }, 'grad')), ...rows);
    this.leaves.hidden = rows.length === 0;
  }
}
