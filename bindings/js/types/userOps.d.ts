// User-defined elementwise ops (nb.elementwiseOp): f(x) and f'(x) as expression trees of the engine's primitives.
import type { Tensor } from './tensor.js';

/** The engine's elementwise primitives a user op is built from (sum, mean, max reduce, so they fail its shape check). */
export type ElementwisePrimitive = 'neg' | 'exp' | 'log' | 'sqrt' | 'abs' | 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'relu'
  | 'gelu' | 'softplus' | 'leaky_relu' | 'clamp' | 'sum' | 'mean' | 'max' | 'add' | 'sub' | 'mul' | 'div' | 'pow';
/** An expression of the input x: 'x', a constant, or an op of sub-trees (params: leaky_relu's slope, clamp's bounds). */
export type OpTree = 'x' | number | { op: ElementwisePrimitive; args: OpTree[]; params?: number[] };
/** A user-defined elementwise op, registered in the engine by name (nb.elementwiseOp). */
export interface ElementwiseOp {
  readonly name: string;
  /** y = f(x), one graph node named after the op; its backward is dy * f'(x), differentiable again. */
  apply(x: Tensor): Tensor;
  /** f'(x) as the op defines it. */
  derivative(x: Tensor): Tensor;
  /** Unregisters the name; models built with it keep their copy. */
  remove(): void;
}
