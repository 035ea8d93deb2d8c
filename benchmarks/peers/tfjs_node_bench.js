// Node runner for the TensorFlow.js peer cases (tfjs_cases.js) on the wasm and/or cpu backend.
// Prints one JSON object to stdout; progress and tfjs' own chatter go to stderr.
//
//   node benchmarks/peers/tfjs_node_bench.js --backend wasm|cpu|wasm,cpu [--smoke] [--init F]
//        [--cases gemm,...] [--reps 5] [--warmup 1] [--steps 500] [--mnist-dir DIR]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs, readInit, readMnist } from '../common/node.js';
import { resolveOptions, runCases } from './tfjs_cases.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The .wasm files Emscripten reads, seen by wrapping fs.readFileSync (its Node loader). */
const wasmFilesRead = [];
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (String(file).endsWith('.wasm')) wasmFilesRead.push(path.basename(String(file)));
  return readFileSync.call(this, file, ...rest);
};

async function main() {
  const args = parseArgs(process.argv.slice(2), { backend: 'wasm' });
  const log = (m) => process.stderr.write(`${m}\n`);
  console.log = console.warn;  // tfjs greets Node users on stdout; keep stdout pure JSON
  const tf = require('@tensorflow/tfjs');
  const tfWasm = require('@tensorflow/tfjs-backend-wasm');
  const wasmDir = path.join(here, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');
  tfWasm.setWasmPaths(`${wasmDir}/`);
  tfWasm.setThreadsCount(1);

  const mnist = await readMnist(args.mnistDir);
  const init = readInit(args.init);

  const opts = resolveOptions({ cases: args.cases.split(','), reps: args.reps, warmup: args.warmup,
                                steps: args.steps, smoke: args.smoke });
  // A busy machine (shared CI, a build) skews every number: record the load around the run.
  const runtime = { node: process.version, tfjs: tf.version.tfjs, cpu: os.cpus()[0].model,
                    cores: os.cpus().length, loadavg_1m: { start: os.loadavg()[0] }, backends: {} };
  const cases = [];
  for (const backend of args.backend.split(',')) {
    if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to start`);
    await tf.ready();
    if (backend === 'wasm') {
      runtime.backends.wasm = {
        binary: wasmFilesRead.join(','),
        simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
        multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
        threads: tfWasm.getThreadsCount(),
      };
    } else {
      runtime.backends[backend] = { threads: 1 };  // tfjs-backend-cpu is plain single-threaded JS
    }
    cases.push(...(await runCases(tf, { ...opts, mnist, init, initName: args.init, log })));
  }
  runtime.loadavg_1m.end = os.loadavg()[0];
  const out = { peer: `tfjs-${tf.version.tfjs}-node`, runtime,
                config: { reps: opts.reps, warmup: opts.warmup, steps: opts.steps,
                          smoke: opts.smoke },
                cases };
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
}

main().catch((e) => { console.error(e); process.exit(1); });
