// The one error type of the expression language, so the editor can underline the exact spot.

/// An error at a 1-based (line, column) of the source; `reason` is the message without the position.
export class ExprError extends Error {
  constructor(reason, line, column, options) {
    super(`line ${line}, column ${column}: ${reason}`, options);
    this.name = 'ExprError';
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}

/// Throws an ExprError placed at `at` (any token or AST node: both carry line and column).
export function fail(reason, at, options) {
  throw new ExprError(reason, at.line, at.column, options);
}
