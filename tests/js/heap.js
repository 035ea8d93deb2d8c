// The leak checks' measure of the WASM heap: malloc-ed bytes for live objects, compared before and after.
import assert from 'node:assert/strict';

// dlmalloc hands out a free chunk up to 15 bytes larger than asked when the rest would be too small to
// split off, so which free chunks a step finds decides a few bytes of the in-use count; the engine's cache
// of blocks from dead tensors changes which chunks are free, and the count wanders by a few such chunks
// (measured: within +-16 B over 40,000 steps, never growing). Anything leaked per step or per call moves it
// by at least 16 B times the thousands of repetitions these tests run.
export const HEAP_WANDER_BYTES = 128;

/** Asserts that malloc-ed bytes are back where they were, within the allocator's rounding. */
export function assertHeapFlat(nb, before, what = 'malloc-ed WASM bytes changed') {
  const after = nb.heapUsed();
  assert.ok(Math.abs(after - before) <= HEAP_WANDER_BYTES, `${what}: ${before} -> ${after} B`);
}

/** One per-op training step as the leak checks run it: forward, cross-entropy, backward, update, in tidy. */
export function tidyTrainStep(nb, model, opt, x, y) {
  const F = nb.nn.functional;
  return () => nb.tidy(() => {
    opt.zeroGrad();
    const loss = F.crossEntropy(model.forward(x), y);
    loss.backward();
    opt.step();
    return loss.item();
  });
}
