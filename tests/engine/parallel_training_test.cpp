// Training and the ops it runs give the same bits on 1, 2 and 3 threads (3 on a 2-core machine: more threads
// than cores must not matter): every parameter after a few steps of an MLP under each optimizer and of a
// small convnet, and the values and gradients of elementwise ops, pooling and reductions large enough to be
// split. The tiny 2-16-16-2 step hands nothing to the pool.
#include <gtest/gtest.h>

#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "nabla/data/dataset.h"
#include "nabla/nabla.h"

namespace nabla {
namespace {

struct ThreadCount {
  int saved = get_num_threads();
  ~ThreadCount() { set_num_threads(saved); }
};

// The bytes of every tensor, concatenated: what "bit for bit" compares.
std::vector<float> flat(const std::vector<Tensor>& ts) {
  std::vector<float> out;
  for (const Tensor& t : ts) {
    std::vector<float> v = t.to_vector();
    out.insert(out.end(), v.begin(), v.end());
  }
  return out;
}

// Runs `run` on 1, 2 and 3 threads; expects identical bytes, and that 2 and 3 threads split some work.
void expect_same_bits_on_1_2_3_threads(const std::string& what, const std::function<std::vector<float>()>& run) {
  ThreadCount keep;
  set_num_threads(1);
  const std::vector<float> one = run();
  for (int threads : {2, 3}) {
    set_num_threads(threads);
    const int64_t before = detail::chunks_dispatched();
    const std::vector<float> many = run();
    EXPECT_GT(detail::chunks_dispatched(), before) << what << ": nothing was split on " << threads << " threads";
    ASSERT_EQ(one.size(), many.size()) << what;
    EXPECT_EQ(std::memcmp(one.data(), many.data(), one.size() * sizeof(float)), 0)
        << what << ": " << threads << " threads changed the result";
  }
}

// Seeded inputs in [0, 1) (pixels) and class labels 0..9.
Tensor pixels(int64_t n, int64_t features) {
  manual_seed(7);
  return rand(Shape{n, features});
}
Tensor labels(int64_t n) {
  std::vector<float> y(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) y[size_t(i)] = float((i * 7 + 3) % 10);
  return tensor(y, Shape{n});
}

std::vector<float> train(const std::string& spec, optim::OptimizerConfig opt, int64_t batch, int steps) {
  Tensor x = pixels(4 * batch, 784), y = labels(4 * batch);
  manual_seed(1);
  auto model = nn::make_model(spec, 784, 10);
  nn::TrainerOptions o;
  o.optimizer = opt;
  o.batch_size = batch;
  o.seed = 5;
  nn::Trainer trainer(model, o);
  trainer.set_data(x, y);
  trainer.step(steps);
  return flat(model->parameters());
}

TEST(ParallelTraining, MlpStepsGiveTheSameWeightsOnOneTwoAndThreeThreads) {
  // Batch 128: the hidden layer's activations (128 x 256) are past the elementwise split threshold too.
  std::vector<optim::OptimizerConfig> configs(4);
  configs[0] = {.name = "sgd", .lr = 0.05f, .momentum = 0.9f, .nesterov = true, .weight_decay = 1e-3f};
  configs[1] = {.name = "adam", .lr = 1e-3f, .weight_decay = 1e-3f};
  configs[2] = {.name = "adamw", .lr = 1e-3f, .weight_decay = 1e-2f};
  configs[3] = {.name = "rmsprop", .lr = 1e-3f, .momentum = 0.5f, .weight_decay = 1e-3f};
  for (const optim::OptimizerConfig& c : configs)
    expect_same_bits_on_1_2_3_threads("mlp with " + c.name, [&] { return train("mlp:256,128:relu", c, 128, 3); });
}

TEST(ParallelTraining, ConvnetStepsGiveTheSameWeightsOnOneTwoAndThreeThreads) {
  // conv8@5x5-relu-pool2-conv16@5x5-relu-pool2-linear: im2col, col2im, the bias gradient, max pooling.
  const optim::OptimizerConfig sgd{.name = "sgd", .lr = 0.05f, .momentum = 0.9f};
  expect_same_bits_on_1_2_3_threads("convnet", [&] { return train("convnet", sgd, 32, 2); });
}

TEST(ParallelTraining, ElementwiseOpsPoolingAndReductionsGiveTheSameBits) {
  // (8, 8, 32, 32): 65,536 elements, 64 planes of 1,024, past every split threshold.
  expect_same_bits_on_1_2_3_threads("ops", [] {
    manual_seed(3);
    Tensor x = randn(Shape{8, 8, 32, 32}).requires_grad_();
    Tensor bias = randn(Shape{32}).requires_grad_();
    Tensor h = tanh(x) * sigmoid(x) + exp(x * 0.1f) + bias;                   // same-shape, scalar, bias row
    Tensor avg = avg_pool2d(h, {.kernel = 3, .stride = 2, .padding = 1});      // overlapping windows
    Tensor top = max_pool2d(relu(h), {.kernel = 3, .stride = 1});              // overlapping scatter-add
    Tensor loss = sum(avg * avg) + sum(mean(top, {0, 1}) * 0.5f) + sum(sum_to(h, Shape{32}));
    loss.backward();
    return flat({h, avg, top, loss, x.grad(), bias.grad()});
  });
}

TEST(ParallelTraining, ConvolutionsWithPaddingStridesAndOddBatchesGiveTheSameBits) {
  // 13 images: chunks of whole images in the forward and the input gradient, and a last weight-gradient
  // block of one image; padding 2 and stride 2 take the copies' edge paths; 2x2 pooling of a 7-wide map
  // leaves a column out; the create_graph backward runs conv2d_input_grad and conv2d_weight_grad as ops.
  expect_same_bits_on_1_2_3_threads("conv2d", [] {
    manual_seed(4);
    Tensor x = randn(Shape{13, 8, 13, 13}).requires_grad_();
    Tensor w = randn(Shape{16, 8, 5, 5}).requires_grad_(), b = randn(Shape{16}).requires_grad_();
    Tensor w2 = randn(Shape{4, 16, 3, 3}).requires_grad_();
    Tensor h = conv2d(x, w, b, {.stride = 1, .padding = 2});                            // 13x13
    Tensor y = max_pool2d(conv2d(tanh(h), w2, Tensor(), {.stride = 2, .padding = 1}));  // 7x7 -> 3x3
    Tensor loss = sum(y * y);
    std::vector<Tensor> g = gradients(loss, {x, w, b, w2}, Tensor(), {.retain_graph = true, .create_graph = true});
    Tensor again = gradients(sum(g[0] * g[0]), {w})[0];
    return flat({h, y, g[0], g[1], g[2], g[3], again});
  });
}

TEST(ParallelTraining, TheTinyStepStaysOnTheCallingThread) {
  ThreadCount keep;
  set_num_threads(2);
  manual_seed(2);
  Dataset moons = make_moons(256, 0.1f, 5);
  nn::TrainerOptions o;
  o.optimizer = {.name = "sgd", .lr = 0.1f};
  o.batch_size = 32;
  nn::Trainer trainer(nn::make_model("mlp:16,16:tanh", 2, 2), o);
  trainer.set_data(moons.x, moons.y);
  const int64_t before = detail::chunks_dispatched();
  trainer.step(50);
  EXPECT_EQ(detail::chunks_dispatched(), before) << "a 2-16-16-2 step woke the pool";
}

}  // namespace
}  // namespace nabla
