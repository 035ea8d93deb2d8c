// Embind entry points for the losses the concept pages take apart (web/docs/concepts/losses.html):
// nll_loss, so that cross-entropy can be written as log_softmax followed by NLL.
#include <emscripten/bind.h>

#include "js_error.h"
#include "nabla/nabla.h"

namespace {

nabla::Tensor nll_loss_t(const nabla::Tensor& log_probs, const nabla::Tensor& labels) {
  return nabla::bindings::guarded([&] { return nabla::nll_loss(log_probs, labels); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_losses) {
  emscripten::function("_nllLoss", &nll_loss_t);
}
