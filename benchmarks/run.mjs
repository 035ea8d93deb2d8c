// The benchmark driver (`npm run bench [-- --smoke]`): builds what it needs, runs every contender back to
// back in this one invocation (nabla native, nabla WASM in Node and Chromium, the WASM GEMM kernels,
// PyTorch, TF.js wasm+cpu in Node and Chromium), then writes a Markdown report with medians, ratios and
// the machine line: benchmarks/results/<date>-<machine>.md (+ .json with every raw row).
// --smoke: CI-sized counts, report to build/bench-smoke/; exits 1 if any contender crashes or a nabla case errs.
//
// --rounds N: the whole list of contenders N times over, interleaved; each row reported from its contender's
// fastest round (see run_rounds.mjs).
//
// Flags: benchmarks/run_args.mjs (npm run bench -- --help). On a terminal a status line shows the running
// contender and its time; elsewhere plain lines only.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { createProgress } from './progress.mjs';
import { USAGE, UsageError, parseRunArgs } from './run_args.mjs';
import { chooseOpenblasCore, describeCore, describeLoaded, peerThreadsEnv } from './peers/openblas_core.mjs';
import { renderReport } from './run_report.mjs';
import { mergeRounds } from './run_rounds.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
// The contenders' ids (the list itself is below, after the builds it needs).
const CONTENDER_IDS = ['native', 'wasm-kernels', 'wasm-node', 'wasm-chromium', 'pytorch', 'tfjs-node',
                       'tfjs-chromium', 'tfjs-node-cpu', 'tfjs-chromium-cpu', 'native-threads', 'wasm-node-threads',
                       'wasm-chromium-threads', 'tfjs-chromium-threads', 'pytorch-threads'];
let settings;
try {
  settings = parseRunArgs(argv, CONTENDER_IDS);
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`bench: ${e.message}\n(npm run bench -- --help lists the flags)\n`);
  process.exit(2);
}
if (settings.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const { smoke, only } = settings;
// TF.js backends to run; the cpu backend (plain JS) takes tens of minutes for the full MNIST case on a busy
// machine, so a time-boxed run may keep only wasm (the report says which ran).
const tfjsBackends = settings.tfjsBackends;
// TF.js cpu on a few cases only, as contenders of their own (3 repetitions): the convnet target needs the cpu
// backend (TF.js wasm has no Conv2DBackpropFilter) when the full cpu run does not fit the time box.
const tfjsCpuCases = settings.tfjsCpuCases;
const rounds = settings.rounds;
const progress = createProgress();
const log = (m) => progress.line(`[bench] ${m}`);

function run(cmd, args, { capture = false, env = process.env } = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, env,
                                   stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
  return { status: r.status ?? 1, stdout: r.stdout || '', error: r.error, seconds: (Date.now() - t0) / 1e3 };
}

// A contender, run asynchronously so that the status line ticks; its stderr is forwarded line by line.
function runContender(cmd, args, label, env = process.env) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let errTail = '';
    let error = null;
    let settled = false;
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => {
      const lines = (errTail + d).split('\n');
      errTail = lines.pop();
      for (const l of lines) progress.line(l);
    });
    const tick = progress.tty
      ? setInterval(() => progress.status(`[bench] ${label}: ${Math.round((Date.now() - t0) / 1e3)} s`), 1000)
      : null;
    const finish = (status) => {
      if (settled) return;
      settled = true;
      clearInterval(tick);
      if (errTail) progress.line(errTail);
      progress.clear();
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), error, seconds: (Date.now() - t0) / 1e3 });
    };
    child.on('error', (e) => { error = e; finish(1); });
    child.on('close', (code) => finish(code ?? 1));
  });
}

function mustRun(cmd, args, opts) {
  const r = run(cmd, args, opts);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
  return r;
}

// ---- builds (incremental: cheap when the tree is already built)
const outDir = path.join(root, smoke ? 'build/bench-smoke' : 'build/bench-run');
fs.mkdirSync(outDir, { recursive: true });
const init = path.join(outDir, 'mlp_init.bin');
mustRun('/usr/bin/python3', ['benchmarks/peers/make_init.py', init, '--seed', '0']);
if (!only || only.some((c) => c.startsWith('native'))) {  // the benchmark executable only: the tests are not needed here
  mustRun('cmake', ['--preset', 'native'], { capture: true });
  mustRun('cmake', ['--build', '--preset', 'native', '--target', 'nabla_bench']);
}
// The TF.js runners read MNIST through nabla's IDX reader too, so they need build/wasm.
if (!only || only.some((c) => c.startsWith('wasm') || c.startsWith('tfjs'))) {
  if (!['build/wasm/nabla.wasm', 'build/wasm-threads/nabla.wasm'].every((f) => fs.existsSync(path.join(root, f))) ||
      settings.buildWasm) {
    mustRun('bash', ['scripts/build-wasm.sh']);
  }
}
if (!only || only.includes('wasm-kernels')) mustRun('bash', ['benchmarks/wasm/build-gemm-bench.sh']);

// Threads of the N-thread rows: every core, at most 8 (loadNabla's default cap).
// A smoke run always has them (2 threads even on one core), so that CI keeps the threaded harnesses working.
const THREADS = Math.max(Math.min(os.cpus().length, 8), smoke ? 2 : 1);

// ---- the PyTorch peer's OpenBLAS kernel: detected, or forced where detection fell back to a generic one
const openblas = !only || only.some((id) => id.startsWith('pytorch')) ? chooseOpenblasCore() : null;
if (openblas) log(`PyTorch's OpenBLAS core: ${describeCore(openblas)}`);

// ---- contenders, back to back
const common = [...(smoke ? ['--smoke'] : []), '--init', init, ...(settings.reps ? ['--reps', String(settings.reps)] : [])];
const cpuReps = String(Math.min(3, settings.reps ?? 3));
const contenders = [
  { id: 'native', label: 'nabla native', own: true, cmd: 'build/native/nabla_bench', args: [...common] },
  { id: 'wasm-kernels', label: 'nabla WASM GEMM kernels (Node)', own: true, cmd: 'node',
    args: ['build/bench-wasm/gemm_kernels_bench.cjs', ...(smoke ? ['--smoke'] : [])] },
  { id: 'wasm-node', label: 'nabla WASM (Node)', own: true, cmd: 'node',
    args: ['benchmarks/wasm/nabla_node_bench.js', ...common] },
  { id: 'wasm-chromium', label: 'nabla WASM (Chromium)', own: true, cmd: 'node',
    args: ['benchmarks/wasm/nabla_browser_bench.js', ...common] },
  { id: 'pytorch', label: 'PyTorch', cmd: '/usr/bin/python3', args: ['benchmarks/peers/pytorch_bench.py', ...common],
    env: openblas && peerThreadsEnv(openblas.env, 1) },
  { id: 'tfjs-node', label: 'TF.js (Node)', cmd: 'node',
    args: ['benchmarks/peers/tfjs_node_bench.js', '--backend', tfjsBackends, ...common] },
  { id: 'tfjs-chromium', label: 'TF.js (Chromium)', cmd: 'node',
    args: ['benchmarks/peers/tfjs_browser_bench.js', '--backend', tfjsBackends, ...common] },
  // The same cases on every core (at most 8): nabla's thread pool against PyTorch with the same thread count.
  ...(THREADS > 1 ? [
    { id: 'native-threads', label: `nabla native, ${THREADS} threads`, own: true, cmd: 'build/native/nabla_bench',
      args: [...common, '--threads', String(THREADS)] },
    { id: 'wasm-node-threads', label: `nabla WASM (Node), ${THREADS} threads`, own: true, cmd: 'node',
      args: ['benchmarks/wasm/nabla_node_bench.js', ...common, '--threads', String(THREADS)] },
    // In Chromium: pages served cross-origin isolated (COOP/COEP), nabla's threaded build in a module Worker,
    // TF.js's threaded SIMD binary (setThreadsCount).
    { id: 'wasm-chromium-threads', label: `nabla WASM (Chromium), ${THREADS} threads`, own: true, cmd: 'node',
      args: ['benchmarks/wasm/nabla_browser_bench.js', ...common, '--threads', String(THREADS)] },
    { id: 'tfjs-chromium-threads', label: `TF.js wasm (Chromium), ${THREADS} threads`, cmd: 'node',
      args: ['benchmarks/peers/tfjs_browser_bench.js', '--backend', 'wasm', ...common, '--threads', String(THREADS)] },
    { id: 'pytorch-threads', label: `PyTorch, ${THREADS} threads`, cmd: '/usr/bin/python3',
      args: ['benchmarks/peers/pytorch_bench.py', ...common, '--threads', String(THREADS)],
      env: openblas && peerThreadsEnv(openblas.env, THREADS) },
  ] : []),
  ...(tfjsCpuCases ? [
    { id: 'tfjs-node-cpu', label: `TF.js cpu (Node), ${tfjsCpuCases} only`, cmd: 'node',
      args: ['benchmarks/peers/tfjs_node_bench.js', '--backend', 'cpu', '--cases', tfjsCpuCases, ...common, '--reps', cpuReps] },
    { id: 'tfjs-chromium-cpu', label: `TF.js cpu (Chromium), ${tfjsCpuCases} only`, cmd: 'node',
      args: ['benchmarks/peers/tfjs_browser_bench.js', '--backend', 'cpu', '--cases', tfjsCpuCases, ...common, '--reps', cpuReps] },
  ] : []),
].filter((c) => !only || only.includes(c.id));
for (const c of contenders) {
  if (!CONTENDER_IDS.includes(c.id)) throw new Error(`contender '${c.id}' is missing from CONTENDER_IDS`);
}

const started = new Date();
const loadStart = os.loadavg();
const failures = [];
const perContender = new Map(contenders.map((c) => [c.id, { seconds: 0, reports: [], crashed: null }]));
const runStart = Date.now();
// --max-minutes: a round starts only if one more of the last round's length still ends inside the box, so every
// contender keeps the same number of rounds (the report says how many ran).
let roundsRun = 0;
for (let round = 1; round <= rounds; round++) {
  const elapsed = (Date.now() - runStart) / 1e3;
  if (settings.maxMinutes && roundsRun && elapsed + elapsed / roundsRun > settings.maxMinutes * 60) {
    log(`round ${round}/${rounds} skipped: ${Math.round(elapsed)} s so far, one more round would pass --max-minutes ${settings.maxMinutes}`);
    break;
  }
  for (const [index, c] of contenders.entries()) {
    const acc = perContender.get(c.id);
    if (acc.crashed) continue;
    const position = `${(round - 1) * contenders.length + index + 1}/${rounds * contenders.length}`;
    log(`${position} ${rounds > 1 ? `round ${round}/${rounds}: ` : ''}${c.label}: ${c.cmd} ${c.args.join(' ')}`);
    const elapsed = Math.round((Date.now() - runStart) / 1e3);
    const r = await runContender(c.cmd, c.args, `${position} ${c.label} (run so far ${elapsed} s)`, c.env);
    acc.seconds += r.seconds;
    let report = null;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      // no JSON: the contender crashed before reporting
    }
    if (!report) {
      failures.push(`${c.label} crashed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
      acc.crashed = { status: r.status };
      continue;
    }
    if (r.status !== 0) failures.push(`${c.label} exited with ${r.status}`);
    if (c.own) {
      for (const row of report.cases) {
        if (row.error) failures.push(`${c.label}: ${row.case} failed: ${row.error}`);
        // The WASM kernels check themselves against a naive loop (odd sizes, all transposes, beta 0/1).
        if (row.max_abs_error > 1e-3) failures.push(`${c.label}: ${row.backend} kernel wrong by ${row.max_abs_error}`);
      }
    }
    acc.reports.push(report);
    // Kept as it lands, so that a run cut short still leaves every finished contender's numbers.
    const name = rounds > 1 ? `${c.id}.round${round}.json` : `${c.id}.json`;
    fs.writeFileSync(path.join(outDir, name), `${JSON.stringify({ seconds: r.seconds, report })}\n`);
    log(`  ${r.seconds.toFixed(1)} s`);
  }
  roundsRun = round;
}
const reports = contenders.map((c) => {
  const acc = perContender.get(c.id);
  if (!acc.reports.length) return { contender: c, seconds: acc.seconds, crashed: true, status: acc.crashed?.status };
  return { contender: c, seconds: acc.seconds, report: mergeRounds(acc.reports) };
});
const loadEnd = os.loadavg();

// ---- the report
const cpus = os.cpus();
const flagsLine = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:\s*(.*)$/m) || [])[1] || '';
const keyFlags = ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f', 'avx512bw', 'avx512vl', 'avx512_bf16', 'avx_vnni']
  .filter((f) => flagsLine.split(' ').includes(f));
// Each WASM build's download: its .wasm and JS glue (and the threaded build's pthread worker script), gzip -9.
const gzip = [['single-threaded', 'build/wasm', ['nabla.wasm', 'nabla.js']],
              ['threaded', 'build/wasm-threads', ['nabla.wasm', 'nabla.js', 'nabla.worker.js']]]
  .filter(([, dir, files]) => files.every((f) => fs.existsSync(path.join(root, dir, f))))
  .map(([build, dir, files]) => ({ build, files: files.map((f) => `${dir}/${f}`),
    bytes: files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(root, dir, f)), { level: 9 }).length, 0) }));
const machine = {
  cpu: cpus[0].model, cores: cpus.length, flags: keyFlags.join(' '), memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
  os: `${os.type()} ${os.release()}`, node: process.version, loadStart, loadEnd, hostname: os.hostname(),
  openblasCore: openblas ? describeCore(openblas) : null, gzip,
  // What each PyTorch row really loaded (its own report): library, OpenBLAS threads, core.
  openblasRows: reports.filter((r) => r.contender.id.startsWith('pytorch') && !r.crashed)
    .map((r) => `${r.contender.label}: ${describeLoaded(r.report.runtime?.openblas)}`),
};
const command = `node benchmarks/run.mjs ${argv.join(' ')}`.trim();
const md = renderReport({ reports, machine, command, started, smoke, failures, rounds: roundsRun, reps: settings.reps ?? 5 });
const date = started.toISOString().slice(0, 10);
const slug = machine.cpu.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const out = settings.out || (smoke ? path.join(outDir, 'report.md')
                                     : path.join(root, 'benchmarks/results', `${date}-${slug}-${cpus.length}core.md`));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, md);
fs.writeFileSync(out.replace(/\.md$/, '.json'),
                 `${JSON.stringify({ machine, command, started, reports }, null, 1)}\n`);
log(`report: ${path.relative(root, out)}`);
if (failures.length) {
  log(`FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
