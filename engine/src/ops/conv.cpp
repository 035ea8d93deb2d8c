// 2-D convolution over NCHW images by im2col + GEMM.
//   N = batch, C = channels in, O = channels out, H x W input, KH x KW kernel, OH x OW output,
//   P = OH * OW output positions per image, R = C * KH * KW rows of the column matrix.
// The forward and the input gradient go image by image: an image's column matrix (R, P), whose column q
// holds the receptive field of output position q, stays in cache, and its product lands in image layout.
// The weight gradient is one (O, P) x (P, R) product per image, over that image's transposed columns built
// straight from x, summed in fixed blocks of images (see conv2d_weight_grad); nothing big is saved.
//
// Derivatives (three linear ops that are each other's adjoints, so every order differentiates):
//   conv2d(x, w, b)              dx += conv2d_input_grad(dy, w)   dw += conv2d_weight_grad(x, dy)
//                                db += sum of dy over N, OH, OW
//   conv2d_input_grad(dy, w)     d(dy) += conv2d(G, w)            dw += conv2d_weight_grad(G, dy)
//   conv2d_weight_grad(x, dy)    dx += conv2d_input_grad(dy, G)   d(dy) += conv2d(x, G)
// (G is the incoming gradient of each op's output.)
#include "nabla/ops/conv.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "nabla/autograd/node.h"
#include "nabla/error.h"
#include "nabla/ops/arith.h"
#include "nabla/ops/gemm.h"
#include "nabla/ops/reduce.h"
#include "nabla/parallel/threads.h"
#include "nabla/tensor/factory.h"
#include "gemm_parallel.h"

namespace nabla {

namespace {

// Everything the kernels need to know about one convolution's shapes.
struct Geometry {
  int64_t n, c, h, w, o, kh, kw, oh, ow;
  int64_t stride, pad;
  int64_t p() const { return oh * ow; }
  int64_t r() const { return c * kh * kw; }
  Shape x_shape() const { return Shape{n, c, h, w}; }
  Shape w_shape() const { return Shape{o, c, kh, kw}; }
  Shape y_shape() const { return Shape{n, o, oh, ow}; }
};

Geometry geometry(const Shape& xs, const Shape& ws, Conv2dOptions opt, const char* op) {
  if (xs.rank() != 4 || ws.rank() != 4)
    throw ShapeError(std::string(op) + ": expected input (N, C, H, W) and weight (O, C, KH, KW), got " +
                     xs.str() + " and " + ws.str());
  if (xs[1] != ws[1])
    throw ShapeError(std::string(op) + ": input " + xs.str() + " has " + std::to_string(xs[1]) +
                     " channels but weight " + ws.str() + " expects " + std::to_string(ws[1]));
  if (opt.stride < 1) throw ValueError(std::string(op) + ": stride must be >= 1, got " + std::to_string(opt.stride));
  if (opt.padding < 0)
    throw ValueError(std::string(op) + ": padding must be >= 0, got " + std::to_string(opt.padding));
  Geometry g{xs[0], xs[1], xs[2], xs[3], ws[0], ws[2], ws[3], 0, 0, opt.stride, opt.padding};
  int64_t hp = g.h + 2 * g.pad, wp = g.w + 2 * g.pad;
  if (g.kh > hp || g.kw > wp || g.kh == 0 || g.kw == 0)
    throw ShapeError(std::string(op) + ": kernel " + std::to_string(g.kh) + "x" + std::to_string(g.kw) +
                     " does not fit input " + xs.str() + " with padding " + std::to_string(g.pad));
  g.oh = (hp - g.kh) / g.stride + 1;
  g.ow = (wp - g.kw) / g.stride + 1;
  return g;
}

// The output columns [lo, hi) whose input column ow * stride - pad + kj lies inside [0, W): the interior
// is computed once per kernel column, so the copy loops carry no bounds checks.
void valid_range(const Geometry& g, int64_t kj, int64_t& lo, int64_t& hi) {
  int64_t off = kj - g.pad;  // input column of output column 0
  if (g.stride == 1) {  // the common case, without the two integer divisions (called once per kernel row)
    lo = off >= 0 ? 0 : -off;
    hi = std::max<int64_t>(g.w - off, 0);
  } else {
    lo = off >= 0 ? 0 : (-off + g.stride - 1) / g.stride;
    hi = (g.w - 1 - off) < 0 ? 0 : (g.w - 1 - off) / g.stride + 1;
  }
  hi = std::min(hi, g.ow);
  lo = std::min(lo, hi);
}

// Copies n floats. The rows copied here are short (a kernel row of 5, an output row of 24 or 8), and a libc
// memmove call per row cost more than the copy itself (a fifth of the convnet step in the profile):
// fixed-size memcpy compiles to inline vector moves.
inline void copy_short(float* dst, const float* src, int64_t n) {
  if (n > 64) {
    std::memcpy(dst, src, sizeof(float) * n);
    return;
  }
  for (; n >= 8; n -= 8, dst += 8, src += 8) std::memcpy(dst, src, 32);
  if (n & 4) std::memcpy(dst, src, 16), dst += 4, src += 4;
  if (n & 2) std::memcpy(dst, src, 8), dst += 2, src += 2;
  if (n & 1) *dst = *src;
}

// cols (R, P) of image n of x (N, C, H, W); zeros where the window covers padding.
void im2col_image(const float* xd, const Geometry& g, int64_t n, float* cd) {
  float* dst = cd;
  for (int64_t c = 0; c < g.c; ++c)
    for (int64_t ki = 0; ki < g.kh; ++ki)
      for (int64_t kj = 0; kj < g.kw; ++kj) {  // row (c, ki, kj) of cols; nested loops, no divisions per row
        int64_t lo, hi;
        valid_range(g, kj, lo, hi);
        const float* plane = xd + (n * g.c + c) * g.h * g.w;
        // Stride 1, no padding in the row, a length of whole 8-float blocks (both layers of the MNIST
        // convnets): each row is a few fixed-size moves, where the general copy's bookkeeping cost more.
        const bool blocks_of_8 = g.stride == 1 && lo == 0 && hi == g.ow && g.ow % 8 == 0;
        for (int64_t oh = 0; oh < g.oh; ++oh, dst += g.ow) {
          const int64_t ih = oh * g.stride - g.pad + ki;
          if (ih < 0 || ih >= g.h) {
            for (int64_t ow = 0; ow < g.ow; ++ow) dst[ow] = 0.0f;
            continue;
          }
          const float* src = plane + ih * g.w + kj - g.pad;
          if (blocks_of_8) {
            for (int64_t ow = 0; ow < g.ow; ow += 8) std::memcpy(dst + ow, src + ow, 32);
            continue;
          }
          for (int64_t ow = 0; ow < lo; ++ow) dst[ow] = 0.0f;
          if (g.stride == 1)
            copy_short(dst + lo, src + lo, hi - lo);
          else
            for (int64_t ow = lo; ow < hi; ++ow) dst[ow] = src[ow * g.stride];
          for (int64_t ow = hi; ow < g.ow; ++ow) dst[ow] = 0.0f;
        }
      }
}

// The output columns ow whose whole window row, input columns [ow * stride - pad, ... + KW), lies inside
// [0, W): [lo, hi). The copies there need no bounds checks.
void inside_range(const Geometry& g, int64_t& lo, int64_t& hi) {
  lo = std::min((g.pad + g.stride - 1) / g.stride, g.ow);
  const int64_t last = g.w - g.kw + g.pad;  // the largest ow * stride that still fits
  hi = last < 0 ? lo : std::clamp(last / g.stride + 1, lo, g.ow);
}

// One output row (n, oh) of im2col_t: rows q = (n, oh, 0 .. OW) of `out`, R floats each. KW > 0 fixes the
// kernel width at compile time: then each window row is one fixed-size copy, a few moves.
template <int KW>
void im2col_t_row(const float* xd, const Geometry& g, int64_t n, int64_t oh, float* out) {
  const int64_t kw = KW > 0 ? KW : g.kw, r = g.r();
  int64_t lo, hi;
  inside_range(g, lo, hi);
  for (int64_t c = 0; c < g.c; ++c)
    for (int64_t ki = 0; ki < g.kh; ++ki) {
      float* dst = out + (c * g.kh + ki) * kw;
      const int64_t ih = oh * g.stride - g.pad + ki;
      if (ih < 0 || ih >= g.h) {
        for (int64_t ow = 0; ow < g.ow; ++ow)
          for (int64_t kj = 0; kj < kw; ++kj) dst[ow * r + kj] = 0.0f;
        continue;
      }
      const float* src = xd + ((n * g.c + c) * g.h + ih) * g.w;
      auto edge = [&](int64_t ow) {  // a window row that overhangs the padding
        for (int64_t kj = 0; kj < kw; ++kj) {
          const int64_t iw = ow * g.stride - g.pad + kj;
          dst[ow * r + kj] = iw >= 0 && iw < g.w ? src[iw] : 0.0f;
        }
      };
      for (int64_t ow = 0; ow < lo; ++ow) edge(ow);
      for (int64_t ow = lo; ow < hi; ++ow) {
        if constexpr (KW > 0)
          std::memcpy(dst + ow * r, src + ow * g.stride - g.pad, sizeof(float) * KW);
        else
          copy_short(dst + ow * r, src + ow * g.stride - g.pad, kw);
      }
      for (int64_t ow = hi; ow < g.ow; ++ow) edge(ow);
    }
}

// Image n's receptive fields transposed, (P, R): one contiguous row per output position, the layout the
// weight gradient's product wants; built straight from x, cheaper than transposing cols (strided stores).
void im2col_t_image(const float* xd, const Geometry& g, int64_t n, float* out) {
  for (int64_t oh = 0; oh < g.oh; ++oh) {
    float* dst = out + oh * g.ow * g.r();
    switch (g.kw) {  // the kernel widths of the presets, fixed; any other through the general copy
      case 3: im2col_t_row<3>(xd, g, n, oh, dst); break;
      case 5: im2col_t_row<5>(xd, g, n, oh, dst); break;
      default: im2col_t_row<0>(xd, g, n, oh, dst);
    }
  }
}

// Image n of dx (N, C, H, W) += cols (R, P) summed back onto the input positions each column was read
// from; each element adds its kernel offsets in (ki, kj) order.
void col2im_image(const float* cd, const Geometry& g, int64_t n, float* xd) {
  for (int64_t c = 0; c < g.c; ++c) {
    float* plane = xd + (n * g.c + c) * g.h * g.w;
    for (int64_t ki = 0; ki < g.kh; ++ki)
      for (int64_t kj = 0; kj < g.kw; ++kj) {
        int64_t lo, hi;
        valid_range(g, kj, lo, hi);
        const float* src = cd + ((c * g.kh + ki) * g.kw + kj) * g.p();
        for (int64_t oh = 0; oh < g.oh; ++oh, src += g.ow) {
          const int64_t ih = oh * g.stride - g.pad + ki;
          if (ih < 0 || ih >= g.h) continue;
          float* dst = plane + ih * g.w + kj - g.pad;
          if (g.stride == 1)
            for (int64_t ow = lo; ow < hi; ++ow) dst[ow] += src[ow];
          else
            for (int64_t ow = lo; ow < hi; ++ow) dst[ow * g.stride] += src[ow];
        }
      }
  }
}

// Items per chunk of the engine's threads for per-image products of `work` multiply-adds each: GEMM's own
// threshold (gemm_parallel.h), below which a thread does not pay.
int64_t product_grain(int64_t work) {
  return std::max<int64_t>(1, NABLA_GEMM_MIN_WORK_PER_THREAD / std::max<int64_t>(1, work));
}

// The sum of n floats as 8 running sums (one per lane), added pairwise at the end: a fixed order that the
// compiler may vectorise (one sum in element order it may not), the same on any thread count.
float sum_plane(const float* v, int64_t n) {
  float lane[8] = {};
  int64_t q = 0;
  for (; q + 8 <= n; q += 8)
    for (int l = 0; l < 8; ++l) lane[l] += v[q + l];
  float s = ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
  for (; q < n; ++q) s += v[q];
  return s;
}

// Per-thread scratch for the GEMM-layout temporaries, reused across calls: fresh multi-megabyte blocks each
// training step cost more in page faults than the copies themselves. Each use has its own buffer, and none
// is held across a call into another conv function.
enum Scratch { kCols, kColsT, kScratchCount };
float* scratch(Scratch which, int64_t n) {
  thread_local std::vector<float> buffers[kScratchCount];
  buffers[which].resize(static_cast<size_t>(n));
  return buffers[which].data();
}

Tensor conv2d_input_grad(const Tensor& dy, const Tensor& w, const Geometry& g);
Tensor conv2d_weight_grad(const Tensor& x, const Tensor& dy, const Geometry& g);

Conv2dOptions options_of(const Geometry& g) {
  return Conv2dOptions{static_cast<int>(g.stride), static_cast<int>(g.pad)};
}

// dx = col2im(w^T dy): the adjoint of the convolution with respect to its input. Per image, as the forward.
Tensor conv2d_input_grad(const Tensor& dy, const Tensor& w, const Geometry& g) {
  Tensor dx = zeros(g.x_shape());
  const float* dyd = dy.data();
  float* dxd = dx.data();
  parallel_for(0, g.n, product_grain(g.o * g.p() * g.r()), [&](int64_t n0, int64_t n1) {
    float* cols = scratch(kCols, g.r() * g.p());
    for (int64_t n = n0; n < n1; ++n) {
      gemm(true, false, g.r(), g.p(), g.o, w.data(), dyd + n * g.o * g.p(), cols);
      col2im_image(cols, g, n, dxd);
    }
  });
  return record("conv2d_input_grad", dx, {dy, w}, [dy, w, g](const Tensor& gx, Grads& gr) {
    if (gr.needs(0)) gr[0] += conv2d(gx, w, Tensor(), options_of(g));
    if (gr.needs(1)) gr[1] += conv2d_weight_grad(gx, dy, g);
  });
}

// dw = sum over images of dy_n cols_t(x_n): the adjoint of the convolution with respect to its weight. One
// NN product per image, (O, P) x (P, R), with dy_n read in place and cols_t(x_n) in cache (with B
// transposed instead, this long-k shape ran several times slower). Images go in fixed blocks of
// kWeightGradBlock: each block sums its images in order into its own partial, and the partials are added in
// block order. The blocks depend on N alone, so they can split among threads without changing a bit.
constexpr int64_t kWeightGradBlock = 4;

Tensor conv2d_weight_grad(const Tensor& x, const Tensor& dy, const Geometry& g) {
  const int64_t blocks = (g.n + kWeightGradBlock - 1) / kWeightGradBlock, size = g.o * g.r();
  const int64_t block_work = kWeightGradBlock * g.o * g.p() * g.r();
  std::vector<float> partial(static_cast<size_t>(std::max<int64_t>(blocks, 1) * size), 0.0f);
  const float *xd = x.data(), *dyd = dy.data();
  parallel_for(0, blocks, product_grain(block_work),
               [&](int64_t b0, int64_t b1) {
                 float* cols_t = scratch(kColsT, g.p() * g.r());
                 for (int64_t blk = b0; blk < b1; ++blk) {
                   const int64_t n0 = blk * kWeightGradBlock, n1 = std::min(g.n, n0 + kWeightGradBlock);
                   for (int64_t n = n0; n < n1; ++n) {
                     im2col_t_image(xd, g, n, cols_t);
                     gemm(false, false, g.o, g.r(), g.p(), dyd + n * g.o * g.p(), cols_t, partial.data() + blk * size,
                          n == n0 ? 0.0f : 1.0f);
                   }
                 }
               });
  Tensor dw = Tensor::empty(g.w_shape());
  float* dwd = dw.data();
  std::copy(partial.begin(), partial.begin() + size, dwd);
  for (int64_t blk = 1; blk < blocks; ++blk)
    for (int64_t i = 0; i < size; ++i) dwd[i] += partial[static_cast<size_t>(blk * size + i)];
  return record("conv2d_weight_grad", dw, {x, dy}, [x, dy, g](const Tensor& gw, Grads& gr) {
    if (gr.needs(0)) gr[0] += conv2d_input_grad(dy, gw, g);
    if (gr.needs(1)) gr[1] += conv2d(x, gw, Tensor(), options_of(g));
  });
}

}  // namespace

Tensor conv2d(const Tensor& x, const Tensor& w, const Tensor& b, Conv2dOptions options) {
  Geometry g = geometry(x.shape(), w.shape(), options, "conv2d");
  if (b.defined() && (b.rank() != 1 || b.shape()[0] != g.o))
    throw ShapeError("conv2d: bias " + b.shape().str() + " does not match weight " + w.shape().str() +
                     " (expected [" + std::to_string(g.o) + "])");
  // One (O, R) x (R, P) product per image, straight into its (O, P) block of y, over columns that stay in
  // cache: the whole batch's columns (25x the input for a 5x5 kernel) did not, and had to be copied back to
  // image layout after. Images split among threads; each output is the same product whatever the split.
  Tensor y = Tensor::empty(g.y_shape());
  const float* xd = x.data();
  float* yd = y.data();
  parallel_for(0, g.n, product_grain(g.o * g.p() * g.r()), [&](int64_t n0, int64_t n1) {
    float* cols = scratch(kCols, g.r() * g.p());
    for (int64_t n = n0; n < n1; ++n) {
      im2col_image(xd, g, n, cols);
      float* yn = yd + n * g.o * g.p();
      if (b.defined())  // seed each output channel with its bias; the GEMM accumulates on top
        for (int64_t j = 0; j < g.o; ++j) std::fill(yn + j * g.p(), yn + (j + 1) * g.p(), b.data()[j]);
      gemm(false, false, g.o, g.p(), g.r(), w.data(), cols, yn, b.defined() ? 1.0f : 0.0f);
    }
  });

  std::vector<Tensor> inputs{x, w};
  if (b.defined()) inputs.push_back(b);
  return record("conv2d", y, inputs, [x, w, g, has_bias = b.defined()](const Tensor& dy, Grads& gr) {
    if (gr.needs(0)) gr[0] += conv2d_input_grad(dy, w, g);
    if (gr.needs(1)) gr[1] += conv2d_weight_grad(x, dy, g);
    if (has_bias && gr.needs(2)) {
      // Recording (create_graph): a differentiable reduction. Otherwise one pass over dy.
      if (dy.requires_grad()) {
        gr[2] += sum(dy, {0, 2, 3});
        return;
      }
      // Channels split among threads; each still adds its images in order.
      Tensor db = zeros(Shape{g.o});
      const float* d = dy.data();
      float* dbd = db.data();
      parallel_for(0, g.o, std::max<int64_t>(1, kElementGrain / (g.n * g.p())), [&](int64_t j0, int64_t j1) {
        for (int64_t j = j0; j < j1; ++j)
          for (int64_t i = 0; i < g.n; ++i) dbd[j] += sum_plane(d + (i * g.o + j) * g.p(), g.p());
      });
      gr[2] += db;
    }
  });
}

}  // namespace nabla
