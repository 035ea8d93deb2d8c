// nabla data: prints a toy set as CSV (x0,x1,...,label), the same points nb.data draws for the same name,
// options and seed; with --split F, a first column says which rows train and which test.
#include <cstdio>
#include <string>

#include "args.h"
#include "commands.h"
#include "nabla/nabla.h"

namespace nabla::cli {

namespace {

void print_rows(const Dataset& d, const char* set) {
  const int64_t n = d.size(), features = d.features(), width = d.y.numel() / std::max<int64_t>(n, 1);
  for (int64_t i = 0; i < n; ++i) {
    std::string line = set ? std::string(set) + "," : "";
    char buf[32];
    for (int64_t j = 0; j < features; ++j) {
      std::snprintf(buf, sizeof buf, "%.9g,", d.x.data()[i * features + j]);  // 9 digits: a float exactly
      line += buf;
    }
    for (int64_t j = 0; j < width; ++j) {
      std::snprintf(buf, sizeof buf, j + 1 < width ? "%.9g," : "%.9g", d.y.data()[i * width + j]);
      line += buf;
    }
    std::puts(line.c_str());
  }
}

}  // namespace

int run_data(int argc, char** argv) {
  Args args(argc, argv, 2, {"data", "n", "noise", "seed", "classes", "split"});
  std::string name = args.str("data", "moons");
  ToyOptions toy;
  toy.n = args.integer("n", 200, 1, 10'000'000);
  toy.seed = static_cast<uint64_t>(args.integer("seed", 0, 0, INT64_MAX));
  toy.classes = args.integer("classes", 3, 1, 1000);
  if (args.has("noise")) toy.noise = static_cast<float>(args.number("noise", 0));
  Dataset d;
  try {
    d = make_toy(name, toy);
  } catch (const ValueError& e) {
    throw UsageError(e.what());
  }
  std::string header;
  for (int64_t j = 0; j < d.features(); ++j) header += "x" + std::to_string(j) + ",";
  header += d.classes > 0 ? "label" : "target";
  if (!args.has("split")) {
    std::puts(header.c_str());
    print_rows(d, nullptr);
    return 0;
  }
  double fraction = args.number("split", 0.7);
  if (!(fraction >= 0 && fraction <= 1)) throw UsageError("--split must be in [0, 1]");
  auto [train, test] = train_test_split(d, fraction, toy.seed);
  std::puts(("set," + header).c_str());
  print_rows(train, "train");
  print_rows(test, "test");
  return 0;
}

}  // namespace nabla::cli
