// Browser runner for nabla's WASM cases: opens nabla_browser_page.html in headless Chromium (common/browser.js)
// and prints one JSON object (peers' schema) to stdout; page logs go to stderr. --threads N > 1 serves the page
// cross-origin isolated (COOP/COEP) and runs the cases in a module Worker on the threaded build with N threads
// (a page's main thread gets one thread: loader.js), as the playground's and MNIST's workers do.
//
//   node benchmarks/wasm/nabla_browser_bench.js [--smoke] [--init F] [--cases gemm,...] [--reps 5]
//        [--warmup 1] [--steps 500] [--threads 1] [--chromium /usr/bin/chromium]
import { runPage } from '../common/browser.js';
import { parseArgs } from '../common/node.js';

const args = parseArgs(process.argv.slice(2), { chromium: '/usr/bin/chromium', threads: 1 });
const { report, chromium, crossOriginIsolated } = await runPage('benchmarks/wasm/nabla_browser_page.html', {
  cases: args.cases.split(','), reps: args.reps, warmup: args.warmup, steps: args.steps, smoke: args.smoke,
  threads: args.threads,
}, { executablePath: args.chromium, initPath: args.init, isolated: args.threads > 1 });
if (report.runtime.threads !== args.threads) {
  throw new Error(`asked for ${args.threads} threads, the page ran ${report.runtime.threads} (crossOriginIsolated ${crossOriginIsolated})`);
}
const out = { peer: 'nabla-wasm-chromium', runtime: { chromium, crossOriginIsolated, ...report.runtime },
              config: report.config, cases: report.cases };
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
