// Types of modules, layers, initialisers and nb.nn / nb.functional (re-exported by ../index.d.ts).
import { Shape, Handle, Tensor } from './tensor.js';
import type { ElementwiseOp } from './userOps.js';

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
  activation?: Activation | ElementwiseOp | readonly (Activation | ElementwiseOp)[];
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
