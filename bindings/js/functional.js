// nb.nn.functional: stateless layers and losses on tensors, as torch.nn.functional.
import { raw } from './runtime.js';
import { wrap } from './tensor.js';
import { integerArg, numberArg, poolArgs } from './validate.js';

const opt = (t) => (t ? t._handle : null);

export const functional = {
  mse: (pred, target) => wrap(raw()._mseLoss(pred._handle, target._handle)),
  l1: (pred, target) => wrap(raw()._l1Loss(pred._handle, target._handle)),
  crossEntropy: (logits, labels) => wrap(raw()._crossEntropy(logits._handle, labels._handle)),
  nllLoss: (logProbs, labels) => wrap(raw()._nllLoss(logProbs._handle, labels._handle)),
  binaryCrossEntropyWithLogits: (logits, targets) => wrap(raw()._bceWithLogits(logits._handle, targets._handle)),
  multiMargin: (scores, labels, margin = 1) =>
    wrap(raw()._multiMarginLoss(scores._handle, labels._handle, numberArg('multiMargin: margin', margin))),
  l1Penalty: (w) => wrap(raw()._l1Penalty(w._handle)),
  l2Penalty: (w) => wrap(raw()._l2Penalty(w._handle)),
  linear: (x, weight, bias) => wrap(raw()._linear(x._handle, weight._handle, opt(bias))),
  conv2d: (x, weight, bias, options = {}) =>
    wrap(raw()._conv2d(x._handle, weight._handle, opt(bias), integerArg('conv2d: stride', options.stride ?? 1, 1),
      integerArg('conv2d: padding', options.padding ?? 0))),
  maxPool2d: (x, options = {}) =>
    wrap(raw()._maxPool2d(x._handle, ...poolArgs('maxPool2d', options))),
  avgPool2d: (x, options = {}) =>
    wrap(raw()._avgPool2d(x._handle, ...poolArgs('avgPool2d', options))),
  dropout: (x, p, training = true) => wrap(raw()._dropout(x._handle, numberArg('dropout: p', p), Boolean(training))),
  softmax: (x, axis = -1) => x.softmax(axis),
  logSoftmax: (x, axis = -1) => x.logSoftmax(axis),
};
