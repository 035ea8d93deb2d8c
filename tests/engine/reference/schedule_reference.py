# Learning rates per epoch from PyTorch 1.13's schedulers, for the schedules nabla's --schedule names.
# Run: /usr/bin/python3 tests/engine/reference/schedule_reference.py  (prints JSON: schedule -> rates for
# epochs 0..EPOCHS-1, base rate 0.5). tests/js/schedules.test.js runs it at test time;
# tests/engine/optim_schedule_test.cpp holds its output.
import json
import warnings

import torch
from torch.optim import lr_scheduler as L

warnings.filterwarnings("ignore")  # SequentialLR's step(0) warns about the epoch argument
EPOCHS = 12
BASE = 0.5


def main_scheduler(opt, kind, args):
    if kind == "step":
        return L.StepLR(opt, step_size=int(args[0]), gamma=float(args[1]) if len(args) > 1 else 0.1)
    if kind == "cosine":
        return L.CosineAnnealingLR(opt, T_max=int(args[0]), eta_min=float(args[1]) if len(args) > 1 else 0.0)
    raise ValueError(kind)


def rates(text):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=BASE)
    parts = [part.split(":") for part in text.split("+")]
    kinds = [(k, a.split(",")) for k, a in parts]
    if kinds[0][0] == "warmup":
        n = int(kinds[0][1][0])
        factor = float(kinds[0][1][1]) if len(kinds[0][1]) > 1 else 1.0 / 3.0
        warm = L.LinearLR(opt, start_factor=factor, end_factor=1.0, total_iters=n)
        sched = warm if len(kinds) == 1 else L.SequentialLR(opt, [warm, main_scheduler(opt, *kinds[1])], milestones=[n])
    else:
        sched = main_scheduler(opt, *kinds[0])
    out = []
    for _ in range(EPOCHS):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


SCHEDULES = ["step:3,0.5", "step:2", "cosine:5,0.01", "cosine:4", "warmup:4,0.1", "warmup:3",
             "warmup:2,0.25+step:3,0.5", "warmup:3,0.1+cosine:6,0.001"]
print(json.dumps({s: rates(s) for s in SCHEDULES}))
