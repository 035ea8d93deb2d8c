// The flags of `npm run bench` (benchmarks/run.mjs), parsed strictly: util.parseArgs with strict: true, so an
// unknown flag, a missing value or a stray argument is an error (exit code 2) with a hint at a close name,
// never silently ignored; --help prints USAGE and exits 0 before anything is built or run.
import { parseArgs } from 'node:util';

export const USAGE = `usage: npm run bench -- [flags]     (or: node benchmarks/run.mjs [flags])
Runs every contender back to back (nabla native, nabla WASM in Node and Chromium, the WASM GEMM kernels,
PyTorch, TF.js in Node and Chromium) and writes a Markdown report with medians and ratios to
benchmarks/results/<date>-<machine>.md (+ .json with every raw row).

  --smoke                 CI-sized counts, report to build/bench-smoke/; the numbers mean nothing
  --only ID,ID            run only these contenders: native, wasm-kernels, wasm-node, wasm-chromium,
                          pytorch, tfjs-node, tfjs-chromium (and tfjs-node-cpu, tfjs-chromium-cpu
                          with --tfjs-cpu-cases); native-threads, wasm-node-threads,
                          wasm-chromium-threads, tfjs-chromium-threads, pytorch-threads
                          (every core, at most 8, on a machine with more than one)
  --tfjs-backends B,B     TF.js backends: wasm, cpu (default wasm,cpu)
  --tfjs-cpu-cases C,C    TF.js cpu on these cases only, as contenders of their own (3 repetitions)
  --rounds N              every contender N times, interleaved; each row from its fastest round (default 1)
  --max-minutes M         start no round that would end past M minutes (by the rounds so far); the first
                          always runs, and every contender keeps the same number of rounds
  --reps N                timed repetitions of each case in each contender (default 5; a --tfjs-cpu-cases
                          contender at most 3), so that rounds x reps fits a time box
  --build-wasm            rebuild build/wasm even when it exists
  --out FILE              where the Markdown report goes (the .json goes next to it)
  -h, --help              this text

exit codes:
  0  success (also --help)
  1  a contender crashed or a nabla case failed (the report lists which)
  2  a bad command line
`;

const OPTIONS = {
  smoke: { type: 'boolean' },
  only: { type: 'string' },
  'tfjs-backends': { type: 'string' },
  'tfjs-cpu-cases': { type: 'string' },
  rounds: { type: 'string' },
  reps: { type: 'string' },
  'max-minutes': { type: 'string' },
  'build-wasm': { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** A bad command line: run.mjs prints the message and USAGE to stderr and exits with code 2. */
export class UsageError extends Error {}

/** Levenshtein distance with adjacent transpositions as one edit (the CLI's engine/cli/args.cpp rule). */
export function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The candidate closest to `name` when it is a likely typo of it (1 edit up to 4 characters, 2 up to 8, 3 beyond). */
export function closestName(name, candidates) {
  const allowed = name.length <= 4 ? 1 : name.length <= 8 ? 2 : 3;
  let best = null;
  let bestDistance = allowed + 1;
  for (const c of candidates) {
    const distance = editDistance(name, c);
    if (distance < bestDistance) [best, bestDistance] = [c, distance];
  }
  return best;
}

const list = (s) => (s == null ? null : s.split(',').filter(Boolean));

/**
 * Parses the flags; returns { help: true } for --help, else the settings run.mjs needs. `contenderIds` are
 * the valid --only entries.
 */
export function parseRunArgs(argv, contenderIds) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    const flag = /'(-[^']*)'/.exec(e.message)?.[1];
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
      const hint = closestName(flag.replace(/^-+/, ''), Object.keys(OPTIONS));
      throw new UsageError(`unknown flag '${flag}'${hint ? `; did you mean '--${hint}'?` : ''}`);
    }
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
      const name = flag.replace(/ .*/, '');
      throw new UsageError(OPTIONS[name.slice(2)]?.type === 'boolean' ? `flag '${name}' takes no value` : `flag '${name}' needs a value`);
    }
    if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`unexpected argument ${/'[^']*'/.exec(e.message)?.[0] ?? ''}`);
    throw new UsageError(e.message);
  }
  if (values.help) return { help: true };
  const only = list(values.only);
  for (const id of only ?? []) {
    if (!contenderIds.includes(id)) {
      const hint = closestName(id, contenderIds);
      throw new UsageError(`--only: unknown contender '${id}'${hint ? `; did you mean '${hint}'?` : ''} (${contenderIds.join(', ')})`);
    }
  }
  if (only?.some((id) => id.endsWith('-cpu')) && values['tfjs-cpu-cases'] == null) {
    throw new UsageError('--only: the tfjs-*-cpu contenders run only with --tfjs-cpu-cases');
  }
  const tfjsBackends = values['tfjs-backends'] ?? 'wasm,cpu';
  for (const b of list(tfjsBackends)) {
    if (b !== 'wasm' && b !== 'cpu') throw new UsageError(`--tfjs-backends: unknown backend '${b}' (wasm, cpu)`);
  }
  const rounds = values.rounds == null ? 1 : Number(values.rounds);
  if (!(Number.isInteger(rounds) && rounds >= 1)) throw new UsageError(`--rounds: expected a whole number >= 1, got '${values.rounds}'`);
  if (values.smoke && values.rounds != null && rounds !== 1) throw new UsageError('--rounds: a --smoke run has one round');
  const reps = values.reps == null ? null : Number(values.reps);
  if (reps != null && !(Number.isInteger(reps) && reps >= 1)) throw new UsageError(`--reps: expected a whole number >= 1, got '${values.reps}'`);
  const maxMinutes = values['max-minutes'] == null ? null : Number(values['max-minutes']);
  if (maxMinutes != null && !(maxMinutes > 0)) throw new UsageError(`--max-minutes: expected a number > 0, got '${values['max-minutes']}'`);
  return {
    help: false,
    smoke: Boolean(values.smoke),
    only,
    tfjsBackends,
    tfjsCpuCases: values['tfjs-cpu-cases'] ?? null,
    rounds,
    reps,
    maxMinutes,
    buildWasm: Boolean(values['build-wasm']),
    out: values.out ?? null,
  };
}
