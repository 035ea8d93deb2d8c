// float16 conversion (web/src/lib/float16.js) against two independent references: a brute-force nearest
// search over every finite half (ties to the even bit pattern), and NumPy's float32 -> float16 cast
// (/usr/bin/python3), on a million random float32 values and on the edge cases by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fromHalfArray, fromHalfBits, toHalfArray, toHalfBits } from '../../web/src/lib/float16.js';

const python = process.env.NABLA_TORCH_PYTHON ?? '/usr/bin/python3';

// every non-negative finite half in increasing order is bits 0 .. 0x7bff; Infinity (0x7c00) acts as 2^16,
// where the next binade would start, so values from 65520 (the tie) upwards round to it
const HALVES = Float64Array.from({ length: 0x7c01 }, (_, b) => (b === 0x7c00 ? 65536 : exactHalf(b)));
function exactHalf(b) { // written independently of fromHalfBits: mantissa as a binary fraction
  const e = b >> 10, m = b & 0x3ff;
  return e === 0 ? m / 2 ** 24 : (1 + m / 1024) * 2 ** (e - 15);
}

function referenceBits(v) {
  if (Number.isNaN(v)) return 'nan';
  const sign = v < 0 || Object.is(v, -0) ? 0x8000 : 0, a = Math.abs(v);
  if (a >= 65536) return sign | 0x7c00;
  let lo = 0, hi = 0x7c00; // the largest half <= a is at lo
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (HALVES[mid] <= a) lo = mid; else hi = mid;
  }
  if (HALVES[lo] === a) return sign | lo;
  const below = a - HALVES[lo], above = HALVES[lo + 1] - a;
  return sign | (below < above ? lo : above < below ? lo + 1 : lo % 2 === 0 ? lo : lo + 1);
}

const same = (got, want) => (want === 'nan' ? (got & 0x7c00) === 0x7c00 && (got & 0x3ff) !== 0 : got === want);

/** A million float32 values: half of them random bit patterns, half spread over the half range's exponents. */
function randomFloats(n, seed) {
  let s = seed >>> 0;
  const next = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; };
  const bits = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (i % 2) bits[i] = next();
    else bits[i] = (next() & 0x807fffff) | ((103 + (next() % 42)) << 23); // exponents 2^-24 .. 2^17
  }
  return new Float32Array(bits.buffer);
}

test('the edge cases: zeros, subnormals, the largest half, ties, overflow, NaN and the infinities', () => {
  const cases = [
    [0, 0x0000], [-0, 0x8000], [2 ** -24, 0x0001], [-(2 ** -24), 0x8001], [2 ** -25, 0x0000], // tie with 0: even
    [1.5 * 2 ** -24, 0x0002], // tie between subnormals 1 and 2: even is 2
    [2 ** -25 * 1.0000001, 0x0001], [1023 * 2 ** -24, 0x03ff], [1023.5 * 2 ** -24, 0x0400], // carry into the normals
    [2 ** -14, 0x0400], [65504, 0x7bff], [65519.99, 0x7bff], [65520, 0x7c00], [1e6, 0x7c00], [-1e6, 0xfc00],
    [Infinity, 0x7c00], [-Infinity, 0xfc00], [1, 0x3c00], [1 + 2 ** -11, 0x3c00], // tie: even mantissa 0
    [1 + 3 * 2 ** -11, 0x3c02], // tie: even mantissa 2
    [1.9999, 0x4000], [7.999, 0x4800], [0.49999, 0x3800], [-1.9999, 0xc000], // carries out of the mantissa
    [2047.9, 0x6800], [1 / 3, 0x3555],
  ];
  for (const [v, bits] of cases) {
    assert.equal(toHalfBits(v), bits, `toHalfBits(${v}) = 0x${toHalfBits(v).toString(16)}, expected 0x${bits.toString(16)}`);
    assert.equal(referenceBits(v), bits, `the reference disagrees on ${v}`);
  }
  assert.ok(Number.isNaN(fromHalfBits(toHalfBits(NaN))));
  assert.ok(Object.is(fromHalfBits(0x8000), -0));
  assert.equal(fromHalfBits(0x7bff), 65504);
  assert.equal(fromHalfBits(0x0001), 2 ** -24);
  assert.equal(fromHalfBits(0xfc00), -Infinity);
});

test('every half survives a round trip through its value', () => {
  for (let b = 0; b < 0x10000; b++) {
    const v = fromHalfBits(b);
    if ((b & 0x7c00) === 0x7c00 && (b & 0x3ff)) assert.ok(Number.isNaN(v));
    else assert.equal(toHalfBits(v), b, `0x${b.toString(16)}`);
  }
});

test('a million random float32 values round like the brute-force reference and like NumPy', () => {
  const values = randomFloats(1_000_000, 16);
  const got = toHalfArray(values);
  let wrong = 0, first = null;
  for (let i = 0; i < values.length; i++) {
    if (!same(got[i], referenceBits(values[i]))) { wrong++; first ??= values[i]; }
  }
  assert.equal(wrong, 0, `${wrong} values differ from the reference, the first ${first}`);

  const script = 'import sys, numpy as np\n' +
    'x = np.frombuffer(sys.stdin.buffer.read(), dtype=np.float32)\n' +
    'sys.stdout.buffer.write(x.astype(np.float16).view(np.uint16).tobytes())\n';
  const out = execFileSync(python, ['-c', script], { input: Buffer.from(values.buffer), maxBuffer: 1 << 23 });
  const numpy = new Uint16Array(out.buffer, out.byteOffset, out.length / 2);
  assert.equal(numpy.length, values.length);
  wrong = 0;
  for (let i = 0; i < values.length; i++) {
    const nan = Number.isNaN(values[i]) ? 'nan' : numpy[i];
    if (!same(got[i], nan)) { wrong++; first ??= values[i]; }
  }
  assert.equal(wrong, 0, `${wrong} values differ from NumPy, the first ${first}`);

  const back = fromHalfArray(got); // and back: the value of the reference's half, sign included
  for (let i = 0; i < values.length; i += 97) {
    const b = referenceBits(values[i]);
    if (b === 'nan') { assert.ok(Number.isNaN(back[i])); continue; }
    const magnitude = (b & 0x7fff) === 0x7c00 ? Infinity : HALVES[b & 0x7fff];
    assert.ok(Object.is(back[i], b & 0x8000 ? -magnitude : magnitude), `${values[i]} came back as ${back[i]}`);
  }
});

test('where the runtime has Math.f16round, it agrees', { skip: typeof Math.f16round !== 'function' && 'no Math.f16round in this Node' }, () => {
  const values = randomFloats(100_000, 7);
  for (const v of values) {
    const want = Math.f16round(v);
    assert.ok(Object.is(fromHalfBits(toHalfBits(v)), want) || (Number.isNaN(want) && Number.isNaN(v)), String(v));
  }
});
