// Dropout: seeded statistics (fraction zeroed, mean preserved), identity in evaluation, gradient = mask.
#include <gtest/gtest.h>

#include <cmath>

#include "gradcheck.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

TEST(OpsDropout, ZeroesAboutPAndPreservesTheMean) {
  manual_seed(31);
  const int64_t n = 100000;
  for (float p : {0.1f, 0.5f, 0.8f}) {
    Tensor y = dropout(ones(Shape{n}), p);
    int64_t zeros_count = 0;
    double total = 0;
    for (float v : y.to_vector()) {
      if (v == 0.0f)
        ++zeros_count;
      else
        EXPECT_FLOAT_EQ(v, 1.0f / (1.0f - p));
      total += v;
    }
    // Binomial standard deviation of the fraction is below 0.0016 at n = 1e5; 0.01 is > 6 sigma.
    EXPECT_NEAR(double(zeros_count) / n, p, 0.01) << "p = " << p;
    EXPECT_NEAR(total / n, 1.0, 0.05) << "p = " << p;
  }
}

TEST(OpsDropout, SameSeedGivesSameMask) {
  manual_seed(32);
  std::vector<float> a = dropout(ones(Shape{64}), 0.5f).to_vector();
  manual_seed(32);
  EXPECT_EQ(dropout(ones(Shape{64}), 0.5f).to_vector(), a);
}

TEST(OpsDropout, EvaluationAndZeroPAreIdentity) {
  Tensor x = randn(Shape{3, 4});
  EXPECT_TRUE(dropout(x, 0.5f, false).same(x));
  EXPECT_TRUE(dropout(x, 0.0f).same(x));
}

TEST(OpsDropout, GradientIsTheMask) {
  manual_seed(33);
  Tensor x = randn(Shape{50}).requires_grad_(true);
  Tensor y = dropout(x, 0.3f);
  sum(y).backward();
  std::vector<float> g = x.grad().to_vector(), yv = y.to_vector(), xv = x.to_vector();
  for (int i = 0; i < 50; ++i) EXPECT_FLOAT_EQ(g[i] * xv[i], yv[i]);
}

TEST(OpsDropout, ProbabilityOutsideRangeIsAValueError) {
  try {
    dropout(ones(Shape{2}), 1.0f);
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("dropout: probability p must be in [0, 1), got 1.0"), std::string::npos);
  }
  EXPECT_THROW(dropout(ones(Shape{2}), -0.1f), ValueError);
  EXPECT_THROW(dropout(ones(Shape{2}), NAN), ValueError);
}

}  // namespace
}  // namespace nabla
