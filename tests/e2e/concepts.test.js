// The concept pages (web/docs/concepts/) in headless Chromium: each page opens with no console errors, its
// formulas are typeset (KaTeX output for every data-formula and data-tex element), every figure becomes ready,
// changes when used once, and answers bad input with an inline message while keeping its last good state.
// The pages are reachable from the docs index and from the playground's menus ("?"), and their playground links
// open the playground's settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser, openPage } from './lib/browser.js';
import { openAuthorsPage } from './lib/session.js';
import { REPO, startPreview } from './lib/previewServer.js';
import { CONCEPTS, PLAYGROUND_HELP, conceptFile } from '../../web/src/lib/concepts/catalog.js';

const ARTIFACTS = path.join(REPO, 'tests/e2e/artifacts');
const FIGURES = 'nabla-activation, nabla-loss, nabla-graph, nabla-optimizer-race, nabla-init-histograms, nabla-regularization, nabla-batchnorm, nabla-dropout';
let server, browser;
before(async () => { server = await startPreview(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const body = (page, tag) => page.locator(`${tag} [part=body]`).first();
const state = (page, tag, keys) => body(page, tag).evaluate((el, ks) => ks.map((k) => el.dataset[k] ?? ''), keys);

/** Opens a concept page, waits for its formulas and figures; returns { context, page, errors }. */
async function openConcept(id, viewport) {
  const opened = await openPage(browser, viewport);
  await opened.page.goto(`${server.url}docs/concepts/${id}.html`);
  await opened.page.waitForFunction(() => Number(document.body.dataset.formulas) > 0, null, { timeout: 30000 });
  await opened.page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((w) => w.dataset.state === 'ready'), FIGURES, { timeout: 60000 });
  return opened;
}

/** A test on concept page `id`: opens it, runs fn(page), then checks that nothing logged an error. */
function conceptTest(name, id, fn) {
  test(name, async () => {
    const { context, page, errors } = await openConcept(id);
    await fn(page);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

for (const { id } of CONCEPTS) {
  test(`ConceptPage_${id}_TypesetsEveryFormulaWithoutConsoleErrors`, async () => {
    const { context, page, errors } = await openConcept(id, { width: 1200, height: 900 });
    const counts = await page.evaluate(() => ({
      formulas: document.querySelectorAll('[data-formula]').length,
      typeset: document.querySelectorAll('[data-formula] > .katex-display, [data-tex] > .katex').length,
      tex: document.querySelectorAll('[data-tex]').length,
      errors: document.querySelectorAll('.katex-error').length,
      nav: document.querySelectorAll('.concept-nav a').length,
    }));
    assert.ok(counts.formulas >= 4, `${id}: ${counts.formulas} display formulas`);
    assert.equal(counts.typeset, counts.formulas + counts.tex, `${id}: every formula typeset`);
    assert.equal(counts.errors, 0);
    assert.equal(counts.nav, CONCEPTS.length + 1);
    // no figure starts with an error message (a figure's guard would show one and keep going)
    const messages = await page.evaluate((sel) => [...document.querySelectorAll(sel)].flatMap((w) => [...w.shadowRoot.querySelectorAll('[data-message], .nabla-error')].filter((m) => !m.hidden).map((m) => `${w.localName}: ${m.textContent}`)), FIGURES);
    assert.deepEqual(messages, []);
    await page.screenshot({ path: path.join(ARTIFACTS, `concept-${id}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

conceptTest('ActivationFigureDragsXAndReadsTheEngineValues', 'activations', async (page) => {
  const keys = ['curve', 'x', 'f', 'df'];
  const [curve, x0, f0, df0] = await state(page, 'nabla-activation', keys);
  assert.equal(curve, 'tanh');
  assert.ok(Math.abs(Number(f0) - Math.tanh(Number(x0))) < 1e-6 && Math.abs(Number(df0) - (1 - Math.tanh(Number(x0)) ** 2)) < 1e-6);
  const plot = page.locator('nabla-activation svg[data-figure]');
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
  await page.mouse.up();
  const [, x1, f1, df1] = await state(page, 'nabla-activation', keys);
  assert.ok(Number(x1) < 0 && x1 !== x0, `dragged to x = ${x1}`);
  assert.ok(Math.abs(Number(f1) - Math.tanh(Number(x1))) < 1e-5 && Number(df1) !== Number(df0));
  // another function, with a parameter: leaky ReLU at negative x reads slope * x and the slope
  await page.locator('nabla-activation select').selectOption('leakyRelu');
  const slope = page.locator('nabla-activation input[data-field=slope]');
  await slope.fill('0.2');
  const [, x2, f2, df2] = await state(page, 'nabla-activation', keys);
  assert.ok(Math.abs(Number(f2) - 0.2 * Number(x2)) < 1e-5 && Math.abs(Number(df2) - 0.2) < 1e-6, `leaky at ${x2}: ${f2}, ${df2}`);
  // bad input: an inline message naming the field; the figure keeps its last good state
  const path0 = await page.locator('nabla-activation path[data-series]').first().getAttribute('d');
  await slope.fill('7');
  await page.locator('nabla-activation [data-message]').waitFor({ state: 'visible' });
  assert.match(await page.locator('nabla-activation [data-message]').textContent(), /slope = 7: expected a number from 0 to 1/);
  assert.equal(await page.locator('nabla-activation path[data-series]').first().getAttribute('d'), path0);
  assert.deepEqual((await state(page, 'nabla-activation', keys)).slice(2), [f2, df2]);
  await slope.fill('0.05');
  await page.locator('nabla-activation [data-message]').waitFor({ state: 'hidden' });
});

conceptTest('LossFigureShowsEachLossAndTheGradientItSendsBack', 'losses', async (page) => {
  const keys = ['curve', 'x', 'f', 'df'];
  const [curve, x0, f0, df0] = await state(page, 'nabla-loss', keys);
  assert.equal(curve, 'crossEntropy');
  const z = Number(x0), p = 1 / (1 + Math.exp(-z));
  assert.ok(Math.abs(Number(f0) - Math.log1p(Math.exp(-z))) < 1e-5 && Math.abs(Number(df0) - (p - 1)) < 1e-5, `CE at ${z}: ${f0}, ${df0}`);
  // the NLL of log-softmax reads the same numbers
  await page.locator('nabla-loss select').selectOption('nll');
  const [, , f1, df1] = await state(page, 'nabla-loss', keys);
  assert.ok(Math.abs(Number(f1) - Number(f0)) < 1e-6 && Math.abs(Number(df1) - Number(df0)) < 1e-6);
  // hinge past its margin: zero loss and zero gradient
  await page.locator('nabla-loss select').selectOption('hinge');
  await page.locator('nabla-loss input[data-field=x]').fill('1.5');
  assert.deepEqual((await state(page, 'nabla-loss', keys)).slice(1), ['1.5', '0', '0']);
  await page.locator('nabla-loss input[data-field=x]').fill('0.25');
  assert.deepEqual((await state(page, 'nabla-loss', keys)).slice(1), ['0.25', '0.75', '-1']);
  await page.locator('nabla-loss input[data-field="margin Δ"]').fill('-2');
  await page.locator('nabla-loss [data-message]').waitFor({ state: 'visible' });
  assert.deepEqual((await state(page, 'nabla-loss', keys)).slice(1), ['0.25', '0.75', '-1']);
});

test('ConceptPagesAreReachableFromTheDocsIndexAndLinkIntoThePlayground', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(`${server.url}docs/index.html`);
  for (const { id, title } of CONCEPTS) {
    assert.equal(await page.locator(`a[href="./concepts/${id}.html"]`).count(), 1, `docs index links ${title}`);
  }
  await page.locator('a[href="./concepts/losses.html"]').click();
  await page.waitForFunction(() => Number(document.body.dataset.formulas) > 0);
  // leave only once the figure has loaded the engine (leaving earlier aborts the .wasm request)
  await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((w) => w.dataset.state === 'ready'), FIGURES, { timeout: 60000 });
  await page.locator('a[data-playground]', { hasText: 'hinge' }).click();
  await page.waitForURL(/index\.html#/);
  await page.waitForFunction(() => document.querySelector('#loss')?.value === 'hinge');
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });
  assert.deepEqual(errors, []);
  await context.close();
});

conceptTest('OptimizerRaceRunsEveryOptimizerAndMarksADivergingOne', 'optimizers', async (page) => {
  const race = body(page, 'nabla-optimizer-race');
  const racers = async () => Object.fromEntries((await race.getAttribute('data-racers')).split(' ').map((r) => {
    const [id, status, loss] = r.split(':');
    return [id, { status, loss: Number(loss) }];
  }));
  const start = await racers();
  assert.deepEqual(Object.keys(start), ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw']);
  const pixels0 = await page.locator('nabla-optimizer-race canvas').evaluate((c) => c.toDataURL());
  await page.locator('nabla-optimizer-race button', { hasText: 'Play' }).click();
  await page.waitForFunction(() => Number(document.querySelector('nabla-optimizer-race').shadowRoot.querySelector('[part=body]').dataset.steps) >= 200, null, { timeout: 30000 });
  await page.locator('nabla-optimizer-race button', { hasText: 'Pause' }).click();
  const run = await racers();
  for (const [id, r] of Object.entries(run)) {
    assert.equal(r.status, 'running', id);
    assert.ok(r.loss < start[id].loss, `${id}: loss ${start[id].loss} -> ${r.loss}`);
  }
  assert.notEqual(await page.locator('nabla-optimizer-race canvas').evaluate((c) => c.toDataURL()), pixels0);
  // an out-of-range learning rate: an inline message, the race state untouched
  const sgdLr = page.locator('nabla-optimizer-race input[data-field="SGD lr"]');
  await sgdLr.fill('-1');
  await sgdLr.dispatchEvent('change');
  await page.locator('nabla-optimizer-race [data-message]').waitFor({ state: 'visible' });
  assert.match(await page.locator('nabla-optimizer-race [data-message]').textContent(), /SGD lr = -1: expected a number above 0/);
  assert.deepEqual(await racers(), run);
  // too large a rate on the Rosenbrock valley diverges: marked, not a blank plot
  await sgdLr.fill('0.05');
  await sgdLr.dispatchEvent('change');
  await page.locator('nabla-optimizer-race [data-message]').waitFor({ state: 'hidden' });
  await page.locator('nabla-optimizer-race button', { hasText: 'Step' }).click();
  for (let i = 0; i < 30 && (await racers()).sgd.status !== 'diverged'; i++) await page.locator('nabla-optimizer-race button', { hasText: 'Step' }).click();
  assert.equal((await racers()).sgd.status, 'diverged');
  assert.match(await page.locator('nabla-optimizer-race [data-racer=sgd]').textContent(), /diverged after \d+ steps/);
  assert.equal((await racers()).adam.status, 'running');
  // another surface starts a new race
  await page.locator('nabla-optimizer-race select').selectOption('saddle');
  assert.equal(await race.getAttribute('data-steps'), '0');
  assert.equal(await race.getAttribute('data-surface'), 'saddle');
  await page.screenshot({ path: path.join(ARTIFACTS, 'concept-optimizers-race.png'), fullPage: true });
});

conceptTest('BackpropGraphStepsBackwardWritingEachLocalDerivative', 'backprop', async (page) => {
  const graph = page.locator('nabla-graph[data-example]');
  const panel = graph.locator('[data-steps]');
  await panel.waitFor();
  const steps = Number(await panel.getAttribute('data-steps'));
  assert.ok(steps >= 5, `${steps} backward steps`);
  const before = await graph.locator('.nabla-explain').textContent();
  await graph.locator('button', { hasText: 'Step backward' }).click();
  await page.waitForFunction(() => document.querySelector('nabla-graph[data-example]').shadowRoot.querySelector('[data-steps]').dataset.step === '1');
  const first = await graph.locator('.nabla-explain').textContent();
  assert.notEqual(first, before);
  // the first node visited is e = c * d: it sends d to c and c to d (c = -0.5, d = -11 at a = 1.5, b = -2)
  assert.match(first, /× ∂e\/∂c = 1 × -11 = -11/);
  assert.match(first, /× ∂e\/∂d = 1 × -0.5 = -0.5/);
  await graph.locator('button', { hasText: /^Backward$/ }).click();
  await page.waitForFunction(() => document.querySelector('nabla-graph[data-example]').shadowRoot.querySelector('tr[data-name="a"]')?.dataset.grad);
  assert.equal(await graph.locator('tr[data-name="a"]').getAttribute('data-grad'), String(-11 * 1 + -0.5 * -2));
  assert.equal(await graph.locator('tr[data-name="b"]').getAttribute('data-grad'), String(-11 + -0.5 * (1.5 + 12)));
});

conceptTest('InitHistogramsShowVanishingAndSteadySignals', 'initializers', async (page) => {
  const fig = body(page, 'nabla-init-histograms');
  const stds = async (key) => (await fig.getAttribute(key)).split(',').map(Number);
  assert.equal(await page.locator('nabla-init-histograms .nabla-hists figure').count(), 8);
  const xavier = await stds('data-act-std');
  await page.locator('nabla-init-histograms select[aria-label=initializer]').selectOption('normal');
  const sigma = page.locator('nabla-init-histograms input[data-field=σ]');
  await sigma.fill('0.01');
  await sigma.dispatchEvent('change');
  const tiny = await stds('data-act-std');
  assert.notDeepEqual(tiny, xavier);
  assert.ok(tiny[7] < 1e-5 * tiny[0], `sigma 0.01: the signal vanishes (${tiny[0]} -> ${tiny[7]})`);
  // He with ReLU holds the activations' spread within a factor 2 from the first layer to the last
  await page.locator('nabla-init-histograms select[aria-label=initializer]').selectOption('he');
  await page.locator('nabla-init-histograms select[aria-label=activation]').selectOption('relu');
  const he = await stds('data-act-std');
  assert.ok(he[7] > he[0] / 2 && he[7] < he[0] * 2, `He + ReLU: ${he}`);
  // zeros: every activation and every gradient exactly 0
  await page.locator('nabla-init-histograms select[aria-label=initializer]').selectOption('zeros');
  assert.ok((await stds('data-grad-std')).every((g) => g === 0));
  // a bad sigma: an inline message, the last histograms kept
  await page.locator('nabla-init-histograms select[aria-label=initializer]').selectOption('normal');
  const before = await fig.getAttribute('data-act-std');
  await sigma.fill('-3');
  await sigma.dispatchEvent('change');
  await page.locator('nabla-init-histograms [data-message]').waitFor({ state: 'visible' });
  assert.match(await page.locator('nabla-init-histograms [data-message]').textContent(), /σ = -3: expected a number from 0 to 10/);
  assert.equal(await fig.getAttribute('data-act-std'), before);
});

conceptTest('RegularizationFigureTrainsWithAndWithoutAndShowsTheWeights', 'regularization', async (page) => {
  const fig = body(page, 'nabla-regularization');
  const side = (which) => page.locator(`nabla-regularization figure[data-side=${which}]`);
  const done = () => page.waitForFunction(() => document.querySelector('nabla-regularization').shadowRoot.querySelector('[part=body]').dataset.done === 'true', null, { timeout: 60000 });
  await done();
  const read = async (which) => Object.fromEntries(await Promise.all(['small', 'sumSq', 'testLoss', 'steps'].map(async (k) => [k, Number(await side(which).getAttribute(`data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`))])));
  const [plain, l1] = [await read('without'), await read('with')];
  assert.equal(plain.steps, 3000);
  assert.ok(l1.small > 0.5 && plain.small < 0.2, `L1 zeroes weights: ${l1.small} vs ${plain.small} of the weights below 0.01`);
  assert.ok(l1.sumSq < plain.sumSq && l1.testLoss < plain.testLoss, `L1 ${JSON.stringify(l1)} vs none ${JSON.stringify(plain)}`);
  // another regularizer retrains both sides, at its own starting rate
  await page.locator('nabla-regularization select').selectOption('l2');
  assert.equal(await fig.getAttribute('data-regularizer'), 'l2');
  assert.equal(await fig.getAttribute('data-rate'), '0.003');
  await done();
  const l2 = await read('with');
  assert.notDeepEqual(l2, l1);
  assert.ok(l2.sumSq < plain.sumSq, `L2 shrinks the weights: ${l2.sumSq} vs ${plain.sumSq}`);
  // decoupled weight decay (AdamW, at its own rate scale) shrinks the weights too
  await page.locator('nabla-regularization select').selectOption('adamW');
  assert.equal(await fig.getAttribute('data-rate'), '1');
  await done();
  const adamW = await read('with');
  assert.ok(adamW.sumSq < plain.sumSq, `AdamW shrinks the weights: ${adamW.sumSq} vs ${plain.sumSq}`);
  await page.locator('nabla-regularization select').selectOption('l2');
  await done();
  // a bad rate: an inline message, the last trained pair stays
  const rate = page.locator('nabla-regularization input[data-field=λ]');
  await rate.fill('-0.1');
  await rate.dispatchEvent('change');
  await page.locator('nabla-regularization [data-message]').waitFor({ state: 'visible' });
  assert.match(await page.locator('nabla-regularization [data-message]').textContent(), /λ = -0.1: expected a number from 0 to 10/);
  assert.equal(await fig.getAttribute('data-regularizer'), 'l2');
  assert.deepEqual(await read('with'), l2);
  await page.screenshot({ path: path.join(ARTIFACTS, 'concept-regularization.png'), fullPage: true });
});

test('PlaygroundMenusLinkTheirConceptPages', async () => {
  const { context, page, errors } = await openPage(browser);
  await page.goto(`${server.url}index.html`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 30000 });   // leaving earlier aborts the worker's .wasm request
  for (const [menu, concept] of Object.entries(PLAYGROUND_HELP)) {
    const link = page.locator(`a.concept-help[data-help-for=${menu}]`);
    assert.equal(await link.count(), 1, `the ${menu} menu has a "?"`);
    assert.ok(await link.isVisible(), `the ${menu} "?" is visible`);
    assert.equal(await link.getAttribute('href'), `./docs/concepts/${conceptFile(concept)}`);
  }
  await page.locator('a.concept-help[data-help-for=optimizer]').click();
  await page.waitForURL(/concepts\/optimizers\.html$/);
  await page.waitForFunction(() => Number(document.body.dataset.formulas) > 0);
  await page.waitForFunction((sel) => [...document.querySelectorAll(sel)].every((w) => w.dataset.state === 'ready'), FIGURES, { timeout: 60000 });
  assert.deepEqual(errors, []);
  await context.close();
});

conceptTest('BatchNormFigureKeepsTheNormalizedSideAtMeanZeroSpreadOne', 'batchnorm', async (page) => {
  const fig = body(page, 'nabla-batchnorm');
  const layer = async (bn) => {
    const el = page.locator(`nabla-batchnorm .nabla-bn-layer`).nth(bn === '1' ? 0 : 1);
    return Object.fromEntries(await Promise.all(['before-std', 'after-std', 'after-mean', 'gap'].map(async (k) => [k, Number(await el.getAttribute(`data-${k}`))])));
  };
  const start = await layer('4');
  // running statistics 0 and 1 at step 0: BatchNorm passes its values through (divided by sqrt(1 + eps))
  assert.ok(Math.abs(start['after-std'] - start['before-std'] / Math.sqrt(1 + 1e-5)) < 1e-5 * start['before-std'], JSON.stringify(start));
  await page.locator('nabla-batchnorm button', { hasText: 'Play' }).click();
  await page.waitForFunction(() => Number(document.querySelector('nabla-batchnorm').shadowRoot.querySelector('[part=body]').dataset.steps) >= 1000, null, { timeout: 60000 });
  await page.locator('nabla-batchnorm button', { hasText: 'Pause' }).click();
  const trained = await layer('4');
  assert.ok(trained['before-std'] > 1.5 * start['before-std'], `before BatchNorm the values spread out: ${start['before-std']} -> ${trained['before-std']}`);
  assert.ok(Math.abs(trained['after-std'] - 1) < 0.1 && Math.abs(trained['after-mean']) < 0.1, `after: mean ${trained['after-mean']}, std ${trained['after-std']}`);
  assert.ok(Number(await fig.getAttribute('data-loss')) < 0.1);
  // a bad momentum: an inline message, the trained network stays
  const momentum = page.locator('nabla-batchnorm input[data-field="BatchNorm momentum α"]');
  await momentum.fill('1.5');
  await momentum.dispatchEvent('change');
  await page.locator('nabla-batchnorm [data-message]').waitFor({ state: 'visible' });
  assert.match(await page.locator('nabla-batchnorm [data-message]').textContent(), /momentum α = 1.5: expected a number from 0 to 1/);
  assert.ok(Number(await fig.getAttribute('data-steps')) >= 1000);
  // learnable gamma and beta: a fresh network
  await momentum.fill('0.1');
  await page.locator('nabla-batchnorm input[type=checkbox]').check();
  assert.equal(await fig.getAttribute('data-steps'), '0');
  assert.equal(await fig.getAttribute('data-affine'), 'true');
});

conceptTest('DropoutFigureDrawsBothMasksAndTrainsThreeWays', 'dropout-dropconnect', async (page) => {
  const fig = body(page, 'nabla-dropout');
  const note = page.locator('nabla-dropout [data-mask]');
  await page.waitForFunction(() => document.querySelector('nabla-dropout').shadowRoot.querySelector('[part=body]').dataset.done === 'true', null, { timeout: 90000 });
  assert.equal(await note.getAttribute('data-mask'), 'dropout');
  assert.equal(await note.getAttribute('data-total'), '12');   // the 6 + 6 hidden units
  const units = Number(await note.getAttribute('data-kept'));
  assert.equal(await page.locator('nabla-dropout circle[data-unit-kept=false]').count(), 12 - units);
  // DropConnect: the mask is on the 3*6 + 6*6 + 6*2 links, every unit stays
  await page.locator('nabla-dropout select').selectOption('dropconnect');
  assert.equal(await note.getAttribute('data-mask'), 'dropconnect');
  assert.equal(await note.getAttribute('data-total'), '66');
  assert.equal(await page.locator('nabla-dropout circle[data-unit-kept=false]').count(), 0);
  const masks = new Set();
  for (let i = 0; i < 4; i++) {
    await page.locator('nabla-dropout button', { hasText: 'New mask' }).click();
    masks.add(await page.locator('nabla-dropout line[data-kept]').evaluateAll((ls) => ls.map((l) => l.dataset.kept[0]).join('')));
  }
  assert.ok(masks.size > 1, 'New mask draws another mask');
  // with p = 0.2, both ways of dropping end with a lower test loss than training without (the numbers the page's prose quotes)
  const [none, dropout, dropconnect] = await Promise.all(['noneTest', 'dropoutTest', 'dropconnectTest'].map(async (k) => Number(await fig.evaluate((el, key) => el.dataset[key], k))));
  assert.ok(dropout < none && dropconnect < none, `test losses: none ${none}, dropout ${dropout}, DropConnect ${dropconnect}`);
  // p = 1 would keep nothing: an inline message, the last curves kept
  const p = page.locator('nabla-dropout input[data-field=p]');
  await p.fill('1');
  await p.dispatchEvent('change');
  await page.locator('nabla-dropout [data-message]').waitFor({ state: 'visible' });
  assert.match(await page.locator('nabla-dropout [data-message]').textContent(), /p = 1: .*nothing is kept/);
  assert.equal(await fig.getAttribute('data-steps'), '2400');
});

test('ConceptPagesFitA360PixelScreen', async () => {
  for (const { id } of CONCEPTS) {
    const { context, page, errors } = await openConcept(id, { width: 360, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${id} scrolls sideways by ${overflow} px at 360 px`);
    if (id === 'optimizers') await page.screenshot({ path: path.join(ARTIFACTS, 'concept-optimizers-360.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('ConceptFiguresEmbedOnAnotherPageAndAsAnIframe', async () => {
  const { context, page, errors } = await openAuthorsPage(browser, server, `<nabla-activation fn="gelu" x="-1"></nabla-activation>
<iframe src="embed.html?widget=optimizer-race&surface=bowl" width="700" height="700" title="race"></iframe>`, { height: 900, file: 'concept-notes.html' });
  await page.waitForFunction(() => document.querySelector('nabla-activation')?.dataset.state === 'ready');
  const f = Number(await page.locator('nabla-activation [part=body]').getAttribute('data-f'));
  assert.ok(Math.abs(f - -0.15865525) < 1e-5, `GELU(-1) = ${f}`);
  const frame = page.frameLocator('iframe');
  await frame.locator('nabla-optimizer-race[data-state="ready"]').waitFor();
  assert.equal(await frame.locator('nabla-optimizer-race [part=body]').getAttribute('data-surface'), 'bowl');
  assert.deepEqual(errors, []);
  await context.close();
});
