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

// Options left out take the set's own defaults, which the engine holds (nabla::make_toy): undefined and 0 say "unset".
function generate(kind, o) {
  if (!o || typeof o !== 'object') throw new NablaError(`${kind}: expected an options object ({ n, ... })`, 'ValueError');
  const optional = (name, v) => (v === undefined ? undefined : numberArg(`${kind}: options.${name}`, v));
  return toDataset(raw()._dataset(kind, integerArg(`${kind}: options.n`, o.n, 1), optional('noise', o.noise),
    numberArg(`${kind}: options.seed`, o.seed ?? 0), integerArg(`${kind}: options.classes`, o.classes ?? 0),
    optional('extra', o.extra), Boolean(o.nonlinear)));
}

export const data = {
  moons: (o) => generate('moons', o),
  circles: (o) => generate('circles', { ...o, extra: o?.factor }),
  spiral: (o) => generate('spiral', o),
  xor: (o) => generate('xor', o),
  blobs: (o) => generate('blobs', { ...o, extra: o?.spread }),
  plane: (o) => generate('plane', o),
  gaussians: (o) => generate('gaussians', o),
  waves: (o) => generate('waves', o),
  uniform: (o) => generate('uniform', o),
  regression: (o) => generate('regression', { ...o, classes: integerArg('regression: options.features', o?.features ?? 1, 1) }),
  /** The engine's seeded train/test split of a dataset (nabla::train_test_split): the same rows as `nabla data --split`. */
  split(dataset, trainFraction, seed = 0) {
    const m = raw();
    const width = dataset.n ? dataset.y.length / dataset.n : 1;
    const x = m._fromData(dataset.x, [dataset.n, dataset.d]);
    const y = m._fromData(dataset.y, width === 1 ? [dataset.n] : [dataset.n, width]);
    try {
      const parts = m._trainTestSplit(x, y, dataset.classes, numberArg('split: trainFraction', trainFraction), numberArg('split: seed', seed));
      return { train: toDataset(parts.train), test: toDataset(parts.test) };
    } finally {
      x.delete();
      y.delete();
    }
  },
  readMnist(imagesBytes, labelsBytes, limit = 0) {
    if (!(imagesBytes instanceof Uint8Array) || !(labelsBytes instanceof Uint8Array)) {
      throw new NablaError('readMnist: expected two Uint8Arrays (the IDX image and label files)', 'ValueError');
    }
    const d = toDataset(raw()._readMnist(imagesBytes, labelsBytes, integerArg('readMnist: limit', limit)));
    const side = Math.round(Math.sqrt(d.d)); // MNIST's IDX images are square (28 x 28)
    return { ...d, height: side, width: d.d / side };
  },
  /** One IDX array (the engine's reader, nabla::read_idx): { dims, data } with data the elements as bytes. */
  readIdx(bytes) {
    if (!(bytes instanceof Uint8Array)) throw new NablaError('readIdx: expected a Uint8Array (the bytes of an IDX file)', 'ValueError');
    return raw()._readIdx(bytes);
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
