// The npm package as others get it: `npm pack`, then `npm install <tarball>` in an empty temporary folder
// (offline: the package has no dependencies), then (1) a Node 20 script that imports 'nabla' and differentiates,
// with no build step, and (2) a Vite app importing 'nabla' and 'nabla/embed', built by Vite and run in
// headless Chromium, and (3) the same app under `vite dev` with the README's optimizeDeps setting.
// scripts/test-stages/25-npm-package.sh runs it after the WASM build.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, openPage } from './lib/browser.js';
import { REPO, freePort, waitForHttp } from './lib/previewServer.js';

const here = path.join(REPO, 'tests/e2e/package');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
let tmp;
let tarball;
let app;

const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nabla-package-'));
  // prepack rebuilds what the tarball ships (incremental WASM build, the embed bundle).
  const name = npm(['pack', '--silent', '--pack-destination', tmp], REPO).trim().split('\n').pop();
  tarball = path.join(tmp, name);
  app = path.join(tmp, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  npm(['install', '--offline', '--no-audit', '--no-fund', tarball], app);
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('the tarball holds the API, its types, every WASM build, the embed script and the licence, and no sources', () => {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const f of ['package/package.json', 'package/LICENSE', 'package/README.md', 'package/bindings/js/index.js',
                   'package/bindings/js/index.d.ts', 'package/bindings/js/loader.js', 'package/build/wasm/nabla.js',
                   'package/build/wasm/nabla.wasm', 'package/build/embed/nabla-embed.js']) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  const builds = fs.readdirSync(path.join(REPO, 'build/wasm')).filter((f) => /\.(js|wasm)$/.test(f));
  for (const f of builds) assert.ok(files.includes(`package/build/wasm/${f}`), `build/wasm/${f} is in the tarball`);
  assert.ok(!files.some((f) => /\.(cpp|h)$/.test(f) || f.includes('/tests/') || f.includes('/benchmarks/')), files.join('\n'));
  assert.equal(manifest.private, undefined);
  assert.equal(manifest.license, 'MIT');
  assert.equal(manifest.engines.node, '>=20.19');
  assert.deepEqual(manifest.dependencies ?? {}, {}, 'nothing to fetch when the tarball is installed');
});

test('an empty folder with only the tarball installed imports nabla in Node and differentiates', () => {
  fs.copyFileSync(path.join(here, 'sample.mjs'), path.join(app, 'sample.mjs'));
  const out = JSON.parse(execFileSync(process.execPath, ['sample.mjs'], { cwd: app, encoding: 'utf8' }));
  assert.equal(out.g, 36);
  assert.equal(out.da, -24);
  assert.equal(out.db, 36);
  assert.ok(Math.abs(out.d3 - 36) < 1e-4, `d3/dx3 x^4 at 1.5 = 24 * 1.5, got ${out.d3}`);
  assert.equal(out.embed, `file://${fs.realpathSync(app)}/node_modules/nabla/build/embed/nabla-embed.js`);
});

test('a Vite app importing nabla and nabla/embed builds and runs in Chromium', async () => {
  for (const f of ['index.html', 'main.js']) fs.copyFileSync(path.join(here, 'vite-app', f), path.join(app, f));
  execFileSync(process.execPath, [path.join(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn',
                                  '--base', './'], { cwd: app, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const dist = path.join(app, 'dist');
  const assets = fs.readdirSync(path.join(dist, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the .wasm is an asset of the app: ${assets}`);
  assert.ok(assets.some((f) => f.startsWith('trainer.worker')), `the playground widget's worker too: ${assets}`);
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = http.createServer((req, res) => {
    const file = path.join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!file.startsWith(dist) || !fs.existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchBrowser();
  try {
    const { page, errors } = await openPage(browser);
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 30000 });
    const result = JSON.parse(await page.evaluate(() => document.body.dataset.result));
    assert.deepEqual(result, { grad: [[7, 11], [9, 13]], graphDefined: true });
    // The embed script's <nabla-graph> records the expression in its own engine and draws it with Graphviz.
    await page.waitForSelector('nabla-graph .nabla-figure svg', { timeout: 30000 });
    assert.match(await page.locator('nabla-graph .nabla-figure svg').textContent(), /tanh/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

test('the same app runs under vite dev with optimizeDeps.exclude, as the README says', async () => {
  // Without the setting, Vite's pre-bundler moves the loader away from its .wasm (the README's reason for it).
  fs.writeFileSync(path.join(app, 'vite.config.js'), "export default { optimizeDeps: { exclude: ['nabla'] } };\n");
  const port = await freePort();
  const vite = spawn(process.execPath, [path.join(REPO, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1',
                                        '--port', String(port), '--strictPort'], { cwd: app, stdio: 'ignore' });
  const browser = await launchBrowser();
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`);
    const { page, errors } = await openPage(browser);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 60000 });
    assert.deepEqual(JSON.parse(await page.evaluate(() => document.body.dataset.result)).grad, [[7, 11], [9, 13]]);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    vite.kill();
  }
});
