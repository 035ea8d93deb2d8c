// Browser test of the playground's run history: float16 snapshots at whole epochs, the slider that scrubs the
// boundary, diagram and loss curve back through the run (refused, with a message, while training), and
// "Share run", whose link replays the same run: the replay's losses at every snapshot are the original's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();

const snapshots = (page) => page.evaluate(() => JSON.parse(document.body.dataset.snapshots ?? '[]'));
const stoppedAt = (page, epoch) => page.waitForFunction((e) => document.getElementById('play').getAttribute('aria-pressed') === 'false' &&
  document.getElementById('epoch').textContent === String(e), epoch, { timeout: 30000 });
const heatmapPixels = (page) => page.evaluate(() => {
  const c = document.getElementById('heatmap');
  return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data.filter((_, i) => i % 97 === 0));
});

test('the slider scrubs back through the run, and a shared run replays with the same losses', async () => {
  const { context, page, errors } = await openPage(session.browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
  await page.goto(`${session.server.url}#data=spiral&k=3&n=300&net=16t,16t&lr=0.01&batch=8&seed=11&stop=6`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await page.click('#play');
  await stoppedAt(page, 6);
  const original = await snapshots(page);
  assert.deepEqual(original.map((s) => s.epoch), [0, 1, 2, 3, 4, 5, 6]);
  assert.ok(original[6].trainLoss < original[0].trainLoss, JSON.stringify(original));
  const live = await heatmapPixels(page);

  // back to epoch 2: the stats, the heatmap and the curve show that moment
  await page.locator('#scrub').fill('2');
  await page.waitForFunction(() => document.getElementById('epoch').textContent === '2');
  assert.equal(await page.textContent('#scrub-out'), 'epoch 2');
  assert.ok(Math.abs(Number(await page.textContent('#test-loss')) - original[2].testLoss) < 2e-3,
    `scrubbed test loss ${await page.textContent('#test-loss')}, snapshot ${original[2].testLoss}`); // float16 weights
  const past = await heatmapPixels(page);
  assert.ok(past.some((v, i) => Math.abs(v - live[i]) > 10), 'the heatmap did not change when scrubbing back');
  await page.locator('#scrub').fill('7'); // the right end: the live model
  await page.waitForFunction(() => document.getElementById('epoch').textContent === '6');
  assert.equal(await page.textContent('#scrub-out'), 'live');

  // scrubbing while training is refused with a message
  await page.click('#play');
  await page.locator('#scrub').fill('1');
  await page.waitForSelector('#errors p');
  assert.match(await page.textContent('#errors'), /Pause training to look back through the run/);
  await page.click('#play');

  // "Share run": the link replays the run by itself, to the same epoch and the same losses
  await page.locator('#scrub').fill(await page.locator('#scrub').getAttribute('max'));
  await page.click('#share-run');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /[#&]play=1/);
  const stop = Number(/[#&]stop=(\d+)/.exec(link)[1]); // the epoch reached, rounded up
  assert.ok(stop >= 7, link);
  const replay = await openPage(session.browser);
  await replay.page.goto(link);
  await replay.page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await stoppedAt(replay.page, stop);
  // both histories may have thinned (the second play ran on): compare the epochs both hold
  const shared = await snapshots(page), replayed = await snapshots(replay.page);
  const byEpoch = new Map(shared.map((x) => [x.epoch, x]));
  const common = replayed.filter((x) => byEpoch.has(x.epoch));
  assert.ok(common.length >= Math.min(5, shared.length), `only ${common.length} common snapshots`);
  for (const x of common) assert.deepEqual(x, byEpoch.get(x.epoch), `epoch ${x.epoch}`);
  assert.deepEqual(replay.errors, []);
  await replay.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});
