// Types of tensors, handles and the function transforms' arguments (re-exported by ../index.d.ts).

/** A number, or nested arrays of numbers (rectangular). */
export type NestedArray = number | NestedArray[];
export type Shape = readonly number[];
/** Anything a binary op accepts: a Tensor or a number (broadcast as a scalar, as PyTorch accepts scalars). */
export type TensorLike = Tensor | number;

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
  /** np.roll / torch.roll along one axis: element i moves to (i + shift) mod n; differentiable to any order. */
  roll(shift: number, axis: number): Tensor;

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
