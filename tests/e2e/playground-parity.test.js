// Browser test of the playground's TensorFlow Playground parity and its bad-input handling: the y > f(x) set,
// a regression CSV, right-click deletion, discretized output and hidden test data; and for a CSV row with the
// wrong column count, a non-integer class, an empty CSV, a formula that does not parse and a cut-off share
// link, an inline message naming the problem while the previous state stays and the page keeps training.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();

async function open(hash) {
  const opened = await openPage(session.browser);
  await opened.page.goto(`${session.server.url}${hash}`);
  await opened.page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await opened.page.waitForFunction(() => document.body.dataset.workerUnits !== undefined, null, { timeout: 10000 });
  return opened;
}

const lastError = (page) => page.evaluate(() => document.querySelector('#errors p:last-child')?.firstChild?.textContent ?? '');
const address = (page) => page.evaluate(() => location.hash);

async function trains(page) {
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 2, null, { timeout: 15000 });
  await page.click('#play');
}

async function loadCsv(page, text, kind = 'classes') {
  await page.evaluate(() => { document.querySelector('details.csv').open = true; });
  await page.selectOption('#csv-kind', kind);
  await page.fill('#csv-text', text);
  await page.click('#csv-load');
}

test('bad CSV and a bad formula are named inline, and the points on screen stay', async () => {
  const { context, page, errors } = await open('#data=curve&n=200&fx=tanh(x)*3');
  const before = await address(page);
  const points = await page.evaluate(() => document.body.dataset.points);
  for (const [csv, message] of [
    ['1,2,0\n3,4,1,9', /CSV line 2: expected 3 values \(2 features and the label, as on line 1\), found 4; the points on screen are kept/],
    ['1,2,0\n3,4,0.5', /CSV line 2: label 0.5 is not a class 0..4 \(classes are whole numbers/],
    ['', /CSV: no points found/],
  ]) {
    await loadCsv(page, csv);
    assert.match(await lastError(page), message);
    assert.equal(await address(page), before);
    assert.equal(await page.evaluate(() => document.body.dataset.points), points);
  }
  await page.fill('#curve', 'tanh(x *');
  await page.press('#curve', 'Enter');
  assert.match(await lastError(page), /f\(x\) "tanh\(x \*": column 9: .*; keeping f\(x\) = tanh\(x\)\*3/);
  assert.equal(await page.inputValue('#curve'), 'tanh(x)*3');
  assert.equal(await address(page), before);
  await trains(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a regression CSV trains; right-click deletes the point under the mouse', async () => {
  const { context, page, errors } = await open('#data=moons&n=100');
  const rows = Array.from({ length: 60 }, (_, i) => `${(i % 10) - 5},${Math.floor(i / 10) - 3},${((i % 10) - 5) / 5}`);
  await loadCsv(page, `x,y,target\n${rows.join('\n')}`, 'values');
  await page.waitForFunction(() => location.hash.includes('data=customReg') && location.hash.includes('rpts='));
  assert.equal(await page.evaluate(() => document.body.dataset.points), '60');
  assert.equal(await page.isDisabled('#loss'), true); // regression trains with MSE
  await trains(page);

  // the point (0, 0) sits at the middle of the plane
  const box = await page.locator('#heatmap').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { button: 'right' });
  await page.waitForFunction(() => document.body.dataset.points === '59');
  await page.mouse.click(box.x + 3, box.y + 3, { button: 'right' }); // a corner, far from every point
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => document.body.dataset.points), '59');
  assert.deepEqual(errors, []);
  await context.close();
});

test('discretize output shows only the class colours; hiding test data hides their rings', async () => {
  const { context, page, errors } = await open('#data=circles&n=300'); // untrained: unsure, so shaded
  // the share of pixels in the two commonest colours: near all of the plane when discretized (points aside)
  const topTwoShare = () => page.evaluate(() => {
    const c = document.getElementById('heatmap');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const counts = new Map();
    for (let i = 0; i < d.length; i += 4) {
      const key = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const top = [...counts.values()].sort((a, b) => b - a);
    return (top[0] + (top[1] ?? 0)) / (d.length / 4);
  });
  await page.check('#show-test');
  await page.uncheck('#show-test');
  await page.waitForFunction(() => location.hash.includes('test=0'));
  const smooth = await topTwoShare();
  await page.check('#discretize');
  await page.waitForFunction(() => location.hash.includes('disc=1'));
  const hard = await topTwoShare();
  assert.ok(hard > 0.7 && smooth < 0.3, `two colours cover ${hard} of the discretized heatmap, ${smooth} of the smooth one`);
  await page.check('#show-test'); // the test points' rings come back over the two colours
  const withTest = await topTwoShare();
  assert.ok(withTest < hard - 0.005, `test rings shown: ${withTest}, hidden: ${hard}`);
  await trains(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a cut-off share link says what is wrong and opens with fresh weights', async () => {
  const { context, page, errors } = await open('#data=xor&net=4t&w=AAAAAAAA');
  assert.match(await page.textContent('#errors'), /weights do not fit this network/);
  await trains(page);
  const cut = await open('#data=custom&pts=AAAAAA'); // 4 bytes: not whole 5-byte points
  assert.match(await cut.page.textContent('#errors'), /Link: pts: 4 bytes is not a whole number of 5-byte points/);
  await trains(cut.page); // on the default dataset
  assert.deepEqual(cut.errors, []);
  await cut.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a hand-edited share link names each bad value inline, keeps the rest of the link and trains', async () => {
  const { context, page, errors } = await open('#data=spiral&k=3&n=150&seed=4&lr=fast&net=8t,99r&opt=nadam&f=x,zz&batch=0&w=AA!A');
  const text = await page.textContent('#errors');
  for (const message of [/Link: lr=fast: expected a number/, /Link: net=8t,99r: expected up to 8 layers/,
    /Link: opt=nadam: expected one of/, /Link: f=x,zz: features are a non-empty list/, /Link: batch=0: expected an integer in \[1, 2000\]/,
    /weights do not fit this network, starting from fresh weights: not base64url text/]) assert.match(text, message);
  assert.equal(await page.evaluate(() => document.body.dataset.points), '150'); // data=spiral&n=150 still apply
  assert.equal(await page.inputValue('#dataset'), 'spiral');
  assert.equal(await page.evaluate(() => document.body.dataset.workerUnits), '16,16'); // the default network
  await trains(page);
  const cut = await open('#data=xor&net=4t&w=AAAAA'); // cut off inside a byte
  assert.match(await cut.page.textContent('#errors'), /5 characters cannot hold whole bytes \(cut off\?\)/);
  await trains(cut.page);
  assert.deepEqual(cut.errors, []);
  await cut.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});
