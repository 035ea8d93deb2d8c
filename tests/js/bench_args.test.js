// `npm run bench` parses its flags strictly (benchmarks/run_args.mjs): --help prints them and exits 0 before
// anything is built; a typo exits 2 naming the flag, with a hint at the close name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { closestName, editDistance, parseRunArgs, UsageError } from '../../benchmarks/run_args.mjs';

const runMjs = fileURLToPath(new URL('../../benchmarks/run.mjs', import.meta.url));
const ids = ['native', 'wasm-node', 'pytorch', 'tfjs-node', 'tfjs-node-cpu'];
const bench = (...args) => spawnSync(process.execPath, [runMjs, ...args], { encoding: 'utf8', timeout: 20000 });

test('edit distance counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
  assert.equal(editDistance('smoke', 'smoke'), 0);
  assert.equal(editDistance('smok', 'smoke'), 1);
  assert.equal(editDistance('smoek', 'smoke'), 1);
  assert.equal(editDistance('snoke', 'smoke'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(closestName('rouns', ['rounds', 'out']), 'rounds');
  assert.equal(closestName('zzzzzz', ['rounds', 'out']), null);
});

test('flags parse into settings with their defaults', () => {
  assert.deepEqual(parseRunArgs([], ids), {
    help: false, smoke: false, only: null, tfjsBackends: 'wasm,cpu', tfjsCpuCases: null, rounds: 1, reps: null, maxMinutes: null,
    buildWasm: false,
    out: null,
  });
  const s = parseRunArgs(['--smoke', '--only', 'native,pytorch', '--out=x.md', '--tfjs-backends', 'wasm'], ids);
  assert.deepEqual([s.smoke, s.only, s.out, s.tfjsBackends], [true, ['native', 'pytorch'], 'x.md', 'wasm']);
  assert.equal(parseRunArgs(['--rounds', '3'], ids).rounds, 3);
  assert.equal(parseRunArgs(['--reps', '3'], ids).reps, 3);
  for (const bad of ['0', '1.5', 'x']) assert.throws(() => parseRunArgs(['--reps', bad], ids), /--reps: expected a whole number >= 1/);
  assert.equal(parseRunArgs(['--max-minutes', '11.5'], ids).maxMinutes, 11.5);
  for (const bad of ['0', '-1', 'x']) assert.throws(() => parseRunArgs([`--max-minutes=${bad}`], ids), /--max-minutes: expected a number > 0/);
  assert.equal(parseRunArgs(['-h'], ids).help, true);
});

test('bad flags and values are usage errors that name them', () => {
  const cases = [
    [['--smok'], "unknown flag '--smok'; did you mean '--smoke'?"],
    [['--rounds'], "flag '--rounds' needs a value"],
    [['--smoke=yes'], "flag '--smoke' takes no value"],
    [['--rounds', '0'], "--rounds: expected a whole number >= 1, got '0'"],
    [['--rounds', '1.5'], "--rounds: expected a whole number >= 1, got '1.5'"],
    [['--only', 'natve'], "--only: unknown contender 'natve'; did you mean 'native'?"],
    [['--only', 'tfjs-node-cpu'], 'run only with --tfjs-cpu-cases'],
    [['--tfjs-backends', 'webgl'], "unknown backend 'webgl'"],
    [['stray'], "unexpected argument 'stray'"],
    [['--smoke', '--rounds', '2'], 'a --smoke run has one round'],
  ];
  for (const [argv, message] of cases) {
    assert.throws(() => parseRunArgs(argv, ids), (e) => e instanceof UsageError && e.message.includes(message),
                  `${argv.join(' ')} -> ${message}`);
  }
});

test('npm run bench -- --help prints the flags and exit codes and exits 0 at once', () => {
  const t0 = Date.now();
  const r = bench('--help');
  assert.equal(r.status, 0, r.stderr);
  for (const part of ['--smoke', '--only', '--rounds', '--tfjs-backends', 'exit codes:']) assert.match(r.stdout, new RegExp(part));
  assert.ok(Date.now() - t0 < 10000, 'nothing was built or run');
});

test('a typo on the command line exits 2 with the flag named and nothing run', () => {
  const r = bench('--smok');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bench: unknown flag '--smok'; did you mean '--smoke'\?/);
  assert.equal(r.stdout, '');
});

test('progress redraws one status line on a terminal and prints plain lines elsewhere', async () => {
  const { createProgress } = await import('../../benchmarks/progress.mjs');
  const fake = (isTTY) => ({ isTTY, columns: 40, out: '', write(s) { this.out += s; } });
  const tty = fake(true);
  const p = createProgress(tty);
  p.line('[bench] 1/2 native');
  p.status('[bench] 1/2 native: 1 s');
  p.status('[bench] 1/2 native: 2 s');
  p.line('a contender line');
  p.clear();
  assert.equal(tty.out, '[bench] 1/2 native\n[bench] 1/2 native: 1 s\r\x1b[K[bench] 1/2 native: 2 s' +
                        '\r\x1b[Ka contender line\n[bench] 1/2 native: 2 s\r\x1b[K');
  const log = fake(false);
  const q = createProgress(log);
  q.line('[bench] 1/2 native');
  q.status('[bench] 1/2 native: 1 s');
  q.line('a contender line');
  q.clear();
  assert.equal(log.out, '[bench] 1/2 native\na contender line\n');
});
