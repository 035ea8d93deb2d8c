// Graphviz DOT text of a model (programGraph.js): each node shows its op, its value and, once revealed, its
// gradient; a view highlights the backward step in progress and can collapse each Linear layer into one node.
import { fmt } from './shared.js';

const ACTIVATION_OPS = new Set(['tanh', 'relu', 'sigmoid', 'gelu', 'leaky_relu', 'softplus']);
const COLORS = { param: '#dbeafe', constant: '#f1f5f9', op: '#ffffff', current: '#fcd34d', target: '#fdba74', layer: '#ede9fe' };

/** A tensor summary in a few characters: the value itself for up to 4 elements, else shape, mean and range. */
export function summary(s) {
  if (!s) return '';
  if (s.size === 1) return fmt(s.head[0]);
  if (s.size <= 4) return `[${s.head.map(fmt).join(', ')}]`;
  return `mean ${fmt(s.mean)} in [${fmt(s.min)}, ${fmt(s.max)}]`;
}

const shapeText = (shape) => (shape.length ? ` [${shape.join('×')}]` : '');
const quote = (text) => `"${String(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * Groups for the collapsed view: each 'linear' node with its weight and bias leaves and the activation that
 * follows it. Returns Map(member id -> group) with group = { id, label, members }.
 */
export function layerGroups(model) {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const groups = new Map();
  let index = 0;
  for (const node of model.nodes) {
    if (node.op !== 'linear') continue;
    const members = [node.id];
    const ins = model.edges.filter((e) => e.to === node.id);
    for (const e of ins) if (e.input > 0 && byId.get(e.from).op === 'leaf') members.push(e.from);
    const outs = model.edges.filter((e) => e.from === node.id);
    let last = node;
    if (outs.length === 1 && ACTIVATION_OPS.has(byId.get(outs[0].to).op)) {
      last = byId.get(outs[0].to);
      members.push(last.id);
    }
    const input = byId.get(ins.find((e) => e.input === 0)?.from);
    const fanIn = input?.shape.at(-1) ?? '?';
    const label = `layer ${++index}: Linear ${fanIn}→${node.shape.at(-1)}${last === node ? '' : ` + ${last.op}`}`;
    const group = { id: last.id, label, members, node: last };
    for (const m of members) groups.set(m, group);
  }
  return groups;
}

/**
 * view = { revealed: Set of ids whose gradient is shown (or 'all'), current: id of the backward step's node,
 *          targets: Set of ids receiving gradient in that step, collapse: boolean }
 */
export function toDot(model, view = {}) {
  const { revealed = 'all', current = null, targets = new Set(), collapse = false } = view;
  const groups = collapse ? layerGroups(model) : new Map();
  const shown = (id) => revealed === 'all' || revealed.has(id);
  const rep = (id) => groups.get(id)?.id ?? id;
  const lines = ['digraph nabla {', '  rankdir=LR; bgcolor="transparent";',
    '  node [fontname="Helvetica", fontsize=11, style="filled", penwidth=1.2];', '  edge [color="#64748b"];'];
  const done = new Set();
  for (const node of model.nodes) {
    const id = rep(node.id);
    if (done.has(id)) continue;
    done.add(id);
    const group = groups.get(node.id);
    const n = group ? group.node : node;
    const isLeaf = n.op === 'leaf';
    const title = group ? group.label
      : isLeaf ? `${n.name || 'const'}${shapeText(n.shape)}` : `${n.op}${n.name ? ` → ${n.name}` : ''}${shapeText(n.shape)}`;
    const rows = [title, `value ${summary(n.value)}`];
    if (n.grad && shown(n.id)) rows.push(`grad ${summary(n.grad)}`);
    let fill = group ? COLORS.layer : isLeaf ? (n.requiresGrad ? COLORS.param : COLORS.constant) : COLORS.op;
    if (id === current || (group && group.members.includes(current))) fill = COLORS.current;
    else if (targets.has(n.id) || (group && group.members.some((m) => targets.has(m)))) fill = COLORS.target;
    const attrs = [`id=${quote(id)}`, `label=${quote(rows.join('\n'))}`, `fillcolor=${quote(fill)}`,
      `shape=${isLeaf && !group ? 'box' : group ? 'box3d' : 'box'}`, `style=${quote(isLeaf || group ? 'filled' : 'filled,rounded')}`];
    if (node.id === model.root || (group && group.members.includes(model.root))) attrs.push('penwidth=2.5');
    lines.push(`  ${id} [${attrs.join(', ')}];`);
  }
  const seen = new Set();
  for (const e of model.edges) {
    const from = rep(e.from), to = rep(e.to);
    if (from === to) continue;
    const key = `${from}->${to}:${collapse ? '' : e.input}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const active = e.to === current && targets.has(e.from);
    lines.push(`  ${from} -> ${to}${active ? ' [color="#ea580c", penwidth=2.5]' : ''};`);
  }
  lines.push('}');
  return lines.join('\n');
}
