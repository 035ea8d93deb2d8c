// nb.elementwiseOp: a user-defined elementwise op from two expression trees over the engine's primitives,
// f(x) and f'(x). The engine runs both (as postfix programs) and records the op as one node whose backward is
// dy * f'(x), so it trains in C++ like a built-in op and, once defined, is an activation name for nb.nn.mlp.
//
// A tree is 'x', a number, or { op, args: [tree, ...], params?: [number, ...] } (params: leaky_relu's slope,
// clamp's bounds). See engine/include/nabla/ops/user_op.h for the ops.
import { NablaError } from './errors.js';
import { raw } from './runtime.js';
import { Tensor, wrap } from './tensor.js';
import { describeValue } from './validate.js';

const ARITY = {
  neg: 1, exp: 1, log: 1, sqrt: 1, abs: 1, sin: 1, cos: 1, tanh: 1, sigmoid: 1, relu: 1, gelu: 1, softplus: 1,
  sum: 1, mean: 1, max: 1, leaky_relu: 1, clamp: 1, add: 2, sub: 2, mul: 2, div: 2, pow: 2,
};
const PARAMS = { leaky_relu: 1, clamp: 2 };

/** The engine's postfix program for a tree; NablaError naming the op, the program and the bad node. */
export function toPostfix(name, which, tree) {
  const out = [];
  const bad = (why) => new NablaError(`elementwiseOp '${name}': ${which}: ${why}`, 'ValueError');
  const visit = (node, depth) => {
    if (depth > 256) throw bad('the tree is nested deeper than 256 levels');
    if (node === 'x') return out.push('x');
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) throw bad(`constant ${node} is not finite`);
      return out.push(String(node));
    }
    if (!node || typeof node !== 'object' || typeof node.op !== 'string') {
      throw bad(`expected 'x', a number or { op, args }, got ${describeValue(node)}`);
    }
    const { op, args = [], params = [] } = node;
    if (!Object.hasOwn(ARITY, op)) throw bad(`unknown op '${op}' (expected one of ${Object.keys(ARITY).join(', ')})`);
    if (!Array.isArray(args) || args.length !== ARITY[op]) throw bad(`${op} takes ${ARITY[op]} argument(s), got ${describeValue(args)}`);
    const want = PARAMS[op] ?? 0;
    if (!Array.isArray(params) || params.length !== want || !params.every(Number.isFinite)) {
      throw bad(`${op} takes ${want} number parameter(s), got ${describeValue(params)}`);
    }
    args.forEach((a) => visit(a, depth + 1));
    out.push([op, ...params].join(':'));
  };
  visit(tree, 0);
  return out.join(' ');
}

/** A registered user op: apply it, or take its derivative; remove() unregisters the name. */
export class ElementwiseOp {
  constructor(name) { this.name = name; }
  apply(x) { return wrap(raw()._applyElementwiseOp(this.name, tensorArg(this.name, x))); }
  derivative(x) { return wrap(raw()._elementwiseOpDerivative(this.name, tensorArg(this.name, x))); }
  remove() { raw()._removeElementwiseOp(this.name); }
}

function tensorArg(name, x) {
  if (!(x instanceof Tensor)) throw new NablaError(`elementwiseOp '${name}': expected a Tensor, got ${describeValue(x)}`, 'ValueError');
  return x._handle;
}

/** Defines (or redefines) the op `name`; the engine checks names, programs and shapes. */
export function elementwiseOp(name, { forward, derivative } = {}) {
  if (typeof name !== 'string') throw new NablaError(`elementwiseOp: name must be a string, got ${describeValue(name)}`, 'ValueError');
  raw()._defineElementwiseOp(name, toPostfix(name, 'forward', forward), toPostfix(name, 'derivative', derivative));
  return new ElementwiseOp(name);
}

/** Whether a user op of that name is defined. */
export const hasElementwiseOp = (name) => typeof name === 'string' && raw()._hasElementwiseOp(name);
