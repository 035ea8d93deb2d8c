// The typed contract of nabla's JavaScript API: the C++ engine compiled to WebAssembly (SIMD), wrapped in a
// PyTorch-like API. Pages, widgets, workers and benchmarks code against this file; the implementation keeps it true.
// Each concept's types are in types/<concept>.d.ts (tensor, nn, optim, data, trainer, graph), re-exported here;
// this file holds the loader, the error class and the Nabla interface.
//
// Shapes: N = batch, D = input features, K = classes/outputs, H, W = image height and width, C = channels.
// Memory: every object holding engine memory (Tensor, Module, Optimizer, Trainer) is a Handle: dispose(), also
// as [Symbol.dispose] (so `using t = ...` frees it); nb.tidy(fn) frees every Tensor created inside fn except
// those it returns; nb.dispose(x) frees every handle in x. A disposed handle throws NablaError on use.
// Errors: every engine error reaches JS as a NablaError (an Error) carrying the C++ message; the module keeps working.

import type { NestedArray, Shape, TensorLike, TensorOptions, RandomOptions, Tensor, TensorFn, MultiTensorFn, TransformOptions, VjpFn } from './types/tensor.js';
import type { NN } from './types/nn.js';
import type { Optim } from './types/optim.js';
import type { Data } from './types/data.js';
import type { TrainerOptions, PytorchRun, Trainer } from './types/trainer.js';
import type { Graph, GraphDotView, GraphJson } from './types/graph.js';
import type { ElementwiseOp, OpTree } from './types/userOps.js';
export * from './types/tensor.js';
export * from './types/nn.js';
export * from './types/optim.js';
export * from './types/data.js';
export * from './types/trainer.js';
export * from './types/graph.js';
export * from './types/userOps.js';

/** Every error thrown by the engine or by the bindings. `message` is the C++ message, naming op and shapes. */
export class NablaError extends Error {
  /** The C++ error class: 'ShapeError' | 'IndexError' | 'ValueError' | 'AutogradError' | 'FormatError' | 'OutOfMemory' | 'Error'. */
  readonly kind: string;
}

export interface LoadOptions {
  /**
   * Engine threads, a positive whole number (else a NablaError). Default: the hardware's count, at most 8 (1 on a page's main thread, which pthreads would block).
   * More than 1 loads the threaded build (pthreads on a SharedArrayBuffer) where the host can run it: Node,
   * or a browser page that is cross-origin isolated (COOP: same-origin + COEP: require-corp). Elsewhere the
   * single-threaded build loads, without an error; `build.threads` says which ran. The first call decides.
   */
  threads?: number;
  /** The .wasm bytes (Node, or when the page already fetched them). Default: read next to nabla.js. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** URL of nabla.wasm in a browser. Default: resolved relative to the JS glue via import.meta.url. */
  wasmUrl?: string | URL;
  /** URL of another build's JS glue (e.g. a profiling build with function names; pass its wasmUrl too). */
  moduleUrl?: string | URL;
}

/** Loads the WebAssembly module (Node, browser main thread, Web Worker). Repeated calls return the same instance. */
export function loadNabla(options?: LoadOptions): Promise<Nabla>;

export interface Nabla {
  /** From nested arrays or numbers, or from a Float32Array (or number[]) with an explicit shape. */
  tensor(data: NestedArray, options?: TensorOptions): Tensor;
  tensor(data: Float32Array | readonly number[], shape: Shape, options?: TensorOptions): Tensor;
  scalar(value: number, options?: TensorOptions): Tensor;
  zeros(shape: Shape, options?: TensorOptions): Tensor;
  ones(shape: Shape, options?: TensorOptions): Tensor;
  full(shape: Shape, value: number, options?: TensorOptions): Tensor;
  randn(shape: Shape, options?: TensorOptions): Tensor;
  rand(shape: Shape, options?: RandomOptions): Tensor;
  arange(start: number, end?: number, step?: number): Tensor;
  /** Seeds the global generator; the same seed gives the same numbers natively and in WASM. */
  manualSeed(seed: number): void;

  // Free-function forms of the Tensor methods (numbers accepted where a scalar fits).
  add(a: TensorLike, b: TensorLike): Tensor;
  sub(a: TensorLike, b: TensorLike): Tensor;
  mul(a: TensorLike, b: TensorLike): Tensor;
  div(a: TensorLike, b: TensorLike): Tensor;
  pow(a: Tensor, b: TensorLike): Tensor;
  matmul(a: Tensor, b: Tensor): Tensor;
  concat(tensors: Tensor[], axis?: number): Tensor;

  /** Runs fn with graph recording off; returns its result. */
  noGrad<T>(fn: () => T): T;
  /** sin(x), cos(x): the Tensor methods as free functions. */
  sin(x: Tensor): Tensor;
  cos(x: Tensor): Tensor;
  /** x.roll(shift, axis) as a free function (HIPS autograd's np.roll). */
  roll(x: Tensor, shift: number, axis: number): Tensor;
  /** Defines (or redefines) an elementwise op from f(x) and f'(x): usable as op.apply(x) and as an mlp activation.
   *  NablaError naming the problem for a bad name, tree, or a program that does not keep x's shape. */
  elementwiseOp(name: string, definition: { forward: OpTree; derivative: OpTree }): ElementwiseOp;
  /** Whether nb.elementwiseOp defined this name. */
  hasElementwiseOp(name: string): boolean;

  // Function transforms (HIPS autograd / JAX / torch.func): each nests in the others (grad of jacobian, ...).
  /** grad(f)(x) = df/dx for scalar-valued f; differentiable, so grad(grad(f)) works. With argnums an array,
   *  the gradients with respect to each of those arguments, as an array. */
  grad(fn: TensorFn): TensorFn;
  grad(fn: MultiTensorFn, options: TransformOptions & { argnums: number[] }): (...args: any[]) => Tensor[];
  grad(fn: MultiTensorFn, options?: TransformOptions): (...args: any[]) => Tensor;
  /** valueAndGrad(f, {argnums})(...args) = [f(...args), the gradients of grad]. */
  valueAndGrad(fn: TensorFn): (x: Tensor) => [Tensor, Tensor];
  valueAndGrad(fn: MultiTensorFn, options: TransformOptions & { argnums: number[] }): (...args: any[]) => [Tensor, Tensor[]];
  valueAndGrad(fn: MultiTensorFn, options?: TransformOptions): (...args: any[]) => [Tensor, Tensor];
  /** elementwiseGrad(f)(x) = the gradient of sum(f(x)): f'(x) elementwise for an elementwise f. */
  elementwiseGrad(fn: MultiTensorFn, options?: TransformOptions): (...args: any[]) => Tensor;
  /** jacobian(f)(x), of shape [...f(x).shape, ...x.shape]: one reverse pass per element of f(x). */
  jacobian(fn: MultiTensorFn, options?: TransformOptions): (...args: any[]) => Tensor;
  /** hessian(f)(x) for scalar-valued f: the jacobian of its gradient, of shape [...x.shape, ...x.shape]. */
  hessian(fn: MultiTensorFn, options?: { argnums?: number }): (...args: any[]) => Tensor;
  /** jvp(f, primals, tangents) = [f(...primals), J·tangents]: forward mode, exact (two reverse passes). */
  jvp(fn: MultiTensorFn, primals: Tensor | Tensor[], tangents: Tensor | Tensor[]): [Tensor, Tensor];
  /** vjp(f, x) = [f(x), u => uᵀJ]; x a Tensor or an array of them. */
  vjp(fn: MultiTensorFn, primals: Tensor | Tensor[]): [Tensor, VjpFn];
  /** hvp(f, x, v) = H(x)·v for scalar-valued f, by differentiating <grad f(x), v>. */
  hvp(fn: TensorFn, x: Tensor, v: Tensor): Tensor;
  /** d<output, gradOutput>/d inputs, returned rather than accumulated (torch.autograd.grad); inputs may be
   *  intermediate tensors of the graph. gradOutput may be left out for a one-element output. */
  gradients(output: Tensor, inputs: Tensor | Tensor[],
    options?: { gradOutput?: Tensor; createGraph?: boolean; retainGraph?: boolean }): Tensor[];
  /** Anomaly mode on or off: when on, the first op whose result or gradient holds NaN/Inf throws a NablaError naming it. */
  setAnomalyMode(on: boolean): void;
  /** Runs fn (synchronous) with anomaly mode on, then restores the previous mode; returns fn's result. */
  detectAnomaly<T>(fn: () => T): T;

  /** Runs fn, then disposes every Tensor created inside except those in its result (a Tensor, array or object of them). */
  tidy<T>(fn: () => T): T;
  /** Disposes a handle (Tensor, Module, Optimizer, Trainer), or every handle in an array, Map or object. */
  dispose(x: unknown): void;
  /** Live tensor handles held by JS (for leak checks). */
  liveTensors(): number;
  /** Current WebAssembly heap size in bytes (grows, never shrinks). */
  heapBytes(): number;
  /** Bytes currently allocated by the engine (malloc) for live objects, after freeing the blocks it keeps from
   *  dead tensors for reuse: flat when nothing leaks. */
  heapUsed(): number;

  nn: NN;
  optim: Optim;
  data: Data;
  /** Trainer over a model: the fast path for the playground and the pages. */
  trainer(options: TrainerOptions): Trainer;
  /** The run as one self-contained Python script for PyTorch (torch.nn.Sequential, the model's current weights
   *  as the start, the data, nabla's batch order, loss, optimizer and hyper-parameters) that trains for `epochs`
   *  and prints `epoch k/n  train loss X ...` lines like `nabla train`. MLPs (Linear and activations) only. */
  pytorchScript(trainer: Trainer, run: PytorchRun): string;
  /** The recorded graph behind `tensor`; take it before backward, or after backward({retainGraph: true})
   *  to see every op's gradient. */
  graph(tensor: Tensor): Graph;
  /** DOT of a graph's JSON kept after its tensors were freed, with a page's highlights (the engine's writer). */
  graphDot(json: GraphJson, view?: GraphDotView): string;

  /** simd: compiled with -msimd128. */
  /** threads: the engine's thread count (1 for the single-threaded build). */
  readonly build: { simd: boolean; version: string; threads: number };
}
