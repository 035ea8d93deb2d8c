// A typed tour of the whole JS API. tests/js/types.test.js type-checks it (tsc --noEmit) against
// bindings/js/index.d.ts, then compiles and runs tour() against the WASM build: every export and every member
// of Nabla is used here as a program uses it, so the contract cannot drift from the implementation.
// refused() holds misuses the contract must reject (@ts-expect-error fails the check if one type-checks).
import {
  Handle, loadNabla, Module, NablaError, Optimizer, Tensor, Trainer,
  type Activation, type Conv2dOptions, type ElementwiseOp, type OpTree, type Data, type Dataset, type DatasetOptions, type EvaluateResult,
  type Functional, type Graph, type GraphEdge, type GraphJson, type GraphNode, type LayerActivations,
  type LinearOptions, type LoadOptions, type LossName, type MlpOptions, type Nabla, type NestedArray, type NN,
  type Optim, type OptimizerName, type OptimizerOptions, type ParameterInfo, type Pool2dOptions,
  type RandomOptions, type RegularizationName, type Shape, type StepResult, type TensorFn, type TensorLike,
  type TensorOptions, type TensorSummary, type TrainerOptions,
} from 'nabla';

export async function tour(options: LoadOptions = {}): Promise<void> {
  const nb: Nabla = await loadNabla(options);
  nb.tidy(() => exercise(nb));  // frees the temporaries; exercise() disposes what it names
}

function exercise(nb: Nabla): void {
  const built: { simd: boolean; version: string } = nb.build;

  // ---- tensors
  const opts: TensorOptions = { requiresGrad: true };
  const nested: NestedArray = [[1, 2], [3, 4]];
  const shape: Shape = [2, 2];
  const a: Tensor = nb.tensor(nested, opts);
  const b = nb.tensor(new Float32Array(4), shape);
  const c = nb.tensor([1, 2, 3, 4], shape, { requiresGrad: false });
  const ranged: RandomOptions = { low: -1, high: 1 };
  const made: Tensor[] = [nb.scalar(2), nb.zeros([2]), nb.ones([2]), nb.full([2], 3), nb.randn([2]), nb.rand([2], ranged),
    nb.arange(4), nb.arange(0, 4, 2)];
  nb.manualSeed(0);
  const like: TensorLike = 2;
  const freeForms: Tensor[] = [nb.add(a, like), nb.sub(1, a), nb.mul(a, b), nb.div(a, 2), nb.pow(a, 2), nb.matmul(a, b),
    nb.concat([a, b], 1)];
  const dims: number[] = a.shape;
  const counts: number[] = [a.rank, a.size];
  const flags: boolean[] = [a.requiresGrad, a.isLeaf, a.disposed];
  a.name = 'a';
  const values: Float32Array = a.data();
  const arr: NestedArray = a.toArray();
  const one: number = nb.scalar(1).item();
  const loss = a.matmul(b).tanh().sum();
  const graph: Graph = nb.graph(loss);
  loss.backward(undefined, { retainGraph: true, createGraph: false });
  loss.backward();
  const g: Tensor | null = a.grad;
  a.zeroGrad();
  const ops: Tensor[] = [a.detach(), a.clone(), a.add(1), a.sub(b), a.mul(2), a.div(b), a.pow(2), a.neg(), a.exp(), a.log(),
    a.sqrt(), a.abs(), a.tanh(), a.sigmoid(), a.relu(), a.leakyRelu(0.1), a.gelu(), a.softplus(), a.clamp(0, 1), a.sum(),
    a.sum(0), a.sum([0, 1], true), a.mean(), a.mean(1, true), a.max(), a.max(0, true), a.argmax(1), a.expand([2, 2, 2]),
    a.sumTo([1, 2]), a.reshape([4]), a.flatten(0, -1), a.transpose(), a.permute([1, 0]), a.slice(0, 0, 1, 1),
    a.indexSelect(0, [1, 0]), a.softmax(), a.logSoftmax(-1), a.logsumexp(1, false)];
  const text: string = a.toString();

  // ---- autograd
  const f: TensorFn = (x) => x.pow(3).sum();
  const df: TensorFn = nb.grad(f);
  const d2: TensorFn = nb.grad((x) => df(x).sum());
  const [value, slope]: [Tensor, Tensor] = nb.valueAndGrad(f)(c);
  const quiet: number = nb.noGrad(() => 1);
  nb.setAnomalyMode(false);
  const checked: Tensor = nb.detectAnomaly(() => d2(c));

  // ---- user-defined elementwise ops
  const swishTree: OpTree = { op: 'mul', args: ['x', { op: 'sigmoid', args: ['x'] }] };
  const sig: OpTree = { op: 'sigmoid', args: ['x'] };
  const swish: ElementwiseOp = nb.elementwiseOp('swish', {
    forward: swishTree,
    derivative: { op: 'mul', args: [sig, { op: 'add', args: [1, { op: 'mul', args: ['x', { op: 'sub', args: [1, sig] }] }] }] },
  });
  const swished: Tensor[] = [swish.apply(c), swish.derivative(c), c.roll(1, 0), nb.roll(c, -1, -1)];
  const defined: boolean = nb.hasElementwiseOp(swish.name);
  const swishNet: Module = nb.nn.mlp({ inputs: 2, hidden: [4], outputs: 1, activation: swish });
  swishNet.dispose();
  swish.remove();
  nb.dispose(swished);
  void defined;

  // ---- memory
  const kept: Tensor = nb.tidy(() => a.mul(2));
  const live: number = nb.liveTensors();
  const bytes: number[] = [nb.heapBytes(), nb.heapUsed()];
  {
    using scoped = nb.ones([2]);
    scoped.add(1).dispose();
  }
  const handles: Handle[] = [a, nb.nn.relu()];
  nb.dispose({ made, freeForms, ops, kept, value, slope, checked, handles });

  // ---- modules
  const act: Activation = 'tanh';
  const lin: LinearOptions = { bias: true };
  const conv: Conv2dOptions = { stride: 1, padding: 1, bias: false };
  const pool: Pool2dOptions = { kernel: 2, stride: 2, padding: 0 };
  const nn: NN = nb.nn;
  const layers: Module[] = [nn.linear(2, 4, lin), nn.conv2d(1, 2, 3, conv), nn.maxPool2d(pool), nn.avgPool2d(pool), nn.relu(),
    nn.tanh(), nn.sigmoid(), nn.leakyRelu(0.2), nn.gelu(), nn.batchNorm1d(4, { eps: 1e-5, momentum: 0.1, affine: true }),
    nn.flatten(), nn.dropout(0.5), nn.mnistConvnet(), nn.fromSpec('mlp:8', 2, 2)];
  const seq: Module = nn.sequential(nn.linear(2, 4), nn.tanh(), nn.linear(4, 2));
  const mlpOptions: MlpOptions = { inputs: 2, hidden: [8, 8], outputs: 2, activation: [act, 'relu'], dropout: 0 };
  const model = nn.mlp(mlpOptions);
  const out: Tensor = model.forward(nb.ones([1, 2]));
  const params: Tensor[] = model.parameters();
  const named: { name: string; tensor: Tensor }[] = model.namedParameters();
  const info: ParameterInfo[] = model.parameterInfo();
  const n: number = model.parameterCount();
  const state = model.stateDict();
  model.loadStateDict(state);
  model.loadStateDict(Object.fromEntries(state));
  const file: Uint8Array = model.saveSafetensors();
  model.loadSafetensors(file);
  model.train();
  model.train(false);
  model.eval();
  const training: boolean = model.training;
  model.zeroGrad();
  const described: string = model.toString();

  // ---- functional
  const F: Functional = nn.functional;
  const labels = nb.tensor([0, 1]);
  const logits = nb.randn([2, 2]);
  const images = nb.randn([1, 1, 4, 4]);
  const fs: Tensor[] = [F.mse(logits, logits), F.l1(logits, logits), F.crossEntropy(logits, labels),
    F.binaryCrossEntropyWithLogits(logits, logits.sigmoid()), F.multiMargin(logits, labels, 1), F.l1Penalty(logits), F.l2Penalty(logits),
    F.linear(logits, logits, labels), F.conv2d(images, nb.randn([1, 1, 3, 3]), undefined, { stride: 1, padding: 1 }),
    F.maxPool2d(images, pool), F.avgPool2d(images), F.dropout(logits, 0.5, true), F.softmax(logits, 1), F.logSoftmax(logits)];

  // ---- optimizers
  const optName: OptimizerName = 'adam';
  const optOptions: OptimizerOptions = { lr: 0.01, momentum: 0.9, weightDecay: 0, nesterov: false, betas: [0.9, 0.999], eps: 1e-8, alpha: 0.99 };
  const optim: Optim = nb.optim;
  const opt: Optimizer = optim.sgd(params, { lr: 0.1 });
  const others: Optimizer[] = [optim.adam(params, optOptions), optim.adamw(params, { lr: 0.001 }), optim.rmsprop(params, { lr: 0.01 })];
  opt.zeroGrad();
  opt.step();
  opt.lr = opt.lr / 2;

  // ---- data
  const data: Data = nb.data;
  const dsOptions: DatasetOptions = { n: 100, noise: 0.1, seed: 0 };
  const sets: Dataset[] = [data.moons(dsOptions), data.circles({ ...dsOptions, factor: 0.5 }), data.spiral({ ...dsOptions, classes: 3 }),
    data.xor(dsOptions), data.blobs({ n: 90, classes: 3, spread: 2 }), data.regression({ n: 50, features: 2, nonlinear: true }),
    data.plane(dsOptions), data.gaussians(dsOptions), data.waves(dsOptions), data.uniform(dsOptions)];
  const parts: { train: Dataset; test: Dataset } = data.split(sets[0], 0.7, 1);
  if (parts.train.n + parts.test.n !== sets[0].n) throw new Error('split loses rows');
  let sizes: number[] = [];
  try {
    const mnist: Dataset & { height: number; width: number } = data.readMnist(new Uint8Array(16), new Uint8Array(8), 10);
    sizes = [mnist.height, mnist.width];
  } catch (e) {
    if (!(e instanceof NablaError) || e.kind !== 'FormatError') throw e;  // 16 zero bytes are no IDX file
  }
  const idx: { dims: number[]; data: Uint8Array } = data.readIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 2, 7, 9));
  if (idx.dims[0] !== 2 || idx.data[1] !== 9) throw new Error('readIdx');
  const ds: Dataset = sets[0];
  sizes.push(ds.n, ds.d, ds.classes);
  const { x, y }: { x: Tensor; y: Tensor } = data.toTensors(ds);

  // ---- trainer
  const lossName: LossName = 'crossEntropy';
  const reg: RegularizationName = 'l2';
  const trainerOptions: TrainerOptions = { model, optimizer: optName, optimizerOptions: optOptions, loss: lossName, batchSize: 16,
    regularization: reg, regularizationRate: 1e-4, seed: 1, schedule: 'warmup:2,0.1+cosine:8' };
  const trainer: Trainer = nb.trainer(trainerOptions);
  trainer.setData(ds.x, ds.y, ds.n);
  const stepped: StepResult = trainer.step(10);
  const stepNumbers: number[] = [stepped.loss, stepped.accuracy, stepped.steps, trainer.step().steps];
  const gradNorms: Float32Array = stepped.gradNorms;
  const evaluated: EvaluateResult = trainer.evaluate(ds.x, ds.y, ds.n);
  const probabilities: Float32Array = trainer.predict(ds.x, ds.n);
  const acts: LayerActivations[] = trainer.activations(ds.x.subarray(0, 8), 4);
  const first: [string, number, number[], Float32Array] = [acts[0].name, acts[0].units, acts[0].shape, acts[0].values];
  trainer.setLearningRate(0.001);
  trainer.setSchedule('step:10,0.1');
  const rateNow: number = trainer.learningRate;
  const scheduleText: string = trainer.schedule;
  const rates: Float32Array = nb.optim.scheduleRates('cosine:10', 0.1, 12);
  const fullText: string = nb.optim.parseSchedule('step:2');
  trainer.setOptimizer('sgd', { lr: 0.1, momentum: 0.9 });
  trainer.setLoss('multiMargin');
  trainer.setRegularization('none', 0);
  trainer.setBatchSize(32);
  const trainerInfo: ParameterInfo[] = trainer.parameterInfo();
  const weights: Map<string, { shape: number[]; data: Float32Array }> = trainer.stateDict();
  const grads = trainer.gradients();
  trainer.setWeight('0.weight', 0, 0.5);
  const owner: Module = trainer.model;

  // ---- graphs
  const json: GraphJson = graph.json;
  const node: GraphNode = json.nodes[0];
  const edge: GraphEdge | undefined = json.edges[0];
  const summary: TensorSummary | null = node.value;
  const dot: string = graph.dot();
  const highlighted: string = nb.graphDot(json, { revealed: new Set([node.id]), current: node.id, targets: [node.id], collapse: true });
  const order: string[] = [json.root, ...json.backwardOrder, node.id, node.op, node.name, highlighted];

  // ---- errors and instanceof
  try {
    nb.ones([2]).add(nb.ones([3]));
  } catch (e) {
    if (e instanceof NablaError) {
      const kind: string = e.kind;
    }
  }
  const isInstances: boolean[] = [a instanceof Tensor, model instanceof Module, opt instanceof Optimizer, trainer instanceof Trainer,
    a instanceof Handle];
  nb.dispose([trainer, opt, others, layers, seq, model, params, named, out, fs, x, y, labels, logits, images, a, b, c, loss, g]);
  void [built, dims, counts, flags, values, arr, one, text, quiet, live, bytes, info, n, training, described, sizes, stepNumbers, gradNorms,
    evaluated, probabilities, first, trainerInfo, weights, grads, owner, edge, summary, dot, order, isInstances];
}

/** Misuses the contract refuses; never called (each would throw at run time too). */
export function refused(nb: Nabla, a: Tensor, trainer: Trainer): void {
  // @ts-expect-error: a Tensor's shape is read-only
  a.shape = [3];
  // @ts-expect-error: matmul takes a Tensor, not a number
  a.matmul(2);
  // @ts-expect-error: 'swish' is not an Activation (pass the ElementwiseOp that nb.elementwiseOp returned)
  nb.nn.mlp({ inputs: 2, hidden: [], outputs: 1, activation: 'swish' });
  // @ts-expect-error: 'softmax' is not an elementwise primitive
  nb.elementwiseOp('f', { forward: { op: 'softmax', args: ['x'] }, derivative: 1 });
  // @ts-expect-error: the learning rate is required
  nb.optim.sgd(a.grad ? [a.grad] : [], {});
  // @ts-expect-error: 'hinge' is the CLI's name; the JS name is 'multiMargin'
  trainer.setLoss('hinge');
  // @ts-expect-error: sequential takes Modules
  nb.nn.sequential(3);
}
