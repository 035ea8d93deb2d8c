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
  /** The rates of a schedule for epochs 0..epochs-1 from base rate lr (what a page plots). */
  scheduleRates(schedule: LrSchedule, lr: number, epochs: number): Float32Array;
  /** The schedule checked and written out in full ('step:2' -> 'step:2,0.1', '' -> 'constant'). */
  parseSchedule(schedule: LrSchedule): string;
}

/**
 * A learning-rate schedule over epochs, stepped at the end of each pass over the data (PyTorch's
 * convention), in the CLI's --schedule form: 'constant' (or ''), 'step:S[,G]' (StepLR, G = 0.1),
 * 'cosine:T[,ETA_MIN]' (CosineAnnealingLR), 'warmup:N[,F]' (LinearLR from F = 1/3 to 1 over N epochs), or
 * 'warmup:N[,F]+step:...' / 'warmup:N[,F]+cosine:...' (SequentialLR). A bad one: NablaError naming the field.
 */
export type LrSchedule = string;
