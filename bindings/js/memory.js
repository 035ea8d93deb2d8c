// Ownership of engine memory from JS: every wrapper registers here when created, dispose() frees it, and
// tidy(fn) frees every wrapper created inside fn except what fn returns (kept ones move to the outer scope).
const scopes = [];
let live = 0;

/** Called by every wrapper's constructor. */
export function track(obj) {
  live++;
  if (scopes.length) scopes[scopes.length - 1].add(obj);
}

/** Called by every wrapper's dispose(), once. */
export function untrack(obj) {
  live--;
  if (scopes.length) scopes[scopes.length - 1].delete(obj);
}

export function liveObjects() {
  return live;
}

// Disposable wrappers (every Handle: tensors, modules, optimizers, trainers) found in a result: the value
// itself, or the entries of an array, Map or plain object (nested), as tf.tidy keeps them. Duck-typed on
// Handle's members, since handle.js imports this module.
function collect(value, out, depth = 0) {
  if (value == null || typeof value !== 'object' || depth > 8) return;
  if (typeof value.dispose === 'function' && 'disposed' in value && '_raw' in value) { out.add(value); return; }
  if (ArrayBuffer.isView(value)) return;
  const items = Array.isArray(value) ? value : value instanceof Map ? [...value.values()] : Object.values(value);
  for (const v of items) collect(v, out, depth + 1);
}

export function tidy(fn) {
  if (typeof fn !== 'function') throw new TypeError('tidy: expected a function');
  const scope = new Set();
  scopes.push(scope);
  let result;
  try {
    result = fn();
  } finally {
    scopes.pop();
    const keep = new Set();
    collect(result, keep);
    if (result && typeof result.then === 'function') {
      throw new TypeError('tidy: the function must be synchronous (it returned a Promise)');
    }
    for (const obj of scope) if (!keep.has(obj)) obj.dispose();
    const outer = scopes[scopes.length - 1];
    if (outer) for (const obj of keep) if (scope.has(obj)) outer.add(obj);
  }
  return result;
}

/** Disposes a wrapper of any kind, or every wrapper in an array, Map or object. */
export function dispose(value) {
  const found = new Set();
  collect(value, found);
  for (const obj of found) obj.dispose();
}
