// A program of the expression language run on the engine, turned into plain data the views draw: the
// engine's graph (nb.graph) after a retained backward, plus the backward pass as steps, each with the
// chain-rule products it added to its inputs' gradients.
//
// model = { nodes: [{ id, op, name, shape, value, grad, requiresGrad }], edges: [{ from, to, input }],
//           root, backwardOrder, steps: [step], error? }
// step  = { id: op node whose output gradient is final, dy, inputs: [{ from, input, local, contribution }] }
//         local and contribution are numbers for scalar nodes, null for tensors (drawn as summaries)
import { parse, evaluate } from '../../lib/expr/index.js';
import { createNablaBackend } from '../../lib/expr/nablaBackend.js';

/**
 * Parses and evaluates `source` on the engine and runs backward from its last value (summed if it is not a
 * scalar). Throws ExprError (with line and column) for any mistake in the program.
 */
export function runProgram(nb, source) {
  const backend = createNablaBackend(nb);
  try {
    const { value } = evaluate(parse(source), backend);
    let root = value;
    if (root.size !== 1) root = backend.call('sum', [root]); // backward needs a scalar: d(sum)/d(every element)
    if (root.requiresGrad) root.backward(undefined, { retainGraph: true });
    return modelOf(nb.graph(root).json);
  } finally {
    backend.dispose();
  }
}

/**
 * The graph the backward pass itself recorded: runs `source`, backward with createGraph, and returns the model
 * of `leaf`'s gradient (d output / d leaf) as a computation of its own, after a backward through it (so each
 * node carries its gradient in the double backward; leaves get the second derivatives d²out / d leaf d other).
 * Returns null when that gradient is a constant (no op recorded it, e.g. for a linear output).
 */
export function runBackwardGraph(nb, source, leaf) {
  const backend = createNablaBackend(nb);
  try {
    const { value } = evaluate(parse(source), backend);
    const root = value.size === 1 ? value : backend.call('sum', [value]);
    const x = backend.tensors.find((t) => t.isLeaf && t.requiresGrad && t.name === leaf);
    if (!x) throw new Error(`no leaf named '${leaf}' that requires a gradient`);
    if (!root.requiresGrad) return null;
    root.backward(undefined, { createGraph: true, retainGraph: true });
    const g = x.grad;
    for (const t of backend.tensors) if (t.isLeaf) t.zeroGrad(); // the double backward fills them afresh
    if (!g.requiresGrad) { g.dispose(); return null; }
    g.name = `d/d${leaf}`;
    const s = g.size === 1 ? g : g.sum();
    backend.tensors.push(g);
    if (s !== g) backend.tensors.push(s);
    s.backward(undefined, { retainGraph: true });
    return modelOf(nb.graph(s).json);
  } finally {
    backend.dispose();
  }
}

/** Adds backward steps to a graph JSON (nb.graph after a retained backward). */
export function modelOf(json) {
  const byId = new Map(json.nodes.map((n) => [n.id, n]));
  const steps = json.backwardOrder.map((id) => {
    const node = byId.get(id);
    const dy = node.grad && node.grad.size === 1 ? node.grad.head[0] : null;
    const ins = json.edges.filter((e) => e.to === id).sort((a, b) => a.input - b.input);
    const inputs = ins.map((e) => {
      const local = scalarLocal(node, ins.map((i) => byId.get(i.from)), e.input);
      return { from: e.from, input: e.input, local, contribution: local === null || dy === null ? null : dy * local };
    });
    return { id, dy, inputs };
  });
  return { ...json, steps };
}

const scalar = (n) => (n?.value && n.value.size === 1 ? n.value.head[0] : null);
const phi = (x) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
const Phi = (x) => 0.5 * (1 + erf(x / Math.SQRT2));
function erf(x) { // Abramowitz-Stegun 7.1.26, |error| < 1.5e-7: enough for a 4-digit label
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/**
 * d(out)/d(input i) of a scalar op node from the values in the graph, or null when a value is a tensor or
 * the op is one this table does not know (the gradient is still the engine's; only the product is not shown).
 */
function scalarLocal(node, inputs, i) {
  const y = scalar(node);
  const xs = inputs.map(scalar);
  if (y === null || xs.some((x) => x === null)) return null;
  const [a, b] = xs;
  switch (node.op) {
    case 'add': return 1;
    case 'sub': return i === 0 ? 1 : -1;
    case 'mul': return xs.length === 1 ? y / a : i === 0 ? b : a;
    case 'div': return i === 0 ? 1 / b : -a / (b * b);
    case 'pow': return i === 0 ? b * a ** (b - 1) : y * Math.log(a);
    case 'neg': return -1;
    case 'exp': return y;
    case 'log': return 1 / a;
    case 'tanh': return 1 - y * y;
    case 'sin': return Math.cos(a);
    case 'cos': return -Math.sin(a);
    case 'sigmoid': return y * (1 - y);
    case 'relu': return a > 0 ? 1 : 0;
    case 'sqrt': return 0.5 / y;
    case 'abs': return Math.sign(a);
    case 'softplus': return 1 / (1 + Math.exp(-a));
    case 'leaky_relu': return a > 0 ? 1 : y / a;
    case 'clamp': return y === a ? 1 : 0;
    case 'gelu': return Phi(a) + a * phi(a);
    case 'sum': case 'max': case 'transpose': case 'reshape': case 'softmax': return node.op === 'softmax' ? 0 : 1;
    default: return null;
  }
}
