// conv2d, max_pool2d and avg_pool2d: values against naive loops and hand-computed cases, gradients against
// finite differences (first and second order), and shape errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

using testing::expect_gradients_match;

// The definition, one output element at a time.
std::vector<float> naive_conv2d(const Tensor& x, const Tensor& w, const Tensor& b, int s, int p) {
  int64_t n = x.shape()[0], c = x.shape()[1], h = x.shape()[2], wd = x.shape()[3];
  int64_t o = w.shape()[0], kh = w.shape()[2], kw = w.shape()[3];
  int64_t oh = (h + 2 * p - kh) / s + 1, ow = (wd + 2 * p - kw) / s + 1;
  std::vector<float> out;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t f = 0; f < o; ++f)
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t z = 0; z < ow; ++z) {
          double acc = b.defined() ? b.data()[f] : 0.0;
          for (int64_t ch = 0; ch < c; ++ch)
            for (int64_t a = 0; a < kh; ++a)
              for (int64_t e = 0; e < kw; ++e) {
                int64_t r = y * s - p + a, q = z * s - p + e;
                if (r < 0 || r >= h || q < 0 || q >= wd) continue;
                acc += double(x.data()[((i * c + ch) * h + r) * wd + q]) * w.data()[((f * c + ch) * kh + a) * kw + e];
              }
          out.push_back(static_cast<float>(acc));
        }
  return out;
}

void expect_all_near(const std::vector<float>& a, const std::vector<float>& b, float tol) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], tol) << "element " << i;
}

TEST(OpsConv, Conv2dMatchesHandComputedSmallCase) {
  // 3x3 image 1..9, 2x2 kernel of ones: each output sums a 2x2 block.
  Tensor x = tensor({1, 2, 3, 4, 5, 6, 7, 8, 9}, Shape{1, 1, 3, 3});
  Tensor w = ones(Shape{1, 1, 2, 2});
  EXPECT_EQ(conv2d(x, w).to_vector(), (std::vector<float>{12, 16, 24, 28}));
  Tensor y = conv2d(x, w, tensor({0.5f}, Shape{1}), {.stride = 2, .padding = 1});
  EXPECT_EQ(y.shape(), (Shape{1, 1, 2, 2}));
  EXPECT_EQ(y.to_vector(), (std::vector<float>{1.5f, 5.5f, 11.5f, 28.5f}));
}

TEST(OpsConv, Conv2dMatchesNaiveLoopForStridesAndPadding) {
  manual_seed(11);
  for (int s : {1, 2, 3})
    for (int p : {0, 1, 2}) {
      Tensor x = randn(Shape{2, 3, 7, 6}), w = randn(Shape{4, 3, 3, 2}), b = randn(Shape{4});
      expect_all_near(conv2d(x, w, b, {.stride = s, .padding = p}).to_vector(), naive_conv2d(x, w, b, s, p), 1e-4f);
      expect_all_near(conv2d(x, w, Tensor(), {.stride = s, .padding = p}).to_vector(),
                      naive_conv2d(x, w, Tensor(), s, p), 1e-4f);
    }
}

TEST(OpsConv, Conv2dMatchesNaiveLoopAtMnistShapes) {
  manual_seed(12);
  Tensor x = randn(Shape{4, 1, 28, 28}), w = randn(Shape{8, 1, 5, 5}), b = randn(Shape{8});
  Tensor y = conv2d(x, w, b);
  EXPECT_EQ(y.shape(), (Shape{4, 8, 24, 24}));
  expect_all_near(y.to_vector(), naive_conv2d(x, w, b, 1, 0), 1e-4f);
}

TEST(OpsConv, Conv2dBackwardMatchesFiniteDifferences) {
  manual_seed(13);
  for (int s : {1, 2})
    for (int p : {0, 1}) {
      Tensor x = randn(Shape{2, 2, 5, 4}), w = randn(Shape{3, 2, 3, 2}), b = randn(Shape{3});
      Conv2dOptions opt{.stride = s, .padding = p};
      expect_gradients_match([opt](const auto& v) { return conv2d(v[0], v[1], v[2], opt); }, {x, w, b});
      expect_gradients_match([opt](const auto& v) { return conv2d(v[0], v[1], Tensor(), opt); }, {x, w});
      // 5 x 5 kernels (the MNIST convnets') take their own copy path in the weight gradient; padding 2 makes
      // windows overhang the image on either side.
      Tensor x5 = randn(Shape{2, 2, 7, 8}), w5 = randn(Shape{2, 2, 5, 5}), b5 = randn(Shape{2});
      Conv2dOptions opt5{.stride = s, .padding = 2 * p};
      expect_gradients_match([opt5](const auto& v) { return conv2d(v[0], v[1], v[2], opt5); }, {x5, w5, b5});
    }
}

TEST(OpsConv, Conv2dSecondDerivativesMatchFiniteDifferencesOfTheFirst) {
  manual_seed(14);
  Tensor x = randn(Shape{1, 2, 4, 4}), w = randn(Shape{2, 2, 3, 3}), b = randn(Shape{2});
  Conv2dOptions opt{.stride = 1, .padding = 1};
  // f is quadratic in x (through tanh it is not polynomial), so d/dx of df/dx and of df/dw are non-trivial.
  auto grads_of = [&](const Tensor& xi, const Tensor& wi, const Tensor& bi) {
    Tensor y = tanh(conv2d(xi, wi, bi, opt));
    return gradients(sum(mul(y, y)), {xi, wi, bi}, Tensor(), {.retain_graph = true, .create_graph = true});
  };
  for (int k = 0; k < 3; ++k)
    expect_gradients_match(
        [&, k](const auto& v) {
          std::vector<Tensor> in = v;
          if (!is_grad_enabled()) {  // finite-difference evaluations: take the first derivative fresh
            for (Tensor& t : in) t = t.detach().requires_grad_(true);
            GradModeGuard on(true);
            return grads_of(in[0], in[1], in[2])[k].detach();
          }
          return grads_of(in[0], in[1], in[2])[k];
        },
        {x, w, b});
}

std::vector<float> naive_pool(const Tensor& x, int k, int s, int p, bool is_max) {
  int64_t n = x.shape()[0] * x.shape()[1], h = x.shape()[2], wd = x.shape()[3];
  int64_t oh = (h + 2 * p - k) / s + 1, ow = (wd + 2 * p - k) / s + 1;
  std::vector<float> out;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t z = 0; z < ow; ++z) {
        float best = -std::numeric_limits<float>::infinity();
        double acc = 0;
        for (int a = 0; a < k; ++a)
          for (int e = 0; e < k; ++e) {
            int64_t r = y * s - p + a, q = z * s - p + e;
            if (r < 0 || r >= h || q < 0 || q >= wd) continue;
            float v = x.data()[(i * h + r) * wd + q];
            best = std::max(best, v);
            acc += v;
          }
        out.push_back(is_max ? best : static_cast<float>(acc / (k * k)));
      }
  return out;
}

TEST(OpsConv, PoolsMatchHandComputedCase) {
  Tensor x = tensor({1, 2, 5, 0, 3, 4, 1, 1, 0, 0, 2, 2, -1, 7, 2, 9}, Shape{1, 1, 4, 4});
  EXPECT_EQ(max_pool2d(x).to_vector(), (std::vector<float>{4, 5, 7, 9}));
  EXPECT_EQ(avg_pool2d(x).to_vector(), (std::vector<float>{2.5f, 1.75f, 1.5f, 3.75f}));
}

TEST(OpsConv, PoolsMatchNaiveLoops) {
  manual_seed(15);
  Tensor x = randn(Shape{2, 3, 7, 8});
  for (int k : {2, 3})
    for (int s : {0, 1, 2})
      for (int p = 0; 2 * p <= k; ++p) {
        Pool2dOptions opt{.kernel = k, .stride = s, .padding = p};
        int stride = s == 0 ? k : s;
        expect_all_near(max_pool2d(x, opt).to_vector(), naive_pool(x, k, stride, p, true), 0);
        expect_all_near(avg_pool2d(x, opt).to_vector(), naive_pool(x, k, stride, p, false), 1e-5f);
      }
}

TEST(OpsConv, PoolBackwardsMatchFiniteDifferences) {
  manual_seed(16);
  // Distinct values far apart so the finite-difference step never changes which element is the maximum.
  Tensor x = mul(reshape(arange(0, 60), {1, 3, 4, 5}), 0.1f);
  x = index_select(reshape(x, {60}), 0, [] {
        std::vector<int64_t> perm(60);
        Generator gen(3);
        for (int i = 0; i < 60; ++i) perm[i] = i;
        for (int i = 59; i > 0; --i) std::swap(perm[i], perm[gen.below(i + 1)]);
        return perm;
      }());
  x = reshape(x, {1, 3, 4, 5}).detach();
  for (Pool2dOptions opt : {Pool2dOptions{2, 0, 0}, Pool2dOptions{3, 1, 1}, Pool2dOptions{2, 1, 1}}) {
    expect_gradients_match([opt](const auto& v) { return max_pool2d(v[0], opt); }, {x});
    expect_gradients_match([opt](const auto& v) { return avg_pool2d(v[0], opt); }, {x});
  }
}

TEST(OpsConv, MaxPoolGradientGoesToFirstMaximum) {
  Tensor x = tensor({1, 1, 1, 1}, Shape{1, 1, 2, 2}).requires_grad_(true);
  sum(max_pool2d(x)).backward();
  EXPECT_EQ(x.grad().to_vector(), (std::vector<float>{1, 0, 0, 0}));
}

TEST(OpsConv, MaxPool2x2PicksTheFirstMaximumOrANanInEveryWindow) {
  // Rows of 1 to 13 windows (vector lanes and scalar tails), values from {0, 1, NaN}: ties everywhere. Each
  // window's gradient goes to its first maximum (order: top-left, top-right, bottom-left, bottom-right), or
  // to a NaN, which wins (the last NaN, as PyTorch's `val > max || isnan(val)`), and its value is that element.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  Generator gen(19);
  for (int64_t ow : {1, 3, 4, 5, 8, 12, 13}) {
    const int64_t w = 2 * ow, planes = 3;
    std::vector<float> v(static_cast<size_t>(planes * 4 * w));
    for (float& e : v) {
      const int64_t r = gen.below(10);
      e = r == 0 ? nan : float(r % 2);
    }
    Tensor x = tensor(v, Shape{1, planes, 4, w}).requires_grad_(true);
    Tensor y = max_pool2d(x);
    sum(y).backward();
    std::vector<float> expect_grad(v.size(), 0.0f), got = x.grad().to_vector(), yv = y.to_vector();
    for (int64_t pl = 0; pl < planes; ++pl)
      for (int64_t oh = 0; oh < 2; ++oh)
        for (int64_t j = 0; j < ow; ++j) {
          const int64_t tl = (pl * 4 + 2 * oh) * w + 2 * j;
          int64_t best = tl;
          for (int64_t cand : {tl + 1, tl + w, tl + w + 1})
            if (v[size_t(cand)] > v[size_t(best)] || std::isnan(v[size_t(cand)])) best = cand;
          expect_grad[size_t(best)] = 1.0f;
          const float out = yv[size_t((pl * 2 + oh) * ow + j)];
          if (std::isnan(v[size_t(best)]))
            EXPECT_TRUE(std::isnan(out)) << "ow " << ow << " window " << j;
          else
            EXPECT_EQ(out, v[size_t(best)]) << "ow " << ow << " window " << j;
        }
    EXPECT_EQ(got, expect_grad) << "rows of " << ow << " windows";
  }
}

TEST(OpsConv, PoolSecondDerivativesMatchFiniteDifferencesOfTheFirst) {
  manual_seed(17);
  Tensor x = randn(Shape{1, 2, 4, 4});
  auto f_max = [](const Tensor& t) { return sum(pow(max_pool2d(t), 3.0f)); };
  auto f_avg = [](const Tensor& t) { return sum(pow(avg_pool2d(t, {3, 1, 1}), 3.0f)); };
  expect_gradients_match([f_max](const auto& v) { return grad(f_max)(v[0]); }, {x}, {.eps = 1e-3, .atol = 5e-3});
  expect_gradients_match([f_avg](const auto& v) { return grad(f_avg)(v[0]); }, {x});
}

TEST(OpsConv, BadShapesAndOptionsGiveClearErrors) {
  auto message = [](auto f) {
    try {
      f();
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message([] { conv2d(ones(Shape{1, 2, 5, 5}), ones(Shape{3, 1, 3, 3})); })
                .find("conv2d: input [1, 2, 5, 5] has 2 channels but weight [3, 1, 3, 3] expects 1"),
            std::string::npos);
  EXPECT_NE(message([] { conv2d(ones(Shape{2, 5, 5}), ones(Shape{3, 1, 3, 3})); }).find("expected input (N, C, H, W)"),
            std::string::npos);
  EXPECT_NE(message([] { conv2d(ones(Shape{1, 1, 2, 2}), ones(Shape{1, 1, 3, 3})); }).find("does not fit"),
            std::string::npos);
  EXPECT_NE(message([] { conv2d(ones(Shape{1, 1, 4, 4}), ones(Shape{2, 1, 3, 3}), ones(Shape{3})); })
                .find("conv2d: bias [3] does not match weight [2, 1, 3, 3]"),
            std::string::npos);
  EXPECT_THROW(conv2d(ones(Shape{1, 1, 4, 4}), ones(Shape{1, 1, 3, 3}), Tensor(), {.stride = 0}), ValueError);
  EXPECT_THROW(max_pool2d(ones(Shape{1, 1, 4, 4}), {.kernel = 2, .stride = 2, .padding = 2}), ValueError);
  EXPECT_THROW(avg_pool2d(ones(Shape{4, 4})), ShapeError);
  EXPECT_THROW(max_pool2d(ones(Shape{1, 1, 1, 1}), {.kernel = 2}), ShapeError);
}

}  // namespace
}  // namespace nabla
