// The expression language of the graph page: parse source, then evaluate it on a backend.
export { ExprError } from './errors.js';
export { tokenize } from './lexer.js';
export { parse } from './parser.js';
export { evaluate } from './evaluate.js';
export { FUNCTIONS } from './functions.js';
export { Value, scalarBackend } from './scalarBackend.js';
