// Browser test of the MNIST page's architecture editor and "see inside" views (headless Chromium): layers
// added, edited, reordered and removed show the engine's shapes and parameter counts; a layer that does not
// fit says why inline and Train stays off; the address reopens the same network; every layer's maps appear
// for a test digit and change while a convnet trains a little; the convolution view's sum of products plus
// bias equals the engine's feature-map value; the gradient-norm chart fills; light and dark screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage } from './lib/browser.js';
import { REPO } from './lib/previewServer.js';
import { previewAndBrowser } from './lib/session.js';
import { PRESETS, hashOfSpec } from '../../web/src/lib/mnist/spec.js';

const ARTIFACTS = path.join(REPO, 'tests/e2e/artifacts');
const SMALL = 'conv(4,5)-relu-maxpool(2)-flatten-linear(10)';
const session = previewAndBrowser();
fs.mkdirSync(ARTIFACTS, { recursive: true });

async function open(hash = '', scheme = 'light') {
  const opened = await openPage(session.browser, { width: 1400, height: 1000 });
  await opened.page.emulateMedia({ colorScheme: scheme });
  await opened.page.goto(`${session.server.url}mnist.html${hash}`);
  await opened.page.waitForSelector('body[data-data="loaded"][data-model]', { timeout: 60000 });
  await opened.page.waitForSelector('#arch[data-valid="true"]', { timeout: 10000 });
  return opened;
}

const rows = (page) => page.$$eval('#layers > li', (lis) => lis.map((li) => ({
  kind: li.dataset.kind, shape: li.querySelector('.shape').textContent, params: li.querySelector('.params').textContent,
  error: li.querySelector(':scope > .layer-error')?.textContent ?? '' })));
const spec = (page) => page.textContent('#spec-text');
const settled = (page) => page.waitForFunction(() => document.getElementById('arch').dataset.valid !== 'pending', null, { timeout: 10000 });

test('the editor shows the engine\'s shapes and errors inline, Train waits for a sound spec, and a link reopens the net', async () => {
  const { context, page, errors } = await open(`#spec=${SMALL}`);
  assert.equal(await page.$eval('#model', (s) => s.value), 'custom');
  assert.deepEqual(await rows(page), [
    { kind: 'conv', shape: '4×24×24', params: '104 params', error: '' },
    { kind: 'relu', shape: '4×24×24', params: '', error: '' },
    { kind: 'maxpool', shape: '4×12×12', params: '', error: '' },
    { kind: 'flatten', shape: '576', params: '', error: '' },
    { kind: 'linear', shape: '10', params: '5,770 params', error: '' }]);
  assert.equal(await page.isDisabled('#train'), false);

  // A kernel larger than the image: the conv row says so, Train is off until it fits again.
  await page.fill('#layers > li:nth-child(1) input[data-arg="kernel"]', '30');
  await settled(page);
  const bad = await rows(page);
  assert.match(bad[0].error, /kernel 30x30 is larger than its 28x28 input/);
  assert.equal(await page.isDisabled('#train'), true);
  await page.fill('#layers > li:nth-child(1) input[data-arg="kernel"]', '3');
  await settled(page);
  assert.equal((await rows(page))[0].shape, '4×26×26');
  await page.waitForSelector('#train:not([disabled])');

  // Add a batch norm, move it up under the conv; add a residual block there too; remove the relu.
  await page.selectOption('#add-kind', 'bn');
  await page.click('#add-layer');
  await settled(page);
  assert.deepEqual((await rows(page)).at(-1), { kind: 'bn', shape: '10', params: '20 params', error: '' }); // BatchNorm1d on rows
  for (let i = 0; i < 4; i++) { await page.click('#layers > li[data-kind="bn"] > .layer-head .up'); }
  await settled(page);
  assert.equal(await spec(page), 'conv(4,3)-bn-relu-maxpool(2)-flatten-linear(10)');
  assert.deepEqual((await rows(page))[1], { kind: 'bn', shape: '4×26×26', params: '8 params', error: '' });
  await page.click('#layers > li:nth-child(3) .remove');
  await page.selectOption('#add-kind', 'res');
  await page.click('#add-layer');
  for (let i = 0; i < 3; i++) { await page.click('#layers > li[data-kind="res"] > .layer-head .up'); }
  await settled(page);
  assert.equal(await spec(page), 'conv(4,3)-bn-res(conv(8,3,pad=1)-relu)-maxpool(2)-flatten-linear(10)');
  const resRow = (await rows(page))[2];
  assert.match(resRow.error, /a skip connection needs the same shape/);
  await page.fill('#layers > li:nth-child(3) .body > li:first-child input[data-arg="channels"]', '4');
  await settled(page);
  assert.deepEqual((await rows(page)).map((r) => r.shape), ['4×26×26', '4×26×26', '4×26×26', '4×13×13', '676', '10']);
  assert.equal(await page.isDisabled('#train'), false);
  const hash = await page.evaluate(() => location.hash);
  assert.equal(hash, '#spec=conv(4,3)-bn-res(conv(4,3,pad=1)-relu)-maxpool(2)-flatten-linear(10)');
  await page.screenshot({ path: path.join(ARTIFACTS, 'mnist-editor.png'), fullPage: true });

  // The link in a new page: the same layers and parameters.
  const again = await open(hash);
  assert.equal(await spec(again.page), await spec(page));
  assert.deepEqual(await rows(again.page), await rows(page));
  assert.match(await again.page.textContent('#model-info'), /Custom model: 6,966 parameters/);
  assert.deepEqual(again.errors, []);
  await again.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('feature maps of every layer change while training; the convolution\'s numbers give the map\'s value; gradient norms chart', async () => {
  const { context, page, errors } = await open(`#spec=${SMALL}`);
  await page.waitForFunction(() => Number(document.getElementById('inside').dataset.updates) >= 1, null, { timeout: 10000 });
  assert.equal(await page.$eval('#inside', (d) => d.dataset.layers), '6'); // the input image, then 5 layers
  assert.equal(await page.$$eval('#inside canvas.map[data-layer="1"]', (c) => c.length), 4);
  const before = await page.$eval('#inside', (d) => Number(d.dataset.checksum));

  await page.click('#train');
  await page.waitForFunction(() => Number(document.getElementById('grad-chart').dataset.points) >= 3, null, { timeout: 60000 });
  const during = await page.$eval('#inside', (d) => Number(d.dataset.updates));
  await page.waitForFunction((n) => Number(document.getElementById('inside').dataset.updates) > n, during, { timeout: 10000 });
  await page.click('#stop');
  await page.waitForSelector('body[data-training="stopped"]', { timeout: 5000 });
  const afterSum = await page.$eval('#inside', (d) => Number(d.dataset.checksum));
  assert.notEqual(afterSum, before, 'the maps changed as the model trained');
  assert.deepEqual(await page.$$eval('#grad-chart .u-series .u-label', (s) => s.map((e) => e.textContent)), ['1 conv(4,5)', '5 linear(10)'],
    'one line per layer with parameters');

  // Pick another digit, open the conv map of channel 1 and step the window: numbers match the engine.
  await page.click('#pick-digit .sample[data-test="1"]');
  await page.waitForFunction(() => document.querySelector('#pick-digit .sample.on')?.dataset.test === '1');
  await page.click('canvas.map[data-layer="1"][data-channel="1"]');
  await page.waitForSelector('#detail[data-kind="conv"] #window-sum');
  for (let i = 0; i < 40; i++) await page.click('#window-next');
  const [sum, engine] = await page.evaluate(() => ['window-sum', 'window-engine'].map((id) => Number(document.getElementById(id).dataset.value)));
  assert.ok(Number.isFinite(sum) && Math.abs(sum - engine) <= 1e-5 * (1 + Math.abs(engine)), `sum ${sum} vs engine ${engine}`);
  assert.match(await page.textContent('#window-title'), /value \(1, 16\) of 24×24/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'mnist-inside.png'), fullPage: true });

  // Max-pool, ReLU, flatten and softmax views.
  await page.click('canvas.map[data-layer="3"][data-channel="0"]');
  await page.waitForSelector('#detail[data-kind="maxpool"] #window-sum');
  const [pooled, pooledEngine] = await page.evaluate(() => ['window-sum', 'window-engine'].map((id) => Number(document.getElementById(id).dataset.value)));
  assert.equal(pooled, pooledEngine);
  await page.click('canvas.map[data-layer="2"][data-channel="0"]');
  await page.waitForSelector('#detail[data-kind="relu"] #relu-count');
  assert.match(await page.textContent('#relu-count'), /channel 0: \d+ of 576 inputs are negative; \d+ became 0/);
  await page.click('#inside .layer-card[data-layer="4"] .layer-title');
  await page.waitForSelector('#detail[data-kind="flatten"]');
  assert.match(await page.textContent('#detail'), /value \(c, y, x\) goes to place c·144 \+ y·12 \+ x of a vector of 576/);
  await page.click('#inside .layer-card[data-layer="5"] .layer-title');
  await page.waitForSelector('#detail[data-kind="softmax"] #softmax');
  const probs = await page.$$eval('#softmax td[data-prob]', (tds) => tds.map((td) => [Number(td.dataset.prob), Number(td.nextSibling.dataset.engine)]));
  assert.equal(probs.length, 10);
  for (const [mine, theirs] of probs) assert.ok(Math.abs(mine - theirs) < 1e-5, `${mine} vs ${theirs}`);
  assert.ok(Math.abs(probs.reduce((s, [p]) => s + p, 0) - 1) < 1e-5);

  // The padding/stride explorer works the output size out.
  await page.fill('#ex-n', '7');
  await page.fill('#ex-k', '3');
  await page.fill('#ex-p', '0');
  await page.fill('#ex-s', '2');
  assert.equal(await page.$eval('#explorer', (d) => d.dataset.output), '3');
  assert.match(await page.textContent('#ex-formula'), /⌊\(7 \+ 2·0 − 3\) \/ 2⌋ \+ 1 = ⌊4 \/ 2⌋ \+ 1 = 3/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the window`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a deep stack of sigmoids starves its first layers of gradient, and the chart says they vanish', async () => {
  // Ten sigmoid layers: measured under node on 6,000 MNIST digits, the first layer's norm stays near 4e-9 and the
  // hint says 'vanishing' at every one of 60 chunks of 3 Adam steps (seven layers: 54 of 60).
  const { context, page, errors } = await open(`#spec=${Array(10).fill('linear(32)-sigmoid').join('-')}-linear(10)`);
  await page.click('#train');
  await page.waitForFunction(() => Number(document.getElementById('grad-chart').dataset.points) >= 2, null, { timeout: 60000 });
  await page.click('#stop');
  await page.waitForSelector('body[data-training="stopped"]', { timeout: 5000 });
  assert.equal(await page.$eval('#grad-hint', (p) => p.dataset.kind), 'vanishing');
  const hint = await page.textContent('#grad-hint');
  assert.match(hint, /^Vanishing gradients in 1 linear\(32\), /);
  assert.doesNotMatch(hint, /21 linear\(10\)/, 'the last layer still learns');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a malformed link names the problem inline and the page keeps working', async () => {
  const { context, page, errors } = await openPage(session.browser, { width: 1400, height: 1000 });
  await page.goto(`${session.server.url}mnist.html#spec=conv(8,5)-relu-maxpool(2-flatten-linear(10)`);
  await page.waitForSelector('body[data-data="loaded"]', { timeout: 60000 });
  await page.waitForSelector('#arch[data-valid="false"]', { timeout: 10000 });
  const [row] = (await rows(page)).filter((r) => r.error);
  assert.equal(row.kind, 'raw');
  assert.match(row.error, /expected '\)' to close 'maxpool\('/);
  assert.equal(await page.isDisabled('#train'), true);
  await page.selectOption('#model', 'convnet');
  await page.waitForSelector('body[data-model="convnet"]', { timeout: 10000 });
  assert.equal(await page.isDisabled('#train'), false);
  assert.equal(await page.evaluate(() => location.hash), hashOfSpec(PRESETS.convnet.spec));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the dark scheme and a phone-sized window lay the views out; a drawing can be looked inside', async () => {
  const { context, page, errors } = await open(`#spec=${SMALL}`, 'dark');
  await page.waitForFunction(() => Number(document.getElementById('inside').dataset.updates) >= 1, null, { timeout: 10000 });
  const box = await page.locator('#draw-canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.85, { steps: 8 });
  await page.mouse.up();
  const seen = await page.$eval('#inside', (d) => Number(d.dataset.updates));
  await page.click('#inspect-drawing');
  await page.waitForFunction((n) => Number(document.getElementById('inside').dataset.updates) > n, seen, { timeout: 5000 });
  assert.equal(await page.$$eval('#pick-digit .sample.on', (b) => b.length), 0, 'no test digit is picked: the drawing is');
  await page.click('canvas.map[data-layer="1"][data-channel="0"]');
  await page.waitForSelector('#detail[data-kind="conv"] #window-sum');
  await page.screenshot({ path: path.join(ARTIFACTS, 'mnist-inside-dark.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'mnist-inside-360.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
