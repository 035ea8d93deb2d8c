// loadNabla() in a real browser: headless Chromium (playwright-core) loads bindings/js/index.js as an ES
// module without a bundler, on the page and in a module Web Worker, and trains with SIMD there.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

const root = new URL('../../', import.meta.url).pathname;
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
let server, browser, origin;

before(async () => {
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>nabla</title>');
      return;
    }
    if (!/^\/(bindings\/js|build\/wasm)\//.test(path)) { res.writeHead(404).end(); return; }
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

// Runs in the browser (page or worker): loads the engine, checks errors, trains a small model.
const probe = `
  const { loadNabla, NablaError } = await import(ORIGIN + '/bindings/js/index.js');
  const nb = await loadNabla();
  let error = null;
  try { nb.ones([2]).add(nb.ones([3])); } catch (e) { error = { nabla: e instanceof NablaError, message: e.message }; }
  const ds = nb.data.moons({ n: 200, noise: 0.1, seed: 1 });
  nb.manualSeed(1);
  const model = nb.nn.mlp({ inputs: 2, hidden: [16], outputs: 2, activation: 'tanh' });
  const trainer = nb.trainer({ model, optimizer: 'adam', optimizerOptions: { lr: 0.02 }, loss: 'crossEntropy', batchSize: 200 });
  trainer.setData(ds.x, ds.y, ds.n);
  const result = { simd: nb.build.simd, error, accuracy: trainer.step(300).accuracy,
    grad: nb.grad((x) => x.pow(3).sum())(nb.tensor([2])).item() };
`;

test('loads and trains on a browser page', async () => {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(origin + '/');
  const result = await page.evaluate(`(async () => { const ORIGIN = ${JSON.stringify(origin)}; ${probe} return result; })()`);
  assert.deepEqual(pageErrors, []);
  assert.equal(result.simd, true);
  assert.equal(result.error.nabla, true);
  assert.match(result.error.message, /add: shapes \[2\] and \[3\]/);
  assert.equal(result.grad, 12);
  assert.ok(result.accuracy > 0.8, `accuracy ${result.accuracy}`);
  await page.close();
});

test('loads and trains in a module Web Worker', async () => {
  const page = await browser.newPage();
  await page.goto(origin + '/');
  const source = `const ORIGIN = ${JSON.stringify(origin)};
    try { ${probe} postMessage(result); } catch (e) { postMessage({ failed: String(e && e.stack || e) }); }`;
  const result = await page.evaluate((src) => new Promise((resolve) => {
    const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module' });
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => resolve({ failed: e.message });
  }), source);
  assert.equal(result.failed, undefined, result.failed);
  assert.equal(result.simd, true);
  assert.equal(result.error.nabla, true);
  assert.ok(result.accuracy > 0.8, `accuracy ${result.accuracy}`);
  await page.close();
});
