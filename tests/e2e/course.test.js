// The example lesson (course.html) in headless Chromium: every embedded widget renders, the playground
// trains, the digit widget classifies a drawn stroke; the three-line embed works on a page of its own
// (served next to the built site) and as an iframe; no console errors; screenshots under tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser, openPage } from './lib/browser.js';
import { openAuthorsPage } from './lib/session.js';
import { REPO, startPreview } from './lib/previewServer.js';

const ARTIFACTS = path.join(REPO, 'tests/e2e/artifacts');
const WIDGETS = 'nabla-graph, nabla-derivatives, nabla-playground, nabla-digit';
let server, browser;
before(async () => { server = await startPreview(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('EveryWidgetOfTheLessonRendersAndThePlaygroundTrains', async () => {
  const { context, page, errors } = await openPage(browser, { width: 1200, height: 900 });
  await page.goto(`${server.url}course.html`);
  const count = await page.locator(WIDGETS).count();
  assert.equal(count, 6);
  await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((w) => w.dataset.state === 'ready'), WIDGETS, { timeout: 30000 });
  assert.equal(await page.locator('nabla-graph .nabla-figure svg').count(), 3);
  assert.equal(await page.locator('nabla-derivatives path[data-series]').count(), 7);
  // train: Play, wait for steps, check the loss went down
  const play = page.locator('nabla-playground');
  await play.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('nabla-playground').shadowRoot.querySelector('[data-steps]'));
  const body = play.locator('[data-ready]');
  const loss0 = Number(await body.getAttribute('data-train-loss'));
  await play.locator('button', { hasText: 'Play' }).click();
  await page.waitForFunction(() => Number(document.querySelector('nabla-playground').shadowRoot.querySelector('[data-steps]').dataset.steps) > 300);
  await play.locator('button', { hasText: 'Pause' }).click();
  const loss1 = Number(await body.getAttribute('data-train-loss'));
  assert.ok(loss1 < loss0 * 0.9, `train loss ${loss0} -> ${loss1}`);
  // draw a "1": one vertical stroke
  const pad = page.locator('nabla-digit canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.15 + 0.07 * i));
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('nabla-digit').shadowRoot.querySelector('[data-prediction]'));
  const prediction = await page.locator('nabla-digit [data-prediction]').getAttribute('data-prediction');
  assert.equal(prediction, '1');
  await page.screenshot({ path: path.join(ARTIFACTS, 'course-desktop.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('LessonFitsA360PixelScreen', async () => {
  const { context, page, errors } = await openPage(browser, { width: 360, height: 800 });
  await page.goto(`${server.url}course.html`);
  await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((w) => w.dataset.state === 'ready'), WIDGETS, { timeout: 30000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the lesson scrolls sideways by ${overflow} px at 360 px`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'course-360.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('ThreeLineEmbedAndIframeWorkOnAnotherPage', async () => {
  // a course author's page next to the built site: a script tag and two elements
  const { context, page, errors } = await openAuthorsPage(browser, server, `<nabla-graph expr="a = 2; b = a * a + 1" backward></nabla-graph>
<iframe src="embed.html?widget=derivatives&fn=sigmoid(x)&orders=2&from=-5&to=5" width="700" height="480" title="derivatives"></iframe>`);
  await page.waitForFunction(() => document.querySelector('nabla-graph')?.shadowRoot?.querySelector('tr[data-name="a"]')?.dataset.grad === '4');
  const frame = page.frameLocator('iframe');
  await frame.locator('nabla-derivatives[data-state="ready"]').waitFor();
  assert.equal(await frame.locator('nabla-derivatives path[data-series]').count(), 3);
  assert.deepEqual(errors, []);
  await context.close();
});
