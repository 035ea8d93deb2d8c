"""PyTorch side of tests/js/layers/layers.test.js: BatchNorm2d (training, running statistics, eval, no affine),
a residual conv block, and a conv -> BatchNorm2d -> relu -> pool -> linear chain, with their gradients.
Prints JSON; inputs are float32 values from a seeded generator, passed to the JS side as they are."""
import json

import torch
import torch.nn as nn

torch.manual_seed(0)


def flat(t):
    return t.detach().reshape(-1).tolist()


out = {"torch": torch.__version__}

# BatchNorm2d(3), gamma and beta set, two training batches then eval.
bn = nn.BatchNorm2d(3)
gamma, beta = torch.rand(3) + 0.5, torch.rand(3) - 0.5
with torch.no_grad():
    bn.weight.copy_(gamma); bn.bias.copy_(beta)
x = (torch.randn(4, 3, 5, 5) * 2 + 1).requires_grad_()
c = torch.randn(4, 3, 5, 5)
y = bn(x)
(y * c).sum().backward()
x2 = torch.randn(4, 3, 5, 5) * 0.5 - 1
bn(x2)
bn.eval()
out["bn"] = {"gamma": flat(gamma), "beta": flat(beta), "x": flat(x), "c": flat(c), "x2": flat(x2),
             "y": flat(y), "dx": flat(x.grad), "dgamma": flat(bn.weight.grad), "dbeta": flat(bn.bias.grad),
             "runningMean": flat(bn.running_mean), "runningVar": flat(bn.running_var), "yEval": flat(bn(x))}
plain = nn.BatchNorm2d(3, eps=1e-3, momentum=0.25, affine=False)
out["bnPlain"] = {"y": flat(plain(x)), "runningVar": flat(plain.running_var)}

# Residual: x + conv(relu(conv(x))) with padding 1, the weights given.
w1, b1 = torch.randn(2, 2, 3, 3) * 0.3, torch.randn(2) * 0.1
w2, b2 = torch.randn(2, 2, 3, 3) * 0.3, torch.randn(2) * 0.1
xr = torch.randn(2, 2, 4, 4).requires_grad_()
params = [p.requires_grad_() for p in (w1, b1, w2, b2)]
yr = xr + nn.functional.conv2d(torch.relu(nn.functional.conv2d(xr, w1, b1, padding=1)), w2, b2, padding=1)
cr = torch.randn(2, 2, 4, 4)
(yr * cr).sum().backward()
out["residual"] = {"w1": flat(w1), "b1": flat(b1), "w2": flat(w2), "b2": flat(b2), "x": flat(xr), "c": flat(cr),
                   "y": flat(yr), "dx": flat(xr.grad), "dw1": flat(w1.grad), "dw2": flat(w2.grad)}

# conv(1 -> 4, 3) -> BatchNorm2d(4) -> relu -> maxpool 2 -> flatten -> linear(36 -> 3), cross-entropy.
net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(36, 3))
xc = torch.rand(5, 1, 8, 8)
labels = torch.tensor([0, 2, 1, 1, 0])
loss = nn.functional.cross_entropy(net(xc), labels)
loss.backward()
out["chain"] = {"state": {k: flat(v.float()) for k, v in net.state_dict().items()},  # num_batches_tracked too
                "x": flat(xc), "labels": labels.tolist(), "loss": loss.item(),
                "grads": {k: flat(p.grad) for k, p in net.named_parameters()}}
print(json.dumps(out))
