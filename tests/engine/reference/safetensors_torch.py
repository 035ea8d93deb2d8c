# Safetensors files of a small PyTorch convnet with BatchNorm (trained three steps, so the running statistics
# and num_batches_tracked are not their defaults), one per dtype: F32, F16, BF16 and F64 weights, the
# num_batches_tracked buffer I64 as torch keeps it. Written by hand in the format (8-byte little-endian
# header length, JSON header, raw little-endian data) since the `safetensors` package is not installed;
# the header follows the format's spec as safetensors' own writer does.
# Also io.safetensors (F32): an input x (5, 36) and the model's eval-mode output for each dtype, computed
# in float32 from the weights rounded to that dtype.
# Run: /usr/bin/python3 tests/engine/reference/safetensors_torch.py OUT_DIR
# Used by tests/engine/io_safetensors_torch_test.cpp and tests/js/safetensors-torch.test.js; the nabla spec of
# the same model is SPEC.
import json
import struct
import sys

import torch

SPEC = "input(1,6,6)-conv(4,3)-bn-relu-flatten-linear(3)"
DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64}


def write(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        raw = (t.view(torch.int16) if t.dtype == torch.bfloat16 else t).numpy().tobytes()
        dtype = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
                 torch.int64: "I64"}[t.dtype]
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def make_model():
    return torch.nn.Sequential(torch.nn.Unflatten(1, (1, 6, 6)), torch.nn.Conv2d(1, 4, 3), torch.nn.BatchNorm2d(4),
                               torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(64, 3))


def main(out_dir):
    torch.manual_seed(0)
    model = make_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        model(torch.randn(8, 36) * 2 + 0.5).square().mean().backward()
        opt.step()
    model.eval()
    x = torch.randn(5, 36)
    io = {"x": x}
    for name, dtype in DTYPES.items():
        state = {k: (v.to(dtype) if v.is_floating_point() else v) for k, v in model.state_dict().items()}
        write(f"{out_dir}/model_{name}.safetensors", state)
        rounded = {k: v.to(torch.float32) if v.is_floating_point() else v for k, v in state.items()}
        copy = make_model()
        copy.load_state_dict(rounded)
        copy.eval()
        with torch.no_grad():
            io[f"y_{name}"] = copy(x)
    write(f"{out_dir}/io.safetensors", io)


main(sys.argv[1])
