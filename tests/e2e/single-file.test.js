// `npm run build:single` (vite.single.config.js): dist-single/index.html is one file with no external script or
// stylesheet, and opened from file:// in headless Chromium it starts the engine and trains the playground.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser, openPage } from './lib/browser.js';
import { REPO } from './lib/previewServer.js';

const FILE = path.join(REPO, 'dist-single/index.html');

test('the single-file playground has no external scripts and trains from file://', async () => {
  assert.ok(fs.existsSync(FILE), `${FILE} is missing: run npm run build:single`);
  assert.deepEqual(fs.readdirSync(path.dirname(FILE)), ['index.html']);
  const html = fs.readFileSync(FILE, 'utf8');
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+rel="stylesheet"/, 'an external script or stylesheet is left');
  const browser = await launchBrowser();
  try {
    const { page, errors } = await openPage(browser);
    await page.goto(pathToFileURL(FILE).href + '#data=moons&n=300');
    await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
    await page.click('#play');
    await page.waitForFunction(() => Number.parseFloat(document.getElementById('test-acc').textContent) >= 90,
      null, { timeout: 20000, polling: 200 });
    await page.click('#play');
    assert.ok(Number(await page.textContent('#epoch')) >= 1);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
