// End-to-end test of the playground (/) in headless Chromium: trains moons to ≥ 95% test accuracy
// within 20 s, checks the heatmap is drawn and changes with training, that the URL restores the same
// settings (and a shared link the trained weights), and that nothing logs an error. Screenshots of the
// trained playground (desktop and 360 px wide) go to tests/e2e/artifacts/. The heatmap's frame rate (>= 30
// frames/s for a 2-16-16-2 network) is asserted only when the rest of the machine is as good as idle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPage } from './lib/browser.js';
import { ARTIFACTS, previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();

/** Pixels of the heatmap canvas and their variance (over the RGB channels). */
function heatmapPixels(page) {
  return page.evaluate(() => {
    const c = document.getElementById('heatmap');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let sum = 0, sq = 0, n = 0;
    const rgb = [];
    for (let i = 0; i < d.length; i += 4) {
      for (let j = 0; j < 3; j++) { sum += d[i + j]; sq += d[i + j] ** 2; n++; rgb.push(d[i + j]); }
    }
    return { variance: sq / n - (sum / n) ** 2, rgb };
  });
}

const percent = async (page, id) => Number.parseFloat((await page.textContent(`#${id}`)) ?? '');

async function ready(page) {
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await page.waitForFunction(() => document.getElementById('train-acc').textContent.includes('%'), null, { timeout: 10000 });
}

test('moons trains to at least 95% test accuracy within 20 s, with a live heatmap and no errors', async () => {
  const { context, page, errors } = await openPage(session.browser, { width: 1400, height: 950 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.server.url });
  await page.goto(session.server.url);
  await ready(page);
  await page.selectOption('#dataset', 'moons');
  await page.waitForFunction(() => location.hash.includes('data=moons'));
  await page.waitForTimeout(300);
  const before = await heatmapPixels(page);

  const t0 = Date.now();
  await page.click('#play');
  await page.waitForFunction(() => Number.parseFloat(document.getElementById('test-acc').textContent) >= 95,
    null, { timeout: 20000, polling: 100 });
  const seconds = (Date.now() - t0) / 1000;
  await page.waitForTimeout(1500); // let the frame-rate counter measure a full second of training
  const fps = Number(await page.evaluate(() => document.body.dataset.fps));
  const costs = await page.evaluate(() => ({ ...document.body.dataset }));
  await page.click('#play'); // pause
  await page.waitForTimeout(300);
  const acc = await percent(page, 'test-acc');
  console.log(`moons: ${acc}% test accuracy after ${seconds.toFixed(1)} s of training; heatmap ${fps} frames/s ` +
    `(worker frame ${costs.frameMs} ms, page draw ${costs.drawMs} ms, draw-and-acknowledge ${costs.ackMs} ms)`);
  assert.ok(acc >= 95, `test accuracy ${acc}% after pausing`);
  assert.ok(fps >= 5, `the heatmap redrew at only ${fps} frames/s while training`);

  const afterTraining = await heatmapPixels(page);
  assert.ok(afterTraining.variance > 200, `heatmap looks blank: pixel variance ${afterTraining.variance}`);
  let diff = 0;
  for (let i = 0; i < before.rgb.length; i++) diff += Math.abs(before.rgb[i] - afterTraining.rgb[i]);
  diff /= before.rgb.length;
  assert.ok(diff > 2, `heatmap did not change with training: mean pixel difference ${diff}`);

  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-desktop.png'), fullPage: true });

  // a shared link carries the trained weights: it opens on the trained model, without training
  await page.click('#share');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /[#&]w=/, 'the shared link has no weights');
  const shared = await openPage(session.browser, { width: 1400, height: 950 });
  await shared.page.goto(link);
  await ready(shared.page);
  const sharedAcc = await percent(shared.page, 'test-acc');
  assert.ok(Math.abs(sharedAcc - acc) <= 2, `shared link opened at ${sharedAcc}% test accuracy, trained was ${acc}%`);
  assert.equal(await shared.page.textContent('#epoch'), '0');
  assert.deepEqual(shared.errors, []);
  await shared.context.close();

  assert.deepEqual(errors, []);
  await context.close();
});

/** Cores busy (all processes) over the next `ms`, from /proc/stat; null where there is no /proc/stat. */
async function busyCores(ms) {
  const sample = () => {
    const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: cpu.reduce((x, y) => x + y, 0), idle: cpu[3] + (cpu[4] ?? 0) };
  };
  try {
    const a = sample();
    await new Promise((r) => setTimeout(r, ms));
    const b = sample();
    return (1 - (b.idle - a.idle) / (b.total - a.total)) * os.cpus().length;
  } catch {
    return null;
  }
}

// The playground issue asks for >= 30 frames/s on a 2-core laptop-class CPU while a 2-16-16-2 network trains.
// The rate depends on the CPU the page and its worker get: on the shared 2-core dev machine it measured 34-36
// frames/s at load average 1.6-1.9 and 26-31 at load 8-12 (where each Chromium thread got ~20% of a core). So
// >= 30 is asserted only when the machine is as good as idle just before training starts: less than half a core
// busy over 2 s (the page is loaded and paused) and a 1-minute load average below 3. Otherwise the rate is
// logged with the load. (The load average alone lags by a minute: the site build and the previous test, which
// trains for seconds, leave it at ~2.5 on a machine that is otherwise idle.)
test('the heatmap redraws at >= 30 frames/s while a 2-16-16-2 network trains (asserted when the machine is otherwise idle)', async () => {
  const { context, page, errors } = await openPage(session.browser, { width: 1400, height: 950 });
  await page.goto(`${session.server.url}#data=moons&f=x,y&net=16t,16t`);
  await ready(page);
  const busy = await busyCores(2000);
  const load = os.loadavg()[0];
  await page.click('#play');
  await page.waitForTimeout(1000); // the first frames and the JIT's warm-up are not counted
  const count = () => page.evaluate(() => [Number(document.body.dataset.frames), performance.now()]);
  const [f0, t0] = await count();
  await page.waitForTimeout(5000);
  const [f1, t1] = await count();
  const costs = await page.evaluate(() => ({ ...document.body.dataset }));
  await page.click('#play');
  const fps = ((f1 - f0) * 1000) / (t1 - t0);
  const asserted = busy !== null && busy < 0.5 && load < 3;
  console.log(`2-16-16-2 on moons: heatmap ${fps.toFixed(1)} frames/s over ${((t1 - t0) / 1000).toFixed(1)} s of training ` +
    `at load average ${load.toFixed(2)} (now ${os.loadavg()[0].toFixed(2)}, ${os.cpus().length} CPUs, ` +
    `${busy === null ? 'busy cores unknown' : `${busy.toFixed(2)} cores busy before`}); worker frame ` +
    `${costs.frameMs} ms, page draw ${costs.drawMs} ms, draw-and-acknowledge ${costs.ackMs} ms; ` +
    (asserted ? '>= 30 asserted' : '>= 30 NOT asserted: the machine was busy'));
  if (asserted) {
    assert.ok(fps >= 30, `the heatmap redrew at ${fps.toFixed(1)} frames/s (load average ${load.toFixed(2)}, ${busy.toFixed(2)} cores busy)`);
  }
  assert.ok(fps >= 5, `the heatmap redrew at only ${fps.toFixed(1)} frames/s while training`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the URL restores the same dataset, network, hyper-parameters and seed', async () => {
  const { context, page, errors } = await openPage(session.browser);
  await page.goto(session.server.url);
  await ready(page);
  await page.selectOption('#dataset', 'spiral');
  await page.fill('#classes', '4');
  await page.dispatchEvent('#classes', 'change');
  await page.click('#add-layer');
  await page.selectOption('#layer-controls .layer:nth-child(3) select', 'relu');
  await page.selectOption('#optimizer', 'rmsprop');
  await page.selectOption('#lr', '0.1');
  await page.selectOption('#reg', 'l2');
  await page.check('#features input[value="sinx"]');
  await page.fill('#seed', '1234');
  await page.dispatchEvent('#seed', 'change');
  await ready(page);
  const url = page.url();
  const settings = (p) => p.evaluate(() => ({
    dataset: document.getElementById('dataset').value,
    classes: document.getElementById('classes').value,
    seed: document.getElementById('seed').value,
    optimizer: document.getElementById('optimizer').value,
    lr: document.getElementById('lr').value,
    reg: document.getElementById('reg').value,
    features: [...document.querySelectorAll('#features input:checked')].map((b) => b.value),
    layers: [...document.querySelectorAll('#layer-controls .layer')].map((l) => `${l.querySelector('input').value}${l.querySelector('select').value}`),
  }));
  const set = await settings(page);
  assert.deepEqual(set, {
    dataset: 'spiral', classes: '4', seed: '1234', optimizer: 'rmsprop', lr: '0.1', reg: 'l2',
    features: ['x', 'y', 'sinx'], layers: ['16tanh', '16tanh', '16relu'],
  });
  const again = await openPage(session.browser);
  await again.page.goto(url);
  await ready(again.page);
  assert.deepEqual(await settings(again.page), set);
  assert.equal(again.page.url(), url, 'the restored page rewrote its own URL differently');
  assert.deepEqual(again.errors, []);
  assert.deepEqual(errors, []);
  await again.context.close();

  // a teacher's link hides every control but the learning rate
  const teacher = await openPage(session.browser);
  await teacher.page.goto(`${session.server.url}#hide=data,features,layers,loss,optimizer,batch,reg,dropout,io`);
  await ready(teacher.page);
  assert.equal(await teacher.page.isVisible('#lr'), true);
  for (const id of ['#dataset', '#add-layer', '#optimizer', '#loss', '#batch', '#reg', '#dropout', '#model-export']) {
    assert.equal(await teacher.page.isVisible(id), false, `${id} is visible`);
  }
  assert.deepEqual(teacher.errors, []);
  await teacher.context.close();
  await context.close();
});

test('at 360 px wide the playground fits and trains', async () => {
  const { context, page, errors } = await openPage(session.browser, { width: 360, height: 780, deviceScaleFactor: 2 });
  await page.goto(`${session.server.url}#data=circles`);
  await ready(page);
  await page.click('#play');
  await page.waitForFunction(() => Number.parseFloat(document.getElementById('test-acc').textContent) >= 90,
    null, { timeout: 20000, polling: 200 });
  await page.click('#play');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than a 360 px screen`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground-360.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a weight edited from the keyboard reaches the engine and shows in the neuron formula', async () => {
  const { context, page, errors } = await openPage(session.browser);
  await page.goto(`${session.server.url}#data=xor&net=4t`);
  await ready(page);
  await page.hover('#heatmap', { position: { x: 100, y: 100 } }); // the probe point for the formulas
  const neuron = page.locator('#diagram .neuron').nth(2); // layer 1, neuron 1
  await neuron.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3.25');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.weight-editor').hidden);
  await neuron.blur();
  await page.waitForTimeout(300); // the worker answers with a new frame
  await neuron.focus();
  const tip = await page.textContent('#diagram .tooltip');
  assert.match(tip, /layer 1, neuron 1/);
  assert.match(tip, /z = Σ wᵢ·aᵢ \+ b = \(3\.250\)/, tip);
  assert.deepEqual(errors, []);
  await context.close();
});
