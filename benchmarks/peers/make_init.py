#!/usr/bin/env python3
"""Write the shared initial weights of the mnist_mlp case (784-256-128-10) so that every
contender (PyTorch, TF.js, nabla) trains from identical numbers and the final loss can be compared.

Layout: float32 little-endian, raw concatenation W1, b1, W2, b2, W3, b3 with each W stored
[out x in] row-major (PyTorch's nn.Linear layout). Values are Kaiming-uniform as in nn.Linear's
default: U(-1/sqrt(in), 1/sqrt(in)) for weights and biases alike.
Stdlib only (random + array) so that it runs without torch or numpy; same seed -> same bytes.

Usage: make_init.py OUT.bin [--seed 0]
"""
import argparse
import array
import math
import random
import sys

LAYERS = [(784, 256), (256, 128), (128, 10)]  # (in, out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    values = array.array("f")
    for fan_in, fan_out in LAYERS:
        bound = 1.0 / math.sqrt(fan_in)
        for _ in range(fan_out * fan_in + fan_out):  # W then b
            values.append(rng.uniform(-bound, bound))
    if sys.byteorder != "little":
        values.byteswap()
    with open(args.out, "wb") as f:
        values.tofile(f)
    print(f"wrote {len(values)} float32 ({len(values) * 4} bytes) to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
