// Embind entry points for user-defined elementwise ops (nabla/ops/user_op.h): register one by name from its two
// postfix programs, apply it, and ask for it; bindings/js/userOps.js builds the programs from expression trees.
#include <emscripten/bind.h>

#include <string>

#include "js_error.h"
#include "nabla/nabla.h"

using nabla::Tensor;
using nabla::bindings::guarded;

namespace {

void define_op(const std::string& name, const std::string& forward, const std::string& derivative) {
  guarded([&] { nabla::register_elementwise_op(nabla::ElementwiseOp(name, forward, derivative)); });
}

std::shared_ptr<const nabla::ElementwiseOp> registered(const std::string& name) {
  auto op = nabla::find_elementwise_op(name);
  if (!op) throw nabla::ValueError("user op '" + name + "' is not defined");
  return op;
}

Tensor apply_op(const std::string& name, const Tensor& x) { return guarded([&] { return (*registered(name))(x); }); }
Tensor derivative_of(const std::string& name, const Tensor& x) {
  return guarded([&] { return registered(name)->derivative(x); });
}
bool has_op(const std::string& name) { return nabla::find_elementwise_op(name) != nullptr; }
void remove_op(const std::string& name) { nabla::unregister_elementwise_op(name); }

}  // namespace

EMSCRIPTEN_BINDINGS(nabla_user_op) {
  using namespace emscripten;
  function("_defineElementwiseOp", &define_op);
  function("_applyElementwiseOp", &apply_op);
  function("_elementwiseOpDerivative", &derivative_of);
  function("_hasElementwiseOp", &has_op);
  function("_removeElementwiseOp", &remove_op);
}
