// The WASM GEMM's packed path (products past 64^3 multiply-adds, more than 32 columns) against a float64 loop,
// through a linear layer: its forward is x . W^T (B transposed), its backward dy . W (neither) and dy^T . x
// (A transposed). Odd sizes put every packing on its edges: rows past the last full register tile, columns past
// the last full panel, a depth past one KC block (256) and not a multiple of 4 (the 4 x 4 transposes' tail).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadNabla } from 'nabla';

const nb = await loadNabla({ threads: 1 });

/** Seeded uniform (-1, 1) values. */
function values(count, seed) {
  let s = seed;
  return Float32Array.from({ length: count }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 1073741824) - 1);
}

/** C (m x n) = op(A) op(B) in float64; A stored k x m when ta, B stored n x k when tb. */
function naive(ta, tb, m, n, k, a, b) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
      c[i * n + j] = s;
    }
  }
  return c;
}

function assertClose(got, want, k, what) {
  const tol = 1e-5 * (k + 1);
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= tol)) assert.fail(`${what}[${i}] = ${got[i]}, expected ${want[i]}`);
  }
}

test('linear forward and backward on the packed GEMM path match a float64 loop at odd sizes', () => {
  for (const [batch, inputs, outputs] of [[67, 301, 37], [64, 784, 256], [9, 517, 45]]) {
    const xs = values(batch * inputs, 1), ws = values(outputs * inputs, 2), gs = values(batch * outputs, 3);
    nb.tidy(() => {
      const x = nb.tensor(xs, [batch, inputs], { requiresGrad: true });
      const w = nb.tensor(ws, [outputs, inputs], { requiresGrad: true });
      const y = nb.nn.functional.linear(x, w);
      const what = `${batch}x${inputs}->${outputs}`;
      assertClose(y.data(), naive(false, true, batch, outputs, inputs, xs, ws), inputs, `${what} y`);
      y.mul(nb.tensor(gs, [batch, outputs])).sum().backward();  // dy = gs
      assertClose(x.grad.data(), naive(false, false, batch, inputs, outputs, gs, ws), outputs, `${what} dx`);
      assertClose(w.grad.data(), naive(true, false, outputs, inputs, batch, gs, xs), batch, `${what} dw`);
    });
  }
});
