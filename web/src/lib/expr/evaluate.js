// Walks a parsed program and builds the computation through a pluggable backend, so the same program can run on
// the nabla engine or on the pure-JS scalar reference in tests.
//
// Backend interface (T is whatever value type the backend uses):
//   constant(values: number[], shape: number[], { name?: string, requiresGrad: boolean }) -> T
//       values are flat, row-major; a scalar has shape [] and one value
//   unary('neg', a: T) -> T
//   binary(op: 'add'|'sub'|'mul'|'div'|'pow', a: T, b: T) -> T
//   call(op: string, args: (T|number)[]) -> T   op and argument kinds as in FUNCTIONS; all arguments present
//   name?(value: T, name: string) -> T|undefined   optional: label a computed value (return a replacement or nothing)
import { ExprError, fail } from './errors.js';
import { FUNCTIONS, USER_FUNCTIONS } from './functions.js';

export { FUNCTIONS };

const BINARY_OPS = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '**': 'pow' };

/// Evaluates a Program AST; returns { value, variables } where value is the last statement's result and
/// variables maps each assigned name to its latest value. Throws ExprError at the node that failed.
export function evaluate(ast, backend) {
  const variables = new Map();
  let value;
  for (const statement of ast.body) value = run(statement);
  return { value, variables };

  function run(node) {
    if (node.type !== 'Assign') return expression(node);
    const literal = literalOf(node.value);
    let result;
    if (literal) {
      // `a = 1.5` makes a named leaf that gradients flow to, like micrograd's Value(1.5, label='a').
      const options = { name: node.name, requiresGrad: true };
      result = atNode(node, () => backend.constant(literal.values, literal.shape, options));
    } else {
      result = expression(node.value);
      // `b = a` (or `b = +a`) only aliases: renaming would take a's label away from it.
      const isAlias = [...variables.values()].includes(result);
      if (backend.name && !isAlias) {
        result = atNode(node, () => backend.name(result, node.name)) ?? result;
      }
    }
    variables.set(node.name, result);
    return result;
  }

  function expression(node) {
    const literal = literalOf(node);
    if (literal) return atNode(node, () => backend.constant(literal.values, literal.shape, { requiresGrad: false }));
    switch (node.type) {
      case 'Identifier':
        if (!variables.has(node.name)) fail(`unknown variable '${node.name}'`, node);
        return variables.get(node.name);
      case 'Unary': {
        const operand = expression(node.operand);
        return node.op === '-' ? atNode(node, () => backend.unary('neg', operand)) : operand;
      }
      case 'Binary': {
        const left = expression(node.left), right = expression(node.right);
        return atNode(node, () => backend.binary(BINARY_OPS[node.op], left, right));
      }
      case 'Call':
        return call(node);
      default:
        fail(`cannot evaluate a ${node.type} node`, node);
    }
  }

  function call(node) {
    const { name } = node.callee;
    const spec = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : USER_FUNCTIONS.get(name);
    if (!spec) fail(`unknown function '${name}'; expected one of ${[...Object.keys(FUNCTIONS), ...USER_FUNCTIONS.keys()].join(', ')}`, node.callee);
    const count = node.args.length;
    if (count < spec.minArgs || count > spec.maxArgs) {
      const want = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
      fail(`${name}() expects ${want} argument${spec.maxArgs === 1 ? '' : 's'} but found ${count}`, node);
    }
    const args = spec.params.map((param, i) => {
      const arg = node.args[i];
      if (!arg) return param.default;
      if (!param.number) return expression(arg);
      const literal = literalOf(arg);
      if (!literal || literal.shape.length) {
        const found = arg.type === 'Identifier' ? `'${arg.name}'` : `a ${arg.type.toLowerCase()}`;
        fail(`expected a number for ${name}()'s '${param.name}' argument but found ${found}`, arg);
      }
      return literal.values[0];
    });
    return atNode(node, () => backend.call(spec.op, args));
  }
}

// A number or tensor literal, optionally signed: { values, shape }, or null for anything else.
function literalOf(node) {
  if (node.type === 'Number') return { values: [node.value], shape: [] };
  if (node.type === 'Tensor') return { values: node.values, shape: node.shape };
  if (node.type === 'Unary') {
    const inner = literalOf(node.operand);
    if (inner && node.op === '-') return { values: inner.values.map((v) => -v), shape: inner.shape };
    return inner;
  }
  return null;
}

// Backend errors (shape mismatches, unsupported ops) get the position of the node that caused them.
function atNode(node, thunk) {
  try {
    return thunk();
  } catch (error) {
    if (error instanceof ExprError) throw error;
    throw new ExprError(error?.message ?? String(error), node.line, node.column, { cause: error });
  }
}
