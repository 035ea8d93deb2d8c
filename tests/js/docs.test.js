// The docs stay complete and true: every name exported by bindings/js/index.d.ts (and bindings/js/types/) and every member of the
// Nabla interface appears in the API reference (web/docs/api.html), and every ```js sample in the docs pages
// (and web/docs/concepts/*.html) runs against the built WASM module (each in a fresh Node process, as a reader would paste it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = path.join(REPO, 'web/docs');
// The contract: index.d.ts and the per-concept files it re-exports (bindings/js/types/*.d.ts).
const TYPES = path.join(REPO, 'bindings/js/types');
const types = [path.join(REPO, 'bindings/js/index.d.ts'), ...readdirSync(TYPES).map((f) => path.join(TYPES, f))]
  .map((f) => readFileSync(f, 'utf8')).join('\n');
const api = readFileSync(path.join(DOCS, 'api.html'), 'utf8');

test('EveryExportedNameIsInTheApiReference', () => {
  const exported = [...types.matchAll(/^export (?:type|interface|class|function) ([A-Za-z0-9_]+)/gm)].map((m) => m[1]);
  assert.ok(exported.length > 30, `found only ${exported.length} exports`);
  const missing = exported.filter((name) => !new RegExp(`\\b${name}\\b`).test(api));
  assert.deepEqual(missing, []);
});

test('EveryMemberOfNablaIsInTheApiReference', () => {
  const body = types.slice(types.indexOf('export interface Nabla {'));
  const block = body.slice(0, body.indexOf('\n}'));
  const members = [...new Set([...block.matchAll(/^\s{2}(?:readonly )?([a-zA-Z]+)[(<:?]/gm)].map((m) => m[1]))];
  assert.ok(members.length > 25, `found only ${members.length} members`);
  const missing = members.filter((name) => !new RegExp(`<code>[^<]*\\b${name}\\b`).test(api));
  assert.deepEqual(missing, []);
});

/** ```js samples of the docs pages: <pre><code class="language-js"> blocks, HTML entities decoded. */
function samples() {
  const out = [];
  const pages = [...readdirSync(DOCS), ...readdirSync(path.join(DOCS, 'concepts')).map((f) => `concepts/${f}`)];
  for (const file of pages.filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(path.join(DOCS, file), 'utf8');
    for (const m of html.matchAll(/<pre><code class="language-js">([\s\S]*?)<\/code><\/pre>/g)) {
      const code = m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      out.push({ file, index: out.filter((s) => s.file === file).length + 1, code });
    }
  }
  return out;
}

test('TheDocsHaveSamplesForLoadTensorsBackwardAndTrain', () => {
  const all = samples().map((s) => s.code).join('\n');
  for (const api of ['loadNabla', 'nb.tensor', '.backward()', 'nb.trainer', 'nb.grad']) assert.ok(all.includes(api), api);
});

for (const sample of samples()) {
  test(`DocsSampleRuns: ${sample.file} #${sample.index}`, () => {
    const dir = mkdtempSync(path.join(REPO, 'build', 'docs-sample-'));
    try {
      const file = path.join(dir, 'sample.mjs');
      writeFileSync(file, sample.code);
      const run = spawnSync(process.execPath, [file], { cwd: REPO, encoding: 'utf8', timeout: 60000 });
      assert.equal(run.status, 0, `${sample.file} sample ${sample.index} failed:\n${run.stderr}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
