// The common shape of every wrapper over an engine object that JS owns (Tensor, Module, Optimizer, Trainer):
// one raw handle, dispose() (also as [Symbol.dispose], so `using t = ...` frees it where the runtime has
// explicit resource management), and a clear error on use after dispose. Tensors are also tracked by tidy
// (memory.js); modules, optimizers and trainers are long-lived and freed explicitly or by nb.dispose.
import { NablaError } from './errors.js';
import { track, untrack } from './memory.js';

export class Handle {
  /** `tracked`: counted by liveTensors() and freed by the enclosing tidy(). */
  constructor(handle, kind, tracked = false) {
    this._raw = handle;
    this._kind = kind;
    this._tracked = tracked;
    if (tracked) track(this);
  }

  get _handle() {
    if (!this._raw) {
      const by = this._tracked ? ' (by dispose() or tidy())' : '';
      throw new NablaError(`${this._kind} used after dispose(): this handle was freed${by}`, 'Error');
    }
    return this._raw;
  }

  get disposed() { return this._raw === null; }

  dispose() {
    if (!this._raw) return;
    this._raw.delete();
    this._raw = null;
    if (this._tracked) untrack(this);
  }
}

// Runtimes without Symbol.dispose (Node 18) simply lack the `using` form; dispose() works everywhere.
if (typeof Symbol.dispose === 'symbol') {
  Object.defineProperty(Handle.prototype, Symbol.dispose, {
    value() { this.dispose(); }, writable: true, configurable: true,
  });
}

/** Copies named tensors ({name, tensor} handles from C++) into a Map name -> {shape, data}, freeing the handles. */
export function copyNamed(entries) {
  const out = new Map();
  for (const { name, tensor } of entries) {
    out.set(name, { shape: tensor.shape(), data: tensor.dataView().slice() });
    tensor.delete();
  }
  return out;
}
