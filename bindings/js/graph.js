// nb.graph: the recorded graph behind a tensor, as JSON (for the graph page) and Graphviz DOT.
import { raw } from './runtime.js';

export function graph(tensor) {
  const json = JSON.parse(raw()._graphJson(tensor._handle));
  const dotText = raw()._graphDot(tensor._handle);
  return { json, dot: () => dotText };
}
