// Browser test of your own data with more feature columns than x, y: a CSV table trains on every column
// (a class that only the third column decides is learnt), the diagram's inputs are the table's columns, the
// plane is a slice over two chosen columns (the others at their mean, said under the plane) that can change
// while the network trains on, regression targets train too, and bad tables leave the table on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();

async function open(hash) {
  const opened = await openPage(session.browser, { width: 1400, height: 1200 });
  await opened.page.goto(`${session.server.url}${hash}`);
  await opened.page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await opened.page.waitForFunction(() => document.body.dataset.workerUnits !== undefined, null, { timeout: 10000 });
  return opened;
}

async function loadCsv(page, text, kind = 'classes') {
  await page.evaluate(() => { document.querySelector('details.csv').open = true; });
  await page.selectOption('#csv-kind', kind);
  await page.fill('#csv-text', text);
  await page.click('#csv-load');
}

const lastError = (page) => page.evaluate(() => document.querySelector('#errors p:last-child')?.firstChild?.textContent ?? '');
const epoch = (page) => page.evaluate(() => Number(document.getElementById('epoch').textContent));
const inputNames = (page) => page.$$eval('#diagram .neuron[aria-label^="input "]', (els) => els.map((e) => e.getAttribute('aria-label')));

// 300 rows of three columns from a fixed sequence; the class is the sign of `score` alone, so a network that
// saw only the first two columns would stay near 50%
const rows = Array.from({ length: 300 }, (_, i) => {
  const age = 20 + ((i * 37) % 50), height = 1.5 + ((i * 53) % 40) / 100, score = ((i * 71) % 101) - 50 + 0.5;
  return [age, height, score];
});
const classCsv = `age,height,score,label\n${rows.map(([a, h, s]) => `${a},${h},${s},${s > 0 ? 1 : 0}`).join('\n')}`;

test('a CSV table trains on all its columns; the plane is a slice over two chosen ones, the others at their mean', async () => {
  const { context, page, errors } = await open('#data=moons&n=100&net=8t&lr=0.03&stop=0');
  await loadCsv(page, classCsv);
  await page.waitForFunction(() => document.body.dataset.points === '300');
  assert.equal(await page.isVisible('#table-inputs'), true);
  assert.equal(await page.isVisible('#features'), false);
  assert.match(await page.textContent('#table-inputs'), /3 inputs are your table's columns, each standardized[\s\S]*age, height, score/);
  assert.deepEqual(await inputNames(page), ['input age', 'input height', 'input score']);
  assert.deepEqual(await page.$$eval('#diagram .input-label', (els) => els.map((e) => e.textContent)), ['age', 'height', 'score']);
  assert.match(await page.textContent('#slice-note'), /age across, height up .*; score held at its mean/);

  await page.click('#play');
  await page.waitForFunction(() => parseFloat(document.getElementById('test-acc').textContent) >= 90, null, { timeout: 30000 });
  const before = await epoch(page);

  // the slice over age and score shows the boundary that score draws; training goes on, not from scratch
  const pixels = () => page.evaluate(() => {
    const c = document.getElementById('heatmap');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const at = (fx, fy) => {
      const i = (Math.floor(fy * c.height) * c.width + Math.floor(fx * c.width)) * 4;
      return [...d.slice(i, i + 3)];
    };
    return { top: at(0.05, 0.1), bottom: at(0.05, 0.9) };
  });
  await page.selectOption('#plane-y', '2');
  await page.waitForFunction(() => /age across, score up .*; height held at its mean/.test(document.getElementById('slice-note').textContent));
  await page.waitForTimeout(500);
  const slice = await pixels();
  assert.notDeepEqual(slice.top, slice.bottom, 'score up: the classes differ between the top and the bottom of the plane');
  assert.ok(slice.top[2] > slice.top[0] && slice.bottom[0] > slice.bottom[2], `class 1 (blue) above, class 0 (orange) below: ${JSON.stringify(slice)}`);
  assert.ok(await epoch(page) >= before, 'changing the slice kept the trained network');
  assert.deepEqual(await inputNames(page), ['input age', 'input height', 'input score']);
  await page.selectOption('#plane-x', '2'); // the same column twice is refused
  assert.match(await lastError(page), /two different columns; keeping the slice shown/);
  assert.equal(await page.inputValue('#plane-x'), '0');
  await page.click('#play');

  // bad tables: the line is named, the table stays
  for (const [csv, message] of [
    ['a,b,c,label\n1,2,3,0\n4,5,1', /CSV line 3: expected 4 values \(3 features and the label, as on line 1\), found 3; the points on screen are kept/],
    ['a,b,c,label\n1,2,3,0\n4,5,6,0.5', /CSV line 3: label 0.5 is not a class 0..4/],
    ['\n', /CSV: no points found/],
  ]) {
    await loadCsv(page, csv);
    assert.match(await lastError(page), message);
    assert.equal(await page.evaluate(() => document.body.dataset.points), '300');
    assert.deepEqual(await inputNames(page), ['input age', 'input height', 'input score']);
  }
  // links do not carry tables, and say so
  await page.click('#share');
  assert.match(await lastError(page), /Links do not carry a table of 3 columns/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a table with regression targets trains on its columns with mean squared error', async () => {
  const { context, page, errors } = await open('#data=moons&n=100&net=8t&lr=0.01');
  const csv = `a,b,c,d,target\n${rows.map(([a, h, s], i) => `${a},${h},${s},${i % 7},${((s / 50) * 0.8 - (a - 45) / 100).toFixed(4)}`).join('\n')}`;
  await loadCsv(page, csv, 'values');
  await page.waitForFunction(() => location.hash.includes('data=customReg') && document.body.dataset.points === '300');
  assert.deepEqual(await inputNames(page), ['input a', 'input b', 'input c', 'input d']);
  assert.equal(await page.isDisabled('#loss'), true);
  await page.waitForFunction(() => document.getElementById('train-loss').textContent !== '–');
  const start = Number(await page.textContent('#train-loss'));
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 30, null, { timeout: 30000 });
  await page.click('#play');
  const end = Number(await page.textContent('#train-loss'));
  assert.ok(end < start / 5, `train loss ${start} -> ${end}`);
  assert.deepEqual(errors, []);
  await context.close();
});
