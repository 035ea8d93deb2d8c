// Turns source text into tokens for the parser. Token: { type, text, value?, line, column }, 1-based positions.
// Types: 'number' (value is the parsed number), 'name', 'punct' (operators, brackets, ',', ';', '='),
// 'newline' (a statement separator; only emitted outside brackets, like Python) and a final 'eof'.
import { fail } from './errors.js';

const PUNCT = ['**', '+', '-', '*', '/', '=', '(', ')', '[', ']', ',', ';'];
const isDigit = (c) => c >= '0' && c <= '9';
const isNameStart = (c) => /[A-Za-z_]/.test(c);
const isNameChar = (c) => /[A-Za-z0-9_]/.test(c);

/// How a token reads in an error message: "expected X but found <describe(token)>".
export function describe(token) {
  if (token.type === 'eof') return 'end of input';
  if (token.type === 'newline') return 'end of line';
  return `'${token.text}'`;
}

/// Splits `source` into tokens; throws ExprError on a character no token can start with or a malformed number.
export function tokenize(source) {
  const tokens = [];
  let i = 0, line = 1, lineStart = 0;
  let depth = 0; // open ( and [ — newlines inside them do not end a statement
  const here = () => ({ line, column: i - lineStart + 1 });

  while (i < source.length) {
    const c = source[i];
    if (c === '\n') {
      if (depth === 0) tokens.push({ type: 'newline', text: '\n', ...here() });
      i++; line++; lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      tokens.push(readNumber());
    } else if (isNameStart(c)) {
      const start = here(), from = i;
      while (i < source.length && isNameChar(source[i])) i++;
      tokens.push({ type: 'name', text: source.slice(from, i), ...start });
    } else {
      const text = PUNCT.find((p) => source.startsWith(p, i));
      if (!text) fail(`expected a number, name or operator but found '${c}'`, here());
      if (text === '(' || text === '[') depth++;
      if ((text === ')' || text === ']') && depth > 0) depth--;
      tokens.push({ type: 'punct', text, ...here() });
      i += text.length;
    }
  }
  tokens.push({ type: 'eof', text: '', ...here() });
  return tokens;

  // Digits with an optional fraction ("1.", ".5", "1.5") and exponent ("1e-3"), read as one JS number.
  function readNumber() {
    const start = here(), from = i;
    while (isDigit(source[i] ?? '')) i++;
    if (source[i] === '.') { i++; while (isDigit(source[i] ?? '')) i++; }
    if (source[i] === 'e' || source[i] === 'E') {
      i++;
      if (source[i] === '+' || source[i] === '-') i++;
      if (!isDigit(source[i] ?? '')) {
        const found = i >= source.length ? 'end of input' : source[i] === '\n' ? 'end of line' : `'${source[i]}'`;
        fail(`expected a digit in the exponent of '${source.slice(from, i)}' but found ${found}`, here());
      }
      while (isDigit(source[i] ?? '')) i++;
    }
    const text = source.slice(from, i);
    return { type: 'number', text, value: Number(text), ...start };
  }
}
