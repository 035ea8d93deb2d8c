// The MNIST page's architecture editor, in plain data: layer rows <-> the engine's layer-spec text
// (engine/include/nabla/nn/spec.h), the presets as specs, the spec in the address, and the engine's
// checkSpec answer mapped back onto the rows. Only syntax lives here: shapes, parameter counts and every
// error come from the engine (nb.nn.checkSpec).
//   row = { kind, args: { key: string }, body?: row[] (res only) } | { kind: 'raw', text } (kept as written)

const INITS = ['default', 'xavier_uniform', 'xavier_normal', 'kaiming_uniform', 'kaiming_normal', 'zeros'];

/**
 * The layers the editor offers: each argument's key as the spec names it, whether it is written by
 * position, its default (an omitted keyword argument means the default), and a menu's choices if any.
 */
export const LAYERS = {
  conv: { label: 'conv', args: [
    { key: 'channels', label: 'channels', value: '8', positional: true },
    { key: 'kernel', label: 'kernel', value: '3', positional: true },
    { key: 'stride', label: 'stride', value: '1' },
    { key: 'pad', label: 'padding', value: '0' },
    { key: 'init', label: 'init', value: 'default', choices: INITS }] },
  bn: { label: 'batchnorm', args: [] },
  relu: { label: 'relu', args: [] },
  leaky_relu: { label: 'leaky relu', args: [] },
  tanh: { label: 'tanh', args: [] },
  sigmoid: { label: 'sigmoid', args: [] },
  gelu: { label: 'gelu', args: [] },
  maxpool: { label: 'max-pool', args: [
    { key: 'kernel', label: 'window', value: '2', positional: true },
    { key: 'stride', label: 'stride', value: '', hint: 'window' }] },
  avgpool: { label: 'avg-pool', args: [
    { key: 'kernel', label: 'window', value: '2', positional: true },
    { key: 'stride', label: 'stride', value: '', hint: 'window' }] },
  dropout: { label: 'dropout', args: [{ key: 'p', label: 'p', value: '0.25', positional: true }] },
  flatten: { label: 'flatten', args: [] },
  linear: { label: 'linear', args: [
    { key: 'features', label: 'features', value: '10', positional: true },
    { key: 'dropconnect', label: 'dropconnect', value: '0' },
    { key: 'init', label: 'init', value: 'default', choices: INITS }] },
  res: { label: 'residual block', args: [] },
};
const ALIASES = { pool: 'maxpool', batchnorm: 'bn' };

/**
 * Model presets as layer specs: what the worker builds for each. An MLP's spec is the model nb.nn.mlp makes
 * for `hidden` (He-initialised hidden layers), which the embeddable digit widget builds.
 */
export const PRESETS = {
  mlp128: { label: 'MLP 784-128-10', hidden: [128], spec: 'linear(128,init=kaiming_uniform)-relu-linear(10)' },
  mlp256: { label: 'MLP 784-256-128-10', hidden: [256, 128],
    spec: 'linear(256,init=kaiming_uniform)-relu-linear(128,init=kaiming_uniform)-relu-linear(10)' },
  // The engine's convnet preset (nn/presets.h kMnistConvnetSpec: 98.22% after one epoch of Adam 1e-3, batch 64).
  convnet: { label: 'Convnet (conv 12@5×5 → batch norm → pool → conv 24@5×5 → batch norm → pool → linear)', hidden: null,
    spec: 'conv(12,5,pad=2)-bn-relu-maxpool(2)-conv(24,5,pad=2)-bn-relu-maxpool(2)-flatten-linear(10)' },
};

/** The preset whose spec is `spec`, or 'custom'. */
export function presetOf(spec) {
  return Object.keys(PRESETS).find((k) => PRESETS[k].spec === spec) ?? 'custom';
}

/** A new row of `kind` with its default arguments (a residual block starts as conv-relu that keeps the shape). */
export function newRow(kind) {
  if (kind === 'res') return { kind, args: {}, body: [newRow('conv'), newRow('relu')].map((r, i) => (i ? r : { ...r, args: { ...r.args, pad: '1' } })) };
  const spec = LAYERS[kind];
  if (!spec) throw new Error(`unknown layer kind "${kind}"`);
  return { kind, args: Object.fromEntries(spec.args.map((a) => [a.key, a.value])) };
}

function rowText(row) {
  if (row.kind === 'raw') return row.text;
  const spec = LAYERS[row.kind];
  const positional = [], keyed = [];
  for (const a of spec.args) {
    const v = String(row.args[a.key] ?? '').trim();
    if (a.positional) positional.push(v);
    else if (v !== '' && v !== a.value) keyed.push(`${a.key}=${v}`);
  }
  // Empty trailing positions are left out, so the engine names what is missing ("conv needs a kernel size").
  while (positional.length && positional.at(-1) === '') positional.pop();
  const parts = [...positional, ...keyed];
  return parts.length ? `${row.kind}(${parts.join(',')})` : row.kind;
}

/**
 * The spec text of `rows` and where each row starts and ends in it: flat, in the order the engine lists
 * its layers (a residual block, then its body), each { row, depth, start, end }.
 */
export function specOf(rows) {
  const flat = [];
  const walk = (list, offset, depth) => {
    let text = '';
    list.forEach((row, i) => {
      if (i) text += '-';
      const start = offset + text.length;
      const entry = { row, depth, start, end: start };
      flat.push(entry);
      if (row.kind === 'res') text += `res(${walk(row.body, start + 4, depth + 1)})`;
      else text += rowText(row);
      entry.end = offset + text.length;
    });
    return text;
  };
  return { text: walk(rows, 0, 0), flat };
}

/** The top-level layers of a spec text (what the model's children are, after a leading Reshape): [{ row, text }]. */
export function topLevel(spec) {
  const { text, flat } = specOf(rowsOf(spec));
  return flat.filter((f) => f.depth === 0).map((f) => ({ row: f.row, text: text.slice(f.start, f.end) }));
}

// Splits `text` at the '-' between layers (not inside parentheses), each piece with its offset.
function splitLayers(text, offset) {
  const pieces = [];
  let depth = 0, start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    // '=-' or '(-' or ',-' is a sign, not a separator (as the engine's parser reads it).
    else if (i === text.length || (ch === '-' && depth === 0 && !/[=(,]\s*$/.test(text.slice(start, i)))) {
      pieces.push({ text: text.slice(start, i), at: offset + start });
      start = i + 1;
    }
  }
  return pieces;
}

/** Rows for a spec text (from a link): layers the editor knows become rows, anything else a raw row kept as written. */
export function rowsOf(text) {
  if (!text.trim()) return [];
  return splitLayers(text, 0).map(({ text: piece }) => {
    const t = piece.trim();
    const m = /^([a-z_]+)\s*(?:\((.*)\))?$/s.exec(t);
    const kind = m && (ALIASES[m[1]] ?? m[1]);
    if (!m || !LAYERS[kind]) return { kind: 'raw', text: t };
    if (kind === 'res') return m[2] === undefined ? { kind: 'raw', text: t } : { kind, args: {}, body: rowsOf(m[2]) };
    const row = newRow(kind);
    const spec = LAYERS[kind];
    // Positional arguments not written stay empty (the engine says what is missing, or takes its default).
    for (const a of spec.args) if (a.positional) row.args[a.key] = '';
    const given = m[2] === undefined || m[2].trim() === '' ? [] : m[2].split(',').map((s) => s.trim());
    // Parentheses in an argument: unbalanced text the editor cannot field; the engine says where it breaks.
    if (given.some((g) => /[()]/.test(g))) return { kind: 'raw', text: t };
    let positional = 0;
    for (const g of given) {
      const eq = g.indexOf('=');
      const key = eq >= 0 ? g.slice(0, eq).trim() : spec.args.filter((a) => a.positional)[positional++]?.key;
      // Arguments the editor has no field for: keep the layer as written, so the engine judges it.
      if (!key || !spec.args.some((a) => a.key === key)) return { kind: 'raw', text: t };
      row.args[key] = eq >= 0 ? g.slice(eq + 1).trim() : g;
    }
    return row;
  });
}

/**
 * Each flat row's check result from the engine's answer: { output, parameters, error } where output is the
 * per-sample shape (null when the engine did not get that far) and error the engine's message for the
 * failing row. `spanError` is the engine's error when it names no row (a syntax error or the model's end).
 */
export function statusOf(flat, check) {
  const byStart = new Map(check.layers.map((l, i) => [l.position, { ...l, index: i }]));
  const status = flat.map((f) => {
    const l = byStart.get(f.start);
    return { output: l && l.output.length ? l.output : null, parameters: l ? l.parameters : null, error: '' };
  });
  let spanError = '';
  if (check.error) {
    const failing = check.errorLayer >= 0 ? check.layers[check.errorLayer] : null;
    let k = failing ? flat.findIndex((f) => f.start === failing.position) : -1;
    if (k < 0) {
      // A syntax error: the innermost row whose text holds the position.
      for (let i = 0; i < flat.length; i++) if (check.errorPosition >= flat[i].start && check.errorPosition <= flat[i].end) k = i;
    }
    if (k >= 0) status[k].error = check.error;
    else spanError = check.error;
  }
  return { status, spanError };
}

/** The address fragment that reopens `spec`: #spec=conv(8,5)-relu-... (',' and '=' left readable). */
export function hashOfSpec(spec) {
  return `#spec=${encodeURIComponent(spec).replace(/%2C/g, ',').replace(/%3D/g, '=')}`;
}

/** The spec in an address fragment, or null when it has none. */
export function specOfHash(hash) {
  const m = /(?:^#|&)spec=([^&]*)/.exec(hash ?? '');
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}
