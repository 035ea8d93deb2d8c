// The common shape of a wrapper over an engine object that JS owns: one raw handle, dispose(), and a clear
// error on use after dispose. Tensors are tracked by tidy (memory.js); modules, optimizers and trainers are
// long-lived and freed explicitly.
import { NablaError } from './errors.js';

export class Handle {
  constructor(handle, kind) {
    this._raw = handle;
    this._kind = kind;
  }

  get _handle() {
    if (!this._raw) throw new NablaError(`${this._kind} used after dispose(): this handle was freed`, 'Error');
    return this._raw;
  }

  get disposed() { return this._raw === null; }

  dispose() {
    if (!this._raw) return;
    this._raw.delete();
    this._raw = null;
  }
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
