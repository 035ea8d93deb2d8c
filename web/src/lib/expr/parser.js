// Recursive-descent parser from source text to an AST; every node carries its 1-based line and column.
//
// Grammar (loosest first; '**' is right-associative and binds tighter than a unary sign on its left, as in Python):
//   program   = statement { (';' | newline) statement }      empty statements are skipped
//   statement = name '=' expr | expr
//   expr      = term { ('+' | '-') term }
//   term      = unary { ('*' | '/') unary }
//   unary     = ('-' | '+') unary | power
//   power     = primary [ '**' unary ]                       so 2**-1 works and -2**2 = -(2**2)
//   primary   = number | name | name '(' [ expr { ',' expr } ] ')' | '(' expr ')' | tensor
//   tensor    = '[' element { ',' element } ']'               element = tensor | ['-' | '+'] number
//
// Nodes (position = first token, except Binary, which sits at its operator so errors point at it):
//   Program { body: [statement] }            Assign { name, value }       Number { value }
//   Identifier { name }                      Unary { op: '-'|'+', operand }
//   Binary { op: '+'|'-'|'*'|'/'|'**', left, right }
//   Call { callee: Identifier, args: [expr] }
//   Tensor { values: [number] (flat, row-major), shape: [int] }
import { ExprError, fail } from './errors.js';
import { tokenize, describe } from './lexer.js';

export { ExprError };

const node = (type, at, fields) => ({ type, line: at.line, column: at.column, ...fields });
/// Deepest AST a program may build (brackets, calls, signs, '**', and operators chained in one sum or product):
/// parsing and evaluating recurse once per level, so without a bound "((((...1" overflows the JS stack.
export const MAX_DEPTH = 256;

/// Parses a whole program; throws ExprError (with position) on any syntax error or an empty program.
export function parse(source) {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = (ahead = 0) => tokens[Math.min(pos + ahead, tokens.length - 1)];
  const next = () => tokens[pos++];
  const isPunct = (text, token = peek()) => token.type === 'punct' && token.text === text;
  const isSeparator = (token = peek()) => token.type === 'newline' || isPunct(';', token);
  const expect = (text, opener) => {
    if (isPunct(text)) return next();
    const found = peek();
    // At end of input the opener may be far away, so say which bracket is still open.
    const note = opener && found.type === 'eof'
      ? ` to close '${opener.text}' at line ${opener.line}, column ${opener.column}` : '';
    fail(`expected '${text}'${note} but found ${describe(found)}`, found);
  };

  let depth = 0;
  const deeper = (at) => {
    if (++depth > MAX_DEPTH) fail(`expression nested deeper than ${MAX_DEPTH} levels`, at);
  };

  const body = [];
  for (;;) {
    while (isSeparator()) next();
    if (peek().type === 'eof') break;
    body.push(statement());
    if (!isSeparator() && peek().type !== 'eof') {
      fail(`expected ';' or end of line but found ${describe(peek())}`, peek());
    }
  }
  if (body.length === 0) fail('expected an expression but found end of input (the program is empty)', peek());
  return node('Program', { line: 1, column: 1 }, { body });

  function statement() {
    if (peek().type === 'name' && isPunct('=', peek(1))) {
      const name = next();
      next(); // '='
      return node('Assign', name, { name: name.text, value: expr() });
    }
    return expr();
  }

  // One loop for both left-associative levels: expr over '+' '-', term over '*' '/'.
  function leftAssoc(operators, operand) {
    const outer = depth;
    let left = operand();
    while (peek().type === 'punct' && operators.includes(peek().text)) {
      const op = next();
      deeper(op); // each operator of a chain nests the chain so far one level deeper
      left = node('Binary', op, { op: op.text, left, right: operand() });
    }
    depth = outer;
    return left;
  }
  function expr() { return leftAssoc(['+', '-'], term); }
  function term() { return leftAssoc(['*', '/'], unary); }

  function unary() {
    if (isPunct('-') || isPunct('+')) {
      const op = next();
      deeper(op);
      const operand = unary();
      depth--;
      return node('Unary', op, { op: op.text, operand });
    }
    return power();
  }

  function power() {
    const base = primary();
    if (!isPunct('**')) return base;
    const op = next();
    deeper(op);
    const right = unary();
    depth--;
    return node('Binary', op, { op: '**', left: base, right });
  }

  function primary() {
    const token = peek();
    if (token.type === 'number') return node('Number', next(), { value: token.value });
    if (token.type === 'name') {
      next();
      const callee = node('Identifier', token, { name: token.text });
      return isPunct('(') ? call(callee) : callee;
    }
    if (isPunct('(')) {
      const open = next();
      deeper(open);
      const inner = expr();
      expect(')', open);
      depth--;
      return inner;
    }
    if (isPunct('[')) return tensor();
    fail(`expected an expression but found ${describe(token)}`, token);
  }

  function call(callee) {
    const open = next(); // '('
    deeper(open);
    const args = [];
    if (!isPunct(')')) {
      args.push(expr());
      while (isPunct(',')) { next(); args.push(expr()); }
    }
    expect(')', open);
    depth--;
    return node('Call', callee, { callee, args });
  }

  // Reads nested brackets into one flat list; every row at a depth must have the first row's length and nesting.
  function tensor() {
    const start = peek();
    const values = [];
    const shape = tensorLevel(values, null);
    return node('Tensor', start, { values, shape });
  }

  // Reads one bracketed level and returns its shape; `expected` is the shape an earlier sibling set, or null.
  function tensorLevel(values, expected) {
    const open = expect('[');
    deeper(open);
    let inner = expected && expected.slice(1); // shape of each element, once known
    let count = 0;
    for (;;) {
      const isRow = isPunct('[');
      if (inner && isRow !== inner.length > 0) {
        const want = inner.length ? "'['" : 'a number';
        fail(`ragged tensor literal: expected ${want} but found ${describe(peek())}`, peek());
      }
      const shape = isRow ? tensorLevel(values, inner) : scalarElement(values);
      inner ??= shape;
      count++;
      if (!isPunct(',')) break;
      next();
    }
    expect(']', open);
    // A row shorter or longer than the first one at its depth is reported at its own '['.
    if (expected && expected[0] !== count) {
      const elements = expected[0] === 1 ? 'element' : 'elements';
      fail(`ragged tensor literal: expected ${expected[0]} ${elements} but found ${count}`, open);
    }
    depth--;
    return [count, ...inner];
  }

  function scalarElement(values) {
    const sign = isPunct('-') || isPunct('+') ? next() : null;
    const token = peek();
    if (token.type !== 'number') {
      fail(`expected ${sign ? 'a number' : "a number or '['"} in tensor literal but found ${describe(token)}`, token);
    }
    next();
    values.push(sign?.text === '-' ? -token.value : token.value);
    return [];
  }
}
