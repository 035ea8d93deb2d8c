// Browser test of the dark theme (prefers-color-scheme, emulated): the playground's canvases (heatmap, network
// diagram thumbnails, loss chart) fade to the dark panel instead of white, also when the scheme changes while the
// page is open, and the concept pages and their figures turn dark with the system setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from './lib/browser.js';
import { previewAndBrowser } from './lib/session.js';

const session = previewAndBrowser();

const lum = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const parseRgb = (css) => css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);

/** Mean colour of the heatmap, the middle of the first input neuron's thumbnail, and the loss chart's ink. */
const canvasColours = (page) => page.evaluate(() => {
  const mean = (d, keep = () => true) => {
    const sum = [0, 0, 0];
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (!keep(d, i)) continue;
      sum[0] += d[i]; sum[1] += d[i + 1]; sum[2] += d[i + 2]; n++;
    }
    return sum.map((v) => v / Math.max(1, n));
  };
  const heat = document.getElementById('heatmap');
  const links = document.querySelector('#diagram canvas.links');
  const neuron = document.querySelector('#diagram .neuron');
  const box = links.getBoundingClientRect(), nb = neuron.getBoundingClientRect(), s = links.width / box.width;
  const cx = Math.round((nb.left - box.left + nb.width / 2) * s), cy = Math.round((nb.top - box.top + nb.height / 2) * s);
  const chart = document.querySelector('#loss-chart canvas');
  return {
    heatmap: mean(heat.getContext('2d').getImageData(0, 0, heat.width, heat.height).data),
    neuron: [...links.getContext('2d').getImageData(cx, cy, 1, 1).data.slice(0, 3)],
    // the opaque strokes: axis labels and the train curve
    chartInk: mean(chart.getContext('2d').getImageData(0, 0, chart.width, chart.height).data, (d, i) => d[i + 3] > 200),
    body: getComputedStyle(document.body).backgroundColor,
  };
});

test('the playground canvases follow prefers-color-scheme, also when it changes on an open page', async () => {
  const { context, page, errors } = await openPage(session.browser);
  await page.goto(`${session.server.url}#data=moons&n=200&net=8t&seed=3`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  await page.waitForFunction(() => Number(document.body.dataset.frames) > 0);
  await page.click('#step');
  await page.click('#step');
  await page.waitForTimeout(300);
  const light = await canvasColours(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);
  const dark = await canvasColours(page);
  const report = JSON.stringify({ light, dark });
  assert.ok(lum(light.heatmap) > 180 && lum(dark.heatmap) < 90, `heatmap ${report}`);
  assert.ok(lum(light.neuron) > 200 && lum(dark.neuron) < 70, `input thumbnail ${report}`);
  assert.ok(lum(light.chartInk) < 110 && lum(dark.chartInk) > 140, `loss chart ink ${report}`);
  assert.ok(lum(parseRgb(dark.body)) < 40, report);
  // a new frame after the switch is drawn dark too
  await page.click('#step');
  await page.waitForTimeout(300);
  assert.ok(lum((await canvasColours(page)).heatmap) < 90);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a concept page and its figures are dark in the dark scheme', async () => {
  const { context, page, errors } = await openPage(session.browser);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${session.server.url}docs/concepts/activations.html`);
  await page.waitForSelector('nabla-activation[data-state="ready"]', { timeout: 30000 });
  const colours = await page.evaluate(() => {
    const widget = document.querySelector('nabla-activation');
    const axes = widget.shadowRoot.querySelector('g.axes');
    return {
      body: getComputedStyle(document.body).backgroundColor, ink: getComputedStyle(document.body).color,
      nav: getComputedStyle(document.querySelector('.concept-nav')).backgroundColor,
      widget: getComputedStyle(widget).backgroundColor, widgetInk: getComputedStyle(widget).color,
      axes: axes && getComputedStyle(axes).fill,
    };
  });
  const report = JSON.stringify(colours);
  for (const k of ['body', 'nav', 'widget']) assert.ok(lum(parseRgb(colours[k])) < 60, `${k}: ${report}`);
  for (const k of ['ink', 'widgetInk', 'axes']) assert.ok(lum(parseRgb(colours[k])) > 140, `${k}: ${report}`);
  assert.deepEqual(errors, []);
  await context.close();
});
