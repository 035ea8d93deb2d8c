// Browser test of the playground's "Neurons in layer k" boxes: typing, pasting and the arrow keys must
// leave the boxes, the diagram, the address and the worker's network in one consistent state, and the
// network must then train. (A typed 16 -> 8 once left the worker on 16 units and the page throwing.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();

async function ready(page) {
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await page.waitForFunction(() => document.getElementById('train-acc').textContent.includes('%'), null, { timeout: 10000 });
}

/** Boxes, address, diagram columns and the worker's hidden widths (from its last frame's weights). */
const snapshot = (page) => page.evaluate(() => ({
  boxes: [...document.querySelectorAll('#layer-controls input[type=number]')].map((i) => i.value).join(','),
  address: /net=([^&]*)/.exec(location.hash)[1],
  diagram: document.querySelectorAll('#diagram .neuron').length,
  worker: document.body.dataset.workerUnits,
}));

/** Plays for a moment and checks that epochs advance without a page error. */
async function trains(page, errors) {
  await page.click('#play');
  await page.waitForFunction(() => Number(document.getElementById('epoch').textContent) >= 2, null, { timeout: 15000 });
  await page.click('#play');
  assert.deepEqual(errors, []);
}

const spiral = '#data=spiral&k=3&net=16t,16t';
const box = (page, k) => page.getByLabel(`Neurons in layer ${k}`, { exact: true });
const workerAt = (page, units) => page.waitForFunction((u) => document.body.dataset.workerUnits === u, units, { timeout: 10000 });

/**
 * A test on the spiral with two layers of 16: `act(page)` changes the counts (or tries to), then the boxes, the
 * address, the diagram and the worker all show `units` ("a,b"), and the network trains without a page error.
 */
function layersTest(name, units, act, { clipboard = false } = {}) {
  test(name, async () => {
    const { context, page, errors } = await openPage(session.browser);
    if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
    await page.goto(session.server.url + spiral);
    await ready(page);
    await act(page);
    await workerAt(page, units);
    const [a, b] = units.split(',').map(Number);
    assert.deepEqual(await snapshot(page), { boxes: units, address: `${a}t,${b}t`, diagram: 2 + a + b + 3, worker: units });
    await trains(page, errors);
    await context.close();
  });
}

layersTest('typed neuron counts (Enter) reach the address, the diagram and the worker, and the network trains', '8,8', async (page) => {
  for (const k of [1, 2]) {
    await box(page, k).fill('8');
    await box(page, k).press('Enter');
  }
});

layersTest('a pasted neuron count takes effect when the box loses focus', '16,5', async (page) => {
  await page.evaluate(() => navigator.clipboard.writeText('5'));
  await box(page, 2).focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Tab');
}, { clipboard: true });

layersTest('arrow keys step a neuron count one at a time and keep the focus in the box', '11,16', async (page) => {
  await box(page, 1).focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await workerAt(page, '11,16');
  assert.equal(await page.evaluate(() => document.activeElement?.closest('label')?.textContent), 'Neurons in layer 1');
});

layersTest('a typed count out of range says so and keeps the old count everywhere', '16,16', async (page) => {
  await box(page, 1).fill('65');
  await box(page, 1).press('Enter');
  await page.waitForSelector('#errors p');
  assert.match(await page.textContent('#errors'), /Layer 1: neurons must be a whole number from 1 to 64, not "65"/);
});
