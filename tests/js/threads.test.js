// The threaded WebAssembly build in Node: loadNabla({ threads }) runs it with that many threads, training (an MLP
// under each optimizer, a convnet) and large elementwise ops, pooling and reductions give the same bits for the
// single-threaded build and for 1, 2 and 3 threads, and a thread count that is not a positive whole number
// is a NablaError that leaves the loaded module working.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { loadNabla, NablaError } from 'nabla';

const child = new URL('./threads/train_hash.mjs', import.meta.url).pathname;
const runWith = (...args) => JSON.parse(execFileSync('node', [child, ...args.map(String)], { encoding: 'utf8', timeout: 240000 }));

test('training, ops and their gradients give the same bits on 1, 2 and 3 threads, and 2 and 3 really split the work', () => {
  // The single-threaded build, the threaded build on one thread (loaded with 2, set to 1), on 2 and on 3.
  const [single, one, two, three] = [[1], [2, 1], [2], [3]].map((args) => runWith(...args));
  assert.deepEqual([single.threads, one.pool, two.threads, three.threads], [1, 1, 2, 3]);
  assert.equal(single.chunks, 0, 'the single-threaded build hands nothing to a pool');
  assert.equal(one.chunks, 0, 'one thread hands nothing to the pool');
  assert.ok(two.chunks > 0 && three.chunks > 0, `chunks dispatched: ${two.chunks}, ${three.chunks}`);
  assert.equal(one.hash, single.hash, 'the threaded build on one thread');
  assert.equal(two.hash, single.hash, '2 threads');
  assert.equal(three.hash, single.hash, '3 threads');
  assert.deepEqual([single.errorKind, one.errorKind, two.errorKind, three.errorKind], Array(4).fill('ShapeError'));
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
