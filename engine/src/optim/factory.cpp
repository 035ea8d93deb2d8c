// Optimizer construction from a name and a flat config.
#include "nabla/optim/factory.h"

#include "nabla/error.h"
#include "nabla/optim/adam.h"
#include "nabla/optim/rmsprop.h"
#include "nabla/optim/sgd.h"

namespace nabla::optim {

const NameTable<OptimizerKind>& optimizer_names() {
  static const NameTable<OptimizerKind> table("optimizer", "sgd rmsprop adam adamw");
  return table;
}

std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& c, std::vector<Tensor> params) {
  switch (optimizer_names().parse(c.name)) {
    case OptimizerKind::sgd:
      return std::make_unique<SGD>(std::move(params), SGDOptions{.lr = c.lr, .momentum = c.momentum,
                                                                 .weight_decay = c.weight_decay,
                                                                 .nesterov = c.nesterov});
    case OptimizerKind::rmsprop:
      return std::make_unique<RMSprop>(std::move(params),
                                       RMSpropOptions{.lr = c.lr, .alpha = c.alpha, .eps = c.eps,
                                                      .weight_decay = c.weight_decay, .momentum = c.momentum});
    case OptimizerKind::adam:
      return std::make_unique<Adam>(std::move(params), AdamOptions{.lr = c.lr, .beta1 = c.beta1, .beta2 = c.beta2,
                                                                   .eps = c.eps, .weight_decay = c.weight_decay});
    case OptimizerKind::adamw:
      return std::make_unique<AdamW>(std::move(params),
                                     AdamWOptions{.lr = c.lr, .beta1 = c.beta1, .beta2 = c.beta2, .eps = c.eps,
                                                  .weight_decay = c.weight_decay});
  }
  return nullptr;
}

bool differs_only_in_lr(const OptimizerConfig& a, const OptimizerConfig& b) {
  return optimizer_names().find(a.name) == optimizer_names().find(b.name) && a.momentum == b.momentum && a.nesterov == b.nesterov &&
         a.weight_decay == b.weight_decay && a.beta1 == b.beta1 && a.beta2 == b.beta2 && a.eps == b.eps &&
         a.alpha == b.alpha;
}

}  // namespace nabla::optim
