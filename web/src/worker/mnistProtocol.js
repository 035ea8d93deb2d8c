// The messages between the MNIST page and its worker (web/src/worker/mnist.worker.js). The worker owns the
// data and the WASM engine; the page sends settings and draws what comes back.
//
// page -> worker
//   { type: 'load', url }                     fetch + check the data file (absolute URL)
//   { type: 'setup', config }                 a fresh model: config = { model, spec, optimizer, lr, batch, epochs, seed,
//                                             schedule } (schedule: nb's text, e.g. 'step:1,0.5', stepped per epoch)
//                                             model = preset id or 'custom', spec = its layer spec (lib/mnist/spec.js)
//   { type: 'checkSpec', id, spec }           -> 'specCheck' (the engine's nb.nn.checkSpec for 784 inputs, 10 outputs)
//   { type: 'inspect', test } | { type: 'inspect', input }   the digit to look inside with: a test image index or a
//                                             drawing (Float32Array(784) in [0, 1]) -> 'inside', and again while training
//   { type: 'train', config }                 (re)build if the model settings changed, then train config.epochs epochs
//   { type: 'stop' }                          stop training (honoured between chunks of ~CHUNK_MS)
//   { type: 'classify', id, input }           input: Float32Array(784) in [0, 1] -> 'probs'
//   { type: 'export' }                        -> 'exported'
//   { type: 'import', bytes, config }         load a safetensors file into a fresh model of config.spec
//
// worker -> page
//   { type: 'ready', build }                  engine loaded
//   { type: 'loadProgress', loaded, total }   bytes of the (gzip) data file so far; total 0 if unknown
//   { type: 'loaded', train, test, ms, samples }   counts of images; samples = [{ index, label, pixels }] the first
//                                             test image of each digit
//   { type: 'model', model, spec, params, paramNames, children }   a model was built; params = parameter count;
//                                             children = the model's child names, in order
//   { type: 'specCheck', id, spec, check }    check = nb.nn.checkSpec's answer (layers, error, errorLayer, errorPosition)
//   { type: 'progress', epoch, epochs, done, steps, stepsPerEpoch, loss, acc, samplesPerSec, gradNorms, lr }
//       lr = the rate the trainer uses now (the schedule's)
//       epoch = 1-based epoch running; done = fraction of this epoch done; loss/acc = mean over the last chunk
//       gradNorms: Float32Array, each parameter's (paramNames order) gradient norm in the chunk's last step
//   { type: 'epochEnd', epoch, testLoss, testAcc, confusion, wrong, wrongTotal }
//       confusion: Int32Array(100), row = true label, column = prediction
//       wrong: [{ index, label, pred, pixels: Uint8Array(784) }] the first misclassified test digits
//   { type: 'weights', filters: [{ name, shape, data }] }   first-layer weights (and conv filters)
//   { type: 'inside', input, label, test, spec, layers, convs, probs }   for the inspected digit: layers = the model's
//       children's outputs [{ name, shape (per sample), values }]; convs = { child: { shape, weight, bias } };
//       sent on 'inspect', after a model is built, every INSIDE_MS while training and at each epoch's end
//   { type: 'done', reason: 'finished' | 'stopped', seconds }
//   { type: 'probs', id, probs }              Float32Array(10), sums to 1
//   { type: 'exported', bytes, model }        safetensors bytes
//   { type: 'imported', model, spec }
//   { type: 'error', message, during }        shown to the user; the worker keeps going

import { PRESETS } from '../lib/mnist/spec.js';

/** Model presets by id: label, layer spec, and an MLP's hidden sizes (lib/mnist/spec.js). */
export const MODELS = PRESETS;
export const CHUNK_MS = 80;
export const INSIDE_MS = 400;
export const GALLERY_SIZE = 60;

/**
 * The preset a safetensors file was saved from, read from its JSON header (names and shapes only), or an
 * Error saying why it fits none. Layout: u64 LE header length, then a JSON object name -> { shape, ... }.
 */
export function presetOfSafetensors(bytes) {
  if (bytes.length < 8) throw new Error(`this file is ${bytes.length} bytes, too short for safetensors`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = Number(view.getBigUint64(0, true));
  if (len < 2 || 8 + len > bytes.length) throw new Error('this is not a safetensors file (bad header length)');
  let header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + len)));
  } catch {
    throw new Error('this is not a safetensors file (its header is not JSON)');
  }
  const shapes = Object.entries(header).filter(([k]) => k !== '__metadata__').map(([, v]) => v.shape);
  if (shapes.some((s) => s.length === 4)) return 'convnet';
  const firsts = shapes.filter((s) => s.length === 2 && s[1] === 784).map((s) => s[0]);
  if (firsts.length === 1 && firsts[0] === 128 && shapes.filter((s) => s.length === 2).length === 2) return 'mlp128';
  if (firsts.length === 1 && firsts[0] === 256) return 'mlp256';
  throw new Error(`its tensors (shapes ${JSON.stringify(shapes)}) match none of the presets`);
}
