// Node tests of the MNIST page's pure parts: the data file parser (and the build script's packing), the
// drawing pre-processing (20x20 box, centre of mass at the centre of 28x28) and the safetensors preset check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packMnist } from '../../scripts/build-mnist-data.mjs';
import { parseMnistFile } from '../../web/src/lib/mnist/dataFile.js';
import { toMnistInput } from '../../web/src/lib/mnist/preprocess.js';
import { presetOfSafetensors } from '../../web/src/worker/mnistProtocol.js';

function split(n, seed) {
  const pixels = new Uint8Array(n * 784).map((_, i) => (i * 31 + seed) % 256);
  const labels = new Uint8Array(n).map((_, i) => (i + seed) % 10);
  return { n, rows: 28, cols: 28, pixels, labels };
}

test('a packed file parses back to the same pixels and labels', () => {
  const train = split(5, 1), test = split(3, 2);
  const parsed = parseMnistFile(new Uint8Array(packMnist(train, test)));
  assert.equal(parsed.train.n, 5);
  assert.equal(parsed.test.n, 3);
  assert.deepEqual(parsed.train.pixels, train.pixels);
  assert.deepEqual(parsed.train.labels, train.labels);
  assert.deepEqual(parsed.test.pixels, test.pixels);
  assert.deepEqual(parsed.test.labels, test.labels);
});

test('bad data files are rejected with the reason', () => {
  const good = new Uint8Array(packMnist(split(5, 1), split(3, 2)));
  assert.throws(() => parseMnistFile(good.subarray(0, 10)), /shorter than its 24-byte header/);
  assert.throws(() => parseMnistFile(good.subarray(0, good.length - 1)), /truncated or corrupt/);
  const magic = good.slice();
  magic[0] = 0x58;
  assert.throws(() => parseMnistFile(magic), /not a nabla MNIST file/);
  const label = good.slice();
  label[24 + 5 * 784] = 12;
  assert.throws(() => parseMnistFile(label), /training label 0 is 12/);
  const size = good.slice();
  size[16] = 32;
  assert.throws(() => parseMnistFile(size), /32x28, expected 28x28/);
});

/** Ink bounding box and centre of mass of a 28x28 image. */
function geometry(img) {
  let x0 = 28, x1 = -1, y0 = 28, y1 = -1, m = 0, mx = 0, my = 0;
  for (let y = 0; y < 28; y++) {
    for (let x = 0; x < 28; x++) {
      const v = img[y * 28 + x];
      if (v <= 0) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      m += v; mx += v * (x + 0.5); my += v * (y + 0.5);
    }
  }
  return { w: x1 - x0 + 1, h: y1 - y0 + 1, cx: mx / m, cy: my / m };
}

test('a drawing is scaled to a 20-pixel box and centred by its centre of mass', () => {
  const w = 280, h = 200, ink = new Float32Array(w * h);
  // An off-centre "L": a tall bar and a foot, in the bottom-right part of the canvas.
  for (let y = 60; y < 190; y++) for (let x = 200; x < 215; x++) ink[y * w + x] = 1;
  for (let y = 175; y < 190; y++) for (let x = 200; x < 260; x++) ink[y * w + x] = 1;
  const img = toMnistInput(ink, w, h);
  const g = geometry(img);
  assert.equal(Math.max(g.w, g.h), 20, `box ${g.w}x${g.h}`);
  assert.ok(Math.abs(g.cx - 14) <= 0.5 && Math.abs(g.cy - 14) <= 0.5, `centre of mass (${g.cx}, ${g.cy})`);
  assert.ok(img.every((v) => v >= 0 && v <= 1));
});

test('an empty drawing gives no input, and a size mismatch is an error', () => {
  assert.equal(toMnistInput(new Float32Array(100), 10, 10), null);
  assert.throws(() => toMnistInput(new Float32Array(99), 10, 10), /99 values for a 10x10 image/);
});

function safetensors(shapes) {
  const header = {};
  let at = 0;
  for (const [name, shape] of Object.entries(shapes)) {
    const bytes = shape.reduce((a, b) => a * b, 1) * 4;
    header[name] = { dtype: 'F32', shape, data_offsets: [at, at + bytes] };
    at += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + at);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

test('a saved model file names its preset by its shapes', () => {
  assert.equal(presetOfSafetensors(safetensors({ '0.weight': [128, 784], '0.bias': [128], '2.weight': [10, 128], '2.bias': [10] })), 'mlp128');
  assert.equal(presetOfSafetensors(safetensors({ '0.weight': [256, 784], '0.bias': [256], '2.weight': [128, 256], '4.weight': [10, 128] })), 'mlp256');
  assert.equal(presetOfSafetensors(safetensors({ '1.weight': [8, 1, 5, 5], '8.weight': [10, 256] })), 'convnet');
  assert.throws(() => presetOfSafetensors(safetensors({ '0.weight': [16, 2] })), /match none of the presets/);
  assert.throws(() => presetOfSafetensors(new Uint8Array(4)), /too short/);
  assert.throws(() => presetOfSafetensors(new Uint8Array(16)), /bad header length/);
});
