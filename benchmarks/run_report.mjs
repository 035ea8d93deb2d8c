// Renders the driver's collected reports as Markdown: the machine line and command, one table per case
// (median and min–max per contender), ratios nabla ÷ peer, GEMM as a fraction of the measured peaks,
// MNIST final losses, and the issue's targets marked met or missed.
const CASES = ['gemm', 'mnist_mlp', 'tiny_step', 'convnet_step', 'predict_grid'];
export const HIGHER_IS_BETTER = new Set(['GFLOP/s', 'samples/s']);

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

const fmt = (x) => (x == null || Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1)
                                                                  : x.toPrecision(3));

/** {case: {variant: {column: row}}} plus the column order. */
function collect(reports) {
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

/** nabla ÷ peer as a speed ratio (>1: nabla faster), or null when either side is missing. */
function ratio(a, b) {
  if (!a || !b || a.error || b.error) return null;
  return HIGHER_IS_BETTER.has(a.unit) ? a.median / b.median : b.median / a.median;
}

const PAIRS = [
  ['nabla native', 'PyTorch 1.13 eager'],
  ['nabla WASM (Node)', 'TF.js wasm (Node)'], ['nabla WASM (Node)', 'TF.js cpu (Node)'],
  ['nabla WASM Trainer (Node)', 'TF.js wasm (Node)'],
  ['nabla WASM (Chromium)', 'TF.js wasm (Chromium)'], ['nabla WASM (Chromium)', 'TF.js cpu (Chromium)'],
  ['nabla WASM Trainer (Chromium)', 'TF.js wasm (Chromium)'],
];

/** The pairs of N-thread columns present: nabla against PyTorch on as many threads, and each against itself on one. */
function threadPairs(columns) {
  const out = [];
  for (const col of columns) {
    const m = col.match(/^(.*), (\d+) threads$/);
    if (!m) continue;
    const [, base, n] = m;
    out.push([col, base]);
    if (base.startsWith('nabla native')) out.push([col, `PyTorch 1.13 eager, ${n} threads`]);
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

function targets(table, simd128Peak, columns = []) {
  const get = (c, v, col) => table[c]?.[v]?.[col];
  const out = [];
  const add = (name, value, ok) => out.push(`| ${name} | ${value} | ${ok == null ? 'not measured' : ok ? 'met' : '**missed**'} |`);
  for (const where of ['Node', 'Chromium']) {
    const r = ratio(get('mnist_mlp', 'mnist_mlp', `nabla WASM (${where})`), get('mnist_mlp', 'mnist_mlp', `TF.js wasm (${where})`));
    add(`MNIST MLP, WASM ≥ 8× TF.js-wasm (${where})`, r == null ? 'n/a' : `${fmt(r)}×`, r == null ? null : r >= 8);
    for (const api of ['', ' Trainer']) {
      const t = get('tiny_step', 'tiny_step', `nabla WASM${api} (${where})`);
      const tr = ratio(t, get('tiny_step', 'tiny_step', `TF.js wasm (${where})`));
      add(`Tiny step, WASM${api} ≤ 12 µs and ≥ 40× TF.js-wasm (${where})`,
          t && !t.error ? `${fmt(t.median)} µs, ${tr == null ? 'n/a' : `${fmt(tr)}×`}` : 'n/a',
          t && !t.error && tr != null ? t.median <= 12 && tr >= 40 : null);
    }
    const gem = Object.keys(table.gemm || {}).map((v) => ({
      r: ratio(get('gemm', v, `nabla WASM (${where})`), get('gemm', v, `TF.js wasm (${where})`)),
      f: simd128Peak && get('gemm', v, `nabla WASM (${where})`) ? get('gemm', v, `nabla WASM (${where})`).median / simd128Peak : null,
    }));
    const minR = Math.min(...gem.map((g) => g.r ?? NaN)), minF = Math.min(...gem.map((g) => g.f ?? NaN));
    add(`GEMM, WASM ≥ 1.2× TF.js-wasm at every size (${where}), worst size`, Number.isNaN(minR) ? 'n/a' : `${fmt(minR)}×`,
        Number.isNaN(minR) ? null : minR >= 1.2);
    add(`GEMM, WASM ≥ 60% of the 128-bit ceiling (${where}), worst size`, Number.isNaN(minF) ? 'n/a' : `${(100 * minF).toFixed(0)}%`,
        Number.isNaN(minF) ? null : minF >= 0.6);
    const conv = get('convnet_step', 'convnet_step', `nabla WASM (${where})`);
    const peers = ['wasm', 'cpu'].map((b) => get('convnet_step', 'convnet_step', `TF.js ${b} (${where})`))
      .filter((p) => p && !p.error);
    const best = peers.sort((a, b) => a.median - b.median)[0];
    const cr = ratio(conv, best);
    add(`Convnet step, WASM ≥ 5× the fastest TF.js backend (${where})`, cr == null ? 'n/a' : `${fmt(cr)}×`,
        cr == null ? null : cr >= 5);
  }
  const nm = ratio(get('mnist_mlp', 'mnist_mlp', 'nabla native'), get('mnist_mlp', 'mnist_mlp', 'PyTorch 1.13 eager'));
  add('MNIST MLP, native ≥ 1.2× PyTorch', nm == null ? 'n/a' : `${fmt(nm)}×`, nm == null ? null : nm >= 1.2);
  const fr = Object.keys(table.gemm || {}).map((v) => {
    const r = get('gemm', v, 'nabla native (nabla::gemm)');
    return r && !r.error && r.peak_gflops ? r.median / r.peak_gflops : NaN;
  });
  const worst = Math.min(...fr);
  add('GEMM, native ≥ 75% of single-core peak, worst size (median)', Number.isNaN(worst) ? 'n/a' : `${(100 * worst).toFixed(0)}%`,
      Number.isNaN(worst) ? null : worst >= 0.75);
  // Issue 13's targets: threads, and fair native ratios.
  const nThreads = columns.map((c) => c.match(/^nabla WASM \(Node\), (\d+) threads$/)?.[1]).find(Boolean);
  if (nThreads) {
    const r = ratio(get('mnist_mlp', 'mnist_mlp', `nabla WASM (Node), ${nThreads} threads`), get('mnist_mlp', 'mnist_mlp', 'nabla WASM (Node)'));
    add(`MNIST MLP, WASM ${nThreads} threads ÷ 1 thread ≥ 1.6× (Node; the JS-loop row)`, r == null ? 'n/a' : `${fmt(r)}×`, r == null ? null : r >= 1.6);
  }
  const nNative = columns.map((c) => c.match(/^nabla native, (\d+) threads$/)?.[1]).find(Boolean);
  if (nNative) {
    const r = ratio(get('mnist_mlp', 'mnist_mlp', `nabla native, ${nNative} threads`), get('mnist_mlp', 'mnist_mlp', 'nabla native'));
    add(`MNIST MLP, native ${nNative} threads ÷ 1 thread (no target; scaling)`, r == null ? 'n/a' : `${fmt(r)}×`, r == null ? null : r >= 1);
  }
  const m12 = ratio(get('mnist_mlp', 'mnist_mlp', 'nabla WASM (Node)'), get('mnist_mlp', 'mnist_mlp', 'TF.js wasm (Node)'));
  add('MNIST MLP, WASM 1 thread ≥ 12× TF.js-wasm (Node)', m12 == null ? 'n/a' : `${fmt(m12)}×`, m12 == null ? null : m12 >= 12);
  const cv = ratio(get('convnet_step', 'convnet_step', 'nabla native'), get('convnet_step', 'convnet_step', 'PyTorch 1.13 eager'));
  add('Convnet step, native ≥ 1.2× PyTorch, 1 thread', cv == null ? 'n/a' : `${fmt(cv)}×`, cv == null ? null : cv >= 1.2);
  const gp = Object.keys(table.gemm || {}).map((v) => ratio(get('gemm', v, 'nabla native (nabla::gemm)'), get('gemm', v, 'PyTorch 1.13 eager')) ?? NaN);
  const gworst = Math.min(...gp);
  add('GEMM, native ≥ 0.9× PyTorch at every size, 1 thread, worst size', Number.isNaN(gworst) ? 'n/a' : `${fmt(gworst)}×`,
      Number.isNaN(gworst) ? null : gworst >= 0.9);
  const tt = get('tiny_step', 'tiny_step', 'nabla WASM Trainer (Node)'), tj = get('tiny_step', 'tiny_step', 'nabla WASM (Node)');
  add('Tiny step, WASM Trainer ≤ 12 µs and not slower than the JS loop (Node)',
      tt && tj && !tt.error && !tj.error ? `${fmt(tt.median)} µs vs ${fmt(tj.median)} µs` : 'n/a',
      tt && tj && !tt.error && !tj.error ? tt.median <= 12 && tt.median <= tj.median : null);
  return ['| target | measured | |', '|---|---:|---|', ...out].join('\n');
}

export function renderReport({ reports, machine, command, started, smoke, failures, rounds = 1 }) {
  const { table, columns, extras } = collect(reports);
  const L = [];
  L.push(`# nabla benchmarks, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${smoke ? ' (SMOKE: numbers meaningless)' : ''}`);
  L.push('');
  L.push(`- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGiB} GiB, flags: ${machine.flags}; ${machine.os}; Node ${machine.node}` +
         `${machine.openblasCore ? `; PyTorch's OpenBLAS core: ${machine.openblasCore}` : ''}` +
         `${machine.openblasRows?.length ? ` (${machine.openblasRows.join('; ')})` : ''}`);
  L.push(`- Load average (1/5/15 min) at start ${machine.loadStart.map((x) => x.toFixed(2)).join(' / ')}, at end ${machine.loadEnd.map((x) => x.toFixed(2)).join(' / ')} ` +
         `— a shared machine: absolute numbers are depressed and noisy; ratios within this one run are what count.`);
  L.push(`- Command: \`${command}\`; every contender ran back to back in this invocation, single thread unless its name says \`N threads\` (PyTorch's there: torch.set_num_threads(N) over Debian's libopenblas0-pthread with OPENBLAS_NUM_THREADS=N, its 1-thread rows over libopenblas0-serial), float32, warm-up then ≥ 5 repetitions (median and min–max)${reports.some((r) => r.contender.id.endsWith('-cpu')) ? '; the TF.js cpu contenders of --tfjs-cpu-cases 3' : ''}.`);
  if (rounds > 1) {
    L.push(`- Rounds: ${rounds}, the contenders interleaved (all of them once per round); each row is its contender's fastest ` +
           `round by median (the round and every round's median are in the .json: round, round_medians), so that a slow ` +
           `spell of this shared machine falls on no contender alone.`);
  }
  L.push(`- Contender wall times${rounds > 1 ? ' (all rounds)' : ''}: ${reports.map((r) => `${r.contender.label} ${r.seconds.toFixed(0)} s${r.crashed ? ' (CRASHED)' : ''}`).join(', ')}`);
  if (extras.simd128Peak) L.push(`- 128-bit SIMD ceiling (f32x4 mul+add, fastest of three loop shapes, best of 30 runs each, Node): ${fmt(extras.simd128Peak)} GFLOP/s`);
  const peakRow = Object.values(table.gemm || {}).flatMap((v) => Object.values(v)).find((r) => r.peak_gflops);
  if (peakRow) L.push(`- Single-core FMA peak (${peakRow.peak_isa}, 16 chains, best of 30 runs): ${fmt(peakRow.peak_gflops)} GFLOP/s`);
  if (failures.length) L.push(`- **Failures**: ${failures.join('; ')}`);
  L.push('');
  L.push('## Targets');
  L.push('');
  L.push(targets(table, extras.simd128Peak, columns));
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

