// The user ops that passed their gradient check, kept in localStorage so that every page of the app (the graph
// page defines them, the playground trains with them) sees the same list. A definition is { name, forward,
// backward }: source text of the expression language, compiled again (and the engine re-checks it) where used.
const KEY = 'nabla.userOps';

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled (a sandboxed frame): the ops live for this page only
  }
}

/** The stored definitions, oldest first; [] when there are none or the entry is unreadable. */
export function loadUserOps() {
  try {
    const list = JSON.parse(storage()?.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((d) => d && typeof d.name === 'string' && typeof d.forward === 'string' && typeof d.backward === 'string') : [];
  } catch {
    return [];
  }
}

function write(list) {
  try {
    storage()?.setItem(KEY, JSON.stringify(list));
  } catch { /* full or disabled: the definition stays on this page */ }
}

/** Adds or replaces a definition (by name). */
export function saveUserOp({ name, forward, backward }) {
  write([...loadUserOps().filter((d) => d.name !== name), { name, forward, backward }]);
}

export function deleteUserOp(name) {
  write(loadUserOps().filter((d) => d.name !== name));
}
