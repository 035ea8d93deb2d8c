// The playground's sets in the engine (TensorFlow Playground's regression sets, the uniform points of y > f(x)),
// the one table of toy sets by name, and the seeded train/test split: closed-form targets, defaults, partitions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "nabla/data/dataset.h"
#include "nabla/error.h"

namespace nabla {
namespace {

std::vector<std::pair<float, float>> points(const Dataset& d) {
  std::vector<std::pair<float, float>> out;
  for (int64_t i = 0; i < d.size(); ++i) out.emplace_back(d.x.data()[2 * i], d.x.data()[2 * i + 1]);
  return out;
}

TEST(DataToy, RegressionSetsWithoutNoiseGiveTheirClosedFormOnTheUnitSquare) {
  Dataset plane = make_plane(300, 0, 1), waves = make_waves(300, 0, 1), gauss = make_gaussians(300, 0, 1);
  for (const Dataset* d : {&plane, &waves, &gauss}) {
    EXPECT_EQ(d->x.shape(), (Shape{300, 2}));
    EXPECT_EQ(d->y.shape(), (Shape{300, 1}));
    EXPECT_EQ(d->classes, 0);
  }
  for (int64_t i = 0; i < 300; ++i) {
    double a = plane.x.data()[2 * i], b = plane.x.data()[2 * i + 1];
    EXPECT_LE(std::abs(a), 1.0);
    EXPECT_LE(std::abs(b), 1.0);
    EXPECT_NEAR(plane.y.data()[i], (a + b) / 2, 1e-6);
    a = waves.x.data()[2 * i], b = waves.x.data()[2 * i + 1];
    EXPECT_NEAR(waves.y.data()[i], std::sin(3.75 * a) * std::cos(3.75 * b), 1e-6);
    EXPECT_LE(std::abs(gauss.y.data()[i]), 1.0f);
  }
}

TEST(DataToy, GaussiansHaveBumpsOfAlternatingSign) {
  Dataset d = make_gaussians(6000, 0, 2);
  const double bumps[4][3] = {{-7 / 12.0, 5 / 12.0, 1}, {0, 5 / 12.0, -1}, {0, -5 / 12.0, 1}, {7 / 12.0, -5 / 12.0, -1}};
  for (const auto& [cx, cy, sign] : bumps) {
    int near = 0;
    for (int64_t i = 0; i < d.size(); ++i) {
      double dx = d.x.data()[2 * i] - cx, dy = d.x.data()[2 * i + 1] - cy;
      if (dx * dx + dy * dy > 0.05 * 0.05) continue;
      ++near;
      EXPECT_GT(sign * d.y.data()[i], 0.9);
    }
    EXPECT_GT(near, 3) << cx << "," << cy;
  }
}

TEST(DataToy, UniformPointsCarryTheirOwnNoiseOfTheGivenStd) {
  Dataset d = make_uniform(20000, 0.5f, 3);
  EXPECT_EQ(d.y.shape(), (Shape{20000}));
  EXPECT_EQ(d.classes, 2);
  double sum = 0, square = 0;
  for (float v : d.y.to_vector()) sum += v, square += v * v;
  EXPECT_NEAR(sum / 20000, 0, 0.02);
  EXPECT_NEAR(std::sqrt(square / 20000), 0.5, 0.02);
  EXPECT_EQ(make_uniform(10, 0, 3).y.to_vector(), std::vector<float>(10, 0.0f));
}

TEST(DataToy, TheTableByNameGivesTheSetsWithTheirOwnDefaults) {
  ToyOptions o;
  o.n = 64;
  o.seed = 5;
  EXPECT_EQ(make_toy("moons", o).x.to_vector(), make_moons(64, 0.1f, 5).x.to_vector());
  EXPECT_EQ(make_toy("circles", o).x.to_vector(), make_circles(64, 0.05f, 5).x.to_vector());
  EXPECT_EQ(make_toy("blobs", o).x.to_vector(), make_blobs(64, 3, 0.5f, 5).x.to_vector());
  o.noise = 0.3f;
  o.classes = 4;
  EXPECT_EQ(make_toy("spiral", o).y.to_vector(), make_spiral(64, 4, 0.3f, 5).y.to_vector());
  EXPECT_EQ(make_toy("waves", o).y.to_vector(), make_waves(64, 0.3f, 5).y.to_vector());
  EXPECT_EQ(toy_names().size(), 10u);
  for (const auto& name : toy_names()) EXPECT_NO_THROW(make_toy(name, o)) << name;
  try {
    make_toy("moon", o);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown dataset 'moon' (moons, circles"), std::string::npos) << e.what();
  }
}

TEST(DataToy, TrainTestSplitPartitionsTheRowsBySeed) {
  Dataset d = make_spiral(101, 3, 0.1f, 1);
  auto [train, test] = train_test_split(d, 0.7, 9);
  EXPECT_EQ(train.size(), 71);  // round(70.7)
  EXPECT_EQ(test.size(), 30);
  EXPECT_EQ(train.classes, 3);
  auto all = points(train), held = points(test), original = points(d);
  all.insert(all.end(), held.begin(), held.end());
  std::sort(all.begin(), all.end());
  std::sort(original.begin(), original.end());
  EXPECT_EQ(all, original);
  // Each row keeps its label.
  for (int64_t i = 0; i < train.size(); ++i) {
    auto p = std::make_pair(train.x.data()[2 * i], train.x.data()[2 * i + 1]);
    for (int64_t j = 0; j < d.size(); ++j) {
      if (std::make_pair(d.x.data()[2 * j], d.x.data()[2 * j + 1]) == p) EXPECT_EQ(train.y.data()[i], d.y.data()[j]);
    }
  }
  EXPECT_EQ(train_test_split(d, 0.7, 9).first.x.to_vector(), train.x.to_vector());
  EXPECT_NE(train_test_split(d, 0.7, 10).first.x.to_vector(), train.x.to_vector());
  EXPECT_EQ(train_test_split(d, 0, 9).first.size(), 0);
  EXPECT_EQ(train_test_split(d, 1, 9).second.size(), 0);
  EXPECT_THROW(train_test_split(d, 1.5, 9), ValueError);
  auto [none, nothing] = train_test_split(train_test_split(d, 0, 9).first, 0.5, 1);
  EXPECT_EQ(none.x.shape(), (Shape{0, 2}));
  EXPECT_EQ(nothing.size(), 0);
  EXPECT_THROW(make_plane(0, 0.1f, 0), ValueError);
  EXPECT_THROW(make_uniform(5, -1, 0), ValueError);
}

}  // namespace
}  // namespace nabla
