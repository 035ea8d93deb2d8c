// Types of the datasets and nb.data (re-exported by ../index.d.ts).
import type { Tensor } from './tensor.js';

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
  /** TensorFlow Playground's regression sets on [-1, 1]^2, y the target plus noise, clamped to [-1, 1]:
   *  plane (x0 + x1) / 2, gaussians (six bumps of alternating sign), waves sin(3.75 x0) cos(3.75 x1). */
  plane(options: DatasetOptions): Dataset;
  gaussians(options: DatasetOptions): Dataset;
  waves(options: DatasetOptions): Dataset;
  /** Points uniform on [-1, 1]^2 for labels the caller decides; y is each point's Gaussian noise (std `noise`). */
  uniform(options: DatasetOptions): Dataset;
  /** The engine's seeded train/test split: the first round(n * trainFraction) rows of a seeded shuffle train. */
  split(dataset: Dataset, trainFraction: number, seed?: number): { train: Dataset; test: Dataset };
  /** Parses MNIST IDX files (images idx3, labels idx1); pixels scaled to [0, 1]; `limit` > 0 keeps the first
   *  `limit` examples. NablaError (FormatError) on bad bytes. */
  readMnist(imagesBytes: Uint8Array, labelsBytes: Uint8Array, limit?: number): Dataset & { height: number; width: number };
  /** One IDX array of unsigned bytes, by the engine's reader (the one MNIST's files go through); NablaError
   *  (FormatError) on a bad magic, another element type, or a size that does not match the header. */
  readIdx(bytes: Uint8Array): { dims: number[]; data: Uint8Array };
  /** Tensors of a dataset: x (n, d) and y (n) or (n, k). */
  toTensors(dataset: Dataset): { x: Tensor; y: Tensor };
}
