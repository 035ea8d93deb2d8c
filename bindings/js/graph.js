// nb.graph: the recorded graph behind a tensor, as JSON (for the graph page) and Graphviz DOT; nb.graphDot
// draws a graph JSON kept after its tensors were freed, with a page's highlights. The engine's one DOT
// writer (io/graph_dot.cpp) writes both.
import { NablaError } from './errors.js';
import { raw } from './runtime.js';
import { describeValue } from './validate.js';

export function graph(tensor) {
  const json = JSON.parse(raw()._graphJson(tensor._handle));
  return { json, dot: (view) => graphDot(json, view) };
}

const ids = (what, v) => {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string' || typeof v[Symbol.iterator] !== 'function') {
    throw new NablaError(`graphDot: ${what} must be a Set or an array of node ids, got ${describeValue(v)}`, 'ValueError');
  }
  return [...v].map(String);
};

/**
 * DOT text of `json` (nb.graph(t).json). view = { revealed: 'all' (default) or the ids whose gradient is
 * drawn, current: the id of the backward step shown, targets: ids it sends gradient to, collapse: each
 * Linear layer as one node }.
 */
export function graphDot(json, view = {}) {
  if (!json || typeof json !== 'object') throw new NablaError(`graphDot: json must be a graph's JSON (nb.graph(t).json), got ${describeValue(json)}`, 'ValueError');
  const { revealed = 'all', current = null, targets, collapse = false } = view ?? {};
  if (current !== null && typeof current !== 'string') throw new NablaError(`graphDot: current must be a node id or null, got ${describeValue(current)}`, 'ValueError');
  const { nodes, edges, root, backwardOrder } = json;
  return raw()._graphDotOf(JSON.stringify({ nodes, edges, root, backwardOrder }), {
    revealAll: revealed === 'all', revealed: revealed === 'all' ? [] : ids('revealed', revealed),
    current: current ?? '', targets: ids('targets', targets), collapse: Boolean(collapse),
  });
}
