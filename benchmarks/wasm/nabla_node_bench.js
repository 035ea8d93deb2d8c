// Node runner for nabla's WASM cases (nabla_cases.js): loads build/wasm through the public JS API and
// prints one JSON object in the peers' schema to stdout (progress to stderr).
//
//   node benchmarks/wasm/nabla_node_bench.js [--smoke] [--init F] [--cases gemm,...] [--reps 5]
//        [--warmup 1] [--steps 500] [--mnist-dir DIR] [--threads 1]
// --threads N > 1 loads the threaded build (build/wasm-threads) with N threads.
import { loadNabla } from '../../bindings/js/index.js';
import { parseArgs, readInit, readMnist } from '../common/node.js';
import { resolveOptions, runCases } from './nabla_cases.js';

const args = parseArgs(process.argv.slice(2), { threads: 1 });
const log = (m) => process.stderr.write(`${m}\n`);
const nb = await loadNabla({ threads: args.threads });
const mnist = await readMnist(args.mnistDir, nb);
const opts = resolveOptions({ cases: args.cases.split(','), reps: args.reps, warmup: args.warmup, steps: args.steps,
                              smoke: args.smoke });
const cases = await runCases(nb, { ...opts, mnist, init: readInit(args.init), initName: args.init, log });
const out = { peer: 'nabla-wasm-node', runtime: { node: process.version, simd: nb.build.simd, version: nb.build.version,
                                                  threads: nb.build.threads },
              config: { reps: opts.reps, warmup: opts.warmup, steps: opts.steps, smoke: opts.smoke }, cases };
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
