// The toy dataset generators: shapes, balanced classes, determinism by seed, and what noise does.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include <Eigen/Dense>

#include "nabla/data/dataset.h"
#include "nabla/error.h"
#include "nabla/tensor/factory.h"

namespace nabla {
namespace {

std::vector<int64_t> class_counts(const Dataset& d) {
  std::vector<int64_t> counts(d.classes, 0);
  for (float v : d.y.to_vector()) {
    EXPECT_EQ(v, std::floor(v));
    EXPECT_GE(v, 0);
    EXPECT_LT(v, d.classes);
    counts[static_cast<int64_t>(v)]++;
  }
  return counts;
}

TEST(DataSynthetic, EveryGeneratorGivesShapesAndBalancedClasses) {
  struct Case {
    const char* name;
    Dataset d;
    int64_t classes;
  };
  std::vector<Case> cases = {{"moons", make_moons(101, 0.1f, 1), 2},
                             {"circles", make_circles(101, 0.1f, 1), 2},
                             {"spiral", make_spiral(101, 4, 0.1f, 1), 4},
                             {"xor", make_xor(101, 0.1f, 1), 2},
                             {"blobs", make_blobs(101, 5, 0.3f, 1), 5}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.d.x.shape(), (Shape{101, 2}));
    EXPECT_EQ(c.d.y.shape(), (Shape{101}));
    EXPECT_EQ(c.d.classes, c.classes);
    EXPECT_EQ(c.d.size(), 101);
    EXPECT_EQ(c.d.features(), 2);
    std::vector<int64_t> counts = class_counts(c.d);
    for (int64_t k = 0; k < c.classes; ++k) EXPECT_EQ(counts[k], 101 / c.classes + (k < 101 % c.classes));
  }
}

TEST(DataSynthetic, SameSeedGivesSameDataAndOtherSeedDiffers) {
  auto same = [](const Dataset& a, const Dataset& b) {
    return a.x.to_vector() == b.x.to_vector() && a.y.to_vector() == b.y.to_vector();
  };
  EXPECT_TRUE(same(make_moons(64, 0.2f, 7), make_moons(64, 0.2f, 7)));
  EXPECT_FALSE(same(make_moons(64, 0.2f, 7), make_moons(64, 0.2f, 8)));
  EXPECT_TRUE(same(make_spiral(64, 3, 0.2f, 7), make_spiral(64, 3, 0.2f, 7)));
  EXPECT_FALSE(same(make_spiral(64, 3, 0.2f, 7), make_spiral(64, 3, 0.2f, 8)));
  EXPECT_TRUE(same(make_regression(64, 3, 0.2f, 7, true), make_regression(64, 3, 0.2f, 7, true)));
  EXPECT_FALSE(same(make_xor(64, 0.2f, 7), make_xor(64, 0.2f, 8)));
}

TEST(DataSynthetic, GeneratorsDoNotTouchTheGlobalGenerator) {
  manual_seed(3);
  float expected = randn(Shape{1}).item();
  manual_seed(3);
  make_circles(50, 0.1f, 9);
  EXPECT_EQ(randn(Shape{1}).item(), expected);
}

TEST(DataSynthetic, WithoutNoisePointsLieExactlyOnTheirCurves) {
  Dataset c = make_circles(200, 0.0f, 1, 0.4f);
  std::vector<float> x = c.x.to_vector(), y = c.y.to_vector();
  for (int64_t i = 0; i < 200; ++i) {
    float r = std::hypot(x[2 * i], x[2 * i + 1]);
    EXPECT_NEAR(r, y[i] == 0 ? 1.0f : 0.4f, 1e-5);
  }
  Dataset m = make_moons(200, 0.0f, 1);
  x = m.x.to_vector();
  y = m.y.to_vector();
  for (int64_t i = 0; i < 200; ++i) {
    float cx = y[i] == 0 ? 0.0f : 1.0f, cy = y[i] == 0 ? 0.0f : 0.5f;
    EXPECT_NEAR(std::hypot(x[2 * i] - cx, x[2 * i + 1] - cy), 1.0f, 1e-5);
  }
  Dataset b = make_blobs(30, 3, 0.0f, 1, 2.0f);
  x = b.x.to_vector();
  y = b.y.to_vector();
  for (int64_t i = 0; i < 30; ++i) {
    double t = 2 * 3.14159265358979 * y[i] / 3;
    EXPECT_NEAR(x[2 * i], 2 * std::cos(t), 1e-5);
    EXPECT_NEAR(x[2 * i + 1], 2 * std::sin(t), 1e-5);
  }
  Dataset s = make_xor(200, 0.0f, 1);
  x = s.x.to_vector();
  y = s.y.to_vector();
  for (int64_t i = 0; i < 200; ++i) EXPECT_EQ(x[2 * i] * x[2 * i + 1] < 0, y[i] == 1) << i;
}

TEST(DataSynthetic, NoiseIsGaussianWithTheGivenStandardDeviation) {
  // Same seed with and without noise: the generator draws the same numbers (noise is scaled, never skipped),
  // so the rows line up and their difference is the noise itself.
  Dataset clean = make_circles(4000, 0.0f, 5), noisy = make_circles(4000, 0.3f, 5);
  EXPECT_EQ(clean.y.to_vector(), noisy.y.to_vector());
  std::vector<float> a = clean.x.to_vector(), b = noisy.x.to_vector();
  double sum = 0, sum_sq = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    double e = b[i] - a[i];
    sum += e;
    sum_sq += e * e;
  }
  double n = static_cast<double>(a.size()), mean = sum / n;
  EXPECT_NEAR(mean, 0.0, 0.015);
  EXPECT_NEAR(std::sqrt(sum_sq / n - mean * mean), 0.3, 0.01);
}

TEST(DataSynthetic, LinearRegressionIsExactlyLinearWithoutNoise) {
  Dataset d = make_regression(50, 3, 0.0f, 2);
  EXPECT_EQ(d.x.shape(), (Shape{50, 3}));
  EXPECT_EQ(d.y.shape(), (Shape{50, 1}));
  EXPECT_EQ(d.classes, 0);
  // Least squares on [x, 1] must fit with ~zero residual.
  Eigen::MatrixXd A(50, 4);
  Eigen::VectorXd b(50);
  std::vector<float> x = d.x.to_vector(), y = d.y.to_vector();
  for (int i = 0; i < 50; ++i) {
    for (int j = 0; j < 3; ++j) A(i, j) = x[i * 3 + j];
    A(i, 3) = 1;
    b(i) = y[i];
  }
  Eigen::VectorXd w = A.colPivHouseholderQr().solve(b);
  EXPECT_LT((A * w - b).norm() / std::sqrt(50.0), 1e-5);

  Dataset nl = make_regression(50, 3, 0.0f, 2, true);
  y = nl.y.to_vector();
  x = nl.x.to_vector();
  for (int i = 0; i < 50; ++i) {
    for (int j = 0; j < 3; ++j) A(i, j) = x[i * 3 + j];
    b(i) = y[i];
  }
  w = A.colPivHouseholderQr().solve(b);
  EXPECT_GT((A * w - b).norm() / std::sqrt(50.0), 0.05);
}

TEST(DataSynthetic, BadArgumentsAreRejectedWithTheirNames) {
  EXPECT_THROW(make_moons(0), ValueError);
  EXPECT_THROW(make_moons(10, -0.1f), ValueError);
  EXPECT_THROW(make_circles(10, 0.1f, 0, 1.5f), ValueError);
  EXPECT_THROW(make_regression(10, 0), ValueError);
  try {
    make_spiral(10, 1);
    FAIL() << "no throw";
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("make_spiral: classes must be at least 2, got 1"), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace nabla
