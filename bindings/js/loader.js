// Loads build/wasm/nabla.{js,wasm} in Node (bytes read with fs, since Emscripten 3.1.6's Node path does not
// run in Node 20's ES modules), in a browser page and in a Web Worker (the .wasm URL resolved relative to this
// file, which bundlers such as Vite recognise as an asset).
import { NablaError } from './errors.js';

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string' &&
  typeof window === 'undefined' && typeof importScripts === 'undefined';

async function readWasmInNode(url) {
  // Hidden from bundlers: browsers never take this path.
  const fsName = 'node:fs/promises';
  const fs = await import(/* @vite-ignore */ fsName);
  return fs.readFile(url);
}

/** Instantiates the Emscripten module; errors thrown from C++ are built by makeNablaError. */
export async function instantiate(options = {}) {
  // moduleUrl: another build's JS glue (e.g. the profiling build with function names); the literal import
  // is the one bundlers follow.
  const { default: createNablaModule } = options.moduleUrl
    ? await import(/* @vite-ignore */ String(options.moduleUrl))
    : await import('../../build/wasm/nabla.js');
  const wasmUrl = options.wasmUrl ?? new URL('../../build/wasm/nabla.wasm', import.meta.url);
  const args = { makeNablaError: (kind, message) => new NablaError(message, kind) };
  if (options.wasmBinary) args.wasmBinary = options.wasmBinary;
  else if (isNode) args.wasmBinary = await readWasmInNode(wasmUrl);
  else args.locateFile = (path) => (path.endsWith('.wasm') ? String(wasmUrl) : path);
  return createNablaModule(args);
}
