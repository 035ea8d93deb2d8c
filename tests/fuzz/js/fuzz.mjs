// Random and mutation fuzzing of the JavaScript parsers that read user input: the playground's CSV importer and
// URL-state decoder, and the expression language (parse + evaluate). libFuzzer cannot drive JavaScript, so this is
// coverage-less: a seeded generator mixes valid inputs, their mutations (byte flips, splices, repeats, deep
// nesting, huge numbers) and random text. Every input must finish within 100 ms and either succeed with a
// well-formed result or throw the parser's documented error; anything else is a failure, and the input is saved
// to build/fuzz/artifacts/ for tests/fuzz/regressions/.
// Inputs are at most 64 KiB (the C++ targets' -max_len).
// Usage: node tests/fuzz/js/fuzz.mjs [--seconds 30] [--seed 1] [--only csv|state|expr]
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TARGETS } from './targets.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const seconds = Number(opt('seconds', 30));
const seed = Number(opt('seed', Date.now() % 1e9));
const only = opt('only', null);
const LIMIT_MS = 100;
const MAX_LEN = 65536; // as libFuzzer's -max_len in scripts/fuzz.sh

// mulberry32: a small seeded generator, so a failing run can be repeated with --seed.
function rng(s) {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = ' \t\n\r,;#-+.eE0123456789xyzlabel()[]*/=_&%=#\u00e9\u0000\ufffdabcdefghijklmnopqrstuvwxyzINFNaN';
function mutate(text, r, tokens) {
  const pick = (a) => a[Math.floor(r() * a.length)];
  const at = () => Math.floor(r() * (text.length + 1));
  let out = text;
  const edits = 1 + Math.floor(r() * 4);
  for (let k = 0; k < edits; ++k) {
    const i = at();
    switch (Math.floor(r() * 9)) {
      case 0: out = out.slice(0, i) + pick(ALPHABET) + out.slice(i); break;
      case 1: out = out.slice(0, i) + out.slice(i + 1 + Math.floor(r() * 8)); break;
      case 2: out = out.slice(0, i) + pick(tokens) + out.slice(i); break;
      case 3: { const j = at(); out = out.slice(0, Math.min(i, j)) + out.slice(Math.min(i, j), Math.max(i, j)).repeat(1 + Math.floor(r() * 50)) + out.slice(Math.max(i, j)); break; }
      case 4: out = out.slice(0, i); break;
      case 5: out = pick(['1e308', '-1e309', '1e-400', 'NaN', 'Infinity', '0x10', '9'.repeat(400), '-0', '.5', '5.']) + out; break;
      case 6: { const n = 1 + Math.floor(r() ** 3 * 5000); out = out.slice(0, i) + pick(['(', '[', '-', '+', '**']).repeat(n) + out.slice(i); break; }
      case 7: out = out.slice(0, i) + String.fromCharCode(Math.floor(r() * 0x10000)) + out.slice(i); break;
      default: out = Array.from({ length: Math.floor(r() * 40) }, () => pick(ALPHABET)).join(''); break;
    }
  }
  return out.length > MAX_LEN ? out.slice(0, MAX_LEN) : out;
}

let failures = 0;
for (const [name, target] of Object.entries(TARGETS)) {
  if (only && name !== only) continue;
  const r = rng(seed ^ name.length * 7919);
  const corpus = [...target.seeds];
  const stop = performance.now() + seconds * 1000;
  let runs = 0, accepted = 0, slowest = 0;
  while (performance.now() < stop) {
    const input = r() < 0.1 ? target.seeds[Math.floor(r() * target.seeds.length)]
      : mutate(corpus[Math.floor(r() * corpus.length)], r, target.tokens);
    const t0 = performance.now();
    let problem = null, ok = false;
    try {
      ok = target.run(input);
    } catch (err) {
      if (!target.expected(err)) problem = `unexpected ${err?.constructor?.name}: ${err?.message}`;
    }
    let ms = performance.now() - t0;
    if (!problem && ms > LIMIT_MS) {
      // A garbage collection or a busy machine can stall one run: only an input that is slow twice counts.
      const t1 = performance.now();
      try { target.run(input); } catch {}
      ms = Math.min(ms, performance.now() - t1);
    }
    slowest = Math.max(slowest, ms);
    if (!problem && ms > LIMIT_MS) problem = `took ${ms.toFixed(1)} ms (limit ${LIMIT_MS})`;
    runs++;
    if (ok) {
      accepted++;
      if (corpus.length < 2000) corpus.push(input); // inputs that parse are the best material for mutation
    }
    if (problem) {
      failures++;
      mkdirSync('build/fuzz/artifacts', { recursive: true });
      const file = `build/fuzz/artifacts/${name}-${seed}-${runs}.txt`;
      writeFileSync(file, input);
      console.log(`fuzz ${name}: ${problem}\n  input (${input.length} chars) saved to ${file}`);
      if (failures > 5) break;
    }
  }
  console.log(`fuzz ${name}: ${runs} inputs in ${seconds} s (seed ${seed}), ${accepted} accepted, slowest ${slowest.toFixed(1)} ms`);
}
if (failures) {
  console.log(`${failures} failing inputs; add them to tests/fuzz/regressions/<target>/`);
  process.exit(1);
}
