// The forward (and backward) pass of a small MLP on one input, as a model for GraphPanel: built with the
// engine's own nn.mlp so the graph is what training records (linear ops with weight and bias leaves).
import { modelOf } from './programGraph.js';

const ACTIVATIONS = { tanh: 'tanh', relu: 'relu', sigmoid: 'sigmoid', gelu: 'gelu' };

/** "2-4-1" -> [2, 4, 1]; Error naming the problem otherwise. */
export function parseSizes(text) {
  const sizes = String(text).split(/[-,x ]+/).filter(Boolean).map(Number);
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1 || s > 16)) {
    throw new Error(`layer sizes "${text}": expected 2 to 6 whole numbers from 1 to 16, e.g. 2-4-1`);
  }
  if (sizes.length > 6) throw new Error(`layer sizes "${text}": at most 6 layers here (the graph gets unreadable)`);
  return sizes;
}

/**
 * An MLP `sizes` (inputs, hidden..., outputs) with `activation` after each hidden layer, run on x = (1, inputs)
 * evenly spaced in [-1, 1] with loss = sum((y - 1)^2), then a retained backward. Frees everything it made.
 */
export function mlpModel(nb, { sizes, activation = 'tanh', seed = 1 }) {
  if (!ACTIVATIONS[activation]) throw new Error(`activation "${activation}": expected one of ${Object.keys(ACTIVATIONS).join(', ')}`);
  return nb.tidy(() => {
    nb.manualSeed(seed);
    const model = nb.nn.mlp({ inputs: sizes[0], hidden: sizes.slice(1, -1), outputs: sizes.at(-1), activation: ACTIVATIONS[activation] });
    try {
      for (const [i, p] of model.parameters().entries()) p.name = `${i % 2 ? 'b' : 'W'}${(i >> 1) + 1}`;
      const n = sizes[0];
      const x = nb.tensor(Array.from({ length: n }, (_, i) => (n === 1 ? 0.5 : -1 + (2 * i) / (n - 1))), [1, n]);
      x.name = 'x';
      const y = model.forward(x);
      y.name = 'y';
      const loss = y.sub(nb.ones(y.shape)).pow(nb.scalar(2)).sum();
      loss.name = 'loss';
      loss.backward(undefined, { retainGraph: true });
      return modelOf(nb.graph(loss).json);
    } finally {
      model.dispose();
    }
  });
}
