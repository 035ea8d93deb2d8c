// The training-shaped cases, through the engine's public API (nn presets, modules, optim::SGD), each
// mirroring benchmarks/peers/pytorch_bench.py: same shapes, step counts, learning rates, data walk
// (batches in order, wrapping) and loss tail, so that the MNIST final losses can be compared.
// Shapes: B = batch; MLP weights are (out, in), the layout of the --init file.
#include <cmath>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <random>

#include "bench_util.h"
#include "nabla/nabla.h"

namespace nabla::bench {
namespace {

constexpr int64_t kMnistSamples = 8192;
constexpr int kLossTail = 50;  // final loss = mean of the last 50 steps' losses

struct Batch {
  Tensor x, y;
};

/// Rows [0, count) of (x, y) cut into consecutive batches of `batch` rows (count a multiple of batch).
std::vector<Batch> make_batches(const Tensor& x, const Tensor& y, int64_t count, int64_t batch) {
  std::vector<Batch> out;
  const int64_t row = x.numel() / x.size(0);
  for (int64_t i = 0; i < count; i += batch)
    out.push_back({Tensor::from_data(x.data() + i * row, Shape{batch, row}),
                   Tensor::from_data(y.data() + i, Shape{batch})});
  return out;
}

/// One SGD step: forward, mean cross-entropy, backward, update. Returns the loss tensor.
Tensor train_step(nn::Module& model, optim::SGD& opt, const Batch& b) {
  opt.zero_grad();
  Tensor loss = cross_entropy(model(b.x), b.y);
  loss.backward();
  opt.step();
  return loss;
}

/// Overwrites the MLP's parameters (W1, b1, W2, b2, W3, b3) with the raw float32 file of make_init.py.
void load_init(nn::Module& model, const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw ValueError("bench: cannot open --init file '" + path + "'");
  std::vector<char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  size_t need = 0;
  for (const Tensor& p : model.parameters()) need += size_t(p.numel());
  if (bytes.size() != need * 4)
    throw ValueError("bench: --init " + path + " holds " + std::to_string(bytes.size() / 4) + " floats, the MLP has " +
                     std::to_string(need));
  size_t off = 0;
  for (Tensor p : model.parameters()) {
    std::memcpy(p.data(), bytes.data() + off, size_t(p.numel()) * 4);
    off += size_t(p.numel()) * 4;
  }
}

Dataset mnist(const Config& cfg, int64_t limit) {
  return load_mnist(cfg.mnist_dir + "/train-images-idx3-ubyte", cfg.mnist_dir + "/train-labels-idx1-ubyte", limit);
}

/// Times `steps` SGD steps over `batches` (in order, wrapping), one step's cost in `scale` units (1e6: µs, 1e3: ms).
std::vector<double> time_steps(const Config& cfg, nn::Module& model, const std::vector<Batch>& batches, float lr,
                               int steps, double scale) {
  optim::SGD opt(model.parameters(), {.lr = lr});
  auto rep = [&] {
    const double t0 = now_seconds();
    for (int i = 0; i < steps; ++i) train_step(model, opt, batches[size_t(i) % batches.size()]);
    return (now_seconds() - t0) / steps * scale;
  };
  return repeat(rep, cfg.reps, cfg.warmup);
}

Row make_row(const char* name, std::string params, const char* unit, std::vector<double> samples) {
  Row r;
  r.name = name;
  r.backend = "cpu";
  r.params = std::move(params);
  r.unit = unit;
  r.samples = std::move(samples);
  return r;
}

}  // namespace

std::vector<Row> bench_mnist_mlp(const Config& cfg) {
  const int64_t batch = 64;
  const float lr = 0.05f;
  const int steps = cfg.steps;
  Dataset data = mnist(cfg, kMnistSamples);
  std::vector<Batch> batches = make_batches(data.x, data.y, kMnistSamples, batch);
  manual_seed(0);
  auto model = nn::make_mlp(784, {256, 128}, 10, "relu");
  if (!cfg.init.empty()) load_init(*model, cfg.init);
  std::vector<std::vector<float>> start;
  for (const Tensor& p : model->parameters()) start.push_back(p.to_vector());
  double final_loss = NAN;
  auto rep = [&] {
    // Every repetition trains from the same weights over the same samples: identical work.
    std::vector<Tensor> params = model->parameters();
    for (size_t i = 0; i < params.size(); ++i) std::memcpy(params[i].data(), start[i].data(), start[i].size() * 4);
    optim::SGD opt(params, {.lr = lr});
    double tail = 0;
    const double t0 = now_seconds();
    for (int i = 0; i < steps; ++i) {
      Tensor loss = train_step(*model, opt, batches[size_t(i) % batches.size()]);
      if (i >= steps - kLossTail) tail += loss.item();
    }
    const double dt = now_seconds() - t0;
    final_loss = tail / std::min(steps, kLossTail);
    return double(batch) * steps / dt;
  };
  std::vector<double> samples = repeat(rep, cfg.reps, cfg.warmup);
  char params[400];
  std::snprintf(params, sizeof params,
                "\"sizes\": [784, 256, 128, 10], \"batch\": %lld, \"lr\": %g, \"steps\": %d, \"train_samples\": %lld, "
                "\"init\": \"%s\", \"loss_tail\": %d",
                (long long)batch, lr, steps, (long long)kMnistSamples,
                cfg.init.empty() ? "nabla default init (seed 0)" : cfg.init.c_str(), kLossTail);
  Row r = make_row("mnist_mlp", params, "samples/s", samples);
  char extra[64];
  std::snprintf(extra, sizeof extra, "\"final_loss\": %.6f", final_loss);
  r.extra = extra;
  return {r};
}

std::vector<Row> bench_tiny_step(const Config& cfg) {
  const int64_t batch = 32;
  const float lr = 0.1f;
  const int steps = cfg.smoke ? 100 : 2000;
  // Two gaussian blobs, centres (-1,-1) and (1,1), sigma 0.5, labels alternating: as the peers.
  std::mt19937 rng(0);
  std::normal_distribution<float> g;
  const int64_t n = batch * 8;
  std::vector<float> xs(size_t(n) * 2), ys(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    ys[size_t(i)] = float(i % 2);
    for (int d = 0; d < 2; ++d) xs[size_t(2 * i + d)] = 0.5f * g(rng) + (2 * ys[size_t(i)] - 1);
  }
  std::vector<Batch> batches = make_batches(Tensor::from_vector(xs, Shape{n, 2}), Tensor::from_vector(ys, Shape{n}),
                                            n, batch);
  manual_seed(0);
  auto model = nn::make_mlp(2, {16, 16}, 2, "tanh");
  char params[200];
  std::snprintf(params, sizeof params,
                "\"sizes\": [2, 16, 16, 2], \"act\": \"tanh\", \"batch\": %lld, \"lr\": %g, \"steps\": %d",
                (long long)batch, lr, steps);
  return {make_row("tiny_step", params, "us/step", time_steps(cfg, *model, batches, lr, steps, 1e6))};
}

std::vector<Row> bench_convnet_step(const Config& cfg) {
  const int64_t batch = 32, count = 1024;
  const float lr = 0.05f;
  const int steps = cfg.smoke ? 2 : 20;
  Dataset data = mnist(cfg, count);
  std::vector<Batch> batches = make_batches(data.x, data.y, count, batch);
  manual_seed(0);
  // The net PyTorch and TF.js time (pytorch_bench.py), not the page's larger convnet preset; flat (B, 784) rows,
  // read as (B, 1, 28, 28).
  auto model = nn::make_model("conv(8,5)-relu-maxpool(2)-conv(16,5)-relu-maxpool(2)-flatten-linear(10)", 784, 10);
  char params[240];
  std::snprintf(params, sizeof params,
                "\"layers\": \"conv8@5x5-relu-pool2-conv16@5x5-relu-pool2-linear256x10\", \"batch\": %lld, "
                "\"lr\": %g, \"steps\": %d, \"layout\": \"NCHW\"",
                (long long)batch, lr, steps);
  return {make_row("convnet_step", params, "ms/step", time_steps(cfg, *model, batches, lr, steps, 1e3))};
}

std::vector<Row> bench_predict_grid(const Config& cfg) {
  const int64_t side = 200;
  const int calls = cfg.smoke ? 2 : 20;
  std::vector<float> pts(size_t(side * side * 2));
  for (int64_t r = 0; r < side; ++r)
    for (int64_t c = 0; c < side; ++c) {
      pts[size_t(2 * (r * side + c))] = -3.0f + 6.0f * float(c) / float(side - 1);
      pts[size_t(2 * (r * side + c) + 1)] = -3.0f + 6.0f * float(r) / float(side - 1);
    }
  Tensor grid = Tensor::from_vector(pts, Shape{side * side, 2});
  manual_seed(0);
  auto model = nn::make_mlp(2, {16, 16}, 2, "tanh");
  model->eval();
  volatile float sink = 0;
  auto rep = [&] {
    NoGradGuard no_grad;
    const double t0 = now_seconds();
    for (int i = 0; i < calls; ++i) sink = sink + softmax((*model)(grid)).data()[0];
    return (now_seconds() - t0) / calls * 1e3;
  };
  char params[200];
  std::snprintf(params, sizeof params,
                "\"sizes\": [2, 16, 16, 2], \"act\": \"tanh\", \"points\": %lld, \"calls\": %d, "
                "\"output\": \"softmax probabilities\"",
                (long long)(side * side), calls);
  return {make_row("predict_grid", params, "ms/call", repeat(rep, cfg.reps, cfg.warmup))};
}

}  // namespace nabla::bench
