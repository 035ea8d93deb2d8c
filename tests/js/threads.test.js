// The threaded WebAssembly build in Node: loadNabla({ threads }) runs it with that many threads, training gives
// the same weights bit for bit for 1, 2 and 3 threads, and a thread count that is not a positive whole number
// is a NablaError that leaves the loaded module working.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { loadNabla, NablaError } from 'nabla';

const child = new URL('./threads/train_hash.mjs', import.meta.url).pathname;
const runWith = (threads) => JSON.parse(execFileSync('node', [child, String(threads)], { encoding: 'utf8', timeout: 120000 }));

test('training gives the same weights bit for bit on 1, 2 and 3 threads, and 2 and 3 really split the work', () => {
  const [one, two, three] = [1, 2, 3].map(runWith);
  assert.deepEqual([one.threads, two.threads, three.threads], [1, 2, 3]);
  assert.equal(one.chunks, 0, 'the single-threaded build hands nothing to a pool');
  assert.ok(two.chunks > 0 && three.chunks > 0, `chunks dispatched: ${two.chunks}, ${three.chunks}`);
  assert.equal(two.hash, one.hash);
  assert.equal(three.hash, one.hash);
  assert.deepEqual([one.errorKind, two.errorKind, three.errorKind], ['ShapeError', 'ShapeError', 'ShapeError']);
});

test('threads that is not a positive whole number is a NablaError, and the module stays usable', async () => {
  const nb = await loadNabla();
  assert.ok(nb.build.threads >= 1);
  for (const bad of [0, -2, 1.5, '2', NaN, null, Infinity]) {
    await assert.rejects(loadNabla({ threads: bad }), (e) => e instanceof NablaError && e.kind === 'ValueError' &&
      /threads must be a positive whole number/.test(e.message), String(bad));
  }
  assert.deepEqual(nb.tensor([1, 2, 3]).mul(2).toArray(), [2, 4, 6]);
  assert.equal(await loadNabla(), nb);
});
