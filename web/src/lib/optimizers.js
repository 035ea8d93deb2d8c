// The one mapping from the pages' optimizer menu to the engine's optimizers, shared by the playground's and
// the MNIST page's workers: 'momentum' is SGD with momentum 0.9; the others are the engine's own names.

/** The menu's choices, in menu order. */
export const OPTIMIZER_CHOICES = ['sgd', 'momentum', 'adam', 'rmsprop'];

/** [engine optimizer name, options] for a menu choice and learning rate (what trainer.setOptimizer takes). */
export function optimizerOf({ optimizer, lr }) {
  switch (optimizer) {
    case 'sgd': return ['sgd', { lr }];
    case 'momentum': return ['sgd', { lr, momentum: 0.9 }];
    case 'adam': return ['adam', { lr }];
    case 'rmsprop': return ['rmsprop', { lr }];
    default: throw new Error(`unknown optimizer "${optimizer}"`);
  }
}
