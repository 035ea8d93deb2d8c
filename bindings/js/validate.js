// Checks on every size, shape, axis and scalar that crosses from JS into the engine. Embind converts whatever
// it is given (Number('3') = 3, Number(null) = 0, 2.5 -> 2 for an `int`), so a wrong value would silently
// become a different one; here it becomes a NablaError (ValueError) naming the argument and what was got.
import { NablaError } from './errors.js';

const INT32_MAX = 2 ** 31 - 1;

/** What a bad argument was, for messages: 2.5, NaN, '3' (string), null, undefined, an array, an object. */
export function describeValue(v) {
  if (typeof v === 'number' || v === null || v === undefined) return String(v);
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}...` : v}' (string)`;
  if (typeof v === 'boolean' || typeof v === 'bigint') return `${v} (${typeof v})`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'function') return 'a function';
  return 'an object';
}

function fail(what, expected, v) {
  throw new NablaError(`${what} must be ${expected}, got ${describeValue(v)}`, 'ValueError');
}

/**
 * A size or count for an Embind `int`: an integer in [min, 2^31 - 1]. Returns it; ValueError naming `what`
 * ("linear: inFeatures") otherwise.
 */
export function integerArg(what, v, min = 0) {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > INT32_MAX) {
    fail(what, min === 0 ? 'a non-negative integer' : `an integer >= ${min}`, v);
  }
  return v;
}

/** A wrapper of class `Class` (a Module, a Tensor): returns it; ValueError naming `what` otherwise. */
export function instanceArg(what, v, Class) {
  if (!(v instanceof Class)) fail(what, `a ${Class.name}`, v);
  return v;
}

/** A list of wrappers of class `Class`, each checked by instanceArg ("sgd: params[1]"). */
export function instancesArg(what, list, Class, name) {
  if (!Array.isArray(list)) fail(`${what}: ${name}`, `an array of ${Class.name}s`, list);
  return list.map((v, i) => instanceArg(`${what}: ${name}[${i}]`, v, Class));
}

/** An axis (negative counts from the end; the engine checks the range against the rank). */
export function axisArg(what, v) {
  if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > INT32_MAX) fail(what, 'an integer', v);
  return v;
}

/** A number (a value, rate or bound; NaN and infinities are the engine's to judge). */
export function numberArg(what, v) {
  if (typeof v !== 'number') fail(what, 'a number', v);
  return v;
}

function listOf(what, list, noun) {
  if (!Array.isArray(list) && !ArrayBuffer.isView(list)) {
    throw new NablaError(`${what} must be an array of ${noun}, got ${describeValue(list)}`, 'ValueError');
  }
  return [...list];
}

/**
 * A shape: an array (or typed array) of non-negative integers. Entries are not capped at 2^31 here: the
 * engine names a shape whose product is too large ("more than 2^31 elements").
 */
export function shapeArg(op, shape, name = 'shape') {
  const dims = listOf(`${op}: ${name}`, shape, 'sizes');
  dims.forEach((d, i) => {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 2 ** 53) fail(`${op}: ${name}[${i}]`, 'a non-negative integer', d);
  });
  return dims;
}

/** One axis or an array of axes, as an array. */
export function axesArg(op, axis) {
  if (!Array.isArray(axis)) return [axisArg(`${op}: axis`, axis)];
  return axis.map((a, i) => axisArg(`${op}: axis[${i}]`, a));
}

/** A list of integer indices or an axis order (any sign; the engine checks the range). */
export function indicesArg(op, list, name) {
  return listOf(`${op}: ${name}`, list, 'integers').map((v, i) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(`${op}: ${name}[${i}]`, 'an integer', v);
    return v;
  });
}

/** Pooling sizes from options ({kernel = 2, stride = 0 (the kernel size), padding = 0}), checked. */
export function poolArgs(op, o = {}) {
  return [integerArg(`${op}: kernel`, o.kernel ?? 2, 1), integerArg(`${op}: stride`, o.stride ?? 0),
    integerArg(`${op}: padding`, o.padding ?? 0)];
}
