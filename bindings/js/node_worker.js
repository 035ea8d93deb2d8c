// A Web Worker for Node, enough for Emscripten's pthread Workers: the threaded build's glue is compiled for
// the web (its Node path needs `require` and `__dirname`, which Node 20's ES modules lack), so in Node the
// loader installs this class as the global Worker. Each one is a worker_threads Worker that gives the
// Emscripten worker script the web globals it uses (self, location, postMessage, onmessage, importScripts)
// and then runs it. Once the module has loaded, its workers are unref'd (unrefWorkers): an idle thread pool
// does not keep the process alive. (Not before: a process whose only pending work is the pool's start-up
// would exit mid-load.)

// Runs inside the worker_threads Worker (`eval: true`). Dynamic imports only: the code is evaluated as an ES
// module when the parent runs with --input-type=module (workers inherit execArgv), else as CommonJS.
const BOOTSTRAP = `
Promise.all([import('node:worker_threads'), import('node:fs'), import('node:url')]).then(
  ([{ parentPort, workerData }, { readFileSync }, { fileURLToPath }]) => {
    globalThis.self = globalThis;
    self.location = { href: workerData.url };
    self.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
    // Only so that the glue takes its Web Worker path; Emscripten's ES-module worker script never calls it.
    self.importScripts = () => { throw new Error('importScripts is not available in this Node worker'); };
    parentPort.on('message', (data) => self.onmessage && self.onmessage({ data }));
    (0, eval)(readFileSync(fileURLToPath(workerData.url), 'utf8'));
  });
`;

const workers = new Set();
let unrefAll = false;

/** Lets the process exit while the pool's workers idle, now and for any worker made later. */
export function unrefWorkers() {
  unrefAll = true;
  for (const w of workers) w.thread.unref();
}

/** The Worker class to install as globalThis.Worker in Node. */
export async function nodeWorkerClass() {
  const { Worker: ThreadWorker } = await import(/* @vite-ignore */ 'node:worker_threads');
  return class NodeWebWorker {
    constructor(url) {
      this.onmessage = null;
      this.onerror = null;
      this.thread = new ThreadWorker(BOOTSTRAP, { eval: true, workerData: { url: String(url) } });
      this.thread.on('message', (data) => this.onmessage?.({ data }));
      this.thread.on('error', (error) => {
        if (this.onerror) this.onerror(error);
        else throw error;
      });
      workers.add(this);
      this.thread.on('exit', () => workers.delete(this));
      if (unrefAll) this.thread.unref();  // after the listeners: adding one refs the worker's port again
    }

    postMessage(message, transfer) {
      this.thread.postMessage(message, transfer);
    }

    terminate() {
      this.thread.terminate();
    }
  };
}
