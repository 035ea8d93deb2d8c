// The curve y = f(x) of the playground's "y > f(x)" dataset, typed in the expression language
// (web/src/lib/expr: + - * / **, tanh, relu, exp, log, ...) and evaluated on its scalar backend, not eval().
import { ExprError, evaluate, parse, scalarBackend } from '../expr/index.js';

/** The curve a new "y > f(x)" set starts from. */
export const DEFAULT_CURVE = '0.2 * x**2 - 2';

/**
 * f(x) as a function of a number. Throws an Error naming the column and problem when `source` does not parse,
 * uses a variable other than x, or gives no finite number at x = 0.
 */
export function compileCurve(source) {
  const text = String(source ?? '').trim();
  if (!text) throw new Error('f(x): type a formula in x, e.g. 0.2 * x**2 - 2');
  let ast;
  try {
    ast = parse(`x = 0;\n${text}`); // x is the program's first statement; the formula is line 2
  } catch (err) {
    throw curveError(text, err);
  }
  if (ast.body.length !== 2 || ast.body[1].type === 'Assign') {
    throw new Error(`f(x) "${text}": expected one formula in x, not a program of statements`);
  }
  const x = ast.body[0].value; // the literal node of `x = 0`, set to each x in turn
  const f = (at) => {
    x.value = at;
    try {
      return evaluate(ast, scalarBackend).value.data;
    } catch (err) {
      throw curveError(text, err);
    }
  };
  const probe = f(0);
  if (typeof probe !== 'number' || Number.isNaN(probe)) throw new Error(`f(x) "${text}": gives no number at x = 0`);
  return f;
}

function curveError(text, err) {
  if (!(err instanceof ExprError)) return err;
  const where = err.line === 2 ? `column ${err.column}: ` : '';
  return new Error(`f(x) "${text}": ${where}${err.reason}`);
}
