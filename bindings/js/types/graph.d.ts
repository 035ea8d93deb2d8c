// Types of a recorded graph as nb.graph gives it (re-exported by ../index.d.ts).

/** A tensor's numbers in brief. */
export interface TensorSummary {
  shape: number[];
  /** Up to 8 leading elements. */
  head: number[];
  min: number;
  max: number;
  mean: number;
  /** Element count. */
  size: number;
}

export interface GraphNode {
  id: string;
  /** 'leaf' for inputs/parameters, otherwise the op name ('add', 'matmul', 'tanh', ...). */
  op: string;
  name: string;
  shape: number[];
  /** null when the tensor was freed (an intermediate nothing holds). */
  value: TensorSummary | null;
  /** A leaf's .grad, or an op's output gradient kept by a retainGraph backward; null otherwise. */
  grad: TensorSummary | null;
  requiresGrad: boolean;
}

export interface GraphEdge {
  /** Producer node id. */
  from: string;
  /** Consumer node id. */
  to: string;
  /** Input position at the consumer. */
  input: number;
}

export interface GraphJson {
  /** Forward (topological) order: every node after its inputs. Ids are "n0", "n1", ... */
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Id of the node for the tensor passed to nb.graph. */
  root: string;
  /** Op node ids in the order backward runs their closures. */
  backwardOrder: string[];
}

/** What a page highlights in a drawn graph while it steps through backward (nb.graphDot). */
export interface GraphDotView {
  /** 'all' (the default) draws every gradient; else only those of these node ids. */
  revealed?: 'all' | Iterable<string>;
  /** The node whose backward step is shown (amber). */
  current?: string | null;
  /** The inputs it sends gradient to (orange, with their edges). */
  targets?: Iterable<string>;
  /** Each Linear layer (with its weight, bias and activation) as one node. */
  collapse?: boolean;
}

export interface Graph {
  json: GraphJson;
  /** Graphviz DOT text of the same graph. */
  dot(view?: GraphDotView): string;
}
