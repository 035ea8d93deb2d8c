// Optimizer construction from a name and a flat config.
#include "nabla/optim/factory.h"

#include "nabla/error.h"
#include "nabla/optim/adam.h"
#include "nabla/optim/rmsprop.h"
#include "nabla/optim/sgd.h"

namespace nabla::optim {

std::unique_ptr<Optimizer> make_optimizer(const OptimizerConfig& c, std::vector<Tensor> params) {
  if (c.name == "sgd")
    return std::make_unique<SGD>(std::move(params), SGDOptions{.lr = c.lr, .momentum = c.momentum,
                                                               .weight_decay = c.weight_decay,
                                                               .nesterov = c.nesterov});
  if (c.name == "rmsprop")
    return std::make_unique<RMSprop>(std::move(params),
                                     RMSpropOptions{.lr = c.lr, .alpha = c.alpha, .eps = c.eps,
                                                    .weight_decay = c.weight_decay, .momentum = c.momentum});
  if (c.name == "adam")
    return std::make_unique<Adam>(std::move(params), AdamOptions{.lr = c.lr, .beta1 = c.beta1, .beta2 = c.beta2,
                                                                 .eps = c.eps, .weight_decay = c.weight_decay});
  if (c.name == "adamw")
    return std::make_unique<AdamW>(std::move(params),
                                   AdamWOptions{.lr = c.lr, .beta1 = c.beta1, .beta2 = c.beta2, .eps = c.eps,
                                                .weight_decay = c.weight_decay});
  throw ValueError("optimizer: unknown name '" + c.name + "' (expected sgd, rmsprop, adam or adamw)");
}

bool differs_only_in_lr(const OptimizerConfig& a, const OptimizerConfig& b) {
  return a.name == b.name && a.momentum == b.momentum && a.nesterov == b.nesterov &&
         a.weight_decay == b.weight_decay && a.beta1 == b.beta1 && a.beta2 == b.beta2 && a.eps == b.eps &&
         a.alpha == b.alpha;
}

}  // namespace nabla::optim
