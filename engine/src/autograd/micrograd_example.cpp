// micrograd's README expression, written with nabla's ops exactly as micrograd's README writes it.
#include "nabla/autograd/micrograd_example.h"

#include "nabla/ops/arith.h"
#include "nabla/ops/unary.h"
#include "nabla/tensor/factory.h"

namespace nabla {

MicrogradExample micrograd_example() {
  Tensor a = scalar(-4.0f).requires_grad_(), b = scalar(2.0f).requires_grad_();
  a.set_name("a");
  b.set_name("b");
  Tensor c = a + b;
  Tensor d = a * b + pow(b, 3.0f);
  c = c + c + 1.0f;
  c = c + 1.0f + c + (-a);
  d = d + d * 2.0f + relu(b + a);
  d = d + 3.0f * d + relu(b - a);
  Tensor e = c - d;
  Tensor f = pow(e, 2.0f);
  Tensor g = f / 2.0f;
  g = g + 10.0f / f;
  return {a, b, g};
}

}  // namespace nabla
