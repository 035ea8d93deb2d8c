// Matrix products. The 2-D products form a family closed under differentiation, so no backward ever
// copies a transpose:
//
//   mm(a, b)    = a b       da += mm_nt(dy, b)     db += mm_tn(a, dy)
//   mm_nt(a, b) = a b^T     da += mm(dy, b)        db += mm_tn(dy, a)
//   mm_tn(a, b) = a^T b     da += mm_nt(b, dy)     db += mm(a, dy)
//   linear(x, w, b) = mm_nt(x, w) + b   (fused: one node)   dx += mm(dy, w)  dw += mm_tn(dy, x)  db += sum_to(dy, b)
//   matmul, batched     dA += sum_to(matmul(dY, B^T), A)   dB += sum_to(matmul(A^T, dY), B)
#include "nabla/ops/linalg.h"

#include <algorithm>
#include <string>

#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/gemm.h"
#include "nabla/ops/layout.h"

namespace nabla {

namespace {
Tensor mm(const Tensor& a, const Tensor& b);
Tensor mm_nt(const Tensor& a, const Tensor& b);
Tensor mm_tn(const Tensor& a, const Tensor& b);

Tensor gemm_into(bool ta, bool tb, const Tensor& a, const Tensor& b) {
  int64_t m = a.shape()[ta ? 1 : 0], k = a.shape()[ta ? 0 : 1], n = b.shape()[tb ? 0 : 1];
  Tensor out = Tensor::empty(Shape{m, n});
  gemm(ta, tb, m, n, k, a.data(), b.data(), out.data());
  return out;
}

Tensor mm(const Tensor& a, const Tensor& b) {
  // record() builds the closure only when it records: a plain backward's products build none.
  return record("matmul", gemm_into(false, false, a, b), {a, b}, [a, b](const Tensor& dy, Grads& g) {
    if (g.needs(0)) g[0] += mm_nt(dy, b);
    if (g.needs(1)) g[1] += mm_tn(a, dy);
  });
}

Tensor mm_nt(const Tensor& a, const Tensor& b) {
  return record("matmul", gemm_into(false, true, a, b), {a, b}, [a, b](const Tensor& dy, Grads& g) {
    if (g.needs(0)) g[0] += mm(dy, b);
    if (g.needs(1)) g[1] += mm_tn(dy, a);
  });
}

Tensor mm_tn(const Tensor& a, const Tensor& b) {
  return record("matmul", gemm_into(true, false, a, b), {a, b}, [a, b](const Tensor& dy, Grads& g) {
    if (g.needs(0)) g[0] += mm_nt(b, dy);
    if (g.needs(1)) g[1] += mm(a, dy);
  });
}

[[noreturn]] void mismatch(const Tensor& a, const Tensor& b) {
  throw ShapeError("matmul: shapes " + a.shape().str() + " and " + b.shape().str() +
                   " do not fit (inner dimensions " + std::to_string(a.shape()[a.rank() - 1]) + " and " +
                   std::to_string(b.shape()[b.rank() >= 2 ? b.rank() - 2 : 0]) + " differ)");
}

// (..., m, k) @ (..., k, n) with broadcast batch dimensions.
Tensor batched(const Tensor& a, const Tensor& b) {
  Shape batch_a, batch_b;
  for (int i = 0; i < a.rank() - 2; ++i) batch_a.push_back(a.shape()[i]);
  for (int i = 0; i < b.rank() - 2; ++i) batch_b.push_back(b.shape()[i]);
  Shape batch = broadcast_shapes(batch_a, batch_b, "matmul");
  int64_t m = a.shape()[a.rank() - 2], k = a.shape()[a.rank() - 1], n = b.shape()[b.rank() - 1];
  Shape full_a = batch, full_b = batch, out_shape = batch;
  full_a.push_back(m), full_a.push_back(k);
  full_b.push_back(k), full_b.push_back(n);
  out_shape.push_back(m), out_shape.push_back(n);
  Tensor ea = a.shape() == full_a ? a : expand(a.detach(), full_a);
  Tensor eb = b.shape() == full_b ? b : expand(b.detach(), full_b);
  Tensor out = Tensor::empty(out_shape);
  for (int64_t i = 0, nb = batch.numel(); i < nb; ++i)
    gemm(false, false, m, n, k, ea.data() + i * m * k, eb.data() + i * k * n, out.data() + i * m * n);
  return record("matmul", out, {a, b}, [a, b](const Tensor& dy, Grads& g) {
    if (g.needs(0)) g[0] += sum_to(matmul(dy, transpose(b)), a.shape());
    if (g.needs(1)) g[1] += sum_to(matmul(transpose(a), dy), b.shape());
  });
}
}  // namespace

Tensor matmul(const Tensor& a, const Tensor& b) {
  if (a.rank() == 0 || b.rank() == 0)
    throw ShapeError("matmul: operands must have rank >= 1, got shapes " + a.shape().str() + " and " +
                     b.shape().str());
  if (a.rank() == 1) {
    Tensor r = matmul(reshape(a, {1, a.shape()[0]}), b);
    std::vector<int64_t> s = r.shape().to_vector();
    s.erase(s.end() - (b.rank() == 1 ? 1 : 2));  // vector @ vector: b's axis is already gone
    return reshape(r, s);
  }
  if (b.rank() == 1) {
    Tensor r = matmul(a, reshape(b, {b.shape()[0], 1}));
    std::vector<int64_t> s = r.shape().to_vector();
    s.pop_back();
    return reshape(r, s);
  }
  if (a.shape()[a.rank() - 1] != b.shape()[b.rank() - 2]) mismatch(a, b);
  if (a.rank() == 2 && b.rank() == 2) return mm(a, b);
  return batched(a, b);
}

Tensor linear(const Tensor& x, const Tensor& w, const Tensor& b) {
  if (x.rank() != 2 || w.rank() != 2 || x.shape()[1] != w.shape()[1])
    throw ShapeError("linear: input " + x.shape().str() + " and weight " + w.shape().str() +
                     " do not fit (expected input (N, in) and weight (out, in))");
  int64_t n = x.shape()[0], out_features = w.shape()[0];
  if (b.defined() && (b.rank() != 1 || b.shape()[0] != out_features))
    throw ShapeError("linear: bias " + b.shape().str() + " does not match weight " + w.shape().str() +
                     " (expected [" + std::to_string(out_features) + "])");
  Tensor y = Tensor::empty(Shape{n, out_features});
  if (b.defined() && n > 0) {  // seed every row with the bias, then accumulate the product on top
    // Doubling the seeded rows: about log2(n) copies instead of one memmove call per row (measured 3% of
    // a 2-16-16-2 MLP step in WASM, where memmove is a call, not an instruction). Narrow rows go under 512
    // bytes a copy: from there on Emscripten's memcpy calls out to JavaScript; wider ones, fewer and bigger.
    float* yd = y.data();
    std::copy(b.data(), b.data() + out_features, yd);
    const int64_t max_rows = out_features < 128 ? 127 / out_features : n;
    for (int64_t done = 1; done < n;) {
      const int64_t rows = std::min({done, n - done, max_rows});
      std::copy(yd, yd + rows * out_features, yd + done * out_features);
      done += rows;
    }
  }
  gemm(false, true, n, out_features, x.shape()[1], x.data(), w.data(), y.data(), b.defined() ? 1.0f : 0.0f);
  // NOTE: init-captures (x = x): a plain [x] of a const reference is a const member, and moving the closure
  // into its node then copies it (an atomic refcount update per tensor in a threaded process).
  auto backward = [x = x, w = w, has_bias = b.defined()](const Tensor& dy, Grads& g) {
    if (g.needs(0)) g[0] += mm(dy, w);
    if (g.needs(1)) g[1] += mm_tn(dy, x);
    if (has_bias && g.needs(2)) g[2] += sum_to(dy, Shape{dy.shape()[1]});
  };
  // Two calls rather than a vector of inputs: no heap block per forward.
  return b.defined() ? record("linear", std::move(y), {x, w, b}, std::move(backward))
                     : record("linear", std::move(y), {x, w}, std::move(backward));
}

}  // namespace nabla
