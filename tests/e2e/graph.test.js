// The graph page in headless Chromium: the micrograd example's gradients against PyTorch's, stepping
// backward to the end, errors at their position, the MLP's collapsed view, the derivative plots, DOT and
// SVG downloads, no console errors; screenshots (desktop and 360 px) under tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, openPage } from './lib/browser.js';
import { REPO, startPreview } from './lib/previewServer.js';
import { MICROGRAD_EXAMPLE } from '../../web/src/lib/expr/examples.js';

const ARTIFACTS = path.join(REPO, 'tests/e2e/artifacts');
let server, browser;
before(async () => { server = await startPreview(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** micrograd's example in PyTorch (float64): [a.grad, b.grad]. */
function torchGradients() {
  const script = `
import torch
a = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
b = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
c = a + b
d = a * b + b**3
c = c + c + 1
c = c + 1 + c + (-a)
d = d + d * 2 + (b + a).relu()
d = d + 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g = g + 10.0 / f
g.backward()
print(a.grad.item(), b.grad.item())`;
  const run = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, `PyTorch failed: ${run.stderr}`);
  return run.stdout.trim().split(/\s+/).map(Number);
}

async function openGraph(width = 1400) {
  const { context, page, errors } = await openPage(browser, { width, height: 900 });
  await page.goto(`${server.url}graph.html`);
  await page.waitForSelector('#program[data-state="ready"]');
  await page.waitForSelector('#program .nabla-figure svg');
  return { context, page, errors };
}

const leafGrad = (page, name) => page.locator(`#program tr[data-name="${name}"]`).getAttribute('data-grad');

test('MicrogradExampleGradientsOnThePageMatchPyTorch', async () => {
  const [torchA, torchB] = torchGradients();
  const { context, page, errors } = await openGraph();
  await page.locator('#program textarea').fill(MICROGRAD_EXAMPLE);
  await page.locator('#program button', { hasText: 'Run' }).click();
  await page.locator('#program button', { hasText: /^Backward$/ }).click();
  await page.waitForFunction(() => document.querySelector('#program').shadowRoot.querySelector('tr[data-name="a"]')?.dataset.grad);
  const a = Number(await leafGrad(page, 'a')), b = Number(await leafGrad(page, 'b'));
  assert.ok(Math.abs(a - torchA) < 1e-3 * Math.abs(torchA), `a.grad: page ${a}, PyTorch ${torchA}`);
  assert.ok(Math.abs(b - torchB) < 1e-3 * Math.abs(torchB), `b.grad: page ${b}, PyTorch ${torchB}`);
  // the drawn graph shows the gradient too
  assert.match(await page.locator('#program .nabla-figure svg').textContent(), /grad 138\.8/);
  const runMs = Number(await page.locator('#program').getAttribute('data-run-ms'));
  assert.ok(runMs < 50, `running the micrograd program took ${runMs} ms on the main thread`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('StepBackwardWalksEveryNodeToTheEndWithChainRuleProducts', async () => {
  const { context, page, errors } = await openGraph();
  await page.locator('#program textarea').fill('a = 1.5; b = -4; c = a**3 / 5; d = c + relu(b**2)');
  await page.locator('#program button', { hasText: 'Run' }).click();
  await page.waitForFunction(() => document.querySelector('#program').shadowRoot.querySelector('.nabla-panel')?.dataset.steps === '5');
  const panel = page.locator('#program .nabla-panel');
  const stepButton = page.locator('#program button', { hasText: 'Step backward' });
  const explanations = [];
  for (let i = 1; i <= 5; i++) {
    await stepButton.click();
    await page.waitForFunction((n) => document.querySelector('#program').shadowRoot.querySelector('.nabla-panel').dataset.step === String(n), i);
    explanations.push(await page.locator('#program .nabla-explain').textContent());
    // the highlighted node is the step's node (amber fill in the drawn SVG)
    const svg = await page.locator('#program .nabla-figure svg').innerHTML();
    assert.equal(svg.split('#fcd34d').length - 1, 1, `step ${i}: exactly one node highlighted`);
  }
  assert.ok(await stepButton.isDisabled());
  assert.equal(await panel.getAttribute('data-step'), '5');
  assert.match(explanations[4], /^Step 5\/5: pow#2 \(pow\) has grad 0\.2\. a\.grad \+= 0\.2 × ∂pow#2\/∂a = 0\.2 × 6\.75 = 1\.35/);
  assert.match(explanations[2], /b\.grad \+= 1 × ∂pow#7\/∂b = 1 × -8 = -8/);
  assert.ok(Math.abs(Number(await leafGrad(page, 'a')) - 1.35) < 1e-6);
  await page.screenshot({ path: path.join(ARTIFACTS, 'graph-desktop.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('BadProgramsShowTheirLineAndColumnAndThePageKeepsWorking', async () => {
  const { context, page, errors } = await openGraph();
  const cases = [
    ['a = 1\nb = (a +', /line 2, column 9: expected an expression but found end of input/, '2:9'],
    ['a = 1\nb = foo(a)', /line 2, column 5: unknown function 'foo'/, '2:5'],
    ['a = [1, 2]\nb = [1, 2, 3]\nc = a + b', /line 3, column 7: add: /, '3:7'],
    ['@', /line 1, column 1/, '1:1'],
  ];
  for (const [source, message, at] of cases) {
    await page.locator('#program textarea').fill(source);
    await page.locator('#program button', { hasText: 'Run' }).click();
    await page.waitForFunction((want) => document.querySelector('#program').shadowRoot.querySelector('.nabla-error:not([hidden])') &&
      document.querySelector('#program').shadowRoot.firstElementChild.nextElementSibling.firstElementChild.parentElement && true, at);
    const box = page.locator('#program .nabla-error:not([hidden])');
    assert.match(await box.textContent(), message);
  }
  await page.locator('#program textarea').fill('x = 2; y = x * x');
  await page.locator('#program button', { hasText: 'Run' }).click();
  await page.locator('#program button', { hasText: /^Backward$/ }).click();
  await page.waitForFunction(() => document.querySelector('#program').shadowRoot.querySelector('tr[data-name="x"]')?.dataset.grad === '4');
  assert.equal(await page.locator('#program .nabla-error:not([hidden])').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('MlpGraphCollapsesLayersAndDerivativePlotsDraw', async () => {
  const { context, page, errors } = await openGraph();
  await page.waitForSelector('#mlp[data-state="ready"]');
  const nodes = () => page.locator('#mlp .nabla-figure svg g.node').count();
  const full = await nodes();
  await page.locator('#mlp input[type="checkbox"]').check();
  await page.waitForFunction(() => document.querySelector('#mlp').shadowRoot.querySelectorAll('svg g.node').length < 13);
  const collapsed = await nodes();
  assert.equal(full, 13); // x, W1, b1, linear, tanh, W2, b2, linear, const, sub, const, pow, sum
  assert.equal(collapsed, 8); // x, two layers, const, sub, const, pow, sum
  assert.match(await page.locator('#mlp .nabla-figure svg').textContent(), /layer 1: Linear 2→4 \+ tanh/);
  // redraw a bigger MLP through the form
  await page.locator('#mlp-sizes').fill('3-5-5-2');
  await page.locator('#mlp-form button').click();
  await page.waitForFunction(() => document.querySelector('#mlp').shadowRoot?.querySelector('svg')?.textContent.includes('layer 3: Linear 5→2'));
  // derivative plots: tanh with 6 derivatives, the typed function with 3
  await page.waitForSelector('#tanh[data-state="ready"]');
  await page.waitForSelector('#custom[data-state="ready"]');
  assert.equal(await page.locator('#tanh path[data-series]').count(), 7);
  assert.equal(await page.locator('#custom path[data-series]').count(), 4);
  const tanhMs = Number(await page.locator('#tanh .nabla-plot').evaluate((svg) => svg.parentElement.dataset.ms));
  assert.ok(tanhMs < 1500, `six derivatives of tanh took ${tanhMs} ms`);
  // a typed function with a mistake, then a good one
  await page.locator('#custom input.nabla-code').fill('x * exp(-x**2 / )');
  await page.locator('#custom button[type="submit"]').click();
  assert.match(await page.locator('#custom .nabla-error:not([hidden])').textContent(), /line 1, column 17/);
  await page.locator('#custom input.nabla-code').fill('sigmoid(x)');
  await page.locator('#custom button[type="submit"]').click();
  await page.waitForFunction(() => document.querySelector('#custom').shadowRoot.querySelector('.nabla-error').hidden);
  // downloads: DOT and SVG of the program graph
  for (const [label, pattern] of [['DOT', /^digraph nabla \{/], ['SVG', /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/]]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#program button', { hasText: label }).click()]);
    const text = readFileSync(await download.path(), 'utf8');
    assert.match(text, pattern);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('GraphPageFitsA360PixelScreen', async () => {
  const { context, page, errors } = await openGraph(360);
  await page.waitForSelector('#tanh[data-state="ready"]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 360 px`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'graph-360.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
