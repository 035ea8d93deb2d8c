// Renders the driver's collected reports as Markdown: the machine line and command, one table per case
// (median and min–max per contender), ratios nabla ÷ peer, GEMM as a fraction of the measured peaks,
// MNIST final losses, and the issue's targets marked met or missed.
import { fmt, ratio } from './run_format.mjs';
import { targets } from './run_targets.mjs';

export { HIGHER_IS_BETTER } from './run_format.mjs';

const CASES = ['gemm', 'mnist_mlp', 'tiny_step', 'convnet_step', 'predict_grid'];

/** Column name of a row: the contender, plus the backend where a contender reports several. */
function column(contender, backend) {
  const names = {
    native: { cpu: 'nabla native', 'nabla::gemm': 'nabla native (nabla::gemm)', eigen: 'native Eigen 3.4',
              'own-avx512': 'native own AVX-512 kernel', 'own-portable': 'native own portable kernel' },
    'wasm-kernels': { simd128: 'WASM SIMD128 kernel (Node)', eigen: 'WASM Eigen kernel (Node)',
                      portable: 'WASM portable kernel (Node)' },
    'wasm-node': { wasm: 'nabla WASM (Node)', 'wasm-trainer': 'nabla WASM Trainer (Node)' },
    'wasm-chromium': { wasm: 'nabla WASM (Chromium)', 'wasm-trainer': 'nabla WASM Trainer (Chromium)' },
    pytorch: { cpu: 'PyTorch 1.13 eager' },
    'tfjs-node': { wasm: 'TF.js wasm (Node)', cpu: 'TF.js cpu (Node)' },
    'tfjs-chromium': { wasm: 'TF.js wasm (Chromium)', cpu: 'TF.js cpu (Chromium)' },
    'tfjs-node-cpu': { cpu: 'TF.js cpu (Node)' },
    'tfjs-chromium-cpu': { cpu: 'TF.js cpu (Chromium)' },
  };
  return names[contender]?.[backend] || `${contender} ${backend}`;
}

function variant(row) {
  const p = row.params || {};
  return row.case === 'gemm' ? `${p.M}×${p.K}×${p.N}` : row.case;
}

/** {case: {variant: {column: row}}} plus the column order. */
export function collect(reports) {
  const table = {};
  const columns = [];
  const extras = {};
  for (const r of reports) {
    if (r.crashed) continue;
    if (r.report.simd128_peak_gflops) extras.simd128Peak = r.report.simd128_peak_gflops;
    for (const row of r.report.cases) {
      // An N-thread contender's columns: its one-thread twin's names plus ", N threads".
      const threaded = r.contender.id.endsWith('-threads');
      const col = column(r.contender.id.replace(/-threads$/, ''), row.backend || 'cpu') +
        (threaded ? `, ${r.report.runtime?.threads} threads` : '');
      if (!columns.includes(col)) columns.push(col);
      const v = row.error ? (row.case === 'gemm' ? 'all sizes' : row.case) : variant(row);
      ((table[row.case] ??= {})[v] ??= {})[col] = row;
    }
  }
  return { table, columns, extras };
}

function caseTable(rows, columns) {
  const variants = Object.keys(rows);
  const unit = Object.values(rows).flatMap((v) => Object.values(v)).find((r) => r.unit)?.unit || '';
  const lines = [`| contender | ${variants.join(' | ')} |`, `|---|${variants.map(() => '---:').join('|')}|`];
  for (const col of columns) {
    const cells = variants.map((v) => {
      const r = rows[v][col];
      if (!r) return '';
      if (r.error) return `error: ${r.error.slice(0, 80)}`;
      return `${fmt(r.median)} (${fmt(r.min)}–${fmt(r.max)})`;
    });
    const errs = variants.map((v) => rows[v][col]).filter(Boolean);
    if (!errs.length) continue;
    lines.push(`| ${col} | ${cells.join(' | ')} |`);
  }
  return { text: lines.join('\n'), unit };
}

const PAIRS = [
  ['nabla native', 'PyTorch 1.13 eager'],
  ['nabla WASM (Node)', 'TF.js wasm (Node)'], ['nabla WASM (Node)', 'TF.js cpu (Node)'],
  ['nabla WASM Trainer (Node)', 'TF.js wasm (Node)'],
  ['nabla WASM (Chromium)', 'TF.js wasm (Chromium)'], ['nabla WASM (Chromium)', 'TF.js cpu (Chromium)'],
  ['nabla WASM Trainer (Chromium)', 'TF.js wasm (Chromium)'],
];

/** The pairs of N-thread columns present: each against itself on one thread, and every nabla ÷ peer pair on
 *  N threads each (native ÷ PyTorch, WASM ÷ TF.js-wasm in Chromium). */
function threadPairs(columns) {
  const out = [];
  for (const col of columns) {
    const m = col.match(/^(.*), (\d+) threads$/);
    if (!m) continue;
    const [, base, n] = m;
    out.push([col, base]);
    for (const [a, b] of PAIRS) {
      if (a === base || (a === 'nabla native' && base.startsWith('nabla native'))) out.push([col, `${b}, ${n} threads`]);
    }
  }
  return out;
}

function ratioTable(caseName, rows, columns = []) {
  const variants = Object.keys(rows);
  const lines = [`| nabla ÷ peer (speed, >1 = nabla faster) | ${variants.join(' | ')} |`,
                 `|---|${variants.map(() => '---:').join('|')}|`];
  for (const [a0, b] of [...PAIRS, ...threadPairs(columns)]) {
    const a = a0 === 'nabla native' && caseName === 'gemm' ? 'nabla native (nabla::gemm)' : a0;
    const cells = variants.map((v) => ratio(rows[v][a], rows[v][b]));
    if (cells.every((x) => x == null)) continue;
    lines.push(`| ${a} ÷ ${b} | ${cells.map((x) => (x == null ? 'n/a' : `${fmt(x)}×`)).join(' | ')} |`);
  }
  return lines.length > 2 ? lines.join('\n') : '';
}

function gemmPeakTable(rows, columns, simd128Peak) {
  const variants = Object.keys(rows);
  const lines = [`| fraction of peak | ${variants.join(' | ')} |`, `|---|${variants.map(() => '---:').join('|')}|`];
  for (const col of columns) {
    const native = col.startsWith('native');
    const wasm = /WASM|TF\.js wasm/.test(col);
    if (!native && !wasm) continue;
    const cells = variants.map((v) => {
      const r = rows[v][col];
      if (!r || r.error) return null;
      const peak = native ? r.peak_gflops : simd128Peak;
      return peak ? r.median / peak : null;
    });
    if (cells.every((x) => x == null)) continue;
    lines.push(`| ${col} ÷ ${native ? 'FMA peak' : '128-bit mul+add ceiling'} | ${cells
      .map((x) => (x == null ? 'n/a' : `${(100 * x).toFixed(0)}%`)).join(' | ')} |`);
  }
  return lines.join('\n');
}

export function renderReport({ reports, machine, command, started, smoke, failures, rounds = 1, reps = 5 }) {
  const { table, columns, extras } = collect(reports);
  const L = [];
  L.push(`# nabla benchmarks, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${smoke ? ' (SMOKE: numbers meaningless)' : ''}`);
  L.push('');
  L.push(`- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGiB} GiB, flags: ${machine.flags}; ${machine.os}; Node ${machine.node}` +
         `${machine.openblasCore ? `; PyTorch's OpenBLAS core: ${machine.openblasCore}` : ''}` +
         `${machine.openblasRows?.length ? ` (${machine.openblasRows.join('; ')})` : ''}`);
  L.push(`- Load average (1/5/15 min) at start ${machine.loadStart.map((x) => x.toFixed(2)).join(' / ')}, at end ${machine.loadEnd.map((x) => x.toFixed(2)).join(' / ')} ` +
         `— a shared machine: absolute numbers are depressed and noisy; ratios within this one run are what count.`);
  L.push(`- Command: \`${command}\`; every contender ran back to back in this invocation, single thread unless its name says \`N threads\` (PyTorch's there: torch.set_num_threads(N) over Debian's libopenblas0-pthread with OPENBLAS_NUM_THREADS=N, its 1-thread rows over libopenblas0-serial; in Chromium, pages served cross-origin isolated, nabla's threaded build in a module Worker, TF.js-wasm's threaded binary told 2N cores, since TF.js caps its pool at half of navigator.hardwareConcurrency), float32, warm-up then ${reps} repetitions (median and min–max)${reports.some((r) => r.contender.id.endsWith('-cpu')) ? `; the TF.js cpu contenders of --tfjs-cpu-cases ${Math.min(3, reps)}` : ''}.`);
  if (rounds > 1) {
    L.push(`- Rounds: ${rounds}, the contenders interleaved (all of them once per round); each row is its contender's fastest ` +
           `round by median (the round and every round's median are in the .json: round, round_medians), so that a slow ` +
           `spell of this shared machine falls on no contender alone.`);
  }
  L.push(`- Contender wall times${rounds > 1 ? ' (all rounds)' : ''}: ${reports.map((r) => `${r.contender.label} ${r.seconds.toFixed(0)} s${r.crashed ? ' (CRASHED)' : ''}`).join(', ')}`);
  if (machine.gzip?.length) {
    L.push(`- WASM builds, gzip -9 of wasm + glue: ${machine.gzip.map((g) => `${g.build} ${(g.bytes / 1024).toFixed(0)} KB`).join(', ')}`);
  }
  if (extras.simd128Peak) L.push(`- 128-bit SIMD ceiling (f32x4 mul+add, fastest of three loop shapes, best of 30 runs each, Node): ${fmt(extras.simd128Peak)} GFLOP/s`);
  const peakRow = Object.values(table.gemm || {}).flatMap((v) => Object.values(v)).find((r) => r.peak_gflops);
  if (peakRow) L.push(`- Single-core FMA peak (${peakRow.peak_isa}, 16 chains, best of 30 runs): ${fmt(peakRow.peak_gflops)} GFLOP/s`);
  if (failures.length) L.push(`- **Failures**: ${failures.join('; ')}`);
  L.push('');
  L.push('## Targets');
  L.push('');
  L.push(targets(table, { ...extras, gzip: machine.gzip }, columns));
  for (const c of CASES) {
    if (!table[c]) continue;
    const { text, unit } = caseTable(table[c], columns);
    L.push('', `## ${c} (${unit})`, '', text);
    const rt = ratioTable(c, table[c], columns);
    if (rt) L.push('', rt);
    if (c === 'gemm') L.push('', gemmPeakTable(table[c], columns, extras.simd128Peak));
    if (c === 'mnist_mlp') {
      const losses = columns.map((col) => [col, table[c].mnist_mlp?.[col]?.final_loss]).filter(([, l]) => l != null);
      L.push('', `Final loss (mean of the last 50 steps, same initial weights from make_init.py): ${losses
        .map(([col, l]) => `${col} ${l.toFixed(5)}`).join(', ')}`);
    }
  }
  L.push('');
  return L.join('\n');
}

