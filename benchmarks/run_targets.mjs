// The report's Targets table: every target row of issue 13's table (threads, fair peers, sizes), then the
// earlier issues' targets, each met, missed (and by how much) or not measured in this run.
import { fmt, ratio } from './run_format.mjs';

const pct = (x) => `${(100 * x).toFixed(0)}%`;

/** table: {case: {variant: {column: row}}}; extras: { simd128Peak, gzip: [{build, bytes}] }; columns: all columns.
 *  `issue13Only`: the rows of issue 13's table alone (the README quotes them). */
export function targets(table, extras, columns, { issue13Only = false } = {}) {
  const get = (c, col, v = c) => table[c]?.[v]?.[col];
  const lines = [];
  // `ok` null: not measured. `short`: how far a miss is from the target, in words.
  const add = (name, value, ok, short = '') => lines.push(
    `| ${name} | ${value ?? 'n/a'} | ${ok == null ? 'not measured' : ok ? 'met' : `**missed**${short ? `: ${short}` : ''}`} |`);
  // A speed ratio against a floor ("≥ 1.6×").
  // A miss that rounds to the floor shows its digits (1.5996×, not 1.60× and "0% short").
  const near = (r, floor) => (r < floor && fmt(r) === fmt(floor) ? r.toPrecision(5) : fmt(r));
  const atLeast = (name, r, floor) => add(name, r == null ? null : `${near(r, floor)}×`, r == null ? null : r >= floor,
                                          r == null ? '' : `${pct(1 - r / floor)} short of ${floor}×`);
  const worst = (xs) => (xs.length && xs.every((x) => x != null) ? Math.min(...xs) : null);
  const threadsOf = (re) => columns.map((c) => c.match(re)?.[1]).find(Boolean);

  // ---- issue 13
  for (const where of ['Node', 'Chromium']) {
    const n = threadsOf(new RegExp(`^nabla WASM Trainer \\(${where}\\), (\\d+) threads$`));
    const col = `nabla WASM Trainer (${where})`;
    atLeast(`WASM MNIST MLP Trainer, ${n ?? 'N'} threads ÷ 1 thread ≥ 1.6× (${where})`,
            n ? ratio(get('mnist_mlp', `${col}, ${n} threads`), get('mnist_mlp', col)) : null, 1.6);
  }
  for (const where of ['Node', 'Chromium']) {
    atLeast(`WASM MNIST MLP, 1 thread ÷ TF.js-wasm ≥ 12× (${where})`,
            ratio(get('mnist_mlp', `nabla WASM (${where})`), get('mnist_mlp', `TF.js wasm (${where})`)), 12);
  }
  const nc = threadsOf(/^TF\.js wasm \(Chromium\), (\d+) threads$/);
  atLeast(`WASM MNIST MLP, ${nc ?? 'N'} threads ÷ TF.js-wasm on ${nc ?? 'N'} threads ≥ 6× (Chromium, cross-origin isolated)`,
          nc ? ratio(get('mnist_mlp', `nabla WASM (Chromium), ${nc} threads`), get('mnist_mlp', `TF.js wasm (Chromium), ${nc} threads`)) : null, 6);
  atLeast('Native convnet step ÷ PyTorch, 1 thread, fair ≥ 1.2×',
          ratio(get('convnet_step', 'nabla native'), get('convnet_step', 'PyTorch 1.13 eager')), 1.2);
  const gemmSizes = Object.keys(table.gemm || {}).filter((v) => /^\d+×\d+×\d+$/.test(v));
  const nn = threadsOf(/^nabla native, (\d+) threads$/) ?? threadsOf(/^nabla native \(nabla::gemm\), (\d+) threads$/);
  for (const suffix of ['', ...(nn ? [`, ${nn} threads`] : [])]) {
    const rs = gemmSizes.map((v) => ratio(get('gemm', `nabla native (nabla::gemm)${suffix}`, v), get('gemm', `PyTorch 1.13 eager${suffix}`, v)));
    const w = worst(rs);
    atLeast(`Native GEMM ÷ PyTorch ≥ 0.9× at every size, fair, ${suffix ? `${nn} threads each` : '1 thread'} (worst size)`,
            w == null ? null : w, 0.9);
  }
  const big = gemmSizes.filter((v) => v.split('×').every((d) => Number(d) >= 256));
  const fr = worst(big.map((v) => {
    const r = get('gemm', 'nabla native (nabla::gemm)', v);
    return r && !r.error && r.peak_gflops ? r.median / r.peak_gflops : null;
  }));
  add('Native GEMM, 256³ and larger ≥ 75% of the FMA peak, 1 thread (worst size, median)', fr == null ? null : pct(fr),
      fr == null ? null : fr >= 0.75, fr == null ? '' : `${pct(0.75 - fr)} of the peak short`);
  for (const where of ['Node', 'Chromium']) {
    const tt = get('tiny_step', `nabla WASM Trainer (${where})`), tj = get('tiny_step', `nabla WASM (${where})`);
    const both = tt && tj && !tt.error && !tj.error;
    const short = both ? [tt.median > 12 ? `${fmt(tt.median - 12)} µs over 12 µs` : '',
                          tt.median > tj.median ? `${fmt(tt.median / tj.median)}× the JS loop's time` : '']
      .filter(Boolean).join(', ') : '';
    add(`Tiny Trainer step ≤ 12 µs and not slower than the JS loop (WASM, ${where})`,
        both ? `${fmt(tt.median)} µs vs ${fmt(tj.median)} µs` : null, both ? tt.median <= 12 && tt.median <= tj.median : null, short);
  }
  for (const { build, files, bytes } of extras.gzip ?? []) {
    add(`wasm + glue ≤ 400 KB gzip (${build}: ${files.map((f) => f.split('/').pop()).join(' + ')})`, `${(bytes / 1024).toFixed(0)} KB`, bytes <= 400 * 1024,
        `${((bytes - 400 * 1024) / 1024).toFixed(0)} KB over`);
  }
  if (!extras.gzip?.length) add('wasm + glue ≤ 400 KB gzip, each build', null, null);
  if (issue13Only) return ['| target | measured | |', '|---|---:|---|', ...lines].join('\n');

  // ---- earlier issues
  for (const where of ['Node', 'Chromium']) {
    atLeast(`MNIST MLP, WASM ≥ 8× TF.js-wasm (${where})`,
            ratio(get('mnist_mlp', `nabla WASM (${where})`), get('mnist_mlp', `TF.js wasm (${where})`)), 8);
    for (const api of ['', ' Trainer']) {
      const t = get('tiny_step', `nabla WASM${api} (${where})`);
      const tr = ratio(t, get('tiny_step', `TF.js wasm (${where})`));
      add(`Tiny step, WASM${api} ≤ 12 µs and ≥ 40× TF.js-wasm (${where})`,
          t && !t.error ? `${fmt(t.median)} µs, ${tr == null ? 'n/a' : `${fmt(tr)}×`}` : null,
          t && !t.error && tr != null ? t.median <= 12 && tr >= 40 : null);
    }
    const nab = (v) => get('gemm', `nabla WASM (${where})`, v);
    atLeast(`GEMM, WASM ≥ 1.2× TF.js-wasm at every size (${where}), worst size`,
            worst(gemmSizes.map((v) => ratio(nab(v), get('gemm', `TF.js wasm (${where})`, v)))), 1.2);
    const f = extras.simd128Peak ? worst(gemmSizes.map((v) => (nab(v) && !nab(v).error ? nab(v).median / extras.simd128Peak : null))) : null;
    add(`GEMM, WASM ≥ 60% of the 128-bit ceiling (${where}), worst size`, f == null ? null : pct(f), f == null ? null : f >= 0.6);
    const peers = ['wasm', 'cpu'].map((b) => get('convnet_step', `TF.js ${b} (${where})`)).filter((p) => p && !p.error);
    atLeast(`Convnet step, WASM ≥ 5× the fastest TF.js backend (${where})`,
            ratio(get('convnet_step', `nabla WASM (${where})`), peers.sort((a, b) => a.median - b.median)[0]), 5);
  }
  atLeast('MNIST MLP, native ≥ 1.2× PyTorch, 1 thread', ratio(get('mnist_mlp', 'nabla native'), get('mnist_mlp', 'PyTorch 1.13 eager')), 1.2);
  return ['| target | measured | |', '|---|---:|---|', ...lines].join('\n');
}
