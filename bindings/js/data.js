// nb.data: the seeded toy datasets and the MNIST reader, as flat Float32Arrays (x is (n, d) row-major).
import { NablaError } from './errors.js';
import { raw } from './runtime.js';
import { wrap } from './tensor.js';
import { integerArg, numberArg } from './validate.js';

// Copies a {x, y, classes} of engine tensors out of the heap and frees them.
function toDataset(d) {
  const shape = d.x.shape();
  const out = { x: d.x.dataView().slice(), y: d.y.dataView().slice(), n: shape[0], d: shape[1], classes: d.classes };
  d.x.delete();
  d.y.delete();
  return out;
}

function generate(kind, o, defaults) {
  if (!o || typeof o !== 'object') throw new NablaError(`${kind}: expected an options object ({ n, ... })`, 'ValueError');
  const v = { ...defaults, ...o };
  return toDataset(raw()._dataset(kind, integerArg(`${kind}: options.n`, v.n, 1), numberArg(`${kind}: options.noise`, v.noise),
    numberArg(`${kind}: options.seed`, v.seed ?? 0), integerArg(`${kind}: options.classes`, v.classes ?? 0),
    numberArg(`${kind}: options.extra`, v.extra ?? 0), Boolean(v.nonlinear)));
}

export const data = {
  moons: (o) => generate('moons', o, { noise: 0.1 }),
  circles: (o) => generate('circles', { ...o, extra: numberArg('circles: options.factor', o?.factor ?? 0.5) }, { noise: 0.05 }),
  spiral: (o) => generate('spiral', o, { noise: 0.1, classes: 3 }),
  xor: (o) => generate('xor', o, { noise: 0.1 }),
  blobs: (o) => generate('blobs', { ...o, extra: numberArg('blobs: options.spread', o?.spread ?? 2) }, { noise: 0.5, classes: 3 }),
  regression: (o) => generate('regression', { ...o, classes: integerArg('regression: options.features', o?.features ?? 1, 1) }, { noise: 0.1 }),
  readMnist(imagesBytes, labelsBytes, limit = 0) {
    if (!(imagesBytes instanceof Uint8Array) || !(labelsBytes instanceof Uint8Array)) {
      throw new NablaError('readMnist: expected two Uint8Arrays (the IDX image and label files)', 'ValueError');
    }
    const d = toDataset(raw()._readMnist(imagesBytes, labelsBytes, integerArg('readMnist: limit', limit)));
    const side = Math.round(Math.sqrt(d.d)); // MNIST's IDX images are square (28 x 28)
    return { ...d, height: side, width: d.d / side };
  },
  toTensors(dataset) {
    const m = raw();
    const k = dataset.y.length / dataset.n;
    return {
      x: wrap(m._fromData(dataset.x, [dataset.n, dataset.d])),
      y: wrap(m._fromData(dataset.y, k === 1 ? [dataset.n] : [dataset.n, k])),
    };
  },
};
