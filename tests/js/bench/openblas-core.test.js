// The benchmark suite's fair-peer rule: PyTorch's OpenBLAS kernel is detected, never inherited from the
// environment, and forced to the best kernel the CPU's flags support where detection fell back to a generic one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { candidates, chooseOpenblasCore, coreLevel, cpuFlags, describeCore, flagsLevel, openblasEnv, parseVerbose }
  from '../../../benchmarks/peers/openblas_core.mjs';

const avx512 = new Set(['avx', 'avx2', 'fma', 'avx512f', 'avx512bw', 'avx512vl']);
const avx512bf16 = new Set([...avx512, 'avx512_bf16']);

/** A fake OpenBLAS 0.3.21: detects `detects`; accepts a forced name only if it is in `knows`. */
const fakeProbe = (detects, knows) => (python, coretype) => {
  if (!coretype) return { core: detects, notFound: false };
  return knows.includes(coretype) ? { core: coretype, notFound: false } : { core: detects, notFound: true };
};

test('the verbose line of OpenBLAS names the core; an unknown forced name is flagged', () => {
  assert.deepEqual(parseVerbose('Core: Haswell\n'), { core: 'Haswell', notFound: false });
  assert.deepEqual(parseVerbose('Core not found: Cooperlake\nCore: Cooperlake\n'), { core: 'Cooperlake', notFound: true });
  assert.deepEqual(parseVerbose(''), { core: null, notFound: false });
});

test('flags rank the kernels: AVX-512 > AVX2+FMA > AVX > generic', () => {
  assert.equal(flagsLevel(avx512), 4);
  assert.equal(flagsLevel(new Set(['avx', 'avx2', 'fma'])), 3);
  assert.equal(flagsLevel(new Set(['avx'])), 2);
  assert.equal(flagsLevel(new Set(['sse4_2'])), 1);
  assert.equal(coreLevel('Prescott'), 1);
  assert.deepEqual(candidates(avx512bf16), ['Cooperlake', 'SkylakeX']);
  assert.deepEqual(candidates(new Set(['avx', 'avx2', 'fma'])), ['Haswell']);
  assert.equal(flagsLevel(cpuFlags('flags\t\t: fpu sse2 avx avx2 fma avx512f avx512bw\n')), 4);
});

test('a generic fallback on an AVX-512 CPU is replaced by the best kernel OpenBLAS accepts', () => {
  // 0.3.21 detects Cooperlake but cannot be forced to it: SkylakeX is the one that takes.
  const r = chooseOpenblasCore({ flags: avx512bf16, probeFn: fakeProbe('Prescott', ['SkylakeX', 'Haswell']) });
  assert.equal(r.core, 'SkylakeX');
  assert.equal(r.forced, 'SkylakeX');
  assert.equal(r.env.OPENBLAS_CORETYPE, 'SkylakeX');
  assert.match(describeCore(r), /SkylakeX \(OPENBLAS_CORETYPE=SkylakeX: OpenBLAS detected Prescott\)/);
  const avx2 = chooseOpenblasCore({ flags: new Set(['avx', 'avx2', 'fma']), probeFn: fakeProbe('Prescott', ['Haswell']) });
  assert.equal(avx2.forced, 'Haswell');
});

test('a detection that already fits the flags is kept, and the environment\'s OPENBLAS_CORETYPE is dropped', () => {
  const r = chooseOpenblasCore({ flags: avx512bf16, probeFn: fakeProbe('Cooperlake', ['SkylakeX']) });
  assert.deepEqual([r.core, r.forced], ['Cooperlake', null]);
  assert.equal('OPENBLAS_CORETYPE' in r.env, false);
  assert.equal('OPENBLAS_CORETYPE' in openblasEnv(null, { OPENBLAS_CORETYPE: 'Haswell', PATH: '/bin' }), false);
  assert.equal(describeCore(r), 'Cooperlake (detected)');
});

const torch = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

test('on this machine, the chosen kernel uses everything the CPU flags offer, whatever the environment says',
  { skip: !torch && 'no /usr/bin/python3 with torch' }, () => {
    const saved = process.env.OPENBLAS_CORETYPE;
    process.env.OPENBLAS_CORETYPE = 'Prescott';  // a misconfigured environment must not leak into the peer
    try {
      const r = chooseOpenblasCore();
      const flags = cpuFlags();
      if (candidates(flags).length) assert.equal(coreLevel(r.core), flagsLevel(flags), describeCore(r));
      assert.notEqual(r.env.OPENBLAS_CORETYPE, 'Prescott');
    } finally {
      if (saved === undefined) delete process.env.OPENBLAS_CORETYPE;
      else process.env.OPENBLAS_CORETYPE = saved;
    }
  });
