// Points as CSV: `x,y,label` lines, an optional header line. Parsing reports the first bad line.

/** Parses CSV text into points; throws an Error naming the line and the problem. */
export function parsePointsCsv(text, { regression = false, maxClasses = 5 } = {}) {
  const lines = text.split(/\r?\n/);
  const points = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim());
    if (points.length === 0 && i === firstDataLine(lines) && cells.some((c) => c !== '' && isNaN(Number(c)))) return;
    if (cells.length !== 3) throw new Error(`CSV line ${i + 1}: expected 3 values x,y,label, found ${cells.length}`);
    const [x, y, label] = cells.map(Number);
    if (![x, y, label].every(Number.isFinite)) throw new Error(`CSV line ${i + 1}: "${line}" has a value that is not a number`);
    if (!regression && (!Number.isInteger(label) || label < 0 || label >= maxClasses)) {
      throw new Error(`CSV line ${i + 1}: label ${label} is not a class 0..${maxClasses - 1} (classes are whole numbers; ` +
        'for numbers to fit, choose regression targets)');
    }
    points.push({ x, y, label });
  });
  if (points.length === 0) throw new Error(`CSV: no points found (expected lines of x,y,${regression ? 'target' : 'label'})`);
  return points;
}

function firstDataLine(lines) {
  return lines.findIndex((l) => l.trim() && !l.trim().startsWith('#'));
}

/** Points to CSV text with an `x,y,label` header (the format parsePointsCsv reads back). */
export function formatPointsCsv(points) {
  const rows = points.map((p) => `${round(p.x)},${round(p.y)},${Number.isInteger(p.label) ? p.label : round(p.label)}`);
  return ['x,y,label', ...rows].join('\n') + '\n';
}

const round = (v) => Math.round(v * 1e5) / 1e5;
