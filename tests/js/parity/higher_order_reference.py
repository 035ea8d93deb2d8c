"""PyTorch side of the higher-order parity check (tests/js/parity/higher_order.test.js runs it with /usr/bin/python3).

Prints JSON: for each function, derivatives 1..6 at 21 points spread over [-7, 3] (float32-rounded, so the engine
sees the same inputs), computed in float64 by nested torch.autograd.grad of the sum (the reference), and the same in
float32 (PyTorch's own float32 error, the noise floor of the format at that order). The functions must match
FUNCTIONS in higher_order.test.js.
"""
import json

import torch

torch.set_default_dtype(torch.float64)
ORDERS = 6

FUNCTIONS = {
    # HIPS autograd's examples/tanh.py
    "hips_tanh": lambda x: (1.0 - torch.exp(-2 * x)) / (1.0 + torch.exp(-2 * x)),
    "sin_cos2": lambda x: torch.sin(x) * torch.cos(x) ** 2,
    "tanh_op": lambda x: torch.tanh(x),
}


def derivatives(f, points, dtype=torch.float64):
    x = points.to(dtype).requires_grad_(True)
    y, out = f(x), []
    for _ in range(ORDERS):
        (y,) = torch.autograd.grad(y.sum(), x, create_graph=True)
        out.append(y.detach().double().tolist())
    return out


points = torch.linspace(-7, 3, 21).float().double()
print(json.dumps({
    "torch": torch.__version__,
    "points": points.tolist(),
    "derivatives": {name: derivatives(f, points) for name, f in FUNCTIONS.items()},
    "float32": {name: derivatives(f, points, torch.float32) for name, f in FUNCTIONS.items()},
}))
