// Every repository path that the docs pages, the README and docs/*.md name (tests/js/x.test.js,
// scripts/..., web/src/...) exists, so a reader who follows one finds the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOP = ['tests', 'scripts', 'web', 'bindings', 'engine', 'benchmarks', 'docs'];
// a path: one of the top folders, then folder or file names
const PATH = new RegExp(`(?<![\\w./-])(?:${TOP.join('|')})/[\\w.-]+(?:/[\\w.-]+)*`, 'g');

function documents() {
  const docs = fs.readdirSync(path.join(REPO, 'web/docs')).filter((f) => f.endsWith('.html')).map((f) => `web/docs/${f}`);
  const md = fs.readdirSync(path.join(REPO, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  return ['README.md', ...docs, ...md];
}

/** Whether git ignores p: a build output (web/public/data/mnist.bin.gz), made by `npm run build`, not kept. */
function generated(p) {
  // p and p/: a directory-only pattern (tests/e2e/artifacts/) matches a missing path only when it ends in '/'
  return [p, `${p}/`].some((q) => {
    try {
      execFileSync('git', ['check-ignore', '-q', q], { cwd: REPO });
      return true;
    } catch {
      return false;
    }
  });
}

test('every repository path named in the docs and the README exists', () => {
  const missing = [];
  for (const doc of documents()) {
    const text = fs.readFileSync(path.join(REPO, doc), 'utf8');
    for (const [raw] of text.matchAll(PATH)) {
      const p = raw.replace(/[.,:;)]+$/, ''); // sentence punctuation after a path
      if (!fs.existsSync(path.join(REPO, p)) && !generated(p)) missing.push(`${doc}: ${p}`);
    }
  }
  assert.deepEqual(missing, []);
});
