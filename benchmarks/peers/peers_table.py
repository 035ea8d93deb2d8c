#!/usr/bin/env python3
"""Render one or more peer JSON reports as a Markdown table (median [min-max] per case and
contender), a convenience for README-peers.md until nabla's own driver combines them.

Usage: peers_table.py pytorch.json node_wasm.json ... > table.md
"""
import json
import sys


def label(c):
    """Row key: the case plus the parameters that distinguish rows of the same case."""
    p = c.get("params", {})
    if c["case"] == "gemm":
        return f"gemm {p['M']}x{p['K']}x{p['N']}"
    return c["case"]


def main():
    columns, cells, units, losses = [], {}, {}, {}
    for path in sys.argv[1:]:
        report = json.load(open(path))
        for c in report["cases"]:
            col = f"{report['peer']} / {c['backend']}"
            if col not in columns:
                columns.append(col)
            row = label(c) if "params" in c else c["case"]
            if "error" in c:
                cells[row, col] = "error: " + c["error"]
                continue
            units[row] = c["unit"]
            cells[row, col] = f"{c['median']:.4g} [{c['min']:.4g}-{c['max']:.4g}]"
            if "final_loss" in c:
                losses[col] = c["final_loss"]
    rows = list(dict.fromkeys(r for r, _ in cells))
    print("| case | unit | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for r in rows:
        print(f"| {r} | {units.get(r, '')} | " +
              " | ".join(cells.get((r, col), "") for col in columns) + " |")
    if losses:
        print("| mnist_mlp final loss | mean of last 50 | " +
              " | ".join(f"{losses[col]:.6f}" if col in losses else "" for col in columns) + " |")


if __name__ == "__main__":
    main()
