// Types of the Trainer, its options and results, and nb.pytorchScript's (re-exported by ../index.d.ts).
import { Handle } from './tensor.js';
import type { ParameterInfo, Module } from './nn.js';
import type { LrSchedule, OptimizerName, OptimizerOptions } from './optim.js';

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
  /** A learning-rate schedule over epochs (default 'constant'); optimizerOptions.lr is its base rate. */
  schedule?: LrSchedule;
}

export interface StepResult {
  /** Mean data loss over the samples of the steps of this call (without the regularization terms). */
  loss: number;
  /** Accuracy over the same samples for classification; NaN for mse regression on a single output. */
  accuracy: number;
  /** Total optimizer steps taken so far. */
  steps: number;
  /** Each parameter's gradient L2 norm in the last step of this call, in parameterInfo() order. */
  gradNorms: Float32Array;
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
  /** Sets the base rate: with a schedule, the rate it scales (the current rate follows at once). */
  setLearningRate(lr: number): void;
  /** The rate the next step uses: the optimizer's, as the schedule set it. */
  readonly learningRate: number;
  /** Starts a schedule at the current epoch ('constant' ends one); NablaError naming a bad field. */
  setSchedule(schedule: LrSchedule): void;
  /** The running schedule written out in full, 'constant' without one. */
  readonly schedule: string;
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
