// The graph page's user-defined op in headless Chromium: swish passes the live gradient check, is then called in
// a program whose every value the gradient-check panel finds green, and trains as an activation in the
// playground (its worker registers the op in its own engine); every kind of bad definition (syntax error, unknown
// name, a backward of the wrong shape, a failing gradient check, a built-in name) gets an inline message naming
// its part, and the page goes on working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser, openPage } from './lib/browser.js';
import { REPO, startPreview } from './lib/previewServer.js';

const ARTIFACTS = path.join(REPO, 'tests/e2e/artifacts');
let server, browser;
before(async () => { server = await startPreview(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function define(page, { name, forward, backward }) {
  await page.locator('#uo-name').fill(name);
  await page.locator('#uo-forward').fill(forward);
  await page.locator('#uo-backward').fill(backward);
  await page.locator('#userop button[type=submit]').click();
  await page.waitForFunction(() => ['ok', 'error'].includes(document.querySelector('#userop').dataset.state));
  return page.locator('#userop').evaluate((el) => ({ state: el.dataset.state, part: el.dataset.part, message: el.querySelector('.uo-message').textContent }));
}

const SWISH = { name: 'swish', forward: 'x * sigmoid(x)', backward: 'sigmoid(x) * (1 + x * (1 - sigmoid(x)))' };

test('ASwishOpPassesItsCheckRunsInProgramsAndTrainsInThePlayground', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(`${server.url}graph.html`);
  await page.waitForSelector('#program[data-state="ready"]');
  const result = await define(page, SWISH);
  assert.equal(result.state, 'ok', result.message);
  assert.match(result.message, /^swish passes: at 12 random points/);
  assert.equal(await page.locator('#userop .uo-table tr.gc-ok').count(), 12);
  assert.equal(await page.locator('#userop li[data-op="swish"]').count(), 1);
  await page.locator('#userop-section').screenshot({ path: path.join(ARTIFACTS, 'graph-user-op.png') });

  // used in a program: the engine records one swish node, and the gradient check finds every value right
  await page.evaluate(() => {
    const editor = document.querySelector('#program').widget;
    editor.input.value = 'a = 0.8\nb = -1.3\nc = swish(a * b) + a';
    return editor.run();
  });
  assert.equal(await page.evaluate(() => document.querySelector('#program').widget.error.hidden), true, 'the program runs');
  await page.locator('#gradcheck-run').click();
  await page.waitForSelector('#gradcheck[data-state="ready"]');
  const rows = await page.locator('#gradcheck tr[data-status]').evaluateAll((rs) => rs.map((r) => [r.dataset.label, r.dataset.status]));
  assert.ok(rows.some(([label]) => label.startsWith('swish')), JSON.stringify(rows));
  assert.deepEqual(rows.filter(([, s]) => s !== 'ok'), []);

  // the playground (same origin, so the same stored ops) offers it and trains with it
  await page.goto(`${server.url}#data=xor&net=8t`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  const select = page.locator('#layer-controls select').first();
  await select.locator('option', { hasText: 'swish' }).waitFor({ state: 'attached', timeout: 10000 });
  await select.selectOption('swish');
  await page.waitForFunction(() => /net=8%3Aswish|net=8:swish/.test(location.hash));
  await page.waitForFunction(() => document.getElementById('train-loss').textContent !== '–', null, { timeout: 15000 });
  const lossAt = () => page.locator('#train-loss').textContent().then(Number);
  const first = await lossAt();
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 30, null, { timeout: 30000 });
  await page.click('#play');
  const last = await lossAt();
  assert.ok(last < first * 0.7, `train loss ${first} -> ${last}`);
  assert.deepEqual(errors, []);

  // a shared link naming a user op this browser has not defined falls back to tanh and says so
  const other = await openPage(browser);
  await other.page.goto(`${server.url}#data=xor&net=8:mish`);
  await other.page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await other.page.waitForFunction(() => document.getElementById('errors').textContent.includes('"mish" is a user op'));
  assert.equal(await other.page.locator('#layer-controls select').first().inputValue(), 'tanh');
  await other.context.close();
  await context.close();
});

test('BadUserOpsGetAMessageNamingTheProblemAndThePageKeepsWorking', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(`${server.url}graph.html`);
  await page.waitForSelector('#program[data-state="ready"]');
  const cases = [
    [{ ...SWISH, forward: 'x * sigmoid(x' }, 'forward', /^forward: line 1, column 14: expected '\)' to close '\('/],
    [{ ...SWISH, backward: 'sigmod(x) * x' }, 'backward', /unknown function 'sigmod'/],
    [{ ...SWISH, backward: 'sigmoid(y)' }, 'backward', /unknown variable 'y'/],
    [{ ...SWISH, backward: 'sum(sigmoid(x))' }, 'backward', /backward gives shape \[\] for an input of shape \[3\]/],
    [{ ...SWISH, backward: 'sigmoid(x)' }, 'gradcheck', /gradient check failed: at x = -?[\d.]+ the backward gives/],
    [{ ...SWISH, name: 'tanh' }, 'name', /'tanh' is a built-in function/],
  ];
  for (const [def, part, pattern] of cases) {
    const result = await define(page, def);
    assert.equal(result.state, 'error', `${JSON.stringify(def)}: ${result.message}`);
    assert.equal(result.part, part, result.message);
    assert.match(result.message, pattern);
    if (part === 'gradcheck') assert.ok(await page.locator('#userop .uo-table tr.gc-bad').count() > 0, 'the failing check shows red points');
  }
  // nothing was defined, and the page still runs programs and checks them
  assert.equal(await page.locator('#userop li[data-op]').count(), 0);
  await page.locator('[data-example="neuron"]').click();
  await page.locator('#gradcheck-run').click();
  await page.waitForSelector('#gradcheck[data-state="ready"]');
  // and a good definition still goes through after all of them
  assert.equal((await define(page, SWISH)).state, 'ok');
  assert.deepEqual(errors, []);
  await context.close();
});
