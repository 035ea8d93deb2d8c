// The playground worker's side of the engine: maps the playground's settings onto the engine's API (loaded
// through web/src/lib/engine.js). Training, prediction, gradients and files all run in the engine.
import { loadNabla } from '../lib/engine.js';
import { optimizerOf } from '../lib/optimizers.js';
import { registerChecked } from '../lib/expr/userOps.js';

// The playground's loss and activation tokens ('xent', 'leaky', ...) are aliases in the engine's name tables.

let nb = null;

/** Loads the WASM module once; returns its build info. */
export async function loadEngine() {
  nb = await loadNabla();
  return nb.build;
}

/** A model + trainer for `config` (see protocol.js); dispose() frees both. */
export function createNetwork(config) {
  nb.manualSeed(config.seed);
  for (const def of config.userOps ?? []) registerChecked(nb, def); // the page checked them; the engine checks shapes
  const model = nb.nn.mlp({
    inputs: config.features.length,
    hidden: config.layers.map((l) => l.units),
    outputs: config.outputs,
    activation: config.layers.map((l) => l.activation),
    dropout: config.dropout,
  });
  const [optimizer, optimizerOptions] = optimizerOf(config);
  const trainer = nb.trainer({
    model, optimizer, optimizerOptions, loss: config.loss, batchSize: config.batch, schedule: config.schedule,
    regularization: config.reg, regularizationRate: config.regRate, seed: config.seed,
  });
  return {
    trainer,
    model,
    /** Applies settings that keep every shape (while training runs). */
    update(next, prev) {
      // The engine decides whether the optimizer keeps its state (only the learning rate changed).
      if (next.optimizer !== prev.optimizer || next.lr !== prev.lr) trainer.setOptimizer(...optimizerOf(next));
      if (next.schedule !== prev.schedule) trainer.setSchedule(next.schedule); // starts at the current epoch
      if (next.loss !== prev.loss) trainer.setLoss(next.loss);
      if (next.reg !== prev.reg || next.regRate !== prev.regRate) trainer.setRegularization(next.reg, next.regRate);
      if (next.batch !== prev.batch) trainer.setBatchSize(next.batch);
    },
    /** The run from the `initial` weights as a PyTorch script (nb.pytorchScript); the current weights stay. */
    pytorchScript(initial, run) {
      const current = model.stateDict();
      model.loadStateDict(initial);
      try {
        return nb.pytorchScript(trainer, run);
      } finally {
        model.loadStateDict(current);
      }
    },
    dispose() {
      trainer.dispose();
      model.dispose();
    },
  };
}
