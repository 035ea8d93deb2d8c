// Max and average pooling over NCHW images: square K x K windows, stride S, zero padding P.
//   N = batch, C = channels, H x W input, OH x OW output with OH = (H + 2P - K) / S + 1.
//
// Derivatives (each op's backward is a linear op whose own backward is the forward again, so pooling
// differentiates to any order):
//   max_pool2d(x)          dx += scatter_add(dy, argmax)       the first maximal element of each window
//   scatter_add(d, idx)    dd += gather(G, idx)
//   gather(d, idx)         dd += scatter_add(G, idx)
//   avg_pool2d(x)          dx += avg_pool2d_backward(dy)       dy / K^2 spread over each window
//   avg_pool2d_backward(d) dd += avg_pool2d(G)
#include <algorithm>
#include <cstdint>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/conv.h"
#include "nabla/parallel/threads.h"
#include "nabla/tensor/factory.h"

namespace nabla {

namespace {

struct PoolGeometry {
  int64_t n, c, h, w, k, stride, pad, oh, ow;
  Shape x_shape() const { return Shape{n, c, h, w}; }
  Shape y_shape() const { return Shape{n, c, oh, ow}; }
};

PoolGeometry pool_geometry(const Shape& xs, Pool2dOptions opt, const char* op) {
  if (xs.rank() != 4) throw ShapeError(std::string(op) + ": expected input (N, C, H, W), got " + xs.str());
  if (opt.kernel < 1) throw ValueError(std::string(op) + ": kernel must be >= 1, got " + std::to_string(opt.kernel));
  if (opt.stride < 0) throw ValueError(std::string(op) + ": stride must be >= 0 (0 = kernel), got " + std::to_string(opt.stride));
  if (opt.padding < 0 || 2 * opt.padding > opt.kernel)
    throw ValueError(std::string(op) + ": padding " + std::to_string(opt.padding) +
                     " must be between 0 and half the kernel size " + std::to_string(opt.kernel));
  PoolGeometry g{xs[0], xs[1], xs[2], xs[3], opt.kernel, opt.stride == 0 ? opt.kernel : opt.stride, opt.padding, 0, 0};
  if (g.k > g.h + 2 * g.pad || g.k > g.w + 2 * g.pad)
    throw ShapeError(std::string(op) + ": kernel " + std::to_string(g.k) + " does not fit input " + xs.str() +
                     " with padding " + std::to_string(g.pad));
  g.oh = (g.h + 2 * g.pad - g.k) / g.stride + 1;
  g.ow = (g.w + 2 * g.pad - g.k) / g.stride + 1;
  return g;
}

// Planes (n, c) per chunk of the engine's threads: a window reads and writes only its own plane.
int64_t plane_grain(const PoolGeometry& g) { return std::max<int64_t>(1, kElementGrain / (g.h * g.w)); }

// Calls body(out_index, plane_offset, h0, h1, w0, w1) for each output element, with its window clipped
// to the input: rows [h0, h1), columns [w0, w1) of the plane starting at plane_offset. Planes are split
// among threads.
template <typename Body>
void for_each_window(const PoolGeometry& g, Body body) {
  parallel_for(0, g.n * g.c, plane_grain(g), [&](int64_t p0, int64_t p1) {
    int64_t out = p0 * g.oh * g.ow;
    for (int64_t plane = p0; plane < p1; ++plane)
      for (int64_t oh = 0; oh < g.oh; ++oh) {
        int64_t hs = oh * g.stride - g.pad;
        int64_t h0 = std::max<int64_t>(hs, 0), h1 = std::min(hs + g.k, g.h);
        for (int64_t ow = 0; ow < g.ow; ++ow, ++out) {
          int64_t ws = ow * g.stride - g.pad;
          body(out, plane * g.h * g.w, h0, h1, std::max<int64_t>(ws, 0), std::min(ws + g.k, g.w));
        }
      }
  });
}

// Where each output of max_pool2d took its value: the input index of each output, and how many outputs
// each plane has (outputs of one plane index only into that plane, so planes are split among threads).
struct Argmax {
  std::vector<int64_t> at;
  int64_t per_plane = 1, plane_size = 1;
};
using Index = std::shared_ptr<const Argmax>;

// Calls body(i0, i1) over whole planes of outputs [i0, i1).
template <typename Body>
void for_each_plane_of(const Argmax& ix, Body body) {
  const int64_t planes = static_cast<int64_t>(ix.at.size()) / ix.per_plane;
  parallel_for(0, planes, std::max<int64_t>(1, kElementGrain / ix.plane_size),
               [&](int64_t p0, int64_t p1) { body(p0 * ix.per_plane, p1 * ix.per_plane); });
}

Tensor gather(const Tensor& src, const Index& idx, const Shape& out_shape);

// out = zeros(shape); out[idx[i]] += d[i].
Tensor scatter_add(const Tensor& d, const Index& idx, const Shape& shape) {
  Tensor out = zeros(shape);
  const float* s = d.data();
  float* z = out.data();
  const int64_t* at = idx->at.data();
  for_each_plane_of(*idx, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) z[at[i]] += s[i];
  });
  return record("scatter_add", out, {d}, [idx, sd = d.shape()](const Tensor& gz, Grads& g) {
    g[0] += gather(gz, idx, sd);
  });
}

// out[i] = src[idx[i]].
Tensor gather(const Tensor& src, const Index& idx, const Shape& out_shape) {
  Tensor out = Tensor::empty(out_shape);
  const float* s = src.data();
  float* z = out.data();
  const int64_t* at = idx->at.data();
  for_each_plane_of(*idx, [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) z[i] = s[at[i]];
  });
  return record("gather", out, {src}, [idx, ss = src.shape()](const Tensor& gz, Grads& g) {
    g[0] += scatter_add(gz, idx, ss);
  });
}

Tensor avg_pool2d_impl(const Tensor& x, const PoolGeometry& g);

// Spreads each dy / K^2 over its window: the adjoint of avg_pool2d.
Tensor avg_pool2d_backward(const Tensor& dy, const PoolGeometry& g) {
  Tensor dx = zeros(g.x_shape());
  const float* d = dy.data();
  float* z = dx.data();
  float inv = 1.0f / static_cast<float>(g.k * g.k);
  for_each_window(g, [&](int64_t o, int64_t base, int64_t h0, int64_t h1, int64_t w0, int64_t w1) {
    float v = d[o] * inv;
    for (int64_t i = h0; i < h1; ++i)
      for (int64_t j = w0; j < w1; ++j) z[base + i * g.w + j] += v;
  });
  return record("avg_pool2d_backward", dx, {dy}, [g](const Tensor& gx, Grads& gr) {
    gr[0] += avg_pool2d_impl(gx, g);
  });
}

Tensor avg_pool2d_impl(const Tensor& x, const PoolGeometry& g) {
  Tensor y = Tensor::empty(g.y_shape());
  const float* p = x.data();
  float* z = y.data();
  float inv = 1.0f / static_cast<float>(g.k * g.k);  // padding counts as zeros (count_include_pad)
  for_each_window(g, [&](int64_t o, int64_t base, int64_t h0, int64_t h1, int64_t w0, int64_t w1) {
    float s = 0;
    for (int64_t i = h0; i < h1; ++i)
      for (int64_t j = w0; j < w1; ++j) s += p[base + i * g.w + j];
    z[o] = s * inv;
  });
  return record("avg_pool2d", y, {x}, [g](const Tensor& dy, Grads& gr) { gr[0] += avg_pool2d_backward(dy, g); });
}

// Keeps the window's maximum so far (top, at its offset at) or takes v (at offset at_v): a NaN wins, a tie keeps
// the earlier element. NOTE: integer masks rather than a ?: select, which the compiler turns into a branch in
// the loop's scalar tail: on real images that branch mispredicted on about every other window, and the max
// pool was the costliest op of the convnet step after the convolutions.
inline void take_if_larger(float v, int64_t at_v, float& top, int64_t& at) {
  const uint32_t m = -static_cast<uint32_t>((v > top) | (v != v));
  // __builtin_bit_cast: Emscripten 3.1.6's libc++ has no std::bit_cast.
  top = __builtin_bit_cast(float, (__builtin_bit_cast(uint32_t, v) & m) | (__builtin_bit_cast(uint32_t, top) & ~m));
  const int64_t m64 = static_cast<int32_t>(m);
  at = (at_v & m64) | (at & ~m64);
}

// One output row of the 2x2, stride-2 max pool, over the input rows that start at x[r0] and x[r0 + w]; the
// window's elements in the order top-left, top-right, bottom-left, bottom-right. Vectorised by the compiler,
// 4 lanes wide natively too: the convnets' rows are 12 and 4 windows, which 16-lane vectors would leave to
// the scalar tail (8x slower). Not inlined: inlined, it would lose that setting.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
__attribute__((noinline, target("prefer-vector-width=128")))
#endif
void max_pool_2x2_row(const float* x, int64_t r0, int64_t w, int64_t ow, float* __restrict z,
                      int64_t* __restrict arg) {
  const float* __restrict a = x + r0;
  const float* __restrict b = a + w;
  for (int64_t j = 0; j < ow; ++j) {
    float top = a[2 * j];
    int64_t at = 0;
    take_if_larger(a[2 * j + 1], 1, top, at);
    take_if_larger(b[2 * j], w, top, at);
    take_if_larger(b[2 * j + 1], w + 1, top, at);
    z[j] = top;
    arg[j] = r0 + 2 * j + at;
  }
}

}  // namespace

Tensor max_pool2d(const Tensor& x, Pool2dOptions options) {
  PoolGeometry g = pool_geometry(x.shape(), options, "max_pool2d");
  Tensor y = Tensor::empty(g.y_shape());
  auto argmax = std::make_shared<Argmax>();
  argmax->at.resize(static_cast<size_t>(g.y_shape().numel()));
  argmax->per_plane = g.oh * g.ow;
  argmax->plane_size = g.h * g.w;
  const float* p = x.data();
  float* z = y.data();
  // Padding is -inf for max (never chosen); padding <= K/2 guarantees each window holds a real element.
  // A NaN wins, as in PyTorch, so it is not hidden by pooling.
  int64_t* arg = argmax->at.data();
  if (g.k == 2 && g.stride == 2 && g.pad == 0) {
    // The classic 2x2 pool (every convnet here uses it), one output row at a time over two input rows.
    parallel_for(0, g.n * g.c, plane_grain(g), [&](int64_t p0, int64_t p1) {
      for (int64_t plane = p0; plane < p1; ++plane)
        for (int64_t oh = 0; oh < g.oh; ++oh)
          max_pool_2x2_row(p, plane * g.h * g.w + 2 * oh * g.w, g.w, g.ow, z + (plane * g.oh + oh) * g.ow,
                           arg + (plane * g.oh + oh) * g.ow);
    });
  } else {
    for_each_window(g, [&](int64_t o, int64_t base, int64_t h0, int64_t h1, int64_t w0, int64_t w1) {
      int64_t best = base + h0 * g.w + w0;
      float top = p[best];
      for (int64_t i = h0; i < h1; ++i)
        for (int64_t j = w0; j < w1; ++j) {
          float v = p[base + i * g.w + j];
          bool take = (v > top) | (v != v);
          top = take ? v : top;
          best = take ? base + i * g.w + j : best;
        }
      z[o] = top;
      arg[o] = best;
    });
  }
  return record("max_pool2d", y, {x}, [idx = Index(argmax), sx = x.shape()](const Tensor& dy, Grads& gr) {
    gr[0] += scatter_add(dy, idx, sx);
  });
}

Tensor avg_pool2d(const Tensor& x, Pool2dOptions options) {
  return avg_pool2d_impl(x, pool_geometry(x.shape(), options, "avg_pool2d"));
}

}  // namespace nabla
