// End-to-end test of the MNIST page (/mnist.html) in headless Chromium: the page loads the real MNIST data
// from the app's server, trains the 784-128-10 MLP (Adam lr 0.002, batch 64) for one epoch to >= 95% test accuracy,
// shows a confusion matrix of all 10,000 test digits and the misclassified ones, Stop ends training within a
// second, a stroke on the canvas gives ten probabilities summing to 1, a saved model loads back to the same
// accuracy, and a missing data file is reported. The MLP 784-256-128-10 and the convnet preset reach the
// README's one-epoch accuracies (>= 96% and >= 98%) in the page's worker. Nothing logs an error. Screenshots: tests/e2e/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage } from './lib/browser.js';
import { REPO } from './lib/previewServer.js';
import { ARTIFACTS, previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();

async function openMnist(options) {
  const opened = await openPage(session.browser, options);
  await opened.page.goto(`${session.server.url}mnist.html`);
  await opened.page.waitForSelector('body[data-data="loaded"][data-model]', { timeout: 60000 });
  return opened;
}

/** Draws a stroke through `points` (fractions of the canvas) with the mouse. */
async function drawStroke(page, points) {
  await page.locator('#draw-canvas').scrollIntoViewIfNeeded(); // mouse events land only inside the viewport
  const box = await page.locator('#draw-canvas').boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 4 });
  await page.mouse.up();
}

/** Picks the preset `model` and one epoch of Adam at `lr`, batch 64. */
async function chooseRun(page, model, lr) {
  await page.selectOption('#model', model);
  await page.waitForSelector(`body[data-model="${model}"]`);
  await page.selectOption('#optimizer', 'adam');
  await page.fill('#lr', lr);
  await page.fill('#batch', '64');
  await page.fill('#epochs', '1');
}

const probabilities = (page) => page.$$eval('#probs .p', (els) => els.map((e) => Number.parseFloat(e.textContent) / 100));

test('one epoch of the 784-128-10 MLP reaches >= 95% test accuracy; drawing gives 10 probabilities summing to 1', async () => {
  const { context, page, errors } = await openMnist({ width: 1400, height: 1000 });
  assert.match(await page.textContent('#data-status'), /60,000 training and 10,000 test images/);
  await chooseRun(page, 'mlp128', '0.002');

  const t0 = Date.now();
  await page.click('#train');
  await page.waitForSelector('body[data-training="finished"]', { timeout: 150000 });
  const seconds = (Date.now() - t0) / 1000;
  const acc = Number(await page.getAttribute('#test-summary', 'data-acc'));
  const speed = await page.textContent('#stat-speed');
  console.log(`mnist e2e: 1 epoch of 784-128-10 (adam 2e-3, batch 64) in ${seconds.toFixed(1)} s, ${speed} samples/s, test accuracy ${(acc * 100).toFixed(2)}%`);
  assert.ok(acc >= 0.95, `test accuracy ${acc} < 0.95`);

  const confusion = await page.$$eval('#confusion td', (tds) => tds.map((td) => Number(td.textContent)));
  assert.equal(confusion.length, 100);
  assert.equal(confusion.reduce((a, b) => a + b, 0), 10000);
  const wrong = await page.$$eval('#gallery figure', (f) => f.length);
  assert.ok(wrong > 0 && wrong <= 60, `gallery shows ${wrong} digits`);
  assert.equal(await page.$$eval('#weights canvas', (c) => c.length), 128, 'one 28x28 image per hidden unit');

  // A "7": a top bar and a diagonal down to the bottom.
  await drawStroke(page, [[0.25, 0.2], [0.75, 0.2], [0.45, 0.85]]);
  await page.waitForFunction(() => document.getElementById('probs').dataset.sum !== '', null, { timeout: 5000 });
  const probs = await probabilities(page);
  assert.equal(probs.length, 10);
  assert.ok(probs.every((p) => p >= 0 && p <= 1), `probabilities ${probs}`);
  const sum = Number(await page.getAttribute('#probs', 'data-sum'));
  assert.ok(Math.abs(sum - 1) < 1e-4, `probabilities sum to ${sum}`);
  const input = await page.evaluate(() => {
    const d = document.getElementById('draw-input').getContext('2d').getImageData(0, 0, 28, 28).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 128) ink++;
    return ink;
  });
  assert.ok(input > 20, `the 28x28 model input shows the stroke (${input} dark pixels)`);

  await page.screenshot({ path: path.join(ARTIFACTS, 'mnist-desktop.png'), fullPage: true });

  // Save, then load into a fresh page: the same test accuracy without training.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
  const saved = path.join(ARTIFACTS, 'mnist-mlp128.safetensors');
  await download.saveAs(saved);
  const { context: c2, page: p2, errors: e2 } = await openMnist({ width: 1400, height: 1000 });
  await p2.setInputFiles('#load', saved);
  await p2.waitForFunction(() => document.getElementById('test-summary').dataset.acc, null, { timeout: 30000 });
  assert.equal(Number(await p2.getAttribute('#test-summary', 'data-acc')), acc, 'the loaded model scores the same');
  assert.deepEqual(e2, []);
  await c2.close();

  assert.deepEqual(errors, []);
  await context.close();
});

// The README's one-epoch figures, in the page's worker (the WASM engine): Adam 1e-3, batch 64, seed 1.
for (const [model, goal, minutes] of [['mlp256', 0.96, 4], ['convnet', 0.98, 8]]) {
  test(`one epoch of the ${model} preset in the page (Adam 1e-3, batch 64) reaches >= ${goal * 100}% test accuracy`, async () => {
    const { context, page, errors } = await openMnist({ width: 1400, height: 1000 });
    await chooseRun(page, model, '0.001');
    const t0 = Date.now();
    await page.click('#train');
    await page.waitForSelector('body[data-training="finished"]', { timeout: minutes * 60000 });
    const acc = Number(await page.getAttribute('#test-summary', 'data-acc'));
    console.log(`mnist e2e: 1 epoch of ${model} (adam 1e-3, batch 64) in ${((Date.now() - t0) / 1000).toFixed(1)} s, test accuracy ${(acc * 100).toFixed(2)}%`);
    assert.ok(acc >= goal, `test accuracy ${acc} < ${goal}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('Stop ends training within a second', async () => {
  const { context, page, errors } = await openMnist({ width: 1400, height: 1000 });
  await page.selectOption('#model', 'mlp256');
  await page.waitForSelector('body[data-model="mlp256"]');
  await page.fill('#epochs', '3');
  await page.click('#train');
  await page.waitForFunction(() => document.getElementById('epoch-progress').value > 0.05, null, { timeout: 30000 });
  const t0 = Date.now();
  await page.click('#stop');
  await page.waitForSelector('body[data-training="stopped"]', { timeout: 5000 });
  const ms = Date.now() - t0;
  assert.ok(ms < 1000, `stopped after ${ms} ms`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page lays out at 360 px wide and trains the convnet', async () => {
  const { context, page, errors } = await openMnist({ width: 360, height: 800, deviceScaleFactor: 2 });
  await page.selectOption('#model', 'convnet');
  await page.waitForSelector('body[data-model="convnet"]');
  await page.waitForFunction(() => document.querySelectorAll('#weights .filters.conv canvas').length >= 8, null, { timeout: 5000 });
  await page.fill('#epochs', '1');
  await page.click('#train');
  await page.waitForFunction(() => document.getElementById('epoch-progress').value > 0.1, null, { timeout: 60000 });
  await page.click('#stop');
  await page.waitForSelector('body[data-training="stopped"]', { timeout: 5000 });
  await drawStroke(page, [[0.5, 0.15], [0.5, 0.85]]);
  await page.waitForFunction(() => document.getElementById('probs').dataset.sum !== '', null, { timeout: 5000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'mnist-360.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a missing data file is reported on the page', async () => {
  const { context, page, errors } = await openPage(session.browser, { width: 1000, height: 700 });
  await page.route('**/data/mnist.bin.gz', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${session.server.url}mnist.html`);
  await page.waitForSelector('body[data-data="failed"]', { timeout: 30000 });
  assert.match(await page.textContent('#errors'), /HTTP 404/);
  assert.equal(await page.isDisabled('#train'), true);
  assert.deepEqual(errors.filter((e) => !e.includes('404')), []);
  await context.close();
});

test('a corrupt data file is reported on the page', async () => {
  const { context, page } = await openPage(session.browser, { width: 1000, height: 700 });
  const bytes = Buffer.alloc(1000);
  bytes.write('NBMNIST1', 0, 'latin1');
  bytes.writeUInt32LE(60000, 8); bytes.writeUInt32LE(10000, 12); bytes.writeUInt32LE(28, 16); bytes.writeUInt32LE(28, 20);
  await page.route('**/data/mnist.bin.gz', (route) => route.fulfill({ status: 200, body: bytes, contentType: 'application/octet-stream' }));
  await page.goto(`${session.server.url}mnist.html`);
  await page.waitForSelector('body[data-data="failed"]', { timeout: 30000 });
  assert.match(await page.textContent('#errors'), /truncated or corrupt/);
  await context.close();
});

test('the gzip file sent without Content-Encoding is unpacked in the page', async () => {
  const { context, page, errors } = await openPage(session.browser, { width: 1000, height: 700 });
  const gz = fs.readFileSync(path.join(REPO, 'web/public/data/mnist.bin.gz'));
  await page.route('**/data/mnist.bin.gz', (route) => route.fulfill({ status: 200, body: gz, contentType: 'application/gzip' }));
  await page.goto(`${session.server.url}mnist.html`);
  await page.waitForSelector('body[data-data="loaded"]', { timeout: 60000 });
  assert.match(await page.textContent('#data-status'), /60,000 training and 10,000 test images/);
  assert.deepEqual(errors, []);
  await context.close();
});
