// The outside project's program: the version, micrograd's expression and its gradients (closed forms below), then a small
// MLP's loss and gradients, through nothing but #include "nabla/nabla.h" and nabla::nabla.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "nabla/nabla.h"

int main() {
  using namespace nabla;
  std::printf("nabla %s\n", version());
  if (std::strcmp(version(), NABLA_EXPECTED_VERSION) != 0) return 1;
  Tensor a = scalar(-4.0f).requires_grad_(), b = scalar(2.0f).requires_grad_();
  Tensor g = pow(a * b + b, 2.0f);  // g = (ab + b)^2 = 36
  g.backward();
  // dg/da = 2(ab + b) b = -24, dg/db = 2(ab + b)(a + 1) = 36
  const float ga = a.grad().item(), gb = b.grad().item();
  std::printf("g = %g, dg/da = %g, dg/db = %g\n", g.item(), ga, gb);
  if (std::fabs(g.item() - 36) > 1e-4f || std::fabs(ga + 24) > 1e-4f || std::fabs(gb - 36) > 1e-4f) return 1;

  // A model's forward pass and loss, then backward: every parameter gets a finite gradient of its shape.
  manual_seed(0);
  Dataset data = make_moons(64, 0.1f, 0);
  auto model = nn::make_model("mlp:16,16", data.features(), data.classes);
  Tensor loss = cross_entropy((*model)(data.x), data.y);
  loss.backward();
  int64_t parameters = 0;
  for (auto& [name, p] : model->named_parameters()) {
    Tensor grad = p.grad();
    if (grad.shape() != p.shape() || !std::isfinite(sum(grad * grad).item())) return 1;
    parameters += p.numel();
  }
  std::printf("mlp:16,16 on moons: loss %.4f, %lld parameters with gradients\n", loss.item(),
              static_cast<long long>(parameters));
  return parameters == model->parameter_count() ? 0 : 1;
}
