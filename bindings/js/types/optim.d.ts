// Types of the optimizers and nb.optim (re-exported by ../index.d.ts).
import { Handle, Tensor } from './tensor.js';

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
