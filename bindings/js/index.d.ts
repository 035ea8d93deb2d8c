// The typed contract of nabla's JavaScript API: the C++ engine compiled to WebAssembly (SIMD), wrapped in a
// PyTorch-like API. Pages, widgets, workers and benchmarks code against this file; the implementation keeps it true.
//
// Shapes: N = batch, D = input features, K = classes/outputs, H, W = image height and width, C = channels.
// Memory: every object holding engine memory (Tensor, Module, Optimizer, Trainer) is a Handle: dispose(), also
// as [Symbol.dispose] (so `using t = ...` frees it); nb.tidy(fn) frees every Tensor created inside fn except
// those it returns; nb.dispose(x) frees every handle in x. A disposed handle throws NablaError on use.
// Errors: every engine error reaches JS as a NablaError (an Error) carrying the C++ message; the module keeps working.

/** A number, or nested arrays of numbers (rectangular). */
export type NestedArray = number | NestedArray[];
export type Shape = readonly number[];
/** Anything a binary op accepts: a Tensor or a number (broadcast as a scalar, as PyTorch accepts scalars). */
export type TensorLike = Tensor | number;

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

export interface TensorOptions {
  requiresGrad?: boolean;
}

export interface RandomOptions extends TensorOptions {
  /** rand: lower bound (default 0). */
  low?: number;
  /** rand: upper bound, exclusive (default 1). */
  high?: number;
}

/** What every wrapper over engine memory shares (exported for instanceof checks). */
export abstract class Handle {
  protected constructor();
  /** True once dispose() ran. */
  readonly disposed: boolean;
  /** Frees the engine memory now. Idempotent. */
  dispose(): void;
  /** The same as dispose(), for `using`. */
  [Symbol.dispose](): void;
}

/** Made by nb.tensor and friends (exported for instanceof checks). */
export class Tensor extends Handle {
  private constructor();
  /** Dimensions, e.g. [2, 3]; [] for a scalar. A fresh array on each read. */
  readonly shape: number[];
  readonly rank: number;
  /** Number of elements. */
  readonly size: number;
  /** True for leaves that asked for gradients and for every tensor computed from one while grad is on. */
  requiresGrad: boolean;
  readonly isLeaf: boolean;
  /** Accumulated gradient of a leaf after backward(); null until a backward reaches it. A new handle per read. */
  readonly grad: Tensor | null;
  /** Name shown in graph exports. */
  name: string;

  /** Nested arrays in the tensor's shape (a number for a scalar). */
  toArray(): NestedArray;
  /** A copy of the elements, row-major. Safe to keep: it is not a view of the WASM heap. */
  data(): Float32Array;
  /** The single element of a one-element tensor; NablaError otherwise. */
  item(): number;

  /** Backpropagates into .grad of every leaf. `grad` is required for non-scalar roots. */
  backward(grad?: Tensor, options?: { retainGraph?: boolean; createGraph?: boolean }): void;
  /** Forgets the accumulated gradient (grad becomes null). */
  zeroGrad(): void;
  /** The same data, cut from the graph. */
  detach(): Tensor;
  /** A copy of the data, cut from the graph. */
  clone(): Tensor;

  // ---- arithmetic (NumPy broadcasting; numbers act as scalars) ----
  add(other: TensorLike): Tensor;
  sub(other: TensorLike): Tensor;
  mul(other: TensorLike): Tensor;
  div(other: TensorLike): Tensor;
  pow(exponent: TensorLike): Tensor;
  neg(): Tensor;

  // ---- elementwise ----
  exp(): Tensor;
  log(): Tensor;
  sqrt(): Tensor;
  abs(): Tensor;
  /** sin(x), cos(x) in radians; differentiable to any order. */
  sin(): Tensor;
  cos(): Tensor;
  tanh(): Tensor;
  sigmoid(): Tensor;
  relu(): Tensor;
  leakyRelu(slope?: number): Tensor;
  gelu(): Tensor;
  softplus(): Tensor;
  clamp(min: number, max: number): Tensor;

  // ---- reductions; axis may be negative ----
  sum(axis?: number | number[], keepdim?: boolean): Tensor;
  mean(axis?: number | number[], keepdim?: boolean): Tensor;
  /** Maximum of all elements, or along one axis. */
  max(axis?: number, keepdim?: boolean): Tensor;
  argmax(axis: number): Tensor;

  // ---- linear algebra ----
  matmul(other: Tensor): Tensor;

  // ---- layout ----
  /** Broadcasts to `shape` (size-1 or missing leading dimensions repeat), as torch's expand (a copy here). */
  expand(shape: Shape): Tensor;
  /** Sums broadcast dimensions away so that the result has `shape`, as torch's sum_to_size. */
  sumTo(shape: Shape): Tensor;
  reshape(shape: Shape): Tensor;
  flatten(startAxis?: number, endAxis?: number): Tensor;
  transpose(axis0?: number, axis1?: number): Tensor;
  permute(order: Shape): Tensor;
  slice(axis: number, start: number, end: number, step?: number): Tensor;
  indexSelect(axis: number, index: readonly number[]): Tensor;

  // ---- softmax family ----
  softmax(axis?: number): Tensor;
  logSoftmax(axis?: number): Tensor;
  logsumexp(axis?: number, keepdim?: boolean): Tensor;
}

/** A function of one tensor, for grad/valueAndGrad. */
export type TensorFn = (x: Tensor) => Tensor;

/** A function of one or more tensors (other arguments pass through untouched), for the function transforms. */
export type MultiTensorFn = (...args: any[]) => Tensor;

/** Which arguments a transform differentiates: an index (default 0) or an array of distinct indices. */
export interface TransformOptions {
  argnums?: number | number[];
}

/** The pullback of nb.vjp: u => uᵀJ, shaped like the primal (an array for an array of primals). */
export interface VjpFn {
  (cotangent: Tensor): Tensor | Tensor[];
  /** Frees the graph the pullback holds (so does an enclosing tidy). */
  dispose(): void;
}

// ---------------------------------------------------------------- modules

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'leakyRelu' | 'gelu' | 'linear';

/** One named parameter, as in PyTorch's state_dict: '0.weight', '0.bias', '2.weight', ... */
export interface ParameterInfo {
  name: string;
  shape: number[];
}

/** Made by nb.nn.* (exported for instanceof checks). */
export class Module extends Handle {
  private constructor();
  /** Calls forward with grad recording as usual. */
  forward(x: Tensor): Tensor;
  /** Parameters in stateDict order (new handles sharing data with the module; dispose them or use tidy). */
  parameters(): Tensor[];
  namedParameters(): { name: string; tensor: Tensor }[];
  /** Names and shapes of parameters, in order. */
  parameterInfo(): ParameterInfo[];
  /** Total number of trainable scalars. */
  parameterCount(): number;
  /** name -> copy of the values: parameters, then buffers (BatchNorm running statistics). */
  stateDict(): Map<string, { shape: number[]; data: Float32Array }>;
  /** Loads values by name; NablaError on a missing name or a shape mismatch. */
  loadStateDict(state: Map<string, { shape: Shape; data: Float32Array }> | Record<string, { shape: Shape; data: Float32Array }>): void;
  /** The safetensors file bytes of stateDict(). */
  saveSafetensors(): Uint8Array;
  /** Loads a safetensors file; NablaError (FormatError) on bad bytes, ShapeError on mismatched tensors. */
  loadSafetensors(bytes: Uint8Array): void;
  /** Training mode (dropout active) or evaluation mode. */
  train(on?: boolean): void;
  eval(): void;
  readonly training: boolean;
  zeroGrad(): void;
  /** PyTorch-style description, e.g. "Sequential(\n  (0): Linear(in=2, out=16, bias=true) ...". */
  toString(): string;
}

/** A layer's initialiser: 'default' is PyTorch's (W, b ~ U(+-1/sqrt(fanIn))); Xavier/Glorot and He/Kaiming
 *  (gain sqrt(2), fanIn) set the bias to 0; 'zeros' sets both to 0. */
export type InitName = 'default' | 'xavierUniform' | 'xavierNormal' | 'kaimingUniform' | 'kaimingNormal' | 'zeros';
export interface LinearOptions {
  bias?: boolean;
  init?: InitName;
  /** DropConnect: in training each forward drops each weight with probability p in [0, 1) and scales the kept
   *  ones by 1/(1-p) ("inverted", one mask per call); eval uses the weights as they are. Default 0. */
  dropConnect?: number;
}
export interface Conv2dOptions { stride?: number; padding?: number; bias?: boolean; init?: InitName }
export type Nonlinearity = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'gelu' | 'selu';
export interface KaimingOptions { a?: number; mode?: 'fanIn' | 'fanOut'; nonlinearity?: Nonlinearity }
/** In-place initialisers with PyTorch's formulas (torch.nn.init), drawn from the global generator; each returns t. */
export interface Init {
  uniform(t: Tensor, low?: number, high?: number): Tensor;
  normal(t: Tensor, mean?: number, std?: number): Tensor;
  constant(t: Tensor, value: number): Tensor;
  zeros(t: Tensor): Tensor;
  ones(t: Tensor): Tensor;
  /** U(-a, a), a = gain sqrt(6 / (fanIn + fanOut)). */
  xavierUniform(t: Tensor, options?: { gain?: number }): Tensor;
  /** N(0, std^2), std = gain sqrt(2 / (fanIn + fanOut)). */
  xavierNormal(t: Tensor, options?: { gain?: number }): Tensor;
  /** U(-b, b), b = gain sqrt(3 / fan), gain = calculateGain(nonlinearity, a). */
  kaimingUniform(t: Tensor, options?: KaimingOptions): Tensor;
  /** N(0, std^2), std = gain / sqrt(fan). */
  kaimingNormal(t: Tensor, options?: KaimingOptions): Tensor;
  calculateGain(nonlinearity: Nonlinearity, slope?: number): number;
}
export interface Pool2dOptions { kernel?: number; stride?: number; padding?: number }

/** nb.nn.checkSpec's answer: the layers up to the first error (the failing one without an output shape). */
export interface SpecCheck {
  layers: { text: string; position: number; depth: number; output: number[]; parameters: number }[];
  /** '' when the spec is sound. */
  error: string;
  errorLayer: number;
  errorPosition: number;
  /** The per-sample input shape the spec reads, e.g. [1, 28, 28]. */
  input: number[];
  parameters: number;
}

export interface MlpOptions {
  inputs: number;
  hidden: readonly number[];
  outputs: number;
  /** One activation for every hidden layer, or one per hidden layer. Default 'relu'. The output layer is linear. */
  activation?: Activation | readonly Activation[];
  /** Dropout probability after each hidden activation (0 = none). */
  dropout?: number;
}

export interface NN {
  linear(inFeatures: number, outFeatures: number, options?: LinearOptions): Module;
  conv2d(inChannels: number, outChannels: number, kernel: number, options?: Conv2dOptions): Module;
  maxPool2d(options?: Pool2dOptions): Module;
  avgPool2d(options?: Pool2dOptions): Module;
  relu(): Module;
  tanh(): Module;
  sigmoid(): Module;
  leakyRelu(slope?: number): Module;
  gelu(): Module;
  /** BatchNorm1d over (N, C): batch statistics in training, running ones in eval (as PyTorch). */
  batchNorm1d(features: number, options?: { eps?: number; momentum?: number; affine?: boolean }): Module;
  /** BatchNorm2d over (N, C, H, W): per-channel statistics over N, H, W; batch statistics in training, running
   *  ones in eval; momentum 0.1, eps 1e-5, affine by default (as PyTorch). */
  batchNorm2d(channels: number, options?: { eps?: number; momentum?: number; affine?: boolean }): Module;
  /** y = x + block(x): the skip connection; ShapeError at forward when block changes the shape. */
  residual(block: Module): Module;
  flatten(): Module;
  dropout(p: number): Module;
  /** The layers are shared with the Sequential; disposing a layer's wrapper does not break the Sequential. */
  sequential(...layers: Module[]): Module;
  /** A multilayer perceptron: Linear (+activation, +dropout) per hidden layer, then a linear output layer. */
  mlp(options: MlpOptions): Module;
  /** The MNIST convnet preset: input (N, 1, 28, 28) -> logits (N, 10). */
  mnistConvnet(): Module;
  /** A model from a spec string, as the CLI takes: "mlp", "mlp:16,16", "mlp:8,8:tanh,relu", "mlp:256:relu:0.2", "convnet",
   *  or a layer spec: "conv(8,5,stride=1,pad=0)-bn-relu-maxpool(2)-res(conv(8,3,pad=1)-relu)-flatten-dropout(0.2)-linear(10)".
   *  ValueError naming the layer, its position and the reason when the spec is malformed or its shapes do not fit. */
  fromSpec(spec: string, inputs: number, outputs: number): Module;
  /** The layers of a layer spec with their output shapes, without building it; never throws for a bad spec. */
  checkSpec(spec: string, inputs: number, outputs: number): SpecCheck;
  functional: Functional;
  init: Init;
}

export interface Functional {
  mse(pred: Tensor, target: Tensor): Tensor;
  l1(pred: Tensor, target: Tensor): Tensor;
  /** logits (N, K), labels (N) class indices stored as floats. */
  crossEntropy(logits: Tensor, labels: Tensor): Tensor;
  /** -mean_i logProbs[i, labels[i]] of log-probabilities (N, K), as torch.nn.functional.nll_loss:
   *  nllLoss(logits.logSoftmax(1), labels) is crossEntropy(logits, labels) taken apart. */
  nllLoss(logProbs: Tensor, labels: Tensor): Tensor;
  binaryCrossEntropyWithLogits(logits: Tensor, targets: Tensor): Tensor;
  /** Multi-class hinge (Weston-Watkins). */
  multiMargin(scores: Tensor, labels: Tensor, margin?: number): Tensor;
  l1Penalty(w: Tensor): Tensor;
  l2Penalty(w: Tensor): Tensor;
  linear(x: Tensor, weight: Tensor, bias?: Tensor): Tensor;
  conv2d(x: Tensor, weight: Tensor, bias?: Tensor, options?: { stride?: number; padding?: number }): Tensor;
  maxPool2d(x: Tensor, options?: Pool2dOptions): Tensor;
  avgPool2d(x: Tensor, options?: Pool2dOptions): Tensor;
  dropout(x: Tensor, p: number, training?: boolean): Tensor;
  softmax(x: Tensor, axis?: number): Tensor;
  logSoftmax(x: Tensor, axis?: number): Tensor;
}

// ---------------------------------------------------------------- optimizers

export type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'rmsprop';

export interface OptimizerOptions {
  lr: number;
  /** sgd, rmsprop */
  momentum?: number;
  weightDecay?: number;
  /** sgd */
  nesterov?: boolean;
  /** adam, adamw */
  betas?: [number, number];
  eps?: number;
  /** rmsprop */
  alpha?: number;
}

export class Optimizer extends Handle {
  private constructor();
  step(): void;
  zeroGrad(): void;
  lr: number;
}

export interface Optim {
  sgd(params: Tensor[], options: OptimizerOptions): Optimizer;
  adam(params: Tensor[], options: OptimizerOptions): Optimizer;
  adamw(params: Tensor[], options: OptimizerOptions): Optimizer;
  rmsprop(params: Tensor[], options: OptimizerOptions): Optimizer;
}

// ---------------------------------------------------------------- data

/** A dataset in row-major float arrays: x is (n, d); y is (n) class labels (as floats), or (n) targets for regression. */
export interface Dataset {
  x: Float32Array;
  y: Float32Array;
  n: number;
  /** Features per example (2 for the 2-D toy sets, 784 for MNIST). */
  d: number;
  /** Classes for classification sets; 0 for regression. */
  classes: number;
}

export interface DatasetOptions {
  n: number;
  noise?: number;
  seed?: number;
}

export interface Data {
  moons(options: DatasetOptions): Dataset;
  circles(options: DatasetOptions & { factor?: number }): Dataset;
  spiral(options: DatasetOptions & { classes?: number }): Dataset;
  xor(options: DatasetOptions): Dataset;
  blobs(options: DatasetOptions & { classes?: number; spread?: number }): Dataset;
  /** Regression: `features` inputs (default 1) uniform in [-1, 1]; y = w.x + b (+ noise), or a sine-based
   *  nonlinear function when `nonlinear`. classes is 0. */
  regression(options: DatasetOptions & { features?: number; nonlinear?: boolean }): Dataset;
  /** Parses MNIST IDX files (images idx3, labels idx1); pixels scaled to [0, 1]; `limit` > 0 keeps the first
   *  `limit` examples. NablaError (FormatError) on bad bytes. */
  readMnist(imagesBytes: Uint8Array, labelsBytes: Uint8Array, limit?: number): Dataset & { height: number; width: number };
  /** Tensors of a dataset: x (n, d) and y (n) or (n, k). */
  toTensors(dataset: Dataset): { x: Tensor; y: Tensor };
}

// ---------------------------------------------------------------- trainer

export type LossName = 'crossEntropy' | 'mse' | 'binaryCrossEntropy' | 'multiMargin';
export type RegularizationName = 'none' | 'l1' | 'l2';

export interface TrainerOptions {
  model: Module;
  optimizer: OptimizerName;
  optimizerOptions: OptimizerOptions;
  loss: LossName;
  /** Examples per step (default 32, must be >= 1); a batch never spans two epochs, and >= n means full batch. */
  batchSize?: number;
  regularization?: RegularizationName;
  /** Coefficient of the regularization term on weights (parameters of rank >= 2; biases are exempt). */
  regularizationRate?: number;
  /** Seed for batch shuffling. */
  seed?: number;
}

export interface StepResult {
  /** Mean data loss over the samples of the steps of this call (without the regularization terms). */
  loss: number;
  /** Accuracy over the same samples for classification; NaN for mse regression on a single output. */
  accuracy: number;
  /** Total optimizer steps taken so far. */
  steps: number;
}

export interface EvaluateResult {
  loss: number;
  accuracy: number;
}

export interface LayerActivations {
  /** Child name in the model, e.g. '0' (Linear), '1' (ReLU) for an mlp; '0' for a model without children. */
  name: string;
  /** Neurons (output features) of this layer: the product of shape[1..]. */
  units: number;
  /** The output's shape, [n, units] for dense layers. */
  shape: number[];
  /** (n, units) row-major: each neuron's response to each input point. */
  values: Float32Array;
}

/** Rows for nb.pytorchScript: x (n, d) row-major, y (n) labels or targets, or (n, k) targets. */
export interface PytorchRows {
  x: Float32Array;
  y: Float32Array;
  n: number;
}

export interface PytorchRun {
  train: PytorchRows;
  test?: PytorchRows;
  epochs: number;
  /** What made the run, for the script's opening comment. */
  origin?: string;
}

/** Runs whole training steps in C++: one JS->WASM crossing per call, not per op. Made by nb.trainer(options). */
export class Trainer extends Handle {
  private constructor();
  /** Sets the training data (copied into the engine): x (n, d); y (n) labels or targets, or (n, k) targets. */
  setData(x: Float32Array, y: Float32Array, n: number): void;
  /** Runs `steps` optimizer steps (default 1): forward, loss, backward, update. */
  step(steps?: number): StepResult;
  /** Loss and accuracy over a dataset, without recording a graph. */
  evaluate(x: Float32Array, y: Float32Array, n: number): EvaluateResult;
  /** Model outputs for n inputs (n, d) in one call, e.g. a 200x200 grid: (n, outputs) row-major; softmax
   *  probabilities for crossEntropy and multiMargin, sigmoid for binaryCrossEntropy, raw outputs for mse. */
  predict(x: Float32Array, n: number): Float32Array;
  /** Every layer's output for n inputs (n, d) in one call: for drawing each neuron's response as a heatmap. */
  activations(x: Float32Array, n: number): LayerActivations[];
  setLearningRate(lr: number): void;
  /** Changes the optimizer: only the learning rate differing keeps its state; otherwise it starts afresh. */
  setOptimizer(name: OptimizerName, options: OptimizerOptions): void;
  setLoss(name: LossName): void;
  setRegularization(kind: RegularizationName, rate: number): void;
  setBatchSize(batchSize: number): void;
  /** Names and shapes of the model's parameters, in stateDict order. */
  parameterInfo(): ParameterInfo[];
  /** Copies of the parameter values by name. */
  stateDict(): Map<string, { shape: number[]; data: Float32Array }>;
  /** Gradients of the last step, by parameter name (zeros before the first step). */
  gradients(): Map<string, { shape: number[]; data: Float32Array }>;
  /** Sets one weight: parameter `name`, flat row-major `index`. NablaError on a bad name or index. */
  setWeight(name: string, index: number, value: number): void;
  readonly model: Module;
}

// ---------------------------------------------------------------- graphs

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

export interface Graph {
  json: GraphJson;
  /** Graphviz DOT text of the same graph. */
  dot(): string;
}

// ---------------------------------------------------------------- the module

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

  /** simd: compiled with -msimd128. */
  /** threads: the engine's thread count (1 for the single-threaded build). */
  readonly build: { simd: boolean; version: string; threads: number };
}
