// nb.nn.functional: stateless layers and losses on tensors, as torch.nn.functional.
import { raw } from './runtime.js';
import { wrap } from './tensor.js';

const opt = (t) => (t ? t._handle : null);

export const functional = {
  mse: (pred, target) => wrap(raw()._mseLoss(pred._handle, target._handle)),
  l1: (pred, target) => wrap(raw()._l1Loss(pred._handle, target._handle)),
  crossEntropy: (logits, labels) => wrap(raw()._crossEntropy(logits._handle, labels._handle)),
  binaryCrossEntropyWithLogits: (logits, targets) => wrap(raw()._bceWithLogits(logits._handle, targets._handle)),
  multiMargin: (scores, labels, margin = 1) => wrap(raw()._multiMarginLoss(scores._handle, labels._handle, margin)),
  l1Penalty: (w) => wrap(raw()._l1Penalty(w._handle)),
  l2Penalty: (w) => wrap(raw()._l2Penalty(w._handle)),
  linear: (x, weight, bias) => wrap(raw()._linear(x._handle, weight._handle, opt(bias))),
  conv2d: (x, weight, bias, options = {}) =>
    wrap(raw()._conv2d(x._handle, weight._handle, opt(bias), options.stride ?? 1, options.padding ?? 0)),
  maxPool2d: (x, options = {}) =>
    wrap(raw()._maxPool2d(x._handle, options.kernel ?? 2, options.stride ?? 0, options.padding ?? 0)),
  avgPool2d: (x, options = {}) =>
    wrap(raw()._avgPool2d(x._handle, options.kernel ?? 2, options.stride ?? 0, options.padding ?? 0)),
  dropout: (x, p, training = true) => wrap(raw()._dropout(x._handle, p, training)),
  softmax: (x, axis = -1) => x.softmax(axis),
  logSoftmax: (x, axis = -1) => x.logSoftmax(axis),
};
