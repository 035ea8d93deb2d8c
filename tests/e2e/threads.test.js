// Threads in the browser: every server of the project (vite preview, hence npm start, and the dev server) sends
// the COOP/COEP headers that make a page cross-origin isolated, so the playground trains on the threaded
// build; a course page served without them still works through the embed script, on the single-threaded build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { launchBrowser, openPage } from './lib/browser.js';
import { openAuthorsPage } from './lib/session.js';
import { REPO, freePort, startPreview, waitForHttp } from './lib/previewServer.js';

const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
let server, browser;
before(async () => { server = await startPreview(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

function assertIsolationHeaders(res, what) {
  for (const [name, value] of Object.entries(ISOLATION)) assert.equal(res.headers.get(name), value, `${what}: ${name}`);
}

test('vite preview and the vite dev server send COOP and COEP on pages, scripts and the engine files', async () => {
  for (const file of ['', 'mnist.html', 'nabla-embed.js']) assertIsolationHeaders(await fetch(`${server.url}${file}`), `preview /${file}`);
  const port = await freePort();
  const dev = spawn(process.execPath, [path.join(REPO, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: REPO, stdio: 'ignore' });  // killed mid-start-up: its noise is not a finding
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForHttp(url, 60000);
    assertIsolationHeaders(await fetch(url), 'dev /');
    assertIsolationHeaders(await fetch(`${url}@fs${REPO}/build/wasm-threads/nabla.worker.js`), 'dev worker script');
  } finally {
    dev.kill();
  }
});

test('the playground page is isolated and its worker trains on the threaded build', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 60000 });
  const { isolated, threads, cores } = await page.evaluate(() => ({
    isolated: crossOriginIsolated, threads: Number(document.body.dataset.engineThreads), cores: navigator.hardwareConcurrency }));
  assert.equal(isolated, true);
  assert.equal(threads, Math.min(cores, 8));
  assert.deepEqual(errors, []);
  await context.close();
});

// A course author's page next to the built site, served with or without the isolation headers.
async function embedPage(headers) {
  const { context, page, errors } = await openAuthorsPage(browser, server,
    '<nabla-playground dataset="spiral" layers="16,16" activation="tanh"></nabla-playground>', { headers });
  const shadow = 'document.querySelector("nabla-playground").shadowRoot';
  await page.waitForFunction(`${shadow}?.querySelector('[data-threads]')`, null, { timeout: 60000 });
  await page.waitForFunction(`${shadow}.querySelector('[data-steps]')`);
  const play = page.locator('nabla-playground');
  await play.locator('button', { hasText: 'Play' }).click();
  await page.waitForFunction(`Number(${shadow}.querySelector('[data-steps]').dataset.steps) > 100`, null, { timeout: 60000 });
  await play.locator('button', { hasText: 'Pause' }).click();
  const result = await page.evaluate(`({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency,
    threads: Number(${shadow}.querySelector('[data-threads]').dataset.threads) })`);
  assert.deepEqual(errors, []);
  await context.close();
  return result;
}

test('the embed script on a course page without the headers trains on one thread, with them on the threaded build', async () => {
  const plain = await embedPage({});
  assert.equal(plain.isolated, false);
  assert.equal(plain.threads, 1);
  const isolated = await embedPage({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
  assert.equal(isolated.isolated, true);
  assert.equal(isolated.threads, Math.min(isolated.cores, 8));
});
