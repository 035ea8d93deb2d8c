// The house's floors, read from the code's own imports: the engine never includes benchmark code, the web
// app reaches the engine through one module, nothing outside web/src/pages/ imports a page, and every npm
// dependency in package.json is imported (or resolved) somewhere. A move that breaks a floor fails here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SKIP = new Set(['node_modules', 'build', 'dist', '.git']);

function files(dir, exts) {
  const out = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) { if (!SKIP.has(entry.name)) out.push(...files(rel, exts)); }
    else if (exts.some((e) => entry.name.endsWith(e))) out.push(rel);
  }
  return out;
}

/** The module specifiers of a JS file's static and dynamic imports, resolved to repo paths where relative. */
function jsImports(file) {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|(?:require|\.resolve)\(\s*|new URL\(\s*)['"]([^'"]+)['"]/g)]
    .map((m) => m[1]);
  return specs.map((s) => (s.startsWith('.') ? path.normalize(path.join(path.dirname(file), s)) : s));
}

test('no engine source includes benchmark code', () => {
  for (const file of files('engine', ['.cpp', '.h'])) {
    const text = readFileSync(path.join(root, file), 'utf8');
    assert.doesNotMatch(text, /#include\s+"(?:\.\.\/)*(?:benchmarks\/|bench_)/, `${file} includes benchmark code`);
  }
  const cmake = readFileSync(path.join(root, 'CMakeLists.txt'), 'utf8');
  assert.doesNotMatch(cmake, /target_sources\(nabla\b[^)]*BENCH/, 'the CLI target compiles benchmark sources');
});

test('the web app reaches the engine only through web/src/lib/engine.js', () => {
  for (const file of files(path.join('web', 'src'), ['.js']).concat(files('web', ['.html']).filter((f) => !f.includes('docs')))) {
    if (file === path.join('web', 'src', 'lib', 'engine.js')) continue;
    for (const spec of jsImports(file)) {
      assert.ok(!spec.startsWith('bindings') && spec !== 'nabla', `${file} imports ${spec} directly`);
    }
  }
});

test('nothing outside web/src/pages/ imports a page module', () => {
  const pages = path.join('web', 'src', 'pages') + path.sep;
  for (const file of [...files('web', ['.js']), ...files('tests', ['.js']), ...files('scripts', ['.mjs', '.js'])]) {
    if (file.startsWith(pages)) continue;
    for (const spec of jsImports(file)) {
      assert.ok(!spec.startsWith(pages) || spec.endsWith('.css'), `${file} imports ${spec} from a page`);
    }
  }
});

test('every npm dependency is imported somewhere', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
  const used = new Set();
  const sources = files('.', ['.js', '.mjs', '.cjs', '.ts', '.html']);
  for (const file of sources) {
    for (const spec of jsImports(file)) {
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      used.add(name);
    }
  }
  // Tools run by command rather than imported: named in package.json's scripts or a test stage.
  const scripts = Object.values(pkg.scripts).join('\n') + files('scripts', ['.sh'])
    .map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
  for (const dep of deps) {
    const asCommand = new RegExp(`(?:npx|node_modules/\\.bin/)\\s*${dep.replace(/[/.]/g, '\\$&')}\\b`).test(scripts);
    assert.ok(used.has(dep) || asCommand, `${dep} is a dependency that nothing imports`);
  }
});
