// Browser test of the playground's A/B mode: the setup and a variant (here a ten times larger learning rate)
// train side by side from the same seed and points, each in its own worker, and end at different losses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();

test('A/B trains the setup and a variant side by side from the same seed and data', async () => {
  const { context, page, errors } = await openPage(session.browser, { width: 1400, height: 1400 });
  await page.goto(`${session.server.url}#data=spiral&k=3&n=200&net=8t,8t&opt=adam&lr=0.003&seed=7`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await page.evaluate(() => { document.getElementById('ab-panel').open = true; });
  assert.equal(await page.inputValue('#ab-lr'), '0.003'); // B starts as a copy of A
  await page.selectOption('#ab-lr', '0.03');
  await page.click('#ab-compare');
  const panes = page.locator('#ab-pair nabla-playground');
  await page.waitForFunction(() => [...document.querySelectorAll('#ab-pair nabla-playground')].length === 2 &&
    [...document.querySelectorAll('#ab-pair nabla-playground')].every((el) => el.shadowRoot?.querySelector('[data-steps]')), null, { timeout: 30000 });
  const attrs = await panes.evaluateAll((els) => els.map((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]))));
  assert.equal(attrs[0].lr, '0.003');
  assert.equal(attrs[1].lr, '0.03');
  for (const k of ['dataset', 'seed', 'points', 'classes', 'layers', 'activation', 'optimizer']) assert.equal(attrs[0][k], attrs[1][k], k);
  await page.locator('#ab-pair').scrollIntoViewIfNeeded();
  await page.click('#ab-play');
  await page.waitForFunction(() => [...document.querySelectorAll('#ab-pair nabla-playground')]
    .every((el) => Number(el.shadowRoot.querySelector('[data-steps]').dataset.steps) > 300), null, { timeout: 30000 });
  await page.click('#ab-play'); // pauses both
  const losses = await panes.evaluateAll((els) => els.map((el) => Number(el.shadowRoot.querySelector('[data-steps]').dataset.trainLoss)));
  assert.ok(losses.every(Number.isFinite), String(losses));
  assert.notEqual(losses[0], losses[1]);
  assert.deepEqual(errors, []);
  await context.close();
});
