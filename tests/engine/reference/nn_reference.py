# Reference values for tests/engine/nn_layers_test.cpp and tests/engine/optim_test.cpp, from PyTorch 1.13.
# Run: /usr/bin/python3 tests/engine/reference/nn_reference.py
# Inputs are closed-form (sin/cos of the index, computed in double, rounded to float32) so that the C++
# tests rebuild them exactly with the helper `wave` without pasting them.
import math

import torch
import torch.nn.functional as F

torch.set_printoptions(precision=8)


def wave(shape, a, b, scale=1.0, fn=math.sin):
    n = 1
    for d in shape:
        n *= d
    return torch.tensor([scale * fn(a * i + b) for i in range(n)], dtype=torch.float32).reshape(shape)


def show(name, t):
    vals = ", ".join("%.8gf" % v for v in t.detach().reshape(-1).tolist())
    print("  // %s %s\n  {%s}," % (name, list(t.shape), vals))


print("== Linear")
x = wave((4, 3), 0.7, 0.3).requires_grad_()
w = wave((2, 3), 1.3, 0.0, 0.5, math.cos).requires_grad_()
b = wave((2,), 0.9, 0.2, 0.1).requires_grad_()
c = wave((4, 2), 0.45, 1.0)
y = F.linear(x, w, b)
(y * c).sum().backward()
show("y", y); show("dx", x.grad); show("dw", w.grad); show("db", b.grad)

print("== MLP 3-4-2 tanh, cross_entropy")
x = wave((5, 3), 0.61, 0.1)
w1 = wave((4, 3), 0.83, 0.4, 0.6).requires_grad_()
b1 = wave((4,), 0.37, 0.9, 0.2).requires_grad_()
w2 = wave((2, 4), 0.57, 1.7, 0.7, math.cos).requires_grad_()
b2 = wave((2,), 1.1, 0.5, 0.1).requires_grad_()
labels = torch.tensor([0, 1, 1, 0, 1])
loss = F.cross_entropy(F.linear(torch.tanh(F.linear(x, w1, b1)), w2, b2), labels)
loss.backward()
show("loss", loss); show("dw1", w1.grad); show("db1", b1.grad); show("dw2", w2.grad); show("db2", b2.grad)

print("== BatchNorm1d(3) train then eval")
bn = torch.nn.BatchNorm1d(3)
with torch.no_grad():
    bn.weight.copy_(wave((3,), 0.5, 0.2, 0.5) + 1)
    bn.bias.copy_(wave((3,), 0.8, 0.1, 0.3))
x = wave((5, 3), 0.77, 0.5, 2.0).requires_grad_()
c = wave((5, 3), 0.31, 0.6)
y = bn(x)
(y * c).sum().backward()
show("y", y); show("dx", x.grad); show("dweight", bn.weight.grad); show("dbias", bn.bias.grad)
show("running_mean", bn.running_mean); show("running_var", bn.running_var)
bn.eval()
show("y_eval", bn(x))

print("== Conv2d(2, 3, 3, padding 1) -> relu -> MaxPool2d(2) -> AvgPool2d(3)")
x = wave((2, 2, 6, 6), 0.53, 0.2).requires_grad_()
w = wave((3, 2, 3, 3), 0.91, 0.7, 0.4).requires_grad_()
b = wave((3,), 1.7, 0.3, 0.1).requires_grad_()
c = wave((2, 3, 1, 1), 0.66, 0.4)
c2 = wave((2, 2, 6, 6), 0.29, 0.8)
y = F.avg_pool2d(F.max_pool2d(F.relu(F.conv2d(x, w, b, padding=1)), 2), 3)
(y * c).sum().backward()
show("y", y); show("dw", w.grad); show("db", b.grad); show("sum(dx * c2)", (x.grad * c2).sum())


print("== Optimizers: 5 steps on f(p) = sum(a (p - t)^2) + 0.1 sum(p^4)")
a = wave((5,), 0.9, 0.1, 1.0, math.cos).abs() + 0.5
t = wave((5,), 1.3, 0.4, 1.5)


def run(make):
    p = wave((5,), 0.7, 0.2, 2.0).requires_grad_()
    opt = make([p])
    for _ in range(5):
        opt.zero_grad()
        (a * (p - t) ** 2).sum().add(0.1 * (p ** 4).sum()).backward()
        opt.step()
    return p


configs = [
    ("sgd", lambda ps: torch.optim.SGD(ps, lr=0.1)),
    ("sgd_momentum_wd", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.01)),
    ("sgd_nesterov_wd", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01)),
    ("sgd_dampening", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.1)),
    ("rmsprop", lambda ps: torch.optim.RMSprop(ps, lr=0.01)),
    ("rmsprop_centered_momentum_wd",
     lambda ps: torch.optim.RMSprop(ps, lr=0.01, centered=True, momentum=0.5, weight_decay=0.01)),
    ("adam", lambda ps: torch.optim.Adam(ps, lr=0.1)),
    ("adam_wd", lambda ps: torch.optim.Adam(ps, lr=0.1, weight_decay=0.1)),
    ("adamw", lambda ps: torch.optim.AdamW(ps, lr=0.1, weight_decay=0.1)),
]
for name, make in configs:
    show(name, run(make))

print("== Schedules")
p = torch.zeros(1, requires_grad=True)


def lrs_of(schedule, steps):
    """The learning rate after each of `steps` steps of SGD(lr=0.5) under schedule(optimizer)."""
    opt = torch.optim.SGD([p], lr=0.5)
    s = schedule(opt)
    lrs = []
    for _ in range(steps):
        opt.step(); s.step(); lrs.append(opt.param_groups[0]["lr"])
    return torch.tensor(lrs)


show("step_lr", lrs_of(lambda opt: torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5), 8))
show("cosine_lr", lrs_of(lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=5, eta_min=0.01), 7))


print("== BatchNorm2d(3) train (two steps) then eval, and without affine")
bn = torch.nn.BatchNorm2d(3)
with torch.no_grad():
    bn.weight.copy_(wave((3,), 0.5, 0.2, 0.5) + 1)
    bn.bias.copy_(wave((3,), 0.8, 0.1, 0.3))
x = wave((2, 3, 4, 5), 0.37, 0.5, 2.0).requires_grad_()
c = wave((2, 3, 4, 5), 0.23, 0.6)
y = bn(x)
(y * c).sum().backward()
show("y[:8]", y.reshape(-1)[:8]); show("sum(y * c)", (y * c).sum())
show("dx[:8]", x.grad.reshape(-1)[:8]); show("sum(dx * c)", (x.grad * c).sum())
show("dweight", bn.weight.grad); show("dbias", bn.bias.grad)
bn(wave((2, 3, 4, 5), 0.41, 0.9, 1.5))
show("running_mean", bn.running_mean); show("running_var", bn.running_var)
bn.eval()
ye = bn(x)
show("y_eval[:8]", ye.reshape(-1)[:8]); show("sum(y_eval * c)", (ye * c).sum())
plain = torch.nn.BatchNorm2d(3, affine=False, momentum=0.3, eps=1e-3)
show("plain[:6]", plain(x).reshape(-1)[:6]); show("plain running_var", plain.running_var)

print("== Initialisers: PyTorch's formulas for the bounds and standard deviations of a (6, 4, 3, 3) weight")
w = torch.empty(6, 4, 3, 3)
fan_in, fan_out = 4 * 9, 6 * 9
print("  xavier_uniform bound", math.sqrt(6 / (fan_in + fan_out)), "xavier_normal std", math.sqrt(2 / (fan_in + fan_out)))
print("  kaiming_uniform(relu) bound", math.sqrt(2) * math.sqrt(3 / fan_in), "kaiming_normal(relu) std", math.sqrt(2 / fan_in))
print("  default bound", 1 / math.sqrt(fan_in))
