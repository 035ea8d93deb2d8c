// Browser runner for the TensorFlow.js peer cases: opens tfjs_browser_page.html in headless Chromium
// (common/browser.js), runs the wasm and cpu backends and prints one JSON object to stdout (page logs go to
// stderr). Without --threads the page is not cross-origin isolated, and TF.js takes its single-threaded SIMD
// binary; --threads N > 1 serves it with COOP/COEP and calls tf.wasm.setThreadsCount(N) (wasm backend only),
// so TF.js runs its threaded SIMD binary on a pool of N threads.
// NOTE: TF.js 4.22 caps its pool at half of navigator.hardwareConcurrency, whatever setThreadsCount asks (on
// this 2-core machine: 1 thread). So that it gets the N threads nabla gets, its page is told 2N cores.
//
//   node benchmarks/peers/tfjs_browser_bench.js [--backend wasm,cpu] [--smoke] [--init F] [--threads 1]
//        [--cases gemm,...] [--reps 5] [--warmup 1] [--steps 500] [--chromium /usr/bin/chromium]
import os from 'node:os';
import { runPage } from '../common/browser.js';
import { parseArgs } from '../common/node.js';

const args = parseArgs(process.argv.slice(2), { backend: 'wasm,cpu', chromium: '/usr/bin/chromium', threads: 1 });
if (args.threads > 1 && args.backend !== 'wasm') throw new Error('--threads N > 1: TF.js threads only its wasm backend (--backend wasm)');
const loadStart = os.loadavg()[0];  // a busy machine skews every number
const { report, chromium } = await runPage('benchmarks/peers/tfjs_browser_page.html', {
  backends: args.backend.split(','), cases: args.cases.split(','), reps: args.reps, warmup: args.warmup,
  steps: args.steps, smoke: args.smoke, threads: args.threads,
}, { executablePath: args.chromium, initPath: args.init, isolated: args.threads > 1,
     hardwareConcurrency: args.threads > 1 ? 2 * args.threads : null });
const ran = report.runtime.backends.wasm?.threads;
if (ran != null && ran !== args.threads) throw new Error(`asked TF.js for ${args.threads} threads, it runs ${ran}: ${JSON.stringify(report.runtime)}`);
const out = { peer: `tfjs-${report.runtime.tfjs}-chromium`,
              runtime: { chromium, cpu: os.cpus()[0].model, cores: os.cpus().length, threads: args.threads,
                         ...(args.threads > 1 ? { hardwareConcurrencyShown: 2 * args.threads } : {}),
                         loadavg_1m: { start: loadStart, end: os.loadavg()[0] }, ...report.runtime },
              config: report.config, cases: report.cases };
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
