// Browser test of the playground's A/B mode: two full playgrounds side by side, both copies of the setup (same
// seed and data). B then differs in network, activation, features, optimizer, learning rate, regularization and
// batch; both train to the same stop epoch, and each run's losses at every epoch are exactly those of its setup
// trained alone on its own page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();

const STOP = 4;
const stopped = (target) => target.waitForFunction((e) => document.getElementById('play').getAttribute('aria-pressed') === 'false' &&
  document.getElementById('epoch').textContent === String(e), STOP, { timeout: 60000 });
const snapshots = (target) => target.evaluate(() => JSON.parse(document.body.dataset.snapshots ?? '[]'));

test('A/B trains two setups differing in every kind of setting, each identical to that setup trained alone', async () => {
  const { context, page, errors } = await openPage(session.browser, { width: 1400, height: 1400 });
  await page.goto(`${session.server.url}#data=spiral&k=3&n=200&net=8t,8t&opt=adam&lr=0.003&batch=16&seed=7&stop=${STOP}`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await page.evaluate(() => { document.getElementById('ab-panel').open = true; });
  await page.click('#ab-compare');
  await page.waitForFunction(() => [...document.querySelectorAll('#ab-pair iframe')].length === 2 &&
    [...document.querySelectorAll('#ab-pair iframe')].every((f) => f.contentDocument?.body?.dataset.engine === 'ready' &&
      f.contentDocument.body.dataset.workerUnits !== undefined), null, { timeout: 60000 });
  const [a, b] = await Promise.all(['A', 'B'].map(async (name) => (await page.$(`iframe[data-ab-pane="${name}"]`)).contentFrame()));
  assert.equal(await a.evaluate(() => location.hash), await b.evaluate(() => location.hash)); // B starts as a copy of A
  assert.equal(await b.isVisible('#ab-panel'), false); // no A/B inside a pane
  assert.equal(await b.evaluate(() => document.body.dataset.framed), 'ab');

  // B: another width and activation, a third layer, x² as an input, SGD with momentum, lr 0.03, L2, batch 8
  await b.evaluate(() => { for (const d of document.querySelectorAll('details.panel')) d.open = true; });
  await b.fill('#layer-controls .layer:nth-child(1) input', '12');
  await b.press('#layer-controls .layer:nth-child(1) input', 'Enter');
  await b.selectOption('#layer-controls .layer:nth-child(2) select', 'relu');
  await b.click('#add-layer');
  await b.check('#features input[value="xx"]');
  await b.selectOption('#optimizer', 'momentum');
  await b.selectOption('#lr', '0.03');
  await b.selectOption('#reg', 'l2');
  await b.fill('#batch', '8');
  await b.press('#batch', 'Enter');
  await b.waitForFunction(() => document.body.dataset.workerUnits === '12,8,8');
  const hashB = await b.evaluate(() => location.hash), hashA = await a.evaluate(() => location.hash);
  for (const part of ['net=12t,8r,8r', 'f=x,y,xx', 'opt=momentum', 'lr=0.03', 'reg=l2', 'batch=8']) assert.ok(hashB.includes(part), `${part} in ${hashB}`);
  await page.waitForFunction(() => /B differs from A in .*net: 8t,8t → 12t,8r,8r.*opt: adam → momentum/.test(document.getElementById('ab-diff').textContent));

  await page.click('#ab-play');
  await Promise.all([stopped(a), stopped(b)]);
  const runA = await snapshots(a), runB = await snapshots(b);
  assert.deepEqual(runA.map((s) => s.epoch), [0, 1, 2, 3, 4]);
  assert.deepEqual(runB.map((s) => s.epoch), [0, 1, 2, 3, 4]);
  assert.notDeepEqual(runA.map((s) => s.trainLoss), runB.map((s) => s.trainLoss));

  // each setup alone, on its own page: the same losses, epoch by epoch
  for (const [hash, run] of [[hashA, runA], [hashB, runB]]) {
    const alone = await openPage(session.browser);
    await alone.page.goto(`${session.server.url}${hash}`);
    await alone.page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
    await alone.page.waitForFunction(() => document.body.dataset.workerUnits !== undefined);
    await alone.page.click('#play');
    await stopped(alone.page);
    assert.deepEqual(await snapshots(alone.page), run, hash);
    assert.deepEqual(alone.errors, []);
    await alone.context.close();
  }
  assert.deepEqual(errors, []);
  await context.close();
});
