// Which OpenBLAS kernel ("core") the PyTorch peer runs on, and the one to force when OpenBLAS's own detection
// falls short. OpenBLAS 0.3.21 (Debian's, behind python3-torch) picks its kernel from CPUID; on a CPU it does
// not recognise (a Xeon that reports only "Intel(R) Xeon(R) Processor") it falls back to the generic
// "Prescott" kernel, 5-15x slower at 256^3, and a ratio against that peer is not a result. The suite
// therefore never inherits OPENBLAS_CORETYPE from the environment: it asks OpenBLAS what it detects
// (OPENBLAS_VERBOSE=2 prints "Core: NAME"), and where that kernel uses less of the CPU than its flags allow,
// forces the best kernel the flags support, checking that OpenBLAS took it (0.3.21 answers an unknown name
// with "Core not found" and keeps its detection: it knows "Cooperlake" when detecting, not when forced).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// ISA level of each OpenBLAS x86-64 core: 4 = AVX-512, 3 = AVX2 + FMA, 2 = AVX, 1 = SSE only (generic).
const CORE_LEVEL = {
  SkylakeX: 4, Cooperlake: 4, SapphireRapids: 4,
  Haswell: 3, Zen: 3,
  Sandybridge: 2, Bulldozer: 2, Piledriver: 2, Steamroller: 2, Excavator: 2,
};
export const coreLevel = (core) => CORE_LEVEL[core] ?? 1;

/** The level the CPU flags allow (OpenBLAS's own AVX-512 test also wants AVX512BW). */
export function flagsLevel(flags) {
  if (flags.has('avx512f') && flags.has('avx512bw')) return 4;
  if (flags.has('avx2') && flags.has('fma')) return 3;
  if (flags.has('avx')) return 2;
  return 1;
}

/** Kernels to force for that level, best first. SkylakeX vs Haswell at 256^3, 1 thread, on this
 * repo's Zen 5 EPYC (best of 5 x 40 calls, load ~10): 210 vs 112 GFLOP/s; Cooperlake = SkylakeX + bf16. */
export function candidates(flags) {
  const level = flagsLevel(flags);
  if (level === 4) return flags.has('avx512_bf16') ? ['Cooperlake', 'SkylakeX'] : ['SkylakeX'];
  if (level === 3) return ['Haswell'];
  if (level === 2) return ['Sandybridge'];
  return [];
}

export function cpuFlags(cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8')) {
  return new Set(((cpuinfo.match(/^flags\s*:\s*(.*)$/m) || [])[1] || '').split(/\s+/).filter(Boolean));
}

/** OPENBLAS_VERBOSE=2's stderr -> { core, notFound }: "Core: Haswell", or "Core not found: X" first. */
export function parseVerbose(text) {
  const core = text.match(/^Core: (\S+)/m)?.[1] ?? null;
  return { core, notFound: /^Core not found/m.test(text) };
}

/** The environment of a child that loads OpenBLAS: the parent's, minus OPENBLAS_CORETYPE, plus `coretype`. */
export function openblasEnv(coretype, base = process.env) {
  const env = { ...base };
  delete env.OPENBLAS_CORETYPE;
  if (coretype) env.OPENBLAS_CORETYPE = coretype;
  return env;
}

// Debian's two OpenBLAS builds, side by side: the serial one is the system's BLAS (bootstrap.sh keeps it so),
// the pthread one is loaded only by the N-thread PyTorch rows, through LD_LIBRARY_PATH.
export const OPENBLAS_DIRS = { serial: '/usr/lib/x86_64-linux-gnu/openblas-serial',
                               pthread: '/usr/lib/x86_64-linux-gnu/openblas-pthread' };

/**
 * The environment of a PyTorch peer on `threads` threads, from `env` (openblasEnv's): one thread loads the
 * serial OpenBLAS, more load the pthread build with OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = threads, so that
 * its GEMMs use as many threads as torch.set_num_threads gives PyTorch's own ops. Both by LD_LIBRARY_PATH
 * (ahead of the caller's), so a row does not depend on which build update-alternatives made the default.
 */
export function peerThreadsEnv(env, threads, { dirs = OPENBLAS_DIRS, exists = fs.existsSync } = {}) {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`peerThreadsEnv: threads must be a positive integer, got ${threads}`);
  const kind = threads === 1 ? 'serial' : 'pthread';
  const dir = dirs[kind];
  if (!exists(path.join(dir, 'libopenblas.so.0'))) {
    throw new Error(`${dir}/libopenblas.so.0 is missing: the PyTorch rows on ${threads} thread(s) need Debian's ` +
                    `libopenblas0-${kind} (bash scripts/bootstrap.sh installs it)`);
  }
  const n = String(threads);
  return { ...env, LD_LIBRARY_PATH: [dir, env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
           OPENBLAS_NUM_THREADS: n, OMP_NUM_THREADS: n };
}

/** For the machine line, from a PyTorch row's runtime.openblas: "openblas-pthread, 2 threads, core SkylakeX". */
export function describeLoaded(openblas) {
  if (!openblas?.library) return 'OpenBLAS not found in the process';
  const core = openblas.config?.match(/ (\w+) (?:SINGLE_THREADED|MAX_THREADS=\d+)/)?.[1] ?? 'unknown';
  return `${path.basename(path.dirname(openblas.library))}/${path.basename(openblas.library)}, ${openblas.threads} ` +
         `thread${openblas.threads === 1 ? '' : 's'}, core ${core}`;
}

const PROBE = 'import torch; torch.ones(64, 64) @ torch.ones(64, 64)';

function probe(python, coretype) {
  const r = spawnSync(python, ['-c', PROBE], { encoding: 'utf8', env: { ...openblasEnv(coretype), OPENBLAS_VERBOSE: '2' } });
  if (r.status !== 0) throw new Error(`${python} -c "${PROBE}" failed: ${(r.stderr || r.error?.message || '').slice(0, 300)}`);
  return parseVerbose(r.stderr);
}

/** Decides the peer's kernel. Returns { core, detected, forced (the name set, or null), env (for the child) }. */
export function chooseOpenblasCore({ python = '/usr/bin/python3', flags = cpuFlags(), probeFn = probe } = {}) {
  const detected = probeFn(python, null).core;
  if (detected && coreLevel(detected) >= flagsLevel(flags)) return { core: detected, detected, forced: null, env: openblasEnv(null) };
  for (const name of candidates(flags)) {
    const r = probeFn(python, name);
    if (r.core === name && !r.notFound) return { core: name, detected, forced: name, env: openblasEnv(name) };
  }
  return { core: detected, detected, forced: null, env: openblasEnv(null) };  // nothing better takes
}

/** For the machine line: "SkylakeX (forced: OpenBLAS detected Prescott)" or "Cooperlake (detected)". */
export function describeCore({ core, detected, forced }) {
  return forced ? `${core} (OPENBLAS_CORETYPE=${forced}: OpenBLAS detected ${detected ?? 'nothing'})` : `${core ?? 'unknown'} (detected)`;
}
