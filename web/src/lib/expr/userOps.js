// User-defined elementwise ops of the expression language: a learner types f(x) and f'(x) (no eval: both go
// through parse), the engine checks f' against central differences of f at seeded random points, and an op
// that passes is registered in the engine (nb.elementwiseOp), callable in programs and offered as a playground
// activation. The page keeps passing definitions in localStorage (userOpStore.js), so the playground sees them.
import { ExprError, fail } from './errors.js';
import { FUNCTIONS, USER_FUNCTIONS } from './functions.js';
import { parse } from './parser.js';
import { makeRng } from './rng.js';
import { OK, relativeError } from './gradcheck.js';

/** Ops of the language that map x to x's shape elementwise, with their engine primitive. */
const ELEMENTWISE = new Set(['tanh', 'relu', 'sigmoid', 'exp', 'sin', 'cos', 'log', 'sqrt', 'abs', 'gelu', 'softplus',
  'leaky_relu', 'clamp', 'pow']);
// Reductions are passed on: the engine's shape check reports them (the op would not be elementwise).
const REDUCTIONS = new Set(['sum', 'mean', 'max']);
const BINARY = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '**': 'pow' };

/** The spec evaluate() uses for a user op's call (one tensor argument); `user` holds its definition. */
const userFunction = (name, user) => Object.freeze({ op: name, params: [{ name: 'x' }], minArgs: 1, maxArgs: 1, user });

/**
 * The engine's expression tree (nb.elementwiseOp's OpTree) for `source`, a single expression of x.
 * ExprError at the offending spot for a syntax error, an unknown name, or anything but x, numbers and
 * elementwise calls.
 */
export function toOpTree(source) {
  const program = parse(source);
  if (program.body.length !== 1 || program.body[0].type === 'Assign') {
    fail('a user op is one expression of x (no assignments, no second statement)', program.body.at(-1));
  }
  return tree(program.body[0]);

  function tree(node) {
    switch (node.type) {
      case 'Number': return node.value;
      case 'Identifier':
        if (node.name !== 'x') fail(`unknown variable '${node.name}': a user op is a function of x alone`, node);
        return 'x';
      case 'Unary': return node.op === '-' ? { op: 'neg', args: [tree(node.operand)] } : tree(node.operand);
      case 'Binary': return { op: BINARY[node.op], args: [tree(node.left), tree(node.right)] };
      case 'Tensor': return fail('a user op takes number constants, not tensors', node);
      case 'Call': return call(node);
      default: return fail(`cannot use a ${node.type} in a user op`, node);
    }
  }

  function call(node) {
    const { name } = node.callee;
    const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : null;
    if (!spec) fail(`unknown function '${name}'; a user op may call ${[...ELEMENTWISE, ...REDUCTIONS].join(', ')}`, node.callee);
    if (!ELEMENTWISE.has(spec.op) && !REDUCTIONS.has(spec.op)) fail(`${name}() is not elementwise, so a user op cannot call it`, node.callee);
    const count = node.args.length;
    if (count < spec.minArgs || count > spec.maxArgs) fail(`${name}() expects ${spec.minArgs} to ${spec.maxArgs} arguments but found ${count}`, node);
    const args = [], params = [];
    spec.params.forEach((param, i) => {
      const arg = node.args[i];
      if (!param.number) { args.push(tree(arg)); return; }
      if (!arg) { params.push(param.default); return; }
      const value = signedNumber(arg);
      if (value === null) fail(`expected a number for ${name}()'s '${param.name}' argument`, arg);
      params.push(value);
    });
    if (spec.op === 'pow') return { op: 'pow', args };
    return params.length ? { op: spec.op, args, params } : { op: spec.op, args };
  }
}

// A number literal with optional signs (clamp(x, -1, 1)), or null.
function signedNumber(node) {
  if (node.type === 'Number') return node.value;
  if (node.type !== 'Unary') return null;
  const inner = signedNumber(node.operand);
  return inner === null ? null : node.op === '-' ? -inner : inner;
}

/** Why a definition is refused, by part: { part: 'name'|'forward'|'backward'|'gradcheck', message, line?, column? }. */
export class UserOpError extends Error {
  constructor(part, message, at = null) {
    super(message);
    this.name = 'UserOpError';
    this.part = part;
    if (at) Object.assign(this, { line: at.line, column: at.column });
  }
}

/** The example the panel starts with. */
export const SWISH = { name: 'swish', forward: 'x * sigmoid(x)', backward: 'sigmoid(x) * (1 + x * (1 - sigmoid(x)))' };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Checks a definition and, if f' agrees with central differences of f at `count` seeded points in [-3, 3],
 * registers it in the engine. Returns { name, rows: [{ x, backward, numeric }], relError, op }; throws
 * UserOpError naming the part at fault (the engine stays as it was: nothing is registered on failure).
 */
export function defineUserOp(nb, { name, forward, backward }, { count = 12, seed = 1 } = {}) {
  name = String(name ?? '').trim();
  if (!NAME.test(name)) throw new UserOpError('name', `the name '${name}' is not an identifier (letters, digits and _, not first a digit)`);
  if (Object.hasOwn(FUNCTIONS, name)) throw new UserOpError('name', `'${name}' is a built-in function; choose another name`);
  const trees = {};
  for (const [part, source] of [['forward', forward], ['backward', backward]]) {
    try {
      trees[part] = toOpTree(String(source ?? ''));
    } catch (err) {
      if (err instanceof ExprError) throw new UserOpError(part, `${part}: ${err.message}`, err);
      throw err;
    }
  }
  // A trial name, so that a failing definition never replaces a working op of the same name.
  const trial = `${name}__trial`;
  let op;
  try {
    op = nb.elementwiseOp(trial, { forward: trees.forward, derivative: trees.backward });
  } catch (err) {
    const part = /derivative/.test(err.message) ? 'backward' : /forward/.test(err.message) ? 'forward' : 'name';
    throw new UserOpError(part, err.message.replaceAll(trial, name).replace('derivative', 'backward'));
  }
  try {
    const result = gradcheck(nb, op, count, seed);
    if (!(result.relError < OK)) {
      const miss = (r) => (Number.isFinite(r.backward - r.numeric) ? Math.abs(r.backward - r.numeric) : Infinity);
      const worst = result.rows.reduce((a, b) => (miss(b) > miss(a) ? b : a));
      throw Object.assign(new UserOpError('gradcheck', `gradient check failed: at x = ${worst.x.toFixed(3)} the backward gives ${worst.backward.toPrecision(4)} `
        + `but the central difference of the forward is ${worst.numeric.toPrecision(4)} (relative error ${result.relError.toPrecision(2)}, must be below ${OK})`), { rows: result.rows });
    }
    const engine = nb.elementwiseOp(name, { forward: trees.forward, derivative: trees.backward });
    const user = { forward: String(forward), backward: String(backward), engine };
    USER_FUNCTIONS.set(name, userFunction(name, user));
    return { name, ...user, rows: result.rows, relError: result.relError };
  } finally {
    op.remove();
  }
}

/** The registered op's backward (through the engine's autograd of op.apply) against central differences. */
function gradcheck(nb, op, count, seed) {
  const rng = makeRng(seed);
  const xs = Float32Array.from({ length: count }, () => -3 + 6 * rng.uniform());
  return nb.tidy(() => {
    const x = nb.tensor(xs, [count], { requiresGrad: true });
    const [g] = nb.gradients(op.apply(x).sum(), [x]);
    const backward = g.data();
    const h = Float32Array.from(xs, (v) => 1e-3 * Math.max(1, Math.abs(v)));
    const at = (sign) => nb.noGrad(() => op.apply(nb.tensor(Float32Array.from(xs, (v, i) => v + sign * h[i]), [count])).data());
    const up = at(1), down = at(-1);
    const numeric = Array.from(xs, (_, i) => (up[i] - down[i]) / (2 * h[i]));
    const rows = Array.from(xs, (v, i) => ({ x: v, backward: backward[i], numeric: numeric[i] }));
    return { rows, relError: relativeError(Array.from(backward), numeric) };
  });
}

/** Unregisters a user op from the engine and the language. */
export function removeUserOp(name) {
  USER_FUNCTIONS.get(name)?.user.engine.remove();
  USER_FUNCTIONS.delete(name);
}

/** Registers a definition in the engine only (no check: a worker replaying ops the page checked); returns the handle. */
export function registerChecked(nb, { name, forward, backward }) {
  return nb.elementwiseOp(name, { forward: toOpTree(forward), derivative: toOpTree(backward) });
}
