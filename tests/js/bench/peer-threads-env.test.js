// The PyTorch peer's thread rule: 1-thread rows load the serial OpenBLAS, N-thread rows the pthread build on
// N threads (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS), chosen by LD_LIBRARY_PATH whatever the system default is.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'node:test';
import { OPENBLAS_DIRS, describeLoaded, openblasEnv, peerThreadsEnv } from '../../../benchmarks/peers/openblas_core.mjs';

const dirs = { serial: '/s', pthread: '/p' };
const exists = () => true;

test('one thread loads the serial build, N threads the pthread build on N threads, ahead of the caller\'s path', () => {
  const one = peerThreadsEnv({ PATH: '/bin' }, 1, { dirs, exists });
  assert.deepEqual([one.LD_LIBRARY_PATH, one.OPENBLAS_NUM_THREADS, one.OMP_NUM_THREADS, one.PATH], ['/s', '1', '1', '/bin']);
  const four = peerThreadsEnv({ LD_LIBRARY_PATH: '/mine', OPENBLAS_CORETYPE: 'SkylakeX' }, 4, { dirs, exists });
  assert.deepEqual([four.LD_LIBRARY_PATH, four.OPENBLAS_NUM_THREADS, four.OMP_NUM_THREADS, four.OPENBLAS_CORETYPE],
                   ['/p:/mine', '4', '4', 'SkylakeX']);
});

test('a thread count that is not a positive integer, or a missing library, is an error naming it', () => {
  for (const bad of [0, -1, 1.5, '2', NaN]) assert.throws(() => peerThreadsEnv({}, bad, { dirs, exists }), /positive integer/);
  assert.throws(() => peerThreadsEnv({}, 2, { dirs, exists: () => false }), /\/p\/libopenblas\.so\.0 is missing.*libopenblas0-pthread/);
});

test('the machine line names the library, its thread count and the core from OpenBLAS\'s own build line', () => {
  assert.equal(describeLoaded({ library: '/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so',
                                config: 'OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64', threads: 2 }),
               'openblas-pthread/libopenblasp-r0.3.21.so, 2 threads, core SkylakeX');
  assert.equal(describeLoaded({ library: '/x/openblas-serial/libopenblas-r0.3.21.so',
                                config: 'OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell SINGLE_THREADED', threads: 1 }),
               'openblas-serial/libopenblas-r0.3.21.so, 1 thread, core Haswell');
  assert.equal(describeLoaded(null), 'OpenBLAS not found in the process');
});

const PY = `import torch, ctypes
torch.ones(8, 8) @ torch.ones(8, 8)
lib = sorted({l.split()[-1] for l in open("/proc/self/maps") if "libopenblas" in l.split()[-1]})[0]
print(lib, ctypes.CDLL(lib).openblas_get_num_threads())`;
const ready = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0 &&
  Object.values(OPENBLAS_DIRS).every((d) => fs.existsSync(`${d}/libopenblas.so.0`));

test('on this machine, PyTorch really loads the build and thread count the environment asks for',
  { skip: !ready && 'needs /usr/bin/python3 with torch and both Debian OpenBLAS builds (bootstrap.sh)' }, () => {
    for (const [threads, dir] of [[1, OPENBLAS_DIRS.serial], [2, OPENBLAS_DIRS.pthread]]) {
      const r = spawnSync('/usr/bin/python3', ['-c', PY], { encoding: 'utf8', env: peerThreadsEnv(openblasEnv(null), threads) });
      assert.equal(r.status, 0, r.stderr);
      const [lib, n] = r.stdout.trim().split(' ');
      assert.ok(lib.startsWith(`${dir}/`), `${threads} thread(s): loaded ${lib}`);
      assert.equal(Number(n), threads);
    }
  });
