"""PyTorch side of the gradient-parity check (tests/js/parity/parity.test.js runs it with Debian's python3-torch).

Prints JSON: for each case, its inputs (seeded, away from kinks), the value of the expression and the gradient of
sum(value * weights) for each input; for the second-derivative cases, d/dx sum(df/dx). Computed in float64, so the
reference is more accurate than the float32 engine it checks. The expressions must match CASES in parity.test.js.
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.manual_seed(0)
torch.set_default_dtype(torch.float64)


def f32(t):
    """Rounded to float32 values, so that the engine sees exactly the same inputs."""
    return t.float().double()


def away_from_kinks(shape, positive=False):
    mag = 0.2 + torch.rand(shape)
    if not positive:
        mag = torch.where(torch.rand(shape) < 0.5, mag, -mag)
    return f32(mag)


def hinge(s, y):
    # Weston-Watkins multi-class hinge as the engine defines it: mean over N of sum_{j != y} max(0, 1 + s_j - s_y).
    sy = s.gather(1, y.long().view(-1, 1))
    m = (1 + s - sy).clamp(min=0)
    m = m * (1 - F.one_hot(y.long(), s.shape[1]))
    return m.sum(1).mean()


def pos(*shapes):
    return {"shapes": list(shapes), "positive": True}


# name -> (function of input tensors, input shapes or spec)
CASES = {
    "add_broadcast": (lambda a, b: a + b, [[2, 3], [3]]),
    "sub_broadcast": (lambda a, b: a - b, [[2, 1], [1, 3]]),
    "mul_broadcast": (lambda a, b: a * b, [[2, 3, 2], [3, 1]]),
    "div_broadcast": (lambda a, b: a / b, pos([2, 3], [1, 3])),
    "pow_tensor": (lambda a, b: a ** b, pos([4], [4])),
    "pow_scalar": (lambda a: a ** 3, [[5]]),
    "scalar_ops": (lambda a: 1 - (a * 2 + 3) / 4, [[5]]),
    "neg": (lambda a: -a, [[3]]),
    "exp": (lambda a: a.exp(), [[2, 2]]),
    "log": (lambda a: a.log(), pos([2, 2])),
    "sqrt": (lambda a: a.sqrt(), pos([4])),
    "abs": (lambda a: a.abs(), [[5]]),
    "tanh": (lambda a: a.tanh(), [[5]]),
    "sigmoid": (lambda a: a.sigmoid(), [[5]]),
    "relu": (lambda a: a.relu(), [[6]]),
    "leaky_relu": (lambda a: F.leaky_relu(a, 0.1), [[6]]),
    "gelu": (lambda a: F.gelu(a), [[6]]),
    "softplus": (lambda a: F.softplus(a), [[6]]),
    "clamp": (lambda a: a.clamp(-0.7, 0.7), [[8]]),
    "sum_all": (lambda a: a.sum(), [[2, 3]]),
    "sum_axis": (lambda a: a.sum(1, keepdim=True), [[2, 3]]),
    "mean_axes": (lambda a: a.mean((0, 2)), [[2, 3, 2]]),
    "max_all": (lambda a: a.max(), [[2, 3]]),
    "max_axis": (lambda a: a.max(1).values, [[3, 4]]),
    "matmul": (lambda a, b: a @ b, [[3, 4], [4, 2]]),
    "matmul_batched_broadcast": (lambda a, b: a @ b, [[2, 2, 3], [3, 2]]),
    "matmul_vector": (lambda a, b: a @ b, [[3, 4], [4]]),
    "linear": (lambda x, w, b: F.linear(x, w, b), [[3, 4], [2, 4], [2]]),
    "expand": (lambda a: a.expand(3, 2, 4).exp(), [[2, 1]]),
    "sum_to": (lambda a: a.sum_to_size(1, 3).exp(), [[2, 3]]),
    "batch_norm_train": (lambda x, g, b: F.batch_norm(x, None, None, g, b, training=True), [[5, 3], [3], [3]]),
    "reshape_transpose": (lambda a: a.reshape(3, 2).t().exp(), [[2, 3]]),
    "permute": (lambda a: a.permute(2, 0, 1).exp(), [[2, 3, 2]]),
    "slice": (lambda a: a[:, 0:3:2].exp(), [[2, 4]]),
    "index_select": (lambda a: a.index_select(0, torch.tensor([2, 0, 2])).exp(), [[3, 2]]),
    "concat": (lambda a, b: torch.cat([a, b], 1).exp(), [[2, 1], [2, 3]]),
    "softmax": (lambda a: a.softmax(-1), [[3, 4]]),
    "log_softmax": (lambda a: a.log_softmax(0), [[3, 4]]),
    "logsumexp": (lambda a: a.logsumexp(1), [[3, 4]]),
    "mse": (lambda a, b: F.mse_loss(a, b), [[3, 2], [3, 2]]),
    "l1": (lambda a, b: F.l1_loss(a, b), [[3, 2], [3, 2]]),
    "cross_entropy": (lambda x: F.cross_entropy(x, torch.tensor([0, 2, 1])), [[3, 3]]),
    "bce_with_logits": (lambda x, t: F.binary_cross_entropy_with_logits(x, t.sigmoid()), [[4], [4]]),
    "multi_margin": (lambda x: hinge(x * 3, torch.tensor([1.0, 0.0, 2.0])), [[3, 3]]),
    "l1_penalty": (lambda w: w.abs().sum(), [[2, 3]]),
    "l2_penalty": (lambda w: (w * w).sum(), [[2, 3]]),
    "conv2d": (lambda x, w, b: F.conv2d(x, w, b, padding=1), [[2, 2, 4, 4], [3, 2, 3, 3], [3]]),
    "conv2d_strided": (lambda x, w: F.conv2d(x, w, stride=2), [[1, 1, 5, 5], [2, 1, 3, 3]]),
    "max_pool2d": (lambda x: F.max_pool2d(x, 2), [[1, 2, 4, 4]]),
    "avg_pool2d": (lambda x: F.avg_pool2d(x, 2, stride=1), [[1, 2, 3, 3]]),
    "mlp_composite": (lambda x, w1, w2: (x @ w1).tanh() @ w2, [[4, 3], [3, 5], [5, 2]]),
}

# Second derivatives: d/dx sum(df/dx) for scalar f of one input.
SECOND = {
    "cube": (lambda x: (x ** 3).sum(), [4]),
    "tanh": (lambda x: x.tanh().sum(), [4]),
    "sigmoid": (lambda x: x.sigmoid().sum(), [4]),
    "exp_log": (lambda x: (x.exp() + (x * x + 1).log()).sum(), [4]),
    "softmax_weighted": (lambda x: (x.softmax(-1) * torch.arange(1.0, 5.0)).sum(), [4]),
    "logsumexp": (lambda x: x.logsumexp(0), [4]),
    "gelu_softplus": (lambda x: (F.gelu(x) + F.softplus(x)).sum(), [4]),
    "div_sqrt": (lambda x: (1 / (x * x + 1).sqrt()).sum(), [4]),
    "matmul_quadratic": (lambda x: (x.view(2, 2) @ x.view(2, 2)).sum(), [4]),
    "broadcast_mul": (lambda x: (x.view(4, 1) * x.view(1, 4)).tanh().sum(), [4]),
    "cross_entropy": (lambda x: F.cross_entropy(x.view(2, 2), torch.tensor([1, 0])), [4]),
    "mse": (lambda x: F.mse_loss(x.tanh(), torch.tensor([0.5, -0.5, 0.25, 0.0])), [4]),
}


def run_case(fn, spec):
    shapes = spec["shapes"] if isinstance(spec, dict) else spec
    positive = isinstance(spec, dict) and spec["positive"]
    inputs = [away_from_kinks(s, positive).requires_grad_(True) for s in shapes]
    out = fn(*inputs)
    weights = f32(0.5 + torch.rand(out.shape))
    (out * weights).sum().backward()
    return {
        "inputs": [{"shape": list(t.shape), "data": t.detach().flatten().tolist()} for t in inputs],
        "weights": {"shape": list(out.shape), "data": weights.flatten().tolist()},
        "value": {"shape": list(out.shape), "data": out.detach().flatten().tolist()},
        "grads": [t.grad.flatten().tolist() for t in inputs],
    }


def run_second(fn, shape):
    x = away_from_kinks(shape).requires_grad_(True)
    (g,) = torch.autograd.grad(fn(x), x, create_graph=True)
    (h,) = torch.autograd.grad(g.sum(), x)
    return {"x": x.detach().tolist(), "grad": g.detach().tolist(), "second": h.tolist()}


json.dump({
    "torch": torch.__version__,
    "cases": {name: run_case(fn, spec) for name, (fn, spec) in CASES.items()},
    "second": {name: run_second(fn, shape) for name, (fn, shape) in SECOND.items()},
}, sys.stdout)
