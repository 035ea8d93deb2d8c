// Loads the engine in Node (bytes read with fs, since Emscripten 3.1.6's Node path does not run in Node 20's
// ES modules), in a browser page and in a Web Worker (the .wasm URL resolved relative to this file, which
// bundlers such as Vite recognise as an asset).
//
// Two builds: build/wasm (single-threaded) and build/wasm-threads (pthreads: a SharedArrayBuffer heap shared
// with a pool of Workers). The threaded build is taken when more than one thread is asked for (by default the
// hardware's count, capped at 8) and the host can run it: Node always, a browser only where the page is
// cross-origin isolated (COOP + COEP headers), since SharedArrayBuffer exists nowhere else. Elsewhere the
// single-threaded build loads, without an error; nb.build.threads says which ran.
import { NablaError } from './errors.js';
import { nodeWorkerClass, unrefWorkers } from './node_worker.js';

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string' &&
  typeof window === 'undefined' && typeof importScripts === 'undefined';

// A bundle may leave the threaded build out (the npm package's embed library, which inlines every asset):
// it defines __NABLA_SINGLE_THREADED__ as true, and the threaded branch below is dropped from it.
/* global __NABLA_SINGLE_THREADED__ */
const singleThreadedOnly = typeof __NABLA_SINGLE_THREADED__ !== 'undefined' && __NABLA_SINGLE_THREADED__;

/** Threads used when loadNabla is not told: the hardware's count, at most this many. */
export const DEFAULT_MAX_THREADS = 8;

// Hidden from bundlers: browsers never take these paths.
const nodeImport = (name) => import(/* @vite-ignore */ name);

async function readWasmInNode(url) {
  const fs = await nodeImport('node:fs/promises');
  return fs.readFile(url);
}

/** Whether this host can run the threaded build at all. */
export function threadsAvailable() {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Atomics === 'undefined') return false;
  return isNode || globalThis.crossOriginIsolated === true;
}

// A page's main thread: Emscripten 3.1.6's pthreads spin-wait there (Atomics.wait is refused on it), and a
// pool Worker starts only when that thread returns to its event loop, so the main thread defaults to one
// thread, even when more are asked for, and Workers (the playground's, MNIST's) get the pool.
const isBrowserMainThread = !isNode && typeof window !== 'undefined' && typeof document !== 'undefined';

async function hardwareThreads() {
  if (isBrowserMainThread) return 1;
  if (isNode) {
    const os = await nodeImport('node:os');
    return os.availableParallelism?.() ?? os.cpus().length;
  }
  return globalThis.navigator?.hardwareConcurrency || 1;
}

/** The thread count asked for: a positive whole number, or undefined for the default. */
function checkThreads(threads) {
  if (threads === undefined) return undefined;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new NablaError(`loadNabla: threads must be a positive whole number, got ${
      typeof threads === 'number' ? threads : JSON.stringify(threads) ?? String(threads)}`, 'ValueError');
  }
  return threads;
}

/** Checks the options before anything loads; returns the thread count asked for (undefined: default). */
export function checkLoadOptions(options = {}) {
  return checkThreads(options.threads);
}

/** Instantiates the Emscripten module; errors thrown from C++ are built by makeNablaError. */
export async function instantiate(options = {}) {
  const asked = checkLoadOptions(options);
  const threads = asked ?? Math.min(await hardwareThreads(), DEFAULT_MAX_THREADS);
  // moduleUrl, wasmUrl and wasmBinary name the single-threaded build's files (e.g. the profiling build with
  // function names, or bytes the page already fetched).
  const custom = options.moduleUrl || options.wasmUrl || options.wasmBinary;
  const threaded = !singleThreadedOnly && !isBrowserMainThread && threads > 1 && threadsAvailable() && !custom;
  const args = { makeNablaError: (kind, message) => new NablaError(message, kind) };
  let createNablaModule, wasmUrl;
  if (threaded) {
    // Imported by URL, not bundled: every pthread Worker imports this same file again, so it must be the
    // glue alone (a bundle chunk would rerun the app's own code in each Worker).
    const glueUrl = new URL('../../build/wasm-threads/nabla.js', import.meta.url);
    const workerUrl = new URL('../../build/wasm-threads/nabla.worker.js', import.meta.url);
    wasmUrl = new URL('../../build/wasm-threads/nabla.wasm', import.meta.url);
    ({ default: createNablaModule } = await import(/* @vite-ignore */ String(glueUrl)));
    args.nablaPoolSize = threads - 1;  // read by the glue as PTHREAD_POOL_SIZE
    args.mainScriptUrlOrBlob = String(glueUrl);
    if (isNode) globalThis.Worker ??= await nodeWorkerClass();
    else args.locateFile = (path) => String(path.endsWith('.wasm') ? wasmUrl : path.endsWith('.worker.js') ? workerUrl : path);
  } else {
    // The literal import is the one bundlers follow.
    ({ default: createNablaModule } = options.moduleUrl
      ? await import(/* @vite-ignore */ String(options.moduleUrl))
      : await import('../../build/wasm/nabla.js'));
    wasmUrl = options.wasmUrl ?? new URL('../../build/wasm/nabla.wasm', import.meta.url);
    if (!isNode && !options.wasmBinary) args.locateFile = (path) => (path.endsWith('.wasm') ? String(wasmUrl) : path);
  }
  if (options.wasmBinary) args.wasmBinary = options.wasmBinary;
  else if (isNode) args.wasmBinary = await readWasmInNode(wasmUrl);
  const m = await createNablaModule(args);
  if (threaded) {
    m._setNumThreads(threads);
    if (isNode) unrefWorkers();
  }
  return m;
}
