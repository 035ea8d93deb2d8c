// The course-page custom elements react to attribute changes after they are connected (observedAttributes):
// the widget restarts with the new attributes, a bad value shows its message in the widget, a good one clears it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();

const state = (page, sel) => page.evaluate((s) => document.querySelector(s).dataset.state, sel);
const readyAgain = (page, sel) => page.waitForFunction((s) => document.querySelector(s).dataset.state === 'ready', sel, { timeout: 30000 });

test('changed attributes restart a connected widget; a bad one is reported in it and a good one clears it', async () => {
  const { context, page, errors } = await openPage(session.browser, { width: 1200, height: 900 });
  await page.goto(`${session.server.url}course.html`);
  const d = 'nabla-derivatives';
  await readyAgain(page, d);
  const series = () => page.locator(`${d} path[data-series]`).count();
  const before = await series();
  await page.evaluate((s) => document.querySelector(s).setAttribute('orders', '2'), d);
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelectorAll('path[data-series]').length === 3, d, { timeout: 30000 });
  assert.ok(before > 3, `${before} curves before`);
  assert.equal(await state(page, d), 'ready');

  const p = 'nabla-playground';
  await readyAgain(page, p);
  await page.evaluate((s) => document.querySelector(s).setAttribute('layers', 'many'), p);
  await page.waitForFunction((s) => document.querySelector(s).dataset.state === 'error', p, { timeout: 10000 });
  assert.match(await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.nabla-error').textContent, p), /layers="many"/);
  await page.evaluate((s) => { const el = document.querySelector(s); el.setAttribute('layers', '4'); el.setAttribute('dataset', 'circles'); }, p);
  await readyAgain(page, p);
  assert.equal(await page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.nabla-error').hidden, p), true);
  assert.deepEqual(errors, []);
  await context.close();
});
