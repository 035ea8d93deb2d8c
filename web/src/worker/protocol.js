// The messages between the playground page and its training worker. The worker owns the WASM engine;
// the page only sends settings and draws what comes back, so it never blocks.
//
// page -> worker
//   { type: 'setup', setupId, config, train, test, weights? }  build model + trainer (shapes changed, or new data);
//       setupId numbers the setups, and every frame carries the one it was drawn for
//       config = { features: string[], layers: [{ units, activation }], outputs, task: 'classify'|'regress',
//                  loss, optimizer, lr, schedule (nb's schedule text, e.g. 'step:100,0.5'), batch, reg, regRate,
//                  dropout, seed, grid, thumbGrid, stopEpoch,
//                  table? = { plane: [a, b] },  (a CSV table: features are its column names)
//                  userOps?: [{ name, forward, backward }] }  the graph page's user ops the layers use (source text)
//       train/test = { xs: Float32Array, ys: Float32Array, labels: Float32Array, inputs? }  (xs, ys: plane
//                  coordinates; inputs: a table's standardized rows, Float32Array (n, features.length))
//       weights = a shared link's float16 weights (state.js encodeWeights), loaded after building
//   { type: 'hyper', config }          settings that keep shapes: lr, schedule, optimizer, loss, batch, reg, dropout-free
//   { type: 'play' } | { type: 'pause' } | { type: 'step' }   run, stop, one optimizer step
//   { type: 'frameAck' }               the page drew the last frame; the worker may send the next
//   { type: 'setWeight', name, index, value }
//   { type: 'plane', plane: [a, b] }   a table's plane shows columns a, b (others at their mean); answers a frame
//   { type: 'hover', x, y }            live numbers of every neuron at one point (formula tooltips)
//   { type: 'export' }                 -> { type: 'exported', bytes }
//   { type: 'import', bytes }          load a safetensors file into the current network
//
// worker -> page
//   { type: 'ready', build }           engine loaded
//   { type: 'frame', setupId, stats, heatmap, thumbs, params, grads, playing }
//       stats = { steps, epoch, trainLoss, trainAcc, testLoss, testAcc, lr }  (lr: the rate the schedule set)
//       heatmap: Float32Array (grid*grid, outputs) row-major over the plane, row 0 = top (y = +DOMAIN):
//                class probabilities for classification, the output value for regression
//       thumbs: Float32Array[] one per hidden layer, (thumbGrid*thumbGrid, units) each neuron's response
//       params / grads: { name: { shape, data } } current weights and the last step's gradients
//   { type: 'probe', x, y, input, layers: [{ pre, post }], logits, output }   one point's numbers (Float32Arrays):
//       input features, each hidden layer's weighted sums and activations, output logits and probabilities
//   { type: 'exported', bytes } | { type: 'imported' }
//   { type: 'error', message }         an engine or input error, shown to the user; the worker keeps going

/** Builds the grid of plane points (row 0 at the top), as xs, ys arrays; `size` points per side. */
export function gridPoints(size, domain) {
  const xs = new Float32Array(size * size), ys = new Float32Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      xs[r * size + c] = -domain + ((c + 0.5) / size) * 2 * domain;
      ys[r * size + c] = domain - ((r + 0.5) / size) * 2 * domain;
    }
  }
  return { xs, ys };
}
