// The benchmark report's Targets table: every row of issue 13's targets, measured from the contenders' rows,
// met or missed by how much; threaded pairs (nabla ÷ TF.js-wasm, both on N threads) in the ratio tables.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReport } from '../../../benchmarks/run_report.mjs';

const row = (c, backend, unit, median, extra = {}) => ({ case: c, backend, unit, median, min: median, max: median, ...extra });
const contender = (id, threads, cases) => ({ contender: { id, label: id }, seconds: 1, report: { runtime: { threads }, cases } });
const mnist = (backend, v) => row('mnist_mlp', backend, 'samples/s', v);

function report(reports) {
  const machine = { cpu: 'Test CPU', cores: 2, flags: 'avx2', memGiB: '1.0', os: 'Linux', node: 'v20', loadStart: [0, 0, 0],
                    loadEnd: [0, 0, 0], gzip: [{ build: 'single-threaded', files: ['w', 'j'], bytes: 300 * 1024 },
                                               { build: 'threaded', files: ['w', 'j', 'k'], bytes: 410 * 1024 }] };
  return renderReport({ reports, machine, command: 'test', started: new Date(0), smoke: false, failures: [] });
}

const targetRow = (md, start) => md.split('\n').find((l) => l.startsWith(`| ${start}`));

test('the threaded targets come from the N-thread rows, with the shortfall of a miss', () => {
  const md = report([
    contender('wasm-chromium', 1, [mnist('wasm', 20000), mnist('wasm-trainer', 25000)]),
    contender('wasm-chromium-threads', 2, [mnist('wasm', 30000), mnist('wasm-trainer', 45000)]),
    contender('tfjs-chromium', 1, [mnist('wasm', 2000)]),
    contender('tfjs-chromium-threads', 2, [mnist('wasm', 6000)]),
    contender('wasm-node', 1, [mnist('wasm-trainer', 20000)]),
    contender('wasm-node-threads', 2, [mnist('wasm-trainer', 24000)]),
  ]);
  assert.match(targetRow(md, 'WASM MNIST MLP Trainer, 2 threads ÷ 1 thread ≥ 1.6× (Chromium)'), /\| 1\.80× \| met \|/);
  assert.match(targetRow(md, 'WASM MNIST MLP Trainer, 2 threads ÷ 1 thread ≥ 1.6× (Node)'), /1\.20× \| \*\*missed\*\*: 25% short of 1\.6×/);
  assert.match(targetRow(md, 'WASM MNIST MLP, 1 thread ÷ TF.js-wasm ≥ 12× (Chromium)'), /10\.0× \| \*\*missed\*\*: 17% short/);
  assert.match(targetRow(md, 'WASM MNIST MLP, 2 threads ÷ TF.js-wasm on 2 threads ≥ 6×'), /5\.00× \| \*\*missed\*\*: 17% short of 6×/);
  const close = report([contender('wasm-node', 1, [mnist('wasm-trainer', 10000)]),
                        contender('wasm-node-threads', 2, [mnist('wasm-trainer', 15996)])]);
  assert.match(targetRow(close, 'WASM MNIST MLP Trainer, 2 threads ÷ 1 thread ≥ 1.6× (Node)'), /1\.5996× \| \*\*missed\*\*/);
  assert.match(md, /\| nabla WASM \(Chromium\), 2 threads ÷ TF\.js wasm \(Chromium\), 2 threads \| 5\.00× \|/);
  assert.match(targetRow(md, 'wasm + glue ≤ 400 KB gzip (single-threaded'), /300 KB \| met/);
  assert.match(targetRow(md, 'wasm + glue ≤ 400 KB gzip (threaded'), /410 KB \| \*\*missed\*\*: 10 KB over/);
});

test('every target row of issue 13 is in the table, as "not measured" when its contenders did not run', () => {
  const md = report([]);
  for (const start of ['WASM MNIST MLP Trainer, N threads ÷ 1 thread ≥ 1.6× (Node)', 'WASM MNIST MLP Trainer, N threads ÷ 1 thread ≥ 1.6× (Chromium)',
    'WASM MNIST MLP, 1 thread ÷ TF.js-wasm ≥ 12×', 'WASM MNIST MLP, N threads ÷ TF.js-wasm on N threads ≥ 6×',
    'Native convnet step ÷ PyTorch, 1 thread, fair ≥ 1.2×', 'Native GEMM ÷ PyTorch ≥ 0.9× at every size',
    'Native GEMM, 256³ and larger ≥ 75% of the FMA peak', 'Tiny Trainer step ≤ 12 µs and not slower than the JS loop',
    'wasm + glue ≤ 400 KB gzip']) {
    assert.ok(targetRow(md, start), `missing target row: ${start}`);
  }
  assert.match(targetRow(md, 'Native convnet step'), /not measured/);
});

test('native GEMM targets: worst size against PyTorch, and the fraction of the peak only at 256³ and larger', () => {
  const g = (backend, M, v) => row('gemm', backend, 'GFLOP/s', v, { params: { M, K: M, N: M }, peak_gflops: 200 });
  const md = report([
    contender('native', 1, [g('nabla::gemm', 64, 50), g('nabla::gemm', 256, 160), g('nabla::gemm', 512, 140)]),
    contender('pytorch', 1, [g('cpu', 64, 100), g('cpu', 256, 150), g('cpu', 512, 140)]),
  ]);
  assert.match(targetRow(md, 'Native GEMM ÷ PyTorch ≥ 0.9× at every size, fair, 1 thread'), /0\.500× \| \*\*missed\*\*: 44% short/);
  assert.match(targetRow(md, 'Native GEMM, 256³ and larger'), /70% \| \*\*missed\*\*: 5% of the peak short/);
});
