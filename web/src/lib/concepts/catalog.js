// The concept pages (web/docs/concepts/*.html), in reading order: one name table that the pages' navigation,
// the docs index and the playground's "?" links all read.
export const CONCEPTS = [
  { id: 'activations', title: 'Activations', blurb: 'ReLU, leaky ReLU, sigmoid, tanh, GELU, softplus and their derivatives' },
  { id: 'losses', title: 'Losses', blurb: 'cross-entropy as softmax + log + NLL, MSE, BCE, hinge, and the gradients they send back' },
  { id: 'optimizers', title: 'Optimizers', blurb: 'SGD, momentum, Nesterov, RMSProp, Adam, AdamW racing on a loss surface' },
  { id: 'initializers', title: 'Initializers', blurb: 'zeros, normal, Xavier/Glorot, He/Kaiming and what they do to a deep network' },
  { id: 'regularization', title: 'Regularization', blurb: 'L1, L2, and weight decay versus L2 in Adam' },
  { id: 'batchnorm', title: 'BatchNorm', blurb: 'the normalisation, running statistics, training versus eval' },
  { id: 'dropout-dropconnect', title: 'Dropout and DropConnect', blurb: 'both masks and their scaling, and training with and without' },
  { id: 'backprop', title: 'Back-propagation', blurb: 'the chain rule on a computation graph, one node at a time' },
];

/** The page of a concept, relative to another concept page (they share web/docs/concepts/). */
export const conceptFile = (id) => `${id}.html`;

/** Playground menu -> concept page: what the "?" next to each menu opens. */
export const PLAYGROUND_HELP = { loss: 'losses', optimizer: 'optimizers', activation: 'activations', reg: 'regularization', dropout: 'dropout-dropconnect' };
