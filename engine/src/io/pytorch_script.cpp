// pytorch_script: a nabla run as one Python file for PyTorch. The fixed part of the script is the template
// below; the run's facts (modules, weights and data as base64 float32, hyper-parameters) fill its @slots@.
// Batch order: the script re-implements the Trainer's shuffle (xoshiro128+ seeded by splitmix64, Fisher-Yates
// with below(i) = (u32 * i) >> 32), so epochs see the same batches in both engines.
#include "nabla/io/pytorch_script.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "nabla/error.h"
#include "nabla/nn/activation.h"
#include "nabla/nn/container.h"
#include "nabla/nn/dropout.h"
#include "nabla/nn/linear.h"

namespace nabla {

namespace {

constexpr const char* kTemplate = R"PY(#!/usr/bin/env python3
# @ORIGIN@, exported to PyTorch by nabla.
#
# This one file holds the whole run: the model as torch.nn.Sequential, nabla's initial weights, the data,
# nabla's batch order (its shuffle, re-implemented bit for bit below), the loss, the optimizer and its
# hyper-parameters. `python3 THIS_FILE` trains and prints the same epoch lines as `nabla train`; the losses
# agree with nabla's up to float32 rounding (dropout, if any, draws its masks from PyTorch's generator).
# `python3 THIS_FILE --save trained.safetensors` writes the trained weights in the format nabla loads
# (the playground's "Load model", Module.loadSafetensors in JS, torch via the safetensors package).
# To scale out from here: wrap the model in torch.nn.parallel.DistributedDataParallel and give each process
# its share of the batches (torch.utils.data.DistributedSampler), or move model and data to a GPU with .cuda().
import argparse
import base64
import json
import struct
import time

import torch
import torch.nn.functional as F

EPOCHS = @EPOCHS@
BATCH_SIZE = @BATCH@
SHUFFLE_SEED = @SEED@  # seeds nabla's Trainer shuffle
LOSS = "@LOSS@"
L1, L2 = @L1@, @L2@  # penalties l1 sum|w| + l2 sum w^2 on weights (rank >= 2), added to their gradients


def floats(shape, text):
    """A float32 tensor from its little-endian bytes in base64."""
    data = bytearray(base64.b64decode(text))
    return torch.frombuffer(data, dtype=torch.float32).reshape(shape).clone() if data else torch.zeros(shape)


model = torch.nn.Sequential(
@MODULES@)
model.load_state_dict({
@WEIGHTS@})

train_x = floats(@TRAIN_X_SHAPE@, @TRAIN_X@)
train_y = floats(@TRAIN_Y_SHAPE@, @TRAIN_Y@)
test_x = floats(@TEST_X_SHAPE@, @TEST_X@)
test_y = floats(@TEST_Y_SHAPE@, @TEST_Y@)

optimizer = @OPTIMIZER@

M32, M64 = 0xFFFFFFFF, 0xFFFFFFFFFFFFFFFF


class NablaShuffle:
    """nabla's Generator (xoshiro128+ seeded by splitmix64) and the Trainer's Fisher-Yates shuffle."""

    def __init__(self, seed):
        x, self.s = seed & M64, []
        for _ in range(2):
            x = (x + 0x9E3779B97F4A7C15) & M64
            z = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & M64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
            z ^= z >> 31
            self.s += [z & M32, z >> 32]

    def next_u32(self):
        s = self.s
        result = (s[0] + s[3]) & M32
        t = (s[1] << 9) & M32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = ((s[3] << 11) | (s[3] >> 21)) & M32
        return result

    def order(self, n):
        order = list(range(n))
        for i in range(n, 1, -1):
            j = (self.next_u32() * i) >> 32
            order[i - 1], order[j] = order[j], order[i - 1]
        return order


def batch_loss(out, y):
    """A batch's mean loss and (correct, counted) for its accuracy, as nabla's Trainer computes them."""
    n = out.shape[0]
    if LOSS in ("cross_entropy", "hinge"):
        labels = y.long()
        if LOSS == "cross_entropy":
            loss = F.cross_entropy(out, labels)
        else:  # nabla's hinge sums the margins over the classes; PyTorch's multi_margin_loss averages them
            loss = F.multi_margin_loss(out, labels) * out.shape[1]
        return loss, (out.argmax(1) == labels).sum().item(), n
    k = out.shape[1] if out.dim() == 2 else 1
    labels = None
    if y.shape == out.shape:
        target = y
    elif y.dim() == 1 and k == 1:
        target = y.reshape(n, 1)
    else:  # class labels, one-hot encoded
        labels = y.long()
        target = F.one_hot(labels, k).float()
    loss = F.mse_loss(out, target) if LOSS == "mse" else F.binary_cross_entropy_with_logits(out, target)
    if labels is not None:
        return loss, (out.argmax(1) == labels).sum().item(), n
    if LOSS == "bce":
        return loss, ((out > 0) == (target > 0.5)).sum().item(), out.numel()
    if k > 1:
        return loss, (out.argmax(1) == target.argmax(1)).sum().item(), n
    return loss, 0, 0  # regression: accuracy has no meaning


def regularize():
    if L1 == 0 and L2 == 0:
        return
    with torch.no_grad():
        for p in model.parameters():
            if p.dim() >= 2 and p.grad is not None:
                p.grad += L1 * torch.sign(p) + 2 * L2 * p


def evaluate(x, y):
    if len(x) == 0:
        return float("nan"), float("nan")
    model.eval()
    with torch.no_grad():
        loss, correct, counted = batch_loss(model(x), y)
    model.train()
    return loss.item(), correct / counted if counted else float("nan")


def save_safetensors(path, tensors):
    """The safetensors format: 8-byte header length, JSON header, raw little-endian float32 data."""
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name, t in tensors.items():
        blob = t.detach().contiguous().float().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    parser = argparse.ArgumentParser(description="@ORIGIN@, trained with PyTorch")
    parser.add_argument("--save", metavar="FILE", help="write the trained weights as safetensors")
    args = parser.parse_args()
    n = len(train_x)
    steps = -(-n // BATCH_SIZE)
    shuffle = NablaShuffle(SHUFFLE_SEED)
    order, cursor = shuffle.order(n), 0
    print(f"pytorch {torch.__version__}: {n} train / {len(test_x)} test samples, {BATCH_SIZE} per batch, "
          f"{steps} steps per epoch")
    model.train()
    for epoch in range(1, EPOCHS + 1):
        start = time.perf_counter()
        loss_sum, correct, counted = 0.0, 0, 0
        for _ in range(steps):
            b = min(BATCH_SIZE, n - cursor)
            rows = torch.tensor(order[cursor:cursor + b])
            optimizer.zero_grad()
            loss, c, k = batch_loss(model(train_x[rows]), train_y[rows])
            loss.backward()
            regularize()
            optimizer.step()
            loss_sum, correct, counted = loss_sum + loss.item(), correct + c, counted + k
            cursor += b
            if cursor >= n:
                order, cursor = shuffle.order(n), 0
        test_loss, test_acc = evaluate(test_x, test_y)
        acc = correct / counted if counted else float("nan")
        print("epoch %d/%d  train loss %.4f accuracy %.2f%%  test loss %.4f accuracy %.2f%%  (%.2f s)"
              % (epoch, EPOCHS, loss_sum / steps, 100 * acc, test_loss, 100 * test_acc,
                 time.perf_counter() - start), flush=True)
    if args.save:
        save_safetensors(args.save, model.state_dict())
        print(f"saved {len(model.state_dict())} tensors to {args.save}")


if __name__ == "__main__":
    main()
)PY";

// The shortest decimal that reads back as the same float32 ("0.01", not "0.00999999977648258").
std::string py_float(float v) {
  char buf[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  std::string s = buf;
  if (s.find_first_of(".en") == std::string::npos) s += ".0";  // a Python float, not an int
  return s;
}

std::string base64(const float* data, int64_t count) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::vector<unsigned char> bytes(static_cast<size_t>(count) * sizeof(float));
  if (count) std::memcpy(bytes.data(), data, bytes.size());  // little-endian on every target nabla builds for
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t v = uint32_t(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= uint32_t(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) v |= bytes[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[v & 63] : '=';
  }
  return out;
}

// A Python string literal of base64 text, wrapped at 100 columns inside parentheses.
std::string py_base64(const Tensor& t, const std::string& indent) {
  std::string text = base64(t.data(), t.numel());
  if (text.size() <= 80) return "\"" + text + "\"";
  std::string out = "(\n";
  for (size_t i = 0; i < text.size(); i += 96) out += indent + "    \"" + text.substr(i, 96) + "\"\n";
  return out + indent + ")";
}

std::string py_shape(const Shape& s) {
  std::string out = "[";
  for (int i = 0; i < s.rank(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "]";
}

std::string torch_module(const nn::Module& m) {
  if (auto* l = dynamic_cast<const nn::Linear*>(&m)) {
    const Shape& w = l->weight.shape();
    return "torch.nn.Linear(" + std::to_string(w[1]) + ", " + std::to_string(w[0]) +
           (l->bias.defined() ? "" : ", bias=False") + ")";
  }
  if (dynamic_cast<const nn::ReLU*>(&m)) return "torch.nn.ReLU()";
  if (auto* a = dynamic_cast<const nn::LeakyReLU*>(&m))
    return "torch.nn.LeakyReLU(negative_slope=" + py_float(a->negative_slope()) + ")";
  if (dynamic_cast<const nn::Tanh*>(&m)) return "torch.nn.Tanh()";
  if (dynamic_cast<const nn::Sigmoid*>(&m)) return "torch.nn.Sigmoid()";
  if (dynamic_cast<const nn::GELU*>(&m)) return "torch.nn.GELU()";  // both exact (erf)
  if (auto* d = dynamic_cast<const nn::Dropout*>(&m)) return "torch.nn.Dropout(p=" + py_float(d->p()) + ")";
  throw ValueError("pytorch_script: cannot write " + m.describe() +
                   " as PyTorch yet (the export takes Linear, ReLU, LeakyReLU, Tanh, Sigmoid, GELU, Dropout)");
}

std::string torch_optimizer(const optim::OptimizerConfig& c) {
  const std::string head = "(model.parameters(), lr=" + py_float(c.lr);
  const std::string wd = ", weight_decay=" + py_float(c.weight_decay);
  const optim::OptimizerKind kind = optim::optimizer_names().parse(c.name);
  switch (kind) {
    case optim::OptimizerKind::sgd:
      return "torch.optim.SGD" + head + ", momentum=" + py_float(c.momentum) + ", dampening=0.0" + wd +
             ", nesterov=" + (c.nesterov ? "True" : "False") + ")";
    case optim::OptimizerKind::adam:
    case optim::OptimizerKind::adamw:
      return std::string(kind == optim::OptimizerKind::adam ? "torch.optim.Adam" : "torch.optim.AdamW") + head + ", betas=(" +
             py_float(c.beta1) + ", " + py_float(c.beta2) + "), eps=" + py_float(c.eps) + wd + ")";
    case optim::OptimizerKind::rmsprop:
      return "torch.optim.RMSprop" + head + ", alpha=" + py_float(c.alpha) + ", eps=" + py_float(c.eps) + wd +
             ", momentum=" + py_float(c.momentum) + ")";
  }
  return "";
}

void fill(std::string& text, const std::string& slot, const std::string& value) {
  const std::string key = "@" + slot + "@";
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
}

}  // namespace

std::string pytorch_script(const PytorchRun& run) {
  auto* seq = dynamic_cast<const nn::Sequential*>(run.model);
  if (!seq) throw ValueError("pytorch_script: the model must be a Sequential");
  if (run.epochs < 1) throw ValueError("pytorch_script: epochs must be >= 1, got " + std::to_string(run.epochs));
  if (run.options.schedule.kind != optim::Schedule::Kind::constant || run.options.schedule.warmup > 0)
    throw ValueError("pytorch_script: the script writes constant-rate runs only, and this one has the learning-rate "
                     "schedule " + optim::schedule_str(run.options.schedule) + " (set it to constant to export)");
  if (!run.train_x.defined() || !run.train_y.defined() || run.train_x.rank() != 2 || run.train_x.shape()[0] == 0 ||
      run.train_y.shape()[0] != run.train_x.shape()[0])
    throw ValueError("pytorch_script: training data must be rows x (N, F) and targets y with the same N > 0");

  std::string modules;
  for (const auto& [name, child] : seq->children()) modules += "    " + torch_module(*child) + ",\n";
  std::string weights;
  for (const auto& [name, p] : run.model->named_parameters())
    weights += "    \"" + name + "\": floats(" + py_shape(p.shape()) + ", " + py_base64(p, "    ") + "),\n";

  const Tensor empty_x = Tensor::empty({0, run.train_x.shape()[1]}), empty_y = Tensor::empty({0});
  const Tensor& test_x = run.test_x.defined() ? run.test_x : empty_x;
  const Tensor& test_y = run.test_y.defined() ? run.test_y : empty_y;

  // the origin goes into a comment and a Python string: one line, no quotes or backslashes
  std::string origin = run.origin.empty() ? "A nabla run" : run.origin;
  for (char& c : origin)
    if (c == '\n' || c == '\r') c = ' ';
    else if (c == '"' || c == '\\') c = '\'';

  std::string text = kTemplate;
  fill(text, "ORIGIN", origin);
  fill(text, "EPOCHS", std::to_string(run.epochs));
  fill(text, "BATCH", std::to_string(run.options.batch_size));
  fill(text, "SEED", std::to_string(run.options.seed));
  fill(text, "LOSS", nn::loss_kind_name(run.options.loss));
  fill(text, "L1", py_float(run.options.l1));
  fill(text, "L2", py_float(run.options.l2));
  fill(text, "MODULES", modules);
  fill(text, "WEIGHTS", weights);
  fill(text, "TRAIN_X_SHAPE", py_shape(run.train_x.shape()));
  fill(text, "TRAIN_Y_SHAPE", py_shape(run.train_y.shape()));
  fill(text, "TEST_X_SHAPE", py_shape(test_x.shape()));
  fill(text, "TEST_Y_SHAPE", py_shape(test_y.shape()));
  fill(text, "TRAIN_X", py_base64(run.train_x, ""));
  fill(text, "TRAIN_Y", py_base64(run.train_y, ""));
  fill(text, "TEST_X", py_base64(test_x, ""));
  fill(text, "TEST_Y", py_base64(test_y, ""));
  fill(text, "OPTIMIZER", torch_optimizer(run.options.optimizer));
  return text;
}

}  // namespace nabla
