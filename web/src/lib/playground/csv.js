// Points as CSV: `x,y,label` lines, or a table of two or more feature columns then the label (a class or a
// regression target), with an optional header line. Parsing reports the first bad line.

/**
 * Parses CSV text into a table { names, rows: number[][] (features per row), labels: number[] }; throws an
 * Error naming the line and the problem. Every row has the first row's number of values.
 */
export function parseTableCsv(text, { regression = false, maxClasses = 5, maxFeatures = 64 } = {}) {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() && !l.trim().startsWith('#'));
  let names = null, width = 0, widthLine = 0;
  const rows = [], labels = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    if (!width) {
      if (cells.length < 3) {
        throw new Error(`CSV line ${i + 1}: expected at least 3 values (two or more features, then the label), found ${cells.length}`);
      }
      if (cells.length - 1 > maxFeatures) throw new Error(`CSV line ${i + 1}: ${cells.length - 1} feature columns, at most ${maxFeatures}`);
      [width, widthLine] = [cells.length, i + 1];
    }
    if (i === first && cells.some((c) => c !== '' && isNaN(Number(c)))) {
      names = cells.slice(0, -1).map((c, j) => c || `column ${j + 1}`);
      return;
    }
    if (cells.length !== width) {
      throw new Error(`CSV line ${i + 1}: expected ${width} values (${width - 1} features and the label, as on line ${widthLine}), found ${cells.length}`);
    }
    const values = cells.map(Number);
    if (!values.every((v, j) => cells[j] !== '' && Number.isFinite(v))) throw new Error(`CSV line ${i + 1}: "${line}" has a value that is not a number`);
    const label = values.pop();
    if (!regression && (!Number.isInteger(label) || label < 0 || label >= maxClasses)) {
      throw new Error(`CSV line ${i + 1}: label ${label} is not a class 0..${maxClasses - 1} (classes are whole numbers; ` +
        'for numbers to fit, choose regression targets)');
    }
    rows.push(values);
    labels.push(label);
  });
  if (!rows.length) throw new Error(`CSV: no points found (expected lines of x,y,${regression ? 'target' : 'label'} or more feature columns)`);
  names ??= width === 3 ? ['x', 'y'] : Array.from({ length: width - 1 }, (_, j) => `column ${j + 1}`);
  return { names, rows, labels };
}

/** Points { x, y, label } from CSV text of exactly two feature columns (see parseTableCsv). */
export function parsePointsCsv(text, options) {
  const { rows, labels } = parseTableCsv(text, options);
  if (rows[0].length !== 2) throw new Error(`CSV: expected the columns x,y,label, found ${rows[0].length} feature columns`);
  return rows.map(([x, y], i) => ({ x, y, label: labels[i] }));
}

/** Points to CSV text with an `x,y,label` header (the format parsePointsCsv reads back). */
export function formatPointsCsv(points) {
  return formatTableCsv({ names: ['x', 'y'], rows: points.map((p) => [p.x, p.y]), labels: points.map((p) => p.label) });
}

/** A table { names, rows, labels } to CSV text with a header (what parseTableCsv reads back). */
export function formatTableCsv({ names, rows, labels }) {
  const cell = (v) => (Number.isInteger(v) ? String(v) : String(round(v)));
  return [[...names, 'label'].join(','), ...rows.map((r, i) => [...r, labels[i]].map(cell).join(','))].join('\n') + '\n';
}

const round = (v) => Math.round(v * 1e5) / 1e5;
