// Around the pages: every page links to the other four (playground, MNIST, graph, lesson, docs) and the links
// answer; the playground shows a loading state until its engine runs; the pages follow prefers-color-scheme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();
const PAGES = ['index.html', 'mnist.html', 'graph.html', 'course.html', 'docs/index.html'];

test('every page links to the other four, and each link answers', async () => {
  const { context, page } = await openPage(session.browser);
  for (const from of PAGES) {
    await page.goto(`${session.server.url}${from}`, { waitUntil: 'domcontentloaded' });
    const links = await page.evaluate(() => [...document.querySelectorAll('nav[aria-label="Site"] a')].map((a) => a.href));
    const reached = links.map((href) => new URL(href).pathname.replace(/^.*?\/(?=(docs\/)?[^/]+$)/, ''));
    for (const to of PAGES.filter((p) => p !== from)) assert.ok(reached.includes(to), `${from} has no link to ${to}: ${reached}`);
    for (const href of links) assert.equal((await fetch(href)).status, 200, `${from} -> ${href}`);
  }
  await context.close();
});

test('the playground says it is starting the engine, with Play disabled, until the engine runs', async () => {
  const { context, page, errors } = await openPage(session.browser);
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(session.server.url);
  await page.waitForSelector('#engine-status');
  assert.match(await page.textContent('#engine-status'), /Starting the engine/);
  assert.equal(await page.isDisabled('#play'), true);
  release();
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  assert.equal(await page.isVisible('#engine-status'), false);
  assert.equal(await page.isDisabled('#play'), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the pages follow prefers-color-scheme: dark backgrounds in dark mode, light in light mode', async () => {
  const luminance = (page) => page.evaluate(() => {
    for (const el of [document.body, document.documentElement]) {
      const m = getComputedStyle(el).backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
      if (m.length < 4 || m[3] > 0) return 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2];
    }
    return 255; // transparent all the way: the canvas default, white
  });
  for (const scheme of ['dark', 'light']) {
    const context = await session.browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const p of PAGES) {
      await page.goto(`${session.server.url}${p}`, { waitUntil: 'load' });
      const l = await luminance(page);
      assert.ok(scheme === 'dark' ? l < 60 : l > 200, `${p} in ${scheme} mode: background luminance ${l}`);
    }
    await context.close();
  }
});
