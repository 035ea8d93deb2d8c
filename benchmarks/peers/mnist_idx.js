// Parses MNIST IDX files (big-endian header, then raw uint8) from bytes, so that the same code
// serves Node (bytes from fs) and the browser (bytes from fetch). No Node-only imports here.

/** IDX bytes -> {dims, data}: data is a view of the payload, dims[0] the item count. */
export function parseIdx(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ndim = bytes[3];
  const dims = [];
  for (let i = 0; i < ndim; i++) dims.push(view.getUint32(4 + 4 * i, false));
  return { dims, data: bytes.subarray(4 + 4 * ndim) };
}

/** First `count` images as Float32Array [count*784] in [0,1] and labels as Int32Array [count]. */
export function mnistSubset(imageBytes, labelBytes, count) {
  const img = parseIdx(imageBytes);
  const lab = parseIdx(labelBytes);
  const size = img.dims[1] * img.dims[2];
  const images = new Float32Array(count * size);
  for (let i = 0; i < images.length; i++) images[i] = img.data[i] / 255;
  return { images, labels: Int32Array.from(lab.data.subarray(0, count)), size };
}
