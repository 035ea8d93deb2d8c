// The exit to PyTorch: a trainer's run as one self-contained Python script (the engine writes it; see
// engine/include/nabla/io/pytorch_script.h). The model's current weights are the ones the script starts from.
import { NablaError } from './errors.js';
import { raw } from './runtime.js';
import { Trainer } from './trainer.js';
import { integerArg } from './validate.js';

function rowsOf(set, what) {
  const { x, y, n } = set ?? {};
  if (!(x instanceof Float32Array) || !(y instanceof Float32Array)) {
    throw new NablaError(`pytorchScript: ${what}.x and ${what}.y must be Float32Arrays`, 'ValueError');
  }
  return [x, y, integerArg(`pytorchScript: ${what}.n`, n)];
}

/** Python source that trains `trainer`'s model from its current weights on `train` for `epochs` epochs. */
export function pytorchScript(trainer, { train, test, epochs, origin = 'a nabla run' }) {
  if (!(trainer instanceof Trainer)) throw new NablaError('pytorchScript: expected a Trainer', 'ValueError');
  const empty = { x: new Float32Array(0), y: new Float32Array(0), n: 0 };
  return raw()._pytorchScript(trainer._handle, ...rowsOf(train, 'train'), ...rowsOf(test ?? empty, 'test'),
    integerArg('pytorchScript: epochs', epochs, 1), String(origin));
}
