// IEEE 754 binary16 ("half") conversion, exact: a number rounds to the nearest half, ties to the one with
// an even last mantissa bit, values from 65520 up become Infinity, NaN stays NaN, -0 stays -0.
// Used for the weights in share links and the playground's run snapshots. (Math.f16round and Float16Array
// do the same where the runtime has them; Node 20 does not.)

const HALF_MAX_ROUNDING_UP = 65520; // 65504 (the largest half) plus half its ULP: a tie, which rounds to Infinity

/** A number -> the bits of the nearest float16 (round to nearest, ties to even). */
export function toHalfBits(value) {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const a = Math.abs(value);
  if (a >= HALF_MAX_ROUNDING_UP) return sign | 0x7c00;
  if (a < 2 ** -14) return sign | roundHalfEven(a * 2 ** 24); // subnormal: units of 2^-24; 1024 is the smallest normal
  let e = Math.floor(Math.log2(a)); // log2 can be one off next to a power of two: corrected exactly below
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  // a * 2^(10-e) lies in [1024, 2048) exactly (a power-of-two scale); its rounding may reach 2048, and adding
  // (not OR-ing) the mantissa to the exponent field carries that into the next binade
  return sign | (((e + 15) << 10) + roundHalfEven(a * 2 ** (10 - e)) - 1024);
}

/** float16 bits -> the number they hold (exact). */
export function fromHalfBits(bits) {
  const sign = bits & 0x8000 ? -1 : 1, exp = (bits >> 10) & 0x1f, mant = bits & 0x3ff;
  if (exp === 0) return sign * 2 ** -24 * mant;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1024 + mant) / 1024;
}

/** Rounds q >= 0 (below 2^52) to an integer, ties to even. */
function roundHalfEven(q) {
  const f = Math.floor(q), d = q - f;
  return d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
}

/** Float32Array (or any array of numbers) -> Uint16Array of float16 bits. */
export function toHalfArray(values) {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toHalfBits(values[i]);
  return out;
}

/** Uint16Array of float16 bits -> Float32Array (every half is exact in float32). */
export function fromHalfArray(bits) {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = fromHalfBits(bits[i]);
  return out;
}
